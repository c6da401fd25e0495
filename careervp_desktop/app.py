"""Composition root of the desktop app: settings → workspace (library) → providers → main window.

`careervp` with no command (or `careervp gui`) and the `careervp-gui` launcher (both start in `launch.main`) end
up in `run_gui`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from careervp_desktop.domain.errors import BadInputError


def no_display() -> bool:
    """On Linux/BSD without X11 or Wayland, Qt aborts the process with a multi-line message (exit 134)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")) or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(data_dir: Path | None, *, exit_after_show: bool = False) -> int:
    if no_display():
        raise BadInputError(
            "No display found: run CareerVP in a desktop session, or use the command line (careervp --help); "
            "QT_QPA_PLATFORM=offscreen runs the window invisibly."
        )
    from careervp_desktop.ui.gc_policy import hold_collections

    hold_collections()  # before the window's imports: no collections while the app starts
    from careervp_desktop.ui.splash import show_splash

    show_splash()  # on screen while the main window's modules load (unless the launcher showed it already)
    from careervp_desktop.ui.main_window import run_gui as _run_gui

    return _run_gui(data_dir, exit_after_show)
