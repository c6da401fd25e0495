"""The cover letter as editable text (and back), and the side-by-side comparison of two versions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from careervp_desktop.domain.artifact_text import side_by_side
from careervp_desktop.domain.artifacts import CoverLetter


def test_letter_round_trips_through_its_editable_text() -> None:
    letter = CoverLetter(
        greeting="Dear Fjordhaven team,",
        paragraphs=["First paragraph.", "Second one,\nwith a line break."],
        closing="Kind regards,",
        signature="Maya Lindqvist",
    )
    text = letter.editable_text()
    assert text == (
        "Dear Fjordhaven team,\n\nFirst paragraph.\n\nSecond one,\nwith a line break.\n\nKind regards,\nMaya Lindqvist"
    )
    assert CoverLetter.from_editable_text(text) == letter


def test_letter_without_greeting_or_sign_off_is_all_paragraphs() -> None:
    letter = CoverLetter.from_editable_text("I build data platforms.\n\n  \n\nI would like to talk.")
    assert letter.greeting == "" and letter.closing == "" and letter.signature == ""
    assert letter.paragraphs == ["I build data platforms.", "I would like to talk."]


def test_windows_line_endings_and_extra_blank_lines_are_read() -> None:
    letter = CoverLetter.from_editable_text("Hello Ana,\r\n\r\n\r\nBody.\r\n\r\nSincerely,\r\nMaya")
    assert (letter.greeting, letter.paragraphs, letter.closing, letter.signature) == (
        "Hello Ana,",
        ["Body."],
        "Sincerely,",
        "Maya",
    )


_para = (
    st.text(alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" .-"), min_size=1)
    .map(str.strip)
    .filter(lambda s: s and s[0].isupper() is False and not s.endswith((",", ":")))
)


@given(st.lists(_para, min_size=1, max_size=5))
def test_paragraphs_survive_the_round_trip(paragraphs: list[str]) -> None:
    letter = CoverLetter(greeting="Dear team,", paragraphs=paragraphs, closing="Best regards,", signature="M")
    assert CoverLetter.from_editable_text(letter.editable_text()).paragraphs == paragraphs


def test_side_by_side_pairs_changed_lines_and_marks_the_changed_words() -> None:
    rows = side_by_side(
        ["Summary", "Built APIs in Python.", "Old line"],
        ["Summary", "Built REST APIs in Python.", "New extra line", "Added"],
    )
    kinds = [r.kind for r in rows]
    assert kinds[0] == "same"
    changed = rows[1]
    assert changed.kind == "changed"
    assert any("REST" in t for t, c in changed.right if c)
    assert all(not c for t, c in changed.left)  # nothing was removed from that line
    assert "added" in kinds
    assert "".join(t for t, _ in changed.left) == "Built APIs in Python."
    assert "".join(t for t, _ in changed.right) == "Built REST APIs in Python."


def test_side_by_side_of_equal_texts_is_all_same() -> None:
    assert {r.kind for r in side_by_side(["a", "b"], ["a", "b"])} == {"same"}
    assert side_by_side([], []) == []
