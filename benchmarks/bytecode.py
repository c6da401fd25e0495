"""Start-up and UI benchmarks measure the app as users run it: with compiled bytecode.

An installed app always has it (PyInstaller bundles .pyc files; pip and a normal `python` write them on first
import). Some machines, this one included, set PYTHONDONTWRITEBYTECODE=1: then every process compiles every
module of PySide6's helpers, pydantic, SQLAlchemy and the app from source at each import, which costs more than
Qt's whole start-up and holds the GIL for tens of milliseconds per module (so a worker thread importing a module
stalls the UI thread). `ensure_bytecode()` compiles the app and the environment's site-packages once (cached in
`__pycache__` like any first run) so the numbers are not an artefact of that setting.
"""

from __future__ import annotations

import compileall
import os
import site
import sys
from pathlib import Path

ENV_VAR = "PYTHONDONTWRITEBYTECODE"


def ensure_bytecode() -> dict[str, object]:
    """Compile the app and site-packages (no-op for files already compiled); say what was done."""
    roots = [Path(__file__).resolve().parent.parent / "careervp_desktop", *map(Path, site.getsitepackages())]
    workers = max(1, (os.cpu_count() or 1))
    ok = all(compileall.compile_dir(str(root), quiet=2, workers=workers) for root in roots if root.is_dir())
    return {
        "bytecode": "compiled" if ok else "partly compiled",
        "env_dont_write_bytecode": bool(sys.flags.dont_write_bytecode),
    }


def child_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a measured child process: reads (and would write) bytecode like a normal run."""
    env = dict(os.environ if base is None else base)
    env.pop(ENV_VAR, None)
    return env
