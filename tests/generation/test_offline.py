from __future__ import annotations

from collections import Counter

import pytest

from careervp_desktop.analysis.fvs import FactSources, check_artifact
from careervp_desktop.analysis.match import match_cv_to_job
from careervp_desktop.domain.artifacts import VPR, CoverLetter, GapQuestions, InterviewPrep
from careervp_desktop.domain.models import ArtifactType, MasterCV, MatchStatus, Severity
from careervp_desktop.generation.offline import OfflineProvider
from careervp_desktop.generation.pipeline import ARTIFACT_ORDER, GenerationCancelled, generate_all
from careervp_desktop.generation.providers import GenerationContext, Provider
from tests.analysis.samples import TODAY, sample_cv, sample_job


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return generate_all(sample_cv(), sample_job(), provider=OfflineProvider(), today=TODAY)


def test_provider_protocol_and_provenance(result) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(OfflineProvider(), Provider)
    assert list(result.artifacts) == list(ARTIFACT_ORDER)
    for art in result.artifacts.values():
        p = art.provenance
        assert (p.provider, p.model, p.input_tokens, p.output_tokens, p.cost_usd) == ("offline", "offline-v1", 0, 0, 0)


def test_every_artifact_passes_fvs_without_critical_violations(result) -> None:  # type: ignore[no-untyped-def]
    for art in result.artifacts.values():
        assert [v for v in art.violations if v.severity is Severity.CRITICAL] == [], art.type
        assert art.violations == [], (art.type, art.violations)


def test_tailored_cv_only_selects_and_reorders(result) -> None:  # type: ignore[no-untyped-def]
    master = sample_cv()
    doc = result.artifacts[ArtifactType.TAILORED_CV].content
    assert isinstance(doc, MasterCV)
    assert doc.full_name == master.full_name and doc.contact_info == master.contact_info
    assert doc.education == master.education and doc.certifications == master.certifications
    assert doc.professional_summary == master.professional_summary
    for got, orig in zip(doc.experience, master.experience, strict=True):
        assert (got.company, got.role, got.start_date, got.end_date, got.dates_raw) == (
            orig.company, orig.role, orig.start_date, orig.end_date, orig.dates_raw,
        )  # fmt: skip
        assert Counter(got.achievements) == Counter(orig.achievements)
    assert Counter(doc.skills) == Counter(master.skills)
    assert doc.skills[0] == "Python" and doc.skills.index("Django") > doc.skills.index("Kafka")


def test_gap_questions_cover_unmatched_requirements(result) -> None:  # type: ignore[no-untyped-def]
    gq = result.artifacts[ArtifactType.GAP_QUESTIONS].content
    assert isinstance(gq, GapQuestions)
    unmatched = {m.requirement.text for m in result.match.requirements if m.status is not MatchStatus.MATCHED}
    assert {q.requirement for q in gq.questions} == unmatched
    assert all(q.why and "?" in q.question for q in gq.questions)
    docker = next(q for q in gq.questions if "Kubernetes" in q.requirement)
    assert docker.skills == ["Kubernetes"] and "Docker" in docker.question


def test_vpr_has_evidence_rows_with_locations(result) -> None:  # type: ignore[no-untyped-def]
    vpr = result.artifacts[ArtifactType.VPR].content
    assert isinstance(vpr, VPR)
    assert vpr.match_score == result.match.score
    assert len(vpr.evidence_matrix) == len(result.match.requirements)
    cv_lines = (
        {b for e in sample_cv().experience for b in e.achievements}
        | set(sample_cv().skills)
        | set(sample_cv().languages)
    )
    for row in vpr.evidence_matrix:
        if row.strength != "gap":
            assert row.evidence in cv_lines or row.evidence == sample_cv().professional_summary
            assert row.source
    assert any("Kubernetes" in g for g in vpr.gaps)
    assert vpr.headline and vpr.summary and vpr.strengths and vpr.differentiators and vpr.recommendations


def test_cover_letter_reads_like_a_letter(result) -> None:  # type: ignore[no-untyped-def]
    letter = result.artifacts[ArtifactType.COVER_LETTER].content
    assert isinstance(letter, CoverLetter)
    assert letter.greeting == "Dear Fjordhaven Energy hiring team,"
    assert 3 <= len(letter.paragraphs) <= 6
    assert letter.signature.startswith("Maya Lindqvist")
    text = letter.text
    assert "lorem" not in text.lower() and "{" not in text
    assert "Kafka and PostgreSQL" in text  # real evidence, quoted from the CV
    assert "Kubernetes" in text and "not yet used" in text  # honest about the gap


def test_interview_prep(result) -> None:  # type: ignore[no-untyped-def]
    prep = result.artifacts[ArtifactType.INTERVIEW_PREP].content
    assert isinstance(prep, InterviewPrep)
    cats = {q.category for q in prep.questions}
    assert {"technical", "gap", "motivation"} <= cats
    assert all(q.why_asked and q.talking_points for q in prep.questions)
    assert len(prep.questions_to_ask) >= 3


def test_progress_and_cancellation() -> None:
    seen: list[tuple[ArtifactType, int, int]] = []
    generate_all(
        sample_cv(), sample_job(), provider=OfflineProvider(), today=TODAY,
        on_progress=lambda t, n, total: seen.append((t, n, total)),
    )  # fmt: skip
    assert seen == [(t, i + 1, 5) for i, t in enumerate(ARTIFACT_ORDER)]
    polls = {"n": 0}

    def cancelled() -> bool:  # before gap questions, before the VPR, then before each VPR stage
        polls["n"] += 1
        return polls["n"] > 2 + 5

    with pytest.raises(GenerationCancelled) as err:
        generate_all(sample_cv(), sample_job(), provider=OfflineProvider(), is_cancelled=cancelled, today=TODAY)
    assert list(err.value.partial.artifacts) == list(ARTIFACT_ORDER[:2])


def test_a_provider_stopped_by_the_cancel_flag_is_a_cancellation_not_a_failure() -> None:
    """Claude polls the cancel flag while it streams and stops with its own exception: the run is cancelled
    (the window says so, nothing is saved), not failed ("Something went wrong")."""
    cancel = {"now": False}

    class StoppedMidStream(OfflineProvider):
        def generate(self, artifact_type, ctx):  # type: ignore[no-untyped-def]
            if artifact_type is ArtifactType.VPR:
                cancel["now"] = True  # the user pressed Cancel while this was being written
                raise RuntimeError("stream closed: cancelled")
            return super().generate(artifact_type, ctx)

    with pytest.raises(GenerationCancelled) as err:
        generate_all(
            sample_cv(), sample_job(), provider=StoppedMidStream(), is_cancelled=lambda: cancel["now"], today=TODAY
        )
    assert list(err.value.partial.artifacts) == [ArtifactType.GAP_QUESTIONS]
    assert isinstance(err.value.__cause__, RuntimeError)
    # Without a cancel the same exception is a failure, as before.
    with pytest.raises(RuntimeError):
        generate_all(sample_cv(), sample_job(), provider=StoppedMidStream(), today=TODAY)


def test_the_vpr_is_written_in_five_reported_stages_and_cancelling_stops_between_them() -> None:
    from careervp_desktop.generation.pipeline import VPR_STAGES, Stage

    stages: list[Stage] = []
    generate_all(
        sample_cv(), sample_job(), provider=OfflineProvider(), today=TODAY, on_stage=stages.append,
        types=(ArtifactType.VPR,),
    )  # fmt: skip
    assert [(s.index, s.total, s.name) for s in stages] == [(n, 5, name) for n, name in enumerate(VPR_STAGES, 1)]
    assert all(s.artifact is ArtifactType.VPR for s in stages)
    assert "must-haves met" in stages[0].detail and "requirements" in stages[1].detail

    class CountingProvider(OfflineProvider):
        calls = 0

        def generate(self, artifact_type, ctx):  # type: ignore[no-untyped-def]
            CountingProvider.calls += 1
            return super().generate(artifact_type, ctx)

    seen: list[Stage] = []
    with pytest.raises(GenerationCancelled) as err:
        generate_all(
            sample_cv(), sample_job(), provider=CountingProvider(), today=TODAY, types=(ArtifactType.VPR,),
            on_stage=seen.append, is_cancelled=lambda: len(seen) >= 2,
        )  # fmt: skip
    assert [s.index for s in seen] == [1, 2]  # stopped before synthesis: the writer was never asked
    assert CountingProvider.calls == 0 and err.value.partial.artifacts == {}


def test_self_correction_drops_unsupported_claims_and_keeps_the_rest() -> None:
    from careervp_desktop.generation.pipeline import self_correct

    cv = sample_cv()
    sources = FactSources.from_cv(cv, today=TODAY)
    real = cv.experience[0].achievements[0]
    vpr = VPR(
        headline="h",
        summary=f"{real} I was Head of Engineering at Google from 2010 to 2015.\n\nI led a team at Initech Bank.",
        strengths=[real, "Managed a team of 40 engineers at Initech Bank"],
        differentiators=["Kubernetes certified since 2012 by the Linux Foundation (CKA)"],
        recommendations=["Lead with the Kafka pipeline."],
    )
    fixed, removed = self_correct(vpr, sources, target_company="Fjordhaven Energy")
    assert fixed.strengths == [real] and fixed.recommendations == ["Lead with the Kafka pipeline."]
    assert "Google" not in fixed.summary and "Initech" not in fixed.summary and real in fixed.summary
    assert fixed.differentiators == [] and removed == 4
    whole = VPR(headline="h", summary="I was Head of Engineering at Google from 2010 to 2015.")
    assert self_correct(whole, sources)[0].summary == whole.summary  # nothing left: kept whole, underlined


def test_honest_for_a_thin_cv() -> None:
    cv = MasterCV(full_name="Sam Park", skills=["Excel"])
    job = sample_job()
    match = match_cv_to_job(cv, job, today=TODAY)
    ctx = GenerationContext(cv=cv, job=job, match=match, today=TODAY)
    sources = FactSources.from_cv(cv, today=TODAY)
    for t in ARTIFACT_ORDER:
        content = OfflineProvider().generate(t, ctx).content
        bad = check_artifact(t, content, sources, target_company=job.company, target_title=job.title)
        assert [v for v in bad if v.severity is Severity.CRITICAL] == [], (t, bad)


def test_with_the_real_jd_parser_when_available(sample_jd_path) -> None:  # type: ignore[no-untyped-def]
    jd_parser = pytest.importorskip("careervp_desktop.ingest.jd_parser")
    parse = getattr(jd_parser, "parse_job_posting", None)
    if parse is None:
        pytest.skip("jd_parser.parse_job_posting is not written yet")
    job = parse(sample_jd_path.read_text(encoding="utf-8"))
    res = generate_all(sample_cv(), job, provider=OfflineProvider(), today=TODAY)
    for art in res.artifacts.values():
        assert [v for v in art.violations if v.severity is Severity.CRITICAL] == [], art.type
