"""The documentation's notebook example and the sample script run as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import gradviz

REPOSITORY = Path(__file__).resolve().parents[2]


def test_the_notebook_example_in_the_documentation_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (REPOSITORY / "Documentation" / "Python.md").read_text(encoding="utf-8")
    section = text.split("## In a notebook", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(code.group(1), "Python.md", "exec"), namespace)
    assert isinstance(namespace["page"], gradviz.Page) and "window.gradviz" in namespace["page"].html
    assert (tmp_path / "mlp.svg").read_text(encoding="utf-8").rstrip().endswith("</svg>")
    frames = namespace["frames"]
    assert isinstance(frames, list) and frames and all(Path(f).exists() for f in frames)
    # The script the documentation shows is the one written.
    script = namespace["script"]
    assert isinstance(script, gradviz.Script)
    for line in ("  module linear0 {", "    z1 = W1 @ x + b1", "    a1 = sigmoid(z1)", "L = mse(yhat, y)"):
        assert line in script.source.splitlines()
        assert line in text


def test_the_sample_script_writes_its_figure(tmp_path: Path) -> None:
    target = tmp_path / "torch_mlp.svg"
    result = subprocess.run([sys.executable, str(REPOSITORY / "samples" / "torch_mlp.py"), str(target)],
                            capture_output=True, text=True, env=dict(os.environ), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "all 10 variables agree" in result.stdout
    assert target.read_text(encoding="utf-8").rstrip().endswith("</svg>")
