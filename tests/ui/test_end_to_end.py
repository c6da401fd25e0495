"""End-to-end journeys through the real window, driven the way a user would (issue 9): a new application, the
sample CV, the job ad pasted in, gap questions answered, documents written (offline, and by Claude streaming from
the fake Messages API), a generation cancelled in the middle of the value proposition, a document regenerated, an
invented employer typed into the letter (underlined), confirmed as true, the documents exported, and the app
restarted with everything still there.

Only where a native file dialog would open does the test call the window's public method instead
(`import_cv`, `export_to`)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QWidget,
)

from careervp_desktop import workflow
from careervp_desktop.analysis.fvs import check_text
from careervp_desktop.domain.models import ArtifactType, Severity, ViolationType
from careervp_desktop.generation.offline import OfflineProvider
from careervp_desktop.generation.pipeline import ARTIFACT_ORDER
from careervp_desktop.keychain import ApiKeyStore
from careervp_desktop.ui.main_window import MainWindow
from tests.fakes.messages_api import FakeMessagesAPI
from tests.generation.claude.conftest import TEST_KEY
from tests.ui.gui_helpers import Dialogs, child, claude_replies, claude_window, open_window

pytestmark = [pytest.mark.gui, pytest.mark.slow]

TIMEOUT_MS = 20_000
DOCUMENT_VIEWS = {
    ArtifactType.GAP_QUESTIONS: "gapsView",
    ArtifactType.VPR: "vprView",
    ArtifactType.TAILORED_CV: "tailoredCvView",
    ArtifactType.COVER_LETTER: "coverLetterView",
    ArtifactType.INTERVIEW_PREP: "interviewPrepView",
}
CANDIDATE = "Maya Lindqvist"
# A gap answer with numbers the CV does not have: once saved, the fact check must accept them in a document.
ANSWER = (
    "At Nordlane Logistics I moved the tracking API's time-series data to TimescaleDB, cutting p95 latency "
    "from 2 seconds to 180 milliseconds."
)
ANSWER_IN_LETTER = " At Nordlane Logistics I cut the tracking API's p95 latency from 2 seconds to 180 milliseconds."
FABRICATED = " I led the platform team at Globex Corporation."


# --------------------------------------------------------------------------------------------------- helpers
def click(qtbot, window: QWidget, cls: type, name: str) -> None:
    widget = child(window, cls, name)
    assert widget.isEnabled(), f"{name} is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def show_tab(window: MainWindow, art_type: ArtifactType) -> None:
    window.tabs.setCurrentWidget(window.artifact_panes[art_type])


def pane_text(window: MainWindow, art_type: ArtifactType) -> str:
    name = DOCUMENT_VIEWS[art_type]
    widget = window.findChild(QTextBrowser, name) or window.findChild(QPlainTextEdit, name)
    assert widget is not None, name
    return widget.toPlainText()


def subtitle(window: MainWindow, art_type: ArtifactType) -> str:
    return window.artifact_panes[art_type].header.subtitle_label.text()


def version_counts(window: MainWindow, app_id: int) -> dict[ArtifactType, int]:
    library = window.workspace().library
    return {t: len(library.artifact_versions(app_id, t)) for t in ARTIFACT_ORDER}


def paste_job_ad(qtbot, window: MainWindow, text: str) -> None:
    """Copy the ad to the clipboard, click into the job text box and press Ctrl+V."""
    QApplication.clipboard().setText(text)
    edit = child(window, QPlainTextEdit, "jobTextEdit")
    window.tabs.setCurrentWidget(window.job_pane)
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert edit.toPlainText() == text


def import_cv(qtbot, window: MainWindow, path: Path) -> None:
    window.import_cv(path)  # what Import CV… does once the file dialog returned `path`
    qtbot.waitUntil(lambda: window.master_cv() is not None, timeout=10_000)
    assert window.master_cv().full_name == CANDIDATE  # type: ignore[union-attr]


def press_generate(qtbot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.job_pane)
    click(qtbot, window, QPushButton, "generateButton")
    assert window.is_generating()


def wait_generated(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.is_generating(), timeout=TIMEOUT_MS)
    assert child(window, QPushButton, "generateButton").isEnabled()


def type_into_letter(qtbot, window: MainWindow, text: str) -> None:
    """Put the cursor at the end of the letter's first paragraph (after the greeting) and type `text`."""
    show_tab(window, ArtifactType.COVER_LETTER)
    editor = child(window, QPlainTextEdit, "coverLetterView")
    body = editor.toPlainText()
    end_of_first_paragraph = body.index("\n\n", body.index("\n\n") + 2)
    cursor = editor.textCursor()
    cursor.setPosition(end_of_first_paragraph)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, text)


def underlined(window: MainWindow, words: str) -> list:
    editor = child(window, QPlainTextEdit, "coverLetterView")
    return [
        s
        for s in editor.extraSelections()
        if words in s.cursor.selectedText()
        and s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    ]


def panel_rows(window: MainWindow, view: str) -> list[str]:
    panel = child(window, QWidget, f"{view}Violations")
    return [panel.list.item(i).text() for i in range(panel.count())]


def history_rows(qtbot, window: MainWindow, art_type: ArtifactType) -> int:
    """Open the document's History (its button) and count the versions it lists; close it again."""
    show_tab(window, art_type)
    window.history_dialog = None
    click(qtbot, window, QToolButton, f"{DOCUMENT_VIEWS[art_type]}HistoryButton")
    qtbot.waitUntil(lambda: window.history_dialog is not None and window.history_dialog.isVisible(), timeout=5_000)
    dialog = window.history_dialog
    assert dialog is not None
    rows = child(dialog, QListWidget, "historyVersions").count()
    dialog.close()
    return rows


def letter_findings(window: MainWindow, words: str) -> list:
    return [v for v in window.violations_of(ArtifactType.COVER_LETTER) if words in v.text]


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def restart(qtbot, window: MainWindow, data_dir: Path, reopen: Callable[[], MainWindow]) -> MainWindow:
    """Close the window as the user would (pending edits are saved on close), then start the app again."""
    window.close()
    assert window.wait_for_background_work(10_000)
    qtbot.wait(20)  # any late delivery would run now: none may reach the closed window
    return reopen()


# --------------------------------------------------------------------------------------------------- offline
def test_offline_journey_from_new_application_to_restart(
    qtbot,
    data_dir: Path,
    dialogs: Dialogs,
    sample_cv_path: Path,
    sample_jd_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, data_dir)

    # New application → import the sample CV → paste the job ad → Generate (offline: no key).
    click(qtbot, window, QPushButton, "newApplicationButton")
    import_cv(qtbot, window, sample_cv_path)
    paste_job_ad(qtbot, window, sample_jd_path.read_text(encoding="utf-8"))
    press_generate(qtbot, window)
    wait_generated(qtbot, window)
    assert dialogs.shown == []
    app_id = window.current_application_id()
    assert app_id is not None
    for art_type in ARTIFACT_ORDER:
        assert pane_text(window, art_type).strip(), f"{DOCUMENT_VIEWS[art_type]} is empty"
        assert subtitle(window, art_type).startswith("Version 1 · Offline engine"), subtitle(window, art_type)
    assert CANDIDATE in pane_text(window, ArtifactType.TAILORED_CV)
    assert "Fjordhaven" in pane_text(window, ArtifactType.COVER_LETTER)
    assert version_counts(window, app_id) == dict.fromkeys(ARTIFACT_ORDER, 1)

    # Gap questions: type an answer into one card, skip the critical ones still open, Save and update documents.
    show_tab(window, ArtifactType.GAP_QUESTIONS)
    view = child(window, QWidget, "gapAnswers")
    cards = view.cards
    assert cards, "the sample job has gaps"
    # the card about a requirement the CV shows nothing for (graded "Gap" in the report's evidence)
    answered = next(c for c in cards if "TimescaleDB" in c.question.requirement)
    answered.answer_edit.setFocus()
    qtbot.keyClicks(answered.answer_edit, ANSWER)
    assert answered.answer_edit.toPlainText() == ANSWER
    # A gap the CV cannot fill is suggested for the interview only; this one may go into the documents.
    assert answered.destination.currentData() == "interview_only"
    answered.destination.setCurrentIndex(answered.destination.findText("Use in my documents"))
    assert answered.destination.currentData() == "cv_impact"
    skipped = [c for c in cards if c.is_open()]  # the critical questions still open
    for card in skipped:
        qtbot.mouseClick(card.skip, Qt.MouseButton.LeftButton)
        assert card.skip.isChecked() and not card.answer_edit.isEnabled()
    assert skipped, "the sample job has critical gaps"
    sources = window.fact_sources()
    assert sources is not None
    before = check_text(ANSWER_IN_LETTER, sources, target_company="Fjordhaven Energy")
    assert any(v.type == ViolationType.METRIC and v.text == "180" for v in before)  # not a fact yet: flagged
    click(qtbot, window, QPushButton, "updateDocumentsButton")
    qtbot.waitUntil(window.is_generating, timeout=5_000)
    wait_generated(qtbot, window)
    assert dialogs.shown == []
    library = window.workspace().library
    stored = {a.question_id: a for a in library.gap_answers(app_id)}
    assert stored[answered.question.id].answer == ANSWER
    assert all(stored[c.question.id].answer == "" for c in skipped)
    assert any(ANSWER in f for f in workflow.confirmed_facts(window.workspace(), app_id))
    counts = version_counts(window, app_id)
    assert counts == {**dict.fromkeys(ARTIFACT_ORDER, 2), ArtifactType.GAP_QUESTIONS: 1}  # the others rewritten
    assert subtitle(window, ArtifactType.VPR).startswith("Version 2 · Offline engine")
    vpr = pane_text(window, ArtifactType.VPR)  # the answer is the report's evidence for that requirement now
    assert ANSWER in vpr and f"Your answer to gap question {answered.question.id}" in vpr

    # Cancel in the middle of the value proposition: Generate, wait until its stages run, press Cancel.
    entered, release = threading.Event(), threading.Event()
    write = OfflineProvider.generate

    def vpr_takes_a_while(self, artifact_type, ctx):  # type: ignore[no-untyped-def]
        if artifact_type is ArtifactType.VPR:
            entered.set()
            release.wait(10)
        return write(self, artifact_type, ctx)

    monkeypatch.setattr(OfflineProvider, "generate", vpr_takes_a_while)
    press_generate(qtbot, window)
    stages = child(window, QLabel, "progressStages")
    qtbot.waitUntil(lambda: entered.is_set() and "● Synthesising" in stages.text(), timeout=TIMEOUT_MS)
    assert stages.isVisible() and "✓ Extracting evidence" in stages.text()
    assert "value proposition" in child(window, QLabel, "progressLabel").text().lower()
    click(qtbot, window, QPushButton, "cancelGenerationButton")
    release.set()
    wait_generated(qtbot, window)
    monkeypatch.setattr(OfflineProvider, "generate", write)
    assert dialogs.shown == []
    assert "cancelled" in window.statusBar().currentMessage()
    assert version_counts(window, app_id) == counts  # nothing half-written was saved
    assert subtitle(window, ArtifactType.VPR).startswith("Version 2")
    assert not child(window, QWidget, "progressBanner").isVisible()
    assert window.act_generate.isEnabled() and window.sidebar.list_view.isEnabled()

    # Regenerate the value proposition (no wishes: the offline engine writes from the CV and answers).
    assert history_rows(qtbot, window, ArtifactType.VPR) == 2
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("", True))  # "What should change?"
    show_tab(window, ArtifactType.VPR)
    click(qtbot, window, QToolButton, "vprViewRegenerateButton")
    assert window.is_generating()
    wait_generated(qtbot, window)
    assert version_counts(window, app_id) == {**counts, ArtifactType.VPR: 3}
    assert subtitle(window, ArtifactType.VPR).startswith("Version 3 · Offline engine")
    assert subtitle(window, ArtifactType.COVER_LETTER).startswith("Version 2")  # the others stay
    assert history_rows(qtbot, window, ArtifactType.VPR) == 3

    # The letter: the user's own number (from the gap answer) passes; an invented employer is underlined.
    letter_versions = counts[ArtifactType.COVER_LETTER]
    show_tab(window, ArtifactType.COVER_LETTER)
    assert window.violations_of(ArtifactType.COVER_LETTER) == []
    type_into_letter(qtbot, window, ANSWER_IN_LETTER + FABRICATED)
    qtbot.waitUntil(lambda: bool(letter_findings(window, "Globex")), timeout=3_000)
    [globex] = letter_findings(window, "Globex")
    assert (globex.type, globex.severity) == (ViolationType.EMPLOYER, Severity.CRITICAL)
    assert letter_findings(window, "180") == [] and letter_findings(window, "2") == []  # a confirmed fact
    assert underlined(window, "Globex Corporation")
    rows = panel_rows(window, "coverLetterView")
    row = next(i for i, text in enumerate(rows) if "Globex Corporation" in text)
    assert "critical" in child(window, QToolButton, "coverLetterViewFvsBadge").text()
    qtbot.waitUntil(
        lambda: (
            len(window.workspace().library.artifact_versions(app_id, ArtifactType.COVER_LETTER)) == letter_versions + 1
        ),
        timeout=3_000,
    )  # saved as a new version within a second

    # "This is true — add to my facts": the mark goes, and the fact is stored.
    child(window, QWidget, "coverLetterViewViolations").list.setCurrentRow(row)
    click(qtbot, window, QPushButton, "coverLetterViewViolationsAccept")
    assert letter_findings(window, "Globex") == []
    assert not underlined(window, "Globex")
    assert not any("Globex" in text for text in panel_rows(window, "coverLetterView"))
    assert any("Globex Corporation" in f.answer for f in window.workspace().library.knowledge_facts())

    # Export: Word and PDF of every document, the PDF's text is real text with the candidate's name.
    out = tmp_path / "export"
    window.export_to(out)  # what File ▸ Export does once the folder dialog returned `out`
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=30_000)
    assert [kind for kind, _ in dialogs.shown] == ["box"], dialogs.shown  # no "critical claims" question now
    assert "Exported 10 files" in dialogs.shown[0][1]
    files = sorted(out.iterdir())
    assert len(files) == 10 and {p.suffix for p in files} == {".docx", ".pdf"}
    assert all(p.stat().st_size > 0 for p in files)
    letter_pdf = out / "Maya_Lindqvist_Cover_Letter_Fjordhaven_Energy.pdf"
    text = pdf_text(letter_pdf)
    assert CANDIDATE in text, text[:300]
    assert "Globex Corporation" in " ".join(text.split())  # the edited letter is what was exported
    assert CANDIDATE in pdf_text(out / "Maya_Lindqvist_CV_Fjordhaven_Energy.pdf")
    dialogs.shown.clear()

    # Restart: everything is still there.
    letter_now = pane_text(window, ArtifactType.COVER_LETTER)
    again = restart(qtbot, window, data_dir, lambda: open_window(qtbot, data_dir))
    assert again.sidebar.list_view.model().rowCount() == 1
    assert again.current_application_id() == app_id
    assert again.master_cv() is not None and again.master_cv().full_name == CANDIDATE  # type: ignore[union-attr]
    for art_type in ARTIFACT_ORDER:
        assert pane_text(again, art_type).strip()
    assert subtitle(again, ArtifactType.VPR).startswith("Version 3 · Offline engine")
    assert pane_text(again, ArtifactType.COVER_LETTER) == letter_now  # the edit
    assert subtitle(again, ArtifactType.COVER_LETTER).startswith(f"Version {letter_versions + 1}")
    cards = {c.question.id: c for c in child(again, QWidget, "gapAnswers").cards}
    assert cards[answered.question.id].answer_edit.toPlainText() == ANSWER
    assert all(cards[c.question.id].skip.isChecked() for c in skipped)
    show_tab(again, ArtifactType.COVER_LETTER)
    qtbot.waitUntil(lambda: again.letter_editor.is_loaded(), timeout=3_000)
    assert letter_findings(again, "Globex") == [] and not underlined(again, "Globex")  # still accepted
    assert letter_findings(again, "180") == []
    assert not any("Globex" in text for text in panel_rows(again, "coverLetterView"))
    assert dialogs.shown == []


# --------------------------------------------------------------------------------------------------- Claude


def test_claude_journey_streams_cancels_mid_vpr_regenerates_and_restarts(
    qtbot,
    data_dir: Path,
    dialogs: Dialogs,
    store: ApiKeyStore,
    fake_anthropic: FakeMessagesAPI,
    sample_cv_path: Path,
    sample_jd_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store.set(TEST_KEY)
    window = claude_window(qtbot, data_dir, store, fake_anthropic)
    click(qtbot, window, QPushButton, "newApplicationButton")
    import_cv(qtbot, window, sample_cv_path)
    jd_text = sample_jd_path.read_text(encoding="utf-8")
    paste_job_ad(qtbot, window, jd_text)
    replies = claude_replies(window, jd_text)

    # Generate with Claude, streaming: the banner says Claude is writing, with the characters so far.
    label = child(window, QLabel, "progressLabel")
    preview = child(window, QLabel, "streamPreview")
    seen: list[str] = []
    previews: list[str] = []

    def watch() -> bool:
        if label.text() and (not seen or seen[-1] != label.text()):
            seen.append(label.text())
        if preview.isVisible() and preview.text() and (not previews or previews[-1] != preview.text()):
            previews.append(preview.text())
        return not window.is_generating()

    first_stream_held = threading.Event()
    fake_anthropic.stream_hold = first_stream_held  # the first stream pauses after its first piece of text
    fake_anthropic.stream_delay = 0.004  # a few ms per piece, as a real stream: the preview has time to show
    for t in ARTIFACT_ORDER:
        fake_anthropic.reply_json(replies[t])
    press_generate(qtbot, window)
    qtbot.waitUntil(lambda: watch() or "Claude is writing" in label.text(), timeout=TIMEOUT_MS)
    assert "Claude is writing the gap questions…" in label.text() and "characters" in label.text()
    while_held = label.text()  # shown while the server still holds the stream open
    first_stream_held.set()
    qtbot.waitUntil(watch, timeout=TIMEOUT_MS)
    assert dialogs.shown == []
    writing = [t for t in seen if "Claude is writing" in t]
    assert while_held in writing and len(writing) >= 2, seen  # the line changes as the text streams in
    assert any("value proposition" in t for t in seen), seen
    # Claude's words show as they stream: sentences, not JSON, with the user's name instead of its placeholder.
    assert previews, seen
    assert not [p for p in previews if "{" in p or "}" in p or '":' in p], previews
    assert not any("{{" in p for p in previews), previews
    assert not preview.isVisible()  # gone with the banner
    assert len(fake_anthropic.message_requests()) == 5
    assert all(r.body.get("stream") for r in fake_anthropic.message_requests())
    app_id = window.current_application_id()
    assert app_id is not None
    for art_type in ARTIFACT_ORDER:
        assert pane_text(window, art_type).strip(), DOCUMENT_VIEWS[art_type]
        assert subtitle(window, art_type).startswith("Version 1 · Claude ("), subtitle(window, art_type)
    assert window.offline_fallbacks() == []
    assert CANDIDATE in pane_text(window, ArtifactType.VPR)  # the placeholder was put back locally
    counts = version_counts(window, app_id)
    assert counts == dict.fromkeys(ARTIFACT_ORDER, 1)

    # Generate again and cancel while Claude streams the value proposition (its stages are showing).
    fake_anthropic.reset()
    for t in ARTIFACT_ORDER:
        fake_anthropic.reply_json(replies[t])
    gaps_held, vpr_held = threading.Event(), threading.Event()
    fake_anthropic.stream_hold = gaps_held
    press_generate(qtbot, window)
    qtbot.waitUntil(lambda: "Claude is writing the gap questions" in label.text(), timeout=TIMEOUT_MS)
    fake_anthropic.stream_hold = vpr_held  # the next stream (the VPR) pauses after its first piece of text
    gaps_held.set()
    stages = child(window, QLabel, "progressStages")
    qtbot.waitUntil(
        lambda: "Claude is writing the value proposition" in label.text() and "● Synthesising" in stages.text(),
        timeout=TIMEOUT_MS,
    )
    assert len(fake_anthropic.message_requests()) == 2 and stages.isVisible()
    click(qtbot, window, QPushButton, "cancelGenerationButton")
    vpr_held.set()
    wait_generated(qtbot, window)
    # A cancel is not an error (the stream stopped with Claude's own CallCancelled; see pipeline.generate_all).
    assert dialogs.shown == [] and "cancelled" in window.statusBar().currentMessage()
    assert version_counts(window, app_id) == counts  # no new versions
    assert len(fake_anthropic.message_requests()) == 2  # nothing more was asked for
    assert window.act_generate.isEnabled() and not child(window, QWidget, "progressBanner").isVisible()
    for art_type in ARTIFACT_ORDER:
        assert subtitle(window, art_type).startswith("Version 1 · Claude (")

    # Regenerate the value proposition with a wish: Claude writes version 2, the others stay.
    fake_anthropic.reset()
    fake_anthropic.reply_json(replies[ArtifactType.VPR])
    wish = "Lead with the Kafka work."
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: (wish, True))  # "What should change?"
    show_tab(window, ArtifactType.VPR)
    click(qtbot, window, QToolButton, "vprViewRegenerateButton")
    assert window.is_generating()
    wait_generated(qtbot, window)
    assert dialogs.shown == []
    [request] = fake_anthropic.message_requests()
    assert wish in str(request.body)
    assert version_counts(window, app_id) == {**counts, ArtifactType.VPR: 2}
    assert subtitle(window, ArtifactType.VPR).startswith("Version 2 · Claude (")
    assert subtitle(window, ArtifactType.COVER_LETTER).startswith("Version 1 · Claude (")
    assert history_rows(qtbot, window, ArtifactType.VPR) == 2

    # Restart: the Claude documents and their provenance are still there (nothing is asked for again).
    fake_anthropic.reset()
    again = restart(qtbot, window, data_dir, lambda: claude_window(qtbot, data_dir, store, fake_anthropic))
    assert again.current_application_id() == app_id
    assert subtitle(again, ArtifactType.VPR).startswith("Version 2 · Claude (")
    for art_type in ARTIFACT_ORDER:
        assert pane_text(again, art_type).strip()
        assert "Claude (" in subtitle(again, art_type)
    assert fake_anthropic.message_requests() == []
    assert fake_anthropic.server_errors == []
    assert dialogs.shown == []
