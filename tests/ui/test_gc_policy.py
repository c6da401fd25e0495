"""The app's collector policy: nothing collected while it starts, then what start-up made is frozen so later full
collections (which hold the GIL, in any thread) walk only newer objects."""

from __future__ import annotations

import gc
import sys

from careervp_desktop.ui import gc_policy


def test_start_up_holds_collections_then_freezes_what_it_made() -> None:
    interval = sys.getswitchinterval()
    try:
        gc_policy.hold_collections()
        assert not gc.isenabled()
        assert sys.getswitchinterval() == gc_policy.SWITCH_INTERVAL_S < interval
        made_at_start = [[n] for n in range(1000)]  # tracked containers, like a module's objects
        gc_policy.settle_after_start()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made_at_start)
        assert not any(o is made_at_start[0] for o in gc.get_objects())  # no collection walks it any more
    finally:
        gc.unfreeze()
        gc.enable()
        sys.setswitchinterval(interval)
