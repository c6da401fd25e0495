from __future__ import annotations

from careervp_desktop.analysis.match import cv_years, match_cv_to_job
from careervp_desktop.domain.models import JobPosting, MatchStatus, Requirement
from tests.analysis.samples import TODAY, sample_cv, sample_job


def test_sample_match_is_explainable() -> None:
    result = match_cv_to_job(sample_cv(), sample_job(), today=TODAY)
    assert 0 <= result.score <= 100
    assert set(result.breakdown) == {"must_haves", "nice_to_haves", "title", "years"}
    by_text = {m.requirement.text: m for m in result.requirements}
    kafka = by_text["Hands-on experience with Kafka or another event-streaming platform."]
    assert kafka.status is MatchStatus.MATCHED
    top = kafka.evidence[0]
    assert (top.section, top.entry_index, top.bullet_index) == ("experience", 0, 0)
    assert sample_cv().experience[0].achievements[0] == top.text
    docker = by_text["Experience with Docker and Kubernetes."]
    assert docker.status is MatchStatus.PARTIAL and docker.missing_skills == ["Kubernetes"]
    assert by_text["Familiarity with time-series databases such as TimescaleDB."].status is MatchStatus.MISSING
    assert by_text["Norwegian or Swedish."].status is MatchStatus.MATCHED


def test_match_is_deterministic() -> None:
    a = match_cv_to_job(sample_cv(), sample_job(), today=TODAY)
    b = match_cv_to_job(sample_cv(), sample_job(), today=TODAY)
    assert a == b


def test_years_requirement_uses_merged_dates() -> None:
    cv = sample_cv()
    years = cv_years(cv, today=TODAY)
    assert round(years, 1) == 9.1  # Jun 2017 – Jun 2026 with no gaps
    job = JobPosting(title="Engineer", years_required=12, requirements=[Requirement(text="12+ years of Python.")])
    result = match_cv_to_job(cv, job, today=TODAY)
    assert result.breakdown["years"] == round(100 * years / 12, 1)
    assert result.requirements[0].status is MatchStatus.PARTIAL


def test_aliases_match() -> None:
    job = JobPosting(requirements=[Requirement(text="Experience with Postgres and k8s.")])
    m = match_cv_to_job(sample_cv(), job, today=TODAY).requirements[0]
    assert m.matched_skills == ["PostgreSQL"] and m.missing_skills == ["Kubernetes"]
