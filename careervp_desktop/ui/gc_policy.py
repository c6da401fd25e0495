"""Python's cycle collector and a window that never stutters.

A full collection walks every tracked object: once the window, SQLAlchemy, pydantic and the app's modules are
loaded that is ~135,000 objects and 50–90 ms with the GIL held — in whatever thread allocates, so a worker thread
writing a document froze the UI thread just the same (measured: the longest heartbeat gaps of
`benchmarks ui_responsiveness` were full collections). Nearly all of those objects live as long as the app
(modules, classes, functions, the window's widgets), so the app collects nothing while it starts and then freezes
what start-up made (`gc.freeze`): later full collections walk only what was made since, a few milliseconds.
Modules imported later on first use (the Claude SDK, the exporters: tens of thousands of objects) are frozen
the same way when a background task that imported them has finished.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# How long a thread may hold the GIL while another waits for it (CPython's default is 5 ms). The UI thread takes
# the GIL for every Python slot and for each virtual call into a Python widget while painting, so against a busy
# worker thread a repaint paid up to one interval per call: 5 ms made 100–170 ms stalls when a generation started.
# Measured (`benchmarks ui_responsiveness`, offline generation): 1 ms → longest gap 48–114 ms, worker 0.45 s;
# 0.2 ms → 33–35 ms, worker +12 %; 0.05 ms → 32 ms, worker +60 %. The switch only happens while the UI thread
# waits, so an idle window costs the worker nothing.
SWITCH_INTERVAL_S = 0.0002


def hold_collections() -> None:
    """While the app starts: no collections (nothing cyclic worth freeing is made yet) and a short GIL turn."""
    gc.disable()
    sys.setswitchinterval(SWITCH_INTERVAL_S)


_settled_modules: int | None = None  # len(sys.modules) at the last freeze; None until the app has settled
_holds = 0  # `importing()` blocks running now
_enabled_before = True  # were collections on when the first of them began?
_lock = threading.Lock()


def settle_after_start() -> None:
    """Once the window is up and the library open: keep what start-up made out of every later collection."""
    global _settled_modules
    with _lock:
        gc.freeze()
        if _holds == 0:
            gc.enable()
        _settled_modules = len(sys.modules)


def freeze_new_modules() -> bool:
    """After a background task (on the UI thread): if modules were imported since the last freeze, freeze what
    exists now — module objects live as long as the app. True when it froze. Does nothing until the app settled."""
    global _settled_modules
    if _settled_modules is None or len(sys.modules) <= _settled_modules:
        return False
    gc.freeze()
    _settled_modules = len(sys.modules)
    return True


@contextmanager
def importing() -> Iterator[None]:
    """Around a big import in a background thread (the Claude SDK: ~3,500 modules): no collections while it runs,
    then what it made is frozen. A collection in the middle walks everything imported so far with the GIL held:
    measured 82 ms without a UI-thread beat while the SDK imported, 14 ms with collections held."""
    global _holds, _settled_modules, _enabled_before
    with _lock:
        if _holds == 0:
            _enabled_before = gc.isenabled()
        _holds += 1
        gc.disable()
    try:
        yield
    finally:
        with _lock:
            _holds -= 1
            if _holds == 0 and _settled_modules is not None:
                gc.freeze()
                _settled_modules = len(sys.modules)
                gc.enable()
            elif _holds == 0 and _enabled_before:  # not the app (tests, the CLI): as it was
                gc.enable()
            # else: the app is still starting and holds them until it settles


def reset() -> None:
    """Forget the settled state (tests)."""
    global _settled_modules, _holds
    _settled_modules = None
    _holds = 0
