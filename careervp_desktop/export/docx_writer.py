"""Write a `Document` to DOCX with python-docx, ATS-safe.

Everything is body text in reading order: real heading styles (Heading 1-3, so Word's navigation pane and ATS
parsers see the sections), real lists (List Bullet / List Number), one real table only where the document has
one (the VPR's evidence matrix), no text boxes, no content in headers or footers. Dates sit on the entry's title
line behind a right-aligned tab stop, the way Word users lay CVs out by hand.

The font is Calibri (every Office install has it; LibreOffice substitutes the metric-compatible Carlito, which
is also what the PDF embeds, so both files break lines alike).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Literal

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.export.document import (
    CONTACT_SEPARATOR,
    Block,
    BulletList,
    ContactLine,
    Document,
    Entry,
    Heading,
    KeyValue,
    Paragraph,
    Spacer,
    Table,
)
from careervp_desktop.export.output_file import write_atomically

PageSizeName = Literal["A4", "Letter"]

FONT = "Calibri"
INK = RGBColor(0x1D, 0x23, 0x2C)
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
MUTED = RGBColor(0x5B, 0x65, 0x73)
RULE_HEX = "B9C3CF"
TABLE_FILL_HEX = "EEF2F7"
TABLE_LINE_HEX = "D3DAE3"

_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
_PAGE = {"A4": (Mm(210), Mm(297), Mm(18)), "Letter": (Mm(215.9), Mm(279.4), Mm(19.05))}
_TOP_BOTTOM = Mm(16)


def write_docx(doc: Document, path: Path, *, page_size: PageSizeName = "A4") -> Path:
    """Write `doc` as a .docx to `path` (atomically) and return the path.

    Raises `BadInputError` with a one-line message when the file cannot be written.
    """
    return write_atomically(render_docx_bytes(doc, page_size=page_size), Path(path), what="Word document")


def render_docx_bytes(doc: Document, *, page_size: PageSizeName = "A4") -> bytes:
    word = new_docx()
    width, height, side = _PAGE[page_size]
    section = word.sections[0]
    section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = side
    section.top_margin = section.bottom_margin = _TOP_BOTTOM
    text_width = width - 2 * side
    _set_styles(word)
    props = word.core_properties
    props.title = doc.title
    props.author = doc.author
    props.subject = doc.subject
    props.last_modified_by = doc.author
    props.comments = "Created with CareerVP Desktop"

    writer = _Writer(
        word,
        int(text_width),
        letter=doc.kind == ArtifactType.COVER_LETTER,
        name_heading=doc.kind in {None, ArtifactType.TAILORED_CV, ArtifactType.COVER_LETTER},
    )
    previous: Block | None = None
    for block in doc.blocks:
        writer.block(block, previous)
        if not isinstance(block, Spacer):
            previous = block
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------------- styles
def _set_fonts(style_font: Any, size: float, *, bold: bool = False, color: RGBColor = INK) -> None:
    style_font.name = FONT
    style_font.size = Pt(size)
    style_font.bold = bold
    style_font.italic = False
    style_font.color.rgb = color
    rpr = style_font.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    size_cs = rpr.find(qn("w:szCs"))  # the template sizes complex scripts (Hebrew, Arabic) separately
    if size_cs is not None:
        size_cs.set(qn("w:val"), str(int(size * 2)))
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme_attr), None)


def _set_styles(word: Any) -> None:
    styles = word.styles
    normal = styles["Normal"]
    _set_fonts(normal.font, 10.5)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1

    h1 = styles["Heading 1"]
    _set_fonts(h1.font, 24, bold=True, color=ACCENT)
    h1.paragraph_format.space_before = Pt(0)
    h1.paragraph_format.space_after = Pt(2)
    h1.paragraph_format.keep_with_next = True

    h2 = styles["Heading 2"]
    _set_fonts(h2.font, 10.5, bold=True, color=ACCENT)
    h2.font.all_caps = True
    h2.paragraph_format.space_before = Pt(13)
    h2.paragraph_format.space_after = Pt(5)
    h2.paragraph_format.keep_with_next = True
    _bottom_border(h2.element.get_or_add_pPr())

    h3 = styles["Heading 3"]
    _set_fonts(h3.font, 11.5, bold=True)
    h3.paragraph_format.space_before = Pt(10)
    h3.paragraph_format.space_after = Pt(3)
    h3.paragraph_format.keep_with_next = True

    for name in ("List Bullet", "List Number"):
        style = styles[name]
        _set_fonts(style.font, 10.5)
        style.paragraph_format.space_after = Pt(2)
        style.paragraph_format.line_spacing = 1.1


def _bottom_border(ppr: Any) -> None:
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "2"), ("w:color", RULE_HEX)):
        bottom.set(qn(key), value)
    border.append(bottom)
    # CT_PPr is a sequence: pBdr must precede these, or Word reports the file as damaged
    ppr.insert_element_before(border, *_AFTER_PBDR)


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _table_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):  # the schema's order
        element = OxmlElement(f"w:{edge}")
        if edge in ("left", "right", "insideV"):
            element.set(qn("w:val"), "nil")
        else:
            for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", TABLE_LINE_HEX)):
                element.set(qn(key), value)
        borders.append(element)
    table._tbl.tblPr.insert_element_before(borders, *_AFTER_TBLBORDERS)


def _repeat_header(row: Any) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


# --------------------------------------------------------------------------------------------------- blocks
class _Writer:
    def __init__(self, word: Any, text_width: int, *, letter: bool, name_heading: bool) -> None:
        self.word = word
        self.name_heading = name_heading  # a CV or letter is headed by the candidate's name (24 pt)
        self.text_width = text_width
        self.letter = letter
        self._pending_space = 0.0

    def _paragraph(self, style: str | None = None, space_before: float | None = None) -> Any:
        para = self.word.add_paragraph(style=style)
        extra = self._pending_space
        self._pending_space = 0.0
        if space_before is not None or extra:
            para.paragraph_format.space_before = Pt((space_before or 0.0) + extra)
        return para

    @staticmethod
    def _run(para: Any, text: str, *, bold: bool = False, color: RGBColor | None = None, size: float = 0) -> Any:
        run = para.add_run(text)
        if bold:
            run.bold = True
        if color is not None:
            run.font.color.rgb = color
        if size:
            run.font.size = Pt(size)
        return run

    def block(self, block: Block, previous: Block | None) -> None:
        if isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, Paragraph):
            self._text(block, previous)
        elif isinstance(block, BulletList):
            style = "List Number" if block.numbered else "List Bullet"
            for n, item in enumerate(block.items):
                para = self._paragraph(style, space_before=3 if n == 0 else None)
                self._run(para, item)
        elif isinstance(block, KeyValue):
            self._key_value(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, ContactLine):
            para = self._paragraph(space_before=2)
            self._run(para, CONTACT_SEPARATOR.join(block.items), color=MUTED, size=9.5)
        elif isinstance(block, Entry):
            self._entry(block, previous)
        elif isinstance(block, Spacer):
            self._pending_space += block.points

    def _heading(self, block: Heading) -> None:
        para = self.word.add_heading(level=block.level)
        if self._pending_space:
            para.paragraph_format.space_before = Pt(self._pending_space)
            self._pending_space = 0.0
        run = para.add_run(block.text)
        if block.level == 1 and not self.name_heading:
            run.font.size = Pt(20)  # a report's title

    def _text(self, block: Paragraph, previous: Block | None) -> None:
        if isinstance(previous, Paragraph) and previous.label and block.label:
            space = 2.0
        elif block.style == "lead":
            space = 10.0
        elif self.letter:
            space = 9.0
        else:
            space = 5.0
        para = self._paragraph(space_before=space)
        para.paragraph_format.space_after = Pt(0)
        size = 11.0 if self.letter else 0.0
        if block.label:
            self._run(para, block.label, bold=True, size=size)
            if block.text:
                self._run(para, " " + block.text, size=size)
            para.paragraph_format.keep_with_next = not block.text
            return
        if block.style == "lead":
            self._run(para, block.text, color=ACCENT, size=12.5)
        elif block.style == "muted":
            self._run(para, block.text, color=MUTED, size=10)
        elif block.style == "strong":
            self._run(para, block.text, bold=True, size=size)
        else:
            self._run(para, block.text, size=size)
        if self.letter:
            para.paragraph_format.line_spacing = 1.2

    def _key_value(self, block: KeyValue) -> None:
        for n, (key, value) in enumerate(block.rows):
            para = self._paragraph(space_before=8 if n == 0 else 1)
            para.paragraph_format.space_after = Pt(0)
            para.paragraph_format.tab_stops.add_tab_stop(Mm(28))
            self._run(para, f"{key}:", bold=True)
            self._run(para, f"\t{value}")

    def _entry(self, block: Entry, previous: Block | None) -> None:
        para = self._paragraph(space_before=4 if isinstance(previous, Heading) else 10)
        para.paragraph_format.space_after = Pt(0)
        para.paragraph_format.keep_with_next = True
        self._run(para, block.title, bold=True, size=11)
        if block.dates:
            para.paragraph_format.tab_stops.add_tab_stop(self.text_width, WD_TAB_ALIGNMENT.RIGHT)
            self._run(para, "\t" + block.dates, color=MUTED, size=10)
        if block.subtitle:
            sub = self._paragraph(space_before=0.5)
            sub.paragraph_format.space_after = Pt(0)
            sub.paragraph_format.keep_with_next = bool(block.bullets)
            self._run(sub, block.subtitle, color=ACCENT, size=10)
        for n, item in enumerate(block.bullets):
            bullet = self._paragraph("List Bullet", space_before=3 if n == 0 else None)
            self._run(bullet, item)

    def _table(self, block: Table) -> None:
        columns = len(block.header)
        table = self.word.add_table(rows=1, cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _table_borders(table)
        weights = list(block.widths or ()) or [1.0] * columns
        weights = (weights + [1.0] * columns)[:columns]
        total = sum(weights)
        widths = [int(self.text_width * w / total) for w in weights]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid, which LibreOffice reads

        def fill(row: Any, cells: tuple[str, ...], head: bool) -> None:
            for c, cell in enumerate(row.cells):
                cell.width = widths[c]
                para = cell.paragraphs[0]
                para.paragraph_format.space_before = Pt(2)
                para.paragraph_format.space_after = Pt(2)
                para.paragraph_format.line_spacing = 1.0
                text = cells[c] if c < len(cells) else ""
                self._run(para, text, bold=head, color=ACCENT if head else None, size=9.5)
                if head:
                    _shade(cell, TABLE_FILL_HEX)

        header = table.rows[0]
        _repeat_header(header)
        fill(header, block.header, head=True)
        for cells in block.rows:
            fill(table.add_row(), cells, head=False)
