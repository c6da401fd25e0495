"""What the user sees when something fails: their own words for a `UserFacingError`, an honest apology plus
the log's location for a bug. Messages are logged without personal data (the exception type and traceback only)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from careervp_desktop.domain.errors import UserFacingError
from careervp_desktop.ui.i18n import tr

log = logging.getLogger(__name__)

APP_TITLE = "CareerVP"


def show_error(parent: QWidget | None, exc: BaseException, *, action: str, log_path: Path | None) -> None:
    """Tell the user that `action` (e.g. "import the CV") failed.

    A `UserFacingError` shows its one-line message as is (nothing is lost; they can fix it and retry).
    Anything else is a bug: it is logged with its traceback and the dialog says where the log is.
    """
    if isinstance(exc, UserFacingError):
        log.info("could not %s: %s", action, type(exc).__name__)
        QMessageBox.warning(parent, APP_TITLE, exc.message)
        return
    log.error("unexpected error while trying to %s", action, exc_info=(type(exc), exc, exc.__traceback__))
    where = (
        tr("The details are in the log:\n{path}").format(path=log_path)
        if log_path
        else tr("The details could not be written to a log.")
    )
    QMessageBox.critical(
        parent,
        APP_TITLE,
        tr("Something went wrong while trying to {action}.\n\nYour work so far is kept. {where}").format(
            action=action, where=where
        ),
    )
