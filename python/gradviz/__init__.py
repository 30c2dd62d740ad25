"""GradViz from Python: PyTorch and micrograd models drawn and checked by GradViz.

``from_torch`` and ``from_micrograd`` translate a model into a ``.grad`` script (a ``Script``);
its methods run the ``gradviz`` binary (``GRADVIZ`` from the environment, else ``gradviz`` on
PATH) to evaluate, check, draw and page it. The package holds no autodiff and no drawing:
torch and micrograd are imported only by the function that reads them.
"""

from __future__ import annotations

from . import _cli
from ._micrograd import from_micrograd
from ._torch import from_torch
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


def binary() -> str:
    """The ``gradviz`` binary this package runs: ``GRADVIZ``, else ``gradviz`` on PATH."""
    return _cli.binary()
