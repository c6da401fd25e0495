from __future__ import annotations

from pathlib import Path

from careervp_desktop.domain.models import RequirementKind
from careervp_desktop.ingest.jd_parser import parse_job_posting, read_job_file

JD = """Senior Backend Engineer at Lumen Freight
Location: Remote (EU)

What you'll do
- Design event-driven services in Python
- Own our PostgreSQL schema

Requirements
- 5+ years of experience with Python and FastAPI
- Experience with Kafka and Docker

Nice to have
- Terraform or Kubernetes
"""


def test_parse_job_posting() -> None:
    job = parse_job_posting(JD)
    assert job.title == "Senior Backend Engineer"
    assert job.company == "Lumen Freight"
    assert job.location == "Remote (EU)"
    assert job.seniority == "senior"
    assert job.years_required == 5
    assert job.responsibilities == ["Design event-driven services in Python", "Own our PostgreSQL schema"]
    kinds = [r.kind for r in job.requirements]
    assert kinds == [RequirementKind.MUST, RequirementKind.MUST, RequirementKind.NICE]
    assert "FastAPI" in job.requirements[0].skills
    assert "Kafka" in job.keywords
    assert job.raw_text == JD


def test_read_job_file(tmp_path: Path) -> None:
    p = tmp_path / "jd.txt"
    p.write_text(JD, encoding="utf-8")
    assert read_job_file(p) == JD.strip("\n")
