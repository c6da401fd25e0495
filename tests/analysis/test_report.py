"""The VPR additions every writer gets: ATS keywords in priority order, the business impact of each evidence row
(the CV line's own measurable clause), 5–7 talking points; what a writer gave is kept."""

from __future__ import annotations

from careervp_desktop.analysis.match import match_cv_to_job
from careervp_desktop.analysis.report import ats_keywords, business_impact, enrich_vpr
from careervp_desktop.domain.artifacts import VPR, EvidenceRow, GapQuestion
from careervp_desktop.domain.models import (
    ArtifactType,
    Evidence,
    MatchResult,
    MatchStatus,
    Requirement,
    RequirementKind,
    RequirementMatch,
)
from careervp_desktop.export.document import build_document
from careervp_desktop.generation.offline import OfflineProvider
from careervp_desktop.generation.pipeline import generate_all
from careervp_desktop.ui.artifact_html import vpr_html
from tests.analysis.samples import TODAY, sample_cv, sample_job


def _rm(kind: RequirementKind, matched: list[str], missing: list[str]) -> RequirementMatch:
    status = MatchStatus.MATCHED if not missing else MatchStatus.PARTIAL if matched else MatchStatus.MISSING
    return RequirementMatch(
        requirement=Requirement(text="x", kind=kind), status=status, matched_skills=matched, missing_skills=missing
    )


def test_keywords_musts_the_cv_has_first_then_missing_musts_then_nices() -> None:
    match = MatchResult(
        score=50,
        requirements=[
            _rm(RequirementKind.NICE, ["Airflow"], ["TimescaleDB"]),
            _rm(RequirementKind.MUST, ["Python"], []),
            _rm(RequirementKind.MUST, ["Docker"], ["Kubernetes"]),
            _rm(RequirementKind.MUST, [], ["Terraform", "python"]),
        ],
    )
    assert ats_keywords(match) == ["Python", "Docker", "Kubernetes", "Terraform", "Airflow", "TimescaleDB"]


def test_business_impact_is_the_clause_with_the_number() -> None:
    bullet = (
        "Rebuilt the shipment-tracking pipeline on Kafka and PostgreSQL, cutting event latency from 15 minutes to "
        "40 seconds."
    )
    assert business_impact(bullet) == "cutting event latency from 15 minutes to 40 seconds"
    assert business_impact("Built REST APIs that process 1.2 million card payments a month.") == (
        "Built REST APIs that process 1.2 million card payments a month"
    )
    assert business_impact("Mentored junior developers.") == ""


def test_enrich_fills_what_is_missing_and_keeps_what_the_writer_gave() -> None:
    match = MatchResult(score=50, requirements=[_rm(RequirementKind.MUST, ["Python"], ["Go"])])
    given = VPR(
        headline="h",
        summary="s",
        strengths=["a", "b"],
        evidence_matrix=[
            EvidenceRow(requirement="r", evidence="Cut costs by 22% in 2023", source="E1", strength="strong")
        ],
        ats_keywords=["Mine"],
    )
    out = enrich_vpr(given, match)
    assert out.ats_keywords == ["Mine"]
    assert out.evidence_matrix[0].business_impact == "Cut costs by 22% in 2023"
    assert out.talking_points[:2] == ["Lead with: a", "Lead with: b"]
    assert any("If asked about Go" in p for p in out.talking_points)


def test_the_offline_vpr_has_them_and_they_are_shown_and_exported() -> None:
    cv, job = sample_cv(), sample_job()
    result = generate_all(cv, job, provider=OfflineProvider(), today=TODAY, types=(ArtifactType.VPR,))
    vpr = result.artifacts[ArtifactType.VPR].content
    assert isinstance(vpr, VPR)
    assert 5 <= len(vpr.talking_points) <= 7
    match = match_cv_to_job(cv, job, today=TODAY)
    assert vpr.ats_keywords == ats_keywords(match) and "Python" in vpr.ats_keywords[:3]
    assert any(r.business_impact for r in vpr.evidence_matrix)
    assert result.artifacts[ArtifactType.VPR].violations == []
    html = vpr_html(vpr)
    assert "Talking points" in html and "Keywords to use" in html and "Impact:" in html
    doc = build_document(ArtifactType.VPR, vpr, cv=cv, job=job, today=TODAY)
    headings = [getattr(b, "text", "") for b in doc.blocks]
    assert "Talking points" in headings and "Keywords to use" in headings


def test_interview_prep_is_capped_per_type_and_in_all() -> None:
    from careervp_desktop.analysis.report import limit_interview
    from careervp_desktop.domain.artifacts import InterviewPrep, InterviewQuestion

    def q(kind: str, n: int) -> InterviewQuestion:
        return InterviewQuestion(question=f"{kind} {n}", category=kind, why_asked="")

    prep = InterviewPrep(
        questions=[q("technical", i) for i in range(6)]
        + [q("Behavioral", i) for i in range(2)]
        + [q("gap", i) for i in range(5)]
        + [q("motivation", 0)]
    )
    kept = [x.question for x in limit_interview(prep).questions]
    # four per type (technical 6 → 4, gap 5 → 4), then eleven → ten: the first of the biggest types gives up its last
    assert kept == [
        "technical 0",
        "technical 1",
        "technical 2",
        "Behavioral 0",
        "Behavioral 1",
        "gap 0",
        "gap 1",
        "gap 2",
        "gap 3",
        "motivation 0",
    ]
    assert "motivation 0" in kept  # every type stays represented


def test_offline_interview_prep_has_star_outlines_follow_ups_pitch_and_questions_to_ask() -> None:
    cv, job = sample_cv(), sample_job()
    result = generate_all(cv, job, provider=OfflineProvider(), today=TODAY, types=(ArtifactType.INTERVIEW_PREP,))
    prep = result.artifacts[ArtifactType.INTERVIEW_PREP].content
    from careervp_desktop.domain.artifacts import InterviewPrep

    assert isinstance(prep, InterviewPrep)
    assert len(prep.questions) <= 10 and 5 <= len(prep.questions_to_ask) <= 7
    kinds = [q.category for q in prep.questions]
    assert all(kinds.count(k) <= 4 for k in set(kinds)) and "situational" in kinds
    stars = [q.star for q in prep.questions if q.star is not None]
    assert stars and all(150 <= len(s.text().split()) <= 300 for s in stars), [len(s.text().split()) for s in stars]
    assert all(q.evaluates for q in prep.questions)
    assert "Maya Lindqvist" in prep.pitch and 40 <= len(prep.pitch.split()) <= 110
    assert result.artifacts[ArtifactType.INTERVIEW_PREP].violations == []


def test_cultural_fit_comes_from_the_users_notes_on_the_company() -> None:
    cv, job = sample_cv(), sample_job()
    notes = "They publish their grid forecasts openly. The team pairs a lot. ok"
    result = generate_all(
        cv, job, provider=OfflineProvider(), today=TODAY, types=(ArtifactType.VPR,), company_notes=notes
    )
    vpr = result.artifacts[ArtifactType.VPR].content
    assert isinstance(vpr, VPR)
    assert [line.split(" Connect it to: ")[0] for line in vpr.cultural_fit] == [
        "Your note: “They publish their grid forecasts openly.”",
        "Your note: “The team pairs a lot.”",
    ]
    assert all(" Connect it to: " in line for line in vpr.cultural_fit)
    assert "Cultural fit" in vpr_html(vpr)
    doc = build_document(ArtifactType.VPR, vpr, cv=cv, job=job, today=TODAY)
    assert "Cultural fit" in [getattr(b, "text", "") for b in doc.blocks]
    without = generate_all(cv, job, provider=OfflineProvider(), today=TODAY, types=(ArtifactType.VPR,))
    assert without.artifacts[ArtifactType.VPR].content.cultural_fit == []  # type: ignore[attr-defined]


# ------------------------------------------------------------------------------ evidence matrix grades
def _graded(status: MatchStatus, *evidence: Evidence) -> RequirementMatch:
    return RequirementMatch(
        requirement=Requirement(text="Kafka in production", kind=RequirementKind.MUST),
        status=status,
        evidence=list(evidence),
    )


def test_evidence_is_graded_strong_moderate_developing_by_what_backs_it() -> None:
    from careervp_desktop.analysis.report import grade

    bullet = Evidence(section="experience", entry_index=0, bullet_index=1, text="Rebuilt ingestion on Kafka")
    skill = Evidence(section="skills", text="Kafka")
    assert grade(_graded(MatchStatus.MATCHED, skill, bullet), bullet) == "strong"
    assert grade(_graded(MatchStatus.MATCHED, skill), skill) == "moderate"
    assert grade(_graded(MatchStatus.PARTIAL, bullet), bullet) == "moderate"
    assert grade(_graded(MatchStatus.PARTIAL, skill), skill) == "developing"
    assert grade(_graded(MatchStatus.MISSING), None) == "gap"


def test_matrix_rows_name_their_source_the_best_evidence_first_and_answers_by_question_id() -> None:
    from careervp_desktop.analysis.report import evidence_matrix

    cv = sample_cv()
    bullet_text = cv.experience[0].achievements[0]
    bullet = Evidence(section="experience", entry_index=0, bullet_index=0, text=bullet_text)
    skill = Evidence(section="skills", text="Kafka")
    missing = RequirementMatch(
        requirement=Requirement(text="Terraform", kind=RequirementKind.MUST), status=MatchStatus.MISSING
    )
    match = MatchResult(score=50, requirements=[_graded(MatchStatus.MATCHED, skill, bullet), missing])
    answer = "I wrote the Terraform modules for our staging accounts at my current job, about 40 resources."
    q = GapQuestion(id="q3", requirement="Terraform", question="Have you used Terraform?", why="", answer=answer)

    rows = evidence_matrix(cv, match, [q])
    assert rows[0].evidence == bullet_text and rows[0].strength == "strong"
    assert rows[0].source == f"{cv.experience[0].company} — bullet 1"
    assert rows[1].evidence == answer and rows[1].source == "Your answer to gap question q3"
    assert rows[1].strength == "moderate"
    assert evidence_matrix(cv, match)[1].strength == "gap" and evidence_matrix(cv, match)[1].source == ""


def test_old_partial_rows_read_as_moderate_in_the_window_and_the_export() -> None:
    from careervp_desktop.analysis.report import normalise_strength
    from careervp_desktop.export.labels import ENGLISH

    assert normalise_strength(" Partial ") == "moderate"
    assert ENGLISH.strength("partial") == ENGLISH.strength("moderate") == "Moderate"
    vpr = VPR(headline="h", summary="s", evidence_matrix=[EvidenceRow(requirement="r", evidence="e", source="s",
                                                                       strength="developing")])  # fmt: skip
    assert "Developing" in vpr_html(vpr)


def test_an_answer_is_the_evidence_of_every_requirement_below_strong_but_never_an_interview_only_one() -> None:
    from careervp_desktop.analysis.report import answered_requirements, evidence_matrix
    from careervp_desktop.domain.artifacts import GapDestination

    cv = sample_cv()
    bullet = Evidence(section="experience", entry_index=0, bullet_index=0, text=cv.experience[0].achievements[0])
    skill = Evidence(section="skills", text="Kafka")

    def req(text: str, status: MatchStatus, *evidence: Evidence) -> RequirementMatch:
        return RequirementMatch(
            requirement=Requirement(text=text, kind=RequirementKind.MUST), status=status, evidence=list(evidence)
        )

    match = MatchResult(
        score=60,
        requirements=[
            req("Kafka in production.", MatchStatus.MATCHED, skill, bullet),  # strong: the CV line stays
            req("PostgreSQL and SQL query optimisation.", MatchStatus.PARTIAL, bullet),  # moderate
            req("Docker and Kubernetes.", MatchStatus.PARTIAL, skill),  # developing
            req("Terraform.", MatchStatus.MISSING),  # gap
        ],
    )
    answer = "I tuned the slowest PostgreSQL queries of our tracking API with EXPLAIN ANALYZE and new indexes."

    def asked(n: int, requirement: str, **extra: object) -> GapQuestion:
        return GapQuestion(id=f"q{n}", requirement=requirement, question="?", why="", answer=answer, **extra)

    questions = [
        asked(1, "Kafka in production."),
        asked(2, "PostgreSQL and SQL query optimisation"),  # quoted loosely: no full stop
        asked(3, "Docker and Kubernetes.", destination=GapDestination.INTERVIEW_ONLY),
        asked(4, "Terraform."),
    ]
    assert set(answered_requirements(match, questions)) == {"PostgreSQL and SQL query optimisation.", "Terraform."}
    rows = evidence_matrix(cv, match, questions)
    assert (rows[0].evidence, rows[0].strength) == (bullet.text, "strong")
    assert (rows[1].evidence, rows[1].source, rows[1].strength) == (
        answer,
        "Your answer to gap question q2",
        "moderate",
    )
    assert (rows[2].evidence, rows[2].source, rows[2].strength) == ("Kafka", "Skills", "developing")
    assert (rows[3].evidence, rows[3].source) == (answer, "Your answer to gap question q4")
    without = evidence_matrix(cv, match)
    assert (without[1].evidence, without[1].strength) == (bullet.text, "moderate")
