"""The Python bridge against torchviz, side by side in one Python process with torch imported.

For a 2-3-1 and a 2-16-16-1 sigmoid MLP with MSELoss: `gradviz.from_torch(...)` followed by
`.render(...svg)` (trace, FX interpreter in float64, the script, one `gradviz render` process)
against torchviz's `make_dot(loss, params).render(format="svg")` (a forward and the autograd
graph walked, one `dot` process). Each is timed `RUNS` times after one warm-up, alternating,
and the medians and their ratio are printed.

usage: GRADVIZ=path/to/gradviz python3 bench/python_bridge.py [RUNS]
needs: pip install ./python torchviz graphviz; apt-get install graphviz (the dot program)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch
import torch.nn as nn
from torchviz import make_dot

import gradviz


def mlp(sizes: list[int]) -> nn.Sequential:
    layers: list[nn.Module] = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers.append(nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(nn.Sigmoid())
    return nn.Sequential(*layers)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    scratch = Path(tempfile.mkdtemp(prefix="bridge-bench-"))
    print(f"gradviz binary: {gradviz.binary()}; {runs} runs each, alternating, medians")
    for sizes in ([2, 3, 1], [2, 16, 16, 1]):
        torch.manual_seed(0)
        model = mlp(sizes)
        x, y = torch.tensor([1.0, 2.0]), torch.tensor([0.5])

        def bridge() -> None:
            gradviz.from_torch(model, x, target=y, loss=nn.MSELoss()).render(scratch / "bridge.svg")

        def torchviz() -> None:
            loss = nn.functional.mse_loss(model(x), y)
            make_dot(loss, params=dict(model.named_parameters())).render(
                str(scratch / "torchviz"), format="svg", cleanup=True)

        times: dict[str, list[float]] = {"bridge": [], "torchviz": []}
        bridge()
        torchviz()
        for _ in range(runs):
            for name, work in (("bridge", bridge), ("torchviz", torchviz)):
                start = time.perf_counter()
                work()
                times[name].append(time.perf_counter() - start)
        b, t = statistics.median(times["bridge"]), statistics.median(times["torchviz"])
        label = "-".join(str(s) for s in sizes)
        print(f"{label}: from_torch+render {b * 1000:.1f} ms, make_dot+render {t * 1000:.1f} ms, "
              f"bridge/torchviz {b / t:.2f}x")


if __name__ == "__main__":
    main()
