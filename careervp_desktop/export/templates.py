"""Export templates: how a document looks, never what it says. Both writers (DOCX, PDF) read the same `Theme`,
so a CV exported as Word and as PDF look alike. Pure data: no Qt, no python-docx.

Every template is ATS-safe by construction, because the writers only ever produce one column of real text in
reading order with standard headings; a template chooses sizes, colours, rules and alignment of the header.

- `classic`: black ink, the name and contact line centred, section headings in bold with a full-width rule.
- `modern`: a navy accent colour, the name flush with the text's start, headings in the accent colour over a
  light rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from careervp_desktop.domain.errors import BadInputError

TemplateName = Literal["classic", "modern"]
TEMPLATES: tuple[TemplateName, ...] = ("classic", "modern")
DEFAULT_TEMPLATE: TemplateName = "classic"

# The font every template uses: Calibri in Word (every Office install has it; LibreOffice substitutes the metric-
# compatible Carlito), the bundled Carlito in PDFs, so both files break lines alike. Complex scripts (Hebrew)
# use Arial in Word (Calibri has no Hebrew; LibreOffice substitutes Liberation Sans) and the bundled Noto Sans
# Hebrew in PDFs.
FONT = "Calibri"
COMPLEX_SCRIPT_FONT = "Arial"


@dataclass(frozen=True)
class Theme:
    name: TemplateName
    ink: str  # colours as RRGGBB
    accent: str
    muted: str
    rule: str
    table_fill: str
    table_line: str
    name_size: float  # the candidate's name at the top of a CV or letter
    title_size: float  # a report's title
    header_centered: bool  # name and contact line centred (else at the start of the line)
    contact_size: float
    section_size: float
    section_color: str
    section_rule_width: float  # points
    section_space_before: float
    subhead_size: float
    body_size: float
    entry_title_size: float
    entry_sub_color: str
    letter_size: float


CLASSIC = Theme(
    name="classic",
    ink="1A1A1A",
    accent="1A1A1A",
    muted="4A4A4A",
    rule="1A1A1A",
    table_fill="EFEFEF",
    table_line="BDBDBD",
    name_size=22,
    title_size=19,
    header_centered=True,
    contact_size=10,
    section_size=12,
    section_color="1A1A1A",
    section_rule_width=0.75,
    section_space_before=12,
    subhead_size=11.5,
    body_size=10.5,
    entry_title_size=11,
    entry_sub_color="4A4A4A",
    letter_size=11,
)

MODERN = Theme(
    name="modern",
    ink="1D232C",
    accent="1F3A5F",
    muted="5B6573",
    rule="B9C3CF",
    table_fill="EEF2F7",
    table_line="D3DAE3",
    name_size=24,
    title_size=20,
    header_centered=False,
    contact_size=9.5,
    section_size=12,
    section_color="1F3A5F",
    section_rule_width=0.6,
    section_space_before=12,
    subhead_size=11.5,
    body_size=10.5,
    entry_title_size=11,
    entry_sub_color="1F3A5F",
    letter_size=11,
)

_THEMES: dict[str, Theme] = {"classic": CLASSIC, "modern": MODERN}


def theme_for(template: str | None) -> Theme:
    """The theme of a template name (case-insensitive); None means the default. Unknown -> `BadInputError`."""
    key = (template or DEFAULT_TEMPLATE).strip().lower()
    theme = _THEMES.get(key)
    if theme is None:
        raise BadInputError(f"Unknown template {template!r}: choose {' or '.join(TEMPLATES)}.")
    return theme
