"""The applications list (search, status filter, paging) and the library actions in the window: status,
mark as sent, delete, back up / restore, delete all data."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog

from careervp_desktop.domain.models import Application, ApplicationStatus, ArtifactType
from careervp_desktop.ui.app_list import PAGE_SIZE
from careervp_desktop.ui.main_window import MainWindow
from careervp_desktop.ui.models import ApplicationListModel
from careervp_desktop.workflow import Workspace
from tests.ui.gui_helpers import Dialogs, open_window
from tests.ui.test_document_editing import prepare_library

pytestmark = pytest.mark.gui


def add_applications(data_dir: Path, specs: list[tuple[str, str, str, ApplicationStatus]]) -> list[int]:
    ws = Workspace.open(data_dir)
    try:
        ids = []
        for company, title, jd, status in specs:
            app = ws.library.create_application(Application(company=company, title=title, jd_text=jd, status=status))
            assert app.id is not None
            ids.append(app.id)
        return ids
    finally:
        ws.library.engine.dispose()


def shown(window: MainWindow) -> list[str]:
    model = window.sidebar.list_view.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def wait_list(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.app_list.is_loading(), timeout=5_000)


def menu_action(window: MainWindow, app_id: int, text: str):
    app = next(a for a in window._model.applications() if a.id == app_id)
    menu = window.application_menu(app)
    for act in menu.actions():
        if act.text() == text:
            return act
        if act.menu() is not None:
            for sub in act.menu().actions():
                if sub.text() == text:
                    return sub
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")


def test_search_filter_and_paging(qtbot, data_dir: Path, dialogs: Dialogs) -> None:
    specs = [
        (f"Company {i:03d}", "Engineer", f"Job ad {i}. " + ("Zebrafish genomics lab." if i % 100 == 7 else ""), s)
        for i, s in ((i, ApplicationStatus.SENT if i % 50 == 0 else ApplicationStatus.DRAFT) for i in range(450))
    ]
    add_applications(data_dir, specs)
    window = open_window(qtbot, data_dir)
    model = window.sidebar.list_view.model()
    assert model.rowCount() == PAGE_SIZE  # one page first
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE, timeout=5_000)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 450, timeout=5_000)
    assert not model.canFetchMore()
    assert len(set(shown(window))) == 450

    # Filter by status: the combo shows counts.
    combo = window.sidebar.status_filter
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0] == "All statuses (450)" and "Sent (9)" in labels and "Draft (441)" in labels
    combo.setCurrentIndex(combo.findData(ApplicationStatus.SENT.value))
    wait_list(qtbot, window)
    assert len(shown(window)) == 9 and all(a.status == ApplicationStatus.SENT for a in window._model.applications())

    # Search (the filter still applies), with where it matched.
    combo.setCurrentIndex(0)
    wait_list(qtbot, window)
    qtbot.keyClicks(window.sidebar.search_edit, "zebrafish")
    wait_list(qtbot, window)
    assert sorted(shown(window)) == sorted(f"Engineer — Company {i:03d}" for i in (7, 107, 207, 307, 407))
    snippet = model.index(0, 0).data(ApplicationListModel.Role.SNIPPET)
    assert "zebrafish" in snippet.lower()
    window.sidebar.search_edit.setText("no-such-word-anywhere")
    wait_list(qtbot, window)
    assert shown(window) == []
    assert "Nothing matches" in window.sidebar.empty_label.text()
    window.sidebar.search_edit.clear()
    wait_list(qtbot, window)
    assert model.rowCount() == PAGE_SIZE

    # Ctrl+F goes to the search box.
    window.act_search.trigger()
    assert window.sidebar.search_edit.hasFocus() or window.focusWidget() is window.sidebar.search_edit


def filter_items(window: MainWindow) -> list[str]:
    combo = window.sidebar.status_filter
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_status_filter_counts_follow_every_change_of_the_list_read_off_the_ui_thread(
    qtbot, data_dir: Path, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from careervp_desktop.storage.library import Library

    window = open_window(qtbot, data_dir)
    assert filter_items(window) == ["All statuses (0)"]
    on_ui_thread: list[bool] = []
    counts = Library.status_counts

    def status_counts(self: Library) -> dict[ApplicationStatus, int]:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return counts(self)

    monkeypatch.setattr(Library, "status_counts", status_counts)
    library = window.workspace().library
    # What a generation does first: it stores the new application and the list shows it (no _on_generated yet).
    app = library.create_application(Application(company="Acme", title="Dev", jd_text="Job A"))
    window._model.upsert(app)
    qtbot.waitUntil(lambda: filter_items(window) == ["All statuses (1)", "Draft (1)"], timeout=3_000)
    app = library.update_application(app.model_copy(update={"status": ApplicationStatus.INTERVIEWING}))
    window._model.upsert(app)
    qtbot.waitUntil(lambda: filter_items(window) == ["All statuses (1)", "Interviewing (1)"], timeout=3_000)
    reads = len(on_ui_thread)
    window._model.upsert(app.model_copy(update={"company": "Acme Ltd"}))  # the same status: nothing to count
    assert app.id is not None
    library.delete_application(app.id)
    window._model.remove(app.id)
    qtbot.waitUntil(lambda: filter_items(window) == ["All statuses (0)"], timeout=3_000)
    window.wait_for_background_work()
    assert len(on_ui_thread) == reads + 1
    assert on_ui_thread and not any(on_ui_thread)  # every read in the background


def test_status_change_and_delete_from_the_list(qtbot, data_dir: Path, dialogs: Dialogs) -> None:
    a, b = add_applications(
        data_dir,
        [("Acme", "Dev", "Job A", ApplicationStatus.DRAFT), ("Globex", "Dev", "Job B", ApplicationStatus.DRAFT)],
    )
    window = open_window(qtbot, data_dir)
    menu_action(window, a, "Interviewing").trigger()
    qtbot.waitUntil(
        lambda: window.workspace().library.get_application(a).status == ApplicationStatus.INTERVIEWING, timeout=3_000
    )
    qtbot.waitUntil(
        lambda: next(x for x in window._model.applications() if x.id == a).status == ApplicationStatus.INTERVIEWING,
        timeout=3_000,
    )
    combo = window.sidebar.status_filter
    qtbot.waitUntil(lambda: any(combo.itemText(i) == "Interviewing (1)" for i in range(combo.count())), timeout=3_000)

    dialogs.question_answer = dialogs.question_answer.Cancel
    menu_action(window, b, "Delete application…").trigger()
    window.wait_for_background_work()
    assert len(window._model.applications()) == 2
    dialogs.question_answer = dialogs.question_answer.Yes
    menu_action(window, b, "Delete application…").trigger()
    qtbot.waitUntil(lambda: len(window._model.applications()) == 1, timeout=3_000)
    assert "Delete the application" in dialogs.texts("question")[-1]
    assert [x.id for x in window.workspace().library.list_applications()] == [a]


@pytest.mark.slow
def test_mark_as_sent_freezes_the_package(
    qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path, sample_jd_path: Path, tmp_path: Path
) -> None:
    (app_id,) = prepare_library(data_dir, sample_cv_path, sample_jd_path)
    window = open_window(qtbot, data_dir)
    assert window.current_application_id() == app_id
    dialogs.folder = tmp_path / "sent"
    dialogs.folder.mkdir()
    menu_action(window, app_id, "Mark as sent…").trigger()
    qtbot.waitUntil(lambda: bool(window.workspace().library.sent_packages(app_id)), timeout=20_000)
    package = window.workspace().library.sent_packages(app_id)[0]
    assert package.artifact_versions[ArtifactType.COVER_LETTER] == 1
    assert {Path(f.name).suffix for f in package.files} == {".docx", ".pdf"}
    assert all((dialogs.folder / f.name).exists() for f in package.files)
    qtbot.waitUntil(lambda: window._model.applications()[0].status == ApplicationStatus.SENT, timeout=3_000)
    window.show_history(ArtifactType.COVER_LETTER)
    qtbot.waitUntil(lambda: window.history_dialog is not None, timeout=3_000)
    assert "sent" in window.history_dialog.list.item(0).text()
    window.history_dialog.close()


def test_back_up_restore_and_delete_all(
    qtbot, data_dir: Path, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (a,) = add_applications(data_dir, [("Acme", "Dev", "Job A", ApplicationStatus.DRAFT)])
    window = open_window(qtbot, data_dir)
    backup = tmp_path / "backup.zip"
    window.library_actions.back_up(backup)
    qtbot.waitUntil(backup.exists, timeout=5_000)

    # Delete everything (after typing DELETE), then restore the backup into the fresh library.
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("nope", True))
    window.act_delete_all.trigger()
    window.wait_for_background_work()
    assert len(window.workspace().library.list_applications()) == 1  # not confirmed: nothing happens
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("DELETE", True))
    with qtbot.waitSignal(window.sig_library_ready, timeout=10_000):
        window.act_delete_all.trigger()
    assert window.is_library_open() and window.workspace().library.is_empty()
    assert window.sidebar.list_view.model().rowCount() == 0

    window.library_actions.restore(backup)  # an empty library: no question
    qtbot.waitUntil(lambda: window.sidebar.list_view.model().rowCount() == 1, timeout=5_000)
    assert window.workspace().library.get_application(a).company == "Acme"

    # Restoring over a non-empty library asks; "replace" keeps a backup of what was there first.
    monkeypatch.setattr(window.library_actions, "_ask_mode", lambda *args, **kwargs: "replace")
    window.library_actions.restore(backup)
    window.wait_for_background_work()
    qtbot.waitUntil(lambda: any(data_dir.glob("careervp-before-restore-*.zip")), timeout=5_000)
    assert [x.company for x in window.workspace().library.list_applications()] == ["Acme"]


def test_a_corrupt_backup_is_refused_with_a_dialog(qtbot, data_dir: Path, dialogs: Dialogs, tmp_path: Path) -> None:
    window = open_window(qtbot, data_dir)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 this is not a zip")
    window.library_actions.restore(bad)
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=5_000)
    kind, text = dialogs.shown[-1]
    assert kind in ("warning", "box") and "bad.zip" in text
    assert window.workspace().library.is_empty()
