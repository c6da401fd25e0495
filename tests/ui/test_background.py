from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QObject

from careervp_desktop.ui.background import BackgroundRunner, Lane, TaskContext

pytestmark = pytest.mark.gui


class Receiver(QObject):
    """Records what arrives, and on which thread."""

    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []
        self.errors: list[BaseException] = []
        self.progress: list[object] = []
        self.threads: set[str] = set()

    def on_result(self, result: object) -> None:
        self.threads.add(threading.current_thread().name)
        self.results.append(result)

    def on_error(self, exc: BaseException) -> None:
        self.threads.add(threading.current_thread().name)
        self.errors.append(exc)

    def on_progress(self, payload: object) -> None:
        self.threads.add(threading.current_thread().name)
        self.progress.append(payload)


def _work_steps(ctx: TaskContext) -> str:
    for n in range(3):
        ctx.report(n)
    return f"done in {threading.current_thread().name != threading.main_thread().name}"


def _work_fail(ctx: TaskContext) -> None:
    raise ValueError("boom")


def _work_until_cancelled(ctx: TaskContext) -> str:
    deadline = time.monotonic() + 10
    while not ctx.is_cancelled() and time.monotonic() < deadline:
        time.sleep(0.01)
    return "stopped"


def test_result_and_progress_arrive_on_the_ui_thread(qtbot) -> None:
    runner = BackgroundRunner()
    receiver = Receiver()
    task = runner.run("steps", _work_steps, on_success=receiver.on_result, on_progress=receiver.on_progress)
    with qtbot.waitSignal(task.sig_finished, timeout=5000):
        pass
    assert receiver.results == ["done in True"]  # ran on a worker thread…
    assert receiver.progress == [0, 1, 2]
    assert receiver.threads == {threading.main_thread().name}  # …delivered on the UI thread
    assert not runner.is_busy()
    runner.shutdown()


def test_errors_are_delivered_not_raised(qtbot) -> None:
    runner = BackgroundRunner()
    receiver = Receiver()
    task = runner.run("fail", _work_fail, on_success=receiver.on_result, on_failure=receiver.on_error)
    with qtbot.waitSignal(task.sig_finished, timeout=5000):
        pass
    assert receiver.results == []
    assert [str(e) for e in receiver.errors] == ["boom"]
    assert receiver.errors[0].__traceback__ is not None
    runner.shutdown()


def test_callbacks_must_be_bound_methods_of_qobjects() -> None:
    runner = BackgroundRunner()
    with pytest.raises(TypeError):
        runner.run("bad", _work_steps, on_success=lambda result: None)
    with pytest.raises(TypeError):
        runner.run("bad", _work_steps, on_success=print)
    runner.shutdown()


def test_cancel_reaches_the_worker(qtbot) -> None:
    runner = BackgroundRunner()
    receiver = Receiver()
    task = runner.run("loop", _work_until_cancelled, lane=Lane.COMPUTE, on_success=receiver.on_result)
    task.cancel()
    with qtbot.waitSignal(task.sig_finished, timeout=5000):
        pass
    assert receiver.results == ["stopped"]
    runner.shutdown()


def test_shutdown_waits_and_discards_results(qtbot) -> None:
    runner = BackgroundRunner()
    receiver = Receiver()
    runner.run("loop", _work_until_cancelled, on_success=receiver.on_result)
    runner.run("queued", _work_steps, on_success=receiver.on_result)  # still queued behind on the DB lane
    started = time.monotonic()
    assert runner.shutdown(timeout_ms=5000)
    assert time.monotonic() - started < 5
    qtbot.wait(50)
    assert receiver.results == []
    # A timer of a closing window may still fire: work asked for after shutdown is dropped, never run.
    ran: list[str] = []
    late = runner.run("late", lambda ctx: ran.append("late"), on_success=receiver.on_result)  # type: ignore[func-returns-value]
    qtbot.wait(50)
    assert ran == [] and receiver.results == [] and late.is_cancelled() and not runner.is_busy()


class _Overlap:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.max_running = 0

    def work(self, ctx: TaskContext) -> None:
        with self.lock:
            self.running += 1
            self.max_running = max(self.max_running, self.running)
        time.sleep(0.03)
        with self.lock:
            self.running -= 1


def test_database_lane_runs_one_task_at_a_time(qtbot) -> None:
    runner = BackgroundRunner()
    overlap = _Overlap()
    tasks = [runner.run(f"write-{n}", overlap.work, lane=Lane.DATABASE) for n in range(4)]
    qtbot.waitUntil(lambda: all(t.is_done() for t in tasks), timeout=5000)
    assert overlap.max_running == 1
    runner.shutdown()
