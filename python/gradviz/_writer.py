"""Writing ``.grad`` source: literals, expressions, names, module blocks and labels."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

# Precedences as the .grad parser has them, loosest first; calls and operands bind tightest.
ADD, MUL, NEG, POW, ATOM = 1, 2, 3, 4, 5

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def superscript(n: int) -> str:
    """``(2)`` written as the lecture's layer index, ``⁽²⁾``."""
    return "⁽" + str(n).translate(_SUPERSCRIPT) + "⁾"


def subscript(*indices: int) -> str:
    """Indices as subscripts separated by a comma: ``₁,₂``."""
    return ",".join(str(i).translate(_SUBSCRIPT) for i in indices)


def number(x: float | int) -> str:
    """A number as a literal that reads back as the same float64 (Python's shortest repr)."""
    if isinstance(x, bool):
        x = int(x)
    if isinstance(x, int):
        return str(x)
    if not math.isfinite(x):
        raise ValueError(f"{x} is not finite: a .grad script holds finite numbers only")
    text = repr(float(x))
    return text[:-2] if text.endswith(".0") else text


def literal(value: Any) -> str:
    """A scalar, a list or a list of lists as a ``.grad`` literal."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    return number(value)


@dataclass(frozen=True)
class Expr:
    """An expression's text and the precedence of its loosest operator."""

    text: str
    precedence: int = ATOM

    def at(self, least: int) -> str:
        """The text, in parentheses if it binds looser than ``least``."""
        return self.text if self.precedence >= least else f"({self.text})"


def constant(x: float | int) -> Expr:
    """A number in an expression (a negative one binds like unary minus)."""
    text = number(x)
    return Expr(text, NEG if text.startswith("-") else ATOM)


def binary(symbol: str, lhs: Expr, rhs: Expr) -> Expr:
    """``lhs symbol rhs`` with the parentheses the precedences need (``^`` is right-associative)."""
    precedence = {"+": ADD, "-": ADD, "*": MUL, "/": MUL, "@": MUL, "^": POW}[symbol]
    if symbol == "^":
        return Expr(f"{lhs.at(POW + 1)} ^ {rhs.at(POW)}", POW)
    return Expr(f"{lhs.at(precedence)} {symbol} {rhs.at(precedence + 1)}", precedence)


def negate(operand: Expr) -> Expr:
    """``-operand``."""
    return Expr(f"-{operand.at(NEG)}", NEG)


def call(function: str, *arguments: Expr) -> Expr:
    """``function(arguments)``."""
    return Expr(f"{function}({', '.join(a.text for a in arguments)})")


_KEYWORDS = {"module", "label", "constant", "output"}

# What ends a line of a .grad script: LF, CR and CRLF (the language splits at those and nothing else).
_LINE_BREAKS = re.compile(r"\r\n|[\r\n]")


def one_line(text: str) -> str:
    """``text`` on one line of the script: each line break (LF, CR, CRLF) a space."""
    return _LINE_BREAKS.sub(" ", text)


def string(text: str) -> str:
    """``text`` as a ``.grad`` string literal: in double quotes, ``"`` and ``\\`` escaped (the
    language's only escapes), on one line."""
    return '"' + one_line(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def identifier(text: str, fallback: str = "v") -> str:
    """``text`` as a script name: ASCII letters, digits and ``_``, not starting with a digit."""
    name = re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_")
    if not name:
        name = fallback
    if name[0].isdigit():
        name = fallback + "_" + name
    if name in _KEYWORDS:
        name += "_"
    return name


@dataclass
class Namer:
    """Hands out names that are unique in the script (variables and module blocks share it)."""

    taken: set[str] = field(default_factory=set)

    def claim(self, wanted: str) -> str:
        """``wanted`` if free, else ``wanted_2``, ``wanted_3`` …"""
        base = identifier(wanted)
        name, k = base, 2
        while name in self.taken:
            name, k = f"{base}_{k}", k + 1
        self.taken.add(name)
        return name


@dataclass
class Statement:
    """``name = expression`` inside the module blocks ``blocks`` (outermost first)."""

    name: str
    expression: str
    blocks: tuple[str, ...] = ()


@dataclass
class ScriptText:
    """The pieces of a script, written out by ``source``."""

    header: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    constants: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    output: str | None = None

    def assign(self, name: str, expression: str, blocks: Sequence[str] = ()) -> None:
        """Appends ``name = expression`` in ``blocks``."""
        self.statements.append(Statement(name, expression, tuple(blocks)))

    def source(self) -> str:
        """The ``.grad`` text: header comments, statements in nested blocks, ``constant``,
        ``output`` and ``label`` lines."""
        lines = [f"# {one_line(line)}" if line else "#" for line in self.header]
        open_blocks: list[str] = []
        for statement in self.statements:
            wanted = list(statement.blocks)
            common = 0
            while common < min(len(open_blocks), len(wanted)) and open_blocks[common] == wanted[common]:
                common += 1
            while len(open_blocks) > common:
                open_blocks.pop()
                lines.append("  " * len(open_blocks) + "}")
            for block in wanted[common:]:
                lines.append("  " * len(open_blocks) + f"module {block} {{")
                open_blocks.append(block)
            lines.append("  " * len(open_blocks) + f"{statement.name} = {statement.expression}")
        while open_blocks:
            open_blocks.pop()
            lines.append("  " * len(open_blocks) + "}")
        if self.constants:
            lines.append("constant " + " ".join(self.constants))
        if self.output is not None:
            lines.append(f"output {self.output}")
        for name, label in self.labels.items():
            lines.append(f"label {name} {string(label)}")
        return "\n".join(lines) + "\n"
