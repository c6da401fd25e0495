"""What can go wrong with a Claude call, each as one line saying what is wrong and what to do.

`ClaudeCallError` carries a `FailureKind`: the retry loop retries the transient kinds, the breaker counts them,
and the provider turns any of these into an offline draft whose provenance note repeats the message.
All are `UserFacingError`s (the CLI prints them as they are; exit code 2).
"""

from __future__ import annotations

from enum import StrEnum

from careervp_desktop.domain.errors import ProviderUnavailableError, UserFacingError


class FailureKind(StrEnum):
    RATE_LIMITED = "rate_limited"  # 429
    OVERLOADED = "overloaded"  # 529
    SERVER_ERROR = "server_error"  # other 5xx
    TIMEOUT = "timeout"  # no answer in time (connect or read)
    CONNECTION = "connection"  # network down, DNS, refused
    PROTOCOL = "protocol"  # broken stream, a body that is not JSON, an empty reply
    AUTH = "auth"  # 401 / 403: the key is wrong or lacks permission
    NOT_FOUND = "not_found"  # 404: usually an unknown model id
    BAD_REQUEST = "bad_request"  # 400 / 413 / 422: our request was refused
    TRUNCATED = "truncated"  # stop_reason max_tokens, even after one larger try
    INVALID_REPLY = "invalid_reply"  # the reply does not fit the schema, even after one repair round
    REFUSED = "refused"  # stop_reason refusal


TRANSIENT = frozenset(
    {
        FailureKind.RATE_LIMITED,
        FailureKind.OVERLOADED,
        FailureKind.SERVER_ERROR,
        FailureKind.TIMEOUT,
        FailureKind.CONNECTION,
        FailureKind.PROTOCOL,
    }
)


class ClaudeCallError(ProviderUnavailableError):
    """A call to Claude failed. `retry_after` is the server's hint in seconds (429/529), when it gave one."""

    def __init__(
        self,
        kind: FailureKind,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        short: str | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.retry_after = retry_after
        self.short = short or message  # a few words for the status bar ("rate limited (429)")

    @property
    def transient(self) -> bool:
        """Worth retrying, and counted by the circuit breaker."""
        return self.kind in TRANSIENT


class BreakerOpenError(ProviderUnavailableError):
    """The breaker is open: the call was not sent."""


class NoApiKeyError(ProviderUnavailableError):
    def __init__(self) -> None:
        super().__init__(
            "No Anthropic API key is set: add one in Settings ▸ Claude (or set ANTHROPIC_API_KEY), "
            "or use the offline provider."
        )


class BudgetExceededError(UserFacingError):
    """The call would take this month's spending over the budget cap: it was not sent."""

    def __init__(self, estimate_usd: float, spent_usd: float, budget_usd: float) -> None:
        super().__init__(
            f"This call (about ${estimate_usd:.4f}) would take this month's Claude spending "
            f"(${spent_usd:.2f}) over your ${budget_usd:.2f} budget: raise the budget in Settings ▸ Claude, "
            "or wait for next month."
        )
        self.estimate_usd = estimate_usd
        self.spent_usd = spent_usd
        self.budget_usd = budget_usd


class PrivacyGuardError(UserFacingError):
    """A contact detail was still in a request about to be sent: nothing was sent (a bug; details in the log)."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"Your {what} was about to be sent to Claude, so nothing was sent: use the offline provider and "
            "report this bug."
        )


class CallCancelled(Exception):
    """The user cancelled while a call was waiting or streaming. Not an error: nothing is saved for this call."""

    def __init__(self) -> None:
        super().__init__("Generation cancelled.")
