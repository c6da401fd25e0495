"""The editable cover letter: live fact check as the user types, and autosave of every edit as a version.

- Fact check: `CHECK_DELAY_MS` after the last keystroke the text is checked on the UI thread (per-paragraph
  memo: ~1 ms per keystroke) and the unsupported words are underlined. A letter just shown is checked cold
  (~20 ms: the fact sources and the memo are built) on the compute lane instead; asking for its findings before
  that check is back checks at once.
- Autosave: `SAVE_DELAY_MS` after the last keystroke the letter is written on the database lane with
  `save_artifact_edit(..., session_id=)`: one new version per editing session, updated in place while the session
  lasts. `flush()` writes at once (switching application, closing, exporting, generating).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QPlainTextEdit

from careervp_desktop.domain.enums import ArtifactType
from careervp_desktop.ui.background import BackgroundRunner, Lane, TaskContext
from careervp_desktop.ui.i18n import tr
from careervp_desktop.ui.views import ArtifactPaneView, match_text_direction

if TYPE_CHECKING:  # the domain's pydantic models load after the window's first paint: imported where used
    from careervp_desktop.analysis.fvs import FactSources
    from careervp_desktop.domain.artifacts import CoverLetter
    from careervp_desktop.domain.models import Artifact, Violation
    from careervp_desktop.workflow import Workspace

log = logging.getLogger(__name__)

CHECK_DELAY_MS = 250
SAVE_DELAY_MS = 600  # with the write itself, an edit is on disk well within a second
RETRY_DELAY_MS = 5_000


def save_edit_work(
    ws: Workspace,
    application_id: int,
    art_type: ArtifactType,
    content: dict[str, object],
    session_id: str,
    violations: list[Violation],
    seq: int,
    ctx: TaskContext,
) -> tuple[int, Artifact]:
    """Autosave one edit of a document (DATABASE lane): the version it was saved as, with the edit's number."""
    artifact = ws.library.save_artifact_edit(
        application_id, art_type, content, session_id=session_id, violations=violations
    )
    return seq, artifact


def check_letter_work(
    text: str,
    sources_of: Callable[[], FactSources | None],
    company: str | None,
    title: str | None,
    seq: int,
    ctx: TaskContext,
) -> tuple[int, str, list[Violation]]:
    """The fact check of a letter just shown (COMPUTE lane): its number, the text checked and the findings."""
    from careervp_desktop.analysis.fvs import check_text

    sources = sources_of()
    violations = [] if sources is None else check_text(text, sources, target_company=company, target_title=title)
    return seq, text, violations


def single_shot_timer(parent: QObject, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.timeout.connect(slot)
    return timer


class LetterEditorController(QObject):
    """Drives the cover-letter pane.

    Signals:
    - `sig_saved(object)`: the `Artifact` version the edits were saved as.
    - `sig_save_failed(object)`: the exception of a failed save (retried by itself).
    - `sig_checked(object)`: the list of `Violation`s of the text just checked.
    """

    sig_saved = Signal(object)
    sig_save_failed = Signal(object)
    sig_checked = Signal(object)

    def __init__(
        self,
        pane: ArtifactPaneView,
        runner: BackgroundRunner,
        sources_of: Callable[[], Callable[[], FactSources | None]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        assert isinstance(pane.document, QPlainTextEdit)
        self._pane = pane
        self._editor: QPlainTextEdit = pane.document
        self._runner = runner
        self._sources_of = sources_of  # → a callable that gives the fact sources on any thread
        self._check_seq = 0  # every check (and unload) takes a number: a background result must still be the latest
        self._checking_in_background = False
        self._ws: Workspace | None = None
        self._application_id: int | None = None
        self._target: tuple[str | None, str | None] = (None, None)
        self._base: CoverLetter | None = None
        self._session = ""
        self._loading = False
        self._dirty = False
        self._edit_seq = 0
        self._saved_seq = 0
        self._violations: list[Violation] = []
        self._check_timer = single_shot_timer(self, self._on_check_timer)
        self._save_timer = single_shot_timer(self, self._on_save_timer)
        self._editor.textChanged.connect(self._on_text_changed)

    # ------------------------------------------------------------------ API
    def load(
        self, ws: Workspace, application_id: int, artifact: Artifact, *, company: str | None, title: str | None
    ) -> None:
        """Show `artifact` (a cover-letter version) for editing; unsaved edits of the previous one are saved first."""
        self.flush()
        self._ws, self._application_id = ws, application_id
        from careervp_desktop.domain.artifacts import CoverLetter

        self._target = (company or None, title or None)
        self._base = CoverLetter.model_validate(artifact.content)
        self._session = uuid.uuid4().hex  # a new editing session: the first save makes a new version
        self._loading = True
        try:
            self._editor.setPlainText(self._base.editable_text())
            match_text_direction(self._editor, self._base.editable_text())
        finally:
            self._loading = False
        self._pane.set_save_status("")
        self._check_in_background()

    def unload(self) -> None:
        self.flush()
        self._application_id = None
        self._base = None
        self._check_timer.stop()
        self._check_seq += 1
        self._checking_in_background = False

    def is_loaded(self) -> bool:
        return self._application_id is not None

    def is_dirty(self) -> bool:
        return self._dirty

    def is_saving(self) -> bool:
        return self._saved_seq < self._edit_seq

    def violations(self) -> list[Violation]:
        """The findings of the text as it is now (a check still waiting for its timer or the background runs
        first)."""
        if self._check_timer.isActive() or self._checking_in_background:
            self.check_now()
        return list(self._violations)

    def text(self) -> str:
        return self._editor.toPlainText()

    def current_letter(self) -> CoverLetter:
        from careervp_desktop.domain.artifacts import CoverLetter

        return CoverLetter.from_editable_text(self.text())

    def check_now(self) -> list[Violation]:
        """Check the text now (normally `CHECK_DELAY_MS` after typing stops); returns and shows the findings."""
        self._check_timer.stop()
        self._check_seq += 1
        self._checking_in_background = False
        sources = self._sources_of()()
        text = self.text()
        if sources is None or self._application_id is None:
            self._violations = []
        else:
            from careervp_desktop.analysis.fvs import check_text

            company, title = self._target
            self._violations = check_text(text, sources, target_company=company, target_title=title)
        self._pane.show_violations(self._violations, text)
        self.sig_checked.emit(self.violations())
        return self.violations()

    def flush(self) -> None:
        """Save pending edits now (queued on the database lane, so later work there sees them)."""
        self._save_timer.stop()
        if self._dirty:
            self._save()

    def _check_in_background(self) -> None:
        if self._application_id is None:
            return
        self._check_timer.stop()
        self._check_seq += 1
        self._checking_in_background = True
        company, title = self._target
        self._runner.run(
            "check-letter",
            partial(check_letter_work, self.text(), self._sources_of(), company, title, self._check_seq),
            lane=Lane.COMPUTE,
            on_success=self._on_checked_in_background,
            on_failure=self._on_background_check_failed,
        )

    @Slot(object)
    def _on_checked_in_background(self, result: tuple[int, str, list[Violation]]) -> None:
        seq, text, violations = result
        if seq != self._check_seq or text != self.text():
            return  # typed, checked or unloaded since: that check is the one that counts
        self._checking_in_background = False
        self._violations = violations
        self._pane.show_violations(violations, text)
        self.sig_checked.emit(list(violations))

    @Slot(object)
    def _on_background_check_failed(self, exc: BaseException) -> None:
        log.error("checking the cover letter failed: %s", type(exc).__name__)
        if self._checking_in_background:
            self.check_now()  # on the UI thread then: the letter must not stay unchecked

    # ------------------------------------------------------------------ saving
    def _save(self) -> None:
        if self._ws is None or self._application_id is None:
            self._dirty = False
            return
        if self._check_timer.isActive():
            self.check_now()
        from careervp_desktop.domain.artifacts import content_json

        letter = self.current_letter()
        self._dirty = False
        self._runner.run(
            "save-cover-letter",
            partial(
                save_edit_work,
                self._ws,
                self._application_id,
                ArtifactType.COVER_LETTER,
                content_json(ArtifactType.COVER_LETTER, letter),
                self._session,
                self.violations(),
                self._edit_seq,
            ),
            lane=Lane.DATABASE,
            on_success=self._on_saved,
            on_failure=self._on_save_failed,
        )

    @Slot(object)
    def _on_saved(self, result: tuple[int, Artifact]) -> None:
        seq, artifact = result
        self._saved_seq = max(self._saved_seq, seq)
        if seq == self._edit_seq and not self._dirty:
            self._pane.set_save_status(tr("Saved · version {version}").format(version=artifact.version), "ok")
        self.sig_saved.emit(artifact)

    @Slot(object)
    def _on_save_failed(self, exc: BaseException) -> None:
        log.error("saving the cover letter failed", exc_info=(type(exc), exc, exc.__traceback__))
        self._pane.set_save_status(tr("Not saved — retrying"), "error")
        self._dirty = True
        self._save_timer.start(RETRY_DELAY_MS)
        self.sig_save_failed.emit(exc)

    # ------------------------------------------------------------------ slots
    @Slot()
    def _on_text_changed(self) -> None:
        if self._loading or self._application_id is None:
            return
        self._dirty = True
        self._edit_seq += 1
        self._pane.set_save_status(tr("Saving…"), "busy")
        self._save_timer.start(SAVE_DELAY_MS)
        self._check_timer.start(CHECK_DELAY_MS)

    @Slot()
    def _on_check_timer(self) -> None:
        self.check_now()

    @Slot()
    def _on_save_timer(self) -> None:
        if self._dirty:
            self._save()
