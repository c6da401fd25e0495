"""A fake Anthropic Messages API server for tests and benchmarks (standard library only).

The real ``anthropic`` SDK talks to it unchanged through ``base_url``::

    with FakeMessagesAPI() as api:
        client = anthropic.Anthropic(api_key="test-key", base_url=api.base_url, max_retries=0)
        api.reply_text("Hello")
        client.messages.create(model="claude-haiku-5-5", max_tokens=100, messages=[...])
        client.close()

It speaks the wire protocol of ``POST /v1/messages`` (JSON, and SSE when ``stream`` is true), ``POST
/v1/messages/count_tokens``, ``GET /v1/models`` and ``GET /v1/models/{id}``; a query string such as ``?beta=true``
is ignored, so the beta resources work too.

Replies. Scripted replies and faults wait in one FIFO queue that only ``POST /v1/messages`` consumes. With nothing
queued the server answers by itself:

- structured output (``output_config.format`` or the beta ``output_format`` with a JSON schema): a text block with a
  minimal valid instance of the schema (see :func:`sample_from_schema`);
- a forced tool (``tool_choice`` ``{"type": "tool", "name": ...}`` or ``{"type": "any"}``): a ``tool_use`` block
  whose ``input`` is a minimal instance of the tool's ``input_schema``, stop reason ``tool_use``;
- anything else: the text ``"OK"``.

Tokens. Deterministic heuristic: every text counts ``ceil(len(text) / 4)`` tokens. A text block counts its
``text``; a plain-string content or system counts the string; a tool counts its name, description and
``json.dumps(input_schema)``; any other block counts ``json.dumps`` of the block; a structured-output schema counts
``json.dumps(schema)``. Output tokens count the same way (at least 1).

Prompt caching. The prompt is cut into segments in the API's order (tools, system blocks, message content blocks);
a segment with ``cache_control`` is a breakpoint (a top-level ``cache_control`` makes the last segment one). The
prefix up to the last breakpoint is cached: the longest prefix ending at a breakpoint that was seen before (same
model, same content) counts as ``cache_read_input_tokens``, the rest of the prefix as
``cache_creation_input_tokens``, and everything after the last breakpoint as ``input_tokens``. Prefixes shorter
than ``cache_min_tokens`` (default 0) are not cached. The cache lives until :meth:`FakeMessagesAPI.reset`.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import math
import re
import select
import socket
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

__all__ = ["FAULT_MODES", "FakeMessagesAPI", "RecordedRequest", "count_text_tokens", "sample_from_schema"]

FAULT_MODES = frozenset({"429", "529", "500", "hang", "garbage", "truncated", "broken_stream", "stream_error"})

_ERRORS = {
    "400": (400, "invalid_request_error"),
    "401": (401, "authentication_error"),
    "404": (404, "not_found_error"),
    "405": (405, "invalid_request_error"),
    "429": (429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
    "500": (500, "api_error", "Internal server error"),
    "529": (529, "overloaded_error", "Overloaded"),
}

# Newest first, like the real listing. Dates and limits are made up for the fake.
DEFAULT_MODELS: tuple[dict[str, Any], ...] = (
    {
        "id": "claude-haiku-5-5",
        "display_name": "Claude Haiku 5.5",
        "line": "haiku",
        "created_at": "2026-04-15T00:00:00Z",
        "lifecycle": "active",
    },
    {
        "id": "claude-sonnet-5-5",
        "display_name": "Claude Sonnet 5.5",
        "line": "sonnet",
        "created_at": "2026-03-15T00:00:00Z",
        "lifecycle": "active",
    },
    {
        "id": "claude-opus-5-5",
        "display_name": "Claude Opus 5.5",
        "line": "opus",
        "created_at": "2026-02-15T00:00:00Z",
        "lifecycle": "active",
    },
    {
        "id": "claude-sonnet-4-5",
        "display_name": "Claude Sonnet 4.5",
        "line": "sonnet",
        "created_at": "2025-09-29T00:00:00Z",
        "lifecycle": "deprecated",
        "deprecated_at": "2026-05-01T00:00:00Z",
        "retires_at": "2026-11-30T00:00:00Z",
    },
)

_TRUNCATED_TEXT = "This reply was cut off because it reached the max_tokens limit before it"


@dataclass(frozen=True)
class RecordedRequest:
    """One HTTP request as the server received it. ``path`` has no query string; ``headers`` keys are lower case;
    ``body`` is the decoded JSON (``None`` when empty or not JSON)."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None
    query: str = ""


@dataclass(frozen=True)
class _Reply:
    kind: str  # "text" | "json"
    value: Any
    stop_reason: str = "end_turn"


@dataclass(frozen=True)
class _Fault:
    mode: str
    retry_after: float | None = None


@dataclass
class _Segment:
    key: str
    tokens: int
    breakpoint: bool = False


@dataclass
class _Usage:
    input_tokens: int
    cache_creation_input_tokens: int = 0
    cache_read_input_tokens: int = 0
    output_tokens: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "input_tokens": self.input_tokens,
            "cache_creation_input_tokens": self.cache_creation_input_tokens,
            "cache_read_input_tokens": self.cache_read_input_tokens,
            "output_tokens": self.output_tokens,
        }


@dataclass
class _Outcome:
    blocks: list[dict[str, Any]]
    stop_reason: str
    # For a truncated tool call: the JSON text streamed so far (the non-streamed block carries an empty input).
    partial_json: dict[int, str] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------------------------
# Token counting and schema samples


def count_text_tokens(text: str) -> int:
    """The fake's token heuristic: ``ceil(len(text) / 4)``."""
    return math.ceil(len(text) / 4)


def _block_tokens(block: Any) -> int:
    if isinstance(block, str):
        return count_text_tokens(block)
    if isinstance(block, dict):
        if block.get("type") == "text" and isinstance(block.get("text"), str):
            return count_text_tokens(block["text"])
        return count_text_tokens(json.dumps(_strip_cache_control(block), sort_keys=True))
    return count_text_tokens(json.dumps(block, sort_keys=True, default=str))


def _tool_tokens(tool: Any) -> int:
    if not isinstance(tool, dict):
        return _block_tokens(tool)
    text = str(tool.get("name", "")) + str(tool.get("description", ""))
    if "input_schema" in tool:
        text += json.dumps(tool["input_schema"], sort_keys=True)
    return count_text_tokens(text)


def _strip_cache_control(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_cache_control(v) for k, v in value.items() if k != "cache_control"}
    if isinstance(value, list):
        return [_strip_cache_control(v) for v in value]
    return value


_HINT_RE = re.compile(r"\{([^{}]*)\}\s*$")
_HINT_KEYS = (
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "multipleOf",
)
_FORMAT_SAMPLES = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00",
    "duration": "P1D",
    "email": "user@example.com",
    "hostname": "example.com",
    "uri": "https://example.com",
    "ipv4": "127.0.0.1",
    "ipv6": "::1",
    "uuid": "00000000-0000-4000-8000-000000000000",
}


def _constraints(schema: dict[str, Any]) -> dict[str, float]:
    """Numeric constraints from the schema and from the ``{key: value, ...}`` hint that the SDK's
    ``transform_schema`` appends to the description when it strips them from the wire schema."""
    found: dict[str, float] = {}
    description = schema.get("description")
    if isinstance(description, str) and (match := _HINT_RE.search(description)):
        for part in match.group(1).split(", "):
            key, sep, value = part.partition(": ")
            if sep and key in _HINT_KEYS:
                with contextlib.suppress(ValueError):
                    found[key] = float(value)
    for key in _HINT_KEYS:
        value = schema.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            found[key] = float(value)
    return found


def _resolve_ref(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    if not ref.startswith("#"):
        return {}
    node: Any = root
    for part in ref.lstrip("#").strip("/").split("/"):
        if not part:
            continue
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return {}
        node = node[part]
    return node if isinstance(node, dict) else {}


def sample_from_schema(schema: Any, root: Any = None, _depth: int = 0) -> Any:
    """A minimal instance valid against ``schema``: objects with their required properties only, strings
    ``"sample text"`` (or a sample of their ``format``), the first ``enum`` value, ``const``, arrays with one item
    (or ``minItems``), numbers 0 or their lower bound, booleans ``False``, ``$ref``/``$defs`` followed, ``anyOf`` /
    ``oneOf`` take the first non-null option, ``allOf`` objects merged. Length/range/item-count constraints are
    honoured whether they are schema keys or the description hint left by the SDK; ``pattern`` is not."""
    if root is None:
        root = schema
    if not isinstance(schema, dict) or _depth > 32:
        return None
    if "$ref" in schema:
        return sample_from_schema(_resolve_ref(str(schema["$ref"]), root), root, _depth + 1)
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if isinstance(options, list) and options:
            non_null = [o for o in options if not (isinstance(o, dict) and o.get("type") == "null")]
            return sample_from_schema(non_null[0], root, _depth + 1) if non_null else None
    if isinstance(schema.get("allOf"), list) and schema["allOf"]:
        parts = [sample_from_schema(o, root, _depth + 1) for o in schema["allOf"]]
        if all(isinstance(p, dict) for p in parts):
            merged: dict[str, Any] = {}
            for p in parts:
                merged.update(p)
            return merged
        return parts[0]

    type_ = schema.get("type")
    if isinstance(type_, list):
        type_ = next((t for t in type_ if t != "null"), "null")
    if type_ is None:
        if "properties" in schema or "required" in schema:
            type_ = "object"
        elif "items" in schema:
            type_ = "array"
        else:
            type_ = "string"
    limits = _constraints(schema)

    if type_ == "object":
        properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
        required = schema.get("required") if isinstance(schema.get("required"), list) else []
        return {name: sample_from_schema(properties.get(name, {}), root, _depth + 1) for name in required}
    if type_ == "array":
        count = max(1, int(limits.get("minItems", 1)))
        if "maxItems" in limits:
            count = min(count, int(limits["maxItems"]))
        item_schema = schema.get("items")
        item = sample_from_schema(item_schema, root, _depth + 1) if isinstance(item_schema, dict) else "sample text"
        return [item for _ in range(count)]
    if type_ == "string":
        format_ = schema.get("format")
        if isinstance(format_, str) and format_ in _FORMAT_SAMPLES:
            return _FORMAT_SAMPLES[format_]
        text = "sample text"
        if "minLength" in limits:
            wanted = int(limits["minLength"])
            text = (text * (wanted // len(text) + 1))[: max(wanted, len(text))]
        if "maxLength" in limits:
            text = text[: int(limits["maxLength"])]
        return text
    if type_ in ("integer", "number"):
        return _sample_number(limits, integer=type_ == "integer")
    if type_ == "boolean":
        return False
    return None


def _sample_number(limits: dict[str, float], *, integer: bool) -> int | float:
    low, high = limits.get("minimum"), limits.get("maximum")
    xlow, xhigh = limits.get("exclusiveMinimum"), limits.get("exclusiveMaximum")
    if integer:
        lo = math.ceil(low) if low is not None else (math.floor(xlow) + 1 if xlow is not None else None)
        hi = math.floor(high) if high is not None else (math.ceil(xhigh) - 1 if xhigh is not None else None)
        value = lo if lo is not None else (min(0, hi) if hi is not None else 0)
        multiple = limits.get("multipleOf")
        if multiple and multiple > 0 and float(multiple).is_integer():
            value = math.ceil(value / multiple) * int(multiple)
        return int(value)
    if low is not None:
        return float(low)
    if xlow is not None:
        fits = (high is None or xlow + 1 <= high) and (xhigh is None or xlow + 1 < xhigh)
        upper = high if high is not None else xhigh
        return float(xlow + 1) if fits or upper is None else (xlow + upper) / 2
    if high is not None:
        return float(min(0.0, high))
    if xhigh is not None:
        return 0.0 if xhigh > 0 else xhigh - 1
    return 0.0


# --------------------------------------------------------------------------------------------------------------
# The HTTP side


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, api: FakeMessagesAPI) -> None:
        self.api = api
        self.connections: set[socket.socket] = set()
        self.handler_threads: list[threading.Thread] = []
        self.guard = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self.process_request_thread, args=(request, client_address), name="fake-anthropic-conn"
        )
        thread.daemon = True
        with self.guard:
            self.handler_threads = [t for t in self.handler_threads if t.is_alive()]
            self.handler_threads.append(thread)
        thread.start()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-reply is normal here (timeouts, broken streams); stay quiet.
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeAnthropic/1.0"
    disable_nagle_algorithm = True  # headers and body go out in separate writes; no 40 ms delayed-ACK stalls
    server: _Server

    def setup(self) -> None:
        super().setup()
        with self.server.guard:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        with self.server.guard:
            self.server.connections.discard(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.server.api._handle(self)

    def do_POST(self) -> None:
        self.server.api._handle(self)

    def do_DELETE(self) -> None:
        self.server.api._handle(self)

    # -- writing helpers --------------------------------------------------------------------------------------

    def send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        self.send_bytes(status, json.dumps(payload).encode(), "application/json", headers)

    def send_bytes(self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def start_chunked(self, content_type: str, headers: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("content-type", content_type)
        self.send_header("transfer-encoding", "chunked")
        self.send_header("cache-control", "no-cache")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.flush()

    def write_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def end_chunked(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def _sse(event: str, data: dict[str, Any]) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()


# --------------------------------------------------------------------------------------------------------------
# The fake


class FakeMessagesAPI:
    """A fake Messages API on ``127.0.0.1`` (ephemeral port) served from a daemon thread.

    Use as a context manager (or call :meth:`start` / :meth:`stop`). Attributes you may change while it runs:
    ``stream_delay`` (seconds between SSE events, default 0), ``stream_chunk_chars`` (text per delta, default 16),
    ``cache_min_tokens`` (default 0), ``api_key`` (when set, the key must equal it), ``hang_limit`` (seconds a
    ``"hang"`` request holds on at most, default 60), ``models`` (the ``/v1/models`` catalogue),
    ``stream_hold`` (a ``threading.Event``: a stream pauses after its first content delta until the event is set,
    at most 2 s; lets a test prove deltas arrive before the stream ends).
    ``server_errors`` collects exceptions raised inside the fake itself (such a request gets a 500); it should
    stay empty.

    Checks done on every request, as the real API does: an API key (``x-api-key`` or ``Authorization: Bearer``)
    else 401 ``authentication_error``; an ``anthropic-version`` header else 400. On ``/v1/messages``: ``model``,
    ``max_tokens`` >= 1 and non-empty ``messages`` else 400; a model id not starting with ``claude-`` gives 404.
    """

    def __init__(
        self,
        *,
        stream_delay: float = 0.0,
        stream_chunk_chars: int = 16,
        cache_min_tokens: int = 0,
        api_key: str | None = None,
        hang_limit: float = 60.0,
    ) -> None:
        self.stream_delay = stream_delay
        self.stream_chunk_chars = stream_chunk_chars
        self.cache_min_tokens = cache_min_tokens
        self.api_key = api_key
        self.hang_limit = hang_limit
        self.stream_hold: threading.Event | None = None
        self.models: list[dict[str, Any]] = [dict(m) for m in DEFAULT_MODELS]
        self.requests: list[RecordedRequest] = []
        self.server_errors: list[Exception] = []  # exceptions raised inside the fake itself (should stay empty)
        self.base_url = ""
        self._queue: deque[_Reply | _Fault] = deque()
        self._cache: set[str] = set()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._closing = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------------------------------

    def start(self) -> FakeMessagesAPI:
        if self._server is not None:
            return self
        self._closing.clear()
        self._server = _Server(self)
        host, port = self._server.server_address[:2]
        self.base_url = f"http://{host}:{port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-anthropic", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, cut every open connection (idle keep-alive, hanging, streaming) and wait for the
        connection threads, so no socket or thread outlives the call."""
        server, self._server = self._server, None
        if server is None:
            return
        self._closing.set()
        server.shutdown()
        with server.guard:
            connections = list(server.connections)
            threads = list(server.handler_threads)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(timeout=5)
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeMessagesAPI:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- scripting ----------------------------------------------------------------------------------------------

    def reply_text(self, text: str, *, stop_reason: str = "end_turn") -> None:
        """Queue one reply: a single text block."""
        with self._lock:
            self._queue.append(_Reply("text", text, stop_reason))

    def reply_json(self, obj: object) -> None:
        """Queue one structured reply: ``json.dumps(obj)`` as the text block when the request asks for structured
        output; otherwise, when the request has tools, a ``tool_use`` of the forced tool (or the first tool) with
        ``obj`` as ``input``; otherwise the JSON text."""
        json.dumps(obj)  # fail here, not in the server thread, when obj is not JSON-able
        with self._lock:
            self._queue.append(_Reply("json", obj))

    def fail(self, mode: str, *, times: int = 1, retry_after: float | None = None) -> None:
        """Queue a fault for the next ``times`` message requests. Modes: ``"429"``, ``"529"``, ``"500"``,
        ``"hang"``, ``"garbage"``, ``"truncated"``, ``"broken_stream"``, and ``"stream_error"`` (an SSE ``error``
        event after ``message_start``; a non-streaming request gets a 529). ``retry_after`` adds a
        ``retry-after`` header to the error statuses."""
        if mode not in FAULT_MODES:
            raise ValueError(f"unknown fault mode {mode!r}; expected one of {sorted(FAULT_MODES)}")
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._queue.extend(_Fault(mode, retry_after) for _ in range(times))

    def flaky(self, n: int, mode: str = "529", *, retry_after: float | None = None) -> None:
        """The next ``n`` message requests fail with ``mode``; later ones succeed."""
        self.fail(mode, times=n, retry_after=retry_after)

    @property
    def pending(self) -> int:
        """Scripted replies and faults not yet consumed."""
        with self._lock:
            return len(self._queue)

    def message_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.method == "POST" and r.path == "/v1/messages"]

    def reset(self) -> None:
        """Forget recorded requests, queued replies/faults and the prompt cache."""
        with self._lock:
            self.requests.clear()
            self._queue.clear()
            self._cache.clear()

    # -- request handling ---------------------------------------------------------------------------------------

    def _next_id(self, prefix: str) -> str:
        return f"{prefix}_fake{next(self._ids):06d}"

    def _error(self, h: _Handler, code: str, message: str | None = None, *, retry_after: float | None = None) -> None:
        status, error_type, *default = _ERRORS[code]
        headers = {"request-id": self._next_id("req")}
        if retry_after is not None:
            headers["retry-after"] = str(int(retry_after)) if float(retry_after).is_integer() else str(retry_after)
        body = {"type": "error", "error": {"type": error_type, "message": message or (default[0] if default else "")}}
        h.send_json(status, body, headers)

    def _handle(self, h: _Handler) -> None:
        try:
            self._route(h)
        except OSError:
            h.close_connection = True  # the client hung up; nothing to report
        except Exception as exc:  # a bug in the fake: keep it visible, answer 500
            self.server_errors.append(exc)
            h.close_connection = True
            with contextlib.suppress(Exception):
                self._error(h, "500", f"fake server error: {exc!r}")

    def _route(self, h: _Handler) -> None:
        split = urlsplit(h.path)
        length = int(h.headers.get("content-length") or 0)
        raw = h.rfile.read(length) if length > 0 else b""
        body: dict[str, Any] | None = None
        body_ok = True
        if raw:
            try:
                decoded = json.loads(raw)
                body = decoded if isinstance(decoded, dict) else None
                body_ok = body is not None
            except ValueError:
                body_ok = False
        record = RecordedRequest(
            method=h.command,
            path=split.path,
            headers={k.lower(): v for k, v in h.headers.items()},
            body=body,
            query=split.query,
        )
        with self._lock:
            self.requests.append(record)

        auth = record.headers.get("authorization", "")
        key = record.headers.get("x-api-key") or (auth[7:].strip() if auth.lower().startswith("bearer ") else "")
        if not key:
            return self._error(h, "401", "x-api-key header is required")
        if self.api_key is not None and key != self.api_key:
            return self._error(h, "401", "invalid x-api-key")
        if "anthropic-version" not in record.headers:
            return self._error(h, "400", "anthropic-version: header is required")
        if not body_ok:
            return self._error(h, "400", "The request body is not valid JSON.")

        path = split.path.rstrip("/")
        if path == "/v1/messages":
            if h.command != "POST":
                return self._error(h, "405", f"Method {h.command} not allowed")
            return self._messages(h, body or {})
        if path == "/v1/messages/count_tokens":
            if h.command != "POST":
                return self._error(h, "405", f"Method {h.command} not allowed")
            return self._count_tokens(h, body or {})
        if path == "/v1/models" and h.command == "GET":
            return self._list_models(h, parse_qs(split.query))
        if path.startswith("/v1/models/") and h.command == "GET":
            model_id = path.removeprefix("/v1/models/")
            for model in self.models:
                if model["id"] == model_id:
                    return h.send_json(200, self._model_info(model), {"request-id": self._next_id("req")})
            return self._error(h, "404", f"model: {model_id}")
        return self._error(h, "404", f"Not found: {h.command} {split.path}")

    # -- /v1/models ---------------------------------------------------------------------------------------------

    @staticmethod
    def _model_info(model: dict[str, Any]) -> dict[str, Any]:
        info = {"type": "model", "deprecated_at": None, "retires_at": None, **model}
        info.setdefault("max_input_tokens", 200_000)
        info.setdefault("max_tokens", 64_000)
        return info

    def _list_models(self, h: _Handler, query: dict[str, list[str]]) -> None:
        try:
            limit = int(query.get("limit", ["20"])[0])
        except ValueError:
            return self._error(h, "400", "limit: must be an integer")
        if not 1 <= limit <= 1000:
            return self._error(h, "400", "limit: must be between 1 and 1000")
        ids = [m["id"] for m in self.models]
        start, end = 0, len(ids)
        if after := query.get("after_id", [""])[0]:
            start = ids.index(after) + 1 if after in ids else len(ids)
            end = min(len(ids), start + limit)
            has_more = end < len(ids)
        elif before := query.get("before_id", [""])[0]:
            end = ids.index(before) if before in ids else 0
            start = max(0, end - limit)
            has_more = start > 0
        else:
            end = min(len(ids), limit)
            has_more = end < len(ids)
        page = [self._model_info(m) for m in self.models[start:end]]
        payload = {
            "data": page,
            "has_more": has_more,
            "first_id": page[0]["id"] if page else None,
            "last_id": page[-1]["id"] if page else None,
        }
        h.send_json(200, payload, {"request-id": self._next_id("req")})

    # -- /v1/messages/count_tokens ------------------------------------------------------------------------------

    def _count_tokens(self, h: _Handler, body: dict[str, Any]) -> None:
        if problem := self._invalid(body, need_max_tokens=False):
            return self._error(h, *problem)
        segments = self._segments(body)
        total = sum(s.tokens for s in segments) + self._schema_tokens(body)
        h.send_json(200, {"input_tokens": total}, {"request-id": self._next_id("req")})

    # -- /v1/messages -------------------------------------------------------------------------------------------

    @staticmethod
    def _invalid(body: dict[str, Any], *, need_max_tokens: bool = True) -> tuple[str, str] | None:
        model = body.get("model")
        if not isinstance(model, str) or not model:
            return "400", "model: Field required"
        if need_max_tokens:
            max_tokens = body.get("max_tokens")
            if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
                return "400", "max_tokens: Field required (an integer >= 1)"
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            return "400", "messages: at least one message is required"
        if not model.startswith("claude-"):
            return "404", f"model: {model}"
        return None

    def _messages(self, h: _Handler, body: dict[str, Any]) -> None:
        if problem := self._invalid(body):
            return self._error(h, *problem)
        with self._lock:
            item = self._queue.popleft() if self._queue else None
        stream = bool(body.get("stream"))
        fault = item.mode if isinstance(item, _Fault) else None
        retry_after = item.retry_after if isinstance(item, _Fault) else None

        if fault == "stream_error" and not stream:
            fault = "529"
        if fault in ("429", "529", "500"):
            return self._error(h, fault, retry_after=retry_after)
        if fault == "hang":
            return self._hang(h)
        if fault == "garbage":
            if stream:
                data = b"event: message_start\ndata: <html>502 Bad Gateway</html>{not json\n\n"
                return h.send_bytes(200, data, "text/event-stream", {"request-id": self._next_id("req")})
            return h.send_bytes(
                200, b"<html>502 Bad Gateway</html>{not json", "application/json", {"request-id": self._next_id("req")}
            )

        outcome = self._outcome(body, item if isinstance(item, _Reply) else None, truncated=fault == "truncated")
        usage = self._usage(body, outcome)
        message = {
            "id": self._next_id("msg"),
            "type": "message",
            "role": "assistant",
            "model": body["model"],
            "content": outcome.blocks,
            "stop_reason": outcome.stop_reason,
            "stop_sequence": None,
            "usage": usage.as_dict(),
        }
        headers = {"request-id": self._next_id("req")}
        if stream:
            return self._stream(h, message, outcome, headers, fault)
        data = json.dumps(message).encode()
        if fault == "broken_stream":
            # Promise the whole body, send half of it, hang up.
            h.send_response(200)
            h.send_header("content-type", "application/json")
            h.send_header("content-length", str(len(data)))
            for name, value in headers.items():
                h.send_header(name, value)
            h.end_headers()
            h.wfile.write(data[: len(data) // 2])
            h.wfile.flush()
            h.close_connection = True
            return None
        return h.send_bytes(200, data, "application/json", headers)

    def _hang(self, h: _Handler) -> None:
        """Send nothing; return when the client hangs up, the server stops, or ``hang_limit`` passes."""
        h.close_connection = True
        conn = h.connection
        deadline = time.monotonic() + self.hang_limit
        while time.monotonic() < deadline and not self._closing.is_set():
            try:
                readable, _, _ = select.select([conn], [], [], 0.05)
                if readable and not conn.recv(1, socket.MSG_PEEK):
                    return  # the client gave up
            except (OSError, ValueError):
                return
            if readable:
                self._closing.wait(0.05)  # bytes we will not read; do not spin on them

    def _stream(
        self, h: _Handler, message: dict[str, Any], outcome: _Outcome, headers: dict[str, str], fault: str | None
    ) -> None:
        usage = message["usage"]
        start = {**message, "content": [], "stop_reason": None, "stop_sequence": None, "usage": {**usage}}
        start["usage"]["output_tokens"] = 1
        events: list[tuple[str, dict[str, Any]]] = [
            ("message_start", {"type": "message_start", "message": start}),
            ("ping", {"type": "ping"}),
        ]
        for index, block in enumerate(outcome.blocks):
            if block["type"] == "text":
                events.append(
                    (
                        "content_block_start",
                        {"type": "content_block_start", "index": index, "content_block": {"type": "text", "text": ""}},
                    )
                )
                for piece in self._pieces(block["text"]):
                    delta = {"type": "text_delta", "text": piece}
                    events.append(
                        ("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta})
                    )
            else:
                events.append(
                    (
                        "content_block_start",
                        {"type": "content_block_start", "index": index, "content_block": {**block, "input": {}}},
                    )
                )
                text = outcome.partial_json.get(index, json.dumps(block["input"]))
                for piece in ["", *self._pieces(text)]:
                    delta = {"type": "input_json_delta", "partial_json": piece}
                    events.append(
                        ("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta})
                    )
            events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
        events.append(
            (
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": message["stop_reason"], "stop_sequence": None},
                    "usage": usage,
                },
            )
        )
        events.append(("message_stop", {"type": "message_stop"}))
        if fault == "broken_stream":
            # message_start, ping, the first block's start and first delta; then the connection drops.
            events = events[:4]
        elif fault == "stream_error":
            error = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
            events = [*events[:2], ("error", error)]

        h.start_chunked("text/event-stream; charset=utf-8", headers)
        held = False
        for i, (name, data) in enumerate(events):
            if i and self.stream_delay > 0 and self._closing.wait(self.stream_delay):
                h.close_connection = True
                return
            h.write_chunk(_sse(name, data))
            hold = self.stream_hold
            if hold is not None and not held and name == "content_block_delta":
                held = True
                deadline = time.monotonic() + 2.0
                while not hold.wait(0.02) and not self._closing.is_set() and time.monotonic() < deadline:
                    pass
        if fault == "broken_stream":
            h.close_connection = True
            with contextlib.suppress(OSError):
                h.connection.shutdown(socket.SHUT_RDWR)
            return
        h.end_chunked()

    def _pieces(self, text: str) -> Iterator[str]:
        size = max(1, self.stream_chunk_chars)
        for i in range(0, len(text), size):
            yield text[i : i + size]

    # -- composing replies --------------------------------------------------------------------------------------

    @staticmethod
    def _output_schema(body: dict[str, Any]) -> dict[str, Any] | None:
        for container in (body.get("output_config"), body):
            if not isinstance(container, dict):
                continue
            fmt = container.get("format") if container is not body else container.get("output_format")
            if isinstance(fmt, dict) and fmt.get("type") == "json_schema" and isinstance(fmt.get("schema"), dict):
                return fmt["schema"]
        return None

    @staticmethod
    def _forced_tool(body: dict[str, Any]) -> dict[str, Any] | None:
        tools = [t for t in body.get("tools") or [] if isinstance(t, dict)]
        choice = body.get("tool_choice")
        if not tools or not isinstance(choice, dict):
            return None
        if choice.get("type") == "tool":
            return next((t for t in tools if t.get("name") == choice.get("name")), None)
        if choice.get("type") == "any":
            return tools[0]
        return None

    def _tool_use(self, tool: dict[str, Any], value: Any) -> dict[str, Any]:
        return {"type": "tool_use", "id": self._next_id("toolu"), "name": tool.get("name", ""), "input": value}

    def _outcome(self, body: dict[str, Any], reply: _Reply | None, *, truncated: bool) -> _Outcome:
        schema = self._output_schema(body)
        forced = self._forced_tool(body)
        tools = [t for t in body.get("tools") or [] if isinstance(t, dict)]

        if reply is not None and reply.kind == "text":
            return _Outcome([{"type": "text", "text": reply.value}], reply.stop_reason)
        if reply is not None:
            if schema is None and (forced is not None or tools):
                tool = forced or tools[0]
                return _Outcome([self._tool_use(tool, reply.value)], "tool_use")
            return _Outcome([{"type": "text", "text": json.dumps(reply.value)}], "end_turn")

        if schema is not None:
            text = json.dumps(sample_from_schema(schema))
        elif forced is not None:
            value = sample_from_schema(forced.get("input_schema") or {"type": "object"})
            if not truncated:
                return _Outcome([self._tool_use(forced, value)], "tool_use")
            partial = json.dumps(value)
            partial = partial[: max(1, len(partial) // 2)]
            return _Outcome([self._tool_use(forced, {})], "max_tokens", {0: partial})
        else:
            text = _TRUNCATED_TEXT if truncated else "OK"
        if truncated:
            text = text[: max(1, len(text) // 2)]
            return _Outcome([{"type": "text", "text": text}], "max_tokens")
        return _Outcome([{"type": "text", "text": text}], "end_turn")

    # -- usage and the prompt cache -----------------------------------------------------------------------------

    @staticmethod
    def _segments(body: dict[str, Any]) -> list[_Segment]:
        segments: list[_Segment] = []

        def add(kind: str, item: Any, tokens: int) -> None:
            breakpoint = isinstance(item, dict) and bool(item.get("cache_control"))
            key = json.dumps([kind, _strip_cache_control(item)], sort_keys=True, default=str)
            segments.append(_Segment(key, tokens, breakpoint))

        for tool in body.get("tools") or []:
            add("tool", tool, _tool_tokens(tool))
        system = body.get("system")
        if isinstance(system, str):
            add("system", system, count_text_tokens(system))
        elif isinstance(system, list):
            for block in system:
                add("system", block, _block_tokens(block))
        for message in body.get("messages") or []:
            if not isinstance(message, dict):
                continue
            role = str(message.get("role", ""))
            content = message.get("content")
            if isinstance(content, list):
                for block in content:
                    add(role, block, _block_tokens(block))
            elif content is not None:
                add(role, content, _block_tokens(content))
        if body.get("cache_control") and segments:
            segments[-1].breakpoint = True
        return segments

    @staticmethod
    def _schema_tokens(body: dict[str, Any]) -> int:
        schema = FakeMessagesAPI._output_schema(body)
        return count_text_tokens(json.dumps(schema, sort_keys=True)) if schema is not None else 0

    def _usage(self, body: dict[str, Any], outcome: _Outcome) -> _Usage:
        segments = self._segments(body)
        total = sum(s.tokens for s in segments) + self._schema_tokens(body)
        output_text = "".join(
            b["text"] if b["type"] == "text" else outcome.partial_json.get(i, json.dumps(b.get("input")))
            for i, b in enumerate(outcome.blocks)
        )
        output = max(1, count_text_tokens(output_text))

        digest = hashlib.sha256(str(body.get("model")).encode())
        running = 0
        breakpoints: list[tuple[int, str]] = []  # (prefix tokens, prefix hash)
        for segment in segments:
            digest.update(b"\x00" + segment.key.encode())
            running += segment.tokens
            if segment.breakpoint and running >= self.cache_min_tokens and running > 0:
                breakpoints.append((running, digest.copy().hexdigest()))
        if not breakpoints:
            return _Usage(input_tokens=total, output_tokens=output)
        with self._lock:
            read = max((tokens for tokens, key in breakpoints if key in self._cache), default=0)
            self._cache.update(key for _, key in breakpoints)
        prefix = breakpoints[-1][0]
        return _Usage(
            input_tokens=total - prefix,
            cache_creation_input_tokens=prefix - read,
            cache_read_input_tokens=read,
            output_tokens=output,
        )
