"""GradViz from Python: PyTorch and micrograd models drawn and checked by GradViz.

``from_torch`` and ``from_micrograd`` translate a model into a ``.grad`` script (a ``Script``);
its methods run the ``gradviz`` binary (``GRADVIZ`` from the environment, else ``gradviz`` on
PATH) to evaluate, check, draw and page it. The package holds no autodiff and no drawing:
torch and micrograd are imported only by the function that reads them.
"""

from __future__ import annotations

from typing import Any, Optional

from .errors import GradVizError, GradVizNotFoundError, UnsupportedError
from .script import CheckResult, Mismatch, Page, Reference, Script

__all__ = [
    "CheckResult",
    "GradVizError",
    "GradVizNotFoundError",
    "Mismatch",
    "Page",
    "Reference",
    "Script",
    "UnsupportedError",
    "binary",
    "from_micrograd",
    "from_torch",
]
__version__ = "0.1.0"


def from_torch(model: Any, inputs: Any, target: Any = None, loss: Optional[Any] = None) -> Script:
    """A PyTorch model as a ``.grad`` script (see ``gradviz._torch.from_torch``)."""
    from ._torch import from_torch as translate

    return translate(model, inputs, target=target, loss=loss)


def from_micrograd(output: Any, names: Optional[dict[Any, str]] = None, model: Any = None) -> Script:
    """A micrograd expression as a ``.grad`` script (see ``gradviz._micrograd.from_micrograd``)."""
    from ._micrograd import from_micrograd as translate

    return translate(output, names=names, model=model)


def binary() -> str:
    """The ``gradviz`` binary this package runs: ``GRADVIZ``, else ``gradviz`` on PATH."""
    from ._cli import binary as find

    return find()

