"""The CV editor's pure checks: dates as typed, comma lists, bullets, fields not found."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careervp_desktop.domain.models import ContactInfo, EducationEntry, ExperienceEntry, MasterCV
from careervp_desktop.ui.cv_fields import (
    DateError,
    missing_fields,
    missing_summary,
    parse_cv_date,
    split_lines,
    split_list,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("   ", None),
        ("2021", "2021"),
        ("2021-03", "2021-03"),
        ("2021-3", "2021-03"),
        ("2021/03", "2021-03"),
        ("03/2021", "2021-03"),
        ("3.2021", "2021-03"),
        ("Mar 2021", "2021-03"),
        ("march 2021", "2021-03"),
        ("Sept. 2019", "2019-09"),
        ("März 2020", "2020-03"),
        ("2020 März", "2020-03"),
        ("present", "present"),
        ("Present", "present"),
        ("heute", "present"),
    ],
)
def test_dates_the_user_may_type(text: str, expected: str | None) -> None:
    assert parse_cv_date(text, allow_present=True) == expected


@pytest.mark.parametrize("text", ["sometime", "2021-13", "13/2021", "Foo 2021", "1850", "20211", "2021-03-04x"])
def test_bad_dates_raise_a_one_line_hint(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_cv_date(text, allow_present=True)
    assert "\n" not in str(info.value) and "2021-03" in str(info.value)


def test_a_start_date_cannot_be_present() -> None:
    with pytest.raises(DateError, match="start date"):
        parse_cv_date("present", allow_present=False)


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_a_date_error(text: str) -> None:
    try:
        value = parse_cv_date(text, allow_present=True)
    except DateError:
        return
    assert value is None or value == "present" or len(value) in (4, 7)


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_normalised_months_round_trip(year: int, month: int) -> None:
    value = parse_cv_date(f"{month}/{year}", allow_present=False)
    assert value == f"{year:04d}-{month:02d}"
    assert parse_cv_date(value, allow_present=False) == value


def test_lists_and_bullets() -> None:
    assert split_list("Python, SQL ,, sql; Go | Rust") == ["Python", "SQL", "Go", "Rust"]
    assert split_lines("- Built X\n\n• Led Y\n  Cut Z  \n") == ["Built X", "Led Y", "Cut Z"]


def test_missing_fields_in_reading_order() -> None:
    cv = MasterCV(
        full_name="Jonas Berg",
        contact_info=ContactInfo(phone="+49 1"),
        experience=[
            ExperienceEntry(company="Acme", role="Data Engineer", start_date="2020-01"),
            ExperienceEntry(company="Travelco", role="Analyst"),
            ExperienceEntry(start_date="2015"),
        ],
        education=[EducationEntry(institution="TU Munich")],
    )
    labels = [m.label for m in missing_fields(cv)]
    assert labels == [
        "email",
        "start date of Analyst at Travelco",
        "company of role 3",
        "job title of role 3",
        "degree of TU Munich",
    ]
    assert missing_summary(labels).startswith("5 things were not found in your file: email, start date of Analyst")
    assert missing_summary(labels).endswith("and 1 more.")
    assert missing_summary(["email"]) == "1 thing was not found in your file: email."
    assert missing_summary(["email", "phone"]) == "2 things were not found in your file: email and phone."
    assert missing_summary([]) == ""
