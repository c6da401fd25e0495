"""The sample CV and job of `resources/samples/`, built directly as domain models (no parser involved)."""

from __future__ import annotations

from datetime import date

from careervp_desktop.domain.models import (
    Certification,
    ContactInfo,
    EducationEntry,
    ExperienceEntry,
    JobPosting,
    MasterCV,
    Requirement,
    RequirementKind,
)

TODAY = date(2026, 6, 1)


def sample_cv() -> MasterCV:
    return MasterCV(
        full_name="Maya Lindqvist",
        contact_info=ContactInfo(
            email="maya.lindqvist@example.com",
            phone="+46 70 555 0142",
            location="Gothenburg, Sweden",
            linkedin="linkedin.com/in/maya-lindqvist-demo",
            website="mayalindqvist.dev",
        ),
        professional_summary=(
            "Backend engineer with seven years of experience building data-heavy Python services for logistics "
            "and payments. I like turning slow, fragile batch jobs into reliable streaming systems, and I mentor "
            "the people around me."
        ),
        experience=[
            ExperienceEntry(
                company="Nordlane Logistics",
                role="Senior Backend Engineer",
                location="Gothenburg, Sweden",
                start_date="2021-03",
                end_date="present",
                dates_raw="Mar 2021 – Present",
                achievements=[
                    "Rebuilt the shipment-tracking pipeline on Kafka and PostgreSQL, cutting event latency from "
                    "15 minutes to 40 seconds.",
                    "Led a team of 4 engineers through the migration of 30 cron jobs to Airflow with zero missed "
                    "deliveries.",
                    "Introduced contract tests and a CI pipeline in GitHub Actions, raising deployment frequency "
                    "from weekly to daily.",
                    "Mentored 3 junior developers; two were promoted within a year.",
                ],
            ),
            ExperienceEntry(
                company="Kassa Payments AB",
                role="Backend Engineer",
                location="Stockholm, Sweden",
                start_date="2018-08",
                end_date="2021-02",
                dates_raw="Aug 2018 – Feb 2021",
                achievements=[
                    "Built REST APIs in Python and FastAPI that process 1.2 million card payments a month.",
                    "Cut the monthly AWS bill by 22% by moving reporting queries to read replicas and caching hot "
                    "paths in Redis.",
                    "Wrote the fraud-rule engine used by the risk team, with 95% unit-test coverage.",
                ],
            ),
            ExperienceEntry(
                company="Brightfield Consulting",
                role="Junior Developer",
                location="Uppsala, Sweden",
                start_date="2017-06",
                end_date="2018-07",
                dates_raw="Jun 2017 – Jul 2018",
                achievements=[
                    "Maintained Django web applications for three municipal clients.",
                    "Automated weekly Excel reporting with Python scripts, saving 6 hours of manual work per week.",
                ],
            ),
        ],
        education=[
            EducationEntry(
                institution="Uppsala University",
                degree="M.Sc. Computer Science",
                field_of_study="Computer Science",
                start_date="2015",
                end_date="2017",
                dates_raw="2015 – 2017",
            ),
            EducationEntry(
                institution="Chalmers University of Technology",
                degree="B.Sc. Software Engineering",
                field_of_study="Software Engineering",
                start_date="2012",
                end_date="2015",
                dates_raw="2012 – 2015",
            ),
        ],
        skills=[
            "Python",
            "FastAPI",
            "Django",
            "PostgreSQL",
            "Redis",
            "Kafka",
            "Airflow",
            "Docker",
            "AWS",
            "GitHub Actions",
            "SQL",
        ],
        certifications=[
            Certification(name="AWS Certified Developer – Associate", issuer="Amazon Web Services", date="2022")
        ],
        languages=["Swedish", "English", "German"],
    )


def sample_job() -> JobPosting:
    nice = RequirementKind.NICE
    return JobPosting(
        title="Senior Python Engineer — Data Platform",
        company="Fjordhaven Energy",
        location="Oslo, Norway",
        seniority="senior",
        years_required=5,
        requirements=[
            Requirement(text="5+ years of professional experience with Python.", skills=["Python"]),
            Requirement(
                text="Strong experience with PostgreSQL and SQL query optimisation.", skills=["PostgreSQL", "SQL"]
            ),
            Requirement(text="Hands-on experience with Kafka or another event-streaming platform.", skills=["Kafka"]),
            Requirement(
                text="Experience with AWS and infrastructure as code (Terraform).", skills=["AWS", "Terraform"]
            ),
            Requirement(text="Experience with Docker and Kubernetes.", skills=["Docker", "Kubernetes"]),
            Requirement(text="You write tests and care about CI/CD.", skills=["CI/CD"]),
            Requirement(
                text="Experience with Apache Airflow or another workflow orchestrator.", kind=nice, skills=["Airflow"]
            ),
            Requirement(
                text="Familiarity with time-series databases such as TimescaleDB.", kind=nice, skills=["TimescaleDB"]
            ),
            Requirement(text="Knowledge of the energy sector.", kind=nice),
            Requirement(text="Norwegian or Swedish.", kind=nice),
        ],
        responsibilities=[
            "Design and build streaming data pipelines that ingest meter readings in near real time.",
            "Own Python services from design to production, including monitoring and on-call.",
            "Work with data scientists to put forecasting models into production.",
            "Mentor engineers and raise the bar on code review and testing.",
        ],
        keywords=["Python", "PostgreSQL", "Kafka", "AWS", "Terraform", "Docker", "Kubernetes", "Airflow"],
    )
