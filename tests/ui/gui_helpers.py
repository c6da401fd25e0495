"""Helpers shared by the GUI tests: a stand-in for modal dialogs, opening the window as the app does, finding
named widgets, reading the CV editor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from careervp_desktop.ui.main_window import MainWindow


class Dialogs:
    """Stands in for every modal dialog: records what would have been shown."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []  # (kind, text)
        self.open_file: Path | None = None
        self.folder: Path | None = None
        self.question_answer = QMessageBox.StandardButton.Yes

    def texts(self, kind: str) -> list[str]:
        return [text for k, text in self.shown if k == kind]


def open_window(qtbot, data_dir: Path) -> MainWindow:
    """As the app starts: the window shows at once and opens the library in the background."""
    window = MainWindow(data_dir=data_dir)
    qtbot.addWidget(window)  # closed (and its background work stopped) at teardown
    assert not window.is_library_open() and not window.act_generate.isEnabled()
    with qtbot.waitSignal(window.sig_library_ready, timeout=10_000):
        window.show()
    assert window.is_library_open(), window.library_error
    qtbot.waitExposed(window)
    return window


def child(window: QWidget, cls: type, name: str):
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name!r}"
    return widget


def editor_text(window: MainWindow) -> str:
    """Every field of the CV editor, in page order, one per line."""
    return "\n".join(
        w.text() if isinstance(w, QLineEdit) else w.toPlainText() for w in window.cv_pane.editor.text_fields()
    ).strip()


def claude_window(qtbot, data_dir: Path, store, api, *, wait_for_key: bool = True) -> MainWindow:
    """A window whose Claude calls go to the fake Messages API `api` (two attempts, no waiting between them)."""
    from careervp_desktop.generation.claude.retry import RetryPolicy
    from careervp_desktop.generation.claude.service import ServiceOptions

    options = ServiceOptions(
        base_url=api.base_url, policy=RetryPolicy(max_attempts=2), sleep=lambda _s: None, read_timeouts={}
    )
    window = MainWindow(data_dir=data_dir, key_store=store, claude_options=options)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_library_ready, timeout=10_000):
        window.show()
    assert window.is_library_open(), window.library_error
    if wait_for_key:
        qtbot.waitUntil(lambda: window.provider_status() != "Offline engine", timeout=5_000)  # the keychain answered
    return window


def claude_replies(window: MainWindow, jd_text: str) -> dict:
    """Good Claude answers for the window's CV and this job (the ids the app will ask about), per document."""
    from careervp_desktop import workflow
    from careervp_desktop.analysis.match import match_cv_to_job
    from careervp_desktop.generation.claude.replies import encode
    from careervp_desktop.generation.pipeline import ARTIFACT_ORDER
    from careervp_desktop.generation.providers import GenerationContext
    from tests.generation.claude.conftest import good_reply

    cv = window.master_cv()
    assert cv is not None
    job = workflow.analyse_job(jd_text)
    ctx = GenerationContext(cv=cv, job=job, match=match_cv_to_job(cv, job))
    return {t: {"items": encode(t, good_reply(t, ctx))} for t in ARTIFACT_ORDER}
