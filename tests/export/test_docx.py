"""DOCX export: real heading and list styles, text in reading order, metadata, unicode, errors."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.export.document import build_document
from careervp_desktop.export.docx_writer import write_docx
from tests.export.samples import (
    HEBREW_WORD,
    UNICODE_NAME,
    UNICODE_PHRASES,
    sample_content,
    sample_cv,
    sample_job,
    unicode_cv,
)


def _write(tmp_path: Path, artifact_type: ArtifactType, content: object = None) -> docx.document.Document:
    content = content if content is not None else sample_content(artifact_type)
    doc = build_document(artifact_type, content, cv=sample_cv(), job=sample_job())  # type: ignore[arg-type]
    path = write_docx(doc, tmp_path / f"{artifact_type.value}.docx")
    return docx.Document(str(path))


def test_cv_sections_in_order_with_real_styles(tmp_path: Path) -> None:
    word = _write(tmp_path, ArtifactType.TAILORED_CV)
    paragraphs = word.paragraphs
    assert (paragraphs[0].style.name, paragraphs[0].text) == ("Heading 1", "Maya Lindqvist")
    sections = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert sections == ["Summary", "Experience", "Education", "Skills", "Certifications", "Languages"]
    bullets = [p.text for p in paragraphs if p.style.name == "List Bullet"]
    assert bullets[0].startswith("Rebuilt the shipment-tracking pipeline")
    assert "Senior Backend Engineer\tMar 2021 – Present" in [p.text for p in paragraphs]
    assert word.core_properties.author == "Maya Lindqvist"
    assert word.core_properties.title == "Maya Lindqvist — CV"
    assert not word.tables  # a CV has no tables (ATS)
    section = word.sections[0]
    assert not any(p.text.strip() for p in section.header.paragraphs + section.footer.paragraphs)


@pytest.mark.parametrize("artifact_type", list(ArtifactType))
def test_every_artifact_type_writes(tmp_path: Path, artifact_type: ArtifactType) -> None:
    word = _write(tmp_path, artifact_type)
    text = "\n".join(p.text for p in word.paragraphs)
    doc = build_document(artifact_type, sample_content(artifact_type), cv=sample_cv(), job=sample_job())
    positions = [text.index(h) for h in doc.headings()]
    assert positions == sorted(positions)


def test_vpr_evidence_matrix_is_a_table(tmp_path: Path) -> None:
    word = _write(tmp_path, ArtifactType.VPR)
    (table,) = word.tables
    assert [c.text for c in table.rows[0].cells] == ["Requirement", "Evidence from your CV", "Source", "Strength"]
    assert table.rows[2].cells[0].text == "Experience with Kafka or similar event streaming"
    assert len(table.rows) == 5


def test_unicode_survives(tmp_path: Path) -> None:
    word = _write(tmp_path, ArtifactType.TAILORED_CV, unicode_cv())
    text = "\n".join(p.text for p in word.paragraphs)
    assert text.startswith(UNICODE_NAME)
    for phrase in (*UNICODE_PHRASES, HEBREW_WORD):
        assert phrase in text


def test_letter_page_size(tmp_path: Path) -> None:
    doc = build_document(ArtifactType.TAILORED_CV, sample_cv())
    word = docx.Document(str(write_docx(doc, tmp_path / "cv.docx", page_size="Letter")))
    assert round(word.sections[0].page_width.inches, 2) == 8.5


def test_unwritable_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    doc = build_document(ArtifactType.TAILORED_CV, sample_cv())
    with pytest.raises(BadInputError, match="Cannot save the Word document") as info:
        write_docx(doc, blocker / "cv.docx")
    assert "\n" not in str(info.value) and "Choose a folder" in str(info.value)
