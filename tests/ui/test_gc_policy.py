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


def test_a_big_import_in_a_worker_runs_without_collections_and_what_it_made_is_frozen() -> None:
    import threading

    try:
        gc_policy.reset()
        gc_policy.settle_after_start()
        seen: dict[str, object] = {}

        def worker() -> None:
            with gc_policy.importing():
                seen["enabled_inside"] = gc.isenabled()
                with gc_policy.importing():  # nested (two imports at once): the outer one still holds
                    pass
                seen["enabled_after_inner"] = gc.isenabled()
                seen["table"] = [[n] for n in range(100)]  # what a module import makes

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert seen["enabled_inside"] is False and seen["enabled_after_inner"] is False
        assert gc.isenabled()
        assert not any(o is seen["table"] for o in gc.get_objects())  # frozen: later collections skip it
    finally:
        gc_policy.reset()
        gc.unfreeze()
        gc.enable()


def test_an_import_during_start_up_leaves_collections_held_until_the_app_settles() -> None:
    interval = sys.getswitchinterval()
    try:
        gc_policy.reset()
        gc_policy.hold_collections()
        with gc_policy.importing():
            pass
        assert not gc.isenabled()  # start-up still holds them
        with gc_policy.importing():
            gc_policy.settle_after_start()  # the window settled while a background import runs
            assert not gc.isenabled()
        assert gc.isenabled()
    finally:
        gc_policy.reset()
        gc.unfreeze()
        gc.enable()
        sys.setswitchinterval(interval)


def test_outside_the_app_an_import_leaves_collections_as_they_were() -> None:
    gc_policy.reset()
    assert gc.isenabled()
    with gc_policy.importing():
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0  # tests and the CLI: no freezing either
