"""The gap-answer cards are refilled, not rebuilt, when other questions are shown: nothing of the previous
question (answer, skip, reuse note, "why", priority badge) may stay on a reused card, and no change is signalled."""

from __future__ import annotations

import pytest

from careervp_desktop.domain.artifacts import GapPriority, GapQuestion
from careervp_desktop.domain.records import AnswerDestination, GapAnswer
from careervp_desktop.ui.gap_answers import GapAnswersView

pytestmark = pytest.mark.gui


def _question(n: int, **kw: object) -> GapQuestion:
    fields: dict[str, object] = {
        "id": f"q{n}",
        "requirement": f"Requirement {n}",
        "question": f"Question {n}?",
        "why": f"Why {n}",
    }
    fields.update(kw)
    return GapQuestion.model_validate(fields)


def test_cards_are_reused_and_carry_nothing_over(qtbot) -> None:
    view = GapAnswersView()
    qtbot.addWidget(view)
    edited: list[bool] = []
    view.sig_edited.connect(lambda: edited.append(True))
    skipped = GapAnswer(question_id="q1", question="Question 1?", answer="")
    stored = GapAnswer(
        question_id="q2", question="Question 2?", answer="I ran it.", destination=AnswerDestination.INTERVIEW_ONLY
    )
    view.load(
        [
            (_question(1, priority=GapPriority.CRITICAL), skipped),
            (_question(2), stored),
            (_question(3, answer="Carried over.", reused=True), None),
        ]
    )
    first = list(view.cards)
    assert [c.entry().skipped for c in first] == [True, False, False]
    assert first[1].entry().destination == AnswerDestination.INTERVIEW_ONLY.value
    assert first[2].reused_note.isVisibleTo(view)

    view.load([(_question(7, why="", priority=GapPriority.OPTIONAL), None), (_question(8), None)])

    assert view.cards == first[:2]  # the same widgets, refilled
    assert [c.objectName() for c in view.cards] == ["gapCard_q7", "gapCard_q8"]
    seven, eight = view.cards
    assert seven.entry().answer == "" and not seven.entry().skipped and seven.answer_edit.isEnabled()
    assert seven.badge.text() == "Optional" and seven.badge.property("badge") == "neutral"
    assert not seven.why.isVisibleTo(view)
    assert seven.requirement.text().startswith("1. The job asks")
    assert eight.entry().destination == "cv_impact" and eight.entry().answer == ""
    assert not eight.reused_note.isVisibleTo(view)
    assert first[2].parent() is None  # the third card left the list
    assert edited == [] and not view.is_dirty()
    assert "0 of 2 answered" in view.status.text()

    eight.answer_edit.setPlainText("Typed after the refill.")  # a refilled card still reports edits
    assert edited and view.is_dirty()
