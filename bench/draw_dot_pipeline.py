"""micrograd's usual figure pipeline, for the end-to-end render benchmark.

Builds the lecture's regression (or micrograd's MLP(2, [16, 16, 1]) loss) with micrograd's
Value, runs backward, and draws it with the `draw_dot` function from micrograd's
trace_graph notebook (graphviz.Digraph, rendered by the `dot` program) to an SVG file.

usage: python3 draw_dot_pipeline.py regression|mlp OUTPUT_BASENAME [COUNT]

With COUNT, renders the figure COUNT times in one process (OUTPUT_BASENAME-1, -2, …), as a
batch that regenerates slide figures would.
"""
import random
import sys

from graphviz import Digraph
from micrograd.engine import Value
from micrograd.nn import MLP


def trace(root):
    nodes, edges = set(), set()
    stack = [root]
    while stack:
        v = stack.pop()
        if v in nodes:
            continue
        nodes.add(v)
        for child in v._prev:
            edges.add((child, v))
            stack.append(child)
    return nodes, edges


def draw_dot(root, format="svg", rankdir="LR"):
    """The notebook's draw_dot (iterative trace so large graphs do not hit the recursion limit)."""
    nodes, edges = trace(root)
    dot = Digraph(format=format, graph_attr={"rankdir": rankdir})
    for n in nodes:
        dot.node(name=str(id(n)), label="{ data %.4f | grad %.4f }" % (n.data, n.grad), shape="record")
        if n._op:
            dot.node(name=str(id(n)) + n._op, label=n._op)
            dot.edge(str(id(n)) + n._op, str(id(n)))
    for n1, n2 in edges:
        dot.edge(str(id(n1)), str(id(n2)) + n2._op)
    return dot


def regression():
    x, w1, b1, w2, b2, y = (Value(v) for v in (3.0, 5.0, 2.0, 2.0, 3.0, 40.0))
    yhat = w2 * (w1 * x + b1) + b2
    return (yhat - y) ** 2


def mlp():
    random.seed(1)
    model = MLP(2, [16, 16, 1])
    x = [Value(0.5), Value(-1.5)]
    return (model(x) - 1.0) ** 2


if __name__ == "__main__":
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    for index in range(count):
        loss = {"regression": regression, "mlp": mlp}[sys.argv[1]]()
        loss.backward()
        name = sys.argv[2] if count == 1 else f"{sys.argv[2]}-{index + 1}"
        draw_dot(loss).render(name, cleanup=True)
