"""Gap questions: the gap score (0.7·impact + 0.3·probability), priority, category, destination, the cut to ten,
and earlier answers offered again."""

from __future__ import annotations

import pytest

from careervp_desktop.analysis.gaps import (
    KnownAnswer,
    answer_problem,
    assess_gap,
    earlier_answer,
    prioritise,
)
from careervp_desktop.analysis.match import match_cv_to_job
from careervp_desktop.domain.artifacts import GapCategory, GapDestination, GapPriority, GapQuestion, GapQuestions
from careervp_desktop.domain.models import (
    Evidence,
    MatchResult,
    MatchStatus,
    Requirement,
    RequirementKind,
    RequirementMatch,
)
from careervp_desktop.generation.offline import OfflineProvider
from careervp_desktop.generation.pipeline import generate_all
from tests.analysis.samples import TODAY, sample_cv, sample_job


def _rm(text: str, kind: RequirementKind, status: MatchStatus, **kw: object) -> RequirementMatch:
    return RequirementMatch(requirement=Requirement(text=text, kind=kind), status=status, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rm", "score", "priority", "category", "destination"),
    [
        (
            _rm(
                "Kafka", RequirementKind.MUST, MatchStatus.PARTIAL, evidence=[Evidence(section="skills", text="Kafka")]
            ),
            1.0,
            GapPriority.CRITICAL,
            GapCategory.QUANTIFY,  # shown, but without a number
            GapDestination.CV_IMPACT,
        ),
        (
            _rm(
                "Kafka at scale",
                RequirementKind.MUST,
                MatchStatus.PARTIAL,
                evidence=[Evidence(section="experience", text="Ran Kafka for 40 services")],
            ),
            1.0,
            GapPriority.CRITICAL,
            GapCategory.EXAMPLE,
            GapDestination.CV_IMPACT,
        ),
        (
            _rm("Docker and Kubernetes", RequirementKind.MUST, MatchStatus.MISSING, matched_skills=["Docker"]),
            0.88,
            GapPriority.CRITICAL,
            GapCategory.CLARIFY,
            GapDestination.CV_IMPACT,
        ),
        (
            _rm("8+ years of Python", RequirementKind.MUST, MatchStatus.MISSING),
            0.88,
            GapPriority.CRITICAL,
            GapCategory.CLARIFY,
            GapDestination.CV_IMPACT,
        ),
        (
            _rm("Terraform", RequirementKind.MUST, MatchStatus.MISSING),
            0.79,
            GapPriority.IMPORTANT,
            GapCategory.FILL_GAP,
            GapDestination.INTERVIEW_ONLY,
        ),
        (
            _rm("Airflow", RequirementKind.NICE, MatchStatus.PARTIAL),
            0.51,
            GapPriority.IMPORTANT,
            GapCategory.EXAMPLE,
            GapDestination.CV_IMPACT,
        ),
        (
            _rm("TimescaleDB", RequirementKind.NICE, MatchStatus.MISSING),
            0.3,
            GapPriority.OPTIONAL,
            GapCategory.FILL_GAP,
            GapDestination.INTERVIEW_ONLY,
        ),
    ],
)
def test_gap_score_priority_category_destination(
    rm: RequirementMatch, score: float, priority: GapPriority, category: GapCategory, destination: GapDestination
) -> None:
    a = assess_gap(rm)
    assert a.score == pytest.approx(score)
    assert a.score == pytest.approx(0.7 * a.impact + 0.3 * a.probability)
    assert (a.priority, a.category, a.destination) == (priority, category, destination)


def test_prioritise_sorts_by_score_cuts_to_ten_and_renumbers() -> None:
    reqs = [_rm(f"Nice skill {i}", RequirementKind.NICE, MatchStatus.MISSING) for i in range(8)]
    reqs += [_rm(f"Must skill {i}", RequirementKind.MUST, MatchStatus.PARTIAL) for i in range(4)]
    match = MatchResult(score=50, requirements=reqs)
    gaps = GapQuestions(
        questions=[
            GapQuestion(id=f"x{i}", requirement=rm.requirement.text, question=f"About {rm.requirement.text}?", why="")
            for i, rm in enumerate(reqs)
        ]
    )
    out = prioritise(gaps, match).questions
    assert len(out) == 10
    assert [q.id for q in out] == [f"q{i}" for i in range(1, 11)]
    assert [q.requirement for q in out[:4]] == [f"Must skill {i}" for i in range(4)]  # ties keep the writer's order
    assert all(q.priority is GapPriority.CRITICAL for q in out[:4])
    assert [q.score for q in out] == sorted((q.score for q in out), reverse=True)
    assert "Nice skill 7" not in {q.requirement for q in out} and "Nice skill 5" in {q.requirement for q in out}


def test_a_requirement_quoted_loosely_still_maps_and_an_unknown_one_is_treated_as_a_must() -> None:
    match = MatchResult(
        score=50,
        requirements=[_rm("Experience with Apache Airflow.", RequirementKind.NICE, MatchStatus.PARTIAL)],
    )
    loose = GapQuestion(id="a", requirement="Experience with Apache Airflow", question="Airflow?", why="")
    unknown = GapQuestion(id="b", requirement="Something else entirely", question="Else?", why="")
    out = prioritise(GapQuestions(questions=[loose, unknown]), match).questions
    by_req = {q.requirement: q for q in out}
    assert by_req["Experience with Apache Airflow"].score == pytest.approx(0.51)
    assert by_req["Something else entirely"].score == pytest.approx(0.79)


def test_earlier_answers_are_offered_again_for_the_same_or_nearly_the_same_question() -> None:
    answer = "I ran Kubernetes clusters for our staging environment at Nordlane for a year (12 services)."
    known = [KnownAnswer("Have you worked with Kubernetes? Where, how long?", answer, 3)]
    assert earlier_answer("have you worked with kubernetes?  where, how long", known) is known[0]
    assert earlier_answer("Have you ever worked with Kubernetes? Where, how long?", known) is known[0]
    assert earlier_answer("Have you worked with Terraform? Where, how long?", known) is None
    assert (
        earlier_answer("Have you worked with Kubernetes?", [KnownAnswer("Have you worked with Kubernetes?", "")])
        is None
    )
    match = MatchResult(score=0, requirements=[_rm("Kubernetes", RequirementKind.MUST, MatchStatus.MISSING)])
    asked = GapQuestion(
        id="q", requirement="Kubernetes", question="Have you worked with Kubernetes? Where, how long?", why=""
    )
    [q] = prioritise(GapQuestions(questions=[asked]), match, known=known).questions
    assert (q.answer, q.reused) == (answer, True)
    own = asked.model_copy(update={"answer": "My own answer for this application, long enough to be kept as is."})
    [q] = prioritise(GapQuestions(questions=[own]), match, known=known).questions
    assert (q.answer, q.reused) == (own.answer, False)  # this application's answer wins


def test_answer_length_rules() -> None:
    assert answer_problem("") is None and answer_problem("short", skipped=True) is None
    assert "give a little more" in (answer_problem("Yes, two years.") or "")
    assert answer_problem("x" * 50) is None and answer_problem("x" * 1000) is None
    assert "under 1000" in (answer_problem("x" * 1001) or "")


def test_the_pipeline_prioritises_the_offline_questions() -> None:
    cv, job = sample_cv(), sample_job()
    result = generate_all(cv, job, provider=OfflineProvider(), today=TODAY)
    gaps = result.artifacts[next(iter(result.artifacts))].content
    assert isinstance(gaps, GapQuestions) and 0 < len(gaps.questions) <= 10
    scores = [q.score for q in gaps.questions]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    match = match_cv_to_job(cv, job, today=TODAY)
    musts_unmet = [
        r
        for r in match.requirements
        if r.requirement.kind is RequirementKind.MUST and r.status is not MatchStatus.MATCHED
    ]
    assert musts_unmet and all(q.priority is not GapPriority.OPTIONAL for q in gaps.questions[: len(musts_unmet)])


def test_partly_met_with_missing_skills_asks_to_clarify() -> None:
    rm = _rm(
        "Docker and Kubernetes",
        RequirementKind.MUST,
        MatchStatus.PARTIAL,
        matched_skills=["Docker"],
        missing_skills=["Kubernetes"],
        evidence=[Evidence(section="skills", text="Docker")],
    )
    assert assess_gap(rm).category is GapCategory.CLARIFY
