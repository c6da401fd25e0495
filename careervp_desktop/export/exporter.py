"""Export one artifact to files: content model -> `Document` -> .docx / .pdf next to each other."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import ArtifactType, JobPosting, MasterCV
from careervp_desktop.export.document import build_document

FORMATS = ("docx", "pdf")
PageSizeName = Literal["A4", "Letter"]


def export_artifact(
    artifact_type: ArtifactType,
    content: BaseModel,
    out_stem: Path,
    *,
    cv: MasterCV | None = None,
    job: JobPosting | None = None,
    formats: Iterable[str] = FORMATS,
    page_size: PageSizeName = "A4",
    today: date | None = None,
) -> list[Path]:
    """Write `<out_stem>.docx` and/or `<out_stem>.pdf` and return the paths written, in `formats` order.

    PDF export uses QtGui: it needs a QGuiApplication (created on the main thread if none exists; see
    `export.pdf_writer`). Raises `BadInputError` for an unknown format or a file that cannot be written.
    """
    wanted = [f.lower().lstrip(".") for f in formats]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise BadInputError(
            f"Cannot export as {', '.join(unknown) or 'nothing'}: choose one or more of {', '.join(FORMATS)}."
        )
    out_stem = Path(out_stem)
    doc = build_document(artifact_type, content, cv=cv, job=job, today=today)
    written: list[Path] = []
    for fmt in dict.fromkeys(wanted):
        target = out_stem.with_name(f"{out_stem.name}.{fmt}")
        if fmt == "docx":
            from careervp_desktop.export.docx_writer import write_docx

            written.append(write_docx(doc, target, page_size=page_size))
        else:
            from careervp_desktop.export.pdf_writer import write_pdf  # QtGui: loaded only when needed

            written.append(write_pdf(doc, target, page_size=page_size))
    return written
