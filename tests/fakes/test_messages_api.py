"""The fake Messages API, driven by the real anthropic SDK."""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Literal

import anthropic
import httpx2
import pydantic
import pytest

from tests.fakes.messages_api import FakeMessagesAPI, count_text_tokens, sample_from_schema

MODEL = "claude-haiku-5-5"
HI = [{"role": "user", "content": "hi"}]


@pytest.fixture
def api(fake_anthropic: FakeMessagesAPI) -> Iterator[FakeMessagesAPI]:
    yield fake_anthropic
    assert fake_anthropic.server_errors == []


@pytest.fixture
def client(api: FakeMessagesAPI) -> Iterator[anthropic.Anthropic]:
    with anthropic.Anthropic(api_key="test-key", base_url=api.base_url, max_retries=0, timeout=5) as c:
        yield c


class Level(enum.Enum):
    JUNIOR = "junior"
    SENIOR = "senior"


class Skill(pydantic.BaseModel):
    name: str = pydantic.Field(min_length=15)
    years: int = pydantic.Field(ge=2, le=40)
    weight: float = pydantic.Field(gt=0, lt=1)


class Assessment(pydantic.BaseModel):
    title: str
    level: Level
    kind: Literal["cv", "jd"]
    score: int = pydantic.Field(ge=5)
    skills: list[Skill]
    keywords: list[str] = pydantic.Field(min_length=2)
    mentor: Skill | None = None
    since: dt.date
    remote: bool
    extra: dict[str, int]


# -- plain messages --------------------------------------------------------------------------------------------


def test_create_answers_ok_by_default_with_full_usage(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    raw = client.messages.with_raw_response.create(model=MODEL, max_tokens=50, messages=HI, system="Be brief.")
    message = raw.parse()
    assert raw.headers["request-id"].startswith("req_")
    assert message.content[0].type == "text"
    assert message.content[0].text == "OK"
    assert message.stop_reason == "end_turn"
    assert message.model == MODEL
    assert message.usage.input_tokens == count_text_tokens("Be brief.") + count_text_tokens("hi")
    assert message.usage.output_tokens == 1
    assert message.usage.cache_creation_input_tokens == 0
    assert message.usage.cache_read_input_tokens == 0
    [request] = api.message_requests()
    assert request.headers["authorization"] == "Bearer test-key"
    assert request.body is not None
    assert request.body["messages"] == HI
    assert request.body["max_tokens"] == 50


def test_scripted_replies_are_consumed_in_order(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.reply_text("first")
    api.reply_text("second", stop_reason="stop_sequence")
    assert api.pending == 2
    one = client.messages.create(model=MODEL, max_tokens=50, messages=HI)
    two = client.messages.create(model=MODEL, max_tokens=50, messages=HI)
    three = client.messages.create(model=MODEL, max_tokens=50, messages=HI)
    assert [m.content[0].text for m in (one, two, three)] == ["first", "second", "OK"]  # type: ignore[union-attr]
    assert [m.stop_reason for m in (one, two, three)] == ["end_turn", "stop_sequence", "end_turn"]
    assert one.usage.output_tokens == math.ceil(len("first") / 4)
    assert api.pending == 0


def test_stream_delivers_text_deltas_incrementally(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    # The server holds the rest of the stream back until the client has seen the first delta, so the stream can
    # only finish quickly if that delta reached the client on its own.
    text = "The quick brown fox jumps over the lazy dog, twice over."
    api.reply_text(text)
    api.stream_hold = threading.Event()
    pieces: list[str] = []
    start = time.monotonic()
    with client.messages.stream(model=MODEL, max_tokens=50, messages=HI) as stream:
        for piece in stream.text_stream:
            pieces.append(piece)
            api.stream_hold.set()
        final = stream.get_final_message()
    assert time.monotonic() - start < 1.5  # the hold gives up after 2 s
    assert len(pieces) >= 3
    assert "".join(pieces) == text
    assert final.content[0].text == text  # type: ignore[union-attr]
    assert final.stop_reason == "end_turn"
    assert final.usage.output_tokens == count_text_tokens(text)
    assert final.usage.input_tokens == 1


def test_stream_delay_spaces_the_events(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.stream_delay = 0.02
    start = time.monotonic()
    events = list(client.messages.create(model=MODEL, max_tokens=50, messages=HI, stream=True))
    assert len(events) == 6  # ping is dropped by the SDK
    assert time.monotonic() - start >= 6 * 0.02


def test_raw_stream_follows_the_sse_event_sequence(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    with client.messages.with_streaming_response.create(model=MODEL, max_tokens=50, messages=HI, stream=True) as raw:
        assert raw.headers["content-type"].startswith("text/event-stream")
        names = [sse.event for sse in anthropic.Stream.raw_events(raw.http_response)]
    assert names == [
        "message_start",
        "ping",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]


def test_stream_events_carry_usage(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    events = list(client.messages.create(model=MODEL, max_tokens=50, messages=HI, stream=True))
    start, delta = events[0], events[-2]
    assert start.type == "message_start"
    assert start.message.stop_reason is None
    assert start.message.usage.cache_read_input_tokens == 0
    assert delta.type == "message_delta"
    assert delta.delta.stop_reason == "end_turn"
    assert delta.usage.input_tokens == 1
    assert delta.usage.cache_creation_input_tokens == 0


# -- structured output and tools -------------------------------------------------------------------------------


def test_parse_generates_a_valid_instance_from_the_schema(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    message = client.messages.parse(model=MODEL, max_tokens=500, messages=HI, output_format=Assessment)
    result = message.parsed_output
    assert isinstance(result, Assessment)
    assert result.level is Level.JUNIOR
    assert result.kind == "cv"
    assert result.score == 5
    assert len(result.skills) == 1
    assert result.skills[0].years == 2
    assert 0 < result.skills[0].weight < 1
    assert len(result.keywords) == 2
    assert result.mentor is None
    assert result.since == dt.date(2024, 1, 1)
    [request] = api.message_requests()
    assert request.body is not None
    fmt = request.body["output_config"]["format"]
    assert fmt["type"] == "json_schema"
    score = fmt["schema"]["properties"]["score"]
    assert "minimum" not in score  # the SDK moved the constraint into the description
    assert "{minimum: 5}" in score["description"]


def test_parse_returns_the_scripted_json(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    skill = {"name": "Python programming", "years": 7, "weight": 0.5}
    obj = {
        "title": "Engineer",
        "level": "senior",
        "kind": "jd",
        "score": 9,
        "skills": [skill],
        "keywords": ["a", "b"],
        "mentor": None,
        "since": "2020-02-02",
        "remote": True,
        "extra": {},
    }
    api.reply_json(obj)
    message = client.messages.parse(model=MODEL, max_tokens=500, messages=HI, output_format=Assessment)
    assert message.parsed_output == Assessment.model_validate(obj)
    assert json.loads(message.content[0].text) == obj  # type: ignore[union-attr]


def test_parse_rejects_a_scripted_reply_that_breaks_the_model(
    api: FakeMessagesAPI, client: anthropic.Anthropic
) -> None:
    api.reply_json({"title": "x"})
    with pytest.raises(pydantic.ValidationError):
        client.messages.parse(model=MODEL, max_tokens=500, messages=HI, output_format=Assessment)


TOOL = {
    "name": "record_match",
    "description": "Record how well a CV matches a job.",
    "input_schema": {
        "type": "object",
        "properties": {
            "score": {"type": "integer", "minimum": 1, "maximum": 10},
            "verdict": {"type": "string", "enum": ["strong", "weak"]},
            "gaps": {"type": "array", "items": {"$ref": "#/$defs/gap"}},
            "note": {"type": "string"},
        },
        "required": ["score", "verdict", "gaps"],
        "$defs": {
            "gap": {
                "type": "object",
                "properties": {"skill": {"type": "string"}, "severity": {"type": ["null", "number"]}},
                "required": ["skill", "severity"],
            }
        },
    },
}


def test_forced_tool_gets_input_matching_its_schema(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    message = client.messages.create(
        model=MODEL,
        max_tokens=500,
        messages=HI,
        tools=[TOOL],  # type: ignore[list-item]
        tool_choice={"type": "tool", "name": "record_match"},
    )
    assert message.stop_reason == "tool_use"
    [block] = message.content
    assert block.type == "tool_use"
    assert block.name == "record_match"
    assert block.id.startswith("toolu_")
    assert block.input == {"score": 1, "verdict": "strong", "gaps": [{"skill": "sample text", "severity": 0.0}]}


def test_forced_tool_streams_the_scripted_input(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    obj = {"score": 8, "verdict": "weak", "gaps": [{"skill": "Kubernetes and friends", "severity": 0.25}]}
    api.reply_json(obj)
    kwargs = {"tools": [TOOL], "tool_choice": {"type": "any"}}
    with client.messages.stream(model=MODEL, max_tokens=500, messages=HI, **kwargs) as stream:  # type: ignore[arg-type]
        kinds = [event.type for event in stream]
        final = stream.get_final_message()
    assert "input_json" in kinds
    assert final.stop_reason == "tool_use"
    assert final.content[0].input == obj  # type: ignore[union-attr]


def test_count_tokens(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    system = "You are a careful career adviser."
    messages = [
        {"role": "user", "content": [{"type": "text", "text": "Here is my CV, twelve words or so of it."}]},
        {"role": "assistant", "content": "Thanks."},
        {"role": "user", "content": "Now match it."},
    ]
    count = client.messages.count_tokens(model=MODEL, system=system, messages=messages)  # type: ignore[arg-type]
    expected = sum(
        count_text_tokens(t) for t in (system, "Here is my CV, twelve words or so of it.", "Thanks.", "Now match it.")
    )
    assert count.input_tokens == expected
    created = client.messages.create(model=MODEL, max_tokens=10, system=system, messages=messages)  # type: ignore[arg-type]
    assert created.usage.input_tokens == expected
    assert [r.path for r in api.requests] == ["/v1/messages/count_tokens", "/v1/messages"]
    assert len(api.message_requests()) == 1


def test_models_list_pages_and_retrieve(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    first = client.models.list(limit=2)
    assert [m.id for m in first.data] == ["claude-haiku-5-5", "claude-sonnet-5-5"]
    assert first.has_more is True
    assert first.first_id == "claude-haiku-5-5"
    assert first.last_id == "claude-sonnet-5-5"
    every = [m.id for m in client.models.list(limit=2)]  # auto-pagination follows after_id
    assert every == ["claude-haiku-5-5", "claude-sonnet-5-5", "claude-opus-5-5", "claude-sonnet-4-5"]
    old = client.models.retrieve("claude-sonnet-4-5")
    assert old.lifecycle == "deprecated"
    assert old.retires_at is not None
    assert old.retires_at.date() == dt.date(2026, 11, 30)
    with pytest.raises(anthropic.NotFoundError):
        client.models.retrieve("claude-nonesuch-1")
    assert api.message_requests() == []


# -- faults ----------------------------------------------------------------------------------------------------


def test_429_is_a_rate_limit_error_with_retry_after(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.fail("429", retry_after=7)
    with pytest.raises(anthropic.RateLimitError) as caught:
        client.messages.create(model=MODEL, max_tokens=10, messages=HI)
    assert caught.value.status_code == 429
    assert caught.value.response.headers["retry-after"] == "7"
    assert caught.value.response.headers["request-id"].startswith("req_")
    assert caught.value.body == {
        "type": "error",
        "error": {"type": "rate_limit_error", "message": caught.value.body["error"]["message"]},  # type: ignore[index]
    }
    assert client.messages.create(model=MODEL, max_tokens=10, messages=HI).content[0].text == "OK"  # type: ignore[union-attr]


def test_529_is_an_overloaded_error(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.fail("529")
    with pytest.raises(anthropic.OverloadedError) as caught:
        client.messages.create(model=MODEL, max_tokens=10, messages=HI)
    assert isinstance(caught.value, anthropic.InternalServerError)
    assert caught.value.status_code == 529
    assert caught.value.body["error"]["type"] == "overloaded_error"  # type: ignore[index]


def test_500_is_an_internal_server_error(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.fail("500")
    with pytest.raises(anthropic.InternalServerError) as caught:
        client.messages.create(model=MODEL, max_tokens=10, messages=HI)
    assert type(caught.value) is anthropic.InternalServerError
    assert caught.value.status_code == 500
    assert caught.value.body["error"]["type"] == "api_error"  # type: ignore[index]


def test_hang_times_out_on_the_client(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.fail("hang")
    start = time.monotonic()
    with pytest.raises(anthropic.APITimeoutError):
        client.with_options(timeout=0.2).messages.create(model=MODEL, max_tokens=10, messages=HI)
    assert time.monotonic() - start < 0.9
    assert client.messages.create(model=MODEL, max_tokens=10, messages=HI).stop_reason == "end_turn"


def test_server_stops_promptly_with_a_hanging_request_open() -> None:
    errors: list[BaseException] = []
    with FakeMessagesAPI() as api:
        api.fail("hang")
        c = anthropic.Anthropic(api_key="test-key", base_url=api.base_url, max_retries=0, timeout=10)

        def call() -> None:
            try:
                c.messages.create(model=MODEL, max_tokens=10, messages=HI)
            except BaseException as exc:
                errors.append(exc)

        worker = threading.Thread(target=call)
        worker.start()
        deadline = time.monotonic() + 2
        while not api.message_requests() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert api.message_requests()
        start = time.monotonic()
    assert time.monotonic() - start < 0.5  # leaving the `with` stopped the server
    worker.join(timeout=2)
    c.close()
    assert not worker.is_alive()
    assert len(errors) == 1
    assert isinstance(errors[0], anthropic.APIConnectionError)


def test_garbage_body_raises_a_raw_json_decode_error(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.fail("garbage", times=2)
    with pytest.raises(json.JSONDecodeError):
        client.messages.create(model=MODEL, max_tokens=10, messages=HI)
    with pytest.raises(json.JSONDecodeError), client.messages.stream(model=MODEL, max_tokens=10, messages=HI) as s:
        s.until_done()
    assert not issubclass(json.JSONDecodeError, anthropic.APIError)


def test_truncated_text_stops_at_max_tokens(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.fail("truncated")
    message = client.messages.create(model=MODEL, max_tokens=10, messages=HI)
    assert message.stop_reason == "max_tokens"
    assert message.content[0].text  # type: ignore[union-attr]


def test_truncated_json_makes_parse_raise_validation_error(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.fail("truncated", times=2)
    with pytest.raises(pydantic.ValidationError):
        client.messages.parse(model=MODEL, max_tokens=10, messages=HI, output_format=Assessment)
    with (
        pytest.raises(pydantic.ValidationError),
        client.messages.stream(model=MODEL, max_tokens=10, messages=HI, output_format=Assessment) as stream,
    ):
        stream.until_done()
    # Without parsing, the cut JSON and the stop reason are visible.
    api.fail("truncated")
    raw = client.messages.create(
        model=MODEL,
        max_tokens=10,
        messages=HI,
        output_config={"format": {"type": "json_schema", "schema": {"type": "object", "required": ["a"]}}},
    )
    assert raw.stop_reason == "max_tokens"
    with pytest.raises(json.JSONDecodeError):
        json.loads(raw.content[0].text)  # type: ignore[union-attr]


def test_truncated_forced_tool(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.fail("truncated")
    kwargs = {"tools": [TOOL], "tool_choice": {"type": "tool", "name": "record_match"}}
    message = client.messages.create(model=MODEL, max_tokens=10, messages=HI, **kwargs)  # type: ignore[arg-type]
    assert message.stop_reason == "max_tokens"
    assert message.content[0].type == "tool_use"
    assert message.content[0].input == {}


def test_broken_stream_raises_from_the_iterator(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.fail("broken_stream")
    api.reply_text("a reply long enough to be split into several deltas")
    seen: list[str] = []
    with (
        pytest.raises(httpx2.RemoteProtocolError),
        client.messages.stream(model=MODEL, max_tokens=10, messages=HI) as stream,
    ):
        for event in stream:
            seen.append(event.type)
    assert "message_start" in seen
    assert "message_stop" not in seen
    assert not issubclass(httpx2.RemoteProtocolError, anthropic.APIError)
    # The scripted reply was not consumed by the fault.
    assert client.messages.create(model=MODEL, max_tokens=10, messages=HI).content[0].text.startswith("a reply")  # type: ignore[union-attr]


def test_broken_non_streamed_body_is_a_connection_error(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.fail("broken_stream")
    with pytest.raises(anthropic.APIConnectionError) as caught:
        client.messages.create(model=MODEL, max_tokens=10, messages=HI)
    assert isinstance(caught.value.__cause__, httpx2.RemoteProtocolError)


def test_stream_error_event(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.fail("stream_error")
    with (
        pytest.raises(anthropic.APIStatusError) as caught,
        client.messages.stream(model=MODEL, max_tokens=10, messages=HI) as stream,
    ):
        stream.until_done()
    assert caught.value.body["error"]["type"] == "overloaded_error"  # type: ignore[index]


def test_flaky_fails_n_times_then_succeeds(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    api.flaky(2)
    outcomes = []
    for _ in range(3):
        try:
            outcomes.append(client.messages.create(model=MODEL, max_tokens=10, messages=HI).content[0].text)  # type: ignore[union-attr]
        except anthropic.APIStatusError as exc:
            outcomes.append(exc.status_code)
    assert outcomes == [529, 529, "OK"]


def test_sdk_retries_honour_retry_after(api: FakeMessagesAPI) -> None:
    api.flaky(2, "429", retry_after=0.01)
    with anthropic.Anthropic(api_key="test-key", base_url=api.base_url, max_retries=2, timeout=5) as c:
        message = c.messages.create(model=MODEL, max_tokens=10, messages=HI)
    assert message.content[0].text == "OK"  # type: ignore[union-attr]
    retries = [r.headers["x-stainless-retry-count"] for r in api.message_requests()]
    assert retries == ["0", "1", "2"]


def test_unknown_fault_mode_is_refused(api: FakeMessagesAPI) -> None:
    with pytest.raises(ValueError, match="unknown fault mode"):
        api.fail("teapot")


# -- prompt caching --------------------------------------------------------------------------------------------


def test_cache_write_then_read(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    cv = "A long CV text. " * 50
    system = [
        {"type": "text", "text": "You are a career adviser."},
        {"type": "text", "text": cv, "cache_control": {"type": "ephemeral"}},
    ]
    prefix = count_text_tokens("You are a career adviser.") + count_text_tokens(cv)
    first = client.messages.create(model=MODEL, max_tokens=10, system=system, messages=HI)  # type: ignore[arg-type]
    assert first.usage.cache_creation_input_tokens == prefix
    assert first.usage.cache_read_input_tokens == 0
    assert first.usage.input_tokens == 1
    later = [{"role": "user", "content": "a different question"}]
    second = client.messages.create(model=MODEL, max_tokens=10, system=system, messages=later)  # type: ignore[arg-type]
    assert second.usage.cache_creation_input_tokens == 0
    assert second.usage.cache_read_input_tokens == prefix
    assert second.usage.input_tokens == count_text_tokens("a different question")
    # Another model has its own cache; a changed prefix is a new write.
    other = client.messages.create(model="claude-sonnet-5-5", max_tokens=10, system=system, messages=HI)  # type: ignore[arg-type]
    assert other.usage.cache_creation_input_tokens == prefix
    changed = [system[0], {**system[1], "text": cv + "!"}]
    third = client.messages.create(model=MODEL, max_tokens=10, system=changed, messages=HI)  # type: ignore[arg-type]
    assert third.usage.cache_read_input_tokens == 0
    assert third.usage.cache_creation_input_tokens > 0
    api.reset()
    fourth = client.messages.create(model=MODEL, max_tokens=10, system=system, messages=HI)  # type: ignore[arg-type]
    assert fourth.usage.cache_creation_input_tokens == prefix


def test_cache_reads_the_longest_known_prefix(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    system = [{"type": "text", "text": "S" * 400, "cache_control": {"type": "ephemeral"}}]
    doc = {"type": "text", "text": "D" * 800, "cache_control": {"type": "ephemeral"}}
    client.messages.create(model=MODEL, max_tokens=10, system=system, messages=HI)  # type: ignore[arg-type]
    messages = [{"role": "user", "content": [doc, {"type": "text", "text": "question"}]}]
    usage = client.messages.create(model=MODEL, max_tokens=10, system=system, messages=messages).usage  # type: ignore[arg-type]
    assert usage.cache_read_input_tokens == 100
    assert usage.cache_creation_input_tokens == 200
    assert usage.input_tokens == count_text_tokens("question")
    with client.messages.stream(model=MODEL, max_tokens=10, system=system, messages=messages) as stream:  # type: ignore[arg-type]
        streamed = stream.get_final_message().usage
    assert streamed.cache_read_input_tokens == 300
    assert streamed.cache_creation_input_tokens == 0


def test_no_cache_control_means_no_caching(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    for _ in range(2):
        usage = client.messages.create(model=MODEL, max_tokens=10, system="S" * 400, messages=HI).usage
        assert (usage.cache_creation_input_tokens, usage.cache_read_input_tokens, usage.input_tokens) == (0, 0, 101)


# -- auth and bad requests -------------------------------------------------------------------------------------


def test_missing_key_is_401(api: FakeMessagesAPI) -> None:
    with (
        anthropic.Anthropic(
            api_key=None, base_url=api.base_url, max_retries=0, default_headers={"Authorization": anthropic.omit}
        ) as c,
        pytest.raises(anthropic.AuthenticationError) as caught,
    ):
        c.messages.create(model=MODEL, max_tokens=10, messages=HI)
    assert caught.value.body["error"]["type"] == "authentication_error"  # type: ignore[index]
    assert "authorization" not in api.requests[-1].headers
    assert "x-api-key" not in api.requests[-1].headers


def test_x_api_key_header_is_accepted_and_wrong_key_refused(api: FakeMessagesAPI) -> None:
    api.api_key = "right"
    payload = json.dumps({"model": MODEL, "max_tokens": 5, "messages": HI}).encode()

    def post(key: str) -> tuple[int, dict[str, object]]:
        headers = {"x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json"}
        request = urllib.request.Request(api.base_url + "/v1/messages", data=payload, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, json.loads(exc.read())

    assert post("right")[0] == 200
    status, body = post("wrong")
    assert status == 401
    assert body["type"] == "error"


def test_unknown_model_is_404(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    with pytest.raises(anthropic.NotFoundError):
        client.messages.create(model="gpt-4", max_tokens=10, messages=HI)


# -- the schema sampler ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "string"}, "sample text"),
        ({"type": "string", "format": "date-time"}, "2024-01-01T00:00:00Z"),
        ({"type": "string", "maxLength": 3}, "sam"),
        ({"type": "integer"}, 0),
        ({"type": "integer", "exclusiveMinimum": 3}, 4),
        ({"type": "number", "description": "Score\n\n{maximum: 10, minimum: 1.5}"}, 1.5),
        ({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}, 0.5),
        ({"type": "boolean"}, False),
        ({"type": "null"}, None),
        ({"enum": ["b", "a"]}, "b"),
        ({"const": 3}, 3),
        ({"anyOf": [{"type": "null"}, {"type": "integer"}]}, 0),
        ({"type": ["null", "string"]}, "sample text"),
        ({"type": "array", "items": {"type": "integer"}}, [0]),
        ({"type": "array", "items": {"type": "integer"}, "description": "{minItems: 3}"}, [0, 0, 0]),
        ({"type": "object", "properties": {"a": {"type": "string"}}}, {}),
        (
            {"allOf": [{"$ref": "#/definitions/A"}, {"properties": {"b": {"type": "boolean"}}, "required": ["b"]}]}
            | {"definitions": {"A": {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}}},
            {"a": 0, "b": False},
        ),
    ],
)
def test_sample_from_schema(schema: dict[str, object], expected: object) -> None:
    assert sample_from_schema(schema) == expected


def test_recorded_requests_and_reset(api: FakeMessagesAPI, client: anthropic.Anthropic) -> None:
    client.models.list()
    client.messages.create(model=MODEL, max_tokens=10, messages=HI)
    api.reply_text("left over")
    assert [(r.method, r.path) for r in api.requests] == [("GET", "/v1/models"), ("POST", "/v1/messages")]
    assert api.requests[0].body is None
    api.reset()
    assert api.requests == []
    assert api.pending == 0
