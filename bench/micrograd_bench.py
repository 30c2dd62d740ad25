#!/usr/bin/env python3
"""micrograd on GradViz's engine benchmark workload (run by `gradviz-bench engine`).

Builds micrograd's MLP(2, [16, 16, 1]) over a batch of samples as scalar Values, the loss
sum((y_pred - y)**2) over the batch, and runs loss.backward(). Prints `key value` lines:
nodes (Values reachable from the loss, counted after timing), build/backward seconds (wall clock
and the worker thread's CPU time), nodes per second (build + backward), the loss, and the sum of
the parameters' gradients so the Swift side can check that both engines computed the same thing.

Usage: micrograd_bench.py [--batch N] [--input FILE] [--gc] [--runs N]
FILE (written by the Swift benchmark) is JSON {"parameters": [...], "inputs": [[x0, x1], ...],
"targets": [...]} with the parameters in micrograd's MLP.parameters() order; without it the
script draws its own seeded weights and data.
"""
import argparse
import gc
import json
import random
import sys
import threading
import time

try:
    from micrograd.engine import Value
    from micrograd.nn import MLP
except ImportError:
    print("error: micrograd is not installed (pip install micrograd)", file=sys.stderr)
    sys.exit(3)


def count_nodes(root):
    """Values reachable from root, counted with an explicit stack (micrograd recurses)."""
    seen = {id(root)}
    stack = [root]
    while stack:
        v = stack.pop()
        for child in v._prev:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return len(seen)


def run(args, result):
    if args.input:
        with open(args.input) as f:
            data = json.load(f)
        inputs, targets, weights = data["inputs"], data["targets"], data["parameters"]
    else:
        rng = random.Random(42)
        inputs = [[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(args.batch)]
        targets = [x0 * x1 + 0.5 * x0 for x0, x1 in inputs]
        weights = None

    # Python's cyclic garbage collector slows building a million Values about tenfold (each
    # Value's _backward closure makes a reference cycle); by default it is paused while timing so
    # that micrograd runs at its best. --gc keeps it on, as a plain script would run.
    # Each run builds and differentiates the whole graph again in this process, after the last
    # one's graph was freed (outside the timing), as a training loop does; the fastest run (by CPU
    # time) is reported, so memory Python already has is reused, as GradViz reuses its tape's.
    best = None
    for _ in range(args.runs):
        model = loss = None
        gc.collect()
        if not args.gc:
            gc.disable()
        start, start_cpu = time.perf_counter(), time.thread_time()
        model = MLP(2, [16, 16, 1])
        if weights is not None:
            for p, w in zip(model.parameters(), weights):
                p.data = w
        loss = sum((model(x) - y) ** 2 for x, y in zip(inputs, targets))
        built, built_cpu = time.perf_counter(), time.thread_time()
        loss.backward()
        done, done_cpu = time.perf_counter(), time.thread_time()
        gc.enable()
        if best is None or done_cpu - start_cpu < best[5] - best[1]:
            best = (start, start_cpu, built, built_cpu, done, done_cpu)
    start, start_cpu, built, built_cpu, done, done_cpu = best
    # The last run's graph: counted and checked (every run computes the same numbers).
    result["nodes"] = count_nodes(loss)
    result["build_seconds"] = built - start
    result["backward_seconds"] = done - built
    result["build_cpu_seconds"] = built_cpu - start_cpu
    result["backward_cpu_seconds"] = done_cpu - built_cpu
    result["nodes_per_second"] = result["nodes"] / (done - start)
    result["cpu_nodes_per_second"] = result["nodes"] / (done_cpu - start_cpu)
    result["loss"] = loss.data
    result["grad_checksum"] = sum(p.grad for p in model.parameters())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=1479)
    parser.add_argument("--input")
    parser.add_argument("--gc", action="store_true", help="keep the garbage collector on")
    parser.add_argument("--runs", type=int, default=2, help="timed runs in this process; the fastest is reported")
    args = parser.parse_args()
    # micrograd's backward builds its topological order recursively, as deep as the loss's
    # chain of additions: give it room.
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(512 * 1024 * 1024)
    result = {}
    worker = threading.Thread(target=run, args=(args, result))
    worker.start()
    worker.join()
    if "nodes" not in result:
        sys.exit(1)
    for key in ("nodes", "build_seconds", "backward_seconds", "build_cpu_seconds",
                "backward_cpu_seconds", "nodes_per_second", "cpu_nodes_per_second", "loss",
                "grad_checksum"):
        value = result[key]
        print(f"{key} {value!r}" if isinstance(value, float) else f"{key} {value}")


if __name__ == "__main__":
    main()
