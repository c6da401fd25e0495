"""A full application package in one file (cover letter + CV + attachments): find the letter and cut it out,
so that its letterhead does not become the CV's header and its paragraphs do not land in a CV section.

A letter is a salutation ("Dear …", "Sehr geehrte …", "Madame, Monsieur", "Уважаемый …", "לכבוד") followed,
within a page or two, by a closing ("Sincerely", "Kind regards", "Mit freundlichen Grüßen", "Cordialement",
"С уважением", "בברכה"), with letter-like paragraphs and no CV section heading in between. The letter runs from
the top of the salutation's page (letterhead, addresses, date) to its closing and signature; when the closing's
page holds nothing else, to the end of that page.
"""

from __future__ import annotations

import re

from careervp_desktop.ingest.sections import heading_kind

_SALUTATION = re.compile(
    r"^(?:dear|hello|hi|to whom it may concern|sehr geehrte|liebe[rs]?|hallo|guten tag|madame|monsieur|bonjour|"
    r"chère|cher|estimad[oa]s?|apreciad[oa]s?|уважаем\w*|здравствуйте|добрый день|לכבוד|שלום)\b",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^(?:(?:yours\s+)?sincerely|yours (?:faithfully|truly)|(?:with\s+)?(?:kind|best|warm|warmest)\s+regards|"
    r"regards|respectfully(?: yours)?|best wishes|mit freundlichen grüßen|freundliche grüße|viele grüße|"
    r"(?:bien\s+)?cordialement|veuillez agréer.*|atentamente|saludos cordiales|un saludo|с уважением|"
    r"בברכה|בכבוד רב|תודה)\s*[,.!]?$",
    re.IGNORECASE,
)
_MAX_LETTER_LINES = 90
_MIN_REST_CHARS = 200


def strip_cover_letter(text: str) -> str:
    """The text without a cover letter (unchanged when there is none, or when nothing else would remain)."""
    lines = text.split("\n")
    for s_idx, line in enumerate(lines):
        if not _SALUTATION.match(line.strip()):
            continue
        cut = _letter_span(lines, s_idx)
        if cut is None:
            continue
        start, stop = cut
        rest = lines[:start] + lines[stop:]
        if len(re.sub(r"\s", "", "\n".join(rest))) < _MIN_REST_CHARS:
            return text
        return "\n".join(rest).strip("\n\f")
    return text


def _letter_span(lines: list[str], s_idx: int) -> tuple[int, int] | None:
    long_lines = 0
    for c_idx in range(s_idx + 1, min(len(lines), s_idx + _MAX_LETTER_LINES)):
        t = lines[c_idx].strip()
        if not t:
            continue
        if _CLOSING.match(t):
            if long_lines < 2:
                return None
            return _page_start(lines, s_idx), _letter_end(lines, c_idx)
        if heading_kind(t) is not None:
            return None  # a CV section: this "Dear" was not a letter's
        long_lines += len(t) >= 50
    return None


def _page_start(lines: list[str], s_idx: int) -> int:
    """The first line of the salutation's page when the salutation is near its top (letterhead above)."""
    start = s_idx
    seen = 0
    while start > 0 and "\f" not in lines[start - 1]:
        start -= 1
        seen += bool(lines[start].strip())
        if seen > 15:
            return s_idx
    return start


def _letter_end(lines: list[str], c_idx: int) -> int:
    """After the closing: its signature (one short line), or the rest of the page when it holds little."""
    after: list[int] = []
    i = c_idx + 1
    while i < len(lines) and "\f" not in lines[i]:
        if lines[i].strip():
            after.append(i)
        i += 1
    if len(after) <= 4 and i < len(lines):
        return i + 1  # the page ends with the signature block: drop the page break too
    stop = c_idx + 1
    for j in after[:1]:
        t = lines[j].strip()
        if len(t) <= 40 and not re.search(r"[@\d]", t) and heading_kind(t) is None:
            stop = j + 1
        else:
            break
    return stop
