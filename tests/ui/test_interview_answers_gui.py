"""Writing your own interview answers in the window: fact-checked as typed, "Polish into STAR" rearranging your
sentences only (undoable), autosaved as an edited version, kept across a restart and shown with the prep."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from careervp_desktop.analysis.polish import sentences_of
from careervp_desktop.domain.artifacts import InterviewPrep
from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.workflow import Workspace
from tests.ui.gui_helpers import Dialogs, open_window
from tests.ui.test_document_editing import prepare_library

pytestmark = pytest.mark.gui

ANSWER = (
    "In the end event latency fell from 15 minutes to 40 seconds. "
    "At Nordlane Logistics the shipment-tracking pipeline could not keep up. "
    "I was responsible for the tracking pipeline. "
    "I rebuilt it on Kafka and PostgreSQL."
)


def _stored_prep(data_dir: Path, app_id: int) -> InterviewPrep:
    ws = Workspace.open(data_dir)
    try:
        return InterviewPrep.model_validate(ws.library.latest_artifacts(app_id)[ArtifactType.INTERVIEW_PREP].content)
    finally:
        ws.library.engine.dispose()


def test_write_polish_check_and_keep_an_answer(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    [app_id] = prepare_library(data_dir, sample_cv_path, sample_jd_path)
    window = open_window(qtbot, data_dir)
    window.tabs.setCurrentWidget(window.artifact_panes[ArtifactType.INTERVIEW_PREP])
    view, answers = window.interview_answers_view, window.interview_answers
    assert view.isEnabled() and view.picker.count() == len(_stored_prep(data_dir, app_id).questions)
    answers.pick(1)
    view.editor.setFocus()
    qtbot.keyClicks(view.editor, ANSWER)
    assert view.picker.itemText(1).startswith("✓ 2.")

    qtbot.mouseClick(view.polish_button, Qt.MouseButton.LeftButton)
    polished = view.editor.toPlainText()
    assert polished.startswith("Situation: At Nordlane Logistics") and "\n\nResult: In the end" in polished
    assert sorted(sentences_of(polished)) == sorted(sentences_of(ANSWER))  # nothing added, nothing lost
    assert "Nothing was added" in view.status.text()
    view.editor.undo()
    assert view.editor.toPlainText() == ANSWER  # the polish is one undo step
    view.editor.redo()

    # A claim the CV does not support is named as you type.
    cursor = view.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    view.editor.setTextCursor(cursor)
    qtbot.keyClicks(view.editor, " Before that I was CTO at Initech Bank.")
    qtbot.waitUntil(lambda: "Not in your CV" in view.status.text(), timeout=2_000)

    qtbot.waitUntil(lambda: view.save_status.text().startswith("Saved · version 2"), timeout=5_000)
    window.close()
    stored = _stored_prep(data_dir, app_id)
    assert stored.questions[1].user_answer.startswith("Situation: At Nordlane Logistics")
    assert stored.questions[1].user_answer.endswith("CTO at Initech Bank.")
    assert all(not q.user_answer for n, q in enumerate(stored.questions) if n != 1)

    reopened = open_window(qtbot, data_dir)
    reopened.tabs.setCurrentWidget(reopened.artifact_panes[ArtifactType.INTERVIEW_PREP])
    reopened.interview_answers.pick(1)
    assert reopened.interview_answers_view.editor.toPlainText() == stored.questions[1].user_answer
    shown = reopened.artifact_panes[ArtifactType.INTERVIEW_PREP].document.toPlainText()
    assert "Your answer" in shown and "I rebuilt it on Kafka and PostgreSQL." in shown


def test_polishing_nothing_says_what_to_do(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    prepare_library(data_dir, sample_cv_path, sample_jd_path)
    window = open_window(qtbot, data_dir)
    view = window.interview_answers_view
    qtbot.mouseClick(view.polish_button, Qt.MouseButton.LeftButton)
    assert view.editor.toPlainText() == "" and "Write your answer first" in view.status.text()
    assert dialogs.shown == []


def test_a_hebrew_letter_and_a_hebrew_job_ad_are_laid_out_right_to_left(
    qtbot, data_dir: Path, dialogs: Dialogs
) -> None:
    from careervp_desktop import workflow
    from careervp_desktop.resources import resource_path

    ws = Workspace.open(data_dir)
    try:
        cv_id, _ = workflow.import_master_cv(ws, resource_path("samples", "sample_cv_he.md"))
        jd = resource_path("samples", "sample_jd_he.txt").read_text(encoding="utf-8")
        app = workflow.create_application(ws, jd_text=jd, master_cv_id=cv_id)
        assert app.id is not None
        workflow.generate_application(ws, app.id, provider=workflow.select_provider("offline"))
    finally:
        ws.library.engine.dispose()
    window = open_window(qtbot, data_dir)
    letter = window.artifact_panes[ArtifactType.COVER_LETTER].document
    assert letter.toPlainText().startswith("לצוות הגיוס")
    assert letter.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.waitUntil(
        lambda: (
            window.job_pane.jd_edit.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
        ),
        timeout=5_000,
    )
    doc = window.artifact_panes[ArtifactType.VPR].document.document()
    blocks = [doc.findBlockByNumber(n) for n in range(doc.blockCount())]
    hebrew = [b for b in blocks if b.text().startswith("נועה כהן")]
    assert hebrew and all(b.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft for b in hebrew)
    assert dialogs.shown == []
