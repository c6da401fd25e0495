from __future__ import annotations

import random

import pytest

from careervp_desktop.generation.claude.breaker import CircuitBreaker
from careervp_desktop.generation.claude.errors import (
    BreakerOpenError,
    CallCancelled,
    ClaudeCallError,
    FailureKind,
)
from careervp_desktop.generation.claude.retry import RetryPolicy, RetryWait, call_with_retries


class Sleeper:
    def __init__(self) -> None:
        self.slept: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.slept.append(seconds)

    @property
    def total(self) -> float:
        return sum(self.slept)


def failing(kinds: list[FailureKind], *, retry_after: float | None = None):  # type: ignore[no-untyped-def]
    calls: list[int] = []

    def attempt(n: int) -> str:
        calls.append(n)
        if kinds:
            raise ClaudeCallError(kinds.pop(0), "it failed: do something", retry_after=retry_after, short="fail")
        return "ok"

    return attempt, calls


def test_backoff_is_exponential_with_jitter_and_capped() -> None:
    policy = RetryPolicy(max_attempts=10, base_delay=1.0, max_delay=30.0)
    rng = random.Random(1)
    for attempt in range(1, 9):
        ceiling = min(30.0, 2.0 ** (attempt - 1))
        delays = {policy.delay(attempt, None, rng) for _ in range(50)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(delays) > 1  # jittered


def test_retry_after_is_honoured_but_capped() -> None:
    policy = RetryPolicy()
    rng = random.Random(0)
    assert policy.delay(1, 7.0, rng) == 7.0
    assert policy.delay(1, 120.0, rng) == 30.0
    assert policy.delay(1, -3.0, rng) == 0.0


def test_transient_failures_are_retried_then_succeed() -> None:
    sleep = Sleeper()
    attempt, calls = failing([FailureKind.OVERLOADED, FailureKind.RATE_LIMITED], retry_after=2.0)
    waits: list[RetryWait] = []
    result = call_with_retries(
        attempt, breaker=CircuitBreaker(), sleep=sleep, rng=random.Random(0), on_wait=waits.append
    )
    assert result == "ok" and calls == [1, 2, 3]
    assert sleep.total == pytest.approx(4.0)
    assert max(sleep.slept) <= 0.25  # sliced, so a cancel is noticed quickly
    assert [w.next_attempt for w in waits] == [2, 3]
    assert waits[0].text == "Claude: fail; trying again in 2 s (attempt 2 of 4)"


def test_gives_up_after_max_attempts_with_the_last_error() -> None:
    attempt, calls = failing([FailureKind.SERVER_ERROR] * 10)
    with pytest.raises(ClaudeCallError) as info:
        call_with_retries(attempt, breaker=CircuitBreaker(), sleep=Sleeper(), policy=RetryPolicy(max_attempts=3))
    assert info.value.kind is FailureKind.SERVER_ERROR and calls == [1, 2, 3]


@pytest.mark.parametrize("kind", [FailureKind.AUTH, FailureKind.BAD_REQUEST, FailureKind.NOT_FOUND])
def test_non_transient_failures_are_not_retried_nor_counted(kind: FailureKind) -> None:
    breaker = CircuitBreaker()
    attempt, calls = failing([kind] * 10)
    for _ in range(6):
        with pytest.raises(ClaudeCallError):
            call_with_retries(attempt, breaker=breaker, sleep=Sleeper())
    assert len(calls) == 6
    assert breaker.allow()


def test_every_failed_attempt_counts_for_the_breaker_and_an_open_breaker_stops_the_loop() -> None:
    breaker = CircuitBreaker()
    attempt, calls = failing([FailureKind.TIMEOUT] * 10)
    with pytest.raises(ClaudeCallError):
        call_with_retries(attempt, breaker=breaker, sleep=Sleeper())
    assert len(calls) == 4
    with pytest.raises(ClaudeCallError):  # the fifth failure opened it: no sixth attempt, the failure is told
        call_with_retries(attempt, breaker=breaker, sleep=Sleeper())
    assert len(calls) == 5
    with pytest.raises(BreakerOpenError) as info:
        call_with_retries(attempt, breaker=breaker, sleep=Sleeper())
    assert len(calls) == 5
    assert "nothing was sent" in str(info.value) and "retry in 60 s" in str(info.value)


def test_cancel_during_a_wait() -> None:
    attempt, calls = failing([FailureKind.OVERLOADED] * 3, retry_after=20.0)
    sleep = Sleeper()
    cancelled = iter([False, False, False, False, True])
    with pytest.raises(CallCancelled):
        call_with_retries(attempt, breaker=CircuitBreaker(), sleep=sleep, is_cancelled=lambda: next(cancelled, True))
    assert calls == [1] and sleep.total < 1.0


def test_cancel_before_the_first_attempt_sends_nothing() -> None:
    attempt, calls = failing([])
    with pytest.raises(CallCancelled):
        call_with_retries(attempt, breaker=CircuitBreaker(), sleep=Sleeper(), is_cancelled=lambda: True)
    assert calls == []
