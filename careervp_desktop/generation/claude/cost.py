"""Tokens and dollars: estimates before a call, the bill after it, and the monthly budget cap.

`estimate_tokens(text)` is the offline heuristic (about 3.5 characters per token for the current Claude
tokenizers on English prose and JSON, rounded up, so estimates err high); the client asks the count_tokens
endpoint instead when it is online. `Usage.cost(price)` prices a reply at list prices; `billed_input` is the
input-equivalent measure the benchmark compares (input + 1.25 × cache write + 0.1 × cache read).

The budget: `month_start(now)` is the first instant of the current month (UTC); a call whose estimate would take
the month's spend over the cap is refused before anything is sent (`check_budget`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from careervp_desktop.generation.claude.errors import BudgetExceededError
from careervp_desktop.generation.claude.models_catalog import MTOK, Price

CHARS_PER_TOKEN = 3.5
MESSAGE_OVERHEAD = 12  # role markers and the like, per request


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN) + MESSAGE_OVERHEAD if text else 0


@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0  # not cached
    output_tokens: int = 0
    cache_write_tokens: int = 0  # cache_creation_input_tokens
    cache_read_tokens: int = 0  # cache_read_input_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
            self.cache_write_tokens + other.cache_write_tokens,
            self.cache_read_tokens + other.cache_read_tokens,
        )

    @property
    def billed_input(self) -> float:
        """Input-equivalent tokens: what the input side costs, in units of uncached input tokens."""
        return self.input_tokens + 1.25 * self.cache_write_tokens + 0.1 * self.cache_read_tokens

    def cost(self, price: Price) -> float:
        return (
            self.input_tokens * price.input
            + self.output_tokens * price.output
            + self.cache_write_tokens * price.cache_write
            + self.cache_read_tokens * price.cache_read
        ) / MTOK


@dataclass(frozen=True)
class CostEstimate:
    """What a call (or several) is expected to cost, shown before sending."""

    input_tokens: int
    output_tokens: int  # expected, not the max_tokens ceiling
    usd: float
    counted: bool  # True: input counted by the API; False: the offline heuristic

    def __add__(self, other: CostEstimate) -> CostEstimate:
        return CostEstimate(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
            self.usd + other.usd,
            self.counted and other.counted,
        )

    @property
    def text(self) -> str:
        how = "" if self.counted else " (estimate)"
        return f"about {self.input_tokens:,} tokens in, {self.output_tokens:,} out, ${self.usd:.4f}{how}"


def estimate_cost(input_tokens: int, output_tokens: int, price: Price, *, counted: bool) -> CostEstimate:
    """Priced as uncached input: what it costs if the prompt cache does not help (an upper bound)."""
    usd = (input_tokens * price.input + output_tokens * price.output) / MTOK
    return CostEstimate(input_tokens, output_tokens, usd, counted)


def month_start(now: datetime) -> datetime:
    now = now.astimezone(UTC)
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def check_budget(estimate_usd: float, spent_usd: float, budget_usd: float | None) -> None:
    """Raise `BudgetExceededError` when the call would take the month over the cap (None or ≤ 0: no cap)."""
    if budget_usd is None or budget_usd <= 0:
        return
    if spent_usd + estimate_usd > budget_usd:
        raise BudgetExceededError(estimate_usd, spent_usd, budget_usd)
