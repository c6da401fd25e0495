"""The master-CV editor's controller: fills `CvEditorView` from a `MasterCV`, reads it back, flags what was not
found, checks dates, and saves — debounced, on the database lane.

Saving: every user edit marks the CV dirty and (re)starts a single-shot timer (`SAVE_DELAY_MS`). When it fires,
the CV is read from the widgets and `Library.update_master_cv` runs on `Lane.DATABASE` (one thread: saves are
written in the order they were made, and a generation queued after a flush reads the saved CV). `flush()` saves at
once if dirty; the window calls it when the user switches tab or application, before an import or a generation, and
on close — where it then waits for the lane, so no edit is lost.

Cards are built once per loaded CV; typing never rebuilds anything: an edit re-checks only its own card.
"""

from __future__ import annotations

import json
import logging
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QTextEdit, QWidget

from careervp_desktop.ui.background import BackgroundRunner, Lane, TaskContext
from careervp_desktop.ui.cv_fields import (
    REQUIRED_CONTACT,
    DateError,
    education_name,
    entry_field_label,
    experience_name,
    field_label,
    missing_summary,
    parse_cv_date,
    split_lines,
    split_list,
)
from careervp_desktop.ui.cv_views import (
    CertificationRowView,
    EducationCardView,
    ExperienceCardView,
    missing_placeholder,
    set_flag,
)
from careervp_desktop.ui.i18n import tr
from careervp_desktop.ui.views import CvPaneView

if TYPE_CHECKING:  # the domain's pydantic models load after the window's first paint: imported where used
    from careervp_desktop.domain.models import Certification, EducationEntry, ExperienceEntry, MasterCV
    from careervp_desktop.workflow import Workspace

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 600  # after the last keystroke; with the write itself, an edit is on disk well within a second
RETRY_DELAY_MS = 5_000
# A card costs ~2.5–4 ms to build and as much again to polish, lay out and paint in the same turn (measured, 5-page
# CV): 6 cards at once made a 37 ms stall on import; the turn that shows a CV also shows the editor page for the
# first time (~7 ms), so it builds 2. 8 ms of cards per later turn made 22 ms gaps.
CARDS_AT_ONCE = 3  # a CV with up to this many cards is shown in one go; a longer one starts with FIRST_CARDS
FIRST_CARDS = 2  # the first screen of the CV pane: contact, summary and the first cards
TURN_BUDGET_S = 0.005  # then cards are built for at most this long per event-loop turn
if TYPE_CHECKING:
    _Entry = ExperienceEntry | EducationEntry | Certification


def _save_master_cv_work(ws: Workspace, cv_id: int, cv: MasterCV, seq: int, ctx: TaskContext) -> int:
    ws.library.update_master_cv(cv_id, cv)
    return seq


@cache
def skill_suggestions() -> list[str]:
    """Skill names from the bundled vocabulary (for the Skills completer); empty if it cannot be read."""
    from careervp_desktop.resources import resource_path

    try:
        data = json.loads(resource_path("analysis", "skills.json").read_text(encoding="utf-8"))
        return sorted({str(s["name"]) for s in data.get("skills", []) if s.get("name")}, key=str.casefold)
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        log.info("skill vocabulary unavailable for suggestions")
        return []


@dataclass
class _DateState:
    """A date field's last valid value (what is saved while the text is invalid)."""

    value: str | None
    allow_present: bool
    caption: str


@dataclass
class _CardState:
    imported: bool  # came from the file (or the library): empty required fields are flagged
    original: ExperienceEntry | EducationEntry | None = None
    dates: dict[QLineEdit, _DateState] = field(default_factory=dict)


def _text(widget: QLineEdit | QTextEdit) -> str | None:
    value = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
    value = value.strip()
    return value or None


def _has_content(entry: ExperienceEntry | EducationEntry | Certification) -> bool:
    return any(v for k, v in entry.model_dump().items() if k != "dates_raw")


def _set_missing(widget: QLineEdit | QTextEdit, missing: bool) -> None:
    if bool(widget.property("missing")) == missing:
        return
    set_flag(widget, "missing", missing)
    normal = str(widget.property("placeholderNormal") or "")
    flagged = str(widget.property("missingPlaceholder") or missing_placeholder())
    widget.setPlaceholderText(flagged if missing else normal)
    widget.setToolTip(missing_placeholder() if missing else str(widget.property("normalToolTip") or ""))


class CvEditorController(QObject):
    """Maps a `MasterCV` ⇄ the CV pane's editor; flags missing fields; autosaves. Lives on the UI thread.

    Signals:
    - `sig_saved(int, object)`: (master CV id, the `MasterCV` just written).
    - `sig_save_failed(object)`: the exception of a failed save (the controller retries by itself).
    """

    sig_saved = Signal(int, object)
    sig_save_failed = Signal(object)

    def __init__(self, pane: CvPaneView, runner: BackgroundRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pane = pane
        self._view = pane.editor
        self._runner = runner
        self._ws: Workspace | None = None
        self._cv_id: int | None = None
        self._base: MasterCV | None = None  # None: an empty MasterCV()
        self._loading = False
        self._dirty = False
        self._cv_cache: MasterCV | None = None  # `current_cv` while nothing was edited since it was read
        self._edit_seq = 0
        self._saved_seq = 0
        self._exp_cards: list[ExperienceCardView] = []
        self._edu_cards: list[EducationCardView] = []
        self._cert_rows: list[CertificationRowView] = []
        self._cards: dict[QWidget, _CardState] = {}
        self._contact_missing: set[str] = set()
        self._flags: dict[QWidget, list[str]] = {}  # card → labels of its missing fields
        self._removed: tuple[int, ExperienceEntry | EducationEntry | Certification] | None = None
        self._pending_cv: tuple[int, MasterCV] | None = None
        self._pending_cards: deque[_Entry] = deque()  # the entries of a long CV whose cards are not built yet
        self._more_cards_timer = QTimer(self)
        self._more_cards_timer.setSingleShot(True)
        self._more_cards_timer.setInterval(0)
        self._more_cards_timer.timeout.connect(self._on_more_cards)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self._on_save_timer)
        view = self._view
        view.contact.sig_edited.connect(self._on_contact_edited)
        view.summary_edit.textChanged.connect(self._on_plain_edited)
        view.skills_edit.textChanged.connect(self._on_plain_edited)  # textChanged: a completion is an edit too
        view.languages_edit.textChanged.connect(self._on_plain_edited)
        view.experience.sig_add_requested.connect(self._on_add_experience)
        view.education.sig_add_requested.connect(self._on_add_education)
        view.certifications.sig_add_requested.connect(self._on_add_certification)
        pane.missing_banner.sig_show_requested.connect(self._on_show_missing)
        pane.undo_bar.sig_undo_requested.connect(self._on_undo)
        view.skills_completer.set_words(skill_suggestions())

    # ------------------------------------------------------------------ public
    def cv_id(self) -> int | None:
        return self._cv_id

    def is_dirty(self) -> bool:
        return self._dirty

    def is_saving(self) -> bool:
        return self._saved_seq < self._edit_seq

    def load(self, ws: Workspace, cv_id: int, cv: MasterCV) -> None:
        """Show `cv` (stored as `cv_id`) for editing. Any unsaved edit of the previous CV is saved first."""
        self.flush()
        self._ws, self._cv_id, self._base = ws, cv_id, cv
        self._cv_cache = None
        self._loading = True
        view = self._view
        view.setUpdatesEnabled(False)
        try:
            self._clear()
            c = view.contact
            info = cv.contact_info
            for edit, value in (
                (c.full_name_edit, cv.full_name),
                (c.email_edit, info.email),
                (c.phone_edit, info.phone),
                (c.location_edit, info.location),
                (c.linkedin_edit, info.linkedin),
                (c.website_edit, info.website),
            ):
                edit.setText(value or "")
            view.summary_edit.set_text(cv.professional_summary or "")
            view.skills_edit.setText(", ".join(cv.skills))
            view.languages_edit.setText(", ".join(cv.languages))
            self._refresh_contact_flags()
            entries: list[_Entry] = [*cv.experience, *cv.education, *cv.certifications]
            # A long CV's cards are built over a few event-loop turns (≈3.5 ms each on the UI thread: 16 roles
            # froze the window for 60 ms); what the window shows first is built at once.
            first = len(entries) if len(entries) <= CARDS_AT_ONCE else FIRST_CARDS
            self._pending_cards = deque(entries[first:])
            self._build_cards(entries[:first])
        finally:
            self._loading = False
            view.setUpdatesEnabled(True)
        self._pane.undo_bar.hide()
        self._pane.show_save_status(tr("Saved") if cv_id else "")
        view.scroll.verticalScrollBar().setValue(0)
        if self._pending_cards:
            self._more_cards_timer.start()
        else:
            self._update_banner()

    def is_loading(self) -> bool:
        """True while the cards of a long CV are still being built (see `load`)."""
        return bool(self._pending_cards)

    def _build_cards(self, entries: Iterable[_Entry]) -> None:
        """Add a card for each entry at the end of its section, and check what was made (dates, fields not
        found)."""
        from careervp_desktop.domain.models import EducationEntry, ExperienceEntry

        made: list[QWidget] = []
        for entry in entries:
            if isinstance(entry, ExperienceEntry):
                made.append(self._add_experience_card(entry, len(self._exp_cards), imported=True))
            elif isinstance(entry, EducationEntry):
                made.append(self._add_education_card(entry, len(self._edu_cards), imported=True))
            else:
                made.append(self._add_certification_row(entry, len(self._cert_rows)))
        self._renumber()
        for card in made:
            self._check_card(card)

    @Slot()
    def _on_more_cards(self) -> None:
        # as many as fit in a few milliseconds: fewer when a worker thread competes for the GIL
        self._build_pending(time.perf_counter() + TURN_BUDGET_S)
        if self._pending_cards:
            self._more_cards_timer.start()

    def _finish_loading(self) -> None:
        """Build the cards still waiting now: anything that reads or rearranges the cards needs all of them."""
        self._more_cards_timer.stop()
        self._build_pending(None)

    def _build_pending(self, deadline: float | None) -> None:
        """Build waiting cards until `deadline` (perf_counter; at least one) or, with None, all of them; the
        banner is updated once the last is built."""
        if not self._pending_cards:
            return
        self._loading = True
        self._cv_cache = None
        self._view.setUpdatesEnabled(False)
        try:
            while self._pending_cards:
                self._build_cards([self._pending_cards.popleft()])
                if deadline is not None and time.perf_counter() >= deadline:
                    break
        finally:
            self._loading = False
            self._view.setUpdatesEnabled(True)
        if not self._pending_cards:
            self._update_banner()

    def unload(self) -> None:
        self.flush()
        self._cv_id = None
        self._clear()

    def current_cv(self) -> MasterCV:
        """The CV as the widgets show it (invalid dates keep their last valid value; empty cards are left out).
        Entries whose cards are not built yet are as loaded: nobody can have edited them. Read from the widgets
        once per edit (a long CV takes ~10 ms; the window asks after every generation and application switch)."""
        if self._cv_cache is None:
            self._cv_cache = self._read_cv()
        return self._cv_cache

    def _read_cv(self) -> MasterCV:
        from careervp_desktop.domain.models import Certification, ContactInfo, EducationEntry, ExperienceEntry, MasterCV

        view = self._view
        c = view.contact
        pending = list(self._pending_cards)
        experience = [e for e in map(self._experience_entry, self._exp_cards) if _has_content(e)]
        experience += [e for e in pending if isinstance(e, ExperienceEntry)]
        education = [e for e in map(self._education_entry, self._edu_cards) if _has_content(e)]
        education += [e for e in pending if isinstance(e, EducationEntry)]
        certifications = [e for e in map(self._certification, self._cert_rows) if _has_content(e)]
        certifications += [e for e in pending if isinstance(e, Certification)]
        base = self._base if self._base is not None else MasterCV()
        return base.model_copy(
            update={
                "full_name": _text(c.full_name_edit),
                "contact_info": ContactInfo(
                    email=_text(c.email_edit),
                    phone=_text(c.phone_edit),
                    location=_text(c.location_edit),
                    linkedin=_text(c.linkedin_edit),
                    website=_text(c.website_edit),
                ),
                "professional_summary": _text(view.summary_edit),
                "experience": experience,
                "education": education,
                "skills": split_list(view.skills_edit.text()),
                "certifications": certifications,
                "languages": split_list(view.languages_edit.text()),
            }
        )

    def _experience_entry(self, card: ExperienceCardView) -> ExperienceEntry:
        from careervp_desktop.domain.models import ExperienceEntry

        start, end = self._date_values(card)
        return ExperienceEntry(
            company=_text(card.company_edit),
            role=_text(card.role_edit),
            location=_text(card.location_edit),
            start_date=start,
            end_date=end,
            dates_raw=self._dates_raw(self._cards[card], start, end),
            achievements=split_lines(card.bullets_edit.toPlainText()),
        )

    def _education_entry(self, card: EducationCardView) -> EducationEntry:
        from careervp_desktop.domain.models import EducationEntry

        start, end = self._date_values(card)
        return EducationEntry(
            institution=_text(card.institution_edit),
            degree=_text(card.degree_edit),
            field_of_study=_text(card.field_edit),
            start_date=start,
            end_date=end,
            dates_raw=self._dates_raw(self._cards[card], start, end),
        )

    def _certification(self, row: CertificationRowView) -> Certification:
        from careervp_desktop.domain.models import Certification

        (date,) = self._date_values(row)
        return Certification(name=_text(row.name_edit) or "", issuer=_text(row.issuer_edit), date=date)

    def missing_labels(self) -> list[str]:
        """What the banner lists, in page order."""
        self._finish_loading()
        labels = [field_label(key) for key in REQUIRED_CONTACT if key in self._contact_missing]
        for card in self._exp_cards + self._edu_cards:
            labels += self._flags.get(card, [])
        return labels

    def flush(self) -> None:
        """Save now if anything is unsaved (queued on the database lane)."""
        self._timer.stop()
        if self._dirty:
            self._save()

    # ------------------------------------------------------------------ building
    def _clear(self) -> None:
        self._cv_cache = None
        self._timer.stop()
        self._more_cards_timer.stop()
        self._pending_cards.clear()
        self._view.experience.clear()
        self._view.education.clear()
        self._view.clear_certifications()
        self._exp_cards.clear()
        self._edu_cards.clear()
        self._cert_rows.clear()
        self._cards.clear()
        self._flags.clear()
        self._removed = None

    def _add_experience_card(self, exp: ExperienceEntry, index: int, *, imported: bool) -> ExperienceCardView:
        card = ExperienceCardView()
        state = _CardState(imported=imported, original=exp)
        state.dates[card.start_edit] = _DateState(exp.start_date, False, tr("Start"))
        state.dates[card.end_edit] = _DateState(exp.end_date, True, tr("End"))
        self._cards[card] = state
        card.role_edit.setText(exp.role or "")
        card.company_edit.setText(exp.company or "")
        card.location_edit.setText(exp.location or "")
        card.start_edit.setText(exp.start_date or "")
        present = exp.end_date == "present"
        card.present_check.setChecked(present)
        card.end_edit.setText("" if present else exp.end_date or "")
        card.end_edit.setEnabled(not present)
        if present:
            card.end_edit.setPlaceholderText(tr("present"))
        card.bullets_edit.set_text("\n".join(exp.achievements))
        card.sig_edited.connect(self._on_card_edited)
        card.sig_move_requested.connect(self._on_move_requested)
        card.sig_remove_requested.connect(self._on_remove_requested)
        card.present_check.toggled.connect(self._on_present_toggled)
        card.start_edit.editingFinished.connect(self._on_date_finished)
        card.end_edit.editingFinished.connect(self._on_date_finished)
        self._exp_cards.insert(index, card)
        self._view.experience.insert_card(card, index)
        return card

    def _add_education_card(self, edu: EducationEntry, index: int, *, imported: bool) -> EducationCardView:
        card = EducationCardView()
        state = _CardState(imported=imported, original=edu)
        state.dates[card.start_edit] = _DateState(edu.start_date, False, tr("Start"))
        state.dates[card.end_edit] = _DateState(edu.end_date, True, tr("End"))
        self._cards[card] = state
        card.institution_edit.setText(edu.institution or "")
        card.degree_edit.setText(edu.degree or "")
        card.field_edit.setText(edu.field_of_study or "")
        card.start_edit.setText(edu.start_date or "")
        card.end_edit.setText(edu.end_date or "")
        card.sig_edited.connect(self._on_card_edited)
        card.sig_move_requested.connect(self._on_move_requested)
        card.sig_remove_requested.connect(self._on_remove_requested)
        card.start_edit.editingFinished.connect(self._on_date_finished)
        card.end_edit.editingFinished.connect(self._on_date_finished)
        self._edu_cards.insert(index, card)
        self._view.education.insert_card(card, index)
        return card

    def _add_certification_row(self, cert: Certification, index: int) -> CertificationRowView:
        row = CertificationRowView()
        state = _CardState(imported=True)
        state.dates[row.date_edit] = _DateState(cert.date, False, tr("Date"))
        self._cards[row] = state
        row.name_edit.setText(cert.name)
        row.issuer_edit.setText(cert.issuer or "")
        row.date_edit.setText(cert.date or "")
        row.sig_edited.connect(self._on_card_edited)
        row.sig_remove_requested.connect(self._on_remove_requested)
        row.date_edit.editingFinished.connect(self._on_date_finished)
        self._cert_rows.insert(index, row)
        self._view.insert_certification(row, index)
        return row

    def _renumber(self) -> None:
        for cards, template in (
            (self._exp_cards, tr("Role {index} of {n}")),
            (self._edu_cards, tr("Education {index} of {n}")),
        ):
            n = len(cards)
            for i, card in enumerate(cards):
                card.set_position(i, n, template.format(index=i + 1, n=n))

    # ------------------------------------------------------------------ checks
    def _date_values(self, card: QWidget) -> list[str | None]:
        return [s.value for s in self._cards[card].dates.values()]

    @staticmethod
    def _dates_raw(state: _CardState, start: str | None, end: str | None) -> str | None:
        """Keep the text the parser saw only while the dates are still the ones it read from it."""
        original = state.original
        if original is None or (original.start_date, original.end_date) != (start, end):
            return None
        return original.dates_raw

    def _check_dates(self, card: QWidget) -> None:
        state = self._cards[card]
        errors = []
        for edit, date in state.dates.items():
            if not edit.isEnabled():  # "present" is ticked
                set_flag(edit, "invalid", False)
                continue
            try:
                date.value = parse_cv_date(edit.text(), allow_present=date.allow_present)
                set_flag(edit, "invalid", False)
            except DateError as exc:
                set_flag(edit, "invalid", True)
                errors.append(
                    tr("{field}: {problem} Not saved until it is fixed.").format(field=date.caption, problem=exc)
                )
        show_error = getattr(card, "show_error", None)
        if show_error is not None:
            show_error("\n".join(errors))

    def _check_card(self, card: QWidget) -> None:
        """Re-check one card: its dates, and which of its required fields are flagged as not found."""
        self._check_dates(card)
        state = self._cards[card]
        labels: list[str] = []
        if isinstance(card, ExperienceCardView):
            name = experience_name(_text(card.company_edit), _text(card.role_edit), self._exp_cards.index(card))
            required = ((card.company_edit, "company"), (card.role_edit, "role"), (card.start_edit, "start_date"))
        elif isinstance(card, EducationCardView):
            name = education_name(_text(card.institution_edit), _text(card.degree_edit), self._edu_cards.index(card))
            required = ((card.institution_edit, "institution"), (card.degree_edit, "degree"))
        else:
            return
        for edit, what in required:
            missing = state.imported and not edit.text().strip()
            _set_missing(edit, missing)
            if missing:
                labels.append(entry_field_label(what, name))
        self._flags[card] = labels

    def _refresh_contact_flags(self) -> None:
        c = self._view.contact
        self._contact_missing.clear()
        for key, edit in (("full_name", c.full_name_edit), ("email", c.email_edit), ("phone", c.phone_edit)):
            missing = not edit.text().strip()
            _set_missing(edit, missing)
            if missing:
                self._contact_missing.add(key)

    def _update_banner(self) -> None:
        labels = self.missing_labels()
        text = missing_summary(labels)
        if text:
            text += " " + tr("Fill them in below — edits are saved as you type.")
        self._pane.missing_banner.show_text(text)

    # ------------------------------------------------------------------ saving
    def _mark_dirty(self) -> None:
        if self._loading or self._cv_id is None:
            return
        self._cv_cache = None
        self._dirty = True
        self._edit_seq += 1
        self._pane.show_save_status(tr("Saving…"), "busy")
        self._timer.start(SAVE_DELAY_MS)

    def _save(self) -> None:
        if self._ws is None or self._cv_id is None:
            return
        cv = self.current_cv()
        self._dirty = False
        self._runner.run(
            "save-master-cv",
            partial(_save_master_cv_work, self._ws, self._cv_id, cv, self._edit_seq),
            lane=Lane.DATABASE,
            on_success=self._on_saved,
            on_failure=self._on_save_failed,
        )
        self._pending_cv = (self._cv_id, cv)

    @Slot(object)
    def _on_saved(self, seq: int) -> None:
        self._saved_seq = max(self._saved_seq, seq)
        if seq == self._edit_seq and not self._dirty:
            self._pane.show_save_status(tr("Saved"))
            if self._pending_cv is not None:
                self.sig_saved.emit(*self._pending_cv)

    @Slot(object)
    def _on_save_failed(self, exc: BaseException) -> None:
        log.error("saving the master CV failed", exc_info=(type(exc), exc, exc.__traceback__))
        self._pane.show_save_status(tr("Not saved — retrying"), "error")
        self._dirty = True
        self._timer.start(RETRY_DELAY_MS)
        self.sig_save_failed.emit(exc)

    @Slot()
    def _on_save_timer(self) -> None:
        if self._dirty:
            self._save()

    # ------------------------------------------------------------------ slots: edits
    @Slot()
    def _on_contact_edited(self) -> None:
        if self._loading:
            return
        self._refresh_contact_flags()
        self._update_banner()
        self._mark_dirty()

    @Slot()
    def _on_plain_edited(self) -> None:
        self._mark_dirty()

    @Slot()
    def _on_card_edited(self) -> None:
        card = self.sender()
        if self._loading or not isinstance(card, QWidget) or card not in self._cards:
            return
        had = bool(self._flags.get(card))
        self._check_card(card)
        if had or self._flags.get(card):
            self._update_banner()
        self._mark_dirty()

    @Slot(bool)
    def _on_present_toggled(self, checked: bool) -> None:
        box = self.sender()
        card = box.parentWidget() if isinstance(box, QWidget) else None
        while card is not None and not isinstance(card, ExperienceCardView):
            card = card.parentWidget()
        if card is None:
            return
        card.end_edit.setEnabled(not checked)
        if checked:
            card.end_edit.clear()
            card.end_edit.setPlaceholderText(tr("present"))
            self._cards[card].dates[card.end_edit].value = "present"
        else:
            card.end_edit.setPlaceholderText("YYYY-MM")
            self._cards[card].dates[card.end_edit].value = None
        if not self._loading:
            self._check_card(card)

    @Slot()
    def _on_date_finished(self) -> None:
        """When the user leaves a date field, show the stored form ("Mar 2021" → "2021-03")."""
        edit = self.sender()
        if not isinstance(edit, QLineEdit):
            return
        card = next((c for c, s in self._cards.items() if edit in s.dates), None)
        if card is None:
            return
        date = self._cards[card].dates[edit]
        try:
            value = parse_cv_date(edit.text(), allow_present=date.allow_present)
        except DateError:
            return
        if isinstance(card, ExperienceCardView) and edit is card.end_edit and value == "present":
            card.present_check.setChecked(True)
            self._mark_dirty()
            return
        if (value or "") != edit.text():
            edit.setText(value or "")

    # ------------------------------------------------------------------ slots: cards
    def _list_of(self, card: QWidget) -> list:  # type: ignore[type-arg]
        if isinstance(card, ExperienceCardView):
            return self._exp_cards
        if isinstance(card, EducationCardView):
            return self._edu_cards
        return self._cert_rows

    @Slot()
    def _on_add_experience(self) -> None:
        self._finish_loading()
        if self._cv_id is None:
            return
        from careervp_desktop.domain.models import ExperienceEntry

        card = self._add_experience_card(ExperienceEntry(), 0, imported=False)
        self._after_add(card, card.role_edit)

    @Slot()
    def _on_add_education(self) -> None:
        self._finish_loading()
        if self._cv_id is None:
            return
        from careervp_desktop.domain.models import EducationEntry

        card = self._add_education_card(EducationEntry(), 0, imported=False)
        self._after_add(card, card.institution_edit)

    @Slot()
    def _on_add_certification(self) -> None:
        self._finish_loading()
        if self._cv_id is None:
            return
        from careervp_desktop.domain.models import Certification

        row = self._add_certification_row(Certification(name=""), len(self._cert_rows))
        self._after_add(row, row.name_edit)

    def _after_add(self, card: QWidget, first: QWidget) -> None:
        self._cv_cache = None
        self._renumber()
        self._check_card(card)
        first.setFocus()
        QTimer.singleShot(0, partial(self._view.scroll.ensureWidgetVisible, card, 50, 80))

    @Slot(int)
    def _on_move_requested(self, delta: int) -> None:
        card = self.sender()
        if not isinstance(card, ExperienceCardView | EducationCardView):
            return
        self.move_card(card, delta)

    def move_card(self, card: ExperienceCardView | EducationCardView, delta: int) -> None:
        self._finish_loading()
        cards = self._list_of(card)
        i = cards.index(card)
        j = i + delta
        if not 0 <= j < len(cards):
            return
        cards.insert(j, cards.pop(i))
        section = self._view.experience if isinstance(card, ExperienceCardView) else self._view.education
        section.move_card(card, j)
        self._renumber()
        for c in cards:  # names like "role 3" follow the position
            self._check_card(c)
        self._update_banner()
        self._mark_dirty()
        (card.up_button if delta < 0 and card.up_button.isEnabled() else card.down_button).setFocus()
        QTimer.singleShot(0, partial(self._view.scroll.ensureWidgetVisible, card, 50, 80))

    @Slot()
    def _on_remove_requested(self) -> None:
        card = self.sender()
        if isinstance(card, QWidget) and card in self._cards:
            self.remove_card(card)

    def remove_card(self, card: QWidget) -> None:
        """Remove a card (Undo brings it back at the same place)."""
        self._finish_loading()
        cards = self._list_of(card)
        index = cards.index(card)
        entry: ExperienceEntry | EducationEntry | Certification
        if isinstance(card, ExperienceCardView):
            entry = self._experience_entry(card)
            name = experience_name(entry.company, entry.role, index)
            self._view.experience.remove_card(card)
        elif isinstance(card, EducationCardView):
            entry = self._education_entry(card)
            name = education_name(entry.institution, entry.degree, index)
            self._view.education.remove_card(card)
        else:
            assert isinstance(card, CertificationRowView)
            entry = self._certification(card)
            name = entry.name or tr("the certification")
            self._view.remove_certification(card)
        cards.pop(index)
        del self._cards[card]
        self._flags.pop(card, None)
        self._removed = (index, entry)
        self._renumber()
        for c in self._exp_cards + self._edu_cards:
            self._check_card(c)
        self._update_banner()
        self._pane.undo_bar.show_text(tr("Removed {name}.").format(name=name))
        self._mark_dirty()

    @Slot()
    def _on_undo(self) -> None:
        from careervp_desktop.domain.models import EducationEntry, ExperienceEntry

        self._finish_loading()
        if self._removed is None:
            self._pane.undo_bar.hide()
            return
        index, entry = self._removed
        self._removed = None
        self._loading = True
        try:
            card: QWidget
            if isinstance(entry, ExperienceEntry):
                card = self._add_experience_card(entry, index, imported=True)
            elif isinstance(entry, EducationEntry):
                card = self._add_education_card(entry, index, imported=True)
            else:
                card = self._add_certification_row(entry, index)
        finally:
            self._loading = False
        self._renumber()
        for c in self._exp_cards + self._edu_cards:
            self._check_card(c)
        self._check_card(card)
        self._update_banner()
        self._pane.undo_bar.hide()
        self._mark_dirty()

    @Slot()
    def _on_show_missing(self) -> None:
        """Scroll to the first flagged field (in page order) and put the cursor in it."""
        self._finish_loading()
        c = self._view.contact
        fields: list[QLineEdit] = [c.full_name_edit, c.email_edit, c.phone_edit]
        for card in self._exp_cards:
            fields += [card.role_edit, card.company_edit, card.start_edit]
        for edu in self._edu_cards:
            fields += [edu.institution_edit, edu.degree_edit]
        for edit in fields:
            if edit.property("missing"):
                self._view.scroll.ensureWidgetVisible(edit, 50, 120)
                edit.setFocus()
                return
