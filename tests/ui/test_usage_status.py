"""The status bar's usage line: this application's tokens and dollars, this month's, and the budget left."""

from __future__ import annotations

from datetime import timedelta

from careervp_desktop.domain.models import utc_now
from careervp_desktop.domain.records import UsageRecord
from careervp_desktop.generation.claude.ports import MemoryLedger, MemorySettings
from careervp_desktop.generation.claude.service import SETTING_BUDGET, ClaudeService
from careervp_desktop.ui.provider_status import usage_state


def _service(key: str | None, budget: float | None = None) -> tuple[ClaudeService, MemoryLedger]:
    ledger = MemoryLedger()
    settings = MemorySettings({SETTING_BUDGET: budget} if budget is not None else {})
    return ClaudeService(api_key=lambda: key, ledger=ledger, settings=settings), ledger


def test_usage_line_counts_this_application_and_this_month_and_the_budget_left() -> None:
    service, ledger = _service("sk-ant-test", budget=5.0)
    ledger.record_usage(
        UsageRecord(
            application_id=1,
            provider="anthropic",
            input_tokens=1000,
            output_tokens=200,
            cache_read_tokens=300,
            cost_usd=0.25,
        )
    )
    ledger.record_usage(UsageRecord(application_id=2, provider="anthropic", input_tokens=10, cost_usd=1.0))
    last_year = utc_now() - timedelta(days=400)  # not this month: not in the month's total
    ledger.record_usage(
        UsageRecord(application_id=1, provider="anthropic", input_tokens=5, cost_usd=9.0, created_at=last_year)
    )
    state = usage_state(service, 1)
    assert state is not None
    assert state.text == "This application: 1,505 tokens · $9.25 · month $1.25, $3.75 of $5.00 left"
    assert "2 calls to Claude" in state.tooltip and "Monthly budget $5.00" in state.tooltip
    # No application selected: the month alone. Over budget: nothing left, never a negative amount.
    ledger.record_usage(UsageRecord(application_id=2, provider="anthropic", cost_usd=10.0))
    over = usage_state(service, None)
    assert over is not None and over.text == "This month: $11.25, $0.00 of $5.00 left"


def test_no_usage_line_without_a_key() -> None:
    service, _ledger = _service(None)
    assert usage_state(service, 1) is None
    assert usage_state(None, 1) is None
