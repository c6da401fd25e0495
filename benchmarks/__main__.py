"""Run benchmarks: `uv run python -m benchmarks [NAME ...] [--runs N] [--json-out FILE]`."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.registry import BENCHMARKS, BenchmarkResult

RESULTS_DIR = Path(__file__).resolve().parent / "results"
# Benchmarks measure work, not a screen: without a display (CI, ssh) Qt draws offscreen instead of aborting.
if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _machine() -> dict[str, object]:
    import os

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
    }


def _print_table(result: BenchmarkResult) -> None:
    print(f"\n== {result.name}: {result.description}")
    width = max(len(row["case"]) for row in result.rows) if result.rows else 10
    keys = [k for k in result.rows[0] if k != "case"] if result.rows else []
    print(f"{'case':<{width}}  " + "  ".join(f"{k:>14}" for k in keys))
    for row in result.rows:
        cells = []
        for k in keys:
            v = row[k]
            cells.append(f"{v:>14.3f}" if isinstance(v, float) else f"{v!s:>14}")
        print(f"{row['case']:<{width}}  " + "  ".join(cells))
    for key, value in result.summary.items():
        print(f"  {key}: {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default all): {', '.join(BENCHMARKS)}")
    parser.add_argument("--runs", type=int, default=None, help="repetitions per case (default per benchmark)")
    parser.add_argument("--json-out", type=Path, default=None)
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    results = []
    for name in args.names or list(BENCHMARKS):
        result = BENCHMARKS[name](args.runs)
        _print_table(result)
        results.append(result)
    payload = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "results": [r.as_dict() for r in results],
    }
    out = args.json_out or RESULTS_DIR / f"{'-'.join(r.name for r in results)}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, indent=2) + "\n")
    print(f"\nwritten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
