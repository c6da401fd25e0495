"""The master-CV editor driven like a user would: import, fix what was not found, edit cards, autosave, drop files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTextEdit, QWidget

from careervp_desktop.domain.models import ExperienceEntry, MasterCV
from careervp_desktop.ui.cv_views import MISSING_PLACEHOLDER, EducationCardView, ExperienceCardView
from careervp_desktop.ui.main_window import MainWindow
from careervp_desktop.workflow import Workspace
from tests.ui.gui_helpers import Dialogs, child, editor_text, open_window

pytestmark = pytest.mark.gui

SAVE_WITHIN_MS = 1_500

SMALL_CV = """Jonas Berg
+49 151 5550 1234 | Berlin, Germany

SUMMARY
Data engineer with seven years of experience building pipelines and warehouses for retail and travel companies.

EXPERIENCE

Data Engineer, Acme Retail GmbH
Berlin, Germany | Jan 2020 - Present
- Built the nightly warehouse load in Airflow and dbt for 40 source systems.
- Cut the cloud bill by 30% by partitioning the largest tables.

Analyst, Travelco
Hamburg, Germany | - Dec 2019
- Wrote the weekly bookings report in SQL and Python.

EDUCATION

Technical University of Munich
B.Sc. Informatics, 2012 - 2016

SKILLS
Python, SQL, Airflow, dbt
"""


# --------------------------------------------------------------------------------------------------- helpers
def import_file(qtbot, window: MainWindow, dialogs: Dialogs, path: Path) -> None:
    dialogs.open_file = path
    before = window.cv_editor.cv_id()
    qtbot.mouseClick(child(window, QPushButton, "importCvButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.cv_editor.cv_id() != before or bool(dialogs.texts("warning")), timeout=10_000)
    assert not dialogs.texts("warning") and not dialogs.texts("critical")


def cards(window: MainWindow, cls: type) -> list:
    """The cards of a section in the order shown."""
    section = window.cv_pane.editor.experience if cls is ExperienceCardView else window.cv_pane.editor.education
    found = [section.cards.itemAt(i).widget() for i in range(section.cards.count())]
    return [c for c in found if isinstance(c, cls)]


def saved_cv(data_dir: Path) -> MasterCV:
    """The primary master CV as a fresh process would read it."""
    primary = Workspace.open(data_dir).library.primary_master_cv()
    assert primary is not None
    return primary[1]


def type_into(qtbot, widget: QLineEdit | QTextEdit, text: str, *, replace: bool = False) -> None:
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        if replace:
            widget.selectAll()
        else:
            widget.end(False)
    else:
        widget.moveCursor(QTextCursor.MoveOperation.End)
        if replace:
            widget.selectAll()
    for i, line in enumerate(text.split("\n")):  # QTest cannot type "\n": press Return instead
        if i:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(widget, line)


def wait_saved(qtbot, window: MainWindow) -> None:
    status = window.cv_pane.save_status
    qtbot.waitUntil(lambda: status.text() == "Saved" and not window.cv_editor.is_dirty(), timeout=SAVE_WITHIN_MS)


def drag_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drop_on(window: MainWindow, target: QWidget, mime: QMimeData, *, leave_instead: bool = False) -> bool:
    """A real drag routed by Qt: the events go to the window's QWindow at the position of `target`."""
    pos = target.mapTo(window, target.rect().center())
    handle = window.windowHandle()
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0))
    QApplication.sendEvent(handle, enter)
    if leave_instead:
        QApplication.sendEvent(handle, QDragLeaveEvent())
        return enter.isAccepted()
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0))
    QApplication.sendEvent(handle, drop)
    return drop.isAccepted()


@pytest.fixture
def sample_window(qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path) -> MainWindow:
    window = open_window(qtbot, data_dir)
    import_file(qtbot, window, dialogs, sample_cv_path)
    return window


# --------------------------------------------------------------------------------------------------- tests
def test_imported_cv_shows_as_editable_cards(sample_window: MainWindow, dialogs: Dialogs) -> None:
    window = sample_window
    assert window.tabs.currentWidget() is window.cv_pane
    assert child(window, QLineEdit, "fullNameEdit").text() == "Maya Lindqvist"
    assert child(window, QLineEdit, "emailEdit").text() == "maya.lindqvist@example.com"
    roles = cards(window, ExperienceCardView)
    assert [c.company_edit.text() for c in roles] == [
        "Nordlane Logistics",
        "Kassa Payments AB",
        "Brightfield Consulting",
    ]
    first = roles[0]
    assert first.role_edit.text() == "Senior Backend Engineer"
    assert first.start_edit.text() == "2021-03"
    assert first.present_check.isChecked() and not first.end_edit.isEnabled()
    assert first.bullets_edit.toPlainText().splitlines()[0].startswith("Rebuilt the shipment-tracking pipeline")
    assert len(first.bullets_edit.toPlainText().splitlines()) == 4
    assert len(cards(window, EducationCardView)) == 2
    assert "PostgreSQL" in child(window, QLineEdit, "skillsEdit").text()
    assert child(window, QLineEdit, "languagesEdit").text() == "Swedish, English, German"
    assert "Nordlane Logistics" in editor_text(window)
    assert window.cv_pane.missing_banner.isHidden()  # the sample has everything a CV normally has
    assert window.cv_pane.save_status.text() == "Saved"


def test_edits_are_saved_within_a_second_and_read_back(qtbot, sample_window: MainWindow, data_dir: Path) -> None:
    window = sample_window
    bullets = cards(window, ExperienceCardView)[1].bullets_edit
    type_into(qtbot, bullets, "\nOwned the on-call rota")
    type_into(qtbot, child(window, QLineEdit, "fullNameEdit"), "Maya K. Lindqvist", replace=True)
    typed_at = time.monotonic()
    assert window.cv_pane.save_status.text() == "Saving…"
    wait_saved(qtbot, window)
    assert time.monotonic() - typed_at < SAVE_WITHIN_MS / 1000
    cv = saved_cv(data_dir)
    assert cv.full_name == "Maya K. Lindqvist"
    assert cv.experience[1].achievements[-1] == "Owned the on-call rota"
    assert len(cv.experience[1].achievements) == 4
    assert window.master_cv() == cv  # what analysis and generation use


def test_closing_right_after_typing_loses_nothing(qtbot, sample_window: MainWindow, data_dir: Path) -> None:
    window = sample_window
    type_into(qtbot, child(window, QLineEdit, "phoneEdit"), "+46 70 000 0000", replace=True)
    assert window.cv_editor.is_dirty()  # the debounce has not fired yet
    window.close()
    assert saved_cv(data_dir).contact_info.phone == "+46 70 000 0000"


def test_switching_tab_saves_at_once(qtbot, sample_window: MainWindow, data_dir: Path) -> None:
    window = sample_window
    type_into(qtbot, child(window, QLineEdit, "websiteEdit"), "maya.example", replace=True)
    window.tabs.setCurrentWidget(window.job_pane)
    assert not window.cv_editor.is_dirty()
    assert window.wait_for_background_work(5_000)
    assert saved_cv(data_dir).contact_info.website == "maya.example"


def test_what_was_not_found_is_flagged_until_fixed(
    qtbot, data_dir: Path, dialogs: Dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from careervp_desktop.ingest import cv_import

    real_import = cv_import.import_cv_file

    def parse_without_start(path: Path, **kwargs) -> MasterCV:
        # The file gives Travelco no start date; today's parser reads the lone end date as both, so make sure the
        # result leaves it empty, as a parser that does not guess would.
        cv = real_import(path, **kwargs)
        travelco = next(e for e in cv.experience if e.company == "Travelco")
        travelco.start_date = None
        return cv

    monkeypatch.setattr(cv_import, "import_cv_file", parse_without_start)
    cv_file = tmp_path / "jonas.txt"
    cv_file.write_text(SMALL_CV, encoding="utf-8")
    window = open_window(qtbot, data_dir)
    import_file(qtbot, window, dialogs, cv_file)

    email = child(window, QLineEdit, "emailEdit")
    assert email.property("missing") and email.placeholderText() == MISSING_PLACEHOLDER
    assert not child(window, QLineEdit, "fullNameEdit").property("missing")
    travelco = next(c for c in cards(window, ExperienceCardView) if c.company_edit.text() == "Travelco")
    assert travelco.start_edit.property("missing")
    assert not travelco.company_edit.property("missing")
    labels = window.cv_editor.missing_labels()
    assert "email" in labels and "start date of Analyst at Travelco" in labels
    banner = window.cv_pane.missing_banner
    assert not banner.isHidden()
    assert banner.label.text().startswith(f"{len(labels)} things were not found in your file: email")

    # "Show me" goes to the first one; fixing a field clears its flag and the banner counts down.
    qtbot.mouseClick(child(window, QPushButton, "cvMissingShowButton"), Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is email
    qtbot.keyClicks(email, "jonas@example.com")
    assert not email.property("missing")
    assert "email" not in window.cv_editor.missing_labels()
    type_into(qtbot, travelco.start_edit, "2017")
    assert not travelco.start_edit.property("missing")
    if not window.cv_editor.missing_labels():
        assert banner.isHidden()
    wait_saved(qtbot, window)
    cv = saved_cv(data_dir)
    assert cv.contact_info.email == "jonas@example.com"
    assert next(e for e in cv.experience if e.company == "Travelco").start_date == "2017"


def test_dates_are_normalised_or_explained_never_a_crash(qtbot, sample_window: MainWindow, data_dir: Path) -> None:
    window = sample_window
    card = cards(window, ExperienceCardView)[1]
    error = card.findChild(QLabel, "cardError")
    type_into(qtbot, card.start_edit, "sometime in 2018", replace=True)
    assert card.start_edit.property("invalid")
    assert not error.isHidden() and "not a date" in error.text()
    wait_saved(qtbot, window)
    assert saved_cv(data_dir).experience[1].start_date == "2018-08"  # the last valid value is kept

    type_into(qtbot, card.start_edit, "Aug 2017", replace=True)
    assert not card.start_edit.property("invalid") and error.isHidden()
    card.end_edit.setFocus()  # leaving the field shows the stored form
    assert card.start_edit.text() == "2017-08"
    type_into(qtbot, card.end_edit, "present", replace=True)
    card.start_edit.setFocus()
    assert card.present_check.isChecked() and not card.end_edit.isEnabled()
    type_into(qtbot, card.start_edit, "present", replace=True)
    assert "cannot be “present”" in error.text()
    type_into(qtbot, card.start_edit, "2017-08", replace=True)
    wait_saved(qtbot, window)
    saved = saved_cv(data_dir).experience[1]
    assert (saved.start_date, saved.end_date, saved.dates_raw) == ("2017-08", "present", None)


def test_add_remove_move_cards_keeps_the_order(qtbot, sample_window: MainWindow, data_dir: Path) -> None:
    window = sample_window
    editor = window.cv_editor
    roles = cards(window, ExperienceCardView)
    qtbot.mouseClick(roles[2].up_button, Qt.MouseButton.LeftButton)  # Brightfield above Kassa
    assert [c.company_edit.text() for c in cards(window, ExperienceCardView)] == [
        "Nordlane Logistics",
        "Brightfield Consulting",
        "Kassa Payments AB",
    ]
    assert not cards(window, ExperienceCardView)[0].up_button.isEnabled()
    qtbot.mouseClick(roles[0].remove_button, Qt.MouseButton.LeftButton)  # remove Nordlane
    assert "Nordlane" in window.cv_pane.undo_bar.label.text()
    qtbot.mouseClick(child(window, QPushButton, "addExperienceButton"), Qt.MouseButton.LeftButton)
    new = cards(window, ExperienceCardView)[0]
    assert not new.company_edit.property("missing")  # a card the user adds is not "not found in your file"
    assert QApplication.focusWidget() is new.role_edit
    qtbot.keyClicks(new.role_edit, "Staff Engineer")
    type_into(qtbot, new.company_edit, "Orbit AB")
    type_into(qtbot, new.start_edit, "2024-01")
    qtbot.mouseClick(child(window, QPushButton, "addEducationButton"), Qt.MouseButton.LeftButton)  # left empty
    wait_saved(qtbot, window)
    cv = saved_cv(data_dir)
    assert [e.company for e in cv.experience] == ["Orbit AB", "Brightfield Consulting", "Kassa Payments AB"]
    assert cv.experience[0] == ExperienceEntry(company="Orbit AB", role="Staff Engineer", start_date="2024-01")
    assert len(cv.education) == 2  # an empty card is not saved

    qtbot.mouseClick(child(window, QPushButton, "cvUndoButton"), Qt.MouseButton.LeftButton)
    assert window.cv_pane.undo_bar.isHidden()
    editor.flush()
    assert window.wait_for_background_work(5_000)
    cv = saved_cv(data_dir)
    assert [e.company for e in cv.experience] == [
        "Nordlane Logistics",
        "Orbit AB",
        "Brightfield Consulting",
        "Kassa Payments AB",
    ]
    assert cv.experience[0].achievements[0].startswith("Rebuilt the shipment-tracking pipeline")
    assert cv.experience[0].dates_raw == "Mar 2021 – Present"  # dates unchanged: the raw text stays


def test_dropping_a_cv_file_imports_it(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, data_dir)
    window.tabs.setCurrentWidget(window.job_pane)
    assert drop_on(window, window.job_pane, drag_mime(sample_cv_path), leave_instead=True)
    assert window.drop_overlay.isHidden()  # the highlight goes when the drag leaves
    assert drop_on(window, window.job_pane.jd_edit, drag_mime(sample_cv_path))  # even over a text box
    qtbot.waitUntil(lambda: window.master_cv() is not None, timeout=10_000)
    assert window.drop_overlay.isHidden()
    assert not window.job_pane.jd_edit.toPlainText()  # the path was not pasted as text
    assert dialogs.shown == []  # nothing to replace yet: no question
    assert child(window, QLineEdit, "fullNameEdit").text() == "Maya Lindqvist"
    assert window.tabs.currentWidget() is window.cv_pane

    # Dropping over an existing master CV asks first; "No" keeps it.
    other = tmp_path / "other_cv.md"
    other.write_text(sample_cv_path.read_text(encoding="utf-8").replace("Maya Lindqvist", "Mia Lind"), "utf-8")
    first_id = window.cv_editor.cv_id()
    dialogs.question_answer = dialogs.question_answer.No
    drop_on(window, child(window, QLineEdit, "emailEdit"), drag_mime(other))
    qtbot.waitUntil(lambda: bool(dialogs.texts("question")), timeout=2_000)
    assert dialogs.texts("question")[0].startswith("Replace your master CV with other_cv.md?")
    assert window.cv_editor.cv_id() == first_id and not window.is_busy()
    dialogs.question_answer = dialogs.question_answer.Yes
    drop_on(window, window.cv_pane, drag_mime(other))
    qtbot.waitUntil(lambda: window.cv_editor.cv_id() != first_id, timeout=10_000)
    assert child(window, QLineEdit, "fullNameEdit").text() == "Mia Lind"


def test_other_drops_are_refused_politely(qtbot, data_dir: Path, dialogs: Dialogs, tmp_path: Path) -> None:
    window = open_window(qtbot, data_dir)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=5_000)  # the keychain read at start (slow when cold)
    picture = tmp_path / "holiday.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    pos = window.cv_pane.mapTo(window, window.cv_pane.rect().center())
    mime = drag_mime(picture)  # keep a reference: the events only point at it
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0))
    QApplication.sendEvent(window.windowHandle(), enter)
    assert window.drop_overlay.isVisible()  # it says why, while dragging
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0))
    QApplication.sendEvent(window.windowHandle(), drop)
    assert window.drop_overlay.isHidden()
    assert "holiday.png" in window.statusBar().currentMessage()
    assert "PDF" in window.statusBar().currentMessage()
    drop_on(window, window.cv_pane, drag_mime(picture, picture))
    assert "one CV file" in window.statusBar().currentMessage()
    qtbot.wait(20)
    assert dialogs.shown == [] and window.master_cv() is None and not window.is_busy()
    text_only = QMimeData()
    text_only.setText("just text")
    assert not drop_on(window, window.cv_pane, text_only)  # not a file: not ours


def test_a_long_cv_loads_fast_and_typing_does_not_rebuild(qtbot, data_dir: Path, dialogs: Dialogs) -> None:
    long_cv = MasterCV(
        full_name="Alex Long",
        experience=[
            ExperienceEntry(
                company=f"Company {i}",
                role=f"Engineer {i}",
                start_date=f"{2000 + i}-01",
                end_date=f"{2001 + i}-01",
                achievements=[f"Achievement {j} at company {i}, with enough words to wrap a line." for j in range(8)],
            )
            for i in range(15)
        ],
        skills=[f"Skill {i}" for i in range(60)],
    )
    ws = Workspace.open(data_dir)
    cv_id = ws.library.save_master_cv(long_cv, name="long")
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    started = time.perf_counter()
    window.cv_editor.load(ws, cv_id, long_cv)
    qtbot.waitUntil(lambda: not window.cv_editor.is_loading(), timeout=5_000)  # built over a few turns
    QApplication.processEvents()
    load_seconds = time.perf_counter() - started
    assert load_seconds < 1.5, f"loading 15 roles took {load_seconds:.2f}s"
    roles = cards(window, ExperienceCardView)
    assert len(roles) == 15
    last = roles[-1]
    started = time.perf_counter()
    type_into(qtbot, last.bullets_edit, "\nOne more")
    typing_seconds = time.perf_counter() - started
    assert cards(window, ExperienceCardView)[-1] is last  # same widgets: nothing rebuilt
    assert typing_seconds < 0.5, f"typing 9 keys took {typing_seconds:.2f}s"
    wait_saved(qtbot, window)
    assert ws.library.get_master_cv(cv_id).experience[-1].achievements[-1] == "One more"


def test_skills_complete_the_item_after_the_last_comma(sample_window: MainWindow) -> None:
    skills = child(sample_window, QLineEdit, "skillsEdit")
    completer = sample_window.cv_pane.editor.skills_completer
    assert "Kubernetes" in completer.model().stringList()
    skills.setText("Python, kub")
    assert completer.splitPath(skills.text()) == ["kub"]
    completer.setCompletionPrefix("kub")
    assert completer.currentCompletion() == "Python, Kubernetes"  # what the line edit gets on Enter
    assert sample_window.cv_editor.is_dirty()  # a completed or pasted list is an edit like any other


def test_a_long_cv_is_built_over_a_few_turns_and_read_whole(qtbot, data_dir: Path) -> None:
    """A long CV's cards are built a few per event-loop turn (the window stays responsive); anything that reads
    the CV meanwhile gets all of it, and the banner lists a field missing from a card built late."""
    from careervp_desktop.ui.cv_editor import CARDS_AT_ONCE, FIRST_CARDS
    from tests.export.samples import long_cv

    window = open_window(qtbot, data_dir)
    cv = long_cv(entries=CARDS_AT_ONCE + 6)
    cv.experience[-2].company = None
    editor = window.cv_editor
    editor.load(window.workspace(), 1, cv)
    assert editor.is_loading() and window.is_busy()
    assert len(cards(window, ExperienceCardView)) == FIRST_CARDS
    qtbot.waitUntil(lambda: not editor.is_loading(), timeout=5_000)
    shown = cards(window, ExperienceCardView)
    assert [c.company_edit.text() or None for c in shown] == [e.company for e in cv.experience]
    assert shown[-1].title_label.text().endswith(f"{len(cv.experience)} of {len(cv.experience)}")
    assert any(label.startswith("company of") for label in editor.missing_labels())
    assert "company" in window.cv_pane.missing_banner.label.text()

    again = long_cv(entries=CARDS_AT_ONCE + 6)
    editor.load(window.workspace(), 1, again)  # read while still building: the CV whole, nothing built for it
    assert editor.is_loading()
    assert editor.current_cv().experience == again.experience
    assert editor.current_cv().education == again.education
    assert editor.is_loading()
    editor.move_card(cards(window, ExperienceCardView)[0], 1)  # rearranging needs every card: built first
    assert not editor.is_loading() and len(cards(window, ExperienceCardView)) == CARDS_AT_ONCE + 6
    moved = editor.current_cv().experience
    assert [e.company for e in moved[:2]] == [again.experience[1].company, again.experience[0].company]
    assert moved[2:] == again.experience[2:]
