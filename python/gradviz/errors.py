"""The exceptions the bridge raises."""

from __future__ import annotations


class GradVizError(Exception):
    """The ``gradviz`` binary refused a script or failed (its message is the binary's)."""


class GradVizNotFoundError(GradVizError, FileNotFoundError):
    """No ``gradviz`` binary: neither ``GRADVIZ`` in the environment nor ``gradviz`` on PATH."""


class UnsupportedError(GradVizError, NotImplementedError):
    """A part of the model the ``.grad`` language cannot express.

    Raised instead of writing a wrong or partial graph. ``op`` names the operation (``conv2d``,
    ``BatchNorm1d``, ``add_``), ``module_path`` where it sits in the model (PyTorch's qualified
    name, ``""`` for the top level) and ``advice`` what to do instead.
    """

    def __init__(self, op: str, module_path: str, reason: str, advice: str) -> None:
        self.op = op
        self.module_path = module_path
        self.reason = reason
        self.advice = advice
        where = f"module '{module_path}'" if module_path else "the top level"
        super().__init__(f"{op} in {where}: {reason}; {advice}")
