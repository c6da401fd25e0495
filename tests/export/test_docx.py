"""DOCX export: real heading and list styles, plain bullets, keep-with-next, right-to-left Hebrew, templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from pydantic import BaseModel

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.export.document import build_document
from careervp_desktop.export.docx_writer import write_docx
from tests.export.samples import (
    HEBREW_WORD,
    UNICODE_NAME,
    UNICODE_PHRASES,
    hebrew_cv,
    sample_content,
    sample_cv,
    sample_job,
    sample_vpr,
    unicode_cv,
)


def _write(
    tmp_path: Path,
    artifact_type: ArtifactType,
    content: BaseModel | None = None,
    *,
    template: str | None = None,
    language: str | None = None,
) -> Any:
    content = content if content is not None else sample_content(artifact_type)
    doc = build_document(artifact_type, content, cv=sample_cv(), job=sample_job(), language=language)
    path = write_docx(doc, tmp_path / f"{artifact_type.value}-{template}.docx", template=template)
    return docx.Document(str(path))


def test_cv_sections_in_order_with_real_styles(tmp_path: Path) -> None:
    word = _write(tmp_path, ArtifactType.TAILORED_CV)
    paragraphs = word.paragraphs
    assert (paragraphs[0].style.name, paragraphs[0].text) == ("Heading 1", "Maya Lindqvist")
    sections = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert sections == [
        "Professional Summary", "Professional Experience", "Education", "Skills", "Certifications", "Languages",
    ]  # fmt: skip
    bullets = [p.text for p in paragraphs if p.style.name == "List Bullet"]
    assert bullets[0].startswith("Rebuilt the shipment-tracking pipeline")
    assert "Senior Backend Engineer | Mar 2021 – Present" in [p.text for p in paragraphs]
    assert word.core_properties.author == "Maya Lindqvist"
    assert word.core_properties.title == "Maya Lindqvist — CV"
    assert not word.tables  # a CV has no tables (ATS)
    section = word.sections[0]
    assert not any(p.text.strip() for p in section.header.paragraphs + section.footer.paragraphs)
    assert paragraphs[1].text.startswith("maya.lindqvist@example.com | +46 70 555 0142")  # contact in the body


@pytest.mark.parametrize("artifact_type", list(ArtifactType))
def test_every_artifact_type_writes(tmp_path: Path, artifact_type: ArtifactType) -> None:
    word = _write(tmp_path, artifact_type)
    text = "\n".join(p.text for p in word.paragraphs)
    doc = build_document(artifact_type, sample_content(artifact_type), cv=sample_cv(), job=sample_job())
    positions = [text.index(h) for h in doc.headings()]
    assert positions == sorted(positions)


def test_bullets_are_a_plain_bullet_in_a_normal_font(tmp_path: Path) -> None:
    """python-docx's template bullets are U+F0B7 in Symbol, which extractors turn into garbage."""
    word = _write(tmp_path, ArtifactType.TAILORED_CV)
    numbering = word.part.numbering_part.element
    num_id = word.styles["List Bullet"].element.pPr.numPr.numId.val
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    level = abstract.find(qn("w:lvl"))
    assert level.find(qn("w:lvlText")).get(qn("w:val")) == "•"
    fonts = level.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == "Calibri" and fonts.get(qn("w:hAnsi")) == "Calibri"


def test_numbered_lists_start_at_one(tmp_path: Path) -> None:
    word = _write(tmp_path, ArtifactType.INTERVIEW_PREP)
    numbered = [p for p in word.paragraphs if p.style.name == "List Number"]
    assert next(p.text for p in numbered) == "What does the on-call rotation look like?"
    (num_id,) = {p._p.pPr.numPr.numId.val for p in numbered}
    numbering = word.part.numbering_part.element
    (num,) = [n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id)]
    assert num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val")) == "1"


def test_headings_and_entry_titles_keep_with_next(tmp_path: Path) -> None:
    """No heading is left alone at the foot of a page: Word and LibreOffice honour keep-with-next."""
    word = _write(tmp_path, ArtifactType.TAILORED_CV)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        assert word.styles[name].paragraph_format.keep_with_next is True
    assert word.styles["Normal"].paragraph_format.widow_control is True
    titles = [p for p in word.paragraphs if p.text.startswith(("Senior Backend Engineer |", "M.Sc. Computer"))]
    assert len(titles) == 2 and all(p.paragraph_format.keep_with_next for p in titles)
    prep = _write(tmp_path, ArtifactType.INTERVIEW_PREP)
    labels = [p for p in prep.paragraphs if p.text == "Talking points:"]
    assert labels and all(p.paragraph_format.keep_with_next for p in labels)


def test_vpr_evidence_matrix_is_a_table(tmp_path: Path) -> None:
    word = _write(tmp_path, ArtifactType.VPR)
    (table,) = word.tables
    assert [c.text for c in table.rows[0].cells] == ["Requirement", "Evidence from your CV", "Source", "Strength"]
    assert table.rows[2].cells[0].text == "Experience with Kafka or similar event streaming"
    assert len(table.rows) == 5


def _has(element: Any, tag: str) -> bool:
    return element is not None and element.find(qn(tag)) is not None


def test_hebrew_cv_is_right_to_left(tmp_path: Path) -> None:
    cv = hebrew_cv()
    doc = build_document(ArtifactType.TAILORED_CV, cv, cv=cv)
    word = docx.Document(str(write_docx(doc, tmp_path / "he.docx")))
    assert _has(word.sections[0]._sectPr, "w:bidi")
    body = [p for p in word.paragraphs]
    assert body and all(_has(p._p.pPr, "w:bidi") for p in body)
    # start-aligned (no w:jc) is the right margin in a bidi paragraph; Word reads jc="right" as the *end*
    assert {p._p.pPr.find(qn("w:jc")).get(qn("w:val")) for p in body if _has(p._p.pPr, "w:jc")} == {"center"}
    assert body[0].text == "נועה כהן" and body[0].style.name == "Heading 1"
    runs = [r for p in body for r in p.runs if r.text.strip()]
    hebrew_runs = [r for r in runs if any("\u0590" <= ch <= "\u05ff" for ch in r.text)]
    latin_runs = [r for r in runs if r.text.strip() and not any("\u0590" <= ch <= "\u05ff" for ch in r.text)]
    assert hebrew_runs and all(_has(r._r.rPr, "w:rtl") for r in hebrew_runs)
    assert latin_runs and not any(_has(r._r.rPr, "w:rtl") for r in latin_runs)  # "Backend" stays a Latin run
    title = next(p for p in body if p.text.startswith("מהנדסת Backend בכירה"))
    assert [r.text for r in title.runs] == ["מהנדסת ", "Backend ", "בכירה", " | מרץ 2021 – היום"]
    lang = next(r._r.rPr.find(qn("w:lang")) for r in hebrew_runs if _has(r._r.rPr, "w:lang"))
    assert lang.get(qn("w:bidi")) == "he-IL"
    assert next(p.text for p in body if p.style.name == "Heading 2") == "תקציר מקצועי"


def test_hebrew_sizes_and_weight_reach_complex_script(tmp_path: Path) -> None:
    """Word sizes and weights Hebrew from w:szCs and w:bCs only."""
    cv = hebrew_cv()
    word = docx.Document(str(write_docx(build_document(ArtifactType.TAILORED_CV, cv), tmp_path / "he.docx")))
    for name in ("Normal", "Heading 1", "Heading 2"):
        rpr = word.styles[name].element.rPr
        assert rpr.find(qn("w:szCs")).get(qn("w:val")) == rpr.find(qn("w:sz")).get(qn("w:val"))
        assert rpr.find(qn("w:rFonts")).get(qn("w:cs")) == "Arial"
    assert _has(word.styles["Heading 2"].element.rPr, "w:bCs")


def test_hebrew_table_runs_right_to_left(tmp_path: Path) -> None:
    word = _write(tmp_path, ArtifactType.VPR, sample_vpr(), language="he")
    (table,) = word.tables
    assert _has(table._tbl.tblPr, "w:bidiVisual")
    assert table.rows[0].cells[0].text == "דרישה"


def test_templates_differ_in_look_not_in_text(tmp_path: Path) -> None:
    classic = _write(tmp_path, ArtifactType.TAILORED_CV, template="classic")
    modern = _write(tmp_path, ArtifactType.TAILORED_CV, template="modern")
    assert [p.text for p in classic.paragraphs] == [p.text for p in modern.paragraphs]
    assert classic.paragraphs[0].paragraph_format.alignment == 1  # centred name
    assert modern.paragraphs[0].paragraph_format.alignment is None
    assert classic.styles["Heading 2"].font.color.rgb != modern.styles["Heading 2"].font.color.rgb
    with pytest.raises(BadInputError, match="Unknown template 'fancy'"):
        _write(tmp_path, ArtifactType.TAILORED_CV, template="fancy")


def test_unicode_survives(tmp_path: Path) -> None:
    word = _write(tmp_path, ArtifactType.TAILORED_CV, unicode_cv())
    text = "\n".join(p.text for p in word.paragraphs)
    assert text.startswith(UNICODE_NAME)
    for phrase in (*UNICODE_PHRASES, HEBREW_WORD):
        assert phrase in text


@pytest.mark.parametrize(("size", "inches"), [("A4", (8.27, 11.69)), ("Letter", (8.5, 11.0))])
def test_page_sizes(tmp_path: Path, size: str, inches: tuple[float, float]) -> None:
    doc = build_document(ArtifactType.TAILORED_CV, sample_cv())
    word = docx.Document(str(write_docx(doc, tmp_path / "cv.docx", page_size=size)))  # type: ignore[arg-type]
    section = word.sections[0]
    assert (round(section.page_width.inches, 2), round(section.page_height.inches, 2)) == inches


def test_unwritable_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    doc = build_document(ArtifactType.TAILORED_CV, sample_cv())
    with pytest.raises(BadInputError, match="Cannot save the Word document") as info:
        write_docx(doc, blocker / "cv.docx")
    assert "\n" not in str(info.value) and "Choose a folder" in str(info.value)


_SEQUENCES = {
    "pPr": (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
        "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
        "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
        "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ),
    "rPr": (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
        "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
        "cs em lang eastAsianLayout specVanish oMath"
    ),
    "sectPr": (
        "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
        "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings "
        "sectPrChange"
    ),
    "tblPr": (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
        "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
    ),
}


@pytest.mark.parametrize("language", ["en", "he"])
def test_properties_are_in_schema_order(tmp_path: Path, language: str) -> None:
    """Word (unlike LibreOffice) calls a file with properties out of schema order damaged."""
    for artifact_type in ArtifactType:
        content = hebrew_cv() if artifact_type == ArtifactType.TAILORED_CV and language == "he" else None
        word = _write(tmp_path, artifact_type, content, language=language)
        parts = [word.element, word.styles.element, word.part.numbering_part.element]
        for part in parts:
            for name, sequence in _SEQUENCES.items():
                order = {tag: n for n, tag in enumerate(sequence.split())}
                for element in part.iter(qn(f"w:{name}")):
                    tags = [child.tag.split("}")[1] for child in element]
                    known = [order[t] for t in tags if t in order]
                    assert known == sorted(known), (artifact_type, name, tags)
