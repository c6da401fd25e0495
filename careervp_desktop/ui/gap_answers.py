"""Answering the gap questions: one card per question (priority, the requirement, the question, why it is asked),
an answer box with a live character count, where the answer may be used, and Skip. Save stores the answers (they
become facts the writers may use and the fact check accepts); "Save and update documents" also rewrites the other
documents with them. Critical questions must be answered or skipped before the documents are updated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from careervp_desktop.ui.i18n import tr
from careervp_desktop.ui.style import set_tone

if TYPE_CHECKING:  # the domain's pydantic models load after the window's first paint: imported where used
    from careervp_desktop.domain.artifacts import GapCategory, GapDestination, GapPriority, GapQuestion
    from careervp_desktop.domain.records import GapAnswer


def priority_look(priority: GapPriority) -> tuple[str, str]:
    """(label, badge level: coloured by the theme's stylesheet, QLabel[badge=...])."""
    from careervp_desktop.domain.artifacts import GapPriority

    return {
        GapPriority.CRITICAL: (tr("Critical"), "critical"),
        GapPriority.IMPORTANT: (tr("Important"), "warning"),
        GapPriority.OPTIONAL: (tr("Optional"), "neutral"),
    }[priority]


def category_label(category: GapCategory) -> str:
    from careervp_desktop.domain.artifacts import GapCategory

    return {
        GapCategory.QUANTIFY: tr("Add numbers"),
        GapCategory.EXAMPLE: tr("Give an example"),
        GapCategory.CLARIFY: tr("Clarify"),
        GapCategory.FILL_GAP: tr("Not on your CV"),
    }.get(category, category.value)


def destinations() -> tuple[tuple[GapDestination, str], ...]:
    from careervp_desktop.domain.artifacts import GapDestination

    return (
        (GapDestination.CV_IMPACT, tr("Use in my documents")),
        (GapDestination.INTERVIEW_ONLY, tr("Interview only")),
    )


@dataclass(frozen=True)
class AnswerEntry:
    """What one card holds (the window turns it into `workflow.GapAnswerInput`)."""

    question_id: str
    answer: str
    destination: str
    skipped: bool


class GapAnswerCard(QFrame):
    """One question and its answer. A card is reused for the next question shown in its place (`show`): building
    and styling a card's dozen widgets costs ~10 ms on the UI thread, refilling one well under 1 ms."""

    sig_changed = Signal()

    def __init__(self, number: int, question: GapQuestion, stored: GapAnswer | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("card", True)  # a card of the theme (QFrame[card="true"])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(6)

        top = QHBoxLayout()
        self.badge = QLabel()
        self.badge.setObjectName("priorityBadge")
        top.addWidget(self.badge)
        self.kind = QLabel()
        set_tone(self.kind, "muted")
        top.addWidget(self.kind)
        top.addStretch(1)
        lay.addLayout(top)

        self.requirement = QLabel()
        self.requirement.setWordWrap(True)
        set_tone(self.requirement, "secondary")
        lay.addWidget(self.requirement)
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        self.question_label.setObjectName("questionText")
        self.question_label.setStyleSheet("font-weight: 600;")
        lay.addWidget(self.question_label)
        self.why = QLabel()
        self.why.setWordWrap(True)
        set_tone(self.why, "muted")
        lay.addWidget(self.why)

        self.answer_edit = QPlainTextEdit()
        self.answer_edit.setObjectName("answerEdit")
        self.answer_edit.setPlaceholderText(
            tr("Two or three sentences from your own experience: where, for how long, what you did, what changed.")
        )
        self.answer_edit.setFixedHeight(78)
        lay.addWidget(self.answer_edit)

        self.reused_note = QLabel(tr("Answered in an earlier application — check it still fits, then save."))
        self.reused_note.setObjectName("reusedNote")
        set_tone(self.reused_note, "accent")
        lay.addWidget(self.reused_note)

        bottom = QHBoxLayout()
        self.counter = QLabel()
        self.counter.setObjectName("answerCounter")
        bottom.addWidget(self.counter)
        bottom.addStretch(1)
        self.destination = QComboBox()
        self.destination.setObjectName("answerDestination")
        for value, text in destinations():
            self.destination.addItem(text, value.value)
        self.destination.setToolTip(
            tr(
                "Use in my documents: the answer is a fact the writers may use and the fact check "
                "accepts.\nInterview only: kept to prepare the interview, never written into a document."
            )
        )
        bottom.addWidget(self.destination)
        self.skip = QCheckBox(tr("Skip"))
        self.skip.setObjectName("answerSkip")
        self.skip.setToolTip(tr("You have nothing to add here: the question stops asking."))
        bottom.addWidget(self.skip)
        lay.addLayout(bottom)
        self.question = question
        self.show_question(number, question, stored)
        self.answer_edit.textChanged.connect(self._on_changed)
        self.destination.currentIndexChanged.connect(self._on_changed)
        self.skip.toggled.connect(self._on_changed)

    def show_question(self, number: int, question: GapQuestion, stored: GapAnswer | None) -> None:
        """Fill the card with `question` (the `number`-th) and its stored answer, without signalling a change."""
        self.question = question
        self.setObjectName(f"gapCard_{question.id}")
        label, level = priority_look(question.priority)
        self.badge.setText(label)
        if self.badge.property("badge") != level:
            self.badge.setProperty("badge", level)
            self.badge.style().unpolish(self.badge)
            self.badge.style().polish(self.badge)
        self.kind.setText(
            tr("{category} · gap score {score:.2f}").format(
                category=category_label(question.category), score=question.score
            )
        )
        self.requirement.setText(
            tr("{number}. The job asks: “{requirement}”").format(
                number=number, requirement=question.requirement.strip()
            )
        )
        self.question_label.setText(question.question)
        self.why.setText(question.why)
        self.why.setVisible(bool(question.why.strip()))
        # what is stored wins; else an answer the writer carried over or an earlier application's
        answer = stored.answer if stored is not None else (question.answer or "")
        destination = stored.destination.value if stored is not None else question.destination.value
        blocked = [w.blockSignals(True) for w in (self.answer_edit, self.destination, self.skip)]
        try:
            self.answer_edit.setPlainText(answer)
            self.destination.setCurrentIndex(max(0, self.destination.findData(destination)))
            self.skip.setChecked(stored is not None and not stored.answer.strip())
        finally:
            for w, was in zip((self.answer_edit, self.destination, self.skip), blocked, strict=True):
                w.blockSignals(was)
        self.reused_note.setVisible(stored is None and question.reused and bool(answer.strip()))
        self.answer_edit.setEnabled(not self.skip.isChecked())
        self.destination.setEnabled(not self.skip.isChecked())
        self._show_count()

    def entry(self) -> AnswerEntry:
        return AnswerEntry(
            self.question.id,
            self.answer_edit.toPlainText().strip(),
            str(self.destination.currentData()),
            self.skip.isChecked(),
        )

    def problem(self) -> str | None:
        from careervp_desktop.analysis.gaps import answer_problem

        e = self.entry()
        return answer_problem(e.answer, skipped=e.skipped)

    def is_open(self) -> bool:
        """A critical question neither answered nor skipped."""
        from careervp_desktop.domain.artifacts import GapPriority

        e = self.entry()
        return self.question.priority is GapPriority.CRITICAL and not e.skipped and not e.answer

    @Slot()
    def _on_changed(self) -> None:
        self.answer_edit.setEnabled(not self.skip.isChecked())
        self.destination.setEnabled(not self.skip.isChecked())
        self._show_count()
        self.sig_changed.emit()

    def _show_count(self) -> None:
        from careervp_desktop.analysis.gaps import ANSWER_MAX_CHARS, ANSWER_MIN_CHARS

        n = len(self.answer_edit.toPlainText().strip())
        bad = not self.skip.isChecked() and n > 0 and not (ANSWER_MIN_CHARS <= n <= ANSWER_MAX_CHARS)
        self.counter.setText(
            tr("{n} / {max} characters (at least {min})").format(n=n, max=ANSWER_MAX_CHARS, min=ANSWER_MIN_CHARS)
            if bad
            else tr("{n} / {max} characters").format(n=n, max=ANSWER_MAX_CHARS)
        )
        set_tone(self.counter, "error" if bad else "muted")


class GapAnswersView(QWidget):
    """Signals: `sig_save_requested(list[AnswerEntry], bool)`: store these answers (True: then update the other
    documents with them). `sig_edited()`: the user changed something (for autosave)."""

    sig_save_requested = Signal(list, bool)
    sig_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gapAnswers")
        self.cards: list[GapAnswerCard] = []
        self._dirty = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        intro = QLabel(
            tr(
                "Tell CareerVP what your CV does not show yet. Answers marked “Use in my documents” become "
                "facts the writers may use and the fact check accepts — in this application and the next "
                "ones."
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("padding: 0 4px;")
        set_tone(intro, "secondary")
        lay.addWidget(intro)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._holder = QWidget()
        self._list = QVBoxLayout(self._holder)
        self._list.setContentsMargins(4, 4, 4, 4)
        self._list.setSpacing(10)
        self.scroll.setWidget(self._holder)
        lay.addWidget(self.scroll, 1)
        footer = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("gapAnswersStatus")
        self.status.setWordWrap(True)
        footer.addWidget(self.status, 1)
        self.save_button = QPushButton(tr("Save answers"))
        self.save_button.setObjectName("saveAnswersButton")
        self.update_button = QPushButton(tr("Save and update documents"))
        self.update_button.setObjectName("updateDocumentsButton")
        self.update_button.setProperty("primary", True)
        self.update_button.setToolTip(
            tr("Rewrites the value proposition, CV, letter and interview prep with your answers")
        )
        footer.addWidget(self.save_button)
        footer.addWidget(self.update_button)
        lay.addLayout(footer)
        self.save_button.clicked.connect(lambda: self._request(update=False))
        self.update_button.clicked.connect(lambda: self._request(update=True))
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)
        self._refresh_timer.timeout.connect(self._show_state)

    def load(self, pairs: list[tuple[GapQuestion, GapAnswer | None]]) -> None:
        """Show these questions with their stored answers; the cards already made are refilled, not rebuilt."""
        for card, (n, (question, stored)) in zip(self.cards, enumerate(pairs, start=1), strict=False):
            card.show_question(n, question, stored)
        for card in self.cards[len(pairs) :]:
            self._list.removeWidget(card)
            card.setParent(None)
            card.deleteLater()
        del self.cards[len(pairs) :]
        for n, (question, stored) in enumerate(pairs[len(self.cards) :], start=len(self.cards) + 1):
            card = GapAnswerCard(n, question, stored)
            card.sig_changed.connect(self._on_card_changed)
            self.cards.append(card)
            self._list.insertWidget(len(self.cards) - 1, card)  # before the stretch at the end
        if self._list.count() == len(self.cards):
            self._list.addStretch(1)
        self._dirty = False
        self._show_state()

    def entries(self) -> list[AnswerEntry]:
        return [c.entry() for c in self.cards]

    def is_dirty(self) -> bool:
        return self._dirty

    def mark_saved(self, message: str) -> None:
        self._dirty = False
        self.status.setText(message)
        set_tone(self.status, "success")

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.update_button.setEnabled(not busy)

    def problems(self, *, for_update: bool) -> list[str]:
        out = [
            tr("Question {n}: {problem}").format(n=n, problem=p)
            for n, c in enumerate(self.cards, start=1)
            if (p := c.problem())
        ]
        if for_update:
            open_ = [str(n) for n, c in enumerate(self.cards, start=1) if c.is_open()]
            if open_:
                out.append(
                    tr("Critical questions {numbers}: answer or skip them before updating the documents.").format(
                        numbers=", ".join(open_)
                    )
                    if len(open_) > 1
                    else tr("Critical question {number}: answer or skip it before updating the documents.").format(
                        number=open_[0]
                    )
                )
        return out

    def _request(self, *, update: bool) -> None:
        problems = self.problems(for_update=update)
        if problems:
            self.status.setText(" ".join(problems[:2]))
            set_tone(self.status, "error")
            return
        self.sig_save_requested.emit(self.entries(), update)

    @Slot()
    def _on_card_changed(self) -> None:
        self._dirty = True
        self._refresh_timer.start()
        self.sig_edited.emit()

    @Slot()
    def _show_state(self) -> None:
        answered = sum(1 for c in self.cards if c.entry().answer and not c.entry().skipped)
        skipped = sum(1 for c in self.cards if c.entry().skipped)
        open_ = sum(1 for c in self.cards if c.is_open())
        parts = [tr("{answered} of {total} answered").format(answered=answered, total=len(self.cards))]
        if skipped:
            parts.append(tr("{n} skipped").format(n=skipped))
        if open_:
            parts.append(tr("{n} critical still open").format(n=open_))
        if self._dirty:
            parts.append(tr("not saved yet"))
        self.status.setText(" · ".join(parts) + ".")
        set_tone(self.status, "error" if open_ else "secondary")
