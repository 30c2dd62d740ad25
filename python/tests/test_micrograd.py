"""from_micrograd against micrograd itself (float64 Python floats, to 1e-12)."""

from __future__ import annotations

import math
import random
from typing import Any

from micrograd.engine import Value
from micrograd.nn import MLP

import gradviz
from conftest import assert_agrees


class LectureValue(Value):
    """The lecture notebook's Value: micrograd's, plus ``label``, ``tanh`` and ``exp``."""

    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        super().__init__(data, _children, _op)
        self.label = label

    def _wrap(self, other: Any) -> "LectureValue":
        return other if isinstance(other, Value) else LectureValue(other)

    def __add__(self, other: Any) -> "LectureValue":
        other = self._wrap(other)
        out = LectureValue(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other: Any) -> "LectureValue":
        other = self._wrap(other)
        out = LectureValue(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, other: float) -> "LectureValue":
        out = LectureValue(self.data**other, (self,), f"**{other}")

        def _backward() -> None:
            self.grad += other * self.data ** (other - 1) * out.grad

        out._backward = _backward
        return out

    def tanh(self) -> "LectureValue":
        t = (math.exp(2 * self.data) - 1) / (math.exp(2 * self.data) + 1)
        out = LectureValue(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1 - t**2) * out.grad

        out._backward = _backward
        return out

    def exp(self) -> "LectureValue":
        out = LectureValue(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad

        out._backward = _backward
        return out


def test_lecture_expression_with_labels() -> None:
    a = LectureValue(2.0, label="a")
    b = LectureValue(-3.0, label="b")
    c = LectureValue(10.0, label="c")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    f = LectureValue(-2.0, label="f")
    L = d * f
    L.label = "L"
    script = gradviz.from_micrograd(L)
    assert "e = a * b" in script.source or "e = b * a" in script.source
    assert script.names == {n: n for n in "abcdefL"}
    result = assert_agrees(script)
    assert script.reference["a"].grad == 6.0 and script.reference["f"].grad == 4.0  # the lecture's numbers
    assert result.check_passed
    assert a.grad == 0  # the Values' gradients are left as they were


def test_tanh_neuron_and_its_exp_form() -> None:
    x1, x2 = LectureValue(2.0, label="x1"), LectureValue(0.0, label="x2")
    w1, w2 = LectureValue(-3.0, label="w1"), LectureValue(1.0, label="w2")
    b = LectureValue(6.8813735870195432, label="b")
    x1w1 = x1 * w1
    x1w1.label = "x1*w1"
    n = x1w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    script = gradviz.from_micrograd(o)
    assert "o = tanh(n)" in script.source
    assert 'label x1_w1 "x1*w1"' in script.source  # a name that is not an identifier is the label
    assert script.names["x1*w1"] == "x1_w1"
    assert_agrees(script)
    assert abs(script.reference["w1"].grad - 1.0) < 1e-6  # the lecture: ∂o/∂w1 ≈ 1
    # tanh as the lecture rewrites it, (e − 1)/(e + 1) with e = exp(2n): '-' and '/' folded back.
    e = (2 * n).exp()
    e.label = "e"
    o2 = (e - 1) / (e + 1)
    o2.label = "o"
    folded = gradviz.from_micrograd(o2)
    assert "o = (e - 1) / (e + 1)" in folded.source
    assert "-1" not in folded.source and "^ -1" not in folded.source
    assert_agrees(folded)


def test_negation_difference_quotient_and_a_value_used_twice() -> None:
    a, b = Value(1.5), Value(-0.25)
    c = (-a) * b + (a - b) / b + a * a + b**3
    script = gradviz.from_micrograd(c, names={a: "a", b: "b", c: "c"})
    src = script.source
    assert "a * a" in src  # _prev holds a once; it is still a product of a with itself
    assert "-a" in src and " - b" in src and "/ b" in src
    result = assert_agrees(script)
    assert script.reference["a"].grad == -b.data + 1 / b.data + 2 * a.data  # by hand
    assert result.compared == 3


def test_mlp_with_squared_error_over_samples_names_parameters_as_the_lecture() -> None:
    random.seed(1)
    model = MLP(3, [4, 4, 1])
    xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
    ys = [1.0, -1.0, -1.0, 1.0]
    predictions = [model(x) for x in xs]
    loss = sum((p - y) ** 2 for y, p in zip(ys, predictions))
    script = gradviz.from_micrograd(loss, model=model)
    assert 'label w1_2_3 "w₂,₃⁽¹⁾"' in script.source and 'label b3_1 "b₁⁽³⁾"' in script.source
    assert script.names["layers.0.neurons.1.w.2"] == "w1_2_3"
    assert len([n for n in script.names if n.startswith("layers.")]) == len(model.parameters()) == 41
    assert_agrees(script)
    loss.backward()
    for parameter_name, variable in script.names.items():
        if parameter_name.startswith("layers."):
            parts = parameter_name.split(".")  # layers.L.neurons.I.w.J or layers.L.neurons.I.b
            p = model.layers[int(parts[1])].neurons[int(parts[3])]
            value = p.b if parts[4] == "b" else p.w[int(parts[5])]
            assert abs(script.reference[variable].grad - value.grad) <= 1e-12 * max(1.0, abs(value.grad))


def test_unnamed_leaves_are_all_named_when_nothing_is() -> None:
    x, y = Value(0.5), Value(2.0)
    z = (x * y).relu() + x
    script = gradviz.from_micrograd(z)
    assert sorted(v for v in script.names.values()) == ["v1", "v2"]
    assert_agrees(script)
