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
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(GenerationCancelled) as err:
        generate_all(sample_cv(), sample_job(), provider=OfflineProvider(), is_cancelled=cancelled, today=TODAY)
    assert list(err.value.partial.artifacts) == list(ARTIFACT_ORDER[:2])


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
