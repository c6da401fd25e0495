from __future__ import annotations

import pytest

from careervp_desktop.analysis.fvs import FactSources, check_tailored_cv, check_text, render_cv
from careervp_desktop.domain.models import Certification, ExperienceEntry, ViolationType
from tests.analysis.samples import TODAY, sample_cv

COMPANY = "Fjordhaven Energy"
TITLE = "Senior Python Engineer"


@pytest.fixture(scope="module")
def sources() -> FactSources:
    return FactSources.from_cv(sample_cv(), today=TODAY)


def _check(text: str, sources: FactSources) -> list[tuple[str, str]]:
    found = check_text(text, sources, target_company=COMPANY, target_title=TITLE)
    for v in found:
        assert v.start is not None and v.end is not None
        assert text[v.start : v.end] == v.text
    return [(v.type.value, v.text) for v in found]


FAITHFUL = [
    "I am excited to apply for the Senior Python Engineer role at Fjordhaven Energy.",
    "As a Senior Backend Engineer at Nordlane Logistics since March 2021, I rebuilt our tracking pipeline on "
    "Kafka and Postgres, cutting latency from 15 minutes to 40 seconds.",
    "At Kassa Payments I cut the AWS bill by about 20% and built REST APIs handling over 1 million payments a month.",
    "I mentored three junior developers and hold an M.Sc. in Computer Science from Uppsala University.",
    "Your posting asks for Kubernetes and Terraform, which I have not used yet.",
    "From Aug 2018 to Feb 2021 I was a Backend Engineer at Kassa Payments AB.",
    "I have seven years of experience and hold the AWS Certified Developer – Associate certification.",
    "Kind regards,\nMaya Lindqvist\nmaya.lindqvist@example.com | +46 70 555 0142 | Gothenburg, Sweden",
]


@pytest.mark.parametrize("text", FAITHFUL)
def test_faithful_text_is_not_flagged(text: str, sources: FactSources) -> None:
    assert _check(text, sources) == []


FABRICATED = [
    ("I rebuilt the pipeline on Kafka and deployed it on Kubernetes.", "skill", "Kubernetes"),
    ("I cut the monthly AWS bill by 42%.", "metric", "42%"),
    ("I have 15+ years of experience building Python services.", "metric", "15+ years"),
    ("As Head of Engineering at Nordlane Logistics I led the migration.", "title", "Head of Engineering"),
    ("From Aug 2016 to Feb 2021 I was a Backend Engineer at Kassa Payments AB.", "dates", "Aug 2016 to Feb 2021"),
    ("I hold a PhD in Computer Science.", "education", "PhD in Computer Science"),
    ("I also hold the Certified Kubernetes Administrator certification.", "certification",
     "Certified Kubernetes Administrator"),
    ("Before that I worked as a contractor for Fjordhaven Energy on meter data.", "employer",
     "for Fjordhaven Energy"),
    ("At Spotify, where I was a Backend Engineer, I built APIs.", "employer", "Spotify"),
    ("Kind regards,\nMaya Lindqvist\nmaya@example.com", "contact", "maya@example.com"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "vtype", "span"), FABRICATED)
def test_fabrications_are_flagged_and_located(text: str, vtype: str, span: str, sources: FactSources) -> None:
    found = _check(text, sources)
    assert (vtype, span) in found, found


def test_overstated_years_is_critical(sources: FactSources) -> None:
    v = check_text("With 20 years of experience in Python.", sources)[0]
    assert v.type is ViolationType.METRIC and v.severity.value == "critical"
    assert "years" in v.source


def test_tailored_cv_copy_passes_and_offsets_index_the_rendering(sources: FactSources) -> None:
    doc = sample_cv()
    assert check_tailored_cv(doc, sources, target_company=COMPANY, target_title=TITLE) == []
    doc.experience[1].role = "Senior Backend Engineer"
    doc.experience[0].achievements[0] = doc.experience[0].achievements[0].replace("15 minutes", "50 minutes")
    doc.skills.append("Terraform")
    doc.certifications.append(Certification(name="AWS Certified Solutions Architect – Professional"))
    doc.experience.append(ExperienceEntry(company="Google", role="Engineer", start_date="2016", end_date="2017"))
    doc.experience[2].dates_raw = "Jun 2016 – Jul 2018"
    found = check_tailored_cv(doc, sources, target_company=COMPANY, target_title=TITLE)
    text = render_cv(doc).text
    got = {(v.type.value, v.text) for v in found}
    assert got == {
        ("title", "Senior Backend Engineer"),
        ("metric", "50"),
        ("skill", "Terraform"),
        ("certification", "AWS Certified Solutions Architect – Professional"),
        ("employer", "Google"),
        ("dates", "Jun 2016 – Jul 2018"),
    }
    for v in found:
        assert v.start is not None and v.end is not None and text[v.start : v.end] == v.text


def test_confirmed_facts_count_as_sources() -> None:
    text = "I have run Kubernetes clusters for my own projects."
    plain = FactSources.from_cv(sample_cv(), today=TODAY)
    assert [v.text for v in check_text(text, plain)] == ["Kubernetes"]
    confirmed = FactSources.from_cv(sample_cv(), ["I run a small Kubernetes cluster at home."], today=TODAY)
    assert check_text(text, confirmed) == []


def test_a_sentence_copied_from_the_cv_is_never_flagged() -> None:
    """Whatever the rules think of its parts, a sentence the CV itself states is supported."""
    cv = sample_cv().model_copy(
        update={"professional_summary": "Backend engineer at Nordlane Logistics since 2017, writing Rust daily."}
    )
    src = FactSources.from_cv(cv, today=TODAY)
    copied = "Backend engineer at Nordlane Logistics since 2017, writing Rust daily."
    assert check_text(copied, src) == []
    edited = "Backend engineer at Nordlane Logistics since 2015, writing Rust daily."
    assert [v.type.value for v in check_text(edited, src)] == ["dates"]


def test_working_since_the_first_job_is_not_a_date_claim_about_one_job(sources: FactSources) -> None:
    first_year = min(e.start_date or "9999" for e in sample_cv().experience)[:4]
    assert _check(f"I have built Python services professionally since {first_year}.", sources) == []
    shifted = str(int(first_year) - 3)
    assert _check(f"I have built Python services professionally since {shifted}.", sources) == [("dates", shifted)]


# ------------------------------------------------------------------ generalised rules (held-out set findings)
def _cv_sources(**changes: object) -> FactSources:
    cv = sample_cv().model_copy(update=changes, deep=True)
    return FactSources.from_cv(cv, today=TODAY)


def test_umlaut_transliterations_of_a_name_are_the_same_name() -> None:
    src = _cv_sources(full_name="Jürgen Müller")
    for signed in ("Jürgen Müller", "Juergen Mueller", "Jurgen Muller"):
        assert check_text(f"Kind regards,\n{signed}", src) == []
    assert [v.type for v in check_text("Kind regards,\nJürgen Möller", src)] == [ViolationType.CONTACT]


def test_institution_short_forms_acronyms_and_transliterations() -> None:
    cv = sample_cv()
    cv.education[0].institution = "University of California, Berkeley"
    src = FactSources.from_cv(cv, today=TODAY)
    for name in ("UC Berkeley", "Univ. of California, Berkeley"):
        doc = cv.model_copy(deep=True)
        doc.education[0].institution = name
        assert check_tailored_cv(doc, src) == []
    doc = cv.model_copy(deep=True)
    doc.education[0].institution = "University of California, Los Angeles"
    assert [v.type for v in check_tailored_cv(doc, src)] == [ViolationType.EDUCATION]


def test_a_range_over_two_roles_at_one_employer_is_not_a_date_error() -> None:
    cv = sample_cv()
    first = cv.experience[1].model_copy(
        update={
            "role": "Junior Backend Engineer",
            "start_date": "2016-01",
            "end_date": "2018-07",
            "dates_raw": "Jan 2016 – Jul 2018",
        }
    )
    cv.experience.insert(2, first)
    src = FactSources.from_cv(cv, today=TODAY)
    company = cv.experience[1].company
    assert check_text(f"At {company} (2016 – 2021) I grew from junior to backend engineer.", src) == []
    assert [v.type for v in check_text(f"At {company} (2015 – 2021) I built REST APIs.", src)] == [ViolationType.DATES]


def test_the_target_companys_stack_is_not_a_claim(sources: FactSources) -> None:
    text = f"I know {COMPANY}'s data stack leans on Scala and Spark; I have not used Spark yet."
    assert _check(text, sources) == []
    assert _check("I built streaming jobs in Scala.", sources) == [("skill", "Scala")]


def test_the_target_company_after_a_first_person_past_verb_is_an_employer_claim(sources: FactSources) -> None:
    found = _check(f"I introduced contract tests (a practice I first used at {COMPANY}).", sources)
    assert [t for t, _ in found] == ["employer"]


def test_a_tool_named_as_an_employer_is_flagged(sources: FactSources) -> None:
    assert _check("Earlier, at Kafka (2015 – 2017), I was a developer.", sources)[0] == ("employer", "Kafka")
    assert _check("I rebuilt the pipeline with Kafka.", sources) == []


def test_an_unknown_name_in_a_list_of_known_skills_is_a_skill_claim(sources: FactSources) -> None:
    assert _check("Tools: Python, FastAPI, Quarkly and PostgreSQL.", sources) == [("skill", "Quarkly")]
    assert _check("Design and maintain services in Python and FastAPI.", sources) == []


def test_rounding_must_measure_the_same_thing(sources: FactSources) -> None:
    assert _check("I cut the monthly AWS bill by about 20%.", sources) == []
    # 3 junior developers / a team of 4 are people; a $ amount is not supported by a count
    assert _check("I saved $1M a year on payments.", sources) == [("metric", "$1M")]


def test_an_unsupported_number_names_what_the_cv_says_with_its_words(sources: FactSources) -> None:
    """The finding shows the CV's closest number as the CV says it, so "40" next to "40 seconds" is not shown as
    support: the user sees the CV counts something else."""
    [same] = check_text("Before that I led a team of 40 engineers.", sources)
    assert (same.type, same.source) == (ViolationType.METRIC, "“40 seconds” (it counts something else)")
    [near] = check_text("Our APIs processed 1.5 million card payments a month.", sources)
    assert near.source == "“1.2 million card payments”"


def test_hebrew_claims_are_checked_like_english_ones() -> None:
    from careervp_desktop.analysis.fvs import FactSources, check_text
    from tests.export.samples import hebrew_cv

    src = FactSources.from_cv(hebrew_cv(), today=TODAY)

    def flagged(text: str) -> list[str]:
        return [v.text for v in check_text(text, src, target_company="אנרגיה ירוקה")]

    assert flagged("קיצרתי את זמן ההשהיה מ-15 דקות ל-40 שניות.") == []  # the CV's own numbers, after a prefix
    assert flagged("קיצרתי את זמן ההשהיה ב-90%.") == ["90%"]  # a number the CV does not have
    assert flagged("עם 8 שנות ניסיון מקצועי.") == []  # the CV's dates add up to that
    assert flagged("עם 12 שנות ניסיון מקצועי.") != []  # an overstatement
    assert flagged("עבדתי עם Kubernetes שלוש שנים.") == ["Kubernetes"]
    assert flagged("המשרה מבקשת גם ניסיון עם Kubernetes, ניסיון שעדיין אין לי.") == []  # named as a gap
    assert flagged("מתוך 6 דרישות הליבה במשרה, 4 מתארות עבודה שכבר עשיתי.") == []  # counts of the posting
