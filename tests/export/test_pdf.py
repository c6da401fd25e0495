"""PDF export (QtGui): a clean text layer (real spaces, headings, bullets), embedded fonts, pagination, unicode,
right-to-left layout, threads. (Exact text round trips of every document: test_roundtrip.)"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pypdf
import pytest
from pydantic import BaseModel

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.export.document import build_document
from careervp_desktop.export.pdf_writer import (
    count_pages,
    fix_tounicode_cmap,
    merge_text_positioning,
    render_pdf,
    render_pdf_bytes,
    write_pdf,
)
from tests.export.samples import (
    HEBREW_WORD,
    UNICODE_NAME,
    UNICODE_PHRASES,
    hebrew_cv,
    long_cv,
    sample_content,
    sample_cv,
    sample_job,
    unicode_cv,
)

pytestmark = pytest.mark.usefixtures("qapp")
PDFTOTEXT = shutil.which("pdftotext")


def _fonts(reader: pypdf.PdfReader) -> dict[str, bool]:
    """{base font name: embedded?} over every page."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


def _positions(path: Path) -> list[tuple[str, float]]:
    """(text, x in points) of every run pypdf reads on page 1."""
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found.append((text, tm[4] * cm[0] + cm[4]))

    pypdf.PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return found


def _pdf(tmp_path: Path, artifact_type: ArtifactType, content: BaseModel | None = None) -> Path:
    content = content if content is not None else sample_content(artifact_type)
    doc = build_document(artifact_type, content, cv=sample_cv(), job=sample_job())
    return write_pdf(doc, tmp_path / f"{artifact_type.value}.pdf")


def _pypdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def _pdftotext(path: Path) -> str:
    assert PDFTOTEXT is not None
    return subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_cv_text_layer_reads_like_the_cv(tmp_path: Path) -> None:
    path = _pdf(tmp_path, ArtifactType.TAILORED_CV)
    (text,) = _pypdf_text(path)
    assert text.startswith("Maya Lindqvist\n")  # a real space, not the TAB Qt 6.12 maps it to
    assert "\t" not in text
    headings = ["Professional Summary", "Professional Experience", "Education", "Skills", "Certifications"]
    positions = [text.index(h) for h in [*headings, "Languages"]]
    assert positions == sorted(positions)
    assert "Senior Backend Engineer | Mar 2021 – Present" in text
    assert "• Rebuilt the shipment-tracking pipeline on Kafka and PostgreSQL" in text
    assert "maya.lindqvist@example.com | +46 70 555 0142 | Gothenburg, Sweden" in text
    reader = pypdf.PdfReader(path)
    assert reader.metadata is not None
    assert reader.metadata.title == "Maya Lindqvist — CV"
    assert reader.metadata.author == "Maya Lindqvist"
    fonts = _fonts(reader)
    assert any("Carlito" in f for f in fonts), fonts  # the bundled font is embedded
    assert all(fonts.values()), fonts  # every font is embedded


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils not installed")
def test_pdftotext_reads_it_too(tmp_path: Path) -> None:
    text = _pdftotext(_pdf(tmp_path, ArtifactType.TAILORED_CV))
    assert text.startswith("Maya Lindqvist\n")
    assert "Rebuilt the shipment-tracking pipeline on Kafka and PostgreSQL" in text
    assert "Professional Experience" in text and "\t" not in text


@pytest.mark.parametrize("artifact_type", [t for t in ArtifactType if t != ArtifactType.TAILORED_CV])
def test_every_other_artifact_type(tmp_path: Path, artifact_type: ArtifactType) -> None:
    path = _pdf(tmp_path, artifact_type)
    text = "\n".join(_pypdf_text(path))
    assert "\t" not in text
    doc = build_document(artifact_type, sample_content(artifact_type), cv=sample_cv(), job=sample_job())
    positions = [text.index(h) for h in doc.headings()]
    assert positions == sorted(positions)
    if artifact_type == ArtifactType.COVER_LETTER:
        assert text.startswith("Maya Lindqvist\n") and "Dear Hiring Team," in text
    else:
        assert "Candidate: Maya Lindqvist" in text
    if artifact_type == ArtifactType.VPR:
        assert "Requirement Evidence from your CV Source Strength" in text
    if artifact_type == ArtifactType.INTERVIEW_PREP:
        assert "• Kafka + PostgreSQL rebuild of the tracking pipeline." in text
        assert "1. What does the on-call rotation look like?" in text


def test_long_cv_paginates_with_footer(tmp_path: Path) -> None:
    path = _pdf(tmp_path, ArtifactType.TAILORED_CV, long_cv(12))
    pages = _pypdf_text(path)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    assert "Maya Lindqvist — CV Page 2" in pages[1]
    assert "Languages" in pages[-1]
    assert all(len(t) > 200 for t in pages)  # no empty or near-empty pages


def test_letter_and_a4_page_sizes() -> None:
    doc = build_document(ArtifactType.TAILORED_CV, long_cv(6))
    a4 = render_pdf(doc)
    letter = render_pdf(doc, page_size="Letter")
    a4_box = pypdf.PdfReader(io.BytesIO(a4.data)).pages[0].mediabox
    letter_box = pypdf.PdfReader(io.BytesIO(letter.data)).pages[0].mediabox
    assert (round(float(a4_box.width)), round(float(a4_box.height))) == (595, 842)
    assert (round(float(letter_box.width)), round(float(letter_box.height))) == (612, 792)
    assert len(pypdf.PdfReader(io.BytesIO(a4.data)).pages) == a4.pages
    assert a4.pages == count_pages(doc) and letter.pages == count_pages(doc, page_size="Letter")
    with pytest.raises(BadInputError, match="Unknown page size"):
        render_pdf(doc, page_size="A3")  # type: ignore[arg-type]


def test_unicode_survives(tmp_path: Path) -> None:
    path = _pdf(tmp_path, ArtifactType.TAILORED_CV, unicode_cv())
    (text,) = _pypdf_text(path)
    assert text.startswith(UNICODE_NAME + "\n")
    for phrase in UNICODE_PHRASES:
        assert phrase in text
    # Hebrew words are drawn so that pypdf reads them in logical order (see pdf_writer._Lines.draw_line); inside
    # an English line it may add a space where the reading order jumps across the Hebrew run ("( שלום עולם) .")
    assert re.search(rf"Hebrew \( ?{HEBREW_WORD} עולם ?\) ?\.", text)
    assert re.search(r"Hebrew \( ?עברית ?\) ?, German \(Deutsch\)", text)
    if PDFTOTEXT:
        poppler = _pdftotext(path)
        assert UNICODE_NAME in poppler and HEBREW_WORD in poppler
        assert all(phrase in poppler for phrase in UNICODE_PHRASES)


def test_unwritable_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    doc = build_document(ArtifactType.TAILORED_CV, sample_cv())
    with pytest.raises(BadInputError, match="Cannot save the PDF") as info:
        write_pdf(doc, blocker / "cv.pdf")
    assert "\n" not in str(info.value)
    with pytest.raises(BadInputError):
        write_pdf(doc, tmp_path)  # a folder, not a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]  # no temp files left behind


def test_worker_thread_renders_the_same_text() -> None:
    doc = build_document(ArtifactType.TAILORED_CV, sample_cv())
    results: list[bytes] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(render_pdf_bytes(doc))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(30)
    assert not errors and results
    threaded = pypdf.PdfReader(io.BytesIO(results[0])).pages[0].extract_text()
    main = pypdf.PdfReader(io.BytesIO(render_pdf_bytes(doc))).pages[0].extract_text()
    assert threaded == main


def test_cmap_fix_touches_only_destinations() -> None:
    cmap = (
        b"2 beginbfchar\n<0009> <0041>\n<0005> <0009>\nendbfchar\n"
        b"2 beginbfrange\n<0000> <0000> <0000>\n<0001> <0003> [<004A> <0009> <0061>]\n<0009> <0009> <0009>\n"
        b"endbfrange\n"
    )
    fixed = fix_tounicode_cmap(cmap)
    assert fixed == (
        b"2 beginbfchar\n<0009> <0041>\n<0005> <0020>\nendbfchar\n"
        b"2 beginbfrange\n<0000> <0000> <0000>\n<0001> <0003> [<004A> <0020> <0061>]\n<0009> <0009> <0020>\n"
        b"endbfrange\n"
    )


def test_text_positioning_merge_is_exact() -> None:
    content = b"BT\n/F11 50 Tf 1 0 0 -1 0 0 Tm\n100 -200 Td <0001> Tj\n15.5 0 Td <0002> Tj\nET"
    assert merge_text_positioning(content) == (b"BT\n/F11 50 Tf 1 0 0 -1 100 200 Tm <0001> Tj\n15.5 0 Td <0002> Tj\nET")


@pytest.mark.parametrize("template", ["classic", "modern"])
def test_hebrew_pdf_is_laid_out_right_to_left(tmp_path: Path, template: str) -> None:
    cv = hebrew_cv()
    doc = build_document(ArtifactType.TAILORED_CV, cv, cv=cv)
    path = write_pdf(doc, tmp_path / "he.pdf", template=template)
    reader = pypdf.PdfReader(path)
    fonts = _fonts(reader)
    assert any("NotoSansHebrew" in f for f in fonts) and all(fonts.values()), fonts
    width = float(reader.pages[0].mediabox.width)
    where = dict(_positions(path))
    heading = next(x for text, x in _positions(path) if "תקציר" in text)
    assert heading > width / 2  # a section heading starts at the right margin
    bullet = next(x for text, x in _positions(path) if text.strip() == "•")
    assert bullet > width * 0.8  # bullets sit at the right
    assert "נועה" in "".join(where)


def test_centred_header_only_in_classic(tmp_path: Path) -> None:
    doc = build_document(ArtifactType.TAILORED_CV, sample_cv())
    classic = dict(_positions(write_pdf(doc, tmp_path / "c.pdf", template="classic")))
    modern = dict(_positions(write_pdf(doc, tmp_path / "m.pdf", template="modern")))
    assert classic["Maya Lindqvist"] > 200 > modern["Maya Lindqvist"]
