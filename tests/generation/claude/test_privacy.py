from __future__ import annotations

import pytest

from careervp_desktop.domain.models import ContactInfo, MasterCV
from careervp_desktop.generation.claude.privacy import (
    EMAIL,
    LINKEDIN,
    LOCATION,
    NAME,
    PHONE,
    WEBSITE,
    Redactor,
)
from tests.analysis.samples import sample_cv


@pytest.fixture
def redactor() -> Redactor:
    return Redactor.for_cv(sample_cv())


def test_every_contact_detail_becomes_a_placeholder(redactor: Redactor) -> None:
    text = (
        "Maya Lindqvist — maya.lindqvist@example.com | +46 70 555 0142 | Gothenburg, Sweden\n"
        "https://www.linkedin.com/in/maya-lindqvist-demo/ and mayalindqvist.dev. Call 070-555 01 42 or "
        "0046 70 555 0142. MAYA LINDQVIST wrote this; Maya said hi; Lindqvist too."
    )
    out = redactor.redact(text)
    assert redactor.leaks(out) == []
    for placeholder in (NAME, EMAIL, PHONE, LOCATION, LINKEDIN, WEBSITE):
        assert placeholder in out, placeholder
    assert "{{CANDIDATE_FIRST_NAME}} said hi; {{CANDIDATE_LAST_NAME}} too" in out
    assert out.count(PHONE) == 3


def test_ordinary_text_is_left_alone(redactor: Redactor) -> None:
    text = "Rebuilt the pipeline in 2021, cutting latency from 15 minutes to 40 seconds; 1.2 million payments."
    assert redactor.redact(text) == text


def test_restore_puts_real_values_back(redactor: Redactor) -> None:
    written = "Best, {{CANDIDATE_NAME}} ({{ CANDIDATE_EMAIL }}, {{CANDIDATE_PHONE}}) {{CANDIDATE_SHOE_SIZE}}"
    assert redactor.restore(written) == (
        "Best, Maya Lindqvist (maya.lindqvist@example.com, +46 70 555 0142) {{CANDIDATE_SHOE_SIZE}}"
    )
    data = {"a": ["{{CANDIDATE_FIRST_NAME}}", {"b": "{{CANDIDATE_LOCATION}}"}], "n": 3}
    assert redactor.restore_json(data) == {"a": ["Maya", {"b": "Gothenburg, Sweden"}], "n": 3}


def test_round_trip(redactor: Redactor) -> None:
    text = "Maya Lindqvist lives in Gothenburg, Sweden; mail maya.lindqvist@example.com."
    assert redactor.restore(redactor.redact(text)) == text


def test_leaks_names_what_is_left(redactor: Redactor) -> None:
    assert redactor.leaks("write to maya.lindqvist@example.com") == ["email address"]
    assert redactor.leaks("nothing here") == []


def test_a_cv_without_contact_details_redacts_nothing() -> None:
    empty = Redactor.for_cv(MasterCV())
    assert empty.redact("Maya Lindqvist") == "Maya Lindqvist"
    short = Redactor.for_cv(MasterCV(full_name="Li Wu", contact_info=ContactInfo(phone="12")))
    assert short.redact("Li Wu met Li and Wu in 12 cities") == "{{CANDIDATE_NAME}} met Li and Wu in 12 cities"
