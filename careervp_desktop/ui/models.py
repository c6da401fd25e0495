"""Item models for the GUI's views."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from careervp_desktop.domain.enums import ApplicationStatus
from careervp_desktop.ui import i18n
from careervp_desktop.ui.i18n import tr

if TYPE_CHECKING:
    from careervp_desktop.domain.models import Application

_Index = QModelIndex | QPersistentModelIndex


def status_label(status: ApplicationStatus) -> str:
    """An application's status as the UI shows it (the domain's enum value stays English)."""
    return {
        ApplicationStatus.DRAFT: tr("Draft"),
        ApplicationStatus.ANALYSED: tr("Analysed"),
        ApplicationStatus.GENERATED: tr("Generated"),
        ApplicationStatus.SENT: tr("Sent"),
        ApplicationStatus.INTERVIEWING: tr("Interviewing"),
        ApplicationStatus.OFFER: tr("Offer"),
        ApplicationStatus.REJECTED: tr("Rejected"),
        ApplicationStatus.WITHDRAWN: tr("Withdrawn"),
    }[status]


def format_updated(moment: datetime, *, now: datetime | None = None) -> str:
    """'Today 14:05', 'Yesterday', '3 Mar', '3 Mar 2024' — in local time, in the UI language."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    today = (now or datetime.now(UTC)).astimezone().date()
    days = (today - local.date()).days
    if days == 0:
        return tr("Today {time}").format(time=f"{local:%H:%M}")
    if days == 1:
        return tr("Yesterday")
    if i18n.language() != "en":  # month names in the UI language
        from PySide6.QtCore import QDate, QLocale

        pattern = "d MMM" if local.year == today.year else "d MMM yyyy"
        return QLocale(i18n.language()).toString(QDate(local.year, local.month, local.day), pattern)
    if local.year == today.year:
        return f"{local.day} {local:%b}"
    return f"{local.day} {local:%b %Y}"


class ApplicationListModel(QAbstractListModel):
    """The user's applications: newest first, or in search-rank order. DisplayRole is the display name; the
    custom roles below give the rest (the delegate draws status and date, or the search snippet, on a second line).

    Paging: `set_applications(apps, has_more=True)` shows a first page; when the view scrolls to the end, Qt calls
    `fetchMore`, which emits `sig_more_wanted()` once; the controller then loads the next page and calls `append`.

    `sig_statuses_changed()`: `upsert` added an application or changed one's status, or `remove` took one away —
    the status filter's counts may be out of date. Pages read from the library (`set_applications`, `append`)
    do not emit it: they come with their counts.
    """

    sig_more_wanted = Signal()
    sig_statuses_changed = Signal()

    class Role(IntEnum):
        ID = Qt.ItemDataRole.UserRole + 1  # int
        STATUS = Qt.ItemDataRole.UserRole + 2  # ApplicationStatus
        STATUS_LABEL = Qt.ItemDataRole.UserRole + 3  # str
        UPDATED = Qt.ItemDataRole.UserRole + 4  # str, e.g. "Today 14:05"
        APPLICATION = Qt.ItemDataRole.UserRole + 5  # Application
        SNIPPET = Qt.ItemDataRole.UserRole + 6  # str: where the search matched ("" when not searching)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._apps: list[Application] = []
        self._snippets: dict[int, str] = {}
        self._ranked = False  # search results keep their rank order
        self._has_more = False
        self._more_asked = False

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
            tip = tr("{name}\n{status} · updated {when}").format(
                name=app.display_name, status=status_label(app.status), when=format_updated(app.updated_at)
            )
            snippet = self._snippets.get(app.id or 0)
            return f"{tip}\n\n{snippet}" if snippet else tip
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return tr("{name}, {status}, updated {when}").format(
                name=app.display_name, status=status_label(app.status), when=format_updated(app.updated_at)
            )
        if role == self.Role.ID:
            return app.id
        if role == self.Role.STATUS:
            return app.status
        if role == self.Role.STATUS_LABEL:
            return status_label(app.status)
        if role == self.Role.UPDATED:
            return format_updated(app.updated_at)
        if role == self.Role.APPLICATION:
            return app
        if role == self.Role.SNIPPET:
            return self._snippets.get(app.id or 0, "")
        return None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008 (Qt's default argument)
        return not parent.isValid() and self._has_more and not self._more_asked

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008 (Qt's default argument)
        if self.canFetchMore(parent):
            self._more_asked = True
            self.sig_more_wanted.emit()

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
                int(self.Role.SNIPPET): b"snippet",
            }
        )
        return names

    # ------------------------------------------------------------------ ours
    def set_applications(
        self, apps: list[Application], *, has_more: bool = False, snippets: dict[int, str] | None = None
    ) -> None:
        """Show `apps`: newest first; or, with `snippets` (search results), in the order given."""
        self.beginResetModel()
        self._ranked = snippets is not None
        self._snippets = dict(snippets or {})
        self._apps = list(apps) if self._ranked else sorted(apps, key=_newest_first)
        self._has_more = has_more
        self._more_asked = False
        self.endResetModel()

    def append(self, apps: list[Application], *, has_more: bool) -> None:
        """Add the next page (applications already shown are skipped)."""
        shown = {a.id for a in self._apps}
        new = [a for a in apps if a.id not in shown]
        if new:
            self.beginInsertRows(QModelIndex(), len(self._apps), len(self._apps) + len(new) - 1)
            self._apps.extend(new)
            self.endInsertRows()
        self._has_more = has_more
        self._more_asked = False

    def is_ranked(self) -> bool:
        return self._ranked

    def remove(self, application_id: int) -> None:
        row = self.row_of(application_id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._apps[row]
            self.endRemoveRows()
            self.sig_statuses_changed.emit()

    def upsert(self, app: Application) -> int:
        """Insert or replace `app` (by id), keep newest first (search results keep their rank), return its row.
        A replaced row is updated in place and moved (never removed and re-inserted), so the selection and the
        view's current item follow it instead of jumping to a neighbour."""
        row = self.row_of(app.id)
        if row is None:
            new_row = len(self._apps) if self._ranked else self._sorted_position(app, self._apps)
            self.beginInsertRows(QModelIndex(), new_row, new_row)
            self._apps.insert(new_row, app)
            self.endInsertRows()
            self.sig_statuses_changed.emit()
            return new_row
        old_status = self._apps[row].status
        self._apps[row] = app
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)
        if app.status != old_status:
            self.sig_statuses_changed.emit()
        if self._ranked:
            return row
        others = self._apps[:row] + self._apps[row + 1 :]
        new_row = self._sorted_position(app, others)
        if new_row != row:
            # Qt's destination is the row *before which* the item goes, counted before the move.
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), new_row if new_row < row else new_row + 1)
            self._apps = [*others[:new_row], app, *others[new_row:]]
            self.endMoveRows()
        return new_row

    @staticmethod
    def _sorted_position(app: Application, apps: list[Application]) -> int:
        position = 0
        while position < len(apps) and _newest_first(apps[position]) <= _newest_first(app):
            position += 1
        return position

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
