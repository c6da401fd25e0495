"""Item models for the GUI's views."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from careervp_desktop.domain.models import Application, ApplicationStatus

_Index = QModelIndex | QPersistentModelIndex

STATUS_LABELS: dict[ApplicationStatus, str] = {
    ApplicationStatus.DRAFT: "Draft",
    ApplicationStatus.ANALYSED: "Analysed",
    ApplicationStatus.GENERATED: "Generated",
    ApplicationStatus.SENT: "Sent",
    ApplicationStatus.INTERVIEWING: "Interviewing",
    ApplicationStatus.OFFER: "Offer",
    ApplicationStatus.REJECTED: "Rejected",
    ApplicationStatus.WITHDRAWN: "Withdrawn",
}


def format_updated(moment: datetime, *, now: datetime | None = None) -> str:
    """'Today 14:05', 'Yesterday', '3 Mar', '3 Mar 2024' — in local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    today = (now or datetime.now(UTC)).astimezone().date()
    days = (today - local.date()).days
    if days == 0:
        return f"Today {local:%H:%M}"
    if days == 1:
        return "Yesterday"
    if local.year == today.year:
        return f"{local.day} {local:%b}"
    return f"{local.day} {local:%b %Y}"


class ApplicationListModel(QAbstractListModel):
    """The user's applications, newest first. DisplayRole is the display name; the custom roles below give
    the rest (the delegate draws status and date on a second line)."""

    class Role(IntEnum):
        ID = Qt.ItemDataRole.UserRole + 1  # int
        STATUS = Qt.ItemDataRole.UserRole + 2  # ApplicationStatus
        STATUS_LABEL = Qt.ItemDataRole.UserRole + 3  # str
        UPDATED = Qt.ItemDataRole.UserRole + 4  # str, e.g. "Today 14:05"
        APPLICATION = Qt.ItemDataRole.UserRole + 5  # Application

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._apps: list[Application] = []

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        return 0 if parent.isValid() else len(self._apps)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._apps) or index.column() != 0:
            return None
        app = self._apps[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return app.display_name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{app.display_name}\n{STATUS_LABELS[app.status]} · updated {format_updated(app.updated_at)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{app.display_name}, {STATUS_LABELS[app.status]}, updated {format_updated(app.updated_at)}"
        if role == self.Role.ID:
            return app.id
        if role == self.Role.STATUS:
            return app.status
        if role == self.Role.STATUS_LABEL:
            return STATUS_LABELS[app.status]
        if role == self.Role.UPDATED:
            return format_updated(app.updated_at)
        if role == self.Role.APPLICATION:
            return app
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(
            {
                int(self.Role.ID): b"applicationId",
                int(self.Role.STATUS): b"status",
                int(self.Role.STATUS_LABEL): b"statusLabel",
                int(self.Role.UPDATED): b"updated",
                int(self.Role.APPLICATION): b"application",
            }
        )
        return names

    # ------------------------------------------------------------------ ours
    def set_applications(self, apps: list[Application]) -> None:
        self.beginResetModel()
        self._apps = sorted(apps, key=_newest_first)
        self.endResetModel()

    def upsert(self, app: Application) -> int:
        """Insert or replace `app` (by id), keep newest first, return its row."""
        row = self.row_of(app.id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._apps[row]
            self.endRemoveRows()
        new_row = 0
        while new_row < len(self._apps) and _newest_first(self._apps[new_row]) <= _newest_first(app):
            new_row += 1
        self.beginInsertRows(QModelIndex(), new_row, new_row)
        self._apps.insert(new_row, app)
        self.endInsertRows()
        return new_row

    def application_at(self, row: int) -> Application | None:
        return self._apps[row] if 0 <= row < len(self._apps) else None

    def row_of(self, application_id: int | None) -> int | None:
        if application_id is None:
            return None
        for row, app in enumerate(self._apps):
            if app.id == application_id:
                return row
        return None

    def applications(self) -> list[Application]:
        return list(self._apps)


def _newest_first(app: Application) -> tuple[float, int]:
    moment = app.updated_at if app.updated_at.tzinfo else app.updated_at.replace(tzinfo=UTC)
    return (-moment.timestamp(), -(app.id or 0))
