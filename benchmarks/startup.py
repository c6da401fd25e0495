"""Start-up: process start → main window shown, for the real app vs a bare PySide6 window in the same run.

Both children run offscreen, show a window, quit from the event loop right after the show, and report the
instant of the show (wall clock) on stdout; the parent subtracts the instant just before it spawned them. Runs
alternate app/bare so that machine noise hits both alike; medians and their ratio are reported.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

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


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(ms until the window was shown, ms until the process exited)."""
    t0 = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    t_exit = time.time()
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    shown = [line for line in proc.stdout.splitlines() if line.startswith("SHOWN ")]
    t_shown = float(shown[-1].split()[1]) if shown else t_exit
    return (t_shown - t0) * 1000, (t_exit - t0) * 1000


@benchmark("startup")
def startup(runs: int | None) -> BenchmarkResult:
    runs = runs or 7
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CAREERVP_REPORT_SHOWN": "1"}
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
        app_ms: list[float] = []
        bare_ms: list[float] = []
        for _ in range(runs):
            app_ms.append(_run(app_cmd, env)[0])
            bare_ms.append(_run(bare_cmd, env)[0])
    rows = [
        {"case": "careervp gui", "median_ms": statistics.median(app_ms), "min_ms": min(app_ms), "runs": runs},
        {
            "case": "bare PySide6 window",
            "median_ms": statistics.median(bare_ms),
            "min_ms": min(bare_ms),
            "runs": runs,
        },
    ]
    ratio = statistics.median(app_ms) / statistics.median(bare_ms)
    return BenchmarkResult(
        name="startup",
        description="process start → main window shown (offscreen), app vs bare window",
        rows=rows,
        summary={
            "ratio_app_vs_bare": round(ratio, 2),
            "data_dir": "fresh temp dir (library created in warm-up)",
        },
    )
