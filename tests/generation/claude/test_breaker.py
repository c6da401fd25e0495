from __future__ import annotations

import pytest

from careervp_desktop.generation.claude.breaker import BreakerChange, BreakerState, CircuitBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def breaker(clock: Clock) -> CircuitBreaker:
    return CircuitBreaker("Claude", clock=clock)


def test_opens_after_five_consecutive_failures(breaker: CircuitBreaker) -> None:
    for _ in range(4):
        assert breaker.allow()
        breaker.record_failure("overloaded (529)")
    assert breaker.state is BreakerState.CLOSED
    breaker.record_success()  # a success resets the count
    for _ in range(4):
        breaker.record_failure("overloaded (529)")
    assert breaker.state is BreakerState.CLOSED
    breaker.record_failure("overloaded (529)")
    assert breaker.state is BreakerState.OPEN
    assert not breaker.allow()


def test_open_for_sixty_seconds_with_a_countdown(breaker: CircuitBreaker, clock: Clock) -> None:
    for _ in range(5):
        breaker.record_failure("rate limited (429)")
    assert breaker.status_text() == "Claude unavailable — retry in 60 s"
    clock.now += 17.5
    assert breaker.status_text() == "Claude unavailable — retry in 43 s"
    assert breaker.retry_in() == pytest.approx(42.5)
    assert not breaker.allow()
    clock.now += 42.5
    assert breaker.state is BreakerState.HALF_OPEN
    assert breaker.retry_in() == 0


def test_half_open_lets_one_probe_at_a_time_and_three_successes_close(breaker: CircuitBreaker, clock: Clock) -> None:
    for _ in range(5):
        breaker.record_failure("x")
    clock.now += 60
    for n in range(3):
        assert breaker.allow(), n
        assert not breaker.allow()  # the probe is in flight: nobody else
        assert breaker.state is BreakerState.HALF_OPEN
        breaker.record_success()
    assert breaker.state is BreakerState.CLOSED
    assert breaker.allow() and breaker.allow()
    assert breaker.status_text() == ""


def test_a_failed_probe_reopens_for_another_minute(breaker: CircuitBreaker, clock: Clock) -> None:
    for _ in range(5):
        breaker.record_failure("x")
    clock.now += 60
    assert breaker.allow()
    breaker.record_success()
    assert breaker.allow()
    breaker.record_failure("server error (500)")
    assert breaker.state is BreakerState.OPEN
    assert breaker.retry_in() == pytest.approx(60)
    assert breaker.last_reason == "server error (500)"


def test_release_gives_the_probe_back(breaker: CircuitBreaker, clock: Clock) -> None:
    for _ in range(5):
        breaker.record_failure("x")
    clock.now += 61
    assert breaker.allow()
    breaker.release()
    assert breaker.allow()


def test_listeners_see_every_transition(breaker: CircuitBreaker, clock: Clock) -> None:
    seen: list[BreakerChange] = []
    breaker.add_listener(seen.append)
    for _ in range(5):
        breaker.record_failure("overloaded (529)")
    clock.now += 60
    assert breaker.status_text() == "Claude recovering — trying again carefully"
    for _ in range(3):
        assert breaker.allow()
        breaker.record_success()
    assert [(c.old, c.new) for c in seen] == [
        (BreakerState.CLOSED, BreakerState.OPEN),
        (BreakerState.OPEN, BreakerState.HALF_OPEN),
        (BreakerState.HALF_OPEN, BreakerState.CLOSED),
    ]
    assert seen[0].reason == "overloaded (529)" and seen[0].retry_in == 60
    breaker.remove_listener(seen.append)
    breaker.record_failure("x")
    assert len(seen) == 3


def test_a_listener_may_read_the_breaker(breaker: CircuitBreaker) -> None:
    texts: list[str] = []
    breaker.add_listener(lambda change: texts.append(breaker.status_text()))
    for _ in range(5):
        breaker.record_failure("x")
    assert texts == ["Claude unavailable — retry in 60 s"]


def test_reset_closes(breaker: CircuitBreaker) -> None:
    for _ in range(5):
        breaker.record_failure("x")
    breaker.reset()
    assert breaker.state is BreakerState.CLOSED and breaker.allow()
