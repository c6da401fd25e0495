"""Property tests: a CV checked against itself yields no violations, and neither do reordering and omission.

CVs are generated at random but well formed: names (with diacritics), employers (with legal suffixes and
umlauts), titles, non-overlapping date ranges in several display formats, bullets with numbers in several units
and tools from the vocabulary, schools, skills and certifications."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careervp_desktop.analysis.fvs import FactSources, check_tailored_cv, check_text
from careervp_desktop.domain.models import Certification, ContactInfo, EducationEntry, ExperienceEntry, MasterCV

TODAY = date(2026, 6, 1)
FIRST = ["Anna", "José", "Zoë", "Søren", "Li", "Priya", "Mateo", "Chloé", "Oluwaseun", "Jürgen"]
LAST = ["Müller", "Martínez", "Nakamura", "Okafor", "Lindqvist", "O'Brien", "Dubois", "Raghunathan", "Kowalski"]
ORG_A = ["Nordlane", "Brightwave", "Kassa", "Lumen", "Cloudline", "Silverpine", "Harbor", "Quanta", "Mühlbach"]
ORG_B = ["Logistics", "Media", "Payments", "Health", "Software", "Analytics", "Foods", "Klinikum", "Robotics"]
SUFFIX = ["", " GmbH", " AB", " Inc.", " Ltd", " S.A."]
LEVEL = ["", "Junior ", "Senior ", "Lead ", "Staff "]
FIELD = ["Backend", "Data", "Sales", "Marketing", "Operations", "Product", "ICU", "Finance"]
HEAD = ["Engineer", "Analyst", "Manager", "Nurse", "Specialist", "Coordinator", "Consultant", "Designer"]
TOOLS = ["Python", "SQL", "Kubernetes", "PostgreSQL", "Salesforce", "Tableau", "Excel", "Docker", "Airflow", "React"]
THINGS = ["users", "customers", "patients", "accounts", "orders", "stores"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
SCHOOLS = ["University of Lund", "Technische Universität München", "Universidad de Sevilla", "Ohio State University"]
DEGREES = [("Bachelor of Science", "Computer Science"), ("Master of Arts", "Economics"), ("BSc", "Nursing")]
CERTS = ["AWS Certified Solutions Architect – Associate", "Certified Scrum Master", "PMP", "Basic Life Support (BLS)"]

BULLETS = [
    "Cut {thing} churn by {pct}% in {n} months using {tool}.",
    "Led a team of {n} analysts and engineers.",
    "Built {tool} dashboards used by {big:,} {thing}.",
    "Grew revenue from ${m1}M to ${m2}M in {n} years.",
    "Migrated {n} services to {tool}, making releases {x}× faster.",
    "Handled up to {n} {thing} per shift with {tool}.",
]


def _date_label(year: int, month: int, style: int) -> str:
    return [f"{MONTHS[month - 1]} {year}", f"{month:02d}/{year}", f"{year}-{month:02d}", str(year)][style]


@st.composite
def bullets(draw: st.DrawFn) -> str:
    template = draw(st.sampled_from(BULLETS))
    m1 = draw(st.integers(1, 9))
    return template.format(
        thing=draw(st.sampled_from(THINGS)),
        tool=draw(st.sampled_from(TOOLS)),
        pct=draw(st.integers(2, 95)),
        n=draw(st.integers(2, 40)),
        big=draw(st.integers(1000, 900000)),
        m1=m1,
        m2=m1 + draw(st.integers(1, 9)),
        x=draw(st.integers(2, 9)),
    )


@st.composite
def cvs(draw: st.DrawFn) -> MasterCV:
    first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
    n_jobs = draw(st.integers(1, 4))
    year = draw(st.integers(2004, 2016))
    month = draw(st.integers(1, 12))
    jobs: list[ExperienceEntry] = []
    used: set[str] = set()
    for i in range(n_jobs):
        company = draw(st.sampled_from(ORG_A)) + " " + draw(st.sampled_from(ORG_B)) + draw(st.sampled_from(SUFFIX))
        if company.split()[0] in used:
            continue
        used.add(company.split()[0])
        length = draw(st.integers(3, 40))
        end_y, end_m = divmod(year * 12 + month - 1 + length, 12)
        end_m += 1
        ongoing = i == n_jobs - 1 and draw(st.booleans())
        if end_y * 12 + end_m > TODAY.year * 12 + TODAY.month:
            ongoing = True
        style = draw(st.integers(0, 3))
        start_label = _date_label(year, month, style)
        end_label = "Present" if ongoing else _date_label(end_y, end_m, style)
        jobs.append(
            ExperienceEntry(
                company=company,
                role=draw(st.sampled_from(LEVEL)) + draw(st.sampled_from(FIELD)) + " " + draw(st.sampled_from(HEAD)),
                location=draw(st.sampled_from(["Berlin, Germany", "Austin, TX", None])),
                start_date=f"{year}-{month:02d}",
                end_date="present" if ongoing else f"{end_y}-{end_m:02d}",
                dates_raw=f"{start_label} – {end_label}",
                achievements=draw(st.lists(bullets(), min_size=1, max_size=4, unique=True)),
            )
        )
        if ongoing:
            break
        year, month = end_y, end_m
        if month == 12:
            year, month = year + 1, 1
        else:
            month += 1
    jobs.reverse()
    degree, field = draw(st.sampled_from(DEGREES))
    school_end = draw(st.integers(2000, 2016))
    return MasterCV(
        full_name=f"{first} {last}",
        contact_info=ContactInfo(
            email=f"{last.lower()[:3]}@example.com", phone="+49 30 5550 1234", location="Berlin, Germany"
        ),
        professional_summary=f"{jobs[0].role} with experience at {jobs[-1].company}. Works with "
        f"{draw(st.sampled_from(TOOLS))} every day.",
        experience=jobs,
        education=[
            EducationEntry(
                institution=draw(st.sampled_from(SCHOOLS)),
                degree=degree,
                field_of_study=field,
                start_date=str(school_end - 3),
                end_date=str(school_end),
                dates_raw=f"{school_end - 3} – {school_end}",
            )
        ],
        skills=draw(st.lists(st.sampled_from([*TOOLS, "Negotiation", "Forecasting"]), max_size=8, unique=True)),
        certifications=[Certification(name=c) for c in draw(st.lists(st.sampled_from(CERTS), max_size=2, unique=True))],
        languages=["English", "German"],
    )


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cvs())
def test_a_cv_checked_against_itself_has_no_violations(cv: MasterCV) -> None:
    sources = FactSources.from_cv(cv, today=TODAY)
    assert check_tailored_cv(cv, sources, target_company="Acme Robotics", target_title="Head of Data") == []


@SETTINGS
@given(cvs())
def test_the_cvs_own_sentences_as_free_text_have_no_violations(cv: MasterCV) -> None:
    sources = FactSources.from_cv(cv, today=TODAY)
    sentences = [cv.professional_summary or ""] + [b for e in cv.experience for b in e.achievements]
    text = "\n".join(sentences)
    assert check_text(text, sources, target_company="Acme Robotics") == []
    assert check_text(" ".join(sentences), sources, target_company="Acme Robotics") == []


@SETTINGS
@given(cvs(), st.randoms(use_true_random=False))
def test_reordering_and_omitting_bullets_and_skills_has_no_violations(cv: MasterCV, rnd: object) -> None:
    import random

    assert isinstance(rnd, random.Random)
    sources = FactSources.from_cv(cv, today=TODAY)
    doc = cv.model_copy(deep=True)
    for job in doc.experience:
        rnd.shuffle(job.achievements)
        job.achievements = job.achievements[: rnd.randint(0, len(job.achievements))]
    rnd.shuffle(doc.experience)
    doc.experience = doc.experience[: rnd.randint(1, len(doc.experience))]
    rnd.shuffle(doc.skills)
    doc.skills = doc.skills[: rnd.randint(0, len(doc.skills))]
    doc.certifications = doc.certifications[: rnd.randint(0, len(doc.certifications))]
    assert check_tailored_cv(doc, sources, target_company="Acme Robotics") == []


@SETTINGS
@given(cvs())
def test_faithful_prose_about_each_job_has_no_violations(cv: MasterCV) -> None:
    """Sentences built from the CV's own facts (role, employer, displayed dates, a bullet) are faithful."""
    sources = FactSources.from_cv(cv, today=TODAY)
    lines = ["I am applying to Acme Robotics as Head of Data."]
    for job in cv.experience:
        lines.append(f"As {job.role} at {job.company} ({job.dates_raw}), I did this: {job.achievements[0]}")
    school = cv.education[0]
    lines.append(f"I hold a {school.degree} in {school.field_of_study} from {school.institution}.")
    lines.append(f"Kind regards,\n{cv.full_name}")
    text = "\n\n".join(lines)
    assert check_text(text, sources, target_company="Acme Robotics", target_title="Head of Data") == []


@SETTINGS
@given(cvs(), st.sampled_from(["Initech", "Globex Corporation", "Acme Robotics"]))
def test_a_renamed_employer_is_always_flagged(cv: MasterCV, other: str) -> None:
    sources = FactSources.from_cv(cv, today=TODAY)
    doc = cv.model_copy(deep=True)
    doc.experience[0].company = other
    found = check_tailored_cv(doc, sources, target_company="Acme Robotics")
    assert [(v.type.value, v.text) for v in found if v.type.value == "employer"] == [("employer", other)]
