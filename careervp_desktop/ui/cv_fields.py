"""What the CV editor checks, as pure functions (no Qt): dates the user types, lists typed with commas, and the
fields a CV normally has that are empty ("not found in your file").

These could move to `analysis/` if the CLI ever wants them; they import only the domain and `ingest.dates`'s
month names. Their sentences are in the UI language (`ui.i18n.tr`, a plain dictionary look-up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careervp_desktop.ui.i18n import tr

if TYPE_CHECKING:
    from careervp_desktop.domain.models import MasterCV


def date_hint() -> str:
    return tr("Use a year (2021), a month (2021-03 or Mar 2021) or “present”")


class DateError(ValueError):
    """The text is not a date we can store. `str(exc)` is the one-line hint shown next to the field."""


_ISO_MONTH = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})")
_MONTH_FIRST = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{4})")
_NAMED = re.compile(r"([^\W\d_]+)\.?,?\s*(\d{4})")
_NAMED_AFTER = re.compile(r"(\d{4})\s+([^\W\d_]+)\.?")
_YEAR = re.compile(r"\d{4}")
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def _month_number(word: str) -> int | None:
    from careervp_desktop.ingest.dates import MONTH_NUMBER  # month names in the CV languages we read

    word = word.lower().rstrip(".")
    if word in MONTH_NUMBER:
        return MONTH_NUMBER[word]
    if word == "sept":
        return 9
    return None


def _is_present(text: str) -> bool:
    from careervp_desktop.ingest.dates import is_present_word

    return is_present_word(text)


def _year(text: str) -> int:
    year = int(text)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise DateError(tr("{year} is not a plausible year. {hint}.").format(year=year, hint=date_hint()))
    return year


def _month(year: str, month: str) -> str:
    y, m = _year(year), int(month)
    if not 1 <= m <= 12:
        raise DateError(tr("There is no month {month}. {hint}.").format(month=m, hint=date_hint()))
    return f"{y:04d}-{m:02d}"


def parse_cv_date(text: str, *, allow_present: bool) -> str | None:
    """The stored form of a date the user typed: "YYYY", "YYYY-MM" or "present" (end dates only); None if blank.

    Accepts 2021, 2021-03, 2021/3, 03/2021, 3.2021, "Mar 2021", "March, 2021", "2021 März", "present" and the
    "present" words of the languages we parse. Raises `DateError` (a one-line hint) for anything else."""
    s = " ".join(text.split())
    if not s:
        return None
    if _is_present(s):
        if not allow_present:
            raise DateError(tr("A start date cannot be “present”: use the month you started, e.g. 2021-03."))
        return "present"
    if _YEAR.fullmatch(s):
        return f"{_year(s):04d}"
    if m := _ISO_MONTH.fullmatch(s):
        return _month(m[1], m[2])
    if m := _MONTH_FIRST.fullmatch(s):
        return _month(m[2], m[1])
    for pattern, word_group, year_group in ((_NAMED, 1, 2), (_NAMED_AFTER, 2, 1)):
        if m := pattern.fullmatch(s):
            number = _month_number(m[word_group])
            if number is None:
                raise DateError(
                    tr("“{word}” is not a month we know. {hint}.").format(word=m[word_group], hint=date_hint())
                )
            return _month(m[year_group], str(number))
    raise DateError(tr("“{text}” is not a date. {hint}.").format(text=s, hint=date_hint()))


def split_list(text: str) -> list[str]:
    """Items typed as one line: split on commas, semicolons, pipes and bullets; trimmed; duplicates dropped
    (case-insensitively, first spelling wins)."""
    seen: set[str] = set()
    items: list[str] = []
    for raw in re.split(r"[,;|•·\n]", text):
        item = raw.strip()
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return items


def split_lines(text: str) -> list[str]:
    """One bullet per line; leading bullet marks ("-", "•", "*") and blank lines dropped."""
    out = []
    for line in text.splitlines():
        item = re.sub(r"^\s*(?:[-•*▪◦–]\s+)?", "", line).strip()
        if item:
            out.append(item)
    return out


# --------------------------------------------------------------------------------------------------- missing
@dataclass(frozen=True)
class MissingField:
    """A field a CV normally has that is empty. `section` is "contact", "experience" or "education"; `index` the
    entry (None for contact fields); `field` the model attribute; `label` says it in the user's words."""

    section: str
    index: int | None
    field: str
    label: str


# Fields a CV normally has, per section (model attributes); `field_label` says them in the user's words.
REQUIRED_CONTACT: tuple[str, ...] = ("full_name", "email", "phone")
REQUIRED_EXPERIENCE: tuple[str, ...] = ("company", "role", "start_date")
REQUIRED_EDUCATION: tuple[str, ...] = ("institution", "degree")


def field_label(field: str) -> str:
    """How the banner names a missing field, in the UI language."""
    return {
        "full_name": tr("your name"),
        "email": tr("email"),
        "phone": tr("phone"),
        "company": tr("company"),
        "role": tr("job title"),
        "start_date": tr("start date"),
        "institution": tr("school"),
        "degree": tr("degree"),
    }.get(field, field)


def entry_field_label(field: str, name: str) -> str:
    """ "company of Backend Engineer at Kassa": a missing field of one entry."""
    return tr("{field} of {entry}").format(field=field_label(field), entry=name)


def _blank(value: str | None) -> bool:
    return not (value or "").strip()


def experience_name(company: str | None, role: str | None, index: int) -> str:
    """How a banner names an experience entry: "Backend Engineer at Kassa", "Kassa", or "role 3"."""
    company, role = (company or "").strip(), (role or "").strip()
    if role and company:
        return tr("{role} at {company}").format(role=role, company=company)
    return role or company or tr("role {n}").format(n=index + 1)


def education_name(institution: str | None, degree: str | None, index: int) -> str:
    institution, degree = (institution or "").strip(), (degree or "").strip()
    return institution or degree or tr("education entry {n}").format(n=index + 1)


def missing_fields(cv: MasterCV) -> list[MissingField]:
    """The fields a CV normally has that `cv` leaves empty, in reading order."""
    out: list[MissingField] = []
    contact = {"full_name": cv.full_name, "email": cv.contact_info.email, "phone": cv.contact_info.phone}
    out += [MissingField("contact", None, f, field_label(f)) for f in REQUIRED_CONTACT if _blank(contact[f])]
    for i, e in enumerate(cv.experience):
        name = experience_name(e.company, e.role, i)
        for f in REQUIRED_EXPERIENCE:
            if _blank(getattr(e, f)):
                out.append(MissingField("experience", i, f, entry_field_label(f, name)))
    for i, ed in enumerate(cv.education):
        name = education_name(ed.institution, ed.degree, i)
        for f in REQUIRED_EDUCATION:
            if _blank(getattr(ed, f)):
                out.append(MissingField("education", i, f, entry_field_label(f, name)))
    return out


def missing_summary(labels: list[str], *, limit: int = 4) -> str:
    """ "3 things were not found in your file: email, phone and start date of …" (the banner's sentence)."""
    n = len(labels)
    if n == 0:
        return ""
    head = labels[:limit]
    if n > limit:
        listed = tr("{items} and {n} more").format(items=", ".join(head), n=n - limit)
    elif n == 1:
        listed = head[0]
    else:
        listed = tr("{items} and {last}").format(items=", ".join(head[:-1]), last=head[-1])
    if n == 1:
        return tr("1 thing was not found in your file: {listed}.").format(listed=listed)
    return tr("{n} things were not found in your file: {listed}.").format(n=n, listed=listed)
