"""Dates in CVs: parsing the normalised fields ("2021-03", "2021", "present") and the many displayed forms
("Mar 2021", "03/2021", "March 2021 – Present", "2018–2024"), finding date ranges in prose, and years of
experience from a list of jobs (overlapping ranges merged; "present" is an injectable `today`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
PRESENT_WORDS = ("present", "current", "now", "today", "ongoing", "date")


@dataclass(frozen=True, slots=True)
class YearMonth:
    """A point in time at year or month precision; `present` marks an ongoing end."""

    year: int
    month: int | None = None
    present: bool = False

    def as_months(self, today: date) -> int:
        if self.present:
            return today.year * 12 + today.month - 1
        return self.year * 12 + ((self.month or 1) - 1)

    def agrees_with(self, other: YearMonth) -> bool:
        """Same point at the coarser of the two precisions ("2021" agrees with "2021-03")."""
        if self.present or other.present:
            return self.present == other.present
        if self.year != other.year:
            return False
        return self.month is None or other.month is None or self.month == other.month

    def label(self) -> str:
        if self.present:
            return "present"
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)


PRESENT = YearMonth(0, None, present=True)

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_POINT = (
    rf"(?:(?:{_MONTH_ALT})\.?,?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?{_YEAR}"  # Mar 2021, March 3, 2021
    rf"|(?:0?[1-9]|1[0-2])[/.](?:{_YEAR})"  # 03/2021
    rf"|{_YEAR}-(?:0[1-9]|1[0-2])(?!\d)"  # 2021-03
    rf"|(?:Q[1-4]\s+)?{_YEAR}"  # 2021
    r")"
)
_END = rf"(?:{_POINT}|present|current|now|today|ongoing|date)"
_RANGE_SEP = r"\s*(?:-|–|—|‒|―|to|until|till|through|thru)\s*"
RANGE_RE = re.compile(
    rf"(?:\bfrom\s+|\bbetween\s+)?(?<![\w/.-])(?P<start>{_POINT})(?:{_RANGE_SEP}|\s+and\s+)(?P<end>{_END})\b",
    re.IGNORECASE,
)
SINCE_RE = re.compile(rf"\b(?:since|from)\s+(?P<start>{_POINT})\b(?!{_RANGE_SEP}\w)", re.IGNORECASE)
POINT_RE = re.compile(rf"(?<![\w/.-]){_POINT}(?![\w/])", re.IGNORECASE)


def parse_point(text: str | None) -> YearMonth | None:
    """One date in any of the forms above, or None."""
    if not text:
        return None
    t = text.strip().lower().rstrip(".")
    if not t:
        return None
    if t in PRESENT_WORDS or t.startswith(("present", "current")):
        return PRESENT
    m = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", t)
    if m:
        return _ym(int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"(\d{1,2})[/.](\d{4})", t)
    if m:
        return _ym(int(m.group(2)), int(m.group(1)))
    m = re.fullmatch(r"(?:q[1-4]\s+)?(\d{4})", t)
    if m:
        return YearMonth(int(m.group(1)))
    m = re.fullmatch(r"([a-z]+)\.?,?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(\d{4})", t)
    if m and m.group(1) in MONTHS:
        return YearMonth(int(m.group(2)), MONTHS[m.group(1)])
    return None


def _ym(year: int, month: int) -> YearMonth | None:
    return YearMonth(year, month) if 1 <= month <= 12 else YearMonth(year)


def parse_range(text: str | None) -> tuple[YearMonth | None, YearMonth | None]:
    """(start, end) of a displayed range such as "Mar 2021 – Present"; either may be None."""
    if not text:
        return None, None
    m = RANGE_RE.search(text)
    if m:
        return parse_point(m.group("start")), parse_point(m.group("end"))
    m = POINT_RE.search(text)
    return (parse_point(m.group(0)), None) if m else (None, None)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date range (or "since X") found in prose; offsets index the text."""

    start: YearMonth
    end: YearMonth | None  # None: only a start was stated
    span_start: int
    span_end: int
    text: str


def find_date_ranges(text: str) -> list[DateMention]:
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in RANGE_RE.finditer(text):
        start, end = parse_point(m.group("start")), parse_point(m.group("end"))
        if start is None or end is None or start.present:
            continue
        if not end.present and end.year < start.year:
            continue  # "2018 - 12" style noise
        s = m.start("start")
        out.append(DateMention(start, end, s, m.end(), text[s : m.end()]))
        taken.append((m.start(), m.end()))
    for m in SINCE_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        start = parse_point(m.group("start"))
        if start is None or start.present:
            continue
        word = m.group(0).split()[0].lower()
        end = PRESENT if word == "since" else None
        out.append(DateMention(start, end, m.start("start"), m.end(), text[m.start("start") : m.end()]))
    out.sort(key=lambda d: d.span_start)
    return out


def date_spans(text: str) -> list[tuple[int, int]]:
    """Every date-looking span (ranges and single dates), so number checks can skip them."""
    return [(m.start(), m.end()) for m in POINT_RE.finditer(text)]


def months_between(start: YearMonth, end: YearMonth, today: date) -> int:
    return max(0, end.as_months(today) - start.as_months(today) + 1)


def experience_years(ranges: Iterable[tuple[YearMonth | None, YearMonth | None]], *, today: date) -> float:
    """Total years covered by the ranges, overlaps merged. A missing end counts as the start month only."""
    intervals: list[tuple[int, int]] = []
    for start, end in ranges:
        if start is None or start.present:
            continue
        last = end or start
        a, b = start.as_months(today), last.as_months(today)
        if end is not None and not end.present and end.month is None:
            b = end.year * 12 + 11 if start.year < end.year else b
        if b >= a:
            intervals.append((a, b + 1 if end is not None else a + 1))
    intervals.sort()
    total = 0
    cur_a: int | None = None
    cur_b = 0
    for a, b in intervals:
        if cur_a is None or a > cur_b:
            if cur_a is not None:
                total += cur_b - cur_a
            cur_a, cur_b = a, b
        else:
            cur_b = max(cur_b, b)
    if cur_a is not None:
        total += cur_b - cur_a
    return total / 12.0
