"""Composition root of the desktop app: settings → workspace (library) → providers → main window.

`careervp` with no command (or `careervp gui`) and the `careervp-gui` launcher end up in `run_gui`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from careervp_desktop.domain.errors import BadInputError


def _no_display() -> bool:
    """On Linux/BSD without X11 or Wayland, Qt aborts the process with a multi-line message (exit 134)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")) or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(data_dir: Path | None, *, exit_after_show: bool = False) -> int:
    if _no_display():
        raise BadInputError(
            "No display found: run CareerVP in a desktop session, or use the command line (careervp --help); "
            "QT_QPA_PLATFORM=offscreen runs the window invisibly."
        )
    from careervp_desktop.ui.gc_policy import hold_collections

    hold_collections()  # before the window's imports: no collections while the app starts
    from careervp_desktop.ui.main_window import run_gui as _run_gui

    return _run_gui(data_dir, exit_after_show)


def main() -> int:
    """Entry point of the windowed launcher (no console). With no command the CLI opens the window, so
    `careervp-gui --data-dir D` works like `careervp --data-dir D`."""
    from careervp_desktop.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
