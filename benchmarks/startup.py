"""Start-up: process start → first paint (the start-up card), main window shown and library loaded, for the real
app vs a bare PySide6 window in the same run.

Both run with compiled bytecode, as installed apps do (see benchmarks/bytecode.py).

Both children run offscreen, show a window, quit from the event loop right after the show, and report the
instant of the show (wall clock) on stdout; the parent subtracts the instant just before it spawned them. Runs
alternate app/bare so that machine noise hits both alike; medians and their ratio are reported.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time

from benchmarks.bytecode import child_env, ensure_bytecode
from benchmarks.registry import BenchmarkResult, benchmark

BARE_WINDOW = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1200, 800); w.show()
def shown():
    print(f"SHOWN {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
sys.exit(app.exec())
"""


def _run(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Milliseconds from spawning the process to each event it reported (SHOWN, LOADED) and to its exit."""
    t0 = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    t_exit = time.time()
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    marks = {"EXIT": (t_exit - t0) * 1000}
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("FIRST", "SHOWN", "LOADED"):
            marks[parts[0]] = (float(parts[1]) - t0) * 1000
    if "SHOWN" not in marks:
        raise RuntimeError(f"{cmd} never reported that its window was shown")
    return marks


@benchmark("startup")
def startup(runs: int | None) -> BenchmarkResult:
    runs = runs or 7
    bytecode = ensure_bytecode()
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**child_env(), "QT_QPA_PLATFORM": "offscreen", "CAREERVP_REPORT_SHOWN": "1"}
        app_cmd = [
            sys.executable,
            "-m",
            "careervp_desktop",
            "--data-dir",
            data_dir,
            "gui",
            "--exit-after-show",
        ]
        bare_cmd = [sys.executable, "-c", BARE_WINDOW]
        _run(app_cmd, env)  # warm-up: creates the library, fills OS file caches
        _run(bare_cmd, env)
        app_runs: list[dict[str, float]] = []
        bare_runs: list[dict[str, float]] = []
        for _ in range(runs):
            app_runs.append(_run(app_cmd, env))
            bare_runs.append(_run(bare_cmd, env))

    def row(case: str, samples: list[dict[str, float]], mark: str) -> dict[str, object]:
        values = [s[mark] for s in samples]
        return {"case": case, "median_ms": statistics.median(values), "min_ms": min(values), "runs": len(values)}

    rows = [
        row("careervp: first paint (start-up card)", app_runs, "FIRST"),
        row("careervp: main window shown", app_runs, "SHOWN"),
        row("careervp: library loaded", app_runs, "LOADED"),
        row("bare PySide6 window shown", bare_runs, "SHOWN"),
    ]
    bare = statistics.median(s["SHOWN"] for s in bare_runs)
    return BenchmarkResult(
        name="startup",
        description="process start → first paint / main window / library loaded (offscreen), app vs a bare window",
        rows=rows,
        summary={
            "ratio_first_paint_vs_bare": round(statistics.median(s["FIRST"] for s in app_runs) / bare, 2),
            "ratio_shown_vs_bare": round(statistics.median(s["SHOWN"] for s in app_runs) / bare, 2),
            "ratio_loaded_vs_bare": round(statistics.median(s["LOADED"] for s in app_runs) / bare, 2),
            "data_dir": "temp dir with an existing library (created in the warm-up run)",
            **bytecode,
        },
    )
