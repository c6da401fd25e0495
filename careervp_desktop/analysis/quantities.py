"""Numbers that state a fact ("35%", "$2M", "50K requests", "a team of 35", "six baristas", "10+ years"), found
in prose with their value, unit class and position.

Not quantities: years and other dates, list numbering ("1.", "Proof point 2:"), version-like tokens ("MP4",
"B2B", "Web3"), phone numbers. Spelled numbers from two to ninety-nine count; "one" does not (it is mostly a
pronoun).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SMALL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "hundred": 100,
}  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
          "billion": 1e9, "t": 1e12, "trillion": 1e12, "אלף": 1e3, "מיליון": 1e6, "מיליארד": 1e9}  # fmt: skip
_CURRENCY = r"(?:[$€£¥₹]|USD|EUR|GBP|SEK|NOK|DKK|CHF|CAD|AUD)"

_FREE = r"(?:(?<![\w.,/-])|(?<=[\u05d0-\u05ea]-))"
_WORD_NUM = rf"(?:(?:{'|'.join(_TENS)})[- ](?:one|two|three|four|five|six|seven|eight|nine)|{'|'.join(_SMALL)})"
QUANTITY_RE = re.compile(
    rf"(?P<cur>{_CURRENCY}\s?)?"
    # A number stands alone, or after a Hebrew prefix letter and a hyphen ("מ-15", "כ-8", "ב-200").
    rf"(?:(?P<num>{_FREE}\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|{_FREE}\d+(?:\.\d+)?)"
    rf"|(?P<word>\b{_WORD_NUM}\b))"
    r"(?P<scale>\s?(?:k|m|mm|mn|b|bn|t)\b|\s(?:thousand|million|billion|trillion)\b|\s(?:אלף|מיליון|מיליארד)(?!\w))?"
    r"(?P<plus>\+)?"
    r"(?P<pct>\s?(?:%|percent\b|per\s?cent\b|pp\b|percentage points\b))?"
    r"(?P<mult>x\b|×)?",
    re.IGNORECASE,
)
_YEARS_AFTER = re.compile(r"\+?\s*(?:-\s*)?(?:full[- ])?(?:years?|yrs?)\b|\+?\s*(?:שנות|שנים|שנה)(?!\w)", re.IGNORECASE)
_NUMBERING_BEFORE = re.compile(
    r"(?:\b(?:point|step|phase|part|section|question|round|no|number|version|v|tier|level|grade|page|chapter|"
    r"item|option|stage|figure|table|wave|series|top|q|h|week|day|month|year|sprint|release|iteration|"
    r"proof|bullet|line|entry|row|paragraph)\s*|#"
    r"|(?<![\u05d0-\u05ea])(?:סעיף|שאלה|שלב|גרסה|עמוד|פרק|שורה|פסקה|חלק|מס'|מספר)\s*)$",
    re.IGNORECASE,
)
_APPROX_BEFORE = re.compile(
    r"\b(?:about|around|approximately|approx\.?|roughly|nearly|almost|some|over|more than|upwards of|at least|"
    r"up to|close to|~|>|≈|כ-|בערך|כמעט|מעל|למעלה מ-?|יותר מ-?|לפחות)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str  # "percent" | "money" | "count" | "multiple"
    start: int
    end: int
    text: str
    years: bool = False  # a duration in years ("6 years", "10+ years")
    plus: bool = False  # "10+", "more than 10"
    approx: bool = False  # "about 30%", "over 2 million"


def word_value(word: str) -> float | None:
    w = word.lower().replace("-", " ")
    parts = w.split()
    if len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
        return float(_SMALL[parts[0]] + _SMALL[parts[1]])
    return float(_SMALL[w]) if w in _SMALL else None


def find_quantities(text: str, *, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every factual number in `text`; spans overlapping `skip` (dates, phones, e-mails) are left out."""
    out: list[Quantity] = []
    skip = skip or []
    for m in QUANTITY_RE.finditer(text):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in skip):
            continue
        num, word = m.group("num"), m.group("word")
        if num is not None:
            value = float(num.replace(",", ""))
            ns, ne = m.start("num"), m.end("num")
            nxt = text[ne : ne + 1]
            if nxt.isalpha() and not m.group("scale") and not m.group("mult") and not m.group("pct"):
                continue  # MP4x, 3D, 2nd, 24h: a token, not a quantity
            if ns > 0 and (text[ns - 1].isalpha() or text[ns - 1] in "/"):
                continue
            if nxt in "/:" and text[ne + 1 : ne + 2].isdigit():
                continue  # 24/7, 10:30
            if _NUMBERING_BEFORE.search(text[max(0, ns - 12) : ns]):
                continue
            line_start = text.rfind("\n", 0, ns) + 1
            if not text[line_start:ns].strip() and text[ne : ne + 1] in (".", ")") and value < 100:
                continue  # "1. Product vision"
            if text[ne : ne + 1] == ":" and value < 100:
                continue  # "Proof point 1:"
            if not m.group("cur") and not m.group("scale") and not m.group("pct") and _looks_like_year(num):
                continue
        else:
            assert word is not None
            wv = word_value(word)
            if wv is None:
                continue
            value = wv
        scale = (m.group("scale") or "").strip().lower()
        if scale:
            value *= _SCALE.get(scale, 1.0)
        unit = "count"
        if m.group("pct"):
            unit = "percent"
        elif m.group("cur") or re.match(r"\s?" + _CURRENCY, text[e : e + 5] or "x"):
            unit = "money"
        elif m.group("mult"):
            unit = "multiple"
        tail = text[e : e + 16]
        years_m = _YEARS_AFTER.match(tail)
        plus = bool(m.group("plus")) or bool(years_m and "+" in years_m.group(0))
        before = text[max(0, s - 20) : s]
        approx = bool(_APPROX_BEFORE.search(before))
        if re.search(r"\b(?:more than|over|upwards of|at least)\s*$", before, re.IGNORECASE):
            plus = True
        end = e
        if text[end - 1 : end] == " ":
            end -= 1
        out.append(
            Quantity(
                value=value,
                unit=unit,
                start=s,
                end=end,
                text=text[s:end],
                years=years_m is not None and unit == "count",
                plus=plus,
                approx=approx,
            )
        )
    return out


def _looks_like_year(num: str) -> bool:
    return len(num) == 4 and num.isdigit() and 1950 <= int(num) <= 2100
