"""from_torch against PyTorch itself, in float64, over the forms a course uses."""

from __future__ import annotations

import copy
import json
import re
import tempfile
from pathlib import Path

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

import gradviz
from conftest import assert_agrees


def mlp(*layers: nn.Module) -> nn.Sequential:
    """``nn.Sequential(*layers)`` (the layers drew their weights from the seed set below)."""
    return nn.Sequential(*layers)


@pytest.fixture(autouse=True)
def seeded() -> None:
    torch.manual_seed(0)


def test_sequential_names_blocks_by_class_and_position_and_labels_as_the_lecture() -> None:
    model = mlp(nn.Linear(2, 3), nn.Sigmoid(), nn.Linear(3, 1))
    script = gradviz.from_torch(model, torch.tensor([1.0, 2.0]), torch.tensor([0.5]), nn.MSELoss())
    source = script.source
    for block in ("module model {", "module linear0 {", "module sigmoid1 {", "module linear2 {"):
        assert block in source
    assert "z1 = W1 @ x + b1" in source  # one sample: W @ x + b
    assert "L = mse(yhat, y)" in source
    assert re.search(r"^constant x y$", source, re.M)
    for name, label in {"W1": "W⁽¹⁾", "b1": "b⁽¹⁾", "W2": "W⁽²⁾", "b2": "b⁽²⁾", "x": "x", "y": "y",
                        "yhat": "ŷ", "L": "L"}.items():
        assert f'label {name} "{label}"' in source
    assert script.names == {"input": "x", "target": "y", "0.weight": "W1", "0.bias": "b1",
                            "2.weight": "W2", "2.bias": "b2"}
    result = assert_agrees(script)
    # The reference is PyTorch's own float64 gradient, not GradViz's.
    double = copy.deepcopy(model).double()
    loss = F.mse_loss(double(torch.tensor([1.0, 2.0], dtype=torch.float64)), torch.tensor([0.5], dtype=torch.float64))
    loss.backward()
    assert script.reference["W1"].grad == double[0].weight.grad.tolist()
    assert script.reference["L"].value == loss.item()
    assert result.check_passed


@pytest.mark.parametrize("activation", [nn.ReLU(), nn.Sigmoid(), nn.Tanh(), nn.LeakyReLU()])
def test_mlp_activations_one_sample_and_batch(activation: nn.Module) -> None:
    model = mlp(nn.Linear(2, 4), activation, nn.Linear(4, 4), activation, nn.Linear(4, 1))
    torch.manual_seed(1)
    one = gradviz.from_torch(model, torch.randn(2), torch.randn(1), nn.MSELoss())
    batch = gradviz.from_torch(model, torch.randn(5, 2), torch.randn(5, 1), nn.MSELoss())
    assert "W1 @ x + b1" in one.source
    assert "x @ transpose(W1) + b1" in batch.source  # a batch: x @ transpose(W) + b
    assert_agrees(one)
    assert_agrees(batch)


def test_softmax_output_with_a_hand_written_loss() -> None:
    model = mlp(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 3), nn.Softmax(dim=-1))
    torch.manual_seed(2)
    x, target = torch.randn(4, 3), torch.softmax(torch.randn(4, 3), dim=-1)

    def loss(p: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        return -(t * torch.log(p)).sum() / 4

    script = gradviz.from_torch(model, x, target, loss)
    assert "softmax(" in script.source and "log(" in script.source
    assert_agrees(script)


def test_cross_entropy_with_class_indices_one_sample_and_batch() -> None:
    model = mlp(nn.Linear(2, 5), nn.ReLU(), nn.Linear(5, 3))
    torch.manual_seed(3)
    batch = gradviz.from_torch(model, torch.randn(6, 2), torch.tensor([0, 2, 1, 1, 0, 2]), nn.CrossEntropyLoss())
    one = gradviz.from_torch(model, torch.randn(2), torch.tensor(2), nn.CrossEntropyLoss())
    assert "cross_entropy(yhat, y)" in batch.source
    assert re.search(r"^y = \[0, 2, 1, 1, 0, 2\]$", batch.source, re.M)
    assert re.search(r"^y = 2$", one.source, re.M)
    assert_agrees(batch)
    assert_agrees(one)


def test_log_softmax_and_nll_written_by_hand() -> None:
    model = mlp(nn.Linear(2, 3), nn.LogSoftmax(dim=1))
    torch.manual_seed(4)
    onehot = F.one_hot(torch.tensor([2, 0, 1]), 3).double()
    script = gradviz.from_torch(model, torch.randn(3, 2), onehot, lambda p, t: -(p * t).sum() / 3)
    assert "log_softmax(" in script.source
    assert_agrees(script)


class Shared(nn.Module):
    """The lecture's weight sharing: one nn.Linear applied twice, two paths from its weight."""

    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(5)
        self.fc = nn.Linear(2, 2)
        self.out = nn.Linear(2, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(torch.sigmoid(self.fc(torch.sigmoid(self.fc(x)))))


def test_weight_sharing_one_linear_applied_twice_accumulates_both_paths() -> None:
    model = Shared()
    script = gradviz.from_torch(model, torch.tensor([0.5, -1.0]), torch.tensor([1.0]), nn.MSELoss())
    assert script.source.count("W1 = [[") == 1  # one leaf …
    assert "module fc {" in script.source and "module fc_2 {" in script.source  # … used by two blocks
    assert script.names["fc.weight"] == "W1" and script.names["out.weight"] == "W2"
    assert_agrees(script)
    with tempfile.TemporaryDirectory() as scratch:
        file = script.save(Path(scratch) / "shared.grad")
        explained = json.loads(gradviz._cli.run(["explain", str(file), "--wrt", "W1", "--format", "json"]).stdout)
    assert explained["pathCount"] == 2  # through z1 and through z1_2
    assert {tuple(p["nodes"][:2]) for p in explained["paths"]} == {("W1", "z1"), ("W1", "z1_2")}


class Functional(nn.Module):
    """Functional calls, a Python constant, parameters used directly (get_attr)."""

    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(6)
        self.W = nn.Parameter(torch.randn(3, 2))
        self.v = nn.Parameter(torch.randn(3))
        self.scale = 0.5

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.relu(x @ self.W.t()) + torch.sigmoid(x @ self.W.T) * self.scale
        g = (h.exp() + 1).log().pow(2) - 2.0
        return (g @ self.v).mean() + h.sum() / 10


def test_functional_calls_and_a_python_constant() -> None:
    script = gradviz.from_torch(Functional(), torch.tensor([[0.3, -0.2], [1.0, 0.4]]))
    source = script.source
    for piece in ("relu(", "sigmoid(", "exp(", "log(", "^ 2", "transpose(W)", "mean(", "sum(", "* 0.5", "- 2"):
        assert piece in source, piece
    assert script.names["W"] == "W" and script.names["v"] == "v"
    assert_agrees(script)


def test_a_disagreement_names_the_variable_and_how_far() -> None:
    script = gradviz.from_torch(mlp(nn.Linear(2, 1)), torch.tensor([1.0, 2.0]), torch.tensor([0.0]), nn.MSELoss())
    wrong = dict(script.reference)
    grad = [[g * (1 + 1e-6) for g in row] for row in wrong["W1"].grad]
    wrong["W1"] = gradviz.Reference(wrong["W1"].value, grad)
    result = gradviz.Script(script.source, script.names, wrong, rtol=1e-9, framework="PyTorch").check()
    assert not result.passed and result.check_passed
    assert {(m.variable, m.quantity) for m in result.mismatches} == {("W1", "grad")}
    assert all(9e-7 < m.relative < 1.1e-6 for m in result.mismatches)
    assert "W1: grad[0, 0]" in str(result)


def test_dropout_in_eval_mode_is_left_out() -> None:
    model = mlp(nn.Linear(2, 2), nn.ReLU(), nn.Dropout(0.5), nn.Linear(2, 1)).eval()
    script = gradviz.from_torch(model, torch.tensor([1.0, -1.0]), torch.tensor([0.2]), nn.MSELoss())
    assert "dropout" not in script.source.lower()
    assert_agrees(script)


def test_the_model_is_not_changed() -> None:
    model = mlp(nn.Linear(2, 1))
    before = model[0].weight.detach().clone()
    gradviz.from_torch(model, torch.tensor([1.0, 2.0]), torch.tensor([0.0]), nn.MSELoss())
    assert model[0].weight.dtype == torch.float32 and model[0].weight.grad is None
    assert torch.equal(model[0].weight, before)
