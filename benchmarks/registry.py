"""The benchmark registry: a benchmark is a function `(runs: int | None) -> BenchmarkResult`."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class BenchmarkResult:
    name: str
    description: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


BenchmarkFn = Callable[[int | None], BenchmarkResult]
BENCHMARKS: dict[str, BenchmarkFn] = {}


def benchmark(name: str) -> Callable[[BenchmarkFn], BenchmarkFn]:
    def register(fn: BenchmarkFn) -> BenchmarkFn:
        BENCHMARKS[name] = fn
        return fn

    return register


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and max wall time of `runs` calls of `fn`, in milliseconds."""
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples), max(samples)


def _load_all() -> None:
    from benchmarks import (  # noqa: F401
        crash,
        export,
        fvs,
        generate_offline,
        jd_skills,
        library_scale,
        llm_cost,
        parse,
        startup,
    )


_load_all()
