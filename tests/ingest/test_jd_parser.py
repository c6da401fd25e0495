from __future__ import annotations

from pathlib import Path

import pytest

from careervp_desktop.domain.models import JobPosting, RequirementKind
from careervp_desktop.ingest.jd_parser import parse_job_posting, read_job_file
from careervp_desktop.resources import resource_path

MUST, NICE = RequirementKind.MUST, RequirementKind.NICE

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

BOARD_PAGE = """Skip to main content
Sign in
Join now
We use cookies to improve your experience. Accept all cookies to continue.
Accept all
Data Engineer (m/f/d) - Remote
Quarrystone Analytics · Lisbon, Portugal (remote)
Posted 3 days ago
Apply now
Save job

About the job
Quarrystone Analytics helps retailers forecast demand. We are a team of 40 people.

Responsibilities
• Build batch and streaming pipelines
• Maintain our dbt models

Minimum qualifications
• At least 3 years of experience in data engineering
• Proficiency in SQL and Python
• Experience with k8s and Postgres
• Familiarity with Looker or Tableau (nice to have)

Preferred qualifications
• Experience with Snowflake
• Knowledge of Glimmerflow is a plus

Compensation: €55,000–€70,000 per year plus equity.
Quarrystone Analytics is an equal opportunity employer and does not discriminate on the basis of race or gender.

Similar jobs
Senior Data Engineer · Acme · Berlin
Analytics Engineer · Foo · Paris
"""

NO_HEADINGS = """Backend Developer
Harbourline Systems, Rotterdam, Netherlands

We are looking for a backend developer to build our booking platform. You will design APIs and work closely
with product.

You have 3-5 years of experience with Java and Spring Boot. Knowledge of Kafka is required. A degree in
computer science or a related field. Experience with AWS is preferred.

We offer 30 vacation days and a pension plan. Send your CV to jobs@harbourline.example.
"""

GERMAN = """Softwareentwickler Python (m/w/d)
Kranich Logistik GmbH – Hamburg

Deine Aufgaben
- Du entwickelst unsere Routenplanung in Python weiter
- Du betreust unsere CI/CD-Pipelines

Dein Profil
- Mindestens 4 Jahre Berufserfahrung in der Softwareentwicklung
- Sehr gute Kenntnisse in Python und PostgreSQL
- Erfahrung mit Docker und Kubernetes

Wünschenswert
- Erfahrung mit Terraform

Wir bieten
- 30 Tage Urlaub und ein Jobticket
"""

FRENCH = """Développeur Backend Senior (H/F)
Chez Vireo Santé, nous construisons le dossier patient de demain.

Vos missions
- Concevoir et développer des API en Python
- Participer aux revues de code

Profil recherché
- 5 ans d'expérience minimum en développement backend
- Maîtrise de Python et de Django
- Connaissance de PostgreSQL

Les plus
- Une expérience avec AWS

Avantages
- Tickets restaurant et mutuelle
"""


def _kinds(job: JobPosting) -> list[RequirementKind]:
    return [r.kind for r in job.requirements]


def _texts(job: JobPosting) -> str:
    return "\n".join(r.text for r in job.requirements)


def test_parse_job_posting() -> None:
    job = parse_job_posting(JD)
    assert job.title == "Senior Backend Engineer"
    assert job.company == "Lumen Freight"
    assert job.location == "Remote (EU)"
    assert job.seniority == "senior"
    assert job.years_required == 5
    assert job.responsibilities == ["Design event-driven services in Python", "Own our PostgreSQL schema"]
    assert _kinds(job) == [MUST, MUST, NICE]
    assert "FastAPI" in job.requirements[0].skills
    assert "Kafka" in job.keywords
    assert job.raw_text == JD


def test_the_sample_jd() -> None:
    job = parse_job_posting(resource_path("samples", "sample_jd.txt").read_text(encoding="utf-8"))
    assert job.company == "Fjordhaven Energy"
    assert job.title in ("Senior Python Engineer — Data Platform", "Senior Python Engineer")
    assert job.location and "Oslo" in job.location
    assert job.years_required == 5
    assert job.seniority == "senior"
    musts = [r for r in job.requirements if r.kind is MUST]
    nices = [r for r in job.requirements if r.kind is NICE]
    assert len(musts) == 6 and len(nices) == 4
    must_skills = [set(r.skills) for r in musts]
    for expected in ({"Python"}, {"PostgreSQL"}, {"Kafka"}, {"AWS", "Terraform"}, {"Docker", "Kubernetes"}, {"CI/CD"}):
        assert any(expected <= skills for skills in must_skills), expected
    assert "salary" not in _texts(job).lower() and "NOK" not in _texts(job)
    assert len(job.responsibilities) == 4


def test_a_noisy_job_board_page() -> None:
    job = parse_job_posting(BOARD_PAGE)
    assert job.title == "Data Engineer"
    assert job.company == "Quarrystone Analytics"
    assert job.location is not None and "Lisbon" in job.location
    assert job.years_required == 3
    assert job.responsibilities == ["Build batch and streaming pipelines", "Maintain our dbt models"]
    assert _kinds(job) == [MUST, MUST, MUST, NICE, NICE, NICE]
    text = _texts(job)
    for noise in ("cookie", "Sign in", "Apply", "Save job", "€", "equal opportunity", "Senior Data Engineer", "Acme"):
        assert noise.lower() not in text.lower(), noise
    k8s = job.requirements[2]
    assert {"Kubernetes", "PostgreSQL"} <= set(k8s.skills)  # aliases: k8s, Postgres
    assert "Glimmerflow" in job.requirements[5].skills  # a tool the vocabulary does not know
    assert {"SQL", "Python", "Snowflake", "Kubernetes"} <= set(job.keywords)


def test_a_posting_without_headings() -> None:
    job = parse_job_posting(NO_HEADINGS)
    assert job.title == "Backend Developer"
    assert job.company == "Harbourline Systems"
    assert job.location == "Rotterdam, Netherlands"
    assert job.years_required == 3
    text = _texts(job)
    assert "3-5 years of experience with Java and Spring Boot" in text
    assert "Knowledge of Kafka is required" in text
    assert "vacation" not in text and "Send your CV" not in text
    aws = next(r for r in job.requirements if "AWS" in r.skills)
    assert aws.kind is NICE
    assert any("design APIs" in r for r in job.responsibilities)


def test_a_german_posting() -> None:
    job = parse_job_posting(GERMAN)
    assert job.language == "de"
    assert job.title == "Softwareentwickler Python"
    assert job.company == "Kranich Logistik GmbH"
    assert job.location == "Hamburg"
    assert job.years_required == 4
    assert _kinds(job) == [MUST, MUST, MUST, NICE]
    assert {"Python", "PostgreSQL"} <= set(job.requirements[1].skills)
    assert len(job.responsibilities) == 2
    assert "Urlaub" not in _texts(job)


def test_a_french_posting() -> None:
    job = parse_job_posting(FRENCH)
    assert job.language == "fr"
    assert job.title == "Développeur Backend Senior"
    assert job.company == "Vireo Santé"
    assert job.seniority == "senior"
    assert job.years_required == 5
    assert _kinds(job) == [MUST, MUST, MUST, NICE]
    assert {"Python", "Django"} <= set(job.requirements[1].skills)
    assert len(job.responsibilities) == 2
    assert "mutuelle" not in _texts(job)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Experience with Rust (nice to have)", NICE),
        ("Experience with Rust is a plus", NICE),
        ("Ideally you know Rust", NICE),
        ("Bachelor's degree (MBA preferred)", MUST),
        ("Experience with Rust", MUST),
    ],
)
def test_inline_nice_markers(line: str, kind: RequirementKind) -> None:
    job = parse_job_posting(f"Rust Engineer\n\nRequirements\n- {line}\n")
    assert [r.kind for r in job.requirements] == [kind]


def test_requirement_phrases_are_short_and_clean() -> None:
    job = parse_job_posting(
        "Platform Engineer\n\nRequirements\n- Strong hands-on experience with service mesh technologies\n"
        "- Proficiency in Golang, JS and Node JS\n"
    )
    first, second = job.requirements
    assert "service mesh" in first.skills
    assert not any(w in s.lower() for s in first.skills for w in ("strong", "hands-on", "experience"))
    assert {"Go", "JavaScript", "Node.js"} <= set(second.skills)


def test_years_take_the_minimum_of_a_range() -> None:
    assert parse_job_posting("Analyst\n\nRequirements\n- 3-5 years of experience in SQL\n").years_required == 3
    assert parse_job_posting("Analyst\n\nRequirements\n- At least 2 years in SQL\n").years_required == 2


def test_read_job_file(tmp_path: Path) -> None:
    p = tmp_path / "jd.txt"
    p.write_text(JD, encoding="utf-8")
    assert read_job_file(p) == JD.strip("\n")


def test_a_hebrew_job_ad_has_its_sections_requirements_and_company() -> None:
    text = resource_path("samples", "sample_jd_he.txt").read_text(encoding="utf-8")
    job = parse_job_posting(text)
    assert job.language == "he" and job.company == 'אנרגיה ירוקה בע"מ' and job.title is not None
    assert job.title.startswith("מהנדס/ת Backend")
    musts = [r for r in job.requirements if r.kind is RequirementKind.MUST]
    nices = [r for r in job.requirements if r.kind is RequirementKind.NICE]
    assert [r.skills for r in musts] == [["Python"], ["Kafka"], ["PostgreSQL", "SQL"], ["Docker", "Kubernetes"]]
    assert [r.skills for r in nices] == [["Airflow"], []]  # a Hebrew phrase naming a tool is not itself a skill
    assert len(job.responsibilities) == 3 and job.years_required == 5
    assert not any("החברה" in r.text for r in job.requirements)  # the "about us" section is not a requirement
