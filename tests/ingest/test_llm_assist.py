"""The LLM assist hook keeps only what the CV text grounds."""

from __future__ import annotations

from careervp_desktop.domain.models import MasterCV
from careervp_desktop.ingest.cv_parser import parse_cv_text
from careervp_desktop.ingest.llm_assist import assist_structure, normalise_for_match

from .conftest import ENGLISH_CV


def _inventive(text: str, rules: MasterCV) -> dict[str, object]:
    data = rules.to_parse_json()
    experience = list(data["experience"])  # type: ignore[call-overload]
    experience[0] = {**experience[0], "company": "Globex Corporation"}  # invented employer
    experience.append(
        {
            "company": "OAKMERE DATA",  # case differs: still grounded
            "role": "Platform  Engineer",  # whitespace differs: still grounded
            "start_date": "2017-01",  # normalised from "Jan 2017"
            "end_date": "2019-12",  # a date the text never shows
            "achievements": ["Built the CI pipeline in GitHub Actions", "Won the Turing Award"],
        }
    )
    data["experience"] = experience
    data["education"] = [
        {"institution": "University of Leeds", "degree": "PhD in Astrophysics", "end_date": "2016"},  # invented
    ]
    data["certifications"] = [
        {"name": "Certified Kubernetes Administrator", "issuer": "CNCF"},
        {"name": "Oracle Certified Master", "issuer": "Oracle"},  # invented: the whole item goes
    ]
    data["professional_summary"] = "Platform engineer who likes boring, reliable systems."
    return data


def test_invented_values_are_rejected_and_grounded_ones_kept() -> None:
    rules = parse_cv_text(ENGLISH_CV)
    result = assist_structure(ENGLISH_CV, rules, _inventive)
    assert result.accepted
    rejected = {r.value for r in result.rejected}
    assert {"Globex Corporation", "PhD in Astrophysics", "2019-12", "Won the Turing Award"} <= rejected
    assert {"Oracle Certified Master", "Oracle"} <= rejected
    cv = result.cv
    assert cv.experience[0].company is None
    assert cv.experience[0].role == rules.experience[0].role
    extra = cv.experience[-1]
    assert (extra.company, extra.start_date, extra.end_date) == ("OAKMERE DATA", "2017-01", None)
    assert extra.achievements == ["Built the CI pipeline in GitHub Actions"]
    assert cv.education[0].institution == "University of Leeds"
    assert cv.education[0].degree is None
    assert [c.name for c in cv.certifications] == ["Certified Kubernetes Administrator"]
    assert cv.professional_summary == "Platform engineer who likes boring, reliable systems."
    assert rules.experience[0].company == "Fernwick Systems Ltd"  # the rules result is untouched


def test_failing_or_malformed_assistant_keeps_the_rules_cv() -> None:
    rules = parse_cv_text(ENGLISH_CV)

    def broken(text: str, cv: MasterCV) -> dict[str, object]:
        raise TimeoutError

    def malformed(text: str, cv: MasterCV) -> dict[str, object]:
        return {"experience": "not a list"}

    for fn in (broken, malformed):
        result = assist_structure(ENGLISH_CV, rules, fn)
        assert not result.accepted and result.error
        assert result.cv is rules


def test_normalise_for_match() -> None:
    assert normalise_for_match("Co\u2011Founder  —  CTO\u00a0") == "co-founder - cto"
    assert normalise_for_match("\u201cQuoted\u201d") == '"quoted"'
