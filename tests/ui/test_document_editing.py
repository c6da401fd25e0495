"""Editing a generated document in the window: inline fact-check marks (underline, tooltip, panel, "this is
true"), autosave as versions, and the version history (view, compare, restore)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from careervp_desktop import workflow
from careervp_desktop.domain.artifacts import CoverLetter
from careervp_desktop.domain.models import ArtifactStatus, ArtifactType, Severity, ViolationType
from careervp_desktop.ui.fvs_highlight import SEVERITY_COLOURS
from careervp_desktop.ui.main_window import MainWindow
from careervp_desktop.workflow import Workspace
from tests.ui.gui_helpers import Dialogs, open_window

pytestmark = pytest.mark.gui

FABRICATED = " Before that I led the data platform team at Globex Corporation for three years."


def prepare_library(data_dir: Path, cv_path: Path, jd_path: Path, applications: int = 1) -> list[int]:
    """A library with the sample CV and `applications` generated applications (offline engine)."""
    ws = Workspace.open(data_dir)
    try:
        cv_id, _ = workflow.import_master_cv(ws, cv_path)
        ids = []
        for _ in range(applications):
            app = workflow.create_application(ws, jd_text=jd_path.read_text(encoding="utf-8"), master_cv_id=cv_id)
            assert app.id is not None
            workflow.generate_application(ws, app.id, provider=workflow.select_provider("offline"))
            ids.append(app.id)
        return ids
    finally:
        ws.library.engine.dispose()


@pytest.fixture
def window(qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path) -> MainWindow:
    prepare_library(data_dir, sample_cv_path, sample_jd_path)
    win = open_window(qtbot, data_dir)
    win.tabs.setCurrentWidget(win.artifact_panes[ArtifactType.COVER_LETTER])
    return win


def letter_pane(window: MainWindow):
    return window.artifact_panes[ArtifactType.COVER_LETTER]


def type_at_end_of_first_paragraph(qtbot, window: MainWindow, text: str) -> None:
    editor = letter_pane(window).document
    body = editor.toPlainText()
    first_para_end = body.index("\n\n", body.index("\n\n") + 2)  # after the greeting, the first paragraph
    cursor = editor.textCursor()
    cursor.setPosition(first_para_end)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, text)


def employer_findings(window: MainWindow) -> list:
    return [
        v
        for v in window.letter_editor.violations()
        if v.type == ViolationType.EMPLOYER and "Globex" in v.text and v.severity == Severity.CRITICAL
    ]


def versions(window: MainWindow, app_id: int, art_type: ArtifactType = ArtifactType.COVER_LETTER):
    return window.workspace().library.artifact_versions(app_id, art_type)


# --------------------------------------------------------------------------------------------------- FVS inline
def test_fabricated_employer_is_underlined_with_tooltip_and_confirming_it_clears_it(qtbot, window: MainWindow) -> None:
    pane = letter_pane(window)
    editor = pane.document
    assert window.letter_editor.violations() == []  # the generated letter is clean
    assert not editor.extraSelections()

    type_at_end_of_first_paragraph(qtbot, window, FABRICATED)
    qtbot.waitUntil(lambda: bool(employer_findings(window)), timeout=3_000)

    # A red wavy underline under the employer's name.
    marks = [s for s in editor.extraSelections() if "Globex" in s.cursor.selectedText()]
    assert marks, [s.cursor.selectedText() for s in editor.extraSelections()]
    fmt = marks[0].format
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert fmt.underlineColor() == QColor(SEVERITY_COLOURS[Severity.CRITICAL])
    # The badge and the panel say so.
    assert "critical" in pane.fvs_button.text()
    items = [pane.violations.list.item(i).text() for i in range(pane.violations.count())]
    assert any("Globex" in t for t in items)

    # Hovering the underlined words shows why, and the CV fact it was compared with.
    at = editor.toPlainText().index("Globex") + 2
    cursor = editor.textCursor()
    cursor.setPosition(at)
    point = editor.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.viewport(), event)
    tip = QToolTip.text()
    assert "Globex" in tip or "employer" in tip.lower(), tip
    assert "Your CV:" in tip
    QToolTip.hideText()
    # Elsewhere, no tooltip.
    cursor.setPosition(0)
    far = editor.cursorRect(cursor).center()
    QApplication.sendEvent(editor.viewport(), QHelpEvent(QEvent.Type.ToolTip, far, editor.viewport().mapToGlobal(far)))
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2_000)

    # Clicking the finding in the panel selects the words in the letter.
    pane.fvs_button.setChecked(True)
    row = next(i for i, t in enumerate(items) if "Globex" in t)
    item = pane.violations.list.item(row)
    rect = pane.violations.list.visualItemRect(item)
    qtbot.mouseClick(pane.violations.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "Globex" in editor.textCursor().selectedText()

    # "This is true": it becomes a confirmed fact and the mark goes, here and for every later check.
    pane.violations.list.setCurrentRow(row)
    qtbot.mouseClick(pane.violations.accept_button, Qt.MouseButton.LeftButton)
    assert employer_findings(window) == []
    assert not [s for s in editor.extraSelections() if "Globex" in s.cursor.selectedText()]
    facts = window.workspace().library.knowledge_facts()
    assert any("Globex Corporation" in f.answer for f in facts)
    sources = window.fact_sources()
    assert sources is not None and any("Globex" in f for f in sources.confirmed_facts)


def test_read_only_documents_are_marked_where_the_words_are(qtbot, window: MainWindow) -> None:
    """A stored VPR with an invented employer: the words are underlined in the rendered page too."""
    app_id = window.current_application_id()
    assert app_id is not None
    library = window.workspace().library
    vpr = library.latest_artifacts(app_id)[ArtifactType.VPR]
    content = dict(vpr.content)
    content["summary"] = str(content["summary"]) + " I was Head of Data at Globex Corporation."
    library.save_artifact_edit(app_id, ArtifactType.VPR, content, session_id="test")
    window.select_application(None)
    window._reload_current()
    pane = window.artifact_panes[ArtifactType.VPR]
    # The stored edit carries no findings: the background check against the CV finds the employer.
    assert not [v for v in window.violations_of(ArtifactType.VPR) if "Globex" in v.text]
    qtbot.waitUntil(lambda: not window.checks_pending(), timeout=10_000)
    found = [v for v in window.violations_of(ArtifactType.VPR) if "Globex" in v.text]
    assert found
    assert any("Globex" in s.cursor.selectedText() for s in pane.document.extraSelections())


# --------------------------------------------------------------------------------------------------- autosave
def test_letter_edits_are_saved_within_a_second_as_one_version_per_session(qtbot, window: MainWindow) -> None:
    app_id = window.current_application_id()
    assert app_id is not None
    assert len(versions(window, app_id)) == 1
    type_at_end_of_first_paragraph(qtbot, window, " I enjoy hard problems.")
    qtbot.waitUntil(lambda: len(versions(window, app_id)) == 2, timeout=1_500)
    qtbot.waitUntil(lambda: not window.letter_editor.is_saving(), timeout=1_500)
    saved = versions(window, app_id)[-1]
    assert saved.status == ArtifactStatus.EDITED and saved.provenance.provider == "user"
    assert "I enjoy hard problems." in CoverLetter.model_validate(saved.content).editable_text()
    assert letter_pane(window).save_status.text().startswith("Saved")

    # More typing in the same session updates that version instead of adding one per keystroke.
    qtbot.keyClicks(letter_pane(window).document, " Really.")
    qtbot.waitUntil(
        lambda: "Really." in CoverLetter.model_validate(versions(window, app_id)[-1].content).editable_text(),
        timeout=1_500,
    )
    assert len(versions(window, app_id)) == 2


def test_autosave_keeps_the_application_being_edited_selected(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    """Saving moves the edited application to the top of the list: the selection must follow it, not jump to
    the neighbour that took its row (which would load the neighbour's letter under the user's cursor)."""
    older, newer = prepare_library(data_dir, sample_cv_path, sample_jd_path, applications=2)
    window = open_window(qtbot, data_dir)
    assert window.current_application_id() == newer  # newest first
    window.select_application(older)
    type_at_end_of_first_paragraph(qtbot, window, " Still mine.")
    qtbot.waitUntil(lambda: len(versions(window, older)) == 2, timeout=2_000)
    qtbot.wait(50)
    assert window.current_application_id() == older
    assert window.sidebar.list_view.currentIndex().row() == 0  # moved to the top, still current
    assert "Still mine." in letter_pane(window).document.toPlainText()


def test_switching_application_or_closing_never_drops_typed_text(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    first, second = prepare_library(data_dir, sample_cv_path, sample_jd_path, applications=2)
    window = open_window(qtbot, data_dir)
    window.select_application(first)
    type_at_end_of_first_paragraph(qtbot, window, " Switched away at once.")
    window.select_application(second)  # no wait: the switch itself saves
    assert window.current_application_id() == second
    type_at_end_of_first_paragraph(qtbot, window, " Closed at once.")
    window.close()  # no wait: closing saves and waits for the write

    ws = Workspace.open(data_dir)
    try:
        texts = {
            app_id: CoverLetter.model_validate(
                ws.library.latest_artifacts(app_id)[ArtifactType.COVER_LETTER].content
            ).editable_text()
            for app_id in (first, second)
        }
    finally:
        ws.library.engine.dispose()
    assert "Switched away at once." in texts[first]
    assert "Closed at once." in texts[second]


# --------------------------------------------------------------------------------------------------- history
def test_history_lists_compares_and_restores_without_deleting(qtbot, window: MainWindow) -> None:
    app_id = window.current_application_id()
    assert app_id is not None
    original = letter_pane(window).document.toPlainText()
    type_at_end_of_first_paragraph(qtbot, window, " An edit to undo later.")
    window.show_history(ArtifactType.COVER_LETTER)  # saves the pending edit first, then reads the history
    qtbot.waitUntil(lambda: window.history_dialog is not None, timeout=3_000)
    dialog = window.history_dialog
    assert dialog is not None
    assert dialog.list.count() == 2
    assert "(current)" in dialog.list.item(0).text() and "Your edits" in dialog.list.item(0).text()

    dialog.select_version(1)  # an old version is compared with the current one by default
    assert dialog.compare.currentData() == 2
    shown = dialog.view.toPlainText()
    assert "Version 1" in shown and "Version 2" in shown and "An edit to undo later." in shown
    dialog.compare_with(None)  # just this version
    assert "An edit to undo later." not in dialog.view.toPlainText()
    assert dialog.restore_button.isEnabled()

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(versions(window, app_id)) == 3, timeout=3_000)
    qtbot.waitUntil(lambda: letter_pane(window).document.toPlainText() == original, timeout=3_000)
    numbers = [a.version for a in versions(window, app_id)]
    assert numbers == [1, 2, 3]  # nothing deleted; the restore is a new version
    assert versions(window, app_id)[-1].content == versions(window, app_id)[0].content


def test_history_of_an_unedited_document_cannot_restore_the_current_version(qtbot, window: MainWindow) -> None:
    window.show_history(ArtifactType.VPR)
    qtbot.waitUntil(lambda: window.history_dialog is not None, timeout=3_000)
    dialog = window.history_dialog
    assert dialog is not None and dialog.list.count() == 1
    assert not dialog.restore_button.isEnabled()
    assert dialog.view.toPlainText().strip()
    dialog.close()


def test_cursor_positions_survive_characters_outside_the_bmp(qtbot, window: MainWindow) -> None:
    """Qt counts an emoji as two positions: marks after one must still sit on the right words."""
    editor = letter_pane(window).document
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    editor.setTextCursor(cursor)
    cursor.insertText("🚀 ")  # as pasted (QTest types one UTF-16 unit per key: half an emoji)
    type_at_end_of_first_paragraph(qtbot, window, FABRICATED)
    qtbot.waitUntil(lambda: bool(employer_findings(window)), timeout=3_000)
    marks = [s.cursor.selectedText() for s in editor.extraSelections()]
    assert any(m.startswith("Globex") for m in marks), marks


def test_a_letter_just_shown_is_checked_off_the_ui_thread_and_typing_is_checked_on_it(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path, monkeypatch
) -> None:
    import threading

    from careervp_desktop.analysis import fvs

    prepare_library(data_dir, sample_cv_path, sample_jd_path)
    checks: list[tuple[bool, str]] = []  # (on the UI thread?, the text checked)
    real_check = fvs.check_text

    def recording_check(text, *args, **kwargs):
        checks.append((threading.current_thread() is threading.main_thread(), text))
        return real_check(text, *args, **kwargs)

    monkeypatch.setattr(fvs, "check_text", recording_check)  # the editor imports it where it checks
    win = open_window(qtbot, data_dir)
    editor = win.letter_editor

    def letter_checks() -> list[bool]:  # the other documents are checked in the background too
        opening = editor.text()[:60]
        return [on_ui for on_ui, text in checks if opening and text.startswith(opening)]

    qtbot.waitUntil(lambda: editor.is_loaded() and letter_checks() != [], timeout=10_000)
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=10_000)
    assert letter_checks() == [False]  # the cold first check ran in the background, and was not repeated here
    shown = letter_pane(win).violations.count()
    assert shown == len(editor.violations()) and letter_checks() == [False]  # its findings are the ones shown

    with qtbot.waitSignal(editor.sig_checked, timeout=5_000):
        type_at_end_of_first_paragraph(qtbot, win, FABRICATED)
    assert letter_checks()[-1] is True  # typing: checked warm, on the UI thread, at once
    assert any("Globex" in v.text for v in editor.violations())
