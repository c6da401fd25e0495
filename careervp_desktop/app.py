"""Composition root of the desktop app: settings → workspace (library) → providers → main window.

`careervp` with no command (or `careervp gui`) and the `careervp-gui` launcher end up in `run_gui`.
"""

from __future__ import annotations

import sys
from pathlib import Path


def run_gui(data_dir: Path | None, *, exit_after_show: bool = False) -> int:
    from careervp_desktop.ui.main_window import run_gui as _run_gui

    return _run_gui(data_dir, exit_after_show)


def main() -> int:
    """Entry point of the windowed launcher (no console). With no command the CLI opens the window, so
    `careervp-gui --data-dir D` works like `careervp --data-dir D`."""
    from careervp_desktop.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
