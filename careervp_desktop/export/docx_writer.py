"""Write a `Document` to DOCX with python-docx, ATS-safe.

Everything is body text in reading order: real heading styles (Heading 1-3, so Word's navigation pane and ATS
parsers see the sections), real lists whose marker is a plain "•" in a normal font (python-docx's template uses
a Symbol-font private-use glyph that text extractors turn into garbage), one real table only where the document
has one (the VPR's evidence matrix), no text boxes, nothing in headers or footers (contact details are body
text). Dates follow the entry's title on its line ("Senior Engineer | Mar 2021 – Present"), as in the PDF.

Page breaks: headings, entry title lines and label-only lines ("Talking points:") keep with the next paragraph,
and widow/orphan control is on, so Word and LibreOffice never leave a heading alone at the bottom of a page.

Right-to-left (Hebrew): the section and every paragraph are `w:bidi` (so alignment, indents, list markers and
tab stops start from the right), runs of Hebrew text are `w:rtl` with the complex-script font, size and weight
(`w:cs`, `w:szCs`, `w:bCs`) set, and Latin runs inside them stay ordinary runs. Word reads `w:jc` left/right as
start/end in a bidi paragraph, so alignment is written as "start" semantics (no `w:jc` = start).

Fonts: Calibri (LibreOffice substitutes the metric-compatible Carlito, which is also what the PDF embeds, so both
files break lines alike) and Arial for complex scripts (see `templates`).
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_TABLE_DIRECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.export.document import (
    CONTACT_SEPARATOR,
    ENTRY_SEPARATOR,
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
from careervp_desktop.export.labels import bidi_runs, has_rtl
from careervp_desktop.export.output_file import write_atomically
from careervp_desktop.export.page import GEOMETRY, PageSizeName
from careervp_desktop.export.templates import COMPLEX_SCRIPT_FONT, FONT, Theme, theme_for

BULLET = "•"
_LIST_INDENT_TWIPS = 280  # 14 pt, the PDF's bullet indent

# CT_PPr and CT_SectPr are sequences: a child inserted out of order makes Word report the file as damaged.
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_BIDI = _AFTER_PBDR[_AFTER_PBDR.index("w:bidi") + 1 :]
_AFTER_SECT_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
# CT_RPr order (the parts we touch): rFonts b bCs ... color ... sz szCs ... rtl cs ... lang
_AFTER_BCS = (
    "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss",
    "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w",
    "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
    "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
_AFTER_SZCS = _AFTER_BCS[_AFTER_BCS.index("w:szCs") + 1 :]
_AFTER_RTL = _AFTER_BCS[_AFTER_BCS.index("w:rtl") + 1 :]
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def write_docx(doc: Document, path: Path, *, page_size: PageSizeName = "A4", template: str | None = None) -> Path:
    """Write `doc` as a .docx to `path` (atomically) and return the path.

    Raises `BadInputError` with a one-line message when the file cannot be written or the template is unknown.
    """
    data = render_docx_bytes(doc, page_size=page_size, template=template)
    return write_atomically(data, Path(path), what="Word document")


_TEMPLATES: dict[tuple[str, str, bool, str], bytes] = {}  # the styled empty document, per look (see below)
_TEMPLATES_LOCK = threading.Lock()


def _styled_document(doc: Document, theme: Theme, page_size: PageSizeName) -> Any:
    """A new Word document with the page set up and every style of `theme` applied. Styling python-docx's default
    template costs ~4 ms a document, so the result is kept (as .docx bytes) per template, paper, direction and
    language, and each export starts from a copy."""
    key = (theme.name, page_size, doc.rtl, doc.language)
    with _TEMPLATES_LOCK:
        data = _TEMPLATES.get(key)
    if data is not None:
        return new_docx(io.BytesIO(data))
    word = new_docx()
    geometry = GEOMETRY[page_size]
    section = word.sections[0]
    section.page_width, section.page_height = Mm(geometry.width), Mm(geometry.height)
    section.left_margin = section.right_margin = Mm(geometry.side)
    section.top_margin, section.bottom_margin = Mm(geometry.top), Mm(geometry.bottom)
    if doc.rtl:
        _append_in_order(section._sectPr, "w:bidi", _AFTER_SECT_BIDI)
    _set_styles(word, theme, doc)
    _set_bullets(word)
    buffer = io.BytesIO()
    word.save(buffer)
    with _TEMPLATES_LOCK:
        if len(_TEMPLATES) >= 32:
            _TEMPLATES.clear()
        _TEMPLATES[key] = buffer.getvalue()
    return word


def render_docx_bytes(doc: Document, *, page_size: PageSizeName = "A4", template: str | None = None) -> bytes:
    theme = theme_for(template)
    word = _styled_document(doc, theme, page_size)
    geometry = GEOMETRY[page_size]
    text_width = Mm(geometry.width - 2 * geometry.side)
    props = word.core_properties
    props.title = doc.title
    props.author = doc.author
    props.subject = doc.subject
    props.last_modified_by = doc.author
    props.language = _lang_tag(doc.language)
    props.comments = "Created with CareerVP Desktop"

    writer = _Writer(word, int(text_width), theme, doc)
    previous: Block | None = None
    for block in doc.blocks:
        writer.block(block, previous)
        if not isinstance(block, Spacer):
            previous = block
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _lang_tag(language: str) -> str:
    return {"en": "en-US", "he": "he-IL", "iw": "he-IL", "ar": "ar-SA", "fa": "fa-IR"}.get(language, language)


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.upper())


# --------------------------------------------------------------------------------------------------- xml helpers
def _append_in_order(parent: Any, tag: str, successors: tuple[str, ...]) -> Any:
    """The child `tag` of `parent`, created before the first of `successors` if missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    parent.insert_element_before(element, *successors)
    return element


def _set_rtl_paragraph(ppr: Any) -> None:
    _append_in_order(ppr, "w:bidi", _AFTER_BIDI)


def _set_complex_script(rpr: Any, *, size: float | None, bold: bool | None, rtl: bool, lang: str | None) -> None:
    """The complex-script twins of size and weight (Word takes Hebrew's size and weight only from these), the run
    direction, and the bidi language."""
    if bold is not None:
        element = _append_in_order(rpr, "w:bCs", _AFTER_BCS)
        if not bold:
            element.set(qn("w:val"), "0")
    if size:
        element = _append_in_order(rpr, "w:szCs", _AFTER_SZCS)
        element.set(qn("w:val"), str(round(size * 2)))
    if rtl:
        _append_in_order(rpr, "w:rtl", _AFTER_RTL)
    if lang:
        element = _append_in_order(rpr, "w:lang", _AFTER_LANG)
        element.set(qn("w:bidi"), lang)


# --------------------------------------------------------------------------------------------------- styles
def _set_fonts(style_font: Any, size: float, *, bold: bool = False, color: str) -> None:
    style_font.name = FONT
    style_font.size = Pt(size)
    style_font.bold = bold
    style_font.italic = False
    style_font.all_caps = False
    style_font.color.rgb = _rgb(color)
    rpr = style_font.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    fonts.set(qn("w:cs"), COMPLEX_SCRIPT_FONT)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme_attr), None)
    _set_complex_script(rpr, size=size, bold=bold, rtl=False, lang=None)


def _set_styles(word: Any, theme: Theme, doc: Document) -> None:
    styles = word.styles
    lang = _lang_tag(doc.language)
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:  # spelling language of the whole document
        for element in defaults.iter(qn("w:lang")):
            element.set(qn("w:val"), lang if not doc.rtl else "en-US")
            element.set(qn("w:bidi"), lang if doc.rtl else "he-IL")

    normal = styles["Normal"]
    _set_fonts(normal.font, theme.body_size, color=theme.ink)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    normal.paragraph_format.widow_control = True

    h1 = styles["Heading 1"]
    _set_fonts(h1.font, theme.name_size, bold=True, color=theme.accent)
    h1.paragraph_format.space_before = Pt(0)
    h1.paragraph_format.space_after = Pt(2)
    h1.paragraph_format.keep_with_next = True

    h2 = styles["Heading 2"]
    _set_fonts(h2.font, theme.section_size, bold=True, color=theme.section_color)
    h2.paragraph_format.space_before = Pt(theme.section_space_before)
    h2.paragraph_format.space_after = Pt(5)
    h2.paragraph_format.keep_with_next = True
    _bottom_border(h2.element.get_or_add_pPr(), theme)

    h3 = styles["Heading 3"]
    _set_fonts(h3.font, theme.subhead_size, bold=True, color=theme.ink)
    h3.paragraph_format.space_before = Pt(10)
    h3.paragraph_format.space_after = Pt(3)
    h3.paragraph_format.keep_with_next = True

    for name in ("List Bullet", "List Number"):
        style = styles[name]
        _set_fonts(style.font, theme.body_size, color=theme.ink)
        style.paragraph_format.space_after = Pt(2)
        style.paragraph_format.line_spacing = 1.1


def _bottom_border(ppr: Any, theme: Theme) -> None:
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    size = str(max(2, round(theme.section_rule_width * 8)))  # eighths of a point
    for key, value in (("w:val", "single"), ("w:sz", size), ("w:space", "2"), ("w:color", theme.rule)):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.insert_element_before(border, *_AFTER_PBDR)


def _set_bullets(word: Any) -> None:
    """Point the List Bullet style's list definition at a plain "•" in the body font (the template's is a Symbol-
    font private-use character), with the PDF's indent."""
    numbering = word.part.numbering_part.element
    bullet_style = word.styles["List Bullet"].element
    num_id = bullet_style.pPr.numPr.numId.val
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) != str(num_id):
            continue
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        for abstract in numbering.findall(qn("w:abstractNum")):
            if abstract.get(qn("w:abstractNumId")) == abstract_id:
                _plain_bullet_level(abstract.find(qn("w:lvl")))


def _plain_bullet_level(level: Any) -> None:
    level.find(qn("w:lvlText")).set(qn("w:val"), BULLET)
    ppr = level.find(qn("w:pPr"))
    for tab in ppr.iter(qn("w:tab")):
        tab.set(qn("w:pos"), str(_LIST_INDENT_TWIPS))
    ind = ppr.find(qn("w:ind"))
    ind.set(qn("w:left"), str(_LIST_INDENT_TWIPS))
    ind.set(qn("w:hanging"), str(_LIST_INDENT_TWIPS))
    rpr = level.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), FONT)
    fonts.attrib.pop(qn("w:hint"), None)


def _numbered_list(word: Any) -> int:
    """A new list instance of the List Number definition that starts again at 1; returns its numId."""
    numbering = word.part.numbering_part.element
    number_style = word.styles["List Number"].element
    base_id = number_style.pPr.numPr.numId.val
    abstract_id = next(
        n.find(qn("w:abstractNumId")).get(qn("w:val"))
        for n in numbering.findall(qn("w:num"))
        if n.get(qn("w:numId")) == str(base_id)
    )
    new_id = 1 + max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num")))
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    return new_id


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _table_borders(table: Any, theme: Theme) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):  # the schema's order
        element = OxmlElement(f"w:{edge}")
        if edge in ("left", "right", "insideV"):
            element.set(qn("w:val"), "nil")
        else:
            for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", theme.table_line)):
                element.set(qn(key), value)
        borders.append(element)
    table._tbl.tblPr.insert_element_before(borders, *_AFTER_TBLBORDERS)


def _repeat_header(row: Any) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _cant_split(row: Any) -> None:
    element = OxmlElement("w:cantSplit")
    row._tr.get_or_add_trPr().append(element)


# --------------------------------------------------------------------------------------------------- blocks
class _Writer:
    def __init__(self, word: Any, text_width: int, theme: Theme, doc: Document) -> None:
        self.word = word
        self.text_width = text_width
        self.theme = theme
        self.doc = doc
        self.letter = doc.kind == ArtifactType.COVER_LETTER
        # a CV or letter is headed by the candidate's name; a report by its title
        self.name_heading = doc.kind in {None, ArtifactType.TAILORED_CV, ArtifactType.COVER_LETTER}
        self.bidi_lang = _lang_tag(doc.language) if doc.rtl else "he-IL"
        self._pending_space = 0.0
        self._style_ids: dict[str, str] = {}

    def _new_paragraph(self, style: str | None) -> Any:
        """`add_paragraph(style=name)` without python-docx's per-call scans of every style (by name, then for the
        default): a third of the export's time. The style id is looked up once per style and written directly."""
        para = self.word.add_paragraph()
        if style:
            style_id = self._style_ids.get(style)
            if style_id is None:
                style_id = self._style_ids[style] = self.word.styles[style].style_id
            para._p.get_or_add_pPr().style = style_id
        return para

    def _finish(self, para: Any, *, center: bool = False) -> Any:
        if self.doc.rtl:
            _set_rtl_paragraph(para._p.get_or_add_pPr())
        if center:
            para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return para

    def _paragraph(self, style: str | None = None, space_before: float | None = None) -> Any:
        para = self._new_paragraph(style)
        extra = self._pending_space
        self._pending_space = 0.0
        if space_before is not None or extra:
            para.paragraph_format.space_before = Pt((space_before or 0.0) + extra)
        return self._finish(para)

    def _run(self, para: Any, text: str, *, bold: bool = False, color: str | None = None, size: float = 0) -> list[Any]:
        """Runs for `text`, one per direction change: Hebrew chunks are marked right-to-left (complex script)."""
        chunks = bidi_runs(text) if has_rtl(text) else [(text, False)]
        runs = []
        for chunk, rtl in chunks:
            run = para.add_run(chunk)
            if bold:
                run.bold = True
            if color is not None:
                run.font.color.rgb = _rgb(color)
            if size:
                run.font.size = Pt(size)
            if rtl or bold or size:
                rpr = run._r.get_or_add_rPr()
                _set_complex_script(
                    rpr, size=size or None, bold=True if bold else None, rtl=rtl, lang=self.bidi_lang if rtl else None
                )
            runs.append(run)
        return runs

    def block(self, block: Block, previous: Block | None) -> None:
        if isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, Paragraph):
            self._text(block, previous)
        elif isinstance(block, BulletList):
            self._list(block)
        elif isinstance(block, KeyValue):
            self._key_value(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, ContactLine):
            self._contact(block)
        elif isinstance(block, Entry):
            self._entry(block, previous)
        elif isinstance(block, Spacer):
            self._pending_space += block.points

    def _heading(self, block: Heading) -> None:
        para = self._new_paragraph(f"Heading {block.level}")
        if self._pending_space:
            para.paragraph_format.space_before = Pt(self._pending_space)
            self._pending_space = 0.0
        center = block.level == 1 and self.name_heading and self.theme.header_centered
        self._finish(para, center=center)
        size = 0.0
        if block.level == 1 and not self.name_heading:
            size = self.theme.title_size  # a report's title
        elif block.level == 1:
            size = self.theme.name_size
        self._run(para, block.text, bold=True, size=size)

    def _contact(self, block: ContactLine) -> None:
        para = self._paragraph(space_before=2)
        if self.name_heading and self.theme.header_centered:
            para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(para, CONTACT_SEPARATOR.join(block.items), color=self.theme.muted, size=self.theme.contact_size)

    def _list(self, block: BulletList) -> None:
        style = "List Number" if block.numbered else "List Bullet"
        num_id = _numbered_list(self.word) if block.numbered else None
        for n, item in enumerate(block.items):
            para = self._paragraph(style, space_before=3 if n == 0 else None)
            if num_id is not None:
                para.paragraph_format.element.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id
                para.paragraph_format.element.get_or_add_pPr().get_or_add_numPr().get_or_add_ilvl().val = 0
            self._run(para, item)

    def _text(self, block: Paragraph, previous: Block | None) -> None:
        theme = self.theme
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
        size = theme.letter_size if self.letter else 0.0
        if block.label:
            self._run(para, block.label, bold=True, size=size)
            if block.text:
                self._run(para, " " + block.text, size=size)
            para.paragraph_format.keep_with_next = not block.text
            return
        if block.style == "lead":
            self._run(para, block.text, color=theme.accent, size=12.5)
        elif block.style == "muted":
            self._run(para, block.text, color=theme.muted, size=10)
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
            para.paragraph_format.tab_stops.add_tab_stop(Mm(30))
            self._run(para, f"{key}:", bold=True)
            self._run(para, f"\t{value}")

    def _entry(self, block: Entry, previous: Block | None) -> None:
        theme = self.theme
        para = self._paragraph(space_before=4 if isinstance(previous, Heading) else 10)
        para.paragraph_format.space_after = Pt(0)
        para.paragraph_format.keep_with_next = True
        self._run(para, block.title, bold=True, size=theme.entry_title_size)
        if block.dates:
            self._run(para, ENTRY_SEPARATOR + block.dates, color=theme.muted, size=10)
        if block.subtitle:
            sub = self._paragraph(space_before=0.5)
            sub.paragraph_format.space_after = Pt(0)
            sub.paragraph_format.keep_with_next = bool(block.bullets)
            self._run(sub, block.subtitle, color=theme.entry_sub_color, size=10)
        for n, item in enumerate(block.bullets):
            bullet = self._paragraph("List Bullet", space_before=3 if n == 0 else None)
            self._run(bullet, item)

    def _table(self, block: Table) -> None:
        theme = self.theme
        columns = len(block.header)
        table = self.word.add_table(rows=1, cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        if self.doc.rtl:
            table.table_direction = WD_TABLE_DIRECTION.RTL  # first column on the right
        _table_borders(table, theme)
        weights = list(block.widths or ()) or [1.0] * columns
        weights = (weights + [1.0] * columns)[:columns]
        total = sum(weights)
        widths = [int(self.text_width * w / total) for w in weights]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid, which LibreOffice reads

        def fill(row: Any, cells: tuple[str, ...], head: bool) -> None:
            _cant_split(row)
            for c, cell in enumerate(row.cells):
                cell.width = widths[c]
                para = self._finish(cell.paragraphs[0])
                para.paragraph_format.space_before = Pt(2)
                para.paragraph_format.space_after = Pt(2)
                para.paragraph_format.line_spacing = 1.0
                text = cells[c] if c < len(cells) else ""
                self._run(para, text, bold=head, color=theme.accent if head else None, size=9.5)
                if head:
                    _shade(cell, theme.table_fill)

        header = table.rows[0]
        _repeat_header(header)
        fill(header, block.header, head=True)
        for cells in block.rows:
            fill(table.add_row(), cells, head=False)
