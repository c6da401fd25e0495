"""CV parsing: our `import_cv_file` (extraction with the CLI's time limit + structuring) vs pypdf's raw
`PdfReader(...).pages[*].extract_text()` of the same PDF, in the same process.

Runs alternate ours/raw per file so that machine noise hits both alike; per file the medians and their ratio
are reported, then the median of the ratios (goal ≤ 1.5×), the worst ratio and the p95 of our parse time over
the dev documents (`../shared/eval/cv-parsing/docs`; skipped when missing).
"""

from __future__ import annotations

import io
import statistics
import time
import warnings
from pathlib import Path

from benchmarks.registry import BenchmarkResult, benchmark

DOCS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "cv-parsing" / "docs"


def _raw_pypdf(data: bytes) -> str:
    import pypdf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = pypdf.PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)


def _clear_caches() -> None:
    from careervp_desktop.ingest import pdf_layout, sections

    sections.heading_kind.cache_clear()
    pdf_layout._heading.cache_clear()


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@benchmark("parse")
def parse(runs: int | None) -> BenchmarkResult:
    from careervp_desktop.ingest.cv_import import DEFAULT_TIMEOUT, import_cv_file

    runs = runs or 7
    pdfs = sorted(DOCS.glob("*.pdf")) if DOCS.is_dir() else []
    if not pdfs:
        return BenchmarkResult(
            name="parse",
            description="import_cv_file vs raw pypdf extract_text per dev PDF",
            summary={"skipped": f"no documents in {DOCS}"},
        )
    rows: list[dict[str, object]] = []
    ratios: list[float] = []
    ours_all: list[float] = []
    for path in pdfs:
        data = path.read_bytes()
        import_cv_file(path, timeout=DEFAULT_TIMEOUT)  # warm-up: imports, caches
        _raw_pypdf(data)
        ours: list[float] = []
        raw: list[float] = []
        for _ in range(runs):
            _clear_caches()  # no help from the previous run's memoised headings
            t0 = time.perf_counter()
            import_cv_file(path, timeout=DEFAULT_TIMEOUT)
            ours.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            _raw_pypdf(path.read_bytes())
            raw.append((time.perf_counter() - t0) * 1000)
        ours_ms, raw_ms = statistics.median(ours), statistics.median(raw)
        ratio = ours_ms / raw_ms
        ratios.append(ratio)
        ours_all.append(ours_ms)
        rows.append(
            {"case": path.name, "ours_ms": round(ours_ms, 2), "pypdf_ms": round(raw_ms, 2), "ratio": round(ratio, 2)}
        )
    worst = max(rows, key=lambda r: float(r["ratio"]))  # type: ignore[arg-type]
    return BenchmarkResult(
        name="parse",
        description="import_cv_file (CLI time limit on) vs raw pypdf extract_text, medians per dev PDF",
        rows=rows,
        summary={
            "median_ratio": round(statistics.median(ratios), 2),
            "worst_ratio": f"{worst['ratio']} ({worst['case']})",
            "ours_p95_ms": round(_p95(ours_all), 1),
            "ours_median_ms": round(statistics.median(ours_all), 1),
            "files": len(rows),
            "runs_per_file": runs,
        },
    )
