"""Writes micrograd's MLP(2, [w, w, 1]) on one sample as a .grad script of scalars.

Usage: python3 bench/scalar_mlp_grad.py OUT.grad [WIDTH]   (WIDTH 16 is micrograd's MLP(2, [16, 16, 1]))
Shared by bench/render_end_to_end.sh and bench/layout_caps.sh so both time the same graphs.
"""
import random
import sys

random.seed(1)
width = int(sys.argv[2]) if len(sys.argv) > 2 else 16
lines = ["x_0 = 0.5", "x_1 = -1.5", "y = 1"]
inputs = ["x_0", "x_1"]
for layer, (nin, nout) in enumerate([(2, width), (width, width), (width, 1)]):
    outputs = []
    for j in range(nout):
        terms = []
        for i in range(nin):
            lines.append(f"w_{layer}_{j}_{i} = {random.uniform(-1, 1):.6f}")
            terms.append(f"w_{layer}_{j}_{i} * {inputs[i]}")
        lines.append(f"b_{layer}_{j} = 0")
        body = " + ".join(terms) + f" + b_{layer}_{j}"
        name = f"h_{layer}_{j}"
        lines.append(f"{name} = relu({body})" if layer < 2 else f"{name} = {body}")
        outputs.append(name)
    inputs = outputs
lines.append(f"L = ({inputs[0]} - y)^2")
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
