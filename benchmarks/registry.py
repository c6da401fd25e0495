"""The benchmark registry: a benchmark is a function `(runs: int | None) -> BenchmarkResult`."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careervp_desktop.domain.models import Application, MasterCV
    from careervp_desktop.workflow import Workspace


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


def sample_application(root: Path) -> tuple[Workspace, Application, MasterCV]:
    """A library in `root/data` holding the bundled sample CV and an application for the sample job (no documents
    yet): what the export and generation benchmarks start from."""
    from careervp_desktop import workflow
    from careervp_desktop.resources import resource_path

    ws = workflow.Workspace.open(root / "data")
    cv_id, cv = workflow.import_master_cv(ws, resource_path("samples", "sample_cv.md"))
    jd = resource_path("samples", "sample_jd.txt").read_text(encoding="utf-8")
    application = workflow.create_application(ws, jd_text=jd, master_cv_id=cv_id)
    assert application.id is not None
    return ws, application, cv


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
        ui_responsiveness,
    )


_load_all()
