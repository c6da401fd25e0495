from __future__ import annotations

import json

import pytest

from careervp_desktop.domain.artifacts import VPR, CoverLetter, GapQuestions, InterviewPrep
from careervp_desktop.domain.models import ArtifactType, MasterCV
from careervp_desktop.generation.claude.digest import ApplicationDigest
from careervp_desktop.generation.claude.privacy import Redactor
from careervp_desktop.generation.claude.provider import ReplyProblem, parse_reply
from careervp_desktop.generation.claude.replies import REPLY_MODELS, TASK_KINDS, encode, reply_schema, to_content
from careervp_desktop.generation.providers import GenerationContext
from tests.generation.claude.conftest import good_reply


def _content(artifact_type: ArtifactType, ctx: GenerationContext, data: dict[str, object]):  # type: ignore[no-untyped-def]
    redactor = Redactor.for_cv(ctx.cv)
    digest = ApplicationDigest.build(ctx, redactor)
    part = parse_reply(json.dumps(data), artifact_type)
    return to_content(artifact_type, part, ctx, digest.index, redactor)  # type: ignore[arg-type]


def test_one_small_schema_for_every_task() -> None:
    schema = reply_schema()
    assert '"title"' not in json.dumps(schema)
    assert len(json.dumps(schema)) < 900  # it is sent with every call
    assert "$defs" not in schema and '"default"' not in json.dumps(schema) and "description" not in json.dumps(schema)
    item = schema["properties"]["items"]["items"]
    assert item["required"] == ["kind", "text"]  # the rest is optional: no output tokens for empty fields
    assert len(item["properties"]) - len(item["required"]) == 4  # the API limits optional parameters


@pytest.mark.parametrize("artifact_type", list(ArtifactType))
def test_items_round_trip_to_the_typed_reply(artifact_type: ArtifactType, ctx: GenerationContext) -> None:
    part = REPLY_MODELS[artifact_type].model_validate(good_reply(artifact_type, ctx))
    items = {"items": encode(artifact_type, part.model_dump())}
    assert set(i["kind"] for i in items["items"]) <= set(TASK_KINDS[artifact_type])
    again = parse_reply(json.dumps(items), artifact_type)
    if artifact_type is ArtifactType.TAILORED_CV:  # bullets come back grouped by their role
        assert again.model_dump()["skills"] == part.model_dump()["skills"]
    else:
        assert again == part


def test_ids_that_all_miss_are_a_problem(ctx: GenerationContext) -> None:
    index = ApplicationDigest.build(ctx, Redactor.for_cv(ctx.cv)).index
    bad = {"items": [{"kind": "question", "text": "Kubernetes?", "ref": "sample text", "note": "why"}]}
    with pytest.raises(ReplyProblem) as info:
        parse_reply(json.dumps(bad), ArtifactType.GAP_QUESTIONS, index)
    assert "none of the requirement_id values exists (e.g. 'sample text')" in info.value.problems[0]
    good = {"items": [*bad["items"], {"kind": "question", "text": "Terraform?", "ref": "R4", "note": "why"}]}
    assert parse_reply(json.dumps(good), ArtifactType.GAP_QUESTIONS, index)


def test_items_of_other_tasks_are_ignored(ctx: GenerationContext) -> None:
    items = encode(ArtifactType.COVER_LETTER, good_reply(ArtifactType.COVER_LETTER, ctx))
    items.insert(0, {"kind": "headline", "text": "Not for a letter"})
    letter = parse_reply(json.dumps({"items": items}), ArtifactType.COVER_LETTER)
    assert "Not for a letter" not in json.dumps(letter.model_dump())


def test_tailored_cv_copies_every_fact_from_the_master(ctx: GenerationContext) -> None:
    doc = _content(ArtifactType.TAILORED_CV, ctx, good_reply(ArtifactType.TAILORED_CV, ctx))
    master = ctx.cv
    assert isinstance(doc, MasterCV)
    assert doc.full_name == master.full_name and doc.contact_info == master.contact_info
    assert doc.education == master.education and doc.certifications == master.certifications
    for got, orig in zip(doc.experience, master.experience, strict=True):
        assert (got.company, got.role, got.start_date, got.end_date, got.dates_raw, got.location) == (
            orig.company, orig.role, orig.start_date, orig.end_date, orig.dates_raw, orig.location,
        )  # fmt: skip
    first = doc.experience[0].achievements
    assert first[0] == "Introduced contract tests and a CI pipeline in GitHub Actions."
    assert first[1] == master.experience[0].achievements[0]
    assert first[2:] == [master.experience[0].achievements[1], master.experience[0].achievements[3]]
    assert doc.experience[1].achievements == master.experience[1].achievements  # the stray E2.1 was ignored
    assert doc.skills[:3] == ["Kafka", "Python", "PostgreSQL"]  # CV spelling; Terraform is not in the CV
    assert sorted(doc.skills) == sorted(master.skills)
    assert doc.professional_summary and doc.professional_summary.startswith("Backend engineer who builds")


def test_vpr_evidence_is_the_cvs_own_text(ctx: GenerationContext) -> None:
    vpr = _content(ArtifactType.VPR, ctx, good_reply(ArtifactType.VPR, ctx))
    assert isinstance(vpr, VPR)
    assert vpr.headline.startswith("Maya Lindqvist for")
    assert "maya.lindqvist@example.com" in vpr.summary  # placeholders restored locally
    assert len(vpr.evidence_matrix) == len(ctx.match.requirements)
    kafka = vpr.evidence_matrix[2]
    assert kafka.evidence == ctx.cv.experience[0].achievements[0] and kafka.source == "Nordlane Logistics — bullet 1"
    missing = vpr.evidence_matrix[7]  # TimescaleDB: not covered by the reply, no evidence in the match
    assert (missing.strength, missing.evidence) == ("gap", "")
    assert vpr.match_score == ctx.match.score


def test_other_artifacts(ctx: GenerationContext) -> None:
    gq = _content(ArtifactType.GAP_QUESTIONS, ctx, good_reply(ArtifactType.GAP_QUESTIONS, ctx))
    assert isinstance(gq, GapQuestions) and [q.id for q in gq.questions][:2] == ["q1", "q2"]
    assert gq.questions[0].requirement == ctx.match.requirements[3].requirement.text
    letter = _content(ArtifactType.COVER_LETTER, ctx, good_reply(ArtifactType.COVER_LETTER, ctx))
    assert isinstance(letter, CoverLetter) and letter.signature == "Maya Lindqvist"
    prep = _content(ArtifactType.INTERVIEW_PREP, ctx, good_reply(ArtifactType.INTERVIEW_PREP, ctx))
    assert isinstance(prep, InterviewPrep) and prep.questions[0].evidence == [ctx.cv.experience[0].achievements[0]]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"greeting": "Dear', "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"items": [{"kind": "greeting", "text": "Hi"}]}', "write at least one paragraph item"),
        (
            '{"items": [{"kind": "greeting", "text": "Hi"}, {"kind": "paragraph", "text": " "}]}',
            "paragraph item 1: text must not be empty",
        ),
        ('{"items": [{"kind": "paragraph", "text": "Hi"}]}', "the greeting item: text must not be empty"),
        ('{"items": [{"kind": "poem", "text": "x"}]}', "items.0.kind: Input should be"),
        ('{"greeting": "  ", "paragraphs": [], "closing": "Bye"}', "greeting: Value error, must not be empty"),
    ],
)
def test_parse_problems_are_listed(text: str, problem: str) -> None:
    with pytest.raises(ReplyProblem) as info:
        parse_reply(text, ArtifactType.COVER_LETTER)
    assert any(problem in p for p in info.value.problems), info.value.problems


@pytest.mark.parametrize("artifact_type", list(ArtifactType))
def test_what_the_offline_engine_writes_fits_the_reply_format(
    artifact_type: ArtifactType, ctx: GenerationContext
) -> None:
    """The offline engine's documents, reshaped as a model's reply (as the llm_cost benchmark scripts them), parse
    back: the reply format accepts every kind and category the app itself writes (e.g. situational questions)."""
    from benchmarks.llm_cost import realistic_reply

    digest = ApplicationDigest.build(ctx, Redactor.for_cv(ctx.cv))
    reply = realistic_reply(artifact_type, ctx, digest)
    parse_reply(json.dumps({"items": encode(artifact_type, reply)}), artifact_type, digest.index)


def test_vpr_rows_claude_did_not_ground_come_from_the_local_matrix_and_old_grades_are_read(
    ctx: GenerationContext,
) -> None:
    from careervp_desktop.analysis.report import evidence_matrix

    reply = good_reply(ArtifactType.VPR, ctx)
    other = ctx.cv.experience[0].achievements[2]  # a real line, not the match's first pick
    reply["evidence"] = [
        {"requirement_id": "R3", "cv_ids": ["E1.3"], "strength": "partial"},  # the pre-grade vocabulary
        {"requirement_id": "R1", "cv_ids": ["E7.7"], "strength": "strong"},  # an id that is not in the CV
    ]
    vpr = _content(ArtifactType.VPR, ctx, reply)
    assert isinstance(vpr, VPR)
    local = evidence_matrix(ctx.cv, ctx.match, ctx.answers)
    assert vpr.evidence_matrix[2].evidence == other and vpr.evidence_matrix[2].strength == "moderate"
    assert vpr.evidence_matrix[0] == local[0]  # the unknown id: the local row, not a claim
    assert all(r.strength in ("strong", "moderate", "developing", "gap") for r in vpr.evidence_matrix)


def test_interview_prep_from_claude_has_star_outlines_follow_ups_and_a_pitch(ctx: GenerationContext) -> None:
    from careervp_desktop.generation.claude.replies import Item, decode, encode

    typed = good_reply(ArtifactType.INTERVIEW_PREP, ctx)
    items = encode(ArtifactType.INTERVIEW_PREP, typed)
    assert [i["kind"] for i in items][:5] == [
        "interview_question",
        "evaluates",
        "star",
        "follow_up",
        "interview_question",
    ]
    decoded = decode(ArtifactType.INTERVIEW_PREP, [Item(**i) for i in items])
    assert decoded["questions"][0]["star"] == typed["questions"][0]["star"] and decoded["pitch"] == typed["pitch"]
    prep = _content(ArtifactType.INTERVIEW_PREP, ctx, {"items": items})
    assert isinstance(prep, InterviewPrep)
    first, motivation = prep.questions
    assert first.star is not None and first.star.result == "Event latency fell from 15 minutes to 40 seconds."
    assert first.evaluates.startswith("Whether") and first.follow_ups == ["How did you measure the latency?"]
    assert motivation.star is None and motivation.question == "Why Maya Lindqvist and why us?"
    assert prep.pitch.startswith("I'm Maya Lindqvist,")  # placeholder restored locally


def test_a_star_outline_must_have_its_four_parts(ctx: GenerationContext) -> None:
    from careervp_desktop.generation.claude.provider import ReplyProblem
    from careervp_desktop.generation.claude.replies import encode

    typed = good_reply(ArtifactType.INTERVIEW_PREP, ctx)
    typed["questions"][0]["star"] = ["only", "three", "parts"]
    with pytest.raises(ReplyProblem, match="4 points"):
        _content(ArtifactType.INTERVIEW_PREP, ctx, {"items": encode(ArtifactType.INTERVIEW_PREP, typed)})
