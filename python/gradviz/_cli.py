"""Finding and running the ``gradviz`` binary."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import Any, Mapping, Sequence

from .errors import GradVizError, GradVizNotFoundError

INSTALL_HINT = (
    "no gradviz binary: set GRADVIZ to its path, or put gradviz on PATH. To build it, in a "
    "clone of GradViz: `swift build -c release --static-swift-stdlib --product gradviz` and "
    "`install .build/release/gradviz ~/.local/bin/` (needs the Swift 6 toolchain and "
    "libgraphviz-dev; see the README's quick start)"
)


def binary() -> str:
    """The ``gradviz`` binary: ``GRADVIZ`` from the environment, else ``gradviz`` on PATH."""
    configured = os.environ.get("GRADVIZ")
    if configured:
        if not (os.path.isfile(configured) and os.access(configured, os.X_OK)):
            raise GradVizNotFoundError(f"GRADVIZ={configured} is not an executable file; " + INSTALL_HINT)
        return configured
    found = shutil.which("gradviz")
    if found is None:
        raise GradVizNotFoundError(INSTALL_HINT)
    return found


def options_to_arguments(options: Mapping[str, Any]) -> list[str]:
    """Keyword options as command-line flags.

    ``max_paths=8`` is ``--max-paths 8``, ``no_captions=True`` is ``--no-captions`` (``False``
    or ``None`` leaves the flag out), a list or tuple is given to the flag one value after
    another (``params=["w1", "b1"]`` is ``--params w1 b1``), except ``format``, whose list is
    joined with commas as the CLI takes it (``format=["svg", "png"]`` is ``--format svg,png``).
    """
    arguments: list[str] = []
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            arguments.append(flag)
        elif isinstance(value, (list, tuple)):
            if key == "format":
                arguments += [flag, ",".join(str(v) for v in value)]
            else:
                arguments += [flag] + [str(v) for v in value]
        else:
            arguments += [flag, str(value)]
    return arguments


def run(arguments: Sequence[str], accept: Sequence[int] = (0,)) -> subprocess.CompletedProcess[bytes]:
    """Runs ``gradviz`` with ``arguments``; raises ``GradVizError`` on an exit status not in ``accept``."""
    result = subprocess.run([binary(), *arguments], capture_output=True, check=False)
    if result.returncode not in accept:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise GradVizError(f"gradviz {' '.join(arguments[:1])} exited {result.returncode}: {message}")
    return result


def run_json(arguments: Sequence[str], key: str, accept: Sequence[int] = (0,)) -> Any:
    """``run`` for a ``--format json`` command: its output as an object holding ``key``; raises
    ``GradVizError`` when the binary printed anything else (not this gradviz, or a broken one)."""
    result = run(arguments, accept)
    try:
        parsed = json.loads(result.stdout)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict) or key not in parsed:
        shown = result.stdout[:200].decode("utf-8", "replace")
        raise GradVizError(
            f"gradviz {' '.join(arguments[:1])} (exit {result.returncode}) printed no JSON object with "
            f"{key!r}: {shown!r}; is {binary()} the gradviz binary?"
        )
    return parsed
