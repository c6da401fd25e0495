"""Who writes the documents, for the status bar: "Offline engine — no API key", "Claude · $0.42 of $5.00 this month",
"Claude unavailable — retry in 42 s". Breaker changes arrive from worker threads and are re-emitted on the UI
thread; while the breaker is open a one-second timer keeps the countdown honest."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from careervp_desktop.domain.records import UsageTotals
from careervp_desktop.generation.claude.breaker import BreakerChange, BreakerState
from careervp_desktop.generation.claude.service import ClaudeService
from careervp_desktop.ui.i18n import tr


@dataclass(frozen=True)
class ProviderState:
    text: str  # one short line
    tooltip: str
    claude: bool  # True: Generate writes with Claude (possibly falling back per document)


def provider_state(service: ClaudeService | None) -> ProviderState:
    if service is None or not service.api_key():
        return ProviderState(
            tr("Offline engine — no API key"),
            tr(
                "Documents are drafted on this computer by the offline engine; nothing is sent anywhere.\n"
                "Set an Anthropic API key in Settings ▸ Claude to write them with Claude."
            ),
            False,
        )
    breaker = service.breaker.status_text()
    if service.breaker.state is BreakerState.OPEN:
        return ProviderState(
            tr("{breaker} · offline drafts meanwhile").format(breaker=breaker),
            tr(
                "Claude failed several times in a row, so CareerVP stopped calling it for a minute. Documents "
                "written now are offline drafts, labelled so; use Retry with Claude on them later."
            ),
            False,
        )
    budget = service.monthly_budget()
    spend = service.month_spend()
    if budget is not None and spend >= budget:
        return ProviderState(
            tr("Claude · monthly budget of ${budget:,.2f} reached: offline drafts").format(budget=budget),
            tr("Raise the budget in Settings ▸ Claude, or wait for next month, to write with Claude again."),
            False,
        )
    money = (
        tr("${spend:,.2f} of ${budget:,.2f} this month").format(spend=spend, budget=budget)
        if budget is not None
        else tr("${spend:,.2f} this month").format(spend=spend)
    )
    text = f"{breaker} · {money}" if breaker else f"Claude · {money}"
    return ProviderState(
        text,
        tr(
            "Documents are written with Claude. Your name, email, phone and links stay on this computer "
            "(placeholders are sent). Every claim is still checked against your CV."
        ),
        True,
    )


def _tokens(totals: UsageTotals) -> int:
    return totals.input_tokens + totals.output_tokens + totals.cache_read_tokens + totals.cache_write_tokens


def usage_state(service: ClaudeService | None, application_id: int | None) -> ProviderState | None:
    """What Claude cost, for the status bar: this application's tokens and dollars, this month's, and the budget
    left ("This application: 12,400 tokens · $0.05 · month $0.42, $4.58 of $5.00 left"). None without a key."""
    if service is None or not service.api_key():
        return None
    month = service.usage(this_month=True)
    budget = service.monthly_budget()
    left = (
        tr(", ${left:,.2f} of ${budget:,.2f} left").format(left=max(0.0, budget - month.cost_usd), budget=budget)
        if budget is not None
        else ""
    )
    parts = []
    if application_id is not None:
        app = service.usage(application_id)
        parts.append(
            tr("This application: {tokens:,} tokens · ${usd:,.2f}").format(tokens=_tokens(app), usd=app.cost_usd)
        )
    parts.append(
        tr("month ${usd:,.2f}").format(usd=month.cost_usd) + left
        if parts
        else tr("This month: ${usd:,.2f}").format(usd=month.cost_usd) + left
    )
    lines = [
        tr(
            "This month: {calls:,} calls to Claude, {tokens_in:,} tokens in, {tokens_out:,} out ({cached:,} read "
            "from the prompt cache), ${usd:,.4f}."
        ).format(
            calls=month.calls,
            tokens_in=month.input_tokens,
            tokens_out=month.output_tokens,
            cached=month.cache_read_tokens,
            usd=month.cost_usd,
        )
    ]
    if budget is not None:
        lines.append(
            tr("Monthly budget ${budget:,.2f}: at the cap documents are drafted offline.").format(budget=budget)
        )
    lines.append(tr("See `careervp usage` for every application."))
    tooltip = "\n".join(lines)
    return ProviderState(" · ".join(parts), tooltip, True)


class ProviderStatus(QObject):
    """Signals: `sig_changed()` whenever the status bar line may read differently (on the UI thread)."""

    sig_changed = Signal()
    _sig_breaker = Signal(object)  # emitted on the thread that changed the breaker; delivered on ours

    def __init__(self, service: ClaudeService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_tick)
        self._sig_breaker.connect(self._on_breaker)
        service.add_breaker_listener(self._from_any_thread)
        self._sync_timer()

    def detach(self) -> None:
        self.service.remove_breaker_listener(self._from_any_thread)
        self._timer.stop()

    def state(self) -> ProviderState:
        return provider_state(self.service)

    def _from_any_thread(self, change: BreakerChange) -> None:
        self._sig_breaker.emit(change)

    @Slot(object)
    def _on_breaker(self, change: object) -> None:
        self._sync_timer()
        self.sig_changed.emit()

    @Slot()
    def _on_tick(self) -> None:
        self._sync_timer()
        self.sig_changed.emit()

    def _sync_timer(self) -> None:
        if self.service.breaker.state is BreakerState.OPEN:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()
