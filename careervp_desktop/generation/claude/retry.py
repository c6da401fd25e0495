"""Our retry policy (the SDK's own retries are off: `max_retries=0`, so they never multiply with ours).

Transient failures (429, 529, 5xx, timeouts, connection and protocol errors) are retried up to `max_attempts`
in all, waiting exponentially longer with jitter; a server's `retry-after` is honoured but never beyond
`max_delay` (30 s). Every attempt goes through the circuit breaker: it is asked before sending (an open breaker
stops the loop at once, nothing sent) and told the outcome after. Sleeping is injected (tests never really
sleep) and sliced so a cancel flag is noticed within a quarter of a second.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from careervp_desktop.generation.claude.breaker import BreakerState, CircuitBreaker
from careervp_desktop.generation.claude.errors import BreakerOpenError, CallCancelled, ClaudeCallError

T = TypeVar("T")

Sleep = Callable[[float], None]
SLEEP_SLICE = 0.25


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4
    base_delay: float = 1.0  # the first wait is between base/2 and base
    max_delay: float = 30.0  # no single wait is longer, retry-after included

    def delay(self, failed_attempt: int, retry_after: float | None, rng: random.Random) -> float:
        """Seconds to wait after the `failed_attempt`-th attempt (1-based) failed."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_delay)
        ceiling = min(self.max_delay, self.base_delay * 2.0 ** max(0, failed_attempt - 1))
        jitter: float = rng.uniform(0.0, ceiling / 2)
        return ceiling / 2 + jitter  # "equal jitter": never zero, never in lockstep


@dataclass(frozen=True)
class RetryWait:
    """Told to `on_wait` before a wait: what failed, how long we wait, which attempt comes next."""

    failure: ClaudeCallError
    seconds: float
    next_attempt: int
    max_attempts: int

    @property
    def text(self) -> str:
        return (
            f"Claude: {self.failure.short}; trying again in {self.seconds:.0f} s "
            f"(attempt {self.next_attempt} of {self.max_attempts})"
        )


def default_sleep(seconds: float) -> None:
    """`time.sleep`, looked up at call time (so a test can patch it for code it cannot inject into)."""
    time.sleep(seconds)


def sleep_unless_cancelled(seconds: float, sleep: Sleep, is_cancelled: Callable[[], bool]) -> None:
    """Sleep `seconds` in slices, raising `CallCancelled` as soon as `is_cancelled()` turns true."""
    left = seconds
    while left > 0:
        if is_cancelled():
            raise CallCancelled()
        step = min(SLEEP_SLICE, left)
        sleep(step)
        left -= step
    if is_cancelled():
        raise CallCancelled()


def breaker_open_error(breaker: CircuitBreaker) -> BreakerOpenError:
    why = f" (last error: {breaker.last_reason})" if breaker.last_reason else ""
    if breaker.state is BreakerState.HALF_OPEN:
        return BreakerOpenError(f"Claude is recovering{why} and is being probed by another call: try again shortly.")
    return BreakerOpenError(
        f"Claude is unavailable{why}: nothing was sent; retry in {max(1, round(breaker.retry_in()))} s."
    )


def call_with_retries(
    attempt: Callable[[int], T],
    *,
    breaker: CircuitBreaker,
    policy: RetryPolicy | None = None,
    sleep: Sleep = default_sleep,
    rng: random.Random | None = None,
    is_cancelled: Callable[[], bool] = lambda: False,
    on_wait: Callable[[RetryWait], None] | None = None,
) -> T:
    """Run `attempt(n)` (n = 1, 2, …) until it returns, retrying transient `ClaudeCallError`s.

    Raises `BreakerOpenError` when the breaker refuses (nothing sent), `CallCancelled`, or the last
    `ClaudeCallError` (non-transient ones at once)."""
    policy = policy or RetryPolicy()
    rng = rng or random.Random()
    last: ClaudeCallError | None = None
    for n in range(1, policy.max_attempts + 1):
        if is_cancelled():
            raise CallCancelled()
        if not breaker.allow():
            if last is not None:
                raise last  # the breaker opened while we retried: the failure that did it says more
            raise breaker_open_error(breaker)
        try:
            result = attempt(n)
        except ClaudeCallError as failure:
            last = failure
            if failure.transient:
                breaker.record_failure(failure.short)
            else:
                breaker.release()  # the service answered; a bad key or request says nothing about its health
            if not failure.transient or n == policy.max_attempts:
                raise
            wait = policy.delay(n, failure.retry_after, rng)
            if on_wait is not None:
                on_wait(RetryWait(failure, wait, n + 1, policy.max_attempts))
            sleep_unless_cancelled(wait, sleep, is_cancelled)
            continue
        except BaseException:
            breaker.release()
            raise
        breaker.record_success()
        return result
    raise AssertionError("unreachable")  # pragma: no cover
