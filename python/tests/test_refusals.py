"""What the .grad language cannot express is refused: the op, its module path, what to do."""

from __future__ import annotations

from typing import Any, Callable

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

import gradviz
from gradviz import UnsupportedError


class Block(nn.Module):
    """``body`` applied inside a named submodule, so refusals have a module path to name."""

    def __init__(self, body: Callable[[Any, torch.Tensor], torch.Tensor], **children: nn.Module) -> None:
        super().__init__()
        for name, child in children.items():
            self.add_module(name, child)
        self.body = body

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(self, x)


def refusal(model: nn.Module, x: torch.Tensor) -> UnsupportedError:
    with pytest.raises(UnsupportedError) as caught:
        gradviz.from_torch(model, x)
    return caught.value


def outer(inner: nn.Module) -> nn.Sequential:
    return nn.Sequential(nn.Identity(), nn.Sequential(inner))


@pytest.mark.parametrize(
    ("layer", "x", "op", "path", "advice"),
    [
        (nn.Conv2d(1, 1, 2), torch.randn(1, 1, 3, 3), "Conv2d", "1.0", "fully connected"),
        (nn.Conv1d(1, 1, 2), torch.randn(1, 4), "Conv1d", "1.0", "fully connected"),
        (nn.BatchNorm1d(3), torch.randn(4, 3), "BatchNorm1d", "1.0", "fold"),
        (nn.BatchNorm1d(3).eval(), torch.randn(4, 3), "BatchNorm1d", "1.0", "fold"),
        (nn.LayerNorm(3), torch.randn(4, 3), "LayerNorm", "1.0", "leave the layer out"),
        (nn.Embedding(5, 3), torch.tensor([1, 2]), "Embedding", "1.0", "one-hot"),
        (nn.Dropout(0.5), torch.randn(2, 3), "Dropout", "1.0", "model.eval()"),
        (nn.ReLU(inplace=True), torch.randn(2, 3), "ReLU(inplace=True)", "1.0", "inplace=False"),
        (nn.LeakyReLU(0.2), torch.randn(2, 3), "LeakyReLU(negative_slope=0.2)", "1.0", "slope 0.01"),
        (nn.Softmax(dim=0), torch.randn(2, 3), "Softmax(dim=0)", "1.0", "dim=-1"),
    ],
)
def test_layers_the_language_lacks(layer: nn.Module, x: torch.Tensor, op: str, path: str, advice: str) -> None:
    error = refusal(outer(layer), x)
    assert error.op == op and error.module_path == path
    assert advice in error.advice
    assert op in str(error) and f"module '{path}'" in str(error)


def test_a_tensor_of_rank_three_names_the_op_that_made_it() -> None:
    model = Block(lambda self, x: (x.unsqueeze(0) * 2).sum())
    error = refusal(nn.Sequential(model), torch.randn(2, 3))
    assert "rank 3" in error.op and "unsqueeze" in error.op and error.module_path == "0"
    assert "flatten" in error.advice


def test_data_dependent_control_flow_names_the_module() -> None:
    def body(self: Any, x: torch.Tensor) -> torch.Tensor:
        if x.sum() > 0:
            return torch.relu(x).sum()
        return x.sum()

    error = refusal(nn.Sequential(nn.Identity(), Block(body)), torch.randn(3))
    assert "control flow" in error.op and error.module_path == "1"
    assert "both branches" in error.advice


@pytest.mark.parametrize(
    ("body", "op"),
    [
        (lambda self, x: x.relu_().sum(), "in-place relu_"),
        (lambda self, x: x.mul(2).add_(1).sum(), "in-place add_"),
        (lambda self, x: F.relu(x, inplace=True).sum(), "in-place relu"),
    ],
)
def test_in_place_operations(body: Callable[[Any, torch.Tensor], torch.Tensor], op: str) -> None:
    error = refusal(nn.Sequential(Block(body)), torch.randn(3))
    assert error.op == op and error.module_path == "0"
    assert "out-of-place" in error.advice or "inplace=False" in error.advice


def test_functional_convolution_and_unknown_ops() -> None:
    weight = torch.randn(1, 1, 2, 2)
    error = refusal(nn.Sequential(Block(lambda self, x: F.conv2d(x, weight).sum())), torch.randn(1, 1, 3, 3))
    assert error.op == "conv2d" and error.module_path == "0"
    error = refusal(nn.Sequential(Block(lambda self, x: torch.cumsum(x, 0).sum())), torch.randn(3))
    assert error.op == "cumsum" and "operations the bridge knows" in error.advice
    error = refusal(nn.Sequential(Block(lambda self, x: x.sum(dim=0).sum())), torch.randn(2, 3))
    assert error.op == "sum over a dimension"


def test_a_non_scalar_output_without_a_loss_says_what_to_give() -> None:
    with pytest.raises(ValueError, match="give loss= and target="):
        gradviz.from_torch(nn.Linear(2, 3), torch.randn(2))


def test_micrograd_op_it_does_not_know() -> None:
    from micrograd.engine import Value

    x = Value(2.0)
    y = Value(x.data ** 0.5, (x,), "sqrt")
    with pytest.raises(UnsupportedError, match="'sqrt'"):
        gradviz.from_micrograd(y * 3, names={x: "x"})


def test_no_binary_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADVIZ", "")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(gradviz.GradVizNotFoundError, match="swift build -c release"):
        gradviz.binary()
    monkeypatch.setenv("GRADVIZ", "/nonexistent/gradviz")
    with pytest.raises(gradviz.GradVizNotFoundError, match="GRADVIZ=/nonexistent/gradviz"):
        gradviz.binary()
