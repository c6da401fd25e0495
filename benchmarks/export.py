"""Export speed: every document of one application (gap questions, VPR, tailored CV, cover letter, interview prep)
written as DOCX + PDF, as File ▸ Export does. Goal: median ≤ 300 ms.

The application is the bundled sample CV and job, written by the offline engine into a temporary library. Each
run exports into a fresh folder (named files, the classic template, A4). The baseline, in the same run, writes the
same five texts the plainest way the same libraries allow — python-docx one paragraph per line, and a
`QTextDocument` printed to a `QPdfWriter` — so the ratio shows what layout, fonts, the PDF text-layer repair and
file naming cost on top of merely writing the files.

    uv run python -m benchmarks export [--runs N]
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.registry import BenchmarkResult, benchmark, median_ms, sample_application

GOAL_MS = 300.0


@benchmark("export")
def export(runs: int | None) -> BenchmarkResult:
    runs = runs or 10
    from docx import Document
    from PySide6.QtGui import QGuiApplication, QPageSize, QPdfWriter, QTextDocument

    from careervp_desktop import workflow
    from careervp_desktop.domain.artifact_text import artifact_text

    app = QGuiApplication.instance() or QGuiApplication(["careervp-bench"])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws, application, _cv = sample_application(root)
        app_id = application.id
        assert app_id is not None
        outcome = workflow.generate_application(ws, app_id, provider=workflow.select_provider("offline"))
        texts = [artifact_text(t, a.content) for t, a in outcome.artifacts.items()]
        counter = iter(range(1_000_000))

        def ours() -> None:
            package = workflow.export_package(
                ws, app_id, root / f"out-{next(counter)}", formats=("docx", "pdf"), template="classic", page_size="A4"
            )
            assert len(package.files) == 10, package.files

        def baseline() -> None:
            folder = root / f"plain-{next(counter)}"
            folder.mkdir()
            for n, text in enumerate(texts):
                doc = Document()
                for line in text.splitlines():
                    doc.add_paragraph(line)
                doc.save(str(folder / f"{n}.docx"))
                writer = QPdfWriter(str(folder / f"{n}.pdf"))
                writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
                document = QTextDocument()
                document.setPlainText(text)
                document.print_(writer)
                del writer

        ours()  # warm-up: fonts, imports
        baseline()
        ours_ms, ours_max = median_ms(ours, runs)
        base_ms, base_max = median_ms(baseline, runs)
        pdf_files = sum(1 for _ in (root / "out-0").glob("*.pdf"))
    del app
    rows = [
        {"case": "5 documents → DOCX + PDF (ours)", "median_ms": ours_ms, "max_ms": ours_max, "goal_ms": GOAL_MS},
        {
            "case": "baseline: plain python-docx + QTextDocument PDF",
            "median_ms": base_ms,
            "max_ms": base_max,
            "goal_ms": "",
        },
    ]
    return BenchmarkResult(
        name="export",
        description=f"all documents of one application to DOCX + PDF, median of {runs}",
        rows=rows,
        summary={
            "median_ms": round(ours_ms, 1),
            "goal_ms": GOAL_MS,
            "met": ours_ms <= GOAL_MS,
            "ratio_vs_plain": round(ours_ms / base_ms, 2) if base_ms else None,
            "pdf_files": pdf_files,
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )
