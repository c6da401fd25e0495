"""The one place that talks to the anthropic SDK: one attempt per call, every failure translated.

`ClaudeClient.send(request)` makes exactly one HTTP request (the SDK's own retries are off, `max_retries=0`;
`retry.call_with_retries` decides about more) and returns a `RawReply`, or raises `ClaudeCallError` with a
`FailureKind` and a one-line message — for SDK errors and for what slips past them (a body that is not JSON
raises a raw `json.JSONDecodeError`, a broken SSE stream `httpx2.RemoteProtocolError`, a malformed event a
pydantic `ValidationError`; an SSE `error` event arrives as an `APIStatusError` with status 200).

Timeouts: connect 5 s; read per call (the caller passes it per task); streaming replies apply it between chunks.
Cancel: the request runs on a thread of its own while the calling thread waits for its events and polls the
cancel flag every `CANCEL_POLL` s, so a cancel takes effect at once even when the connection is stalled and no
bytes arrive (a read blocked in the socket would otherwise end only at the read timeout; closing the socket from
another thread does not wake it on every platform). The abandoned request ends on its daemon thread at the next
chunk or the read timeout, and its result is dropped. The SDK is imported here only (it takes a while to import),
its loggers are kept at WARNING (at DEBUG it would log request bodies) and filtered for anything key-like.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from careervp_desktop.generation.claude.cost import Usage
from careervp_desktop.generation.claude.errors import CallCancelled, ClaudeCallError, FailureKind
from careervp_desktop.generation.claude.prompts import ClaudeRequest
from careervp_desktop.keychain import SecretFilter

if TYPE_CHECKING:
    import anthropic

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5.0
MODELS_TIMEOUT = 15.0
COUNT_TIMEOUT = 15.0
CANCEL_POLL = 0.1  # seconds: how soon a cancel is noticed while Claude sends nothing
_QUIET_LOGGERS = ("anthropic", "httpx2", "httpcore", "httpx")


@dataclass(frozen=True)
class RawReply:
    text: str
    stop_reason: str | None
    usage: Usage
    model: str
    latency_ms: float


def _quiet_sdk_logs() -> None:
    for name in _QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET or logger.level < logging.WARNING:
            logger.setLevel(logging.WARNING)
        if not any(isinstance(f, SecretFilter) for f in logger.filters):
            logger.addFilter(SecretFilter())


def wire_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema as the API receives it (the SDK's own transformation, as `messages.parse` does it)."""
    import anthropic

    return dict(anthropic.transform_schema(schema))


_preloaded = False


def preloaded() -> bool:
    """True once `preload` has run in this process."""
    return _preloaded


def preload() -> None:
    """Import the SDK and what a streamed message needs, without sending anything. The SDK is ~3,500 modules
    (1–2 s): done in the background while the user reads the window, the first generation does not pay for it.
    Cheap once done."""
    global _preloaded
    if _preloaded:
        return
    import anthropic
    import anthropic.lib.streaming

    _quiet_sdk_logs()
    sdk = anthropic.Anthropic(api_key="preload", base_url="http://127.0.0.1:9", max_retries=0)
    try:
        sdk.messages  # noqa: B018  (the resource modules load on first access)
    finally:
        sdk.close()
    _preloaded = True


class ClaudeClient:
    def __init__(self, api_key: str, *, base_url: str | None = None, deprecated: frozenset[str] = frozenset()) -> None:
        import anthropic

        _quiet_sdk_logs()
        self._deprecated = deprecated
        self._sdk: anthropic.Anthropic = anthropic.Anthropic(
            api_key=api_key,
            base_url=base_url,  # None: the SDK honours ANTHROPIC_BASE_URL, else the public API
            max_retries=0,
            timeout=anthropic.Timeout(60.0, connect=CONNECT_TIMEOUT),
        )

    def close(self) -> None:
        self._sdk.close()

    # ------------------------------------------------------------------------------------------- messages
    def send(
        self,
        request: ClaudeRequest,
        *,
        read_timeout: float,
        stream: bool = True,
        on_text: Callable[[str], None] | None = None,
        is_cancelled: Callable[[], bool] = lambda: False,
    ) -> RawReply:
        import anthropic

        kwargs: dict[str, Any] = {
            "model": request.model,
            "max_tokens": request.max_tokens,
            "system": request.system,
            "messages": request.messages,
            "timeout": anthropic.Timeout(read_timeout, connect=CONNECT_TIMEOUT),
        }
        if request.output_schema is not None:
            kwargs["output_config"] = {"format": {"type": "json_schema", "schema": wire_schema(request.output_schema)}}
        started = time.perf_counter()
        try:
            with warnings.catch_warnings() if request.model in self._deprecated else _nothing():
                if request.model in self._deprecated:  # we told the user already, in our own words
                    warnings.simplefilter("ignore", DeprecationWarning)
                call = partial(self._stream, kwargs) if stream else partial(self._create, kwargs)
                message = _Relay().run(call, on_text, is_cancelled)
        except CallCancelled:
            raise
        except Exception as exc:
            raise translate(exc, read_timeout=read_timeout) from None
        text = "".join(b.text for b in message.content if b.type == "text")
        u = message.usage
        usage = Usage(
            input_tokens=u.input_tokens or 0,
            output_tokens=u.output_tokens or 0,
            cache_write_tokens=u.cache_creation_input_tokens or 0,
            cache_read_tokens=u.cache_read_input_tokens or 0,
        )
        latency = (time.perf_counter() - started) * 1000
        return RawReply(text, message.stop_reason, usage, message.model or request.model, latency)

    def _create(self, kwargs: dict[str, Any], relay: _Relay) -> anthropic.types.Message:
        message: anthropic.types.Message = self._sdk.messages.create(**kwargs)
        return message

    def _stream(self, kwargs: dict[str, Any], relay: _Relay) -> anthropic.types.Message | None:
        with self._sdk.messages.stream(**kwargs) as events:
            for event in events:
                if relay.abandoned.is_set():
                    return None  # cancelled: leaving the block closes the response
                if event.type == "text":
                    relay.text(event.text)
            return events.get_final_message()

    def count_tokens(self, request: ClaudeRequest) -> int:
        import anthropic

        kwargs: dict[str, Any] = {
            "model": request.model,
            "system": request.system,
            "messages": request.messages,
            "timeout": anthropic.Timeout(COUNT_TIMEOUT, connect=CONNECT_TIMEOUT),
        }
        if request.output_schema is not None:
            kwargs["output_config"] = {"format": {"type": "json_schema", "schema": wire_schema(request.output_schema)}}
        try:
            return int(self._sdk.messages.count_tokens(**kwargs).input_tokens)
        except Exception as exc:
            raise translate(exc, read_timeout=COUNT_TIMEOUT) from None

    def list_models(self) -> list[tuple[str, str]]:
        """(id, display name) of the models this key may use, newest first (GET /v1/models)."""
        import anthropic

        try:
            page = self._sdk.models.list(limit=100, timeout=anthropic.Timeout(MODELS_TIMEOUT, connect=CONNECT_TIMEOUT))
            return [(m.id, m.display_name or m.id) for m in page]
        except Exception as exc:
            raise translate(exc, read_timeout=MODELS_TIMEOUT) from None


class _Relay:
    """One request on a daemon thread of its own; `run` waits for it on the calling thread, passes its text on
    (there, in order) and gives up at once when `is_cancelled()` turns true, even if no byte arrives."""

    def __init__(self) -> None:
        self.abandoned = threading.Event()  # the caller gave up: stop at the next chunk, nothing more is read
        self._events: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()

    def text(self, text: str) -> None:
        """Called by the request thread for each piece of streamed text."""
        self._events.put(("text", text))

    def run(
        self,
        call: Callable[[_Relay], Any],
        on_text: Callable[[str], None] | None,
        is_cancelled: Callable[[], bool],
    ) -> Any:
        if is_cancelled():
            raise CallCancelled()
        threading.Thread(target=self._request, args=(call,), name="claude-request", daemon=True).start()
        while True:
            try:
                kind, value = self._events.get(timeout=CANCEL_POLL)
            except queue.Empty:
                kind, value = "", None
            if is_cancelled():
                self.abandoned.set()
                raise CallCancelled()
            if kind == "text" and on_text is not None:
                on_text(value)
            elif kind == "done":
                return value
            elif kind == "error":
                raise value

    def _request(self, call: Callable[[_Relay], Any]) -> None:  # the request thread
        try:
            result = call(self)
        except BaseException as exc:  # handed to the calling thread, which translates it (or has gone)
            self._events.put(("error", exc))
        else:
            self._events.put(("done", result))


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


# =========================================================================================== errors
def _retry_after(headers: Any) -> float | None:
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())


def _api_message(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict) and isinstance(err.get("message"), str):
            return " ".join(err["message"].split())[:160]
    return ""


def _error_type(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict) and isinstance(err.get("type"), str):
            return str(err["type"])
    return ""


def translate(exc: BaseException, *, read_timeout: float) -> ClaudeCallError:
    """Any exception of one attempt → a `ClaudeCallError` with a kind and a one-line message."""
    import anthropic
    import httpx2
    import pydantic

    if isinstance(exc, ClaudeCallError):
        return exc
    if isinstance(exc, anthropic.APITimeoutError | httpx2.TimeoutException):
        return ClaudeCallError(
            FailureKind.TIMEOUT,
            f"Claude did not answer within {read_timeout:.0f} s: try again later, or use the offline draft.",
            short="no answer in time",
        )
    if isinstance(exc, anthropic.APIStatusError):
        status = exc.status_code
        kind_of_error = _error_type(exc)
        detail = _api_message(exc)
        retry_after = _retry_after(getattr(exc.response, "headers", None))
        if status == 429 or kind_of_error == "rate_limit_error":
            wait = f" (Anthropic asks to wait {retry_after:.0f} s)" if retry_after else ""
            return ClaudeCallError(
                FailureKind.RATE_LIMITED,
                f"Claude's rate limit for your key is reached{wait}: wait a minute and retry, or use the offline "
                "draft.",
                status=status,
                retry_after=retry_after,
                short="rate limited (429)",
            )
        if status == 529 or kind_of_error == "overloaded_error":
            return ClaudeCallError(
                FailureKind.OVERLOADED,
                "Claude is overloaded right now (529): retry in a few minutes, or use the offline draft.",
                status=status,
                retry_after=retry_after,
                short="overloaded (529)",
            )
        if status in (401, 403):
            what = "rejected the API key" if status == 401 else "refused this key permission"
            return ClaudeCallError(
                FailureKind.AUTH,
                f"Anthropic {what} ({status}): check or replace the key in Settings ▸ Claude.",
                status=status,
                short=f"key rejected ({status})",
            )
        if status == 404:
            return ClaudeCallError(
                FailureKind.NOT_FOUND,
                f"Anthropic does not know this model or address (404{': ' + detail if detail else ''}): "
                "choose another model in Settings ▸ Claude.",
                status=status,
                short="not found (404)",
            )
        if status in (408, 409) or status >= 500 or kind_of_error in ("api_error", "timeout_error"):
            return ClaudeCallError(
                FailureKind.SERVER_ERROR,
                f"Claude had a server error ({status if status != 200 else kind_of_error}): retry later, or use the "
                "offline draft.",
                status=status,
                retry_after=retry_after,
                short=f"server error ({status if status != 200 else kind_of_error})",
            )
        return ClaudeCallError(
            FailureKind.BAD_REQUEST,
            f"Claude refused the request ({status}{': ' + detail if detail else ''}): try a shorter CV or job ad, "
            "or another model in Settings ▸ Claude.",
            status=status,
            short=f"request refused ({status})",
        )
    if isinstance(exc, anthropic.APIResponseValidationError | json.JSONDecodeError | pydantic.ValidationError):
        return ClaudeCallError(
            FailureKind.PROTOCOL,
            "Claude's answer could not be read (not valid JSON): retry later, or use the offline draft.",
            short="unreadable answer",
        )
    if isinstance(exc, anthropic.APIConnectionError | httpx2.ConnectError | httpx2.NetworkError):
        return ClaudeCallError(
            FailureKind.CONNECTION,
            "Cannot reach Claude (connection failed): check your internet connection, or use the offline draft.",
            short="no connection",
        )
    if isinstance(exc, httpx2.HTTPError | httpx2.StreamError):
        return ClaudeCallError(
            FailureKind.PROTOCOL,
            "Claude's answer broke off before it was complete: retry, or use the offline draft.",
            short="answer broke off",
        )
    log.error("unexpected error from the Claude SDK: %s", type(exc).__name__)
    return ClaudeCallError(
        FailureKind.PROTOCOL,
        f"Claude's answer could not be used ({type(exc).__name__}): retry later, or use the offline draft.",
        short=type(exc).__name__,
    )
