"""The app's collector policy: nothing collected while it starts, then what start-up made is frozen so later full
collections (which hold the GIL, in any thread) walk only newer objects."""

from __future__ import annotations

import gc
import sys

import pytest

from careervp_desktop.ui import gc_policy


def test_start_up_holds_collections_then_freezes_what_it_made() -> None:
    interval = sys.getswitchinterval()
    try:
        gc_policy.hold_collections()
        assert not gc.isenabled()
        assert (
            sys.getswitchinterval() == pytest.approx(gc_policy.SWITCH_INTERVAL_S)
            and gc_policy.SWITCH_INTERVAL_S < 0.005
        )
        made_at_start = [[n] for n in range(1000)]  # tracked containers, like a module's objects
        gc_policy.settle_after_start()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made_at_start)
        assert not any(o is made_at_start[0] for o in gc.get_objects())  # no collection walks it any more
    finally:
        gc_policy.reset()
        gc.unfreeze()
        gc.enable()
        sys.setswitchinterval(interval)


def test_modules_imported_later_are_frozen_after_the_task_that_imported_them() -> None:
    import types

    name = "_careervp_gc_policy_probe"
    try:
        gc_policy.reset()
        sys.modules[name] = types.ModuleType(name)
        assert not gc_policy.freeze_new_modules()  # the app has not settled: tests and the CLI are left alone
        del sys.modules[name]
        gc_policy.settle_after_start()
        assert not gc_policy.freeze_new_modules()  # nothing new
        module = types.ModuleType(name)
        module.table = [[n] for n in range(100)]  # type: ignore[attr-defined]
        sys.modules[name] = module
        assert gc_policy.freeze_new_modules()
        assert not any(o is module.table for o in gc.get_objects())  # type: ignore[attr-defined]
        assert not gc_policy.freeze_new_modules()
    finally:
        sys.modules.pop(name, None)
        gc_policy.reset()
        gc.unfreeze()
        gc.enable()
