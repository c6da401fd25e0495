"""The document model and the builders: pure, no Qt, no files."""

from __future__ import annotations

from datetime import date

import pytest

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.export.document import (
    BulletList,
    ContactLine,
    Entry,
    Table,
    build_document,
    document_language,
    format_date_range,
)
from careervp_desktop.export.labels import bidi_runs, direction_of, labels_for
from tests.export.samples import hebrew_cv, sample_content, sample_cv, sample_job, sample_vpr

CV_SECTIONS = ["Professional Summary", "Professional Experience", "Education", "Skills", "Certifications", "Languages"]


def test_tailored_cv_has_standard_sections_in_order() -> None:
    doc = build_document(ArtifactType.TAILORED_CV, sample_cv(), job=sample_job())
    assert doc.headings(1) == ["Maya Lindqvist"]
    assert doc.headings(2) == CV_SECTIONS
    assert doc.author == "Maya Lindqvist"
    contact = next(b for b in doc.blocks if isinstance(b, ContactLine))
    assert "maya.lindqvist@example.com" in contact.items
    first = next(b for b in doc.blocks if isinstance(b, Entry))
    assert (first.title, first.dates) == ("Senior Backend Engineer", "Mar 2021 – Present")
    assert first.subtitle == "Nordlane Logistics | Gothenburg, Sweden"
    assert len(first.bullets) == 4


def test_cover_letter_has_sender_date_greeting_and_signature() -> None:
    doc = build_document(
        ArtifactType.COVER_LETTER,
        sample_content(ArtifactType.COVER_LETTER),
        cv=sample_cv(),
        job=sample_job(),
        today=date(2026, 11, 28),
    )
    text = doc.plain_text()
    order = ["Maya Lindqvist", "+46 70 555 0142", "28 November 2026", "Dear Hiring Team,", "Kind regards,"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert text.rstrip().endswith("Maya Lindqvist")


def test_vpr_has_evidence_table() -> None:
    doc = build_document(ArtifactType.VPR, sample_vpr(), cv=sample_cv(), job=sample_job())
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.header[0] == "Requirement"
    assert len(table.rows) == 4
    assert table.rows[2][1] == "—" and table.rows[2][3] == "Gap"
    assert "Key strengths" in doc.headings(2) and "Recommendations" in doc.headings(2)
    assert "Requirement | Evidence from your CV | Source | Strength" in doc.plain_text()


@pytest.mark.parametrize("artifact_type", list(ArtifactType))
def test_every_artifact_type_builds(artifact_type: ArtifactType) -> None:
    doc = build_document(artifact_type, sample_content(artifact_type), cv=sample_cv(), job=sample_job())
    assert doc.blocks and doc.title
    assert doc.kind == artifact_type


def test_numbered_questions_to_ask() -> None:
    doc = build_document(ArtifactType.INTERVIEW_PREP, sample_content(ArtifactType.INTERVIEW_PREP))
    assert doc.headings(3)[0].startswith("1. ")
    assert any(isinstance(b, BulletList) and b.numbered for b in doc.blocks)


def test_wrong_content_type_is_a_clear_error() -> None:
    with pytest.raises(BadInputError, match="expected CoverLetter"):
        build_document(ArtifactType.COVER_LETTER, sample_cv())


@pytest.mark.parametrize(
    ("start", "end", "raw", "expected"),
    [
        ("2021-03", "present", None, "Mar 2021 – Present"),
        ("2015", "2017", None, "2015 – 2017"),
        (None, None, "Spring 2019", "Spring 2019"),
        ("2020-01", None, None, "Jan 2020"),
        ("2020-13", "2021", None, "2020-13 – 2021"),
    ],
)
def test_date_ranges(start: str | None, end: str | None, raw: str | None, expected: str) -> None:
    assert format_date_range(start, end, raw) == expected


def test_entry_text_puts_dates_after_the_title() -> None:
    doc = build_document(ArtifactType.TAILORED_CV, sample_cv())
    assert "Senior Backend Engineer | Mar 2021 – Present\nNordlane Logistics | Gothenburg, Sweden" in doc.plain_text()


def test_english_document_is_left_to_right() -> None:
    doc = build_document(ArtifactType.TAILORED_CV, sample_cv())
    assert (doc.language, doc.direction, doc.rtl) == ("en", "ltr", False)


def test_hebrew_cv_gets_hebrew_headings_dates_and_rtl() -> None:
    doc = build_document(ArtifactType.TAILORED_CV, hebrew_cv())
    assert (doc.language, doc.direction) == ("he", "rtl")
    assert doc.headings(2) == ["תקציר מקצועי", "ניסיון תעסוקתי", "השכלה", "כישורים", "שפות"]
    first = next(b for b in doc.blocks if isinstance(b, Entry))
    assert first.dates == "מרץ 2021 – היום"
    assert doc.title == "נועה כהן — קורות חיים"


def test_language_follows_the_text_not_only_the_label() -> None:
    """A CV parsed as "en" whose text is Hebrew is laid out right-to-left; an English letter written for a Hebrew
    CV stays left-to-right; an explicit language wins."""
    mislabelled = hebrew_cv().model_copy(update={"language": "en"})
    assert document_language(mislabelled) == "he"
    letter = sample_content(ArtifactType.COVER_LETTER)
    assert document_language(letter, cv=hebrew_cv()) == "en"
    assert document_language(letter, cv=hebrew_cv(), stated="he-IL") == "he"
    assert document_language(sample_cv().model_copy(update={"language": "de"})) == "de"
    doc = build_document(ArtifactType.COVER_LETTER, letter, cv=hebrew_cv(), language="he", today=date(2026, 11, 28))
    assert doc.rtl and "28 בנובמבר 2026" in doc.plain_text()


def test_hebrew_report_labels() -> None:
    doc = build_document(ArtifactType.VPR, sample_vpr(), cv=hebrew_cv(), job=sample_job(), language="he")
    assert doc.headings(1) == ["דוח הצעת ערך"]
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.header == ("דרישה", "ראיה מקורות החיים", "מקור", "חוזק")
    assert table.rows[2][3] == "פער"
    assert "מועמד/ת: נועה כהן" in doc.plain_text()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("מהנדסת Backend בכירה", [("מהנדסת ", True), ("Backend ", False), ("בכירה", True)]),
        ("ב-Python, 2021", [("ב-", True), ("Python, 2021", False)]),
        ("Plain text only", [("Plain text only", False)]),
        ("", []),
    ],
)
def test_bidi_runs(text: str, expected: list[tuple[str, bool]]) -> None:
    assert bidi_runs(text) == expected


def test_unknown_language_uses_english_labels() -> None:
    assert labels_for("sv").experience == "Professional Experience"
    assert labels_for("he_IL").experience == "ניסיון תעסוקתי"
    assert direction_of("ar") == "rtl" and direction_of("en-GB") == "ltr"
