#!/usr/bin/env python3
"""HIPS autograd on GradViz's tensor benchmark workload (run by `gradviz-bench tensor`).

micrograd's MLP(2, [16, 16, 1]) over the whole batch as NumPy arrays: relu(X @ W + b) twice, then
X @ W + b; micrograd's demo loss mean(relu(1 - y * score)) + alpha * sum(p ** 2). Times
autograd.value_and_grad per call and prints `key value` lines: calls, seconds and cpu_seconds
(medians per call; CPU time is the process's, BLAS threads included), the loss, and the sum of
every gradient entry so the Swift side can check that both computed the same thing.

Usage: autograd_bench.py --input FILE   (FILE is the JSON the Swift benchmark writes)
"""
import argparse
import json
import statistics
import sys
import time

try:
    import autograd.numpy as np
    from autograd import value_and_grad
except ImportError:
    print("error: autograd is not installed (pip install autograd)", file=sys.stderr)
    sys.exit(3)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    args = parser.parse_args()
    with open(args.input) as f:
        data = json.load(f)
    X = np.array(data["X"])
    y = np.array(data["y"])
    alpha = data["alpha"]
    params = []
    for layer in data["layers"]:
        params += [np.array(layer["W"]), np.array(layer["b"])]

    def loss(params):
        a = X
        layers = len(params) // 2
        for k in range(layers):
            z = np.dot(a, params[2 * k]) + params[2 * k + 1]
            a = z if k == layers - 1 else np.maximum(z, 0)
        margins = np.maximum(1 - y * a, 0)
        penalty = 0
        for p in params:
            penalty = penalty + np.sum(p * p)
        return np.mean(margins) + alpha * penalty

    step = value_and_grad(loss)
    value, grads = step(params)  # warm-up, and the numbers to compare
    walls, cpus = [], []
    for _ in range(data["calls"]):
        start, start_cpu = time.perf_counter(), time.process_time()
        step(params)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    print("calls", len(walls))
    print("seconds", statistics.median(walls))
    print("cpu_seconds", statistics.median(cpus))
    print("loss", repr(float(value)))
    print("grad_checksum", repr(float(sum(np.sum(g) for g in grads))))


if __name__ == "__main__":
    main()
