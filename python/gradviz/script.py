"""``Script``: a translated model, and what the ``gradviz`` binary does with it."""

from __future__ import annotations

import html
import json
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from . import _cli

Nested = Union[float, list]  # a number, or nested lists of numbers (row-major)
PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Reference:
    """The framework's own value and gradient of one variable (float64; ``grad`` is ``None`` for data)."""

    value: Nested
    grad: Optional[Nested]


@dataclass(frozen=True)
class Mismatch:
    """One entry where GradViz and the framework disagree."""

    variable: str
    quantity: str  # "value" or "grad"
    index: tuple[int, ...]
    gradviz: float
    framework: float

    @property
    def relative(self) -> float:
        """|gradviz − framework| / max(|gradviz|, |framework|)."""
        scale = max(abs(self.gradviz), abs(self.framework))
        return abs(self.gradviz - self.framework) / scale if scale else 0.0

    def __str__(self) -> str:
        where = "" if not self.index else "[" + ", ".join(str(i) for i in self.index) + "]"
        return (
            f"{self.variable}: {self.quantity}{where} is {self.gradviz!r} in GradViz and {self.framework!r} in the "
            f"framework (relative difference {self.relative:.3g})"
        )


@dataclass
class CheckResult:
    """GradViz's ``check`` of the script and the comparison of ``Script.reference`` with it.

    ``passed`` only when ``check`` passed (backward = sum over paths = finite differences for
    every leaf) and every value and gradient of ``reference`` equals GradViz's to ``rtol``.
    """

    gradviz: dict[str, Any]
    mismatches: list[Mismatch]
    missing: list[str]
    compared: int
    rtol: float
    framework: str

    @property
    def check_passed(self) -> bool:
        """Whether GradViz's own check passed."""
        return bool(self.gradviz.get("failed", 1) == 0 and self.gradviz.get("errors", 1) == 0)

    @property
    def passed(self) -> bool:
        """Whether everything agrees."""
        return self.check_passed and not self.mismatches and not self.missing

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        lines = []
        rows = [row for entry in self.gradviz.get("files", []) for row in entry.get("rows", [])]
        disagreeing = [row["wrt"] for row in rows if row.get("status") == "disagrees"]
        lines.append(
            f"gradviz check: {len(rows)} leaves, "
            + ("all agree" if self.check_passed else f"disagreeing: {', '.join(disagreeing) or 'see gradviz'}")
        )
        if self.mismatches or self.missing:
            lines.append(f"{self.framework} against GradViz (rtol {self.rtol:g}): {len(self.mismatches)} disagree")
            lines += [f"  {m}" for m in self.mismatches[:20]]
            if len(self.mismatches) > 20:
                lines.append(f"  … and {len(self.mismatches) - 20} more")
            lines += [f"  {name}: not in GradViz's eval" for name in self.missing]
        else:
            lines.append(f"{self.framework} against GradViz (rtol {self.rtol:g}): all {self.compared} variables agree")
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


def _flatten(value: Nested, index: tuple[int, ...] = ()) -> Iterator[tuple[tuple[int, ...], float]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from _flatten(item, index + (i,))
    else:
        yield index, float(value)


def _compare(name: str, quantity: str, ours: Nested, theirs: Nested, rtol: float) -> list[Mismatch]:
    """Entries of two nested values that differ by more than ``rtol`` relative.

    An entry agrees when |a − b| ≤ rtol·max(|a|, |b|, s·rtol) where s is the largest |entry| of
    the framework's tensor: an entry that is 0 on one side and rounding noise on the other
    (a relu gradient summed from many terms) agrees.
    """
    mine = list(_flatten(ours))
    other = list(_flatten(theirs))
    if [i for i, _ in mine] != [i for i, _ in other]:
        shape = f"{len(mine)} entries in GradViz, {len(other)} in the framework"
        return [Mismatch(name, f"{quantity} shape ({shape})", (), math.nan, math.nan)]
    scale = max((abs(x) for _, x in other), default=0.0)
    found = []
    for (index, a), (_, b) in zip(mine, other):
        if not (abs(a - b) <= rtol * max(abs(a), abs(b), scale * rtol)):
            found.append(Mismatch(name, quantity, index, a, b))
    return found


class Page:
    """The interactive page, shown inline in a notebook in a sandboxed iframe.

    The iframe's ``srcdoc`` holds the whole page and its ``sandbox`` allows scripts only: the
    page runs its own script (selection, frames, pan and zoom) but cannot reach the notebook,
    its cookies or the network. ``html`` is the page itself.
    """

    def __init__(self, html_text: str, path: Optional[Path] = None, height: int = 480) -> None:
        self.html = html_text
        self.path = path
        self.height = height

    def iframe(self) -> str:
        """The page as an ``<iframe sandbox="allow-scripts" srcdoc=…>`` element."""
        return (
            f'<iframe class="gradviz-page" sandbox="allow-scripts" style="width: 100%; height: {self.height}px; '
            f'border: 1px solid #ccc" srcdoc="{html.escape(self.html, quote=True)}"></iframe>'
        )

    def _repr_html_(self) -> str:
        return self.iframe()


class Script:
    """A model as a ``.grad`` script, with the framework's own numbers to check it against.

    ``source`` is the script; ``names`` maps each of the framework's names (PyTorch's
    qualified parameter names such as ``0.weight``, ``input``, ``target``; micrograd's given
    names) to its script variable; ``reference`` maps script variables to the framework's
    float64 value and gradient. Every method that draws or checks runs the ``gradviz`` binary
    (``GRADVIZ``, else ``gradviz`` on PATH) on the script; nothing is computed here.
    """

    def __init__(
        self,
        source: str,
        names: dict[str, str],
        reference: dict[str, Reference],
        *,
        name: str = "model",
        rtol: float = 1e-9,
        framework: str = "framework",
    ) -> None:
        self.source = source
        self.names = names
        self.reference = reference
        self.name = name
        self.rtol = rtol
        self.framework = framework

    def __repr__(self) -> str:
        return f"<gradviz.Script {self.name}: {len(self.source.splitlines())} lines, {len(self.reference)} variables>"

    def __str__(self) -> str:
        return self.source

    # MARK: Files

    def save(self, path: PathLike) -> Path:
        """Writes the script to ``path`` and returns it."""
        target = Path(path)
        target.write_text(self.source, encoding="utf-8")
        return target

    def _run(self, arguments: list[str], accept: tuple[int, ...] = (0,)) -> Any:
        with tempfile.TemporaryDirectory(prefix="gradviz-") as scratch:
            file = self.save(Path(scratch) / f"{self.name}.grad")
            return _cli.run([arguments[0], str(file), *arguments[1:]], accept)

    def _run_json(self, arguments: list[str], key: str, accept: tuple[int, ...] = (0,)) -> Any:
        with tempfile.TemporaryDirectory(prefix="gradviz-") as scratch:
            file = self.save(Path(scratch) / f"{self.name}.grad")
            return _cli.run_json([arguments[0], str(file), *arguments[1:]], key, accept)

    # MARK: Numbers

    def eval(self) -> list[dict[str, Any]]:
        """The nodes as ``gradviz eval --format json`` gives them: ``name``, ``shape``, ``value``, ``grad``."""
        return list(self._run_json(["eval", "--format", "json"], "nodes")["nodes"])

    def check(self, **options: Any) -> CheckResult:
        """GradViz's ``check`` (backward, sum over paths, finite differences for every leaf;
        ``options`` as ``check`` takes them, such as ``rtol=1e-6``), and ``reference``
        compared with GradViz's values and backward gradients to ``self.rtol``."""
        arguments = ["check", "--format", "json", *_cli.options_to_arguments(options)]
        report = self._run_json(arguments, "files", (0, 1))  # exit 1: a leaf disagrees
        nodes = {node["name"]: node for node in self.eval()}
        mismatches: list[Mismatch] = []
        missing: list[str] = []
        for variable, reference in self.reference.items():
            node = nodes.get(variable)
            if node is None:
                missing.append(variable)
                continue
            mismatches += _compare(variable, "value", node["value"], reference.value, self.rtol)
            if reference.grad is not None:
                if node["grad"] is None:
                    mismatches.append(Mismatch(variable, "grad (data in GradViz)", (), math.nan, math.nan))
                else:
                    mismatches += _compare(variable, "grad", node["grad"], reference.grad, self.rtol)
        return CheckResult(report, mismatches, missing, len(self.reference), self.rtol, self.framework)

    # MARK: Figures

    def render(self, path: PathLike, **options: Any) -> Path:
        """``gradviz render`` to ``path`` (the format from its extension or ``format=``);
        ``options`` are render's flags: ``wrt="W1"``, ``max_paths=8``, ``view="ops"``, ``theme="dark"``."""
        target = Path(path)
        self._run(["render", "-o", str(target), "--quiet", *_cli.options_to_arguments(options)])
        return target

    def svg(self, **options: Any) -> str:
        """The figure as SVG text."""
        result = self._run(["render", "-o", "-", "--format", "svg", *_cli.options_to_arguments(options)])
        return str(result.stdout.decode("utf-8"))

    def frames(self, directory: PathLike, **options: Any) -> list[Path]:
        """``gradviz frames`` into ``directory``; returns the frame files in order (the first
        format's when several are asked for). ``options``: ``wrt=``, ``by="node"``,
        ``format="svg,png"``, ``sgd=5, lr=0.1`` …"""
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        self._run(["frames", "-o", str(target), *_cli.options_to_arguments(options)])
        listing = json.loads((target / f"{self.name}.frames.json").read_text(encoding="utf-8"))
        files = []
        for frame in listing["frames"]:
            written = frame["files"]
            first = next(iter(written.values()))
            files.append(target / Path(first).name)
        return files

    def page(self, path: Optional[PathLike] = None, **options: Any) -> Page:
        """The interactive page (``render --format html``), written to ``path`` when given; in a
        notebook the returned ``Page`` shows inline in a sandboxed iframe."""
        result = self._run(["render", "-o", "-", "--format", "html", *_cli.options_to_arguments(options)])
        text = result.stdout.decode("utf-8")
        target = None
        if path is not None:
            target = Path(path)
            target.write_text(text, encoding="utf-8")
        return Page(text, target)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """A notebook shows the figure (SVG), with the script as its plain-text form."""
        return {"image/svg+xml": self.svg(), "text/plain": repr(self)}


__all__ = ["CheckResult", "Mismatch", "Page", "Reference", "Script"]
