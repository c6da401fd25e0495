"""The readable preview of a streamed JSON reply: values as sentences, keys and codes dropped, any chunking."""

from __future__ import annotations

import itertools
import json

from hypothesis import given
from hypothesis import strategies as st

from careervp_desktop.ui.stream_preview import StreamPreview

REPLY = json.dumps(
    {
        "summary": 'Data engineer who cut "lag" from 2 s to 180 ms.',
        "grade": "strong",
        "points": ["Built the Kafka pipeline at Nordlane.", "Café\u00e9 naïve — and\\or tabs\there"],
        "count": 3,
    },
    ensure_ascii=True,
)
EXPECTED = (
    'Data engineer who cut "lag" from 2 s to 180 ms.\n'
    "Built the Kafka pipeline at Nordlane.\n"
    "Caféé naïve — and\\or tabs here"
)


def test_values_become_lines_and_keys_and_codes_are_dropped() -> None:
    preview = StreamPreview()
    preview.feed(REPLY)
    assert preview.text() == EXPECTED


@given(st.lists(st.integers(min_value=1, max_value=len(REPLY)), max_size=12))
def test_any_chunking_reads_the_same(cuts: list[int]) -> None:
    preview = StreamPreview()
    edges = [0, *sorted(set(cuts)), len(REPLY)]
    for a, b in itertools.pairwise(edges):
        preview.feed(REPLY[a:b])
    assert preview.text() == EXPECTED


def test_the_sentence_being_written_shows_before_its_quote_closes() -> None:
    preview = StreamPreview()
    preview.feed('{"summary": "Data engineer who')
    assert preview.text() == "Data engineer who"
    preview.feed(' builds pipelines", "grade"')
    assert preview.text() == "Data engineer who builds pipelines"  # "grade" may yet be a key: not shown
    preview.reset()
    assert preview.text() == ""


def test_only_the_tail_is_kept() -> None:
    preview = StreamPreview(keep=20)
    preview.feed(json.dumps({"a": "one two three four five six seven"}))
    assert preview.text() == "three four five six seven"[-20:]


def test_escaped_emoji_halves_are_paired() -> None:
    preview = StreamPreview()
    preview.feed('{"a": "shipped it \\ud83d\\ude80 on time", "b": "lone \\ud83d half"}')
    assert preview.text() == "shipped it \U0001f680 on time\nlone \ufffd half"


def test_placeholders_are_restored_for_the_user() -> None:
    preview = StreamPreview(restore=lambda t: t.replace("{{NAME}}", "Maya Lindqvist"))
    preview.feed('{"summary": "{{NAME}} builds pipelines')
    assert preview.text() == "Maya Lindqvist builds pipelines"


def test_a_placeholder_still_streaming_in_is_not_shown_half() -> None:
    preview = StreamPreview(restore=lambda t: t.replace("{{CANDIDATE_NAME}}", "Maya"))
    preview.feed('{"a": "I am {{CANDIDATE_NAM')
    assert preview.text() == "I am"
    preview.feed("E}} and I build")
    assert preview.text() == "I am Maya and I build"
