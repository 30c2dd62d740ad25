"""A small PyTorch model drawn by GradViz: the lecture's 2-3-1 sigmoid MLP with MSELoss.

    pip install ./python            # from the GradViz repository
    GRADVIZ=path/to/gradviz python3 samples/torch_mlp.py [OUTPUT.svg]

writes output/torch_mlp.svg (or OUTPUT) and prints GradViz's check against PyTorch's float64
gradients.
"""

from __future__ import annotations

import sys

import torch
import torch.nn as nn

import gradviz


def main() -> int:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 3), nn.Sigmoid(), nn.Linear(3, 1))
    x = torch.tensor([1.0, 2.0])
    y = torch.tensor([0.5])
    script = gradviz.from_torch(model, x, target=y, loss=nn.MSELoss())
    result = script.check()
    print(result)
    target = sys.argv[1] if len(sys.argv) > 1 else "output/torch_mlp.svg"
    print(f"wrote {script.render(target)}")
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
