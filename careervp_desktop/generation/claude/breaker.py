"""A circuit breaker per provider, with the seed's policy and an injected clock.

    CLOSED ──5 consecutive failures──▶ OPEN ──60 s──▶ HALF_OPEN ──3 successes──▶ CLOSED
                                        ▲                 │
                                        └──── a failure ──┘

While OPEN every call fails fast (`allow()` is False: no request is sent). HALF_OPEN lets one probe through at a
time; each success lets the next probe through, the third closes the breaker, any failure re-opens it for
another 60 s. What counts as a failure is the caller's choice: the Claude client counts every attempt that
failed for a reason on Anthropic's side or on the way there (429, 529, 5xx, timeouts, connection and protocol
errors, unreadable replies), not a refused key or a bad request.

State changes are observable: `add_listener(fn)` calls `fn(change)` on the thread that caused the change (in Qt,
emit a signal from it), and `status_text()` says what the status bar should show ("Claude unavailable — retry
in 42 s"). Thread-safe. pybreaker was considered: it has no "3 successes to close" and its clock is not
injectable without patching, so this small class it is.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

FAILURE_THRESHOLD = 5
OPEN_SECONDS = 60.0
SUCCESS_THRESHOLD = 3


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


@dataclass(frozen=True)
class BreakerChange:
    """One state transition, as told to listeners."""

    name: str  # the provider's display name, e.g. "Claude"
    old: BreakerState
    new: BreakerState
    reason: str  # why, in the user's words (the last failure, or "service answered again")
    retry_in: float  # seconds until a probe is allowed (0 unless `new` is OPEN)


BreakerListener = Callable[[BreakerChange], None]


class CircuitBreaker:
    def __init__(
        self,
        name: str = "Claude",
        *,
        failure_threshold: int = FAILURE_THRESHOLD,
        open_seconds: float = OPEN_SECONDS,
        success_threshold: int = SUCCESS_THRESHOLD,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.open_seconds = open_seconds
        self.success_threshold = success_threshold
        self._clock = clock
        self._lock = threading.RLock()
        self._state = BreakerState.CLOSED
        self._failures = 0  # consecutive failures while CLOSED
        self._successes = 0  # consecutive successes while HALF_OPEN
        self._opened_at = 0.0
        self._probe_in_flight = False
        self._last_reason = ""
        self._listeners: list[BreakerListener] = []
        self._pending: list[BreakerChange] = []  # changes made under the lock, told to listeners after it

    # ------------------------------------------------------------------------------------------- observing
    def add_listener(self, listener: BreakerListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: BreakerListener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    @property
    def state(self) -> BreakerState:
        """The current state; an OPEN breaker whose time is up reports HALF_OPEN (and moves there)."""
        with self._lock:
            self._advance()
            state = self._state
        self._flush()
        return state

    @property
    def last_reason(self) -> str:
        with self._lock:
            return self._last_reason

    def retry_in(self) -> float:
        """Seconds until the breaker lets a probe through (0 when it is not OPEN)."""
        with self._lock:
            self._advance()
            wait = self._wait_left() if self._state is BreakerState.OPEN else 0.0
        self._flush()
        return wait

    def status_text(self) -> str:
        """One line for the status bar ("" when all is well)."""
        with self._lock:
            self._advance()
            state, wait = self._state, self._wait_left()
        self._flush()
        if state is BreakerState.OPEN:
            return f"{self.name} unavailable — retry in {max(1, math.ceil(wait))} s"
        if state is BreakerState.HALF_OPEN:
            return f"{self.name} recovering — trying again carefully"
        return ""

    # ------------------------------------------------------------------------------------------- using
    def allow(self) -> bool:
        """Whether a call may be sent now. In HALF_OPEN this claims the single probe slot: the caller must then
        report `record_success()` or `record_failure()` (or `release()` if it sent nothing after all)."""
        with self._lock:
            self._advance()
            if self._state is BreakerState.CLOSED:
                allowed = True
            elif self._state is BreakerState.OPEN or self._probe_in_flight:
                allowed = False
            else:
                self._probe_in_flight = allowed = True
        self._flush()
        return allowed

    def release(self) -> None:
        """Give the probe slot back without a verdict (the call was cancelled, or failed on our side)."""
        with self._lock:
            self._probe_in_flight = False

    def record_success(self) -> None:
        with self._lock:
            self._advance()
            self._probe_in_flight = False
            if self._state is BreakerState.CLOSED:
                self._failures = 0
            elif self._state is BreakerState.HALF_OPEN:
                self._successes += 1
                if self._successes >= self.success_threshold:
                    self._move(BreakerState.CLOSED, f"{self.name} answered again")
        self._flush()

    def record_failure(self, reason: str = "") -> None:
        with self._lock:
            self._advance()
            self._probe_in_flight = False
            if reason:
                self._last_reason = reason
            if self._state is BreakerState.CLOSED:
                self._failures += 1
                if self._failures >= self.failure_threshold:
                    self._move(BreakerState.OPEN, self._last_reason)
            elif self._state is BreakerState.HALF_OPEN:
                self._move(BreakerState.OPEN, self._last_reason)
            else:  # already OPEN (a call in flight when it opened came back failed): restart the wait
                self._opened_at = self._clock()
        self._flush()

    def reset(self) -> None:
        """Close the breaker now (e.g. the user replaced the API key or pressed "Retry now")."""
        with self._lock:
            self._failures = self._successes = 0
            self._probe_in_flight = False
            if self._state is not BreakerState.CLOSED:
                self._move(BreakerState.CLOSED, "reset")
        self._flush()

    # ------------------------------------------------------------------------------------------- internals
    def _wait_left(self) -> float:
        return max(0.0, self._opened_at + self.open_seconds - self._clock())

    def _advance(self) -> None:
        if self._state is BreakerState.OPEN and self._wait_left() <= 0:
            self._move(BreakerState.HALF_OPEN, self._last_reason)

    def _move(self, new: BreakerState, reason: str) -> None:
        old = self._state
        self._state = new
        self._successes = 0
        self._failures = 0
        if new is BreakerState.OPEN:
            self._opened_at = self._clock()
        self._probe_in_flight = False
        retry = self.open_seconds if new is BreakerState.OPEN else 0.0
        self._pending.append(BreakerChange(self.name, old, new, reason, retry))

    def _flush(self) -> None:
        with self._lock:
            changes, self._pending = self._pending, []
            listeners = list(self._listeners)
        for change in changes:
            for listener in listeners:
                listener(change)
