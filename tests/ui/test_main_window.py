"""The main window driven like a user would (offscreen), against a real workspace in a temp data dir."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from careervp_desktop import workflow
from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.ui.main_window import MainWindow
from careervp_desktop.workflow import Workspace
from tests.ui.gui_helpers import Dialogs, child, editor_text, open_window

pytestmark = pytest.mark.gui

GENERATION_TIMEOUT_MS = 20_000
DOCUMENT_VIEWS = ("gapsView", "vprView", "tailoredCvView", "coverLetterView", "interviewPrepView")


def document_text(window: MainWindow, name: str) -> str:
    if name == "cvView":  # the master CV is an editor of cards: its text is every field's text, in page order
        return editor_text(window)
    widget = window.findChild(QTextBrowser, name) or window.findChild(QPlainTextEdit, name)
    assert widget is not None, name
    return widget.toPlainText()


def import_sample_cv(qtbot, window: MainWindow, dialogs: Dialogs, path: Path) -> None:
    dialogs.open_file = path
    qtbot.mouseClick(child(window, QPushButton, "importCvButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.master_cv() is not None or bool(dialogs.shown), timeout=10_000)
    assert dialogs.shown == []
    assert "Nordlane Logistics" in document_text(window, "cvView")


def generate_and_wait(qtbot, window: MainWindow) -> None:
    qtbot.mouseClick(child(window, QPushButton, "generateButton"), Qt.MouseButton.LeftButton)
    assert window.is_generating()
    qtbot.waitUntil(lambda: not window.is_generating(), timeout=GENERATION_TIMEOUT_MS)


# --------------------------------------------------------------------------------------------------- tests
def test_empty_window_has_named_widgets_and_helpful_hints(qtbot, data_dir: Path, dialogs: Dialogs) -> None:
    window = open_window(qtbot, data_dir)
    for cls, name in [
        (QListView, "applicationList"),
        (QPushButton, "newApplicationButton"),
        (QPushButton, "importCvButton"),
        (QPlainTextEdit, "jobTextEdit"),
        (QLineEdit, "companyEdit"),
        (QLineEdit, "titleEdit"),
        (QPushButton, "generateButton"),
        (QTabWidget, "paneTabs"),
        (QWidget, "cvView"),
    ]:
        child(window, cls, name)
    for name in DOCUMENT_VIEWS:
        document_text(window, name)
    status = child(window, QWidget, "providerStatus")
    qtbot.waitUntil(lambda: status.text() == "Offline engine — no API key", timeout=5_000)  # once the keychain said
    assert not child(window, QWidget, "retryClaudeButton").isVisible()
    assert window.width() >= 1000 and window.height() >= 700
    assert window.windowTitle() == "New application — CareerVP"
    assert not window.act_export.isEnabled()
    shortcuts = {
        a.shortcut().toString() for a in (window.act_new, window.act_generate, window.act_export, window.act_quit)
    }
    assert shortcuts == {"Ctrl+N", "Ctrl+G", "Ctrl+E", "Ctrl+Q"}
    # Generate without a CV: a plain message, nothing breaks.
    window.generate()
    assert dialogs.texts("warning") and "Import your CV" in dialogs.texts("warning")[0]
    assert not window.is_generating()


@pytest.mark.slow
def test_end_to_end_generate_persists_and_reopens(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    window = open_window(qtbot, data_dir)
    qtbot.mouseClick(child(window, QPushButton, "newApplicationButton"), Qt.MouseButton.LeftButton)
    import_sample_cv(qtbot, window, dialogs, sample_cv_path)

    child(window, QPlainTextEdit, "jobTextEdit").setPlainText(sample_jd_path.read_text(encoding="utf-8"))
    started = time.monotonic()
    generate_and_wait(qtbot, window)
    assert time.monotonic() - started < 15
    assert dialogs.shown == []

    for name in DOCUMENT_VIEWS:
        assert document_text(window, name).strip(), f"{name} is empty"
    assert "Maya Lindqvist" in document_text(window, "tailoredCvView")
    assert "Fjordhaven" in document_text(window, "coverLetterView")
    assert "Fjordhaven" in child(window, QLineEdit, "companyEdit").text()
    assert window.sidebar.list_view.model().rowCount() == 1
    assert "Fjordhaven" in window.windowTitle()
    assert window.act_export.isEnabled()
    app_id = window.current_application_id()
    assert app_id is not None
    vpr_pane = window.artifact_panes[ArtifactType.VPR]
    assert vpr_pane.header.subtitle_label.text().startswith("Version 1 · Offline engine")
    assert vpr_pane.fvs_button.text()  # the fact-check badge is shown

    window.close()

    reopened = open_window(qtbot, data_dir)
    assert reopened.sidebar.list_view.model().rowCount() == 1
    assert "Nordlane Logistics" in document_text(reopened, "cvView")
    reopened.new_application()
    assert not document_text(reopened, "coverLetterView")
    reopened.select_application(app_id)
    assert reopened.current_application_id() == app_id
    assert "Fjordhaven" in document_text(reopened, "coverLetterView")
    assert "Maya Lindqvist" in document_text(reopened, "tailoredCvView")
    assert "Fjordhaven" in child(reopened, QPlainTextEdit, "jobTextEdit").toPlainText()

    # Generating again on the same application adds version 2 and keeps one list entry.
    generate_and_wait(qtbot, reopened)
    assert reopened.sidebar.list_view.model().rowCount() == 1
    assert reopened.artifact_panes[ArtifactType.VPR].header.subtitle_label.text().startswith("Version 2")


def test_a_library_from_a_newer_app_is_refused_with_a_message(qtbot, data_dir: Path, dialogs: Dialogs) -> None:
    import sqlite3

    Workspace.open(data_dir).library.list_applications()  # create it, then pretend a newer CareerVP wrote it
    db = data_dir / "careervp.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 999")
    before = db.read_bytes()
    window = MainWindow(data_dir=data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_library_ready, timeout=10_000):
        window.show()
    assert not window.is_library_open() and window.library_error is not None
    assert len(dialogs.texts("warning")) == 1 and "newer" in dialogs.texts("warning")[0].lower()
    assert not window.act_generate.isEnabled() and not window.act_import_cv.isEnabled()
    assert db.read_bytes() == before


def test_bad_cv_file_shows_its_message_and_nothing_crashes(
    qtbot, data_dir: Path, dialogs: Dialogs, tmp_path: Path
) -> None:
    window = open_window(qtbot, data_dir)
    empty_pdf = tmp_path / "empty.pdf"
    empty_pdf.write_bytes(b"")
    dialogs.open_file = empty_pdf
    qtbot.mouseClick(child(window, QPushButton, "importCvButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=10_000)
    kind, text = dialogs.shown[0]
    assert kind == "warning"
    assert "\n" not in text and text
    assert document_text(window, "cvView") == ""
    assert child(window, QPushButton, "importCvButton").isEnabled()


def test_unexpected_error_says_something_went_wrong_and_where_the_log_is(
    qtbot,
    data_dir: Path,
    dialogs: Dialogs,
    sample_cv_path: Path,
    sample_jd_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = open_window(qtbot, data_dir)
    import_sample_cv(qtbot, window, dialogs, sample_cv_path)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(workflow, "generate_application", broken)
    window.job_pane.jd_edit.setPlainText(sample_jd_path.read_text(encoding="utf-8"))
    with caplog.at_level("ERROR"):
        generate_and_wait(qtbot, window)
    [message] = dialogs.texts("critical")
    assert "Something went wrong" in message
    assert "careervp.log" in message
    assert any(r.exc_info and r.exc_info[0] is RuntimeError for r in caplog.records)
    # The application was saved before writing failed: nothing lost.
    assert window.sidebar.list_view.model().rowCount() == 1
    assert window.job_pane.jd_edit.toPlainText().startswith("Senior Python Engineer")


def test_cancel_keeps_the_application(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    window = open_window(qtbot, data_dir)
    import_sample_cv(qtbot, window, dialogs, sample_cv_path)
    window.job_pane.jd_edit.setPlainText(sample_jd_path.read_text(encoding="utf-8"))
    window.generate()
    window.cancel_generation()
    qtbot.waitUntil(lambda: not window.is_generating(), timeout=GENERATION_TIMEOUT_MS)
    assert dialogs.shown == []
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.sidebar.list_view.model().rowCount() == 1
    assert window.job_pane.generate_button.isEnabled()


def test_the_vpr_shows_its_five_stages_and_cancel_mid_vpr_saves_nothing_new(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    import threading

    from careervp_desktop.generation.offline import OfflineProvider

    entered, release = threading.Event(), threading.Event()
    write = OfflineProvider.generate

    def slow_vpr(self, artifact_type, ctx):  # type: ignore[no-untyped-def]
        if artifact_type is ArtifactType.VPR:
            entered.set()
            release.wait(10)
        return write(self, artifact_type, ctx)

    monkeypatch.setattr(OfflineProvider, "generate", slow_vpr)
    window = open_window(qtbot, data_dir)
    import_sample_cv(qtbot, window, dialogs, sample_cv_path)
    window.job_pane.jd_edit.setPlainText(sample_jd_path.read_text(encoding="utf-8"))
    window.generate()
    qtbot.waitUntil(entered.is_set, timeout=GENERATION_TIMEOUT_MS)
    stages = window.progress.stages
    qtbot.waitUntil(lambda: "● Synthesising" in stages.text(), timeout=5_000)
    assert stages.isVisible()
    assert "✓ Analysing the CV and the job" in stages.text() and "✓ Extracting evidence" in stages.text()
    assert "○ Self-correcting" in stages.text() and "○ Generating the report" in stages.text()
    assert "synthesising" in window.progress.label.text() and "2/5" in window.progress.label.text()
    window.cancel_generation()
    release.set()
    qtbot.waitUntil(lambda: not window.is_generating(), timeout=GENERATION_TIMEOUT_MS)
    assert dialogs.shown == [] and "cancelled" in window.statusBar().currentMessage()
    assert not window.progress.isVisible()
    ws = window.workspace()
    [app] = ws.library.list_applications()
    assert app.id is not None and ws.library.latest_artifacts(app.id) == {}  # nothing half-written was saved


def test_closing_during_generation_stops_cleanly(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    window = open_window(qtbot, data_dir)
    import_sample_cv(qtbot, window, dialogs, sample_cv_path)
    window.job_pane.jd_edit.setPlainText(sample_jd_path.read_text(encoding="utf-8"))
    window.generate()
    qtbot.wait(5)
    window.close()
    assert window.wait_for_background_work(0)  # nothing left running
    qtbot.wait(50)  # any late delivery would run now: none may reach the closed window
    assert dialogs.shown == []


def test_empty_job_description_is_refused_politely(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path
) -> None:
    window = open_window(qtbot, data_dir)
    import_sample_cv(qtbot, window, dialogs, sample_cv_path)
    window.job_pane.jd_edit.setPlainText("   ")
    window.generate()
    assert "job description is empty" in dialogs.texts("warning")[0]
    assert window.sidebar.list_view.model().rowCount() == 0


@pytest.mark.slow
def test_export_writes_the_documents(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, data_dir)
    import_sample_cv(qtbot, window, dialogs, sample_cv_path)
    window.job_pane.jd_edit.setPlainText(sample_jd_path.read_text(encoding="utf-8"))
    generate_and_wait(qtbot, window)
    dialogs.folder = tmp_path / "out"
    window.act_export.trigger()
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=30_000)
    # the offline engine only restates the CV: no "critical claims: export anyway?" question, no error
    assert [kind for kind, _ in dialogs.shown] == ["box"] and "Exported 10 files" in dialogs.shown[0][1]
    written = sorted(p.name for p in dialogs.folder.iterdir())
    # Named for the recruiter's folder: First_Last_Document_Company, Word and PDF.
    assert "Maya_Lindqvist_Cover_Letter_Fjordhaven_Energy.docx" in written
    assert "Maya_Lindqvist_CV_Fjordhaven_Energy.pdf" in written
    assert len(written) == 10


def test_a_window_made_to_open_later_says_so_from_its_first_frame_and_opens_when_told(
    qtbot, data_dir: Path, dialogs: Dialogs
) -> None:
    """run_gui paints the window before the library's worker starts (open_later, then open_library())."""
    window = MainWindow(data_dir=data_dir, open_later=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(20)
    assert not window.is_busy() and not window.is_library_open()
    assert window.statusBar().currentMessage() == "Opening your library…"
    assert not window.act_generate.isEnabled() and not window.act_import_cv.isEnabled()
    with qtbot.waitSignal(window.sig_library_ready, timeout=10_000):
        window.open_library()
    assert window.is_library_open(), window.library_error


def test_the_window_module_loads_without_pydantic_sqlalchemy_or_the_workflow() -> None:
    """The main window is built and painted before the models load (they come with the library's worker): a
    module-level import of domain.models, workflow or the fact check in ui/ would cost ~200 ms of start-up."""
    code = (
        "import sys, careervp_desktop.ui.main_window; "
        "print(sorted(m for m in ('pydantic', 'sqlalchemy', 'careervp_desktop.workflow', "
        "'careervp_desktop.domain.models', 'careervp_desktop.analysis.fvs') if m in sys.modules))"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_run_gui_exit_after_show(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    code = (
        "import sys; from pathlib import Path; from careervp_desktop.ui.main_window import run_gui; "
        f"sys.exit(run_gui(Path({str(tmp_path / 'gui-data')!r}), True))"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Destroyed while thread" not in done.stderr


def test_window_geometry_splitter_and_tab_are_remembered(
    qtbot, data_dir: Path, dialogs: Dialogs, tmp_path: Path
) -> None:
    fresh = open_window(qtbot, tmp_path / "other-data")  # what a window looks like with nothing remembered
    default_sidebar = fresh.main_splitter.sizes()[0]
    fresh.close()

    window = open_window(qtbot, data_dir)
    window.main_splitter.setSizes([default_sidebar + 150, 2000])
    window.tabs.setCurrentIndex(1)
    window.close()
    from PySide6.QtCore import QSettings

    saved = QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat)
    assert {"window/geometry", "window/mainSplitter", "window/tab"} <= set(saved.allKeys())

    again = open_window(qtbot, data_dir)
    assert again.tabs.currentIndex() == 1
    screen = again.screen().availableGeometry()
    if screen.width() >= 1200:  # the offscreen screen is 800 px wide: Qt shrinks the window and the sidebar
        assert again.main_splitter.sizes()[0] == default_sidebar + 150


def test_an_unexpected_error_in_a_slot_shows_a_dialog_with_the_log(
    qtbot, data_dir: Path, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from careervp_desktop.ui.main_window import install_exception_hook

    window = open_window(qtbot, data_dir)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_exception_hook(window)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    [(kind, text)] = dialogs.shown
    assert kind == "critical" and "careervp.log" in text and "boom" not in text
    assert "Your work so far is kept" in text


def test_documents_language_is_offered_when_cv_and_job_ad_differ_and_kept_with_the_application(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    from PySide6.QtWidgets import QComboBox

    window = open_window(qtbot, data_dir)
    import_sample_cv(qtbot, window, dialogs, sample_cv_path)
    combo = child(window, QComboBox, "documentLanguageCombo")
    window.tabs.setCurrentWidget(window.job_pane)
    window.job_pane.jd_edit.setPlainText(sample_jd_path.read_text(encoding="utf-8"))
    window.analyse_job()
    qtbot.waitUntil(lambda: window.job_pane.analysis_stack.currentWidget() is window.job_pane.analysis_browser)
    assert not combo.isVisibleTo(window)  # an English CV for an English ad: nothing to choose

    hebrew_ad = "מהנדס/ת פייתון בכיר/ה\nדרישות:\n- חמש שנות ניסיון בפייתון\n- ניסיון עם Kafka ו-PostgreSQL\n"
    window.job_pane.jd_edit.setPlainText(hebrew_ad)
    window.analyse_job()
    qtbot.waitUntil(lambda: combo.isVisibleTo(window), timeout=10_000)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Hebrew — the job ad's language",
        "English — your CV's language",
    ]
    generate_and_wait(qtbot, window)  # the default: the ad's language
    assert document_text(window, "coverLetterView").startswith("שלום רב,")
    subtitle = window.artifact_panes[ArtifactType.TAILORED_CV].header.subtitle_label.text()
    assert "Your CV's own words, not translated" in subtitle  # the tailored CV is the English CV, reordered
    app_id = window.current_application_id()
    assert window.workspace().library.get_application(app_id).document_language == ""

    combo.setCurrentIndex(combo.findData("en"))
    generate_and_wait(qtbot, window)
    assert window.workspace().library.get_application(app_id).document_language == "en"
    assert document_text(window, "coverLetterView").startswith("Dear")
    assert "not translated" not in window.artifact_panes[ArtifactType.TAILORED_CV].header.subtitle_label.text()
    window.new_application()
    window.tabs.setCurrentWidget(window.job_pane)
    assert not combo.isVisibleTo(window)
    window.select_application(app_id)
    window.tabs.setCurrentWidget(window.job_pane)
    assert combo.isVisibleTo(window) and combo.currentData() == "en"
    assert dialogs.shown == []


def test_letter_tone_and_hiring_manager_are_saved_with_the_application_and_used(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    window = open_window(qtbot, data_dir)
    import_sample_cv(qtbot, window, dialogs, sample_cv_path)
    child(window, QPlainTextEdit, "jobTextEdit").setPlainText(sample_jd_path.read_text(encoding="utf-8"))
    child(window, QLineEdit, "hiringManagerEdit").setText("Ms Anna Berg")
    child(window, QPlainTextEdit, "companyNotesEdit").setPlainText("They publish their grid forecasts openly.")
    tone = window.job_pane.tone_combo
    tone.setCurrentIndex(tone.findData("enthusiastic"))
    generate_and_wait(qtbot, window)
    letter = document_text(window, "coverLetterView")
    assert letter.startswith("Dear Ms Anna Berg,") and "I would love the chance to talk" in letter
    app_id = window.current_application_id()
    app = window.workspace().library.get_application(app_id)
    assert (app.hiring_manager, app.letter_tone) == ("Ms Anna Berg", "enthusiastic")
    assert app.company_notes == "They publish their grid forecasts openly."
    assert "What draws me to Fjordhaven Energy: they publish their grid forecasts openly." in letter
    window.new_application()
    assert child(window, QLineEdit, "hiringManagerEdit").text() == "" and tone.currentData() == "professional"
    window.select_application(app_id)
    assert child(window, QLineEdit, "hiringManagerEdit").text() == "Ms Anna Berg"
    assert tone.currentData() == "enthusiastic"
    assert "grid forecasts" in child(window, QPlainTextEdit, "companyNotesEdit").toPlainText()
    assert dialogs.shown == []


def test_first_run_welcomes_and_the_sample_is_one_click_from_documents(qtbot, data_dir: Path, dialogs: Dialogs) -> None:
    window = open_window(qtbot, data_dir)
    welcome = child(window, QWidget, "welcomeView")
    assert window.tabs.currentWidget() is window.cv_pane and welcome.isVisible()
    assert "Welcome to CareerVP" in welcome.title_label.text()
    qtbot.mouseClick(child(window, QPushButton, "trySampleButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.master_cv() is not None, timeout=10_000)
    assert window.tabs.currentWidget() is window.job_pane
    assert window.job_pane.jd_edit.toPlainText().startswith("Senior Python Engineer")
    assert "press Generate" in window.statusBar().currentMessage()
    generate_and_wait(qtbot, window)
    assert document_text(window, "coverLetterView").startswith("Dear")
    assert not welcome.isVisible() and dialogs.shown == []
    # the new application is counted (read in the background)
    qtbot.waitUntil(lambda: window.sidebar.status_filter.itemText(0) == "All statuses (1)", timeout=5_000)


def test_the_tailored_cv_is_compared_side_by_side_with_the_master_cv(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    from PySide6.QtWidgets import QCheckBox, QToolButton

    window = open_window(qtbot, data_dir)
    button = child(window, QToolButton, "tailoredCvCompareButton")
    assert not button.isVisibleTo(window)  # nothing to compare yet
    import_sample_cv(qtbot, window, dialogs, sample_cv_path)
    window.job_pane.jd_edit.setPlainText(sample_jd_path.read_text(encoding="utf-8"))
    generate_and_wait(qtbot, window)
    window.tabs.setCurrentWidget(window.artifact_panes[ArtifactType.TAILORED_CV])
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window._compare_dialog
    assert dialog is not None and dialog.isVisible()
    view = child(dialog, QTextBrowser, "cvCompareView")
    full = view.toPlainText()
    assert "Your CV" in full and "Tailored for" in full and "Maya Lindqvist" in full
    assert "lines differ" in dialog.summary.text()
    child(dialog, QCheckBox, "cvCompareChangesOnly").setChecked(True)
    assert "unchanged lines" in view.toPlainText() and len(view.toPlainText()) < len(full)
    dialog.close()
    assert dialogs.shown == []


def test_a_burst_of_progress_redraws_the_banner_once_with_the_latest(qtbot, data_dir: Path, monkeypatch) -> None:
    from careervp_desktop.generation.pipeline import VPR_STAGES, Stage
    from careervp_desktop.ui.main_window import WritingArtifact
    from careervp_desktop.ui.views import ProgressBannerView

    window = open_window(qtbot, data_dir)
    shown: list[str] = []
    real = ProgressBannerView.show_progress

    def counting(self, text, *args):
        shown.append(text)
        real(self, text, *args)

    monkeypatch.setattr(ProgressBannerView, "show_progress", counting)
    window._generation = object()  # type: ignore[assignment]  # as during a generation
    # What a worker running ahead of the UI thread delivers in one event-loop turn:
    window._on_generation_progress(WritingArtifact(ArtifactType.VPR, 1, 5))
    for n, name in enumerate(VPR_STAGES, start=1):
        window._on_generation_progress(Stage(ArtifactType.VPR, n, len(VPR_STAGES), name))
    assert shown == []
    qtbot.waitUntil(lambda: shown != [], timeout=2_000)
    qtbot.wait(20)
    assert len(shown) == 1 and shown[0].endswith("1/5") and "writing" in shown[0].lower()
    assert window.progress.bar.value() == len(VPR_STAGES) - 1  # the last stage's place
    window._generation = None
