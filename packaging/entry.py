"""Entry script of the frozen app (both executables: the windowed `CareerVP` and the console `careervp-cli`).

`multiprocessing.freeze_support()` must run first: the importer reads risky files in a child process, which on
Windows and macOS (and in the multi-threaded GUI on Linux) is started by `spawn`, i.e. by running this very
executable again with multiprocessing's arguments. Without it the child would start a second app.
"""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    # A windowed Windows executable has no console: stdout and stderr are None, and one write would crash.
    for _name in ("stdout", "stderr"):
        if getattr(sys, _name) is None:
            setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the app
    from careervp_desktop.launch import main  # a window launch shows the start-up card first

    sys.exit(main(sys.argv[1:]))
