"""Export one artifact to files: content model -> `Document` -> .docx / .pdf next to each other, plus what the
caller should tell the user (a CV longer than two pages)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import ArtifactType, JobPosting, MasterCV
from careervp_desktop.export.document import Document, build_document
from careervp_desktop.export.output_file import write_atomically
from careervp_desktop.export.page import PAGE_SIZES, PageSizeName, cv_length_warning
from careervp_desktop.export.templates import theme_for

FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class ExportResult:
    """What one export wrote. `pages` is the page count of the PDF layout (the DOCX uses the same font metrics
    and breaks alike); it is known whenever a PDF was written or the document is a CV. `warnings` are one-line
    notes for the user, e.g. a CV longer than two pages."""

    document: Document
    paths: tuple[Path, ...]
    pages: int | None = None
    warnings: tuple[str, ...] = ()


def parse_formats(formats: Iterable[str] | str) -> tuple[str, ...]:
    """["DOCX", ".pdf"] -> ("docx", "pdf"); "both" -> both; unknown -> `BadInputError`."""
    items = [formats] if isinstance(formats, str) else list(formats)
    wanted: list[str] = []
    for item in items:
        key = item.strip().lower().lstrip(".")
        wanted.extend(FORMATS if key in ("both", "all") else (key,))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise BadInputError(
            f"Cannot export as {', '.join(unknown) or 'nothing'}: choose one or more of {', '.join(FORMATS)}."
        )
    return tuple(dict.fromkeys(wanted))


def export_document(
    doc: Document,
    out_stem: Path,
    *,
    formats: Iterable[str] | str = FORMATS,
    page_size: PageSizeName = "A4",
    template: str | None = None,
) -> ExportResult:
    """Write `<out_stem>.docx` and/or `<out_stem>.pdf` (in `formats` order) and return what was written.

    PDF export and the CV page count use QtGui: they need a QGuiApplication (created on the main thread if none
    exists; see `export.pdf_writer`). Raises `BadInputError` for an unknown format, template or page size, or a
    file that cannot be written.
    """
    wanted = parse_formats(formats)
    theme_for(template)  # an unknown template fails before anything is written
    if page_size not in PAGE_SIZES:
        raise BadInputError(f"Unknown page size {page_size!r}: choose A4 or Letter.")
    out_stem = Path(out_stem)
    written: list[Path] = []
    pages: int | None = None
    for fmt in wanted:
        target = out_stem.with_name(f"{out_stem.name}.{fmt}")
        if fmt == "docx":
            from careervp_desktop.export.docx_writer import write_docx

            written.append(write_docx(doc, target, page_size=page_size, template=template))
        else:
            from careervp_desktop.export.pdf_writer import render_pdf  # QtGui: loaded only when needed

            rendered = render_pdf(doc, page_size=page_size, template=template)
            written.append(write_atomically(rendered.data, target, what="PDF"))
            pages = rendered.pages
    warnings: list[str] = []
    if doc.kind == ArtifactType.TAILORED_CV:
        if pages is None:
            from careervp_desktop.export.pdf_writer import count_pages

            try:
                pages = count_pages(doc, page_size=page_size, template=template)
            except RuntimeError:  # no QGuiApplication in this worker thread: the Word file is written anyway
                pages = None
        warning = cv_length_warning(pages) if pages is not None else None
        if warning:
            warnings.append(warning)
    return ExportResult(doc, tuple(written), pages, tuple(warnings))


def export_artifact(
    artifact_type: ArtifactType,
    content: BaseModel,
    out_stem: Path,
    *,
    cv: MasterCV | None = None,
    job: JobPosting | None = None,
    formats: Iterable[str] | str = FORMATS,
    page_size: PageSizeName = "A4",
    template: str | None = None,
    today: date | None = None,
    language: str | None = None,
) -> ExportResult:
    """Build the document of one artifact (see `document.build_document`) and write it (see `export_document`)."""
    parse_formats(formats)
    doc = build_document(artifact_type, content, cv=cv, job=job, today=today, language=language)
    return export_document(doc, out_stem, formats=formats, page_size=page_size, template=template)
