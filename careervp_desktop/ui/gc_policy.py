"""Python's cycle collector and a window that never stutters.

A full collection walks every tracked object: once the window, SQLAlchemy, pydantic and the app's modules are
loaded that is ~135,000 objects and 50–90 ms with the GIL held — in whatever thread allocates, so a worker thread
writing a document froze the UI thread just the same (measured: the longest heartbeat gaps of
`benchmarks ui_responsiveness` were full collections). Nearly all of those objects live as long as the app
(modules, classes, functions, the window's widgets), so the app collects nothing while it starts and then freezes
what start-up made (`gc.freeze`): later full collections walk only what was made since, a few milliseconds.
"""

from __future__ import annotations

import gc
import sys

# How long a thread may hold the GIL while another waits for it (CPython's default is 5 ms). The UI thread takes
# the GIL for every Python slot and for each virtual call into a Python widget while painting, so against a busy
# worker thread a repaint paid up to 5 ms per call; 1 ms keeps those waits short at a small cost to the worker.
SWITCH_INTERVAL_S = 0.001


def hold_collections() -> None:
    """While the app starts: no collections (nothing cyclic worth freeing is made yet) and a short GIL turn."""
    gc.disable()
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def settle_after_start() -> None:
    """Once the window is up and the library open: keep what start-up made out of every later collection."""
    gc.freeze()
    gc.enable()
