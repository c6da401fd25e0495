"""Page rules: no heading alone at the foot of a page, no single line of a paragraph left behind, the CV length
warning, and the paper by setting or locale."""

from __future__ import annotations

from pathlib import Path

import pytest

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.export import export_artifact
from careervp_desktop.export.document import build_document
from careervp_desktop.export.page import (
    cv_length_warning,
    default_page_size,
    page_size_for_locale,
    parse_page_size,
    resolve_page_size,
    system_locale_name,
    territory_of,
)
from careervp_desktop.export.pdf_writer import _paginate, _Row, count_pages, layout_pages
from tests.export.samples import long_cv, sample_content, sample_cv

KEEP_KINDS = {"heading", "entry", "label", "table-header"}  # rows that must never end a page


def _row(kind: str = "text", keep: bool = False, height: float = 10) -> _Row:
    return _Row(height, lambda p, x, y: None, kind=kind, keep_with_next=keep)  # type: ignore[arg-type]


def test_paginator_moves_a_heading_that_would_end_a_page() -> None:
    rows = [*(_row() for _ in range(9)), _row("heading", keep=True), _row()]
    pages = _paginate(rows, top=0, bottom=100)  # the heading alone would fit at y=90
    assert [len(p) for p in pages] == [9, 2]
    assert pages[1][0][0].kind == "heading" and pages[1][0][1] == 0


def test_paginator_keeps_a_chain_together_and_gives_up_when_it_is_taller_than_a_page() -> None:
    chain = [_row("heading", keep=True), _row("entry", keep=True), _row("text", keep=True), _row()]
    pages = _paginate([*(_row() for _ in range(8)), *chain], top=0, bottom=100)
    assert [len(p) for p in pages] == [8, 4]
    endless = [_row("heading", keep=True) for _ in range(15)]
    assert sum(len(p) for p in _paginate(endless, top=0, bottom=100)) == 15  # no infinite push


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("template", ["classic", "modern"])
def test_no_page_of_a_long_cv_ends_with_a_heading(template: str) -> None:
    """The summary grows a sentence at a time, so every heading and entry title passes the foot of page 1."""
    moved = 0
    for sentences in range(0, 40, 2):
        cv = long_cv(6)
        cv.professional_summary = " ".join(f"Sentence number {n} of a summary that grows." for n in range(sentences))
        doc = build_document(ArtifactType.TAILORED_CV, cv)
        pages = layout_pages(doc, template=template)
        assert len(pages) >= 2
        for page in pages[:-1]:
            assert page[-1].kind not in KEEP_KINDS, (sentences, page[-1])
        for page in pages[1:]:
            moved += page[0].kind in ("heading", "entry")
    assert moved  # some heading or entry title did start a page


@pytest.mark.usefixtures("qapp")
def test_paragraph_lines_are_not_left_alone() -> None:
    """Orphans and widows: a page never ends with the first line of a longer paragraph or bullet, and never starts
    with the last line of one."""
    split = 0
    for words in range(40, 400, 12):
        cv = long_cv(4)
        cv.professional_summary = " ".join(f"word{n}" for n in range(words))
        cv.experience[0].achievements = [" ".join(f"bullet{n}" for n in range(words // 3))] * 3
        pages = layout_pages(build_document(ArtifactType.TAILORED_CV, cv))
        for page in pages[:-1]:
            last = page[-1]
            assert last.lines == 1 or last.line != 0, (words, last)
        for page in pages[1:]:
            first = page[0]
            assert first.lines == 1 or first.line != first.lines - 1, (words, first)
            split += 0 < first.line < first.lines - 1
    assert split  # some paragraph did run across a page break


@pytest.mark.usefixtures("qapp")
def test_long_cv_warns_and_short_cv_does_not(tmp_path: Path) -> None:
    long = export_artifact(ArtifactType.TAILORED_CV, long_cv(12), tmp_path / "long", formats=["docx"])
    assert long.pages is not None and long.pages >= 3  # counted even without a PDF
    (warning,) = long.warnings
    assert f"runs to {long.pages} pages" in warning and "1–2" in warning
    short = export_artifact(ArtifactType.TAILORED_CV, sample_cv(), tmp_path / "short", formats=["pdf"])
    assert (short.pages, short.warnings) == (1, ())
    letter = export_artifact(ArtifactType.COVER_LETTER, sample_content(ArtifactType.COVER_LETTER), tmp_path / "l")
    assert letter.warnings == ()  # the length rule is the CV's
    assert count_pages(build_document(ArtifactType.TAILORED_CV, long_cv(12))) == long.pages


def test_cv_length_warning() -> None:
    assert cv_length_warning(1) is None and cv_length_warning(2) is None
    warning = cv_length_warning(3)
    assert warning is not None and "\n" not in warning


@pytest.mark.parametrize(
    ("locale_name", "territory", "size"),
    [
        ("en_US.UTF-8", "US", "Letter"),
        ("fr_CA", "CA", "Letter"),
        ("es-MX", "MX", "Letter"),
        ("en_GB.UTF-8", "GB", "A4"),
        ("he_IL.UTF-8", "IL", "A4"),
        ("de_DE@euro", "DE", "A4"),
        ("sr_Latn_RS", "RS", "A4"),
        ("C.UTF-8", None, "A4"),
        ("POSIX", None, "A4"),
        (None, None, "A4"),
    ],
)
def test_paper_by_locale(locale_name: str | None, territory: str | None, size: str) -> None:
    assert territory_of(locale_name) == territory
    assert page_size_for_locale(locale_name) == size
    assert default_page_size(locale_name or "") == size


def test_paper_setting_wins_over_locale() -> None:
    assert parse_page_size("a4") == "A4" and parse_page_size("US-Letter") == "Letter"
    assert parse_page_size("auto") is None and parse_page_size(None) is None
    assert resolve_page_size("letter", "en_GB") == "Letter"
    assert resolve_page_size("auto", "en_US") == "Letter"
    assert resolve_page_size(None, "de_DE") == "A4"
    with pytest.raises(BadInputError, match="choose A4, Letter or auto"):
        parse_page_size("A3")


def test_system_locale_from_the_environment() -> None:
    assert system_locale_name({"LANG": "en_US.UTF-8"}) == "en_US.UTF-8"
    assert system_locale_name({"LC_PAPER": "en_GB.UTF-8", "LANG": "en_US.UTF-8"}) == "en_GB.UTF-8"
    assert system_locale_name({"LC_ALL": "de_DE.UTF-8", "LC_PAPER": "en_US"}) == "de_DE.UTF-8"
    assert system_locale_name({"LANG": "C.UTF-8"}) == "C.UTF-8"  # no territory: A4
    assert system_locale_name({}) is None
