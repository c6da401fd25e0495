"""The applications list in the sidebar: pages of the library, a status filter with counts, full-text search.

Reads run off the UI thread on the compute lane (SQLite in WAL mode: reads never wait for the writer); each
request carries a sequence number, and a result that is not the newest request's is dropped, so fast typing in
the search box never shows stale results. The filter's counts follow the list: whenever the model says an
application was added, removed or changed status (`sig_statuses_changed` — a generation, an import, the status
menu, a delete), they are read again in the background (changes in one event-loop turn are read once).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from careervp_desktop.domain.enums import ApplicationStatus
from careervp_desktop.ui.background import BackgroundRunner, Lane, TaskContext
from careervp_desktop.ui.i18n import tr
from careervp_desktop.ui.models import ApplicationListModel, status_label
from careervp_desktop.ui.views import ApplicationSidebarView

if TYPE_CHECKING:
    from careervp_desktop.domain.models import Application
    from careervp_desktop.workflow import Workspace

log = logging.getLogger(__name__)

PAGE_SIZE = 200
SEARCH_DELAY_MS = 200
SEARCH_LIMIT = 100


@dataclass
class ListPage:
    seq: int
    applications: list[Application]
    has_more: bool
    counts: dict[ApplicationStatus, int] | None  # None: unchanged (a next page)
    snippets: dict[int, str] | None  # search results: application id → snippet
    append: bool = False
    counts_seq: int = 0  # which read of the counts these are (the newest read wins)


@dataclass
class StatusCounts:
    seq: int
    counts: dict[ApplicationStatus, int]


def _page_work(
    ws: Workspace, seq: int, status: ApplicationStatus | None, offset: int, counts_seq: int, ctx: TaskContext
) -> ListPage:
    apps = ws.library.list_applications(limit=PAGE_SIZE + 1, offset=offset, status=status)
    counts = ws.library.status_counts() if offset == 0 else None
    return ListPage(seq, apps[:PAGE_SIZE], len(apps) > PAGE_SIZE, counts, None, offset > 0, counts_seq)


def _counts_work(ws: Workspace, seq: int, ctx: TaskContext) -> StatusCounts:
    return StatusCounts(seq, ws.library.status_counts())


def _search_work(
    ws: Workspace, seq: int, query: str, status: ApplicationStatus | None, counts_seq: int, ctx: TaskContext
) -> ListPage:
    hits = ws.library.search(query, limit=SEARCH_LIMIT)
    found = ws.library.get_applications([h.application_id for h in hits])
    apps: list[Application] = []
    snippets: dict[int, str] = {}
    for hit in hits:
        app = found.get(hit.application_id)
        if app is None or (status is not None and app.status != status) or hit.application_id in snippets:
            continue
        apps.append(app)
        snippets[hit.application_id] = hit.snippet
    return ListPage(seq, apps, False, ws.library.status_counts(), snippets, counts_seq=counts_seq)


class ApplicationListController(QObject):
    """Fills the sidebar's list from the library as the user searches, filters and scrolls.

    Signals: `sig_reloaded()`: the list shows a new set of rows (the window re-selects the current application).
    """

    sig_reloaded = Signal()

    def __init__(
        self, view: ApplicationSidebarView, model: ApplicationListModel, runner: BackgroundRunner, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._view = view
        self._model = model
        self._runner = runner
        self._ws: Workspace | None = None
        self._seq = 0
        self._loading = False
        self._counts: dict[ApplicationStatus, int] = {}
        self._counts_seq = 0  # reads of the counts asked for
        self._counts_shown = 0  # the read whose counts the filter shows (an older one arriving late is dropped)
        self._counts_timer = QTimer(self)  # several changes in one event-loop turn: one read
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)
        self._counts_timer.timeout.connect(self._read_counts)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        view.search_edit.textChanged.connect(self._on_search_text_changed)
        view.status_filter.currentIndexChanged.connect(self._on_status_changed)
        model.sig_more_wanted.connect(self._on_more_wanted)
        model.sig_statuses_changed.connect(self.refresh_counts)
        self._fill_status_filter()

    # ------------------------------------------------------------------ API
    def attach(self, ws: Workspace, first_page: list[Application]) -> None:
        """Show the library's first page (already read) and remember where more comes from."""
        self._ws = ws
        self._counts_timer.stop()
        self._counts_seq += 1
        self._counts_shown = self._counts_seq
        self._counts = ws.library.status_counts()
        self._fill_status_filter()
        self._model.set_applications(first_page[:PAGE_SIZE], has_more=len(first_page) > PAGE_SIZE)
        self._update_empty()

    def query(self) -> str:
        return self._view.search_edit.text().strip()

    def status(self) -> ApplicationStatus | None:
        data = self._view.status_filter.currentData()
        return ApplicationStatus(data) if data else None

    def is_filtered(self) -> bool:
        return bool(self.query()) or self.status() is not None

    def is_loading(self) -> bool:
        return self._loading or self._search_timer.isActive()

    def reload(self) -> None:
        """Read the list again for the current search and filter (in the background)."""
        self._search_timer.stop()
        if self._ws is None:
            return
        self._seq += 1
        self._loading = True
        query, status = self.query(), self.status()
        self._counts_seq += 1
        work = (
            partial(_search_work, self._ws, self._seq, query, status, self._counts_seq)
            if query
            else partial(_page_work, self._ws, self._seq, status, 0, self._counts_seq)
        )
        self._runner.run(
            "list-applications", work, lane=Lane.COMPUTE, on_success=self._on_page, on_failure=self._on_failed
        )

    @Slot()
    def refresh_counts(self) -> None:
        """Read the filter's counts again, in the background (the model asks after a new application, a deletion
        or a change of status)."""
        self._counts_timer.start()

    # ------------------------------------------------------------------ slots
    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        self._search_timer.start()

    @Slot(int)
    def _on_status_changed(self, index: int) -> None:
        self.reload()

    @Slot()
    def _on_more_wanted(self) -> None:
        if self._ws is None or self.query():
            return
        self._runner.run(
            "list-more-applications",
            partial(_page_work, self._ws, self._seq, self.status(), self._model.rowCount(), 0),
            lane=Lane.COMPUTE,
            on_success=self._on_page,
            on_failure=self._on_failed,
        )

    @Slot(object)
    def _on_page(self, page: ListPage) -> None:
        if page.seq != self._seq:
            return  # an older request: the user has typed or filtered since
        self._loading = False
        if page.counts is not None:
            self._show_counts(page.counts_seq, page.counts)
        if page.append:
            self._model.append(page.applications, has_more=page.has_more)
        else:
            self._model.set_applications(page.applications, has_more=page.has_more, snippets=page.snippets)
            self.sig_reloaded.emit()
        self._update_empty()

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._loading = False
        self._view.empty_label.setText(tr("The list could not be read: {exc}").format(exc=exc))
        self._view.set_empty(self._model.rowCount() == 0, filtered=True)

    @Slot()
    def _read_counts(self) -> None:
        if self._ws is None:
            return
        self._counts_seq += 1
        self._runner.run(
            "count-applications",
            partial(_counts_work, self._ws, self._counts_seq),
            lane=Lane.COMPUTE,
            on_success=self._on_counts_read,
            on_failure=self._on_counts_failed,
        )

    @Slot(object)
    def _on_counts_read(self, read: StatusCounts) -> None:
        self._show_counts(read.seq, read.counts)

    @Slot(object)
    def _on_counts_failed(self, exc: BaseException) -> None:
        # the counts are a courtesy: the old ones stay, the list still works
        log.warning("status counts could not be read: %s", type(exc).__name__)

    # ------------------------------------------------------------------ helpers
    def _show_counts(self, seq: int, counts: dict[ApplicationStatus, int]) -> None:
        if seq < self._counts_shown:
            return  # an older read arriving after a newer one
        self._counts_shown = seq
        self._counts = counts
        self._fill_status_filter()

    def _update_empty(self) -> None:
        self._view.set_empty(self._model.rowCount() == 0, filtered=self.is_filtered())

    def _fill_status_filter(self) -> None:
        combo = self._view.status_filter
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        total = sum(self._counts.values())
        combo.addItem(tr("All statuses ({total})").format(total=total), None)
        for status in ApplicationStatus:
            n = self._counts.get(status, 0)
            if n or status.value == current:
                combo.addItem(f"{status_label(status)} ({n})", status.value)
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
