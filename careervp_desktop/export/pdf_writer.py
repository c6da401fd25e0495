"""Write a `Document` to PDF with QtGui only (QPdfWriter + QPainter + QTextLayout; never QtWidgets).

How it works: every block is laid out into *rows* (one line of text, one table row, an entry's title line...)
with `QTextLayout`, which wraps, shapes and handles right-to-left scripts; a small paginator places rows on
pages (headings and entry titles stay with what follows them, a paragraph never leaves a single line behind,
table headers repeat); then the rows are painted onto a `QPdfWriter` that writes into memory. The PDF is then
post-processed with pypdf to repair the text layer (see `fix_space_mapping`) and written to disk atomically.

Fonts: the bundled Carlito (SIL OFL, metric-compatible with Calibri, so the DOCX — which names Calibri — breaks
lines the same way) from `resources/export/fonts/`; if that is missing, the first installed of
`FALLBACK_FAMILIES`. Glyphs a font lacks (e.g. Hebrew in Carlito) come from Qt's per-glyph font fallback. All
fonts are embedded (subset) with a ToUnicode map, so the text layer is selectable and searchable.

Threads: `write_pdf` needs a `QGuiApplication`; if none exists and this is the main thread it creates one (with
`QT_QPA_PLATFORM=offscreen` on Linux when there is no display). Once the application exists, `write_pdf` may
be called from any thread: Qt documents `QPainter` on a `QPdfWriter`/`QPrinter` and text rendering as supported
outside the GUI thread (fontconfig/FreeType-backed since Qt 5), `QTextLayout` is reentrant, and every Qt object
used here is created, used and destroyed inside the call. Registering the bundled fonts (`QFontDatabase`,
thread-safe) happens once, under a lock. Calling it from a worker thread with *no* application raises
`RuntimeError`: create the `QGuiApplication` on the main thread first (the GUI always has one).
"""

from __future__ import annotations

import functools
import io
import os
import re
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

from careervp_desktop.domain.errors import BadInputError
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

FALLBACK_FAMILIES = (
    "Carlito",
    "Calibri",
    "Segoe UI",
    "Helvetica Neue",
    "Arial",
    "DejaVu Sans",
    "Liberation Sans",
    "Noto Sans",
)
_PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
_DPI = 600  # device units per inch; everything below is specified in points and scaled by `_pt`
_MARGINS_MM = {"A4": (18.0, 16.0, 18.0, 16.0), "Letter": (19.05, 16.0, 19.05, 16.0)}  # left, top, right, bottom

INK = "#1d232c"
ACCENT = "#1f3a5f"
MUTED = "#5b6573"
RULE = "#b9c3cf"
TABLE_FILL = "#eef2f7"
TABLE_LINE = "#d3dae3"


def _pt(points: float) -> float:
    return points * _DPI / 72.0


# --------------------------------------------------------------------------------------------------- Qt set-up
_app_lock = threading.Lock()
_own_app: QGuiApplication | None = None
_font_lock = threading.Lock()
_families: list[str] | None = None


def ensure_gui_application() -> QGuiApplication:
    """The running `QGuiApplication` (a `QApplication` is one too), creating one on the main thread if needed."""
    global _own_app
    with _app_lock:
        app = QCoreApplication.instance()
        if app is None:
            if threading.current_thread() is not threading.main_thread():
                raise RuntimeError(
                    "PDF export needs a QGuiApplication; create it on the main thread before exporting from a "
                    "worker thread."
                )
            if (
                sys.platform.startswith("linux")
                and not os.environ.get("DISPLAY")
                and not os.environ.get("WAYLAND_DISPLAY")
            ):
                os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            _own_app = QGuiApplication([sys.argv[0] if sys.argv else "careervp"])
            return _own_app
        if not isinstance(app, QGuiApplication):
            raise RuntimeError("PDF export needs a QGuiApplication, but a QCoreApplication is running.")
        return app


def bundled_font_dir() -> Path | None:
    try:
        from careervp_desktop.resources import resource_path

        folder = resource_path("export", "fonts")
    except FileNotFoundError:
        return None
    return folder if folder.is_dir() else None


def font_families() -> list[str]:
    """Font families to ask Qt for, best first: the bundled ones, then common system fonts."""
    global _families
    with _font_lock:
        if _families is None:
            found: list[str] = []
            folder = bundled_font_dir()
            for path in sorted(folder.glob("*.ttf")) if folder else []:
                font_id = QFontDatabase.addApplicationFont(str(path))
                if font_id >= 0:
                    found.extend(QFontDatabase.applicationFontFamilies(font_id))
            ordered = [*found, *FALLBACK_FAMILIES]
            _families = list(dict.fromkeys(ordered))
        return list(_families)


# --------------------------------------------------------------------------------------------------- styles
@dataclass(frozen=True)
class _Style:
    size: float
    bold: bool = False
    color: str = INK
    caps: bool = False
    spacing: float = 0.0  # extra letter spacing, points
    leading: float = 1.18  # line pitch as a multiple of the font's natural line height


_NAME = _Style(24, bold=True, color=ACCENT, leading=1.0)
_TITLE = _Style(20, bold=True, color=ACCENT, leading=1.05)
_SECTION = _Style(10.5, bold=True, color=ACCENT, caps=True)  # no letter-spacing: readers see "S U M M A R Y"
_SUBHEAD = _Style(11.5, bold=True)
_BODY = _Style(10.5)
_LEAD = _Style(12.5, color=ACCENT, leading=1.2)
_MUTED = _Style(10, color=MUTED)
_STRONG = _Style(10.5, bold=True)
_CONTACT = _Style(9.5, color=MUTED)
_ENTRY_TITLE = _Style(11, bold=True)
_ENTRY_SUB = _Style(10, color=ACCENT)
_DATES = _Style(10, color=MUTED)
_TABLE = _Style(9.5, leading=1.12)
_TABLE_HEAD = _Style(9.5, bold=True, color=ACCENT, leading=1.12)
_FOOTER = _Style(8, color=MUTED)
_LETTER = _Style(11, leading=1.25)
_LETTER_STRONG = _Style(11, bold=True, leading=1.25)
_NO_FEATURES = ("liga", "clig", "dlig", "hlig", "calt")
_NAME_KINDS = {None, ArtifactType.TAILORED_CV, ArtifactType.COVER_LETTER}  # documents headed by a person's name


# --------------------------------------------------------------------------------------------------- rows
DrawFn = Callable[[QPainter, float, float], None]  # (painter, x of content left, y of row top)


@dataclass
class _Row:
    height: float
    draw: DrawFn
    space_before: float = 0.0
    keep_with_next: bool = False
    header: _Row | None = None  # repeated at the top of a page when this row starts one (table headers)


@dataclass
class _Lines:
    """A laid-out text: the layout (kept alive for drawing) and the top/height of each line."""

    layout: QTextLayout
    tops: list[float]
    heights: list[float]
    first_ascent: float

    @property
    def height(self) -> float:
        return sum(self.heights)

    def draw_line(self, painter: QPainter, index: int, x: float, y: float) -> None:
        line = self.layout.lineAt(index)
        line.draw(painter, QPointF(x, y - line.y() + (self.heights[index] - line.height()) / 2))

    def natural_width(self) -> float:
        return max((self.layout.lineAt(i).naturalTextWidth() for i in range(len(self.tops))), default=0.0)


class _Typesetter:
    def __init__(self, device: QPdfWriter, width: float, families: list[str]) -> None:
        self.device = device
        self.width = width
        self.families = families
        self._fonts: dict[tuple[float, bool, bool, float], QFont] = {}

    def font(self, style: _Style, *, bold: bool | None = None) -> QFont:
        weight = style.bold if bold is None else bold
        key = (style.size, weight, style.caps, style.spacing)
        cached = self._fonts.get(key)
        if cached is not None:
            return cached
        font = QFont()
        font.setFamilies(self.families)
        font.setPointSizeF(style.size)
        font.setWeight(QFont.Weight.Bold if weight else QFont.Weight.Normal)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        font.setKerning(True)
        for tag in _NO_FEATURES:  # ligature glyphs have no (correct) ToUnicode entry in Qt's PDFs: "Ques\tons"
            font.setFeature(QFont.Tag(tag), 0)
        if style.caps:
            font.setCapitalization(QFont.Capitalization.AllUppercase)
        if style.spacing:
            font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, _pt(style.spacing))
        self._fonts[key] = font
        return font

    def lines(
        self,
        text: str,
        style: _Style,
        width: float,
        *,
        bold_prefix: int = 0,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> _Lines:
        font = self.font(style)
        layout = QTextLayout(text, font, self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        option.setAlignment(align)
        layout.setTextOption(option)
        formats: list[QTextLayout.FormatRange] = []
        base = QTextLayout.FormatRange()
        base.start, base.length = 0, len(text)
        base.format = QTextCharFormat()
        base.format.setForeground(QColor(style.color))
        formats.append(base)
        if bold_prefix:
            bold = QTextLayout.FormatRange()
            bold.start, bold.length = 0, bold_prefix
            bold.format = QTextCharFormat()
            bold.format.setFont(self.font(style, bold=True))
            bold.format.setForeground(QColor(style.color))
            formats.append(bold)
        layout.setFormats(formats)
        tops: list[float] = []
        heights: list[float] = []
        y = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            pitch = line.height() * style.leading
            tops.append(y)
            heights.append(pitch)
            y += pitch
        layout.endLayout()
        ascent = QFontMetricsF(font, self.device).ascent()
        return _Lines(layout, tops, heights, ascent)


# --------------------------------------------------------------------------------------------------- block -> rows
class _Composer:
    def __init__(self, ts: _Typesetter, doc: Document) -> None:
        self.ts = ts
        self.doc = doc
        self.width = ts.width
        self.rows: list[_Row] = []
        self._pending_space = 0.0

    def add(self, row: _Row, space_before: float = 0.0) -> None:
        row.space_before = space_before + self._pending_space
        self._pending_space = 0.0
        self.rows.append(row)

    def text_rows(
        self,
        lines: _Lines,
        x_offset: float = 0.0,
        *,
        space_before: float = 0.0,
        keep_first: bool = False,
        prefix: DrawFn | None = None,
    ) -> None:
        """One row per line; orphan/widow control: the first and the second-to-last line keep with the next."""
        count = len(lines.tops)
        for i in range(count):

            def draw(p: QPainter, x: float, y: float, i: int = i) -> None:
                if i == 0 and prefix is not None:
                    prefix(p, x, y)
                lines.draw_line(p, i, x + x_offset, y)

            keep = (i == 0 and (count > 1 or keep_first)) or (count > 2 and i == count - 2)
            self.add(_Row(lines.heights[i], draw, keep_with_next=keep), space_before if i == 0 else 0.0)

    # ---------------------------------------------------------------------------- blocks
    def block(self, block: Block, previous: Block | None) -> None:
        if isinstance(block, Heading):
            self.heading(block, previous)
        elif isinstance(block, Paragraph):
            self.paragraph(block, previous)
        elif isinstance(block, BulletList):
            self.bullets(block.items, numbered=block.numbered, space_before=_pt(3))
        elif isinstance(block, KeyValue):
            self.key_value(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, ContactLine):
            self.contact(block)
        elif isinstance(block, Entry):
            self.entry(block, previous)
        elif isinstance(block, Spacer):
            self._pending_space += _pt(block.points)

    def heading(self, block: Heading, previous: Block | None) -> None:
        if block.level == 1:
            style = _NAME if self.doc.kind in _NAME_KINDS else _TITLE
            lines = self.ts.lines(block.text, style, self.width)
            self.text_rows(lines, keep_first=True)
            return
        if block.level == 2:
            lines = self.ts.lines(block.text, _SECTION, self.width)
            gap_below = _pt(3.5)
            rule = _pt(0.6)

            last = len(lines.tops) - 1

            def draw(p: QPainter, x: float, y: float, i: int) -> None:
                lines.draw_line(p, i, x, y)
                if i == last:  # a thin rule under the heading
                    pen = QPen(QColor(RULE))
                    pen.setWidthF(rule)
                    p.setPen(pen)
                    bottom = y + lines.heights[i] + gap_below / 2
                    p.drawLine(QPointF(x, bottom), QPointF(x + self.width, bottom))

            for i in range(last + 1):
                height = lines.heights[i] + (gap_below if i == last else 0.0)
                row_draw: DrawFn = functools.partial(draw, i=i)
                self.add(_Row(height, row_draw, keep_with_next=True), _pt(13) if i == 0 else 0.0)
            return
        lines = self.ts.lines(block.text, _SUBHEAD, self.width)
        self.text_rows(lines, space_before=_pt(10), keep_first=True)
        if self.rows:
            self.rows[-1].keep_with_next = True

    def paragraph(self, block: Paragraph, previous: Block | None) -> None:
        letter = self.doc.kind == ArtifactType.COVER_LETTER
        style = {
            "body": _LETTER if letter else _BODY,
            "lead": _LEAD,
            "muted": _MUTED,
            "strong": _LETTER_STRONG if letter else _STRONG,
        }[block.style]
        text = f"{block.label} {block.text}".strip() if block.label else block.text
        lines = self.ts.lines(text, style, self.width, bold_prefix=len(block.label or ""))
        label_only = bool(block.label) and not block.text
        if isinstance(previous, Paragraph) and previous.label and block.label:
            space = _pt(2)
        elif isinstance(previous, Heading) and previous.level == 1:
            space = _pt(6)
        elif block.style == "lead":
            space = _pt(10)
        elif letter and block.style == "body":
            space = _pt(9)
        else:
            space = _pt(5)
        self.text_rows(lines, space_before=space, keep_first=label_only)

    def bullets(self, items: Sequence[str], *, numbered: bool, space_before: float) -> None:
        indent = _pt(14)
        for n, item in enumerate(items, start=1):
            marker = f"{n}." if numbered else "•"
            lines = self.ts.lines(item, _BODY, self.width - indent)
            mark = self.ts.lines(marker, _BODY, indent)

            def prefix(p: QPainter, x: float, y: float, mark: _Lines = mark, numbered: bool = numbered) -> None:
                mark.draw_line(p, 0, x + (_pt(1) if numbered else _pt(3)), y)

            self.text_rows(lines, indent, space_before=space_before if n == 1 else _pt(2), prefix=prefix)

    def key_value(self, block: KeyValue) -> None:
        label_width = 0.0
        # the trailing space is drawn: text extractors read "Role: Senior Backend Engineer", not "Role:Senior..."
        labelled = [(self.ts.lines(f"{k}: ", _STRONG, self.width), v) for k, v in block.rows]
        for label, _ in labelled:
            label_width = max(label_width, label.natural_width())
        column = label_width + _pt(12)
        for n, (label, value) in enumerate(labelled):
            lines = self.ts.lines(value, _BODY, self.width - column)

            def prefix(p: QPainter, x: float, y: float, label: _Lines = label) -> None:
                label.draw_line(p, 0, x, y)

            self.text_rows(lines, column, space_before=_pt(8) if n == 0 else _pt(1), prefix=prefix)

    def contact(self, block: ContactLine) -> None:
        """Items packed greedily into lines, so a line never ends with a dangling separator. One colour for
        the whole line: every format change starts a new text object in the PDF."""
        measure = QFontMetricsF(self.ts.font(_CONTACT), self.ts.device)
        packed: list[str] = []
        for item in block.items:
            candidate = f"{packed[-1]}{CONTACT_SEPARATOR}{item}" if packed else item
            if packed and measure.horizontalAdvance(candidate) <= self.width:
                packed[-1] = candidate
            else:
                packed.append(item)
        for n, text in enumerate(packed):
            self.text_rows(self.ts.lines(text, _CONTACT, self.width), space_before=_pt(4) if n == 0 else 0.0)

    def entry(self, block: Entry, previous: Block | None) -> None:
        gap = _pt(10)
        dates = self.ts.lines(block.dates, _DATES, self.width) if block.dates else None
        dates_width = dates.natural_width() if dates else 0.0
        title_width = self.width - (dates_width + _pt(12) if dates else 0.0)
        title = self.ts.lines(f"{block.title} " if dates else block.title, _ENTRY_TITLE, title_width)
        space = _pt(4) if isinstance(previous, Heading) else gap
        for i in range(len(title.tops)):

            def draw(p: QPainter, x: float, y: float, i: int = i) -> None:
                title.draw_line(p, i, x, y)
                if i == 0 and dates is not None:
                    # align the dates' baseline with the title's
                    dy = title.first_ascent - dates.first_ascent
                    dates.draw_line(p, 0, x + self.width - dates_width, y + dy)

            self.add(_Row(title.heights[i], draw, keep_with_next=True), space if i == 0 else 0.0)
        if block.subtitle:
            sub = self.ts.lines(block.subtitle, _ENTRY_SUB, self.width)
            self.text_rows(sub, space_before=_pt(0.5), keep_first=bool(block.bullets))
            self.rows[-1].keep_with_next = bool(block.bullets)
        if block.bullets:
            self.bullets(block.bullets, numbered=False, space_before=_pt(3))

    def table(self, block: Table) -> None:
        columns = len(block.header)
        weights = list(block.widths or ()) or [1.0] * columns
        weights = (weights + [1.0] * columns)[:columns]
        total = sum(weights)
        widths = [self.width * w / total for w in weights]
        pad_x, pad_y = _pt(4), _pt(3)

        def make_row(cells: Sequence[str], head: bool) -> _Row:
            style = _TABLE_HEAD if head else _TABLE
            laid = [
                self.ts.lines(cells[c] if c < len(cells) else "", style, widths[c] - 2 * pad_x) for c in range(columns)
            ]
            height = max(cell.height for cell in laid) + 2 * pad_y

            def draw(p: QPainter, x: float, y: float) -> None:
                if head:
                    p.fillRect(QRectF(x, y, self.width, height), QColor(TABLE_FILL))
                cx = x
                for c, cell in enumerate(laid):
                    for i in range(len(cell.tops)):
                        cell.draw_line(p, i, cx + pad_x, y + pad_y + cell.tops[i])
                    cx += widths[c]
                pen = QPen(QColor(TABLE_LINE))
                pen.setWidthF(_pt(0.5))
                p.setPen(pen)
                p.drawLine(QPointF(x, y + height), QPointF(x + self.width, y + height))

            return _Row(height, draw, keep_with_next=head)

        header = make_row(block.header, head=True)
        self.add(header, _pt(6))
        for cells in block.rows:
            row = make_row(cells, head=False)
            row.header = make_row(block.header, head=True)
            self.add(row)


# --------------------------------------------------------------------------------------------------- pagination
def _paginate(rows: list[_Row], top: float, bottom: float) -> list[list[tuple[_Row, float]]]:
    pages: list[list[tuple[_Row, float]]] = [[]]
    page_height = bottom - top
    y = top
    for i, row in enumerate(rows):
        at_top = not pages[-1]
        gap = 0.0 if at_top else row.space_before
        need = gap + row.height
        if row.keep_with_next:
            chain, j = need, i
            while j + 1 < len(rows) and rows[j].keep_with_next:
                j += 1
                chain += rows[j].space_before + rows[j].height
            if chain <= page_height:
                need = chain
        if not at_top and y + need > bottom:
            pages.append([])
            y, gap = top, 0.0
            if row.header is not None:
                pages[-1].append((row.header, y))
                y += row.header.height
        pages[-1].append((row, y + gap))
        y += gap + row.height
    return pages


# --------------------------------------------------------------------------------------------------- the writer
def render_pdf_bytes(doc: Document, *, page_size: PageSizeName = "A4") -> bytes:
    """The PDF for `doc`, as bytes (text layer already repaired)."""
    ensure_gui_application()
    families = font_families()
    if page_size not in _PAGE_SIZES:
        raise BadInputError(f"Unknown page size {page_size!r}: choose A4 or Letter.")
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(_DPI)
    left, top, right, bottom = _MARGINS_MM[page_size]
    writer.setPageLayout(
        QPageLayout(
            QPageSize(_PAGE_SIZES[page_size]),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(doc.title)
    writer.setAuthor(doc.author)
    writer.setCreator("CareerVP Desktop")
    page_rect = writer.pageLayout().fullRectPixels(_DPI)
    mm = _DPI / 25.4
    x0, y0 = left * mm, top * mm
    width = page_rect.width() - (left + right) * mm
    y_end = page_rect.height() - bottom * mm
    footer_space = _pt(14)

    ts = _Typesetter(writer, width, families)
    composer = _Composer(ts, doc)
    previous: Block | None = None
    for block in doc.blocks:
        composer.block(block, previous)
        if not isinstance(block, Spacer):
            previous = block
    pages = _paginate(composer.rows, y0, y_end - footer_space)

    painter = QPainter()
    if not painter.begin(writer):  # pragma: no cover - writing to memory does not fail
        raise BadInputError("Could not start the PDF writer; try again or export as DOCX.")
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for number, placed in enumerate(pages, start=1):
            if number > 1:
                writer.newPage()
            for row, y in placed:
                row.draw(painter, x0, y)
            if len(pages) > 1:
                _draw_footer(ts, painter, doc, number, len(pages), x0, width, y_end)
    finally:
        painter.end()
    buffer.close()
    data = bytes(QByteArray(buffer.data()).data())
    return repair_text_layer(data)


def _draw_footer(
    ts: _Typesetter, p: QPainter, doc: Document, number: int, total: int, x: float, width: float, y_end: float
) -> None:
    """A quiet footer: the document's name from page 2 on (left), "Page n of m" (right)."""
    right = ts.lines(f"Page {number} of {total}", _FOOTER, width)
    y = y_end - right.heights[0]
    if number > 1 and doc.footer:  # drawn first with a trailing space: extractors read "... — CV Page 2 of 3"
        left = ts.lines(f"{doc.footer} ", _FOOTER, width - right.natural_width() - _pt(12))
        left.draw_line(p, 0, x, y)
    right.draw_line(p, 0, x + width - right.natural_width(), y)


def write_pdf(doc: Document, path: Path, *, page_size: PageSizeName = "A4") -> Path:
    """Write `doc` as a PDF to `path` (atomically) and return the path.

    Raises `BadInputError` with a one-line message when the file cannot be written.
    """
    data = render_pdf_bytes(doc, page_size=page_size)
    return write_atomically(data, path, what="PDF")


# --------------------------------------------------------------------------------------------------- text layer
_CMAP_SECTION = re.compile(rb"(begin(bfchar|bfrange))(.*?)(end(?:bfchar|bfrange))", re.S)
_CMAP_TOKEN = re.compile(rb"<[0-9A-Fa-f]*>|\[|\]")
_TAB, _SPACE = b"<0009>", b"<0020>"


def _is_tab(token: bytes) -> bool:
    return token.startswith(b"<") and token.endswith(b">") and len(token) > 2 and int(token[1:-1], 16) == 9


def fix_tounicode_cmap(cmap: bytes) -> bytes:
    """Map every glyph that the CMap says is U+0009 (TAB) to U+0020 (SPACE) instead.

    Only *destination* values are touched (sources are glyph ids, which may legitimately be 9). Our documents
    never contain TAB characters (the document model collapses whitespace), so a glyph mapped to TAB is always
    the space glyph mis-mapped by Qt.
    """

    def fix_section(match: re.Match[bytes]) -> bytes:
        kind, body = match.group(2), match.group(3)
        tokens = list(_CMAP_TOKEN.finditer(body))
        fix_at: list[tuple[int, int]] = []
        if kind == b"bfchar":
            for k in range(1, len(tokens), 2):
                if _is_tab(tokens[k].group()):
                    fix_at.append(tokens[k].span())
        else:
            k = 0
            while k + 2 < len(tokens):
                lo, hi, dst = (t.group() for t in tokens[k : k + 3])
                if dst == b"[":
                    k += 3
                    while k < len(tokens) and tokens[k].group() != b"]":
                        if _is_tab(tokens[k].group()):
                            fix_at.append(tokens[k].span())
                        k += 1
                    k += 1
                else:
                    if _is_tab(dst) and lo == hi:
                        fix_at.append(tokens[k + 2].span())
                    k += 3
        if not fix_at:
            return match.group(0)
        out = bytearray(body)
        for start, end in reversed(fix_at):
            out[start:end] = _SPACE
        return match.group(1) + bytes(out) + match.group(4)

    try:
        return _CMAP_SECTION.sub(fix_section, cmap)
    except ValueError:  # a token we could not read: leave the map as it was
        return cmap


_TM_TD = re.compile(rb"1 0 0 -1 0 0 Tm\s+(-?[0-9.]+) (-?[0-9.]+) Td")


def merge_text_positioning(content: bytes) -> bytes:
    """Qt starts every text object with `1 0 0 -1 0 0 Tm` (the page's top-left corner) and only then moves to
    the text with `x y Td`. pypdf compares positions at the `Tm`, sees a jump to the corner and starts a new
    line: "Category:" and "Technical" drawn side by side come out on two lines. Writing the same matrix in one
    step (`1 0 0 -1 x -y Tm`) is equivalent and keeps side-by-side runs on one line."""

    def merged(match: re.Match[bytes]) -> bytes:
        x, y = match.group(1), match.group(2)
        neg_y = y[1:] if y.startswith(b"-") else b"-" + y
        return b"1 0 0 -1 " + x + b" " + neg_y + b" Tm"

    return _TM_TD.sub(merged, content)


def repair_text_layer(pdf: bytes) -> bytes:
    """Make a Qt-written PDF read correctly in text extractors (pypdf, and so most ATS parsers):
    1. Qt 6.12 maps the space glyph to TAB in each font's ToUnicode CMap (pypdf read "Jane\tDoe"): rewrite
       those maps so the space glyph reads as U+0020 (`fix_tounicode_cmap`);
    2. merge Qt's `Tm` + `Td` pairs so runs on one baseline stay on one line (`merge_text_positioning`).
    Both are exact rewrites: what is drawn does not change."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject, StreamObject

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    seen: set[int] = set()

    def rewrite(stream: StreamObject, fix: Callable[[bytes], bytes]) -> None:
        if id(stream) in seen:
            return
        seen.add(id(stream))
        original = stream.get_data()
        fixed = fix(original)
        if fixed != original:
            stream.set_data(fixed)

    for page in writer.pages:
        contents = page.get(NameObject("/Contents"))
        if contents is not None:
            contents = contents.get_object()
            streams = list(contents) if isinstance(contents, ArrayObject) else [contents]
            for stream in streams:
                rewrite(stream.get_object(), merge_text_positioning)
        resources = page.get(NameObject("/Resources"))
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for ref in fonts.get_object().values() if fonts is not None else []:
            to_unicode = ref.get_object().get("/ToUnicode")
            if to_unicode is not None:
                rewrite(to_unicode.get_object(), fix_tounicode_cmap)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
