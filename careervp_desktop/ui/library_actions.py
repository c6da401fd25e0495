"""What the user does to whole applications and to the library: change status, mark as sent, delete an
application, back up and restore the library, move one application, delete all data.

`LibraryActions` is a controller owned by the main window. Every write runs on the database lane (behind pending
autosaves); every destructive step asks first; every failure is a dialog saying what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from careervp_desktop.ui.background import BackgroundRunner, Lane, TaskContext
from careervp_desktop.ui.error_dialogs import APP_TITLE, show_error
from careervp_desktop.ui.i18n import tr

if TYPE_CHECKING:  # the workflow and pydantic models load after the window's first paint: imported where used
    from careervp_desktop.domain.models import Application, ApplicationStatus
    from careervp_desktop.domain.records import SentPackage
    from careervp_desktop.storage.archive import ImportReport
    from careervp_desktop.workflow import Workspace

ARCHIVE_FILTER = tr("CareerVP archive (*.zip)")


class Host(Protocol):
    """What the actions need from the window."""

    def workspace(self) -> Workspace: ...
    def flush_edits(self) -> None: ...
    def log_path(self) -> Path: ...
    def data_dir(self) -> Path: ...


@dataclass
class Sent:
    package: SentPackage
    application: Application
    folder: Path


def _set_status_work(ws: Workspace, application_id: int, status: ApplicationStatus, ctx: TaskContext) -> Application:
    app = ws.library.get_application(application_id)
    app.status = status
    return ws.library.update_application(app)


def _mark_sent_work(ws: Workspace, application_id: int, folder: Path, ctx: TaskContext) -> Sent:
    from careervp_desktop import workflow

    exported = workflow.export_package(ws, application_id, folder, mark_sent=True)
    assert exported.sent is not None
    return Sent(exported.sent, ws.library.get_application(application_id), folder)


def _delete_application_work(ws: Workspace, application_id: int, ctx: TaskContext) -> int:
    ws.library.delete_application(application_id)
    return application_id


def _export_library_work(ws: Workspace, target: Path, ctx: TaskContext) -> Path:
    from careervp_desktop import workflow

    return workflow.export_library(ws, target)


def _import_library_work(ws: Workspace, source: Path, mode: str | None, ctx: TaskContext) -> ImportReport:
    from careervp_desktop import workflow

    if mode == "replace":  # what is replaced is kept: a backup in the data folder first
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
        workflow.export_library(ws, ws.data_dir / f"careervp-before-restore-{stamp}.zip")
    return workflow.import_library(ws, source, mode=mode)


def _export_application_work(ws: Workspace, application_id: int, target: Path, ctx: TaskContext) -> Path:
    from careervp_desktop import workflow

    return workflow.export_application(ws, application_id, target)


def _import_application_work(ws: Workspace, source: Path, mode: str | None, ctx: TaskContext) -> ImportReport:
    from careervp_desktop import workflow

    return workflow.import_application(ws, source, mode=mode)


def _delete_all_work(ws: Workspace, data_dir: Path, ctx: TaskContext) -> list[Path]:
    from careervp_desktop import workflow

    return workflow.delete_all_data(data_dir, ws)


class LibraryActions(QObject):
    """Signals:
    - `sig_application_changed(object)`: an `Application` was updated (status, sent).
    - `sig_application_deleted(int)`: an application id that no longer exists.
    - `sig_library_changed()`: an import changed the library (the window reloads it).
    - `sig_library_erased()`: every record and file is gone (the window opens a fresh library).
    - `sig_message(str)`: a line for the status bar.
    """

    sig_application_changed = Signal(object)
    sig_application_deleted = Signal(int)
    sig_library_changed = Signal()
    sig_library_erased = Signal()
    sig_message = Signal(str)

    def __init__(self, host: Host, window: QWidget, runner: BackgroundRunner) -> None:
        super().__init__(window)
        self._host = host
        self._window = window
        self._runner = runner

    # ------------------------------------------------------------------ one application
    def set_status(self, application_id: int, status: ApplicationStatus) -> None:
        self._run("set-status", partial(_set_status_work, self._ws(), application_id, status), self._on_changed)

    def mark_sent(self, application_id: int, folder: Path | None = None) -> None:
        """Export the package (Word and PDF) into a folder and record it as sent: which versions, file hashes."""
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self._window, tr("Mark as sent: save the documents you send into…"), str(Path.home())
            )
            if not chosen:
                return
            folder = Path(chosen)
        self._host.flush_edits()
        self._run("mark-sent", partial(_mark_sent_work, self._ws(), application_id, folder), self._on_sent)

    def delete_application(self, application_id: int, name: str, *, confirm: bool = True) -> None:
        if confirm:
            answer = QMessageBox.question(
                self._window,
                APP_TITLE,
                tr(
                    "Delete the application “{name}”?\n\nIts documents, every version of them and its answers "
                    "are deleted. Facts you confirmed stay in your knowledge base. This cannot be undone."
                ).format(name=name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._host.flush_edits()
        self._run("delete-application", partial(_delete_application_work, self._ws(), application_id), self._on_deleted)

    def export_application(self, application_id: int, name: str, target: Path | None = None) -> None:
        if target is None:
            suggested = Path.home() / f"{_safe(name)}.careervp.zip"
            chosen, _ = QFileDialog.getSaveFileName(
                self._window, tr("Save the application as"), str(suggested), ARCHIVE_FILTER
            )
            if not chosen:
                return
            target = Path(chosen)
        self._host.flush_edits()
        self._run(
            "export-application",
            partial(_export_application_work, self._ws(), application_id, target),
            self._on_saved_file,
        )

    # ------------------------------------------------------------------ the library
    def back_up(self, target: Path | None = None) -> None:
        if target is None:
            suggested = Path.home() / f"CareerVP-backup-{date.today():%Y-%m-%d}.zip"
            chosen, _ = QFileDialog.getSaveFileName(
                self._window, tr("Back up your library to"), str(suggested), ARCHIVE_FILTER
            )
            if not chosen:
                return
            target = Path(chosen)
        self._host.flush_edits()
        self._run("back-up", partial(_export_library_work, self._ws(), target), self._on_saved_file)

    def restore(self, source: Path | None = None, *, application: bool = False) -> None:
        """Import a library backup (or one application's archive). A non-empty library asks: merge or replace."""
        if source is None:
            title = tr("Import an application") if application else tr("Restore a library backup")
            chosen, _ = QFileDialog.getOpenFileName(self._window, title, str(Path.home()), ARCHIVE_FILTER)
            if not chosen:
                return
            source = Path(chosen)
        mode: str | None = None
        if not self._ws().library.is_empty():
            mode = self._ask_mode(source, application=application)
            if mode is None:
                return
        self._host.flush_edits()
        work = _import_application_work if application else _import_library_work
        self._run("import", partial(work, self._ws(), source, mode), self._on_imported)

    def delete_all(self, *, confirm: bool = True) -> None:
        if confirm:
            text, ok = QInputDialog.getText(
                self._window,
                tr("Delete all my data"),
                tr(
                    "This deletes your CVs, every application, document, version and confirmed fact from this "
                    "computer.\nIt cannot be undone: back up first if you may want them later.\n\nType DELETE to "
                    "confirm:"
                ),
            )
            if not ok or text.strip().upper() != "DELETE":
                return
        self._host.flush_edits()
        self._run("delete-all", partial(_delete_all_work, self._ws(), self._host.data_dir()), self._on_erased)

    # ------------------------------------------------------------------ results
    @Slot(object)
    def _on_changed(self, app: Application) -> None:
        self.sig_application_changed.emit(app)

    @Slot(object)
    def _on_sent(self, sent: Sent) -> None:
        self.sig_application_changed.emit(sent.application)
        n = len(sent.package.files)
        self.sig_message.emit(
            f"Marked as sent: {n} files saved to {sent.folder}; the versions sent are frozen in History."
        )

    @Slot(object)
    def _on_deleted(self, application_id: int) -> None:
        self.sig_application_deleted.emit(application_id)
        self.sig_message.emit(tr("Application deleted."))

    @Slot(object)
    def _on_saved_file(self, path: Path) -> None:
        self.sig_message.emit(tr("Saved {path}").format(path=path))

    @Slot(object)
    def _on_imported(self, report: ImportReport) -> None:
        self.sig_library_changed.emit()
        if report.skipped_applications:
            self.sig_message.emit(
                tr("Imported {applications} applications, {cvs} CVs, {skipped} already here.").format(
                    applications=report.applications, cvs=report.master_cvs, skipped=report.skipped_applications
                )
            )
        else:
            self.sig_message.emit(
                tr("Imported {applications} applications, {cvs} CVs.").format(
                    applications=report.applications, cvs=report.master_cvs
                )
            )

    @Slot(object)
    def _on_erased(self, removed: list[Path]) -> None:
        self.sig_library_erased.emit()
        self.sig_message.emit(tr("All your data was deleted from this computer."))

    @Slot(object)
    def _on_failed(self, action: str, exc: BaseException) -> None:
        show_error(self._window, exc, action=action, log_path=self._host.log_path())

    # ------------------------------------------------------------------ helpers
    def _ws(self) -> Workspace:
        return self._host.workspace()

    def _run(self, name: str, work, on_success) -> None:  # type: ignore[no-untyped-def]
        self._runner.run(
            name,
            work,
            lane=Lane.DATABASE,
            on_success=on_success,
            on_failure=getattr(self, f"_on_{name.replace('-', '_')}_failed"),
        )

    @Slot(object)
    def _on_set_status_failed(self, exc: BaseException) -> None:
        self._on_failed(tr("change the status"), exc)

    @Slot(object)
    def _on_mark_sent_failed(self, exc: BaseException) -> None:
        self._on_failed(tr("mark the application as sent"), exc)

    @Slot(object)
    def _on_delete_application_failed(self, exc: BaseException) -> None:
        self._on_failed(tr("delete the application"), exc)

    @Slot(object)
    def _on_export_application_failed(self, exc: BaseException) -> None:
        self._on_failed(tr("save the application"), exc)

    @Slot(object)
    def _on_back_up_failed(self, exc: BaseException) -> None:
        self._on_failed(tr("back up your library"), exc)

    @Slot(object)
    def _on_import_failed(self, exc: BaseException) -> None:
        self._on_failed(tr("import the archive"), exc)

    @Slot(object)
    def _on_delete_all_failed(self, exc: BaseException) -> None:
        self._on_failed(tr("delete your data"), exc)

    def _ask_mode(self, source: Path, *, application: bool) -> str | None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            APP_TITLE,
            tr(
                "Your library is not empty. How should {name} be imported?\n\n"
                "Merge: add what is new, keep everything you have.\n{replace}"
            ).format(
                name=source.name,
                replace=tr("Replace: the imported application replaces the one you have with the same job.")
                if application
                else tr(
                    "Replace: your library is replaced by the backup (a backup of it is saved in your data folder "
                    "first)."
                ),
            ),
            QMessageBox.StandardButton.Cancel,
            self._window,
        )
        merge = box.addButton(tr("Merge"), QMessageBox.ButtonRole.AcceptRole)
        replace = box.addButton(tr("Replace"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(merge)
        box.exec()
        clicked = box.clickedButton()
        if clicked is merge:
            return "merge"
        if clicked is replace:
            return "replace"
        return None


def _safe(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in name)
    return "_".join(keep.split())[:80] or "application"
