"""What a hostile campaign on the bridge found: every translated model is a valid script."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import torch
import torch.nn as nn
from micrograd.engine import Value

import gradviz
from conftest import assert_agrees


@pytest.mark.parametrize("label", ["a\\b", "\\", '\\"', 'say "hi"', "a\rb", "a\r\nb", "a\nb", "\u202e\x1b[2J"])
def test_a_label_with_backslashes_quotes_or_line_breaks_is_a_valid_script(label: str) -> None:
    a, b = Value(2.0), Value(-3.0)
    a.label = label
    script = gradviz.from_micrograd((a * b + a).relu(), names={b: "b"})
    assert_agrees(script)
    # Backslashes and quotes survive as the language escapes them; a line break is a space.
    shown = label.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    escaped = shown.replace("\\", "\\\\").replace('"', '\\"')
    assert f'label {script.names[label]} "{escaped}"' in script.source.splitlines()


def test_a_class_name_with_line_breaks_stays_in_its_comment() -> None:
    for name in ("Evil\nL = 0", "Evil\rL = 0", "Evil\r\nL = 0"):
        cls = type(name, (nn.Module,), {"forward": lambda self, x: (x * self.w).sum()})
        model = cls()
        model.w = nn.Parameter(torch.tensor([0.5, -1.0]))
        script = gradviz.from_torch(model, torch.tensor([1.0, 2.0]))
        assert not any(line.startswith("L = 0") for line in script.source.splitlines())
        assert_agrees(script)


def test_tied_weights_of_two_modules_are_one_leaf() -> None:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 2))
    model[2].weight = model[0].weight
    script = gradviz.from_torch(model, torch.tensor([1.0, 2.0]), target=torch.tensor([0.5, 0.1]), loss=nn.MSELoss())
    assert script.names["0.weight"] == script.names["2.weight"] == "W1"
    # PyTorch's gradient of the shared weight is the sum over both uses; so is GradViz's.
    assert_agrees(script)


def test_a_weight_that_is_not_finite_is_named() -> None:
    model = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1))
    with torch.no_grad():
        model[0].weight[1, 0] = float("nan")
    with pytest.raises(ValueError, match=r"'0\.weight' holds nan at \[1, 0\]"):
        gradviz.from_torch(model, torch.tensor([1.0, 2.0]), target=torch.tensor([0.5]), loss=nn.MSELoss())


@pytest.mark.parametrize("body", ["exit 1", "echo 'not json {'", "echo '[1, 2]'"])
def test_a_binary_that_prints_no_report_is_a_gradviz_error(body: str, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    a = Value(2.0)
    script = gradviz.from_micrograd(a * a, names={a: "a"})
    fake = tmp_path / "gradviz"
    fake.write_text(f"#!/bin/sh\n{body}\n")
    os.chmod(fake, 0o755)
    monkeypatch.setenv("GRADVIZ", str(fake))
    with pytest.raises(gradviz.GradVizError, match="printed no JSON object"):
        script.check()
    with pytest.raises(gradviz.GradVizError, match="printed no JSON object|exited 1"):
        script.eval()


