"""Paper: A4 or US Letter, chosen by setting or by locale, with the margins both writers use; and the CV length
rule (recruiters and ATS expect one or two pages). No Qt, no python-docx."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from careervp_desktop.domain.errors import BadInputError

PageSizeName = Literal["A4", "Letter"]
PAGE_SIZES: tuple[PageSizeName, ...] = ("A4", "Letter")

# Territories whose default paper is US Letter (CLDR supplemental data, "paperSize"); everywhere else uses A4.
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PR", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "SV", "NI", "BZ"})

CV_PAGE_LIMIT = 2


@dataclass(frozen=True)
class PageGeometry:
    """Sizes in millimetres: page width and height, left/right margin, top/bottom margin."""

    width: float
    height: float
    side: float
    top: float
    bottom: float


GEOMETRY: dict[PageSizeName, PageGeometry] = {
    "A4": PageGeometry(210.0, 297.0, 18.0, 16.0, 16.0),
    "Letter": PageGeometry(215.9, 279.4, 19.05, 16.0, 16.0),
}


def parse_page_size(value: str | None) -> PageSizeName | None:
    """ "a4"/"A4" -> "A4", "letter"/"us-letter" -> "Letter", "auto"/None/"" -> None (decide by locale)."""
    key = (value or "").strip().lower().replace("-", "").replace("_", "").replace(" ", "")
    if key in ("", "auto", "default", "locale"):
        return None
    if key == "a4":
        return "A4"
    if key in ("letter", "usletter"):
        return "Letter"
    raise BadInputError(f"Unknown page size {value!r}: choose A4, Letter or auto.")


def territory_of(locale_name: str | None) -> str | None:
    """en_US.UTF-8 -> US, fr-CA -> CA, he_IL -> IL, C/POSIX/None -> None."""
    text = (locale_name or "").split(".")[0].split("@")[0].replace("-", "_")
    parts = [p for p in text.split("_") if p]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            return part.upper()
    return None


def page_size_for_locale(locale_name: str | None) -> PageSizeName:
    return "Letter" if territory_of(locale_name) in LETTER_TERRITORIES else "A4"


def system_locale_name(environ: Mapping[str, str] | None = None) -> str | None:
    """The user's locale for paper: LC_ALL, LC_PAPER or LANG when set (POSIX; "C" means no territory), else the
    system's (Windows, macOS: what Qt reads from the OS settings, e.g. "en_US")."""
    env = os.environ if environ is None else environ
    for key in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(key, "").strip()
        if value:
            return value
    if environ is not None:
        return None
    from PySide6.QtCore import QLocale  # QtCore only, loaded only when no POSIX variable says it

    return QLocale.system().name() or None


def default_page_size(locale_name: str | None = None) -> PageSizeName:
    """Letter in the US, Canada and the other Letter territories, A4 everywhere else (and when unknown)."""
    return page_size_for_locale(locale_name if locale_name is not None else system_locale_name())


def resolve_page_size(value: str | None, locale_name: str | None = None) -> PageSizeName:
    """An explicit size wins; "auto"/None picks by locale."""
    return parse_page_size(value) or default_page_size(locale_name)


def cv_length_warning(pages: int, *, limit: int = CV_PAGE_LIMIT) -> str | None:
    """A one-line warning when a CV runs past `limit` pages, else None."""
    if pages <= limit:
        return None
    return (
        f"The CV runs to {pages} pages; recruiters and applicant-tracking systems expect 1–{limit}. "
        "Shorten older roles or trim bullets."
    )
