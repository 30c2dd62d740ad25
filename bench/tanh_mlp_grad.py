"""Writes a scalar MLP 4-8-8-1 with tanh units as a .grad script: 143 nodes, the slide-build
benchmark's large figure (bench/one_layout.sh).

Usage: python3 bench/tanh_mlp_grad.py OUT.grad
"""
import random
import sys

random.seed(1)
lines = [f"x_{i} = {random.uniform(-1, 1):.4f}" for i in range(4)]
inputs = [f"x_{i}" for i in range(4)]
for layer, (nin, nout) in enumerate([(4, 8), (8, 8), (8, 1)]):
    outputs = []
    for j in range(nout):
        for i in range(nin):
            lines.append(f"w_{layer}_{j}_{i} = {random.uniform(-1, 1):.4f}")
        lines.append(f"b_{layer}_{j} = {random.uniform(-0.5, 0.5):.4f}")
        body = " + ".join(f"w_{layer}_{j}_{i} * {inputs[i]}" for i in range(nin)) + f" + b_{layer}_{j}"
        lines.append(f"h_{layer}_{j} = tanh({body})")
        outputs.append(f"h_{layer}_{j}")
    inputs = outputs
lines.append(f"L = ({inputs[0]} - 1)^2")
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
