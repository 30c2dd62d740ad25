"""Hostile inputs to the Python bridge (python/gradviz): each case runs in its own process
under a time and address-space limit, and its outcome is one line of the log.

A case passes when it ends in a script that GradViz evaluates and checks (``check().passed``),
or in one of the bridge's own errors (``UnsupportedError``, ``GradVizError``, ``ValueError``
or ``TypeError`` with a message). It is a FINDING when the process dies, hangs, raises anything
else, or writes a script the binary refuses (a translated model must always be valid ``.grad``).

    GRADVIZ=…/gradviz python3 fuzz/campaign/python_bridge.py [CASE…]
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
import traceback
from collections import OrderedDict
from typing import Any, Callable

HOSTILE = [
    'a"b', "a\nb", "a\rb", "a\r\nb", "a\\b", "\\", '\\"', "a\u202eb", "\x1b[2J\x07", "\x00",
    "a\u2028b", "a\u0085b", "x" * 100_000, "module", "label", "constant", "output", "expect", "within",
    "relu", "exp", "sum", "L", "x", "v1", "_", "1abc", "ŷ", "# comment", "}", "a = 1",
]

CASES: dict[str, Callable[[], Any]] = {}


def case(function: Callable[[], Any]) -> Callable[[], Any]:
    CASES[function.__name__] = function
    return function


def must_check(script: Any) -> str:
    """The script is valid .grad and its check passes; returns a note."""
    result = script.check()
    if not result.passed:
        raise AssertionError(f"check did not pass:\n{result}\n{script.source[:2000]}")
    return f"passed, {len(script.source)} bytes"


# MARK: PyTorch


def _torch():
    import torch
    import torch.nn as nn

    torch.manual_seed(0)
    return torch, nn


def _sequential_with_names(name: str) -> Any:
    torch, nn = _torch()
    return nn.Sequential(OrderedDict([(name, nn.Linear(2, 2)), ("act", nn.Tanh()), ("out", nn.Linear(2, 1))]))


for k, name in enumerate(HOSTILE):
    if "." in name or name == "":
        continue

    def hostile_module(name: str = name) -> str:
        import gradviz

        torch, nn = _torch()
        model = _sequential_with_names(name)
        script = gradviz.from_torch(model, torch.tensor([1.0, 2.0]), target=torch.tensor([0.5]), loss=nn.MSELoss())
        return must_check(script)

    hostile_module.__name__ = f"torch_module_name_{k}"
    case(hostile_module)

    def hostile_parameter(name: str = name) -> str:
        import gradviz

        torch, nn = _torch()

        class Model(nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.register_parameter(name, nn.Parameter(torch.tensor([0.5, -1.0])))

            def forward(self, x: Any) -> Any:
                return (torch.tanh(x * getattr(self, name))).sum()

        return must_check(gradviz.from_torch(Model(), torch.tensor([1.0, 2.0])))

    hostile_parameter.__name__ = f"torch_parameter_name_{k}"
    case(hostile_parameter)

    def hostile_class(name: str = name) -> str:
        import gradviz

        torch, nn = _torch()
        cls = type(name, (nn.Module,), {"forward": lambda self, x: (x * self.w).sum()})
        model = cls()
        model.w = nn.Parameter(torch.tensor([0.5, -1.0]))
        return must_check(gradviz.from_torch(model, torch.tensor([1.0, 2.0])))

    hostile_class.__name__ = f"torch_class_name_{k}"
    case(hostile_class)


@case
def torch_shared_parameter_across_modules() -> str:
    import gradviz

    torch, nn = _torch()
    model = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 2))
    model[2].weight = model[0].weight  # tied weights: one parameter, two modules
    script = gradviz.from_torch(model, torch.tensor([1.0, 2.0]), target=torch.tensor([0.5, 0.1]), loss=nn.MSELoss())
    return must_check(script)


@case
def torch_shared_parameter_as_attribute() -> str:
    import gradviz

    torch, nn = _torch()

    class Tied(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encode = nn.Linear(3, 2, bias=False)

        def forward(self, x: Any) -> Any:
            h = torch.tanh(self.encode(x))
            return ((h @ self.encode.weight) - x).pow(2).sum()

    return must_check(gradviz.from_torch(Tied(), torch.tensor([1.0, 2.0, -1.0])))


def _weights(value: float) -> Any:
    torch, nn = _torch()
    model = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1))
    with torch.no_grad():
        model[0].weight[0, 1] = value
    return model


for label, value in (("nan", float("nan")), ("inf", float("inf")), ("ninf", float("-inf")), ("huge", 3e38)):

    def weights(value: float = value) -> str:
        import gradviz

        torch, nn = _torch()
        return must_check(
            gradviz.from_torch(_weights(value), torch.tensor([1.0, 2.0]), target=torch.tensor([0.5]),
                               loss=nn.MSELoss()))

    weights.__name__ = f"torch_weight_{label}"
    case(weights)

    def inputs(value: float = value) -> str:
        import gradviz

        torch, nn = _torch()
        model = nn.Sequential(nn.Linear(2, 1))
        return must_check(gradviz.from_torch(model, torch.tensor([value, 2.0]), target=torch.tensor([0.5]),
                                             loss=nn.MSELoss()))

    inputs.__name__ = f"torch_input_{label}"
    case(inputs)


@case
def torch_huge_linear() -> str:
    import gradviz

    torch, nn = _torch()
    model = nn.Sequential(nn.Linear(300, 300), nn.Tanh(), nn.Linear(300, 1))
    start = time.time()
    script = gradviz.from_torch(model, torch.randn(300), target=torch.tensor([0.5]), loss=nn.MSELoss())
    translated = time.time() - start
    note = must_check(script)
    return f"{note}; translated in {translated:.1f} s, checked in {time.time() - start - translated:.1f} s"


@case
def torch_deep_sequential() -> str:
    import gradviz

    torch, nn = _torch()
    model = nn.Sequential(*[m for _ in range(300) for m in (nn.Linear(2, 2), nn.Tanh())])
    return must_check(gradviz.from_torch(model, torch.randn(2), target=torch.tensor([0.5, 0.5]), loss=nn.MSELoss()))


@case
def torch_model_that_raises() -> str:
    import gradviz

    torch, nn = _torch()

    class Broken(nn.Module):
        def forward(self, x: Any) -> Any:
            raise RuntimeError("the model's own error")

    try:
        gradviz.from_torch(Broken(), torch.randn(2))
    except RuntimeError as error:
        return f"its own error: {error}"
    raise AssertionError("no error")


@case
def torch_model_that_raises_in_the_interpreter() -> str:
    import gradviz

    torch, nn = _torch()

    class Mismatch(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fc = nn.Linear(3, 1)

        def forward(self, x: Any) -> Any:
            return self.fc(x).sum()

    try:
        gradviz.from_torch(Mismatch(), torch.randn(2))
    except RuntimeError as error:
        return f"torch's error: {str(error)[:80]}"
    raise AssertionError("no error")


@case
def torch_integer_input() -> str:
    import gradviz

    torch, nn = _torch()
    model = nn.Sequential(nn.Linear(2, 1))
    try:
        return must_check(gradviz.from_torch(model, torch.tensor([1, 2]), target=torch.tensor([0.5]), loss=nn.MSELoss()))
    except (gradviz.UnsupportedError, TypeError, ValueError, RuntimeError) as error:
        return f"refused: {type(error).__name__}: {str(error)[:100]}"


@case
def torch_power_huge_exponent() -> str:
    import gradviz

    torch, nn = _torch()

    class Power(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.w = nn.Parameter(torch.tensor([0.5]))

        def forward(self, x: Any) -> Any:
            return (x * self.w).pow(10**400 if False else 1e300).sum()

    try:
        return must_check(gradviz.from_torch(Power(), torch.tensor([1.0])))
    except gradviz.GradVizError as error:
        return f"refused: {str(error)[:200]}"


@case
def torch_a_constant_that_is_not_finite() -> str:
    import gradviz

    torch, nn = _torch()

    class Scaled(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.w = nn.Parameter(torch.tensor([0.5]))

        def forward(self, x: Any) -> Any:
            return (x * self.w * float("inf")).sum()

    try:
        return must_check(gradviz.from_torch(Scaled(), torch.tensor([1.0])))
    except (ValueError, gradviz.GradVizError) as error:
        return f"refused: {type(error).__name__}: {str(error)[:200]}"


# MARK: micrograd


def _micrograd() -> Any:
    from micrograd.engine import Value

    return Value


for k, name in enumerate(HOSTILE):

    def micrograd_label(name: str = name) -> str:
        import gradviz

        Value = _micrograd()
        a, b = Value(2.0), Value(-3.0)
        a.label = name
        b.label = "b"
        out = (a * b + a).relu()
        return must_check(gradviz.from_micrograd(out))

    micrograd_label.__name__ = f"micrograd_label_{k}"
    case(micrograd_label)

    def micrograd_name(name: str = name) -> str:
        import gradviz

        Value = _micrograd()
        a, b = Value(2.0), Value(-3.0)
        out = a * b + a
        return must_check(gradviz.from_micrograd(out, names={a: name, b: name, out: name}))

    micrograd_name.__name__ = f"micrograd_names_{k}"
    case(micrograd_name)


@case
def micrograd_deep_chain() -> str:
    import gradviz

    Value = _micrograd()
    x = Value(0.5)
    h = x
    for _ in range(3000):
        h = h * 0.999 + 0.001
    try:
        return must_check(gradviz.from_micrograd(h, names={x: "x"}))
    except RecursionError:
        return "micrograd's own backward recursed too deep (RecursionError)"


@case
def micrograd_wide_sum() -> str:
    import gradviz

    Value = _micrograd()
    xs = [Value(float(i % 5)) for i in range(20000)]
    total = sum(x * x for x in xs)
    return must_check(gradviz.from_micrograd(total, names={x: f"x{i}" for i, x in enumerate(xs)}))


for label, data in (("nan", float("nan")), ("inf", float("inf")), ("bigint", 10**400), ("int", 3), ("bool", True)):

    def micrograd_data(data: Any = data) -> str:
        import gradviz

        Value = _micrograd()
        a = Value(data)
        b = Value(2.0)
        out = a * b
        try:
            return must_check(gradviz.from_micrograd(out, names={a: "a", b: "b"}))
        except (ValueError, gradviz.GradVizError) as error:
            return f"refused: {type(error).__name__}: {str(error)[:200]}"

    micrograd_data.__name__ = f"micrograd_data_{label}"
    case(micrograd_data)


@case
def micrograd_unknown_op() -> str:
    import gradviz

    Value = _micrograd()
    a = Value(2.0)
    out = a * 2
    out._op = 'evil"\n op'
    try:
        gradviz.from_micrograd(out, names={a: "a"})
    except gradviz.UnsupportedError as error:
        return f"refused: {str(error)[:100]!r}"
    raise AssertionError("accepted")


@case
def micrograd_shared_subexpression() -> str:
    import gradviz

    Value = _micrograd()
    a, b = Value(2.0), Value(-3.0)
    c = a * b
    out = c * c + c + a * a
    return must_check(gradviz.from_micrograd(out, names={a: "a", b: "b"}))


# MARK: the binary


def _broken(binary: str) -> str:
    import gradviz

    Value = _micrograd()
    a = Value(2.0)
    script = gradviz.from_micrograd(a * a, names={a: "a"})
    os.environ["GRADVIZ"] = binary
    try:
        script.check()
    except gradviz.GradVizError as error:
        return f"{type(error).__name__}: {str(error)[:160]!r}"
    raise AssertionError("no error")


def _executable(path: str, text: str) -> str:
    with open(path, "w") as file:
        file.write(text)
    os.chmod(path, 0o755)
    return path


@case
def binary_missing() -> str:
    return _broken("/nonexistent/gradviz")


@case
def binary_a_directory() -> str:
    return _broken("/tmp")


@case
def binary_not_executable() -> str:
    path = "/tmp/gradviz-campaign-not-exec"
    open(path, "w").write("#!/bin/sh\n")
    os.chmod(path, 0o644)
    return _broken(path)


@case
def binary_that_fails() -> str:
    return _broken("/bin/false")


@case
def binary_that_prints_garbage() -> str:
    return _broken(_executable("/tmp/gradviz-campaign-garbage", "#!/bin/sh\necho 'not json {'\n"))


@case
def binary_that_prints_wrong_json() -> str:
    return _broken(_executable("/tmp/gradviz-campaign-wrongjson", "#!/bin/sh\necho '[1, 2]'\n"))


@case
def binary_that_is_killed() -> str:
    return _broken(_executable("/tmp/gradviz-campaign-killed", "#!/bin/sh\nkill -9 $$\n"))


@case
def binary_that_prints_invalid_utf8() -> str:
    return _broken(_executable("/tmp/gradviz-campaign-utf8", "#!/bin/sh\nprintf '\\377\\376' >&2; exit 2\n"))


# MARK: running


def run_one(name: str) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (8_000_000_000, 8_000_000_000))
    sys.setrecursionlimit(10_000)
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "python"))
    import gradviz

    try:
        note = CASES[name]()
        print(json.dumps({"verdict": "ok", "note": note}))
    except (gradviz.UnsupportedError, gradviz.GradVizNotFoundError) as error:
        print(json.dumps({"verdict": "refused", "note": f"{type(error).__name__}: {str(error)[:300]}"}))
    except gradviz.GradVizError as error:
        print(json.dumps({"verdict": "FINDING", "note": f"the binary refused the script: {str(error)[:600]}"}))
    except Exception as error:  # noqa: BLE001 - every other exception is a finding to look at
        tail = traceback.format_exc().splitlines()[-6:]
        print(json.dumps({"verdict": "FINDING", "note": f"{type(error).__name__}: {str(error)[:300]}", "trace": tail}))


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        run_one(sys.argv[2])
        return
    names = sys.argv[1:] or list(CASES)
    findings = 0
    log = open(os.environ.get("CAMPAIGN_LOG", "/tmp/gradviz-campaign/python.tsv"), "a")
    for name in names:
        start = time.time()
        try:
            done = subprocess.run([sys.executable, __file__, "--one", name], capture_output=True, timeout=300, text=True)
            lines = done.stdout.strip().splitlines()
            outcome = json.loads(lines[-1]) if lines else {"verdict": "FINDING", "note": f"exit {done.returncode}: "
                                                           f"{done.stderr[-300:]}"}
        except subprocess.TimeoutExpired:
            outcome = {"verdict": "FINDING", "note": "timeout (300 s)"}
        seconds = time.time() - start
        findings += outcome["verdict"] == "FINDING"
        line = f"{name}\t{outcome['verdict']}\t{seconds:.1f}\t{outcome['note']!r}"
        log.write(line + "\n")
        print(line[:400] + ("\n    " + "\n    ".join(outcome["trace"]) if "trace" in outcome else ""), flush=True)
    print(f"python_bridge.py: {len(names)} cases, {findings} findings", file=sys.stderr)


if __name__ == "__main__":
    main()
