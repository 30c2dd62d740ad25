"""``from_torch``: a PyTorch model, traced with ``torch.fx``, as a ``.grad`` script.

torch is imported here only, when ``from_torch`` is called.
"""

from __future__ import annotations

import copy
import operator
from dataclasses import dataclass
from typing import Any, Callable, Optional

from . import _writer as w
from .errors import UnsupportedError
from .script import Reference, Script

# What the .grad language cannot express, by module class name: (what it is, what to do instead).
_REFUSED_MODULES = {
    "Conv": ("convolutions are not in the .grad language (its tensors have rank ≤ 2)",
             "draw a fully connected stand-in (nn.Linear on flattened features), or one output "
             "pixel's computation written as a dot product"),
    "BatchNorm": ("normalisation layers are not translated (batch statistics in training mode, "
                  "running statistics in eval mode)",
                  "leave the layer out of the model you draw; in eval mode it is an affine map "
                  "you can fold into the preceding nn.Linear's weight and bias"),
    "LayerNorm": ("normalisation layers are not translated",
                  "leave the layer out of the model you draw"),
    "GroupNorm": ("normalisation layers are not translated",
                  "leave the layer out of the model you draw"),
    "InstanceNorm": ("normalisation layers are not translated",
                     "leave the layer out of the model you draw"),
    "Embedding": ("embeddings are a table lookup by index, which the .grad language has no op for",
                  "pass the looked-up rows as the input (a constant), or a one-hot matrix times "
                  "the table (x @ E) as an nn.Linear without bias"),
    "RNN": ("recurrent layers are not translated", "unroll the steps with nn.Linear and tanh in forward"),
    "LSTM": ("recurrent layers are not translated", "unroll the steps with nn.Linear and sigmoid/tanh in forward"),
    "GRU": ("recurrent layers are not translated", "unroll the steps with nn.Linear and sigmoid/tanh in forward"),
    "MultiheadAttention": ("attention works on rank-3 tensors", "draw one head's scores with @ and softmax"),
}

_REFUSED_FUNCTIONS = {
    "conv1d": "Conv", "conv2d": "Conv", "conv3d": "Conv", "conv_transpose1d": "Conv",
    "conv_transpose2d": "Conv", "batch_norm": "BatchNorm", "layer_norm": "LayerNorm",
    "group_norm": "GroupNorm", "instance_norm": "InstanceNorm", "embedding": "Embedding",
}


@dataclass
class _Variable:
    """A translated FX node: its expression, or the script variable holding it."""

    expr: w.Expr
    variable: Optional[str] = None
    rank: int = 0
    blocks: tuple[str, ...] = ()


def from_torch(model: Any, inputs: Any, target: Any = None, loss: Optional[Callable[..., Any]] = None) -> Script:
    """A PyTorch model as a ``.grad`` script, checked against PyTorch's own float64 numbers.

    Traces ``loss(model(inputs), target)`` (or ``model(inputs)`` when it is a scalar) with
    ``torch.fx`` and reads every intermediate value with the FX interpreter on a float64 copy of
    the model (the model itself is not changed). Parameters become leaves, ``inputs`` and
    ``target`` data (``constant``); each submodule is a ``module`` block named after it
    (``nn.Sequential``'s children by class and position: ``linear0``, ``sigmoid1``);
    ``nn.Linear`` is ``W @ x + b`` for one sample (a vector) and ``x @ transpose(W) + b`` for a
    batch (a matrix, one sample per row); the Linear layers' weights, biases and outputs are
    labelled W⁽¹⁾, b⁽¹⁾, z⁽¹⁾, W⁽²⁾ … in the order they are first called, activations a⁽ˡ⁾, the
    input x, the target y, the model's output ŷ and the loss L.

    ``loss`` is any callable: ``nn.MSELoss()``, ``nn.CrossEntropyLoss()`` with class indices or
    probabilities, or a function written with tensor operations.

    Dropout is the identity in eval mode (``model.eval()``) and refused in training mode (its
    mask is random). Convolutions, normalisation layers (BatchNorm in either mode),
    embeddings, tensors of rank above 2, data-dependent control flow and in-place operations
    raise ``UnsupportedError`` naming the op, its module path and what to do instead.
    """
    import torch
    import torch.fx as fx

    if not isinstance(inputs, torch.Tensor):
        raise TypeError("inputs must be one tensor (one sample as a vector, or a batch as a matrix)")
    wrapper = _Wrapper(model, loss, target is not None)
    tracer = _tracer()
    graph = tracer.trace(wrapper)
    _refuse_in_place(graph)
    module = fx.GraphModule(tracer.root, graph)
    _refuse_modules(module)
    graph = module.graph
    graph.eliminate_dead_code()
    module.recompile()

    # The numbers: a float64 copy of the wrapper, run by the interpreter, every value kept.
    double = copy.deepcopy(module).double()
    for parameter in double.parameters():
        parameter.requires_grad_(True)
        parameter.grad = None
    x = inputs.detach().clone().double() if inputs.is_floating_point() else inputs.detach().clone()
    arguments = [x]
    if target is not None:
        t = target.detach().clone() if isinstance(target, torch.Tensor) else torch.tensor(target)
        arguments.append(t.double() if t.is_floating_point() else t)
    recorder = _Recorder(double)
    output = recorder.run(*arguments)
    # Every refusal comes before any number is asked of the output.
    translation = _Translation(double, recorder.values, model)
    translation.translate(graph)
    if not isinstance(output, torch.Tensor) or output.dim() != 0:
        shape = tuple(output.shape) if isinstance(output, torch.Tensor) else type(output).__name__
        raise ValueError(
            f"the traced output has shape {shape}: GradViz differentiates a scalar; give loss= and "
            "target= (or have forward return a loss)"
        )
    output.backward()
    return translation.script()


def _make_wrapper_class() -> Any:
    import torch

    class Wrapper(torch.nn.Module):
        """``loss(model(input), target)`` as one module, so one trace covers both."""

        def __init__(self, model: Any, loss: Any, has_target: bool) -> None:
            super().__init__()
            self.model = model
            if isinstance(loss, torch.nn.Module):
                self.loss = loss
            else:
                self._loss_function = loss
            self.has_target = has_target

        def forward(self, input: Any, target: Any = None) -> Any:  # noqa: A002 (PyTorch's name)
            prediction = self.model(input)
            loss = getattr(self, "loss", None) or getattr(self, "_loss_function", None)
            if loss is None:
                return prediction
            return loss(prediction, target) if self.has_target else loss(prediction)

    return Wrapper


def _Wrapper(model: Any, loss: Any, has_target: bool) -> Any:  # noqa: N802 (a class, made lazily)
    global _WrapperClass
    if _WrapperClass is None:
        _WrapperClass = _make_wrapper_class()
    return _WrapperClass(model, loss, has_target)


_WrapperClass: Any = None
_Tracer: Any = None


def _make_tracer_class() -> Any:
    import torch.fx as fx

    class Tracer(fx.Tracer):
        """``torch.fx``'s tracer, refusing data-dependent control flow with the module it is in."""

        def _where(self) -> str:
            stack = list(getattr(self, "module_stack", {}).values())
            path = stack[-1][0] if stack else ""
            return _model_path(path)

        def to_bool(self, obj: Any) -> bool:
            raise UnsupportedError(
                "data-dependent control flow (if/while on a tensor)", self._where(),
                "a .grad script is one fixed graph, the same for every input",
                "compute both branches and combine them with arithmetic (torch.relu, torch.maximum), "
                "or trace the branch the input takes by writing it without the condition",
            )

        def iter(self, obj: Any) -> Any:
            raise UnsupportedError(
                "iteration over a tensor", self._where(),
                "a .grad script is one fixed graph whose size cannot depend on a tensor",
                "index the entries you need, or write the loop over a Python range",
            )

    return Tracer


def _tracer() -> Any:
    global _Tracer
    if _Tracer is None:
        _Tracer = _make_tracer_class()
    return _Tracer()


def _model_path(path: str) -> str:
    """A qualified name inside the wrapper as the user's model names it (``model.0`` → ``0``)."""
    if path == "model":
        return ""
    if path.startswith("model."):
        return path[len("model."):]
    return path


_IN_PLACE_EXCEPTIONS = {"requires_grad_", "retain_grad"}


def _refuse_in_place(graph: Any) -> None:
    for node in graph.nodes:
        where = _node_path(node)
        if node.op == "call_method" and str(node.target).endswith("_") and not str(node.target).startswith("_"):
            if node.target not in _IN_PLACE_EXCEPTIONS:
                raise UnsupportedError(
                    f"in-place {node.target}", where,
                    "an in-place operation overwrites a value the graph still needs",
                    f"write the out-of-place form ({str(node.target)[:-1]}, or x = x + … instead of +=)",
                )
        if node.kwargs.get("inplace") is True or (
            node.op == "call_function" and getattr(node.target, "__name__", "").endswith("_")
            and not getattr(node.target, "__name__", "").startswith("_")
        ):
            name = getattr(node.target, "__name__", str(node.target))
            raise UnsupportedError(
                f"in-place {name}", where,
                "an in-place operation overwrites a value the graph still needs",
                "pass inplace=False (the default), or use the out-of-place function",
            )


def _refuse_modules(module: Any) -> None:
    """Refuses, before anything runs, the modules the language has no counterpart for."""
    import torch.nn as nn

    modules = dict(module.named_modules())
    for node in module.graph.nodes:
        if node.op == "call_function":
            name = getattr(node.target, "__name__", "")
            if name in _REFUSED_FUNCTIONS:
                reason, advice = _REFUSED_MODULES[_REFUSED_FUNCTIONS[name]]
                raise UnsupportedError(name, _node_path(node), reason, advice)
        if node.op != "call_module":
            continue
        layer = modules[str(node.target)]
        kind = type(layer).__name__
        where = _model_path(str(node.target))
        for prefix, (reason, advice) in _REFUSED_MODULES.items():
            if kind.startswith(prefix) or kind.startswith("Lazy" + prefix):
                raise UnsupportedError(kind, where, reason, advice)
        if getattr(layer, "inplace", False):
            raise UnsupportedError(
                f"{kind}(inplace=True)", where, "an in-place operation overwrites a value the graph still needs",
                f"use nn.{kind}() (inplace=False, the default): the gradients are the same",
            )
        if isinstance(layer, nn.modules.dropout._DropoutNd) and layer.training and layer.p > 0:
            raise UnsupportedError(
                kind, where, "in training mode dropout multiplies by a random mask, a different graph each call",
                "call model.eval() first: in eval mode dropout is the identity and is left out of the script",
            )


def _node_path(node: Any) -> str:
    stack = node.meta.get("nn_module_stack") or {}
    if not stack:
        return ""
    path = list(stack.values())[-1][0]
    if node.op == "call_module":
        path = str(node.target)
    return _model_path(path)


class _Recorder:
    """The FX interpreter, keeping every node's value (and its gradient after backward)."""

    def __init__(self, module: Any) -> None:
        import torch.fx as fx

        class Interpreter(fx.Interpreter):
            def run_node(inner, node: Any) -> Any:  # noqa: N805
                value = super().run_node(node)
                import torch

                if isinstance(value, torch.Tensor):
                    if value.requires_grad and not value.is_leaf:
                        value.retain_grad()
                self.values[node.name] = value
                return value

        self.values: dict[str, Any] = {}
        self.interpreter = Interpreter(module)

    def run(self, *arguments: Any) -> Any:
        return self.interpreter.run(*arguments)


def _describe(node: Any) -> str:
    if node.op == "call_module":
        return f"module {node.target}"
    return str(getattr(node.target, "__name__", node.target))


def _first_non_finite(tensor: Any) -> str:
    """``nan at [0, 1]``: the first entry of ``tensor`` that is not finite, and where."""
    import torch

    flat = tensor.detach().reshape(-1)
    index = int((~torch.isfinite(flat)).nonzero()[0]) if flat.numel() else 0
    where = list(torch.unravel_index(torch.tensor(index), tuple(tensor.shape))) if tensor.dim() else []
    position = "[" + ", ".join(str(int(i)) for i in where) + "]" if where else ""
    return f"{float(flat[index])} at {position}" if position else str(float(flat[index]))


def _nested(tensor: Any) -> Any:
    """A tensor as nested Python lists of floats (a number for a scalar)."""
    return tensor.detach().tolist()


class _Translation:
    """One walk over the traced graph, writing the script and collecting PyTorch's numbers."""

    def __init__(self, double: Any, values: dict[str, Any], original: Any) -> None:
        self.double = double
        self.values = values
        self.modules = dict(double.named_modules())
        self.parameters = dict(double.named_parameters())
        self.buffers = dict(double.named_buffers())
        self.text = w.ScriptText()
        self.namer = w.Namer()
        self.names: dict[str, str] = {}
        self.reference: dict[str, Reference] = {}
        self.pending: list[tuple[str, Any, bool]] = []  # (variable, tensor, is data): read after backward
        self.nodes: dict[str, _Variable] = {}
        self.linear_numbers: dict[str, int] = {}  # Linear module path → its layer number
        self.linear_calls = 0
        self.declared: dict[str, str] = {}  # parameter qualified name → script variable
        self.declared_tensors: dict[int, str] = {}  # id of a declared tensor (kept alive by pending) → variable
        self.blocks: dict[tuple[str, ...], str] = {}  # nn_module_stack keys → block name
        self.class_name = type(original).__name__

    # MARK: Script

    def translate(self, graph: Any) -> None:
        """Writes the script's statements (raising ``UnsupportedError`` where it cannot)."""
        nodes = list(graph.nodes)
        self.users = {node.name: len(node.users) for node in nodes}
        output_node = next(node for node in nodes if node.op == "output")
        result = output_node.args[0]
        self.model_output = self._model_output(nodes, result)
        for node in nodes:
            if node.op == "output":
                continue
            self._translate(node, result)
        final = self.nodes[result.name]
        if final.variable is None:
            self._materialize(result, final, "L", "L")
        self.text.output = final.variable

    def script(self) -> Script:
        """The script, with PyTorch's values and gradients (after the backward pass)."""
        for name, value, data in self.pending:
            grad = None if data or not value.requires_grad else value.grad
            if not data and grad is None and value.is_leaf:
                grad = value.detach() * 0  # a parameter the output does not reach
            self.reference[name] = Reference(_nested(value), _nested(grad) if grad is not None else None)
        self.text.header = [
            f"{self.class_name}, translated from PyTorch by gradviz.from_torch (torch.fx).",
            "Parameters are leaves; the input and the target are data.",
        ]
        return Script(self.text.source(), self.names, self.reference, name="model", rtol=1e-9, framework="PyTorch")

    def _model_output(self, nodes: list[Any], result: Any) -> Optional[str]:
        """The node whose value the model returns (the input to the loss)."""
        inside = {n.name for n in nodes if _in_model(n)}
        for node in nodes:
            if node.name in inside and any(user.name not in inside for user in node.users):
                return str(node.name)
        return None

    # MARK: Blocks

    def _blocks_of(self, node: Any) -> tuple[str, ...]:
        """The module blocks a node is written in: its nn_module_stack, without the loss module."""
        stack = list((node.meta.get("nn_module_stack") or {}).items())
        if node.op == "call_module" and self._is_loss_module(str(node.target)):
            stack = stack[:-1]
        names: list[str] = []
        for depth in range(len(stack)):
            key = tuple(k for k, _ in stack[: depth + 1])
            if key not in self.blocks:
                path, cls = stack[depth][1]
                self.blocks[key] = self.namer.claim(self._block_name(path, cls))
            names.append(self.blocks[key])
        return tuple(names)

    @staticmethod
    def _block_name(path: str, cls: Any) -> str:
        """``model`` for the model; a child of a container by class and position (``linear0``,
        ``sigmoid1``); any other child by its attribute name (``fc``)."""
        if path == "model":
            return "model"
        child = path.rpartition(".")[2]
        if child.isdigit():
            return f"{getattr(cls, '__name__', 'layer').lower()}{child}"
        return child

    def _is_loss_module(self, path: str) -> bool:
        import torch

        module = self.modules.get(path)
        return module is not None and isinstance(module, torch.nn.modules.loss._Loss)

    # MARK: Variables

    def _materialize(self, node: Any, var: _Variable, wanted: str, label: Optional[str]) -> None:
        """Assigns the node's expression to a script variable (and records PyTorch's numbers)."""
        name = self.namer.claim(wanted)
        self.text.assign(name, var.expr.text, var.blocks)
        var.variable = name
        var.expr = w.Expr(name)
        if label:
            self.text.labels[name] = label
        value = self.values.get(node.name)
        if value is not None:
            self.pending.append((name, value, False))

    def _leaf(self, qualified: str, tensor: Any, wanted: str, label: Optional[str], blocks: tuple[str, ...],
              data: bool) -> w.Expr:
        """A parameter (a leaf) or a buffer or input (data), declared once: a tensor that two
        modules share (tied weights, ``fc2.weight = fc1.weight``) is one leaf under both names."""
        if qualified in self.declared:
            return w.Expr(self.declared[qualified])
        framework_name = _model_path(qualified) if qualified.startswith("model.") else qualified
        shared = self.declared_tensors.get(id(tensor))
        if shared is not None:
            self.declared[qualified] = shared
            self.names[framework_name] = shared
            return w.Expr(shared)
        try:
            literal = w.literal(_nested(tensor))
        except ValueError:
            what = "the input" if qualified == "input" else "the target" if qualified == "target" else f"'{qualified}'"
            raise ValueError(
                f"{what.replace('model.', '', 1)} holds {_first_non_finite(tensor)}: a .grad script holds finite "
                "numbers only (PyTorch's gradients would be nan or inf too)"
            ) from None
        name = self.namer.claim(wanted)
        self.text.assign(name, literal, blocks)
        if data:
            self.text.constants.append(name)
        if label:
            self.text.labels[name] = label
        self.declared[qualified] = name
        self.declared_tensors[id(tensor)] = name
        self.names[framework_name] = name
        self.pending.append((name, tensor, data))
        return w.Expr(name)

    # MARK: Nodes

    def _operand(self, argument: Any, node: Any) -> w.Expr:
        import torch.fx as fx

        if isinstance(argument, fx.Node):
            return self.nodes[argument.name].expr
        if isinstance(argument, bool) or not isinstance(argument, (int, float)):
            raise UnsupportedError(
                f"{_describe(node)} with the argument {argument!r}", _node_path(node),
                "only tensors and Python numbers can be operands in a .grad script",
                "compute it from the model's tensors, or make it a buffer",
            )
        return w.constant(argument)

    def _rank(self, argument: Any) -> int:
        import torch.fx as fx

        if isinstance(argument, fx.Node):
            value = self.values.get(argument.name)
            return int(value.dim()) if value is not None and hasattr(value, "dim") else 0
        return 0

    def _translate(self, node: Any, result: Any) -> None:
        value: Any = self.values.get(node.name)
        if hasattr(value, "dim") and value.dim() > 2:
            raise UnsupportedError(
                f"{_describe(node)} giving a tensor of rank {value.dim()} (shape {tuple(value.shape)})",
                _node_path(node),
                "the .grad language has scalars, vectors and matrices only",
                "flatten to a matrix of one sample per row (x.flatten(1)) before the model, or draw one sample",
            )
        blocks = self._blocks_of(node)
        if node.op == "placeholder":
            value = self.values.get(node.name)
            if value is None:  # no target given
                return
            is_target = str(node.target) != "input"
            expr = self._leaf(str(node.target), value, "y" if is_target else "x", "y" if is_target else "x", (), True)
            self.nodes[node.name] = _Variable(expr, expr.text, int(value.dim()), ())
            return
        if node.op == "get_attr":
            qualified = str(node.target)
            value = self.values[node.name]
            data = qualified not in self.parameters
            wanted = qualified.rpartition(".")[2]
            expr = self._leaf(qualified, value, wanted, None, blocks, data)
            self.nodes[node.name] = _Variable(expr, expr.text, int(value.dim()), blocks)
            return
        if node.op == "call_module":
            var = self._module_call(node, blocks)
        else:
            var = _Variable(self._function_call(node), None, 0, blocks)
        value = self.values.get(node.name)
        var.rank = int(value.dim()) if value is not None and hasattr(value, "dim") else 0
        var.blocks = blocks
        self.nodes[node.name] = var
        if var.variable is not None:
            return
        users = list(node.users)
        if node.name == self.model_output:
            self._materialize(node, var, "yhat" if node is not result else "L", "ŷ" if node is not result else "L")
        elif node is result:
            self._materialize(node, var, "L", "L")
        elif node.op == "call_module":
            wanted, label = self._module_output_name(node)
            self._materialize(node, var, wanted, label)
        elif len(users) != 1 or self._blocks_of(users[0]) != blocks:
            self._materialize(node, var, "h", None)

    def _module_output_name(self, node: Any) -> tuple[str, Optional[str]]:
        import torch

        module = self.modules[str(node.target)]
        if isinstance(module, torch.nn.Linear):
            k = self.linear_numbers[str(node.target)]
            return f"z{k}", "z" + w.superscript(k)
        if self.linear_calls:
            return f"a{self.linear_calls}", "a" + w.superscript(self.linear_calls)
        return type(module).__name__.lower(), None

    def _module_call(self, node: Any, blocks: tuple[str, ...]) -> _Variable:
        import torch.nn as nn

        path = str(node.target)
        module = self.modules[path]
        where = _model_path(path)
        kind = type(module).__name__
        args = [self._operand(a, node) for a in node.args]
        x = args[0] if args else w.Expr("")
        rank = self._rank(node.args[0]) if node.args else 0
        if isinstance(module, nn.Linear):
            if path not in self.linear_numbers:
                self.linear_numbers[path] = len(self.linear_numbers) + 1
            k = self.linear_numbers[path]
            self.linear_calls = k
            weight = self._leaf(path + ".weight", module.weight, f"W{k}", "W" + w.superscript(k), blocks, False)
            # One sample (a vector): W @ x; a batch (one sample per row): x @ transpose(W).
            product = w.binary("@", weight, x) if rank < 2 else w.binary("@", x, w.call("transpose", weight))
            if module.bias is not None:
                bias = self._leaf(path + ".bias", module.bias, f"b{k}", "b" + w.superscript(k), blocks, False)
                product = w.binary("+", product, bias)
            return _Variable(product)
        simple = {nn.ReLU: "relu", nn.Sigmoid: "sigmoid", nn.Tanh: "tanh"}
        for cls, function in simple.items():
            if type(module) is cls:
                return _Variable(w.call(function, x))
        if isinstance(module, (nn.Softmax, nn.LogSoftmax)):
            function = "softmax" if isinstance(module, nn.Softmax) else "log_softmax"
            self._last_dimension(module.dim, rank, kind, where)
            return _Variable(w.call(function, x))
        if isinstance(module, nn.LeakyReLU):
            if module.negative_slope != 0.01:
                raise UnsupportedError(
                    f"LeakyReLU(negative_slope={module.negative_slope})", where,
                    "the language's leaky_relu has PyTorch's default slope 0.01",
                    "use nn.LeakyReLU() (slope 0.01), or write torch.maximum(x, s * x) in forward",
                )
            return _Variable(w.call("leaky_relu", x))
        if isinstance(module, nn.Softplus):
            if module.beta != 1:
                raise UnsupportedError(f"Softplus(beta={module.beta})", where, "the language's softplus has beta 1",
                                       "use nn.Softplus() or write torch.log(1 + torch.exp(b * x)) / b")
            return _Variable(w.call("softplus", x))
        if isinstance(module, (nn.Identity, nn.Flatten)) and self._same_shape(node):
            return self._alias(node.args[0])
        if isinstance(module, nn.modules.dropout._DropoutNd):
            return self._alias(node.args[0])  # eval mode (training mode was refused before)
        if isinstance(module, nn.MSELoss):
            return _Variable(self._mse(args, module.reduction, kind, where))
        if isinstance(module, nn.CrossEntropyLoss):
            self._plain_cross_entropy(module.reduction, module.weight, module.label_smoothing, kind, where)
            return _Variable(w.call("cross_entropy", *args))
        raise UnsupportedError(kind, where, "this module has no translation to the .grad language",
                               "write its computation in forward with tensor operations the bridge knows "
                               "(see Documentation/Python.md)")

    def _same_shape(self, node: Any) -> bool:
        before = self.values.get(node.args[0].name)
        after = self.values.get(node.name)
        return before is not None and after is not None and tuple(before.shape) == tuple(after.shape)

    def _alias(self, argument: Any) -> _Variable:
        source = self.nodes[argument.name]
        return _Variable(source.expr, source.variable, source.rank, source.blocks)

    def _last_dimension(self, dim: Any, rank: int, op: str, where: str) -> None:
        if dim is None or dim == -1 or dim == rank - 1:
            return
        raise UnsupportedError(f"{op}(dim={dim})", where, "the language's softmax works over the last dimension",
                               "use dim=-1 (one row per sample)")

    def _mse(self, args: list[w.Expr], reduction: str, op: str, where: str) -> w.Expr:
        if reduction == "mean":
            return w.call("mse", *args[:2])
        if reduction == "sum":
            return w.call("sum", w.binary("^", w.binary("-", args[0], args[1]), w.constant(2)))
        raise UnsupportedError(f"{op}(reduction='{reduction}')", where, "the loss must be a scalar",
                               "use reduction='mean' or 'sum'")

    def _plain_cross_entropy(self, reduction: str, weight: Any, smoothing: float, op: str, where: str) -> None:
        if reduction != "mean" or weight is not None or smoothing:
            raise UnsupportedError(
                f"{op}(reduction='{reduction}', weight={'…' if weight is not None else None}, "
                f"label_smoothing={smoothing})", where,
                "the language's cross_entropy is the mean over rows, unweighted, without smoothing",
                "use the defaults, or write the loss with log_softmax in a function",
            )

    def _function_call(self, node: Any) -> w.Expr:
        import torch
        import torch.nn.functional as F

        where = _node_path(node)
        target = node.target
        name = target if isinstance(target, str) else getattr(target, "__name__", str(target))
        if name in _REFUSED_FUNCTIONS:
            reason, advice = _REFUSED_MODULES[_REFUSED_FUNCTIONS[name]]
            raise UnsupportedError(name, where, reason, advice)
        args = node.args
        kwargs = dict(node.kwargs)

        def operand(i: int) -> w.Expr:
            return self._operand(args[i], node)

        binary = {
            operator.add: "+", torch.add: "+", "add": "+", operator.sub: "-", torch.sub: "-", "sub": "-",
            operator.mul: "*", torch.mul: "*", "mul": "*", operator.truediv: "/", torch.div: "/", "div": "/",
            operator.matmul: "@", torch.matmul: "@", "matmul": "@", torch.mm: "@", "mm": "@", torch.mv: "@",
            "mv": "@", torch.true_divide: "/",
        }
        unary = {
            torch.relu: "relu", F.relu: "relu", "relu": "relu", torch.sigmoid: "sigmoid", F.sigmoid: "sigmoid",
            "sigmoid": "sigmoid", torch.tanh: "tanh", F.tanh: "tanh", "tanh": "tanh", torch.exp: "exp",
            "exp": "exp", torch.log: "log", "log": "log", torch.abs: "abs", "abs": "abs", torch.sqrt: "sqrt",
            "sqrt": "sqrt", F.softplus: "softplus", F.leaky_relu: "leaky_relu",
        }
        key: Any = target if node.op == "call_function" else name
        if node.op == "call_function" and target is getattr and args[1] == "T":
            return self._transpose(operand(0), node)
        try:
            symbol = binary.get(key)
            function = unary.get(key)
        except TypeError:
            symbol = function = None
        if symbol is not None:
            extra = {k: v for k, v in kwargs.items() if not (k == "alpha" and v == 1)}
            if extra or len(args) != 2:
                raise UnsupportedError(f"{name} with {extra or args}", where,
                                       "only the plain binary form is translated",
                                       "write the arithmetic with operators (a + 2 * b)")
            return w.binary(symbol, operand(0), operand(1))
        if function is not None:
            if function == "softplus" and (kwargs.get("beta", 1) != 1 or (len(args) > 1 and args[1] != 1)):
                raise UnsupportedError("softplus(beta≠1)", where, "the language's softplus has beta 1",
                                       "write torch.log(1 + torch.exp(b * x)) / b")
            if function == "leaky_relu" and (kwargs.get("negative_slope", 0.01) != 0.01
                                             or (len(args) > 1 and args[1] != 0.01)):
                raise UnsupportedError("leaky_relu(negative_slope≠0.01)", where,
                                       "the language's leaky_relu has PyTorch's default slope 0.01",
                                       "write torch.maximum(x, s * x)")
            return w.call(function, operand(0))
        if key in (operator.neg, torch.neg, "neg"):
            return w.negate(operand(0))
        if key in (operator.pow, torch.pow, "pow"):
            exponent = args[1] if len(args) > 1 else kwargs.get("exponent")
            if not isinstance(exponent, (int, float)) or isinstance(exponent, bool):
                raise UnsupportedError(f"{name} with a tensor exponent", where,
                                       "the exponent of ^ must be a constant", "use a Python number as the exponent")
            return w.binary("^", operand(0), w.constant(exponent))
        if key in (torch.square, "square"):
            return w.binary("^", operand(0), w.constant(2))
        if key in (torch.sum, "sum", torch.mean, "mean"):
            reduce = "sum" if key in (torch.sum, "sum") else "mean"
            if len(args) > 1 or kwargs.get("dim") is not None or kwargs.get("keepdim"):
                raise UnsupportedError(f"{reduce} over a dimension", where,
                                       f"the language's {reduce} reduces all entries to a scalar",
                                       f"use .{reduce}() of the whole tensor, or a product with a vector of ones "
                                       "(X @ ones) for the sum of each row")
            return w.call(reduce, operand(0))
        if key in (torch.t, "t"):
            return self._transpose(operand(0), node)
        if key in (torch.transpose, "transpose"):
            dims = sorted(d % 2 for d in args[1:3]) if len(args) >= 3 else []
            if dims != [0, 1]:
                raise UnsupportedError(f"transpose{tuple(args[1:])}", where, "only a matrix's two dimensions swap",
                                       "use .t() or .T")
            return self._transpose(operand(0), node)
        if key in (torch.softmax, F.softmax, "softmax", torch.log_softmax, F.log_softmax, "log_softmax"):
            dim = args[1] if len(args) > 1 else kwargs.get("dim")
            self._last_dimension(dim, self._rank(args[0]), name, where)
            function = "softmax" if key in (torch.softmax, F.softmax, "softmax") else "log_softmax"
            return w.call(function, operand(0))
        if key in (torch.maximum, torch.minimum, "maximum", "minimum"):
            return w.call("max" if key in (torch.maximum, "maximum") else "min", operand(0), operand(1))
        if key is F.mse_loss:
            return self._mse([operand(0), operand(1)], kwargs.get("reduction", "mean"), name, where)
        if key is F.cross_entropy:
            self._plain_cross_entropy(kwargs.get("reduction", "mean"), kwargs.get("weight"),
                                      kwargs.get("label_smoothing", 0.0), name, where)
            return w.call("cross_entropy", operand(0), operand(1))
        if key in (F.dropout, "dropout"):
            training = kwargs.get("training", True)
            if training and kwargs.get("p", 0.5):
                raise UnsupportedError("dropout", where, "in training mode dropout multiplies by a random mask",
                                       "pass training=self.training and call model.eval() first")
            return operand(0)
        raise UnsupportedError(
            name, where, "this operation has no translation to the .grad language",
            "write it with the operations the bridge knows (+ - * / @ ** and relu, sigmoid, tanh, exp, log, abs, "
            "sqrt, softmax, log_softmax, sum, mean, t/.T; see Documentation/Python.md)",
        )

    def _transpose(self, x: w.Expr, node: Any) -> w.Expr:
        return w.call("transpose", x)


def _in_model(node: Any) -> bool:
    stack = node.meta.get("nn_module_stack") or {}
    return bool(stack) and list(stack.values())[0][0] == "model"
