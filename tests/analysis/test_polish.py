"""Polishing the user's own interview answer: STAR order from their sentences only, nothing added, idempotent."""

from __future__ import annotations

import pytest

from careervp_desktop.analysis.polish import PARTS, polish_answer, sentences_of

STORY = (
    "We had a checkout service that kept failing every Friday when traffic peaked. "
    "I was responsible for the payments API at the time. "
    "I profiled the slow queries and moved the reporting reads to a replica. "
    "Then I added a cache for the product lookups. "
    "After that the Friday incidents stopped and checkout latency fell by 40%."
)


def test_a_full_story_is_labelled_in_star_order() -> None:
    polished = polish_answer(STORY)
    star = polished.star
    assert star.situation.startswith("We had a checkout service")
    assert star.task == "I was responsible for the payments API at the time."
    assert star.action.startswith("I profiled") and star.action.endswith("product lookups.")
    assert star.result.startswith("After that") and polished.missing == () and polished.advice() == ""
    assert polished.text().split("\n\n")[0].startswith("Situation: We had")


@pytest.mark.parametrize(
    "answer",
    [
        STORY,
        "In the end we shipped on time. When the vendor went bust, I had to replace them within a month. "
        "I ran a two-week trial of three suppliers.",
        "I rewrote the deploy scripts in Python.\nIt took two weeks!",
        "Just one sentence with no cue",
    ],
)
def test_nothing_is_added_or_lost_and_the_users_order_is_kept_within_each_part(answer: str) -> None:
    polished = polish_answer(answer)
    out = [s for part in PARTS for s in sentences_of(getattr(polished.star, part))]
    assert sorted(out) == sorted(sentences_of(answer))  # the same sentences, word for word
    for part in PARTS:
        mine = sentences_of(getattr(polished.star, part))
        order = [sentences_of(answer).index(s) for s in mine]
        assert order == sorted(order)
    assert polish_answer(polished.text()) == polished  # polishing twice changes nothing


def test_missing_parts_are_named_with_what_to_add_never_written() -> None:
    polished = polish_answer("I rewrote the deploy scripts in Python.")
    assert polished.star.action == "I rewrote the deploy scripts in Python."
    assert set(polished.missing) == {"situation", "task", "result"}
    assert "result — what changed" in polished.advice() and "never writes it" in polished.advice()
    assert polish_answer("   ").text() == "" and polish_answer("").missing == PARTS


def test_a_result_told_first_moves_to_the_end() -> None:
    answer = (
        "In the end we cut the monthly cloud bill by 30%. "
        "When the finance team flagged the spend, I was asked to find savings. "
        "I moved the reporting queries to a read replica."
    )
    star = polish_answer(answer).star
    assert star.result == "In the end we cut the monthly cloud bill by 30%."
    assert star.task.startswith("When the finance team") and star.action.startswith("I moved")
    assert polish_answer(answer).text().split("\n\n")[-1].startswith("Result: In the end")


def test_a_scene_set_at_a_place_is_the_situation() -> None:
    star = polish_answer(
        "In the end event latency fell from 15 minutes to 40 seconds. At Nordlane Logistics the tracking "
        "pipeline could not keep up. I rebuilt it on Kafka and PostgreSQL."
    ).star
    assert star.situation.startswith("At Nordlane") and star.action.startswith("I rebuilt")
    assert star.result.startswith("In the end")
