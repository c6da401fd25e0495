from __future__ import annotations

from datetime import date

import pytest

from careervp_desktop.analysis.dates import PRESENT, YearMonth, experience_years, find_date_ranges, parse_point


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2021-03", YearMonth(2021, 3)), ("2021", YearMonth(2021)), ("03/2021", YearMonth(2021, 3)),
     ("Mar 2021", YearMonth(2021, 3)), ("March 2021", YearMonth(2021, 3)), ("Present", PRESENT)],
)  # fmt: skip
def test_parse_point(text: str, expected: YearMonth) -> None:
    assert parse_point(text) == expected


def test_overlapping_ranges_are_merged_and_today_is_injectable() -> None:
    ranges = [
        (YearMonth(2018, 1), YearMonth(2019, 12)),
        (YearMonth(2019, 1), YearMonth(2020, 12)),  # overlaps the first
        (YearMonth(2022, 1), PRESENT),
    ]
    assert experience_years(ranges, today=date(2022, 12, 31)) == pytest.approx(4.0)
    assert experience_years(ranges, today=date(2023, 12, 31)) == pytest.approx(5.0)


def test_ranges_in_prose() -> None:
    text = "From June 2018 to December 2020 I was at StartupCo, and at Acme since January 2021 (2014–2018)."
    found = [(d.text, d.start.label(), d.end.label() if d.end else None) for d in find_date_ranges(text)]
    assert found == [
        ("June 2018 to December 2020", "2018-06", "2020-12"),
        ("January 2021", "2021-01", "present"),
        ("2014–2018", "2014", "2018"),
    ]
