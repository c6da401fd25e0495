"""UI responsiveness: the longest gap between beats of a 5 ms heartbeat on the UI thread while the window works.

A QTimer on the UI thread fires every 5 ms and records when it ran; anything that blocks the event loop (work done
on the UI thread, a slow slot, a big repaint) shows as a long gap. Measured, offscreen, through the real window:

1. importing a 5-page PDF CV (made from the long sample CV before the clock starts),
2. generating all five documents offline,
3. generating them with Claude against the fake Messages API on 127.0.0.1 (streaming, a few ms per chunk; the
   server runs in a process of its own, as the real API is on another machine: `fake_api_process`),
4. exporting the application (DOCX + PDF).

Baseline in the same run: the heartbeat with the window open and idle for the same time, so the machine's own
noise (this VM is shared) is visible next to ours. Goal: longest gap ≤ 33 ms, never > 100 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.registry import BenchmarkResult, benchmark

BEAT_MS = 5
GOAL_MS = 33.0
LIMIT_MS = 100.0


class Heartbeat:
    """Timestamps of a 5 ms QTimer on the UI thread; `gaps()` are the intervals between beats, in ms."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.beats: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(BEAT_MS)
        self.timer.timeout.connect(lambda: self.beats.append(time.perf_counter()))

    def start(self) -> None:
        self.beats = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        self.beats.append(time.perf_counter())
        return [(b - a) * 1000 for a, b in zip(self.beats, self.beats[1:], strict=False)]


def _pump(app: object, until: Callable[[], bool], timeout_s: float) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    end = time.monotonic() + timeout_s
    while not until():
        if time.monotonic() > end:
            raise TimeoutError("the window did not finish in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def _settled(window: object) -> bool:
    """The window finished: nothing generating, nothing left in the background (checks, analysis)."""
    from careervp_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    return not window.is_generating() and not window.is_busy()


def _row(name: str, gaps: list[float], seconds: float) -> dict[str, object]:
    ordered = sorted(gaps)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0
    return {
        "case": name,
        "seconds": round(seconds, 2),
        "beats": len(gaps),
        "median_gap_ms": round(statistics.median(gaps), 1) if gaps else 0.0,
        "p99_gap_ms": round(p99, 1),
        "longest_gap_ms": round(max(gaps), 1) if gaps else 0.0,
        "over_33ms": sum(g > GOAL_MS for g in gaps),
        "over_100ms": sum(g > LIMIT_MS for g in gaps),
    }


def _five_page_pdf(folder: Path) -> Path:
    from careervp_desktop.domain.models import ArtifactType
    from careervp_desktop.export.exporter import export_artifact
    from tests.export.samples import long_cv

    cv = long_cv(entries=16)
    result = export_artifact(ArtifactType.TAILORED_CV, cv, folder / "long_cv", cv=cv, formats=("pdf",))
    return next(p for p in result.paths if p.suffix == ".pdf")


@benchmark("ui_responsiveness")
def ui_responsiveness(runs: int | None) -> BenchmarkResult:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from careervp_desktop.ui.gc_policy import hold_collections, settle_after_start

    hold_collections()  # what `careervp` does while it starts (run_gui), settled once the library is open
    from PySide6.QtWidgets import QApplication

    from benchmarks.bytecode import ensure_bytecode
    from benchmarks.fake_api_process import FakeApiProcess
    from careervp_desktop.generation.claude.retry import RetryPolicy
    from careervp_desktop.generation.claude.service import ServiceOptions
    from careervp_desktop.keychain import ApiKeyStore
    from careervp_desktop.resources import resource_path
    from careervp_desktop.ui.main_window import MainWindow

    bytecode = ensure_bytecode()  # modules imported during the measurement load like an installed app's
    app = QApplication.instance() or QApplication(sys.argv[:1])
    rows: list[dict[str, object]] = []
    jd_text = resource_path("samples", "sample_jd.txt").read_text(encoding="utf-8")
    beat = Heartbeat()

    def measure(name: str, start: Callable[[], None], done: Callable[[], bool]) -> None:
        beat.start()
        t0 = time.perf_counter()
        start()
        _pump(app, done, 120)
        seconds = time.perf_counter() - t0
        rows.append(_row(name, beat.stop(), seconds))

    def open_window(data: Path, store: ApiKeyStore, options: ServiceOptions | None = None) -> MainWindow:
        window = MainWindow(data_dir=data, key_store=store, claude_options=options)
        window.resize(1400, 900)
        window.show()
        _pump(app, window.is_library_open, 30)
        settle_after_start()
        return window

    with tempfile.TemporaryDirectory() as tmp, FakeApiProcess() as api:
        folder = Path(tmp)
        pdf = _five_page_pdf(folder)
        from pypdf import PdfReader

        pages = len(PdfReader(str(pdf)).pages)
        data = folder / "data"
        window = open_window(data, ApiKeyStore(environ={}))  # no key: the offline engine
        idle_until = time.perf_counter() + 2.0
        measure("baseline: window idle, 2 s", lambda: None, lambda: time.perf_counter() >= idle_until)
        measure(
            f"import a {pages}-page PDF CV",
            lambda: window.import_cv(pdf),
            lambda: window.master_cv() is not None and not window.is_busy(),  # busy: cards still being built
        )
        window.job_pane.jd_edit.setPlainText(jd_text)
        # Done when the documents are written, shown and checked (the checks run in the background after).
        measure("generate all documents (offline)", window.generate, lambda: _settled(window))
        out = folder / "export"
        critical = sum(1 for t in window._latest for v in window.violations_of(t) if v.severity.value == "critical")
        # "Export anyway?" is asked when a document has a critical finding: answered Yes here (a modal dialog
        # would stop the clock, not measure the window).
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)  # type: ignore[method-assign]
        QMessageBox.exec = lambda self: 0  # type: ignore[method-assign,assignment]  # "Exported n files": dismissed
        measure(
            "export DOCX + PDF",
            lambda: window.export_to(out),
            lambda: out.exists() and any(out.rglob("*.pdf")) and not window._runner.is_busy(),
        )
        exported = len([p for p in out.rglob("*") if p.is_file()])
        window.close()
        window.wait_for_background_work(10_000)

        # The same application written by Claude: the fake server streams each reply in small chunks.
        options = ServiceOptions(base_url=api.base_url, policy=RetryPolicy(max_attempts=1), read_timeouts={})
        window = open_window(data, ApiKeyStore(environ={"ANTHROPIC_API_KEY": "sk-ant-bench-0000"}), options)
        _pump(app, lambda: window.provider_status() != "Offline engine" and not window.is_busy(), 10)
        # Once the window has been idle for a second the Claude SDK (~3,500 modules) loads in the background:
        # measured as a case of its own, the user may be reading or typing meanwhile.
        measure(
            "window idle while the Claude SDK loads in the background",
            lambda: None,
            lambda: window.claude_sdk_loaded() and not window.is_busy(),
        )
        measure(
            "generate all documents (fake Claude API, streaming)",
            lambda: window.generate(fresh=True),
            lambda: _settled(window),
        )
        window.close()
        window.wait_for_background_work(10_000)
    requests = api.requests
    worst = max(float(r["longest_gap_ms"]) for r in rows[1:])  # type: ignore[arg-type]
    baseline = float(rows[0]["longest_gap_ms"])  # type: ignore[arg-type]
    return BenchmarkResult(
        name="ui_responsiveness",
        description="longest gap between 5 ms UI-thread heartbeats while the window imports, generates, exports",
        rows=rows,
        summary={
            "longest_gap_ms": worst,
            "baseline_idle_longest_gap_ms": baseline,
            "goal_ms": GOAL_MS,
            "limit_ms": LIMIT_MS,
            "met": worst <= GOAL_MS,
            "never_over_limit": worst <= LIMIT_MS,
            "claude_requests": requests,
            "exported_files": exported,
            "critical_findings_before_export": critical,
            **bytecode,
        },
    )
