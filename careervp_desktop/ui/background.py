"""The one idiom for background work in the GUI (after Anki's `aqt/operations` and Picard's `run_task`).

    task = self._runner.run(
        "generate", work, lane=Lane.DATABASE,
        on_success=self._on_generated, on_failure=self._on_generation_failed, on_progress=self._on_progress,
    )
    ...
    task.cancel()

`work(ctx)` runs on a pool thread and receives a `TaskContext`: `ctx.report(payload)` sends progress, and
`ctx.is_cancelled()` says whether the user (or window close) asked it to stop. Its return value or the exception
it raised comes back **on the UI thread**: the worker only emits signals of a `BackgroundTask`, a QObject living
on the UI thread, whose bound-method slot then calls your callbacks. The callbacks must be bound methods of a
QObject (checked), so nothing from the worker ever touches a widget, and nothing runs after `shutdown()`.

Lanes: every task that writes to the library runs on `Lane.DATABASE`, a pool of exactly one thread, so SQLite
writes never race each other. `Lane.COMPUTE` is for pure work (parsing, matching) that touches no database.

On window close call `BackgroundRunner.shutdown()`: it cancels every task, drops queued ones, waits for the
running ones to return, and discards their results (no callbacks on a closing window).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from careervp_desktop.ui.gc_policy import freeze_new_modules

log = logging.getLogger(__name__)


class Lane(Enum):
    DATABASE = "database"  # one thread: every task that writes to the library
    COMPUTE = "compute"  # pure work, no database


class TaskContext:
    """What the worker function sees: a cancel flag and a progress channel. Thread-safe."""

    def __init__(self, task: BackgroundTask) -> None:
        self._task = task
        self._cancelled = task._cancel_event

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def report(self, payload: object) -> None:
        """Send `payload` to the task's `on_progress` callback, on the UI thread (in order, before the result)."""
        self._task._sig_progress_from_worker.emit(payload)


class BackgroundTask(QObject):
    """A handle on one piece of background work. Lives on the UI thread.

    Signals (all emitted on the UI thread):
    - `sig_progress(object)`: a payload the worker passed to `ctx.report()`.
    - `sig_succeeded(object)`: the worker's return value.
    - `sig_failed(object)`: the exception the worker raised (with its `__traceback__`).
    - `sig_finished()`: after either of the two above, or when the task is discarded.
    """

    sig_progress = Signal(object)
    sig_succeeded = Signal(object)
    sig_failed = Signal(object)
    sig_finished = Signal()

    # Emitted from the worker thread only; connected to bound slots of this (UI-thread) object → queued.
    _sig_progress_from_worker = Signal(object)
    _sig_done_from_worker = Signal(object, object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._cancel_event = threading.Event()
        self._discarded = False
        self._done = False
        self._sig_progress_from_worker.connect(self._on_worker_progress)
        self._sig_done_from_worker.connect(self._on_worker_done)

    # ------------------------------------------------------------------ public
    def cancel(self) -> None:
        """Ask the worker to stop at its next `ctx.is_cancelled()` check. Its result is still delivered."""
        self._cancel_event.set()

    def is_cancelled(self) -> bool:
        return self._cancel_event.is_set()

    def is_done(self) -> bool:
        return self._done

    def discard(self) -> None:
        """Cancel and never deliver anything more (used on shutdown)."""
        self._cancel_event.set()
        if not self._discarded:
            self._discarded = True
            self._finish()

    # ------------------------------------------------------------------ UI-thread slots
    @Slot(object)
    def _on_worker_progress(self, payload: object) -> None:
        if not self._discarded:
            self.sig_progress.emit(payload)

    @Slot(object, object)
    def _on_worker_done(self, result: object, error: object) -> None:
        if self._discarded:
            return
        if error is None:
            self.sig_succeeded.emit(result)
        else:
            self.sig_failed.emit(error)
        self._finish()

    def _finish(self) -> None:
        if not self._done:
            self._done = True
            freeze_new_modules()  # what the task imported lives as long as the app (see gc_policy)
            self.sig_finished.emit()


class _Job(QRunnable):
    def __init__(self, task: BackgroundTask, work: Callable[[TaskContext], Any]) -> None:
        super().__init__()  # auto-delete: the pool owns and deletes the runnable after run()
        self._task = task
        self._work = work

    def run(self) -> None:  # pool thread: never touch widgets here
        task = self._task
        if task._discarded:
            return
        started = time.perf_counter()
        try:
            result = self._work(TaskContext(task))
        except BaseException as exc:  # delivered to the UI thread, which decides what the user sees
            log.debug("task %s raised %s after %.2fs", task.name, type(exc).__name__, time.perf_counter() - started)
            task._sig_done_from_worker.emit(None, exc)
        else:
            log.debug("task %s done in %.2fs", task.name, time.perf_counter() - started)
            task._sig_done_from_worker.emit(result, None)


def _require_bound_qobject_method(callback: Callable[..., Any] | None, what: str) -> None:
    if callback is None:
        return
    owner = getattr(callback, "__self__", None)
    if not isinstance(owner, QObject):
        raise TypeError(
            f"{what} must be a bound method of a QObject living on the UI thread (not a lambda or a function), "
            f"got {callback!r}"
        )


class BackgroundRunner(QObject):
    """Runs callables off the UI thread and delivers their outcome on it. One per main window."""

    sig_busy_changed = Signal(bool)  # True while any task is running or queued

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        database = QThreadPool(self)
        database.setMaxThreadCount(1)  # one lane for library writes
        compute = QThreadPool(self)
        compute.setMaxThreadCount(max(2, min(4, QThreadPool.globalInstance().maxThreadCount())))
        self._pools = {Lane.DATABASE: database, Lane.COMPUTE: compute}
        self._active: list[BackgroundTask] = []
        self._shut_down = False

    def run(
        self,
        name: str,
        work: Callable[[TaskContext], Any],
        *,
        lane: Lane = Lane.DATABASE,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
    ) -> BackgroundTask:
        """Start `work(ctx)` on `lane`. Callbacks must be bound methods of UI-thread QObjects. After `shutdown()`
        the work is dropped (a timer of a closing window may still fire): the task returned never runs and calls
        nothing back."""
        _require_bound_qobject_method(on_success, "on_success")
        _require_bound_qobject_method(on_failure, "on_failure")
        _require_bound_qobject_method(on_progress, "on_progress")
        task = BackgroundTask(name, self)
        if self._shut_down:
            log.debug("task %s dropped: the runner is shut down", name)
            task.discard()
            return task
        if on_progress is not None:
            task.sig_progress.connect(on_progress)
        if on_success is not None:
            task.sig_succeeded.connect(on_success)
        if on_failure is not None:
            task.sig_failed.connect(on_failure)
        task.sig_finished.connect(self._on_task_finished)
        was_busy = self.is_busy()
        self._active.append(task)
        self._pools[lane].start(_Job(task, work))
        if not was_busy:
            self.sig_busy_changed.emit(True)
        return task

    def is_busy(self) -> bool:
        return bool(self._active)

    def active_tasks(self) -> list[BackgroundTask]:
        return list(self._active)

    def wait_for_done(self, timeout_ms: int = -1) -> bool:
        """Block until every pool is idle (results are then delivered by the event loop). For tests and close."""
        return all(pool.waitForDone(timeout_ms) for pool in self._pools.values())

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel everything, drop queued work, wait for running work. Idempotent. True if all stopped."""
        self._shut_down = True
        for pool in self._pools.values():
            pool.clear()  # queued, not yet started
        for task in list(self._active):
            task.discard()
        stopped = self.wait_for_done(timeout_ms)
        if not stopped:
            log.warning("background work still running after %d ms at shutdown", timeout_ms)
        return stopped

    @Slot()
    def _on_task_finished(self) -> None:
        task = self.sender()
        if isinstance(task, BackgroundTask) and task in self._active:
            self._active.remove(task)
            if not self._shut_down:  # on shutdown a worker may still hold the task: keep it until the runner goes
                task.deleteLater()
            if not self._active:
                self.sig_busy_changed.emit(False)
