from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careervp_desktop.ingest.dates import MONTH_NUMBER, find_date_ranges, normalize_date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Mar 2019 – Jun 2021", "2019-03", "2021-06"),
        ("Sep. 2023 \u00ad Mar. 2024", "2023-09", "2024-03"),
        ("June 2023 – present", "2023-06", "present"),
        ("Oct. 2021 – Current", "2021-10", "present"),
        ("März 2019 – heute", "2019-03", "present"),
        ("janv. 2020 – aujourd'hui", "2020-01", "present"),
        ("mayo 2018 - actualidad", "2018-05", "present"),
        ("2020 - настоящее время", "2020", "present"),
        ("03/2018 - 12/2020", "2018-03", "2020-12"),
        ("2022 – 2019", "2019", "2022"),
        ("היום – ינואר 2019", "2019-01", "present"),
        ("Summer 2022", "2022", "2022"),
        ("2019-2023", "2019", "2023"),
    ],
)
def test_ranges(text: str, start: str, end: str) -> None:
    spans = find_date_ranges(text)
    assert spans, text
    assert (spans[-1].start, spans[-1].end) == (start, end)


def test_no_date_in_plain_words() -> None:
    assert find_date_ranges("Led the current migration to date-driven design") == []


months = st.sampled_from(sorted(MONTH_NUMBER))
years = st.integers(min_value=1960, max_value=2049)


@given(months, years)
def test_month_year_normalizes(month: str, year: int) -> None:
    assert normalize_date(f"{month} {year}") == f"{year}-{MONTH_NUMBER[month]:02d}"
    assert normalize_date(f"{month.capitalize()}. {year}") == f"{year}-{MONTH_NUMBER[month]:02d}"


@given(years, years, st.sampled_from([" - ", " – ", "–", " to ", " — "]))
def test_ranges_are_chronological(a: int, b: int, sep: str) -> None:
    spans = find_date_ranges(f"{a}{sep}{b}")
    assert len(spans) == 1
    assert spans[0].start == str(min(a, b))
    assert spans[0].end == str(max(a, b))


@given(st.integers(1, 12), years)
def test_numeric_month_year(month: int, year: int) -> None:
    assert normalize_date(f"{month:02d}/{year}") == f"{year}-{month:02d}"


@given(st.text(max_size=60))
def test_never_crashes(text: str) -> None:
    for span in find_date_ranges(text):
        assert span.start is None or span.start[:4].isdigit()
