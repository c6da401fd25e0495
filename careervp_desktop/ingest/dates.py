"""Dates in CVs: month names and "present" words in English, German, French, Spanish, Russian and Hebrew;
numeric forms (03/2020, 2020-03, 01.03.2020); seasons; ranges in either order (RTL text prints them reversed).

`find_date_ranges(text)` gives every date or date range in a line; `DateSpan.start`/`end` are normalized to
"YYYY-MM" | "YYYY" | "present" (end only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS: dict[int, tuple[str, ...]] = {
    1: (
        "january",
        "jan",
        "januar",
        "jänner",
        "janvier",
        "janv",
        "enero",
        "ene",
        "январь",
        "января",
        "янв",
        "ינואר",
        "gennaio",
        "gen",
    ),
    2: (
        "february",
        "feb",
        "febr",
        "februar",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "fév",
        "fev",
        "febrero",
        "февраль",
        "февраля",
        "фев",
        "февр",
        "פברואר",
        "febbraio",
    ),
    3: ("march", "mar", "märz", "maerz", "mär", "mars", "marzo", "март", "марта", "мар", "מרץ", "מרס"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "апрель", "апреля", "апр", "אפריל", "aprile"),
    5: ("may", "mai", "mayo", "май", "мая", "מאי", "maggio", "mag"),
    6: ("june", "jun", "juni", "juin", "junio", "июнь", "июня", "июн", "יוני", "giugno", "giu"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "июль", "июля", "июл", "יולי", "luglio", "lug"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "август", "августа", "авг", "אוגוסט"),
    9: (
        "september",
        "sept",
        "sep",
        "septembre",
        "septiembre",
        "setiembre",
        "sept",
        "сентябрь",
        "сентября",
        "сен",
        "сент",
        "ספטמבר",
        "settembre",
        "set",
    ),
    10: (
        "october",
        "oct",
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "октябрь",
        "октября",
        "окт",
        "אוקטובר",
        "ottobre",
        "ott",
    ),
    11: ("november", "nov", "novembre", "noviembre", "ноябрь", "ноября", "ноя", "нояб", "נובמבר"),
    12: (
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "декабрь",
        "декабря",
        "дек",
        "דצמבר",
        "dicembre",
    ),
}
MONTH_NUMBER: dict[str, int] = {name: num for num, names in _MONTHS.items() for name in names}

PRESENT_WORDS = (
    "present",
    "current",
    "currently",
    "now",
    "today",
    "ongoing",
    "to date",
    "till date",
    "date",
    "heute",
    "bis heute",
    "jetzt",
    "derzeit",
    "aktuell",
    "laufend",
    "gegenwart",
    "aujourd'hui",
    "aujourd’hui",
    "présent",
    "actuel",
    "actuellement",
    "en cours",
    "ce jour",
    "actualidad",
    "presente",
    "actual",
    "hoy",
    "la fecha",
    "настоящее время",
    "настоящее вр.",
    "наст. время",
    "н.в.",
    "н. в.",
    "сейчас",
    "текущее время",
    "היום",
    "כיום",
    "הווה",
    "עכשיו",
    "oggi",
    "attuale",
)
_SEASONS = (
    "summer",
    "spring",
    "fall",
    "autumn",
    "winter",
    "sommer",
    "frühling",
    "frühjahr",
    "herbst",
    "été",
    "ete",
    "printemps",
    "automne",
    "hiver",
    "verano",
    "primavera",
    "otoño",
    "invierno",
    "лето",
    "осень",
    "весна",
    "зима",
    "קיץ",
    "חורף",
    "אביב",
    "סתיו",
)


def _alt(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_MONTH_ALT = _alt(list(MONTH_NUMBER))
_DATE_RE = re.compile(
    rf"""
    (?<![\w/.])
    (?:
        (?:(?P<season>{_alt(_SEASONS)})\s+(?P<sy>{_YEAR}))
      | (?:(?P<mon>{_MONTH_ALT})\.?,?\s*(?:\d{{1,2}}\s*,\s*)?(?:'|’)?(?P<my>{_YEAR}|(?<=['’])\d{{2}}))
      | (?:(?:[0-3]?\d[./])?(?P<nm>0?[1-9]|1[0-2])\s?[/.\-]\s?(?P<ny>{_YEAR}))
      | (?:(?P<iy>{_YEAR})[/.\-](?P<im>0[1-9]|1[0-2])(?![\d]))
      | (?P<year>{_YEAR})
      | (?P<present>{_alt(PRESENT_WORDS)})
    )
    (?![\w])
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SEP_RE = re.compile(
    r"^\s*(?:[-–—―‐‑−~\u00ad]+|to|till|until|bis|à|au|a|al|hasta|до|по|עד|ad|and|&|und|et|y|и)\s*(?:[-–—]\s*)?$",
    re.IGNORECASE,
)
_SINCE_RE = re.compile(r"(?:since|seit|depuis|desde|dal|с|מאז|מ-)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class DateSpan:
    start: str | None
    end: str | None
    raw: str
    begin: int  # index in the searched text
    stop: int
    is_range: bool
    season: bool = False


@dataclass(frozen=True)
class _Token:
    value: str  # "YYYY-MM" | "YYYY" | "present"
    begin: int
    stop: int
    season: bool


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _DATE_RE.finditer(text):
        g = m.groupdict()
        if g["season"]:
            out.append(_Token(g["sy"], m.start(), m.end(), True))
        elif g["mon"]:
            year = g["my"]
            if len(year) == 2:
                year = ("19" if int(year) > 50 else "20") + year
            out.append(_Token(f"{year}-{MONTH_NUMBER[g['mon'].lower()]:02d}", m.start(), m.end(), False))
        elif g["nm"]:
            out.append(_Token(f"{g['ny']}-{int(g['nm']):02d}", m.start(), m.end(), False))
        elif g["iy"]:
            out.append(_Token(f"{g['iy']}-{g['im']}", m.start(), m.end(), False))
        elif g["year"]:
            out.append(_Token(g["year"], m.start(), m.end(), False))
        elif g["present"]:
            word = g["present"].lower()
            if word in ("date", "actual", "current", "now") and not out:
                continue  # a bare "date"/"current" with no date before it is a word, not a date
            out.append(_Token("present", m.start(), m.end(), False))
    return out


def _key(value: str) -> tuple[int, int]:
    if value == "present":
        return (9999, 12)
    parts = value.split("-")
    return (int(parts[0]), int(parts[1]) if len(parts) > 1 else 0)


def find_date_ranges(text: str) -> list[DateSpan]:
    """Every date range ("Mar 2019 – Jun 2021", "2020 - heute") and lone date in `text`, left to right."""
    toks = _tokens(text)
    spans: list[DateSpan] = []
    i = 0
    while i < len(toks):
        a = toks[i]
        if i + 1 < len(toks) and _SEP_RE.match(text[a.stop : toks[i + 1].begin]):
            b = toks[i + 1]
            start, end = a.value, b.value
            if start == "present" and end != "present":
                start, end = end, start  # RTL: "היום – 2019"
            elif start != "present" and end != "present" and _key(start) > _key(end):
                start, end = end, start  # RTL: "2022 – 2019"
            if start != "present":
                spans.append(DateSpan(start, end, text[a.begin : b.stop], a.begin, b.stop, True))
                i += 2
                continue
        if a.value != "present":
            before = text[: a.begin]
            if _SINCE_RE.search(before):
                spans.append(DateSpan(a.value, "present", text[a.begin : a.stop], a.begin, a.stop, True))
            else:
                spans.append(DateSpan(a.value, a.value, text[a.begin : a.stop], a.begin, a.stop, False, a.season))
        i += 1
    return spans


def normalize_date(text: str) -> str | None:
    """One date ("März 2020", "03/2020", "2020", "heute") → "YYYY-MM" | "YYYY" | "present" | None."""
    toks = _tokens(text)
    if not toks:
        return None
    return toks[0].value


def is_present_word(text: str) -> bool:
    return text.strip().lower().rstrip(".") in {w.rstrip(".") for w in PRESENT_WORDS}
