"""Answering gap questions in the window: the cards, validation, skipping, saving (facts the check accepts),
"Save and update documents" rewriting the other documents, and unsaved answers surviving a switch."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from careervp_desktop.domain.artifacts import GapPriority
from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.ui.main_window import MainWindow
from careervp_desktop.workflow import Workspace
from tests.ui.gui_helpers import Dialogs, open_window
from tests.ui.test_document_editing import prepare_library

pytestmark = pytest.mark.gui

ANSWER = (
    "At Nordlane Logistics I tuned the slowest PostgreSQL queries of the tracking API, cutting p95 from 2 s to 300 ms."
)


def _subtitle(window: MainWindow, art_type: ArtifactType) -> str:
    return window.artifact_panes[art_type].header.subtitle_label.text()


def test_answer_skip_save_and_update_documents(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    [app_id] = prepare_library(data_dir, sample_cv_path, sample_jd_path)
    window = open_window(qtbot, data_dir)
    window.tabs.setCurrentWidget(window.artifact_panes[ArtifactType.GAP_QUESTIONS])
    view = window.gap_answers
    cards = view.cards
    assert 0 < len(cards) <= 10
    assert [c.question.score for c in cards] == sorted((c.question.score for c in cards), reverse=True)
    critical = [c for c in cards if c.question.priority is GapPriority.CRITICAL]
    assert critical, "the sample job has unmet must-haves"

    first = cards[0]
    first.answer_edit.setPlainText("Some SQL.")
    assert "at least 50" in first.counter.text()
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.status.text().startswith("Question 1: The answer is 9 characters")
    assert window.workspace().library.gap_answers(app_id) == []  # nothing stored

    first.answer_edit.setPlainText(ANSWER)
    qtbot.mouseClick(view.update_button, Qt.MouseButton.LeftButton)  # other critical questions still open
    assert "answer or skip" in view.status.text() and not window.is_generating()
    for card in critical[1:]:
        card.skip.setChecked(True)
        assert not card.answer_edit.isEnabled()
    qtbot.mouseClick(view.update_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.is_generating(), timeout=5_000)
    qtbot.waitUntil(lambda: not window.is_generating(), timeout=20_000)
    assert dialogs.shown == []

    stored = {a.question_id: a.answer for a in window.workspace().library.gap_answers(app_id)}
    assert stored[first.question.id] == ANSWER
    assert all(stored[c.question.id] == "" for c in critical[1:])  # skipped
    assert ANSWER in window.workspace().library.knowledge_facts()[0].answer
    assert _subtitle(window, ArtifactType.VPR).startswith("Version 2")
    assert _subtitle(window, ArtifactType.GAP_QUESTIONS).startswith("Version 1")  # the questions stay
    # The reloaded cards show what was saved.
    again = {c.question.question: c for c in window.gap_answers.cards}
    assert again[first.question.question].answer_edit.toPlainText() == ANSWER
    assert all(again[c.question.question].skip.isChecked() for c in critical[1:])


def test_an_unsaved_answer_is_saved_when_switching_application(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    first_id, second_id = prepare_library(data_dir, sample_cv_path, sample_jd_path, applications=2)
    window = open_window(qtbot, data_dir)
    window.select_application(first_id)
    card = window.gap_answers.cards[0]
    card.answer_edit.setPlainText(ANSWER)
    assert window.gap_answers.is_dirty()
    window.select_application(second_id)
    ws = Workspace.open(data_dir)
    try:
        qtbot.waitUntil(lambda: bool(ws.library.gap_answers(first_id)), timeout=5_000)
        assert ws.library.gap_answers(first_id)[0].answer == ANSWER
    finally:
        ws.library.engine.dispose()
    # The second application (written before the answer existed) offers it for the same question once it is saved.
    window.select_application(first_id)
    assert window.gap_answers.cards[0].answer_edit.toPlainText() == ANSWER  # stored for the first one
    window.select_application(second_id)
    same = {c.question.question: c for c in window.gap_answers.cards}[card.question.question]
    assert same.answer_edit.toPlainText() == ANSWER and not same.reused_note.isHidden()
    assert not window.gap_answers.is_dirty()  # offered, not yet the user's answer here
    assert dialogs.shown == []


def test_an_unsaved_answer_is_saved_when_the_window_closes(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    [app_id] = prepare_library(data_dir, sample_cv_path, sample_jd_path)
    window = open_window(qtbot, data_dir)
    question = window.gap_answers.cards[0].question
    window.gap_answers.cards[0].answer_edit.setPlainText(ANSWER)
    window.close()
    ws = Workspace.open(data_dir)
    try:
        assert [(a.question, a.answer) for a in ws.library.gap_answers(app_id)] == [(question.question, ANSWER)]
    finally:
        ws.library.engine.dispose()
