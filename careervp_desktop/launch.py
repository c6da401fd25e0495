"""Where the `careervp` and `careervp-gui` commands (and `python -m careervp_desktop`) start.

A launch that opens the window — no arguments, or only `gui`, `--data-dir D`, `--exit-after-show`, `--verbose` —
puts the start-up card on screen (`ui.splash`) before anything else is imported: the command line, logging and
the main window's modules load behind it. Every other command goes straight to the CLI. Imports nothing at
module level beyond the standard library.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

_WINDOW_FLAGS = {"gui", "--exit-after-show", "--verbose", "-v"}


def opens_window(args: Sequence[str]) -> bool:
    """Whether these arguments only open the window (anything else — a command, --help, a typo — is the CLI's
    to read and report)."""
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if token == "--data-dir" and rest:
            rest.pop(0)
        elif not (token in _WINDOW_FLAGS or token.startswith("--data-dir=")):
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from careervp_desktop.app import no_display

    if opens_window(args) and not no_display():
        from careervp_desktop.ui.gc_policy import hold_collections

        hold_collections()  # no collections while the app starts (see gc_policy)
        try:
            from careervp_desktop.ui.splash import show_splash

            show_splash()
        except Exception:  # the card is a courtesy: the window still opens without it
            pass
    from careervp_desktop.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
