"""Your own answers to the interview questions, under the prep (Interview prep tab).

Pick a question, write the answer in your own words, and "Polish into STAR" rearranges *your* sentences into
situation / task / action / result (`analysis.polish`: nothing is added; what is missing is named). The answer is
fact-checked as you type (like the letter) and autosaved as an edited version of the interview prep, one version
per editing session.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careervp_desktop.domain.enums import ArtifactType
from careervp_desktop.ui.background import BackgroundRunner, Lane
from careervp_desktop.ui.document_editor import (
    CHECK_DELAY_MS,
    RETRY_DELAY_MS,
    SAVE_DELAY_MS,
    save_edit_work,
    single_shot_timer,
)
from careervp_desktop.ui.i18n import own_direction, tr, tr_finding
from careervp_desktop.ui.views import match_text_direction

if TYPE_CHECKING:  # the domain's pydantic models load after the window's first paint: imported where used
    from careervp_desktop.analysis.fvs import FactSources
    from careervp_desktop.domain.artifacts import InterviewPrep
    from careervp_desktop.domain.models import Artifact, Violation
    from careervp_desktop.workflow import Workspace

log = logging.getLogger(__name__)

MAX_ANSWER_CHARS = 3_000  # about three minutes spoken: longer is not an interview answer


class InterviewAnswersView(QFrame):
    """The panel: question picker, answer box, Polish button, and a line for what the checks found."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interviewAnswers")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(6)
        top = QHBoxLayout()
        title = QLabel("<b>" + tr("Your answers") + "</b>")
        self.picker = QComboBox()
        self.picker.setObjectName("interviewQuestionPicker")
        self.picker.setAccessibleName(tr("Question to answer"))
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setMinimumContentsLength(30)
        self.save_status = QLabel()
        self.save_status.setObjectName("interviewAnswerSaveStatus")
        top.addWidget(title)
        top.addWidget(self.picker, 1)
        top.addWidget(self.save_status)
        layout.addLayout(top)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("interviewAnswerEdit")
        self.editor.setAccessibleName(tr("Your answer"))
        self.editor.setPlaceholderText(
            tr(
                "Answer in your own words, as you would say it. Then press Polish into STAR to put your "
                "sentences in order — nothing is added."
            )
        )
        self.editor.setMinimumHeight(90)
        layout.addWidget(self.editor, 1)
        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("interviewAnswerStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.polish_button = QPushButton(tr("Polish into STAR"))
        self.polish_button.setObjectName("polishAnswerButton")
        self.polish_button.setToolTip(
            tr("Rearrange your sentences into situation, task, action, result. Nothing is added; Ctrl+Z undoes it.")
        )
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.polish_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(bottom)
        self.setEnabled(False)


class InterviewAnswersController(QObject):
    """Drives the panel. `sig_saved(Artifact)`: the interview-prep version the answers were saved in."""

    sig_saved = Signal(object)

    def __init__(
        self,
        view: InterviewAnswersView,
        runner: BackgroundRunner,
        sources: Callable[[], FactSources | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self._runner = runner
        self._sources = sources
        self._ws: Workspace | None = None
        self._application_id: int | None = None
        self._target: tuple[str | None, str | None] = (None, None)
        self._prep: InterviewPrep | None = None
        self._session = ""
        self._current = -1
        self._loading = False
        self._dirty = False
        self._edit_seq = 0
        self._saved_seq = 0
        self._advice = ""
        self._save_timer = single_shot_timer(self, self._on_save_timer)
        self._check_timer = single_shot_timer(self, self.check_now)
        view.picker.currentIndexChanged.connect(self._on_question_picked)
        view.editor.textChanged.connect(self._on_text_changed)
        view.polish_button.clicked.connect(self.polish)

    # ------------------------------------------------------------------ API
    def load(
        self, ws: Workspace, application_id: int, artifact: Artifact, *, company: str | None, title: str | None
    ) -> None:
        """Show the questions of `artifact` (an interview-prep version); pending answers are saved first."""
        self.flush()
        self._ws, self._application_id = ws, application_id
        from careervp_desktop.domain.artifacts import InterviewPrep

        self._target = (company or None, title or None)
        self._prep = InterviewPrep.model_validate(artifact.content)
        self._session = uuid.uuid4().hex
        self._loading = True
        try:
            self.view.picker.clear()
            for n, q in enumerate(self._prep.questions, start=1):
                mark = "✓ " if q.user_answer.strip() else ""
                self.view.picker.addItem(f"{mark}{n}. {own_direction(q.question)}")
            self._current = 0 if self._prep.questions else -1
            self.view.picker.setCurrentIndex(self._current)
            self._show_answer()
        finally:
            self._loading = False
        self.view.save_status.setText("")
        self.view.setEnabled(bool(self._prep.questions))

    def unload(self) -> None:
        self.flush()
        self._application_id = None
        self._prep = None
        self._current = -1
        self._loading = True
        try:
            self.view.picker.clear()
            self.view.editor.clear()
        finally:
            self._loading = False
        self.view.status.clear()
        self.view.setEnabled(False)

    def is_loaded(self) -> bool:
        return self._application_id is not None

    def is_saving(self) -> bool:
        return self._dirty or self._saved_seq < self._edit_seq

    def answers(self) -> list[str]:
        """The answer to each question, as typed so far."""
        return [q.user_answer for q in self._prep.questions] if self._prep is not None else []

    def pick(self, index: int) -> None:
        self.view.picker.setCurrentIndex(index)

    def polish(self) -> None:
        """Rearrange the current answer into STAR (undoable) and say what it lacks."""
        from careervp_desktop.analysis.polish import polish_answer

        text = self.view.editor.toPlainText()
        if not text.strip():
            self.view.status.setText(tr("Write your answer first; the polish only rearranges your own sentences."))
            return
        polished = polish_answer(text)
        cursor = self.view.editor.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(polished.text())
        cursor.endEditBlock()
        self._advice = tr_finding(polished.advice()) or tr(
            "All four parts are there. Nothing was added to what you wrote."
        )
        self.check_now()

    def check_now(self) -> list[Violation]:
        """Fact-check the current answer (normally shortly after typing stops) and say what was found."""
        from careervp_desktop.analysis.fvs import check_text

        self._check_timer.stop()
        text = self.view.editor.toPlainText()
        # an empty answer needs no fact sources (building them cold took ~20 ms of the turn that shows the pane)
        sources = self._sources() if text.strip() else None
        violations: list[Violation] = []
        if sources is not None:
            company, title = self._target
            violations = check_text(text, sources, target_company=company, target_title=title)
        lines = []
        if len(text) > MAX_ANSWER_CHARS:
            lines.append(
                tr("Too long to say in an interview: {n:,} of {max:,} characters.").format(
                    n=len(text), max=MAX_ANSWER_CHARS
                )
            )
        if violations:
            first = violations[0]
            if len(violations) > 1:
                lines.append(
                    tr("Not in your CV or answers: “{text}” — {message} (and {n} more)").format(
                        text=first.text, message=tr_finding(first.message), n=len(violations) - 1
                    )
                )
            else:
                lines.append(
                    tr("Not in your CV or answers: “{text}” — {message}").format(
                        text=first.text, message=tr_finding(first.message)
                    )
                )
        if self._advice:
            lines.append(self._advice)
        self.view.status.setText("\n".join(lines))
        return violations

    def flush(self) -> None:
        self._save_timer.stop()
        if self._dirty:
            self._save()

    # ------------------------------------------------------------------ internals
    def _show_answer(self) -> None:
        answer = question = ""
        if self._prep is not None and 0 <= self._current < len(self._prep.questions):
            answer = self._prep.questions[self._current].user_answer
            question = self._prep.questions[self._current].question
        self._loading = True
        try:
            self.view.editor.setPlainText(answer)
            match_text_direction(self.view.editor, answer or question)  # a Hebrew question: answered in Hebrew
        finally:
            self._loading = False
        self._advice = ""
        self.check_now()

    def _save(self) -> None:
        if self._ws is None or self._application_id is None or self._prep is None:
            self._dirty = False
            return
        from careervp_desktop.analysis.fvs import check_artifact
        from careervp_desktop.domain.artifacts import content_json

        sources = self._sources()
        company, title = self._target
        violations = (
            check_artifact(ArtifactType.INTERVIEW_PREP, self._prep, sources, target_company=company, target_title=title)
            if sources is not None
            else []
        )
        self._dirty = False
        self._runner.run(
            "save-interview-answers",
            partial(
                save_edit_work,
                self._ws,
                self._application_id,
                ArtifactType.INTERVIEW_PREP,
                content_json(ArtifactType.INTERVIEW_PREP, self._prep),
                self._session,
                violations,
                self._edit_seq,
            ),
            lane=Lane.DATABASE,
            on_success=self._on_saved,
            on_failure=self._on_save_failed,
        )

    @Slot(int)
    def _on_question_picked(self, index: int) -> None:
        if self._loading or index == self._current:
            return
        self.flush()
        self._current = index
        self._show_answer()

    @Slot()
    def _on_text_changed(self) -> None:
        if self._loading or self._prep is None or not 0 <= self._current < len(self._prep.questions):
            return
        text = self.view.editor.toPlainText()
        if text.strip():
            match_text_direction(self.view.editor, text)
        question = self._prep.questions[self._current]
        self._prep.questions[self._current] = question.model_copy(update={"user_answer": text.strip()})
        mark = "✓ " if text.strip() else ""
        self.view.picker.setItemText(self._current, f"{mark}{self._current + 1}. {own_direction(question.question)}")
        self._dirty = True
        self._edit_seq += 1
        self.view.save_status.setText(tr("Saving…"))
        self._save_timer.start(SAVE_DELAY_MS)
        self._check_timer.start(CHECK_DELAY_MS)

    @Slot()
    def _on_save_timer(self) -> None:
        if self._dirty:
            self._save()

    @Slot(object)
    def _on_saved(self, result: tuple[int, Artifact]) -> None:
        seq, artifact = result
        self._saved_seq = max(self._saved_seq, seq)
        if seq == self._edit_seq and not self._dirty:
            self.view.save_status.setText(tr("Saved · version {version}").format(version=artifact.version))
        self.sig_saved.emit(artifact)

    @Slot(object)
    def _on_save_failed(self, exc: BaseException) -> None:
        log.error("saving interview answers failed", exc_info=(type(exc), exc, exc.__traceback__))
        self.view.save_status.setText(tr("Not saved — retrying"))
        self._dirty = True
        self._save_timer.start(RETRY_DELAY_MS)
