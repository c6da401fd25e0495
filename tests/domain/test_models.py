from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from careervp_desktop.domain.artifacts import CONTENT_MODELS, CoverLetter, content_json, content_model
from careervp_desktop.domain.errors import BadInputError, UserFacingError
from careervp_desktop.domain.models import (
    Application,
    ApplicationStatus,
    Artifact,
    ArtifactType,
    MasterCV,
    Provenance,
    Severity,
    Violation,
)

PARSE_KEYS = {
    "full_name", "contact_info", "professional_summary", "experience", "education",
    "skills", "certifications", "languages", "language",
}  # fmt: skip


def test_master_cv_round_trips_the_parse_shape() -> None:
    data = {
        "full_name": "Maya Lindqvist",
        "contact_info": {"email": "m@example.com", "phone": None, "location": "Oslo", "linkedin": None,
                         "website": None},
        "professional_summary": None,
        "experience": [{"company": "Nordlane", "role": "Engineer", "location": None, "start_date": "2021-03",
                        "end_date": "present", "dates_raw": "Mar 2021 – Present", "achievements": ["Did x"]}],
        "education": [{"institution": "Uppsala University", "degree": "M.Sc.", "field_of_study": None,
                       "start_date": "2015", "end_date": "2017", "dates_raw": "2015 – 2017"}],
        "skills": ["Python"],
        "certifications": [{"name": "AWS Developer", "issuer": None, "date": "2022"}],
        "languages": ["Swedish"],
        "language": "sv",
        "extra_key": "ignored",
    }  # fmt: skip
    cv = MasterCV.model_validate(data)
    out = cv.to_parse_json()
    assert set(out) == PARSE_KEYS
    data.pop("extra_key")
    assert out == data
    assert json.loads(json.dumps(out)) == out


def test_empty_master_cv_has_every_key_with_nulls() -> None:
    out = MasterCV().to_parse_json()
    assert set(out) == PARSE_KEYS
    assert out["full_name"] is None and out["experience"] == [] and out["language"] == "en"


def test_application_defaults_and_display_name() -> None:
    app = Application(company="Fjordhaven Energy", title="Senior Python Engineer")
    assert app.status is ApplicationStatus.DRAFT
    assert app.display_name == "Senior Python Engineer — Fjordhaven Energy"
    assert Application().display_name == "Untitled application"
    with pytest.raises(ValidationError):
        Application(status="hired")


def test_artifact_types_have_content_models_and_labels() -> None:
    assert set(CONTENT_MODELS) == set(ArtifactType)
    assert content_model(ArtifactType.TAILORED_CV) is MasterCV
    assert {t.label for t in ArtifactType} == {
        "Gap questions", "Value proposition", "Tailored CV", "Cover letter", "Interview prep",
    }  # fmt: skip


def test_cover_letter_json_carries_text_and_paragraphs() -> None:
    letter = CoverLetter(greeting="Dear team,", paragraphs=["One.", "Two."], closing="Kind regards,")
    data = content_json(ArtifactType.COVER_LETTER, letter)
    assert data["text"] == "One.\n\nTwo." and data["paragraphs"] == ["One.", "Two."]


def test_artifact_and_violation_serialise() -> None:
    v = Violation(type="employer", severity="critical", text="Google", start=3, end=9, message="not in CV")
    art = Artifact(type=ArtifactType.VPR, provenance=Provenance(provider="offline"), violations=[v])
    again = Artifact.model_validate_json(art.model_dump_json())
    assert again == art and again.violations[0].severity is Severity.CRITICAL
    with pytest.raises(ValidationError):
        Violation(type="employer", severity="fatal", text="x", message="y")


def test_user_facing_errors_are_one_line() -> None:
    err = BadInputError("The file is empty:\n  choose another.")
    assert str(err) == "The file is empty: choose another." and err.exit_code == 2
    assert isinstance(err, UserFacingError)
