"""``from_micrograd``: a micrograd expression, walked through ``_prev`` and ``_op``, as a script.

micrograd is not imported: any object with ``data``, ``grad``, ``_prev`` and ``_op`` (the pip
package's ``Value`` and the lecture notebook's) is walked.
"""

from __future__ import annotations

from typing import Any, Optional

from . import _writer as w
from .errors import UnsupportedError
from .script import Reference, Script


def from_micrograd(output: Any, names: Optional[dict[Any, str]] = None, model: Any = None) -> Script:
    """A micrograd expression as a ``.grad`` script, checked against micrograd's own gradients.

    Walks ``_prev`` and ``_op`` from ``output``: the pip package's ops (``+``, ``*``, ``**k``,
    ``ReLU``) and the lecture notebook's (``tanh``, ``exp``; its ``label`` names a Value).
    ``names`` maps Values to names; with ``model=`` (a micrograd ``MLP``) its parameters get
    the lecture's names, w⁽ˡ⁾ᵢ,ⱼ (neuron i of layer l, input j) and b⁽ˡ⁾ᵢ, counted from 1.
    The nodes micrograd adds for ``a - b``, ``-a`` and ``a / b`` (a ``-1`` leaf, ``**-1``) are
    folded back so the script reads ``a - b``, ``-a``, ``a / b``, with the same gradients; a
    Value used twice (``a * a``, whose ``_prev`` holds it once) is one variable used twice.
    Leaves without a name are numbers in the script (data), unless no leaf has a name, when
    every leaf is named ``v1``, ``v2`` … so that its gradient is shown.

    ``reference`` holds micrograd's own value and gradient of every named Value, from a
    backward pass run for it (the Values' ``grad`` are restored afterwards).
    """
    given: dict[int, tuple[Any, str]] = {}
    framework_names: dict[int, str] = {}
    labels: dict[int, str] = {}
    if model is not None:
        for n, layer in enumerate(getattr(model, "layers", []), start=1):
            for i, neuron in enumerate(layer.neurons, start=1):
                for j, weight in enumerate(neuron.w, start=1):
                    given[id(weight)] = (weight, f"w{n}_{i}_{j}")
                    framework_names[id(weight)] = f"layers.{n - 1}.neurons.{i - 1}.w.{j - 1}"
                    labels[id(weight)] = "w" + w.subscript(i, j) + w.superscript(n)
                given[id(neuron.b)] = (neuron.b, f"b{n}_{i}")
                framework_names[id(neuron.b)] = f"layers.{n - 1}.neurons.{i - 1}.b"
                labels[id(neuron.b)] = "b" + w.subscript(i) + w.superscript(n)
    for value, name in (names or {}).items():
        given[id(value)] = (value, name)
        framework_names[id(value)] = name

    order = _topological(output)
    for node in order:
        label = getattr(node, "label", "")
        if id(node) not in given and isinstance(label, str) and label:
            given[id(node)] = (node, label)
            framework_names[id(node)] = label
    # micrograd's own -1 leaves (from -a and a - b) are folded away, not named.
    negation_leaves = {
        id(child) for n in order if n._op == "*" and len(n._prev) == 2
        for child in n._prev if not child._prev and float(child.data) == -1.0
    }
    leaves = [n for n in order if not n._prev and id(n) not in negation_leaves]
    if not any(id(n) in given for n in leaves):
        for k, leaf in enumerate(leaves, start=1):
            given[id(leaf)] = (leaf, f"v{k}")
            framework_names[id(leaf)] = f"v{k}"

    translation = _Translation(given, framework_names, labels)
    return translation.script(order, output)


def _topological(output: Any) -> list[Any]:
    """Every Value reaching ``output``, inputs before the Values they feed (no recursion)."""
    order: list[Any] = []
    seen: set[int] = set()
    stack: list[tuple[Any, bool]] = [(output, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        for child in _children(node):
            if id(child) not in seen:
                stack.append((child, False))
    return order


def _children(node: Any) -> list[Any]:
    """``_prev`` in a fixed order (a set's order is its hash order: sort by creation order is
    not known, so by id for a stable walk within one run)."""
    return sorted(node._prev, key=id)


def _exponent(op: str) -> Optional[float]:
    if not op.startswith("**"):
        return None
    try:
        return float(op[2:])
    except ValueError:
        return None


class _Translation:
    def __init__(self, given: dict[int, tuple[Any, str]], framework_names: dict[int, str],
                 labels: dict[int, str]) -> None:
        self.given = given
        self.framework_names = framework_names
        self.labels = labels
        self.text = w.ScriptText()
        self.namer = w.Namer()
        self.exprs: dict[int, w.Expr] = {}
        self.reference: dict[str, Reference] = {}
        self.names: dict[str, str] = {}
        self.variable_nodes: dict[str, Any] = {}

    def _uses(self, order: list[Any]) -> dict[int, int]:
        """How often each Value is an operand (``a * a`` uses ``a`` twice though ``_prev`` holds it once)."""
        uses: dict[int, int] = {}
        for node in order:
            children = node._prev
            count = 2 if len(children) == 1 and node._op in ("+", "*") else 1
            for child in children:
                uses[id(child)] = uses.get(id(child), 0) + count
        return uses

    def _is_minus_one(self, node: Any) -> bool:
        return not node._prev and id(node) not in self.given and float(node.data) == -1.0

    def _negation_of(self, node: Any, uses: dict[int, int]) -> Optional[Any]:
        """The Value ``node`` negates when it is micrograd's ``x * -1`` (unnamed, used once)."""
        if node._op != "*" or id(node) in self.given or uses.get(id(node), 0) != 1 or len(node._prev) != 2:
            return None
        a, b = _children(node)
        if self._is_minus_one(b):
            return a
        if self._is_minus_one(a):
            return b
        return None

    def _reciprocal_of(self, node: Any, uses: dict[int, int]) -> Optional[Any]:
        """The Value ``node`` inverts when it is micrograd's ``x ** -1`` (unnamed, used once)."""
        if _exponent(node._op) != -1.0 or id(node) in self.given or uses.get(id(node), 0) != 1:
            return None
        return next(iter(node._prev))

    def script(self, order: list[Any], output: Any) -> Script:
        uses = self._uses(order)
        folded: set[int] = set()
        for node in order:
            expr = self._expression(node, uses, folded)
            self.exprs[id(node)] = expr
            named = id(node) in self.given
            if node is output or named or uses.get(id(node), 0) > 1:
                self._materialize(node, expr)
        self.text.output = self.exprs[id(output)].text
        self.text.header = ["A micrograd expression, translated by gradviz.from_micrograd."]
        self._reference(order, output)
        return Script(self.text.source(), self.names, self.reference, name="micrograd", rtol=1e-12,
                      framework="micrograd")

    def _materialize(self, node: Any, expr: w.Expr) -> None:
        wanted = self.given[id(node)][1] if id(node) in self.given else ("L" if not self.variable_nodes else "v")
        name = self.namer.claim(wanted)
        self.text.assign(name, expr.text if node._prev else w.number(float(node.data)))
        if not node._prev and id(node) not in self.given:
            self.text.constants.append(name)  # an unnamed number used more than once: data
        label = self.labels.get(id(node))
        if label is None and id(node) in self.given and name != wanted:
            label = wanted  # a name that is not an identifier ("x1*w1 + x2*w2") is its label
        if label:
            self.text.labels[name] = label
        if id(node) in self.framework_names:
            self.names[self.framework_names[id(node)]] = name
        self.variable_nodes[name] = node
        self.exprs[id(node)] = w.Expr(name)

    def _expression(self, node: Any, uses: dict[int, int], folded: set[int]) -> w.Expr:
        op = node._op
        # _prev is a set: the order it was written in is lost. Computed operands come first,
        # then leaves, then numbers (`(x1*w1 + x2*w2) + b`, `e + 1`).
        children = sorted(
            _children(node),
            key=lambda c: 0 if c._prev else (1 if id(c) in self.given else 2),
        )
        if not children:
            return w.constant(float(node.data))

        def operand(child: Any) -> w.Expr:
            return self.exprs[id(child)]

        if op == "+":
            if len(children) == 1:
                return w.binary("+", operand(children[0]), operand(children[0]))
            a, b = children
            for first, second in ((a, b), (b, a)):
                negated = self._negation_of(second, uses)
                if negated is not None:
                    return w.binary("-", operand(first), operand(negated))
            for first, second in ((a, b), (b, a)):
                if not second._prev and id(second) not in self.given and float(second.data) < 0:
                    return w.binary("-", operand(first), w.constant(-float(second.data)))
            return w.binary("+", operand(a), operand(b))
        if op == "*":
            if len(children) == 1:
                return w.binary("*", operand(children[0]), operand(children[0]))
            a, b = children
            for first, second in ((a, b), (b, a)):
                if self._is_minus_one(second):
                    return w.negate(operand(first))
            for first, second in ((a, b), (b, a)):
                inverted = self._reciprocal_of(second, uses)
                if inverted is not None:
                    return w.binary("/", operand(first), operand(inverted))
            return w.binary("*", operand(a), operand(b))
        exponent = _exponent(op)
        if exponent is not None and len(children) == 1:
            return w.binary("^", operand(children[0]), w.constant(exponent))
        functions = {"ReLU": "relu", "relu": "relu", "tanh": "tanh", "exp": "exp", "sigmoid": "sigmoid",
                     "log": "log"}
        if op in functions and len(children) == 1:
            return w.call(functions[op], operand(children[0]))
        name = self.framework_names.get(id(node), "")
        raise UnsupportedError(
            f"micrograd op {op!r}", name,
            "the bridge knows micrograd's +, *, **k and ReLU and the lecture's tanh and exp",
            "write the op with those (a - b, a / b and -a are folded back from micrograd's nodes)",
        )

    def _reference(self, order: list[Any], output: Any) -> None:
        """micrograd's own gradients: a backward pass from zero, the old ``grad`` put back after."""
        saved = [(node, node.grad) for node in order]
        try:
            for node in order:
                node.grad = 0.0
            output.backward()
            for name, node in self.variable_nodes.items():
                data = name in self.text.constants
                self.reference[name] = Reference(float(node.data), None if data else float(node.grad))
        finally:
            for node, grad in saved:
                node.grad = grad
