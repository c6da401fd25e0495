"""Write a `Document` to PDF with QtGui only (QPdfWriter + QPainter + QTextLayout; never QtWidgets).

How it works: every block is laid out into *rows* (one line of text, one table row, an entry's title line...)
with `QTextLayout`, which wraps, shapes and handles right-to-left scripts; a small paginator places rows on
pages; then the rows are painted onto a `QPdfWriter` that writes into memory. The PDF is then post-processed with
pypdf to repair the text layer (see `repair_text_layer`) and written to disk atomically.

Page breaks (`_paginate`): headings, entry title lines and label-only lines ("Talking points:") keep with what
follows them, so no page ends with a heading; a paragraph never leaves a single line behind at the bottom or the
top of a page; table headers repeat on the next page. `layout_pages` exposes the plan (for page counts and tests).

Right-to-left documents (`Document.rtl`): every layout runs right-to-left and starts at the right margin; bullets,
indents, label columns, table columns, entry dates and the footer are mirrored. Lines that contain right-to-left
text are drawn word by word in reading order, each word's glyphs left to right (`_Lines.draw_line`): what is
painted is identical, but text extractors that read the content stream in order (pypdf, most ATS parsers) then
get the words in logical order, and position-based ones (pdftotext) are unaffected.

Fonts: the bundled Carlito (SIL OFL, metric-compatible with Calibri, so the DOCX — which names Calibri — breaks
lines the same way) and Noto Sans Hebrew (SIL OFL) from `resources/export/fonts/`; if those are missing, the first
installed of `FALLBACK_FAMILIES`. Glyphs a font lacks come from Qt's per-glyph font fallback. All fonts are
embedded (subset) with a ToUnicode map, so the text layer is selectable and searchable. Ligatures are switched off
(Qt writes no ToUnicode entry for a ligature glyph: "Questions" would read "Ques\tons").

Threads: `write_pdf` needs a `QGuiApplication`; if none exists and this is the main thread it creates one (with
`QT_QPA_PLATFORM=offscreen` on Linux when there is no display). Once the application exists, `write_pdf` may
be called from any thread: Qt documents `QPainter` on a `QPdfWriter`/`QPrinter` and text rendering as supported
outside the GUI thread (fontconfig/FreeType-backed since Qt 5), `QTextLayout` is reentrant, and every Qt object
used here is created, used and destroyed inside the call. Registering the bundled fonts (`QFontDatabase`,
thread-safe) happens once, under a lock. Calling it from a worker thread with *no* application raises
`RuntimeError`: create the `QGuiApplication` on the main thread first (the GUI always has one).
"""

from __future__ import annotations

import bisect
import functools
import io
import os
import re
import sys
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGlyphRun,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from careervp_desktop.domain.errors import BadInputError
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
from careervp_desktop.export.labels import has_rtl, is_rtl_char
from careervp_desktop.export.output_file import write_atomically
from careervp_desktop.export.page import GEOMETRY, PAGE_SIZES, PageSizeName
from careervp_desktop.export.templates import Theme, theme_for

FALLBACK_FAMILIES = (
    "Carlito",
    "Calibri",
    "Noto Sans Hebrew",
    "Segoe UI",
    "Helvetica Neue",
    "Arial",
    "DejaVu Sans",
    "Liberation Sans",
    "Noto Sans",
)
_PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
_DPI = 600  # device units per inch; everything below is specified in points and scaled by `_pt`


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
    color: str = "#000000"
    leading: float = 1.18  # line pitch as a multiple of the font's natural line height


@dataclass(frozen=True)
class _Styles:
    """The text styles of one template. Headings are drawn in the case they are written in (no capitalisation
    transform), so the text layer says exactly what the DOCX says."""

    name: _Style
    title: _Style
    section: _Style
    subhead: _Style
    body: _Style
    lead: _Style
    muted: _Style
    strong: _Style
    contact: _Style
    entry_title: _Style
    entry_sub: _Style
    dates: _Style
    table: _Style
    table_head: _Style
    footer: _Style
    letter: _Style
    letter_strong: _Style

    @classmethod
    def of(cls, theme: Theme) -> _Styles:
        ink, accent, muted = f"#{theme.ink}", f"#{theme.accent}", f"#{theme.muted}"
        return cls(
            name=_Style(theme.name_size, bold=True, color=accent, leading=1.0),
            title=_Style(theme.title_size, bold=True, color=accent, leading=1.05),
            section=_Style(theme.section_size, bold=True, color=f"#{theme.section_color}"),
            subhead=_Style(theme.subhead_size, bold=True, color=ink),
            body=_Style(theme.body_size, color=ink),
            lead=_Style(12.5, color=accent, leading=1.2),
            muted=_Style(10, color=muted),
            strong=_Style(theme.body_size, bold=True, color=ink),
            contact=_Style(theme.contact_size, color=muted),
            entry_title=_Style(theme.entry_title_size, bold=True, color=ink),
            entry_sub=_Style(10, color=f"#{theme.entry_sub_color}"),
            dates=_Style(10, color=muted),
            table=_Style(9.5, color=ink, leading=1.12),
            table_head=_Style(9.5, bold=True, color=accent, leading=1.12),
            footer=_Style(8, color=muted),
            letter=_Style(theme.letter_size, color=ink, leading=1.25),
            letter_strong=_Style(theme.letter_size, bold=True, color=ink, leading=1.25),
        )


_NO_FEATURES = ("liga", "clig", "dlig", "hlig", "calt")
_NAME_KINDS = {None, ArtifactType.TAILORED_CV, ArtifactType.COVER_LETTER}  # documents headed by a person's name
_WORDS = re.compile(r"\S+|\s+")
Align = Literal["start", "center", "end"]


# --------------------------------------------------------------------------------------------------- rows
DrawFn = Callable[[QPainter, float, float], None]  # (painter, x of content left, y of row top)
RowKind = Literal["heading", "entry", "label", "text", "bullet", "table-header", "table-row", "rule"]


@dataclass
class _Row:
    height: float
    draw: DrawFn
    kind: RowKind = "text"
    text: str = ""  # the row's text, for `layout_pages`
    line: int = 0  # which line of its paragraph this row is, of how many
    lines: int = 1
    space_before: float = 0.0
    keep_with_next: bool = False
    header: _Row | None = None  # repeated at the top of a page when this row starts one (table headers)


@dataclass(frozen=True)
class PageRow:
    """One row of a laid-out page: what it is ("heading", "entry", "label", "text", "bullet", "table-header",
    "table-row"), its text, and which line of its paragraph it is (`line` of `lines`)."""

    kind: str
    text: str
    line: int = 0
    lines: int = 1


class _Utf16:
    """Qt counts text positions in UTF-16 code units, Python in code points: the two differ after a character
    outside the Basic Multilingual Plane (an emoji)."""

    def __init__(self, text: str) -> None:
        self.offsets = [0]
        for ch in text:
            self.offsets.append(self.offsets[-1] + (2 if ord(ch) > 0xFFFF else 1))
        self.simple = self.offsets[-1] == len(text)

    @property
    def total(self) -> int:
        return self.offsets[-1]

    def to_units(self, start: int, count: int) -> tuple[int, int]:
        if self.simple:
            return start, count
        return self.offsets[start], self.offsets[start + count] - self.offsets[start]

    def to_chars(self, start: int, count: int) -> tuple[int, int]:
        if self.simple:
            return start, count
        first = bisect.bisect_left(self.offsets, start)
        last = bisect.bisect_left(self.offsets, start + count)
        return first, last - first


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


_GLYPHS = (
    QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes | QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphPositions
)


def _draw_left_to_right(painter: QPainter, origin: QPointF, run: QGlyphRun) -> None:
    glyphs, points = run.glyphIndexes(), run.positions()
    order = sorted(range(len(glyphs)), key=lambda k: points[k].x())
    if order != list(range(len(glyphs))):
        run = QGlyphRun(run)
        run.setGlyphIndexes([glyphs[k] for k in order])
        run.setPositions([points[k] for k in order])
    painter.drawGlyphRun(origin, run)


@dataclass
class _Lines:
    """A laid-out text: the layout (kept alive for drawing), its box width, and the top/height of each line."""

    layout: QTextLayout
    color: str
    width: float
    tops: list[float]
    heights: list[float]
    first_ascent: float
    units: _Utf16
    rtl: bool = False
    colors: tuple[tuple[int, int, str], ...] = ()  # (start, end, colour) of spans, in characters

    @property
    def height(self) -> float:
        return sum(self.heights)

    def line_text(self, index: int) -> str:
        line = self.layout.lineAt(index)
        first, count = self.units.to_chars(line.textStart(), line.textLength())
        return self.layout.text()[first : first + count]

    def draw_line(self, painter: QPainter, index: int, x: float, y: float) -> None:
        """Draw line `index` of the layout box whose left edge is `x`, in the row whose top is `y`."""
        line = self.layout.lineAt(index)
        origin = QPointF(x, y - line.y() + (self.heights[index] - line.height()) / 2)
        if not self.rtl and not has_rtl(self.line_text(index)):
            line.draw(painter, origin)
            return
        self._draw_in_reading_order(painter, line, origin)

    def _draw_in_reading_order(self, painter: QPainter, line: QTextLine, origin: QPointF) -> None:
        """The line's words (and runs of spaces) one after the other in logical order, each as its own text
        object. Text extractors that read the content stream in order (pypdf) reverse a run of right-to-left
        characters, expecting visual order inside it, so a word that is one right-to-left run of letters is drawn
        with its glyphs left to right; any other word (mixed scripts, digits, punctuation next to Hebrew) is drawn
        one character at a time in logical order. What is painted does not change (glyph runs carry their font;
        the colour of each character comes from `colors`)."""
        text = self.layout.text()
        first, count = self.units.to_chars(line.textStart(), line.textLength())
        for word in _WORDS.finditer(text, first, first + count):
            begin, length = self.units.to_units(word.start(), len(word.group()))
            runs = line.glyphRuns(begin, length, _GLYPHS)
            color = self.color_at(word.start())
            whole = (
                len(runs) == 1
                and (not runs[0].isRightToLeft() or all(is_rtl_char(ch) or _is_mark(ch) for ch in word.group()))
                and all(self.color_at(at) == color for at in range(word.start(), word.end()))
            )
            if whole or word.group().isspace():
                painter.setPen(QColor(color))
                for run in runs:
                    _draw_left_to_right(painter, origin, run)
                continue
            for at in range(word.start(), word.end()):
                begin, length = self.units.to_units(at, 1)
                painter.setPen(QColor(self.color_at(at)))
                for run in line.glyphRuns(begin, length, _GLYPHS):
                    _draw_left_to_right(painter, origin, run)

    def color_at(self, index: int) -> str:
        """The colour of the character at `index` (the last span that covers it wins)."""
        color = self.color
        for start, end, span_color in self.colors:
            if start <= index < end:
                color = span_color
        return color

    def draw_glyphs_at(self, painter: QPainter, index: int, left: float, y: float) -> None:
        """Draw line `index` so that its glyphs start at `left` (whatever the layout's alignment)."""
        offset = self.layout.lineAt(index).naturalTextRect().left()
        self.draw_line(painter, index, left - offset, y)

    def line_width(self, index: int) -> float:
        return self.layout.lineAt(index).naturalTextWidth()

    def natural_width(self) -> float:
        return max((self.line_width(i) for i in range(len(self.tops))), default=0.0)


class _Typesetter:
    def __init__(self, device: QPdfWriter, width: float, families: list[str], *, rtl: bool) -> None:
        self.device = device
        self.width = width
        self.families = families
        self.rtl = rtl
        self._fonts: dict[tuple[float, bool], QFont] = {}

    def font(self, style: _Style, *, bold: bool | None = None) -> QFont:
        weight = style.bold if bold is None else bold
        key = (style.size, weight)
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
        self._fonts[key] = font
        return font

    def alignment(self, align: Align) -> Qt.AlignmentFlag:
        if align == "center":
            return Qt.AlignmentFlag.AlignHCenter
        at_left = (align == "start") != self.rtl
        return Qt.AlignmentFlag.AlignLeft if at_left else Qt.AlignmentFlag.AlignRight

    def lines(
        self,
        text: str,
        style: _Style,
        width: float,
        *,
        bold_prefix: int = 0,
        spans: Sequence[tuple[int, int, _Style]] = (),
        align: Align = "start",
    ) -> _Lines:
        """`text` laid out in `width`; `bold_prefix` characters in bold, and each (start, length, style) of
        `spans` in that style's size, weight and colour."""
        font = self.font(style)
        layout = QTextLayout(text, font, self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        option.setAlignment(self.alignment(align))
        option.setTextDirection(Qt.LayoutDirection.RightToLeft if self.rtl else Qt.LayoutDirection.LeftToRight)
        layout.setTextOption(option)
        units = _Utf16(text)
        formats: list[QTextLayout.FormatRange] = []
        base = QTextLayout.FormatRange()
        base.start, base.length = 0, units.total
        base.format = QTextCharFormat()
        base.format.setForeground(QColor(style.color))
        formats.append(base)
        overrides = [(0, bold_prefix, replace(style, bold=True))] if bold_prefix else []
        for start, length, span_style in (*overrides, *spans):
            span = QTextLayout.FormatRange()
            span.start, span.length = units.to_units(start, length)
            span.format = QTextCharFormat()
            span.format.setFont(self.font(span_style))
            span.format.setForeground(QColor(span_style.color))
            formats.append(span)
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
        colors = tuple((start, start + length, span.color) for start, length, span in (*overrides, *spans))
        return _Lines(layout, style.color, width, tops, heights, ascent, units, self.rtl, colors)


# --------------------------------------------------------------------------------------------------- block -> rows
class _Composer:
    def __init__(self, ts: _Typesetter, doc: Document, theme: Theme) -> None:
        self.ts = ts
        self.doc = doc
        self.theme = theme
        self.styles = _Styles.of(theme)
        self.width = ts.width
        self.rtl = doc.rtl
        self.rows: list[_Row] = []
        self._pending_space = 0.0
        self.letter = doc.kind == ArtifactType.COVER_LETTER
        self.centered_header = theme.header_centered and doc.kind in _NAME_KINDS

    def box_x(self, offset: float, width: float) -> float:
        """The left edge of a box `width` wide that starts `offset` from the line's start (mirrored in RTL)."""
        return self.width - offset - width if self.rtl else offset

    def add(self, row: _Row, space_before: float = 0.0) -> None:
        row.space_before = space_before + self._pending_space
        self._pending_space = 0.0
        self.rows.append(row)

    def text_rows(
        self,
        lines: _Lines,
        offset: float = 0.0,
        *,
        kind: RowKind = "text",
        space_before: float = 0.0,
        keep_first: bool = False,
        prefix: DrawFn | None = None,
    ) -> None:
        """One row per line; orphan/widow control: the first and the second-to-last line keep with the next.
        `offset` is the indent from the line's start (the right margin in RTL)."""
        count = len(lines.tops)
        left = self.box_x(offset, lines.width)
        for i in range(count):

            def draw(p: QPainter, x: float, y: float, i: int = i) -> None:
                if i == 0 and prefix is not None:
                    prefix(p, x, y)
                lines.draw_line(p, i, x + left, y)

            keep = (i == 0 and (count > 1 or keep_first)) or (count > 2 and i == count - 2)
            row = _Row(lines.heights[i], draw, kind, lines.line_text(i), i, count, keep_with_next=keep)
            self.add(row, space_before if i == 0 else 0.0)

    # ---------------------------------------------------------------------------- blocks
    def block(self, block: Block, previous: Block | None) -> None:
        if isinstance(block, Heading):
            self.heading(block)
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

    def heading(self, block: Heading) -> None:
        styles = self.styles
        if block.level == 1:
            named = self.doc.kind in _NAME_KINDS
            style = styles.name if named else styles.title
            align: Align = "center" if self.centered_header else "start"
            lines = self.ts.lines(block.text, style, self.width, align=align)
            self.text_rows(lines, kind="heading", keep_first=True)
            self.rows[-1].keep_with_next = True
            return
        if block.level == 2:
            lines = self.ts.lines(block.text, styles.section, self.width)
            gap_below = _pt(3.5)
            rule = _pt(self.theme.section_rule_width)
            color = QColor(f"#{self.theme.rule}")
            last = len(lines.tops) - 1

            def draw(p: QPainter, x: float, y: float, i: int) -> None:
                lines.draw_line(p, i, x, y)
                if i == last:  # a rule under the heading, the full width of the text
                    pen = QPen(color)
                    pen.setWidthF(rule)
                    p.setPen(pen)
                    bottom = y + lines.heights[i] + gap_below / 2
                    p.drawLine(QPointF(x, bottom), QPointF(x + self.width, bottom))

            space = _pt(self.theme.section_space_before)
            for i in range(last + 1):
                height = lines.heights[i] + (gap_below if i == last else 0.0)
                row_draw: DrawFn = functools.partial(draw, i=i)
                row = _Row(height, row_draw, kind="heading", text=lines.line_text(i), keep_with_next=True)
                self.add(row, space if i == 0 else 0.0)
            return
        lines = self.ts.lines(block.text, styles.subhead, self.width)
        self.text_rows(lines, kind="heading", space_before=_pt(10), keep_first=True)
        self.rows[-1].keep_with_next = True

    def paragraph(self, block: Paragraph, previous: Block | None) -> None:
        styles = self.styles
        style = {
            "body": styles.letter if self.letter else styles.body,
            "lead": styles.lead,
            "muted": styles.muted,
            "strong": styles.letter_strong if self.letter else styles.strong,
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
        elif self.letter and block.style == "body":
            space = _pt(9)
        else:
            space = _pt(5)
        self.text_rows(lines, kind="label" if label_only else "text", space_before=space, keep_first=label_only)
        if label_only:
            self.rows[-1].keep_with_next = True

    def bullets(self, items: Sequence[str], *, numbered: bool, space_before: float) -> None:
        indent = _pt(14)
        style = self.styles.body
        for n, item in enumerate(items, start=1):
            marker = f"{n}." if numbered else "•"
            if self.rtl:  # a drawn space: the marker is left of the text, and pypdf adds no space going left
                marker += " "
            lines = self.ts.lines(item, style, self.width - indent)
            mark = self.ts.lines(marker, style, indent)
            inset = _pt(1) if numbered else _pt(3)
            mark_left = self.width - inset - mark.line_width(0) if self.rtl else inset

            def prefix(p: QPainter, x: float, y: float, mark: _Lines = mark, left: float = mark_left) -> None:
                mark.draw_glyphs_at(p, 0, x + left, y)

            first = space_before if n == 1 else _pt(2)
            self.text_rows(lines, indent, kind="bullet", space_before=first, prefix=prefix)

    def key_value(self, block: KeyValue) -> None:
        # the trailing space is drawn: text extractors read "Role: Senior Backend Engineer", not "Role:Senior..."
        labelled = [(self.ts.lines(f"{k}: ", self.styles.strong, self.width), v) for k, v in block.rows]
        label_width = max((label.line_width(0) for label, _ in labelled), default=0.0)
        column = label_width + _pt(12)
        for n, (label, value) in enumerate(labelled):
            lines = self.ts.lines(value, self.styles.body, self.width - column)
            left = self.width - label.line_width(0) if self.rtl else 0.0

            def prefix(p: QPainter, x: float, y: float, label: _Lines = label, left: float = left) -> None:
                label.draw_glyphs_at(p, 0, x + left, y)

            self.text_rows(lines, column, space_before=_pt(8) if n == 0 else _pt(1), prefix=prefix)

    def contact(self, block: ContactLine) -> None:
        """Items packed greedily into lines, so a line never ends with a dangling separator. One colour for
        the whole line: every format change starts a new text object in the PDF."""
        style = self.styles.contact
        measure = QFontMetricsF(self.ts.font(style), self.ts.device)
        packed: list[str] = []
        for item in block.items:
            candidate = f"{packed[-1]}{CONTACT_SEPARATOR}{item}" if packed else item
            if packed and measure.horizontalAdvance(candidate) <= self.width:
                packed[-1] = candidate
            else:
                packed.append(item)
        align: Align = "center" if self.centered_header else "start"
        for n, text in enumerate(packed):
            lines = self.ts.lines(text, style, self.width, align=align)
            self.text_rows(lines, space_before=_pt(4) if n == 0 else 0.0)

    def entry(self, block: Entry, previous: Block | None) -> None:
        styles = self.styles
        head, spans = block.title, []
        if block.dates:
            head = f"{block.title}{ENTRY_SEPARATOR}{block.dates}"
            spans.append((len(block.title), len(head) - len(block.title), styles.dates))
        title = self.ts.lines(head, styles.entry_title, self.width, spans=spans)
        space = _pt(4) if isinstance(previous, Heading) else _pt(10)
        self.text_rows(title, kind="entry", space_before=space, keep_first=True)
        self.rows[-1].keep_with_next = True
        if block.subtitle:
            sub = self.ts.lines(block.subtitle, styles.entry_sub, self.width)
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
        offsets = [sum(widths[:c]) for c in range(columns)]
        lefts = [self.box_x(offsets[c], widths[c]) for c in range(columns)]
        pad_x, pad_y = _pt(4), _pt(3)
        fill, line_color = QColor(f"#{self.theme.table_fill}"), QColor(f"#{self.theme.table_line}")

        def make_row(cells: Sequence[str], head: bool) -> _Row:
            style = self.styles.table_head if head else self.styles.table
            laid = [
                self.ts.lines(cells[c] if c < len(cells) else "", style, widths[c] - 2 * pad_x) for c in range(columns)
            ]
            height = max(cell.height for cell in laid) + 2 * pad_y

            def draw(p: QPainter, x: float, y: float) -> None:
                if head:
                    p.fillRect(QRectF(x, y, self.width, height), fill)
                for c, cell in enumerate(laid):  # in reading order: first column first (the right one in RTL)
                    for i in range(len(cell.tops)):
                        cell.draw_line(p, i, x + lefts[c] + pad_x, y + pad_y + cell.tops[i])
                pen = QPen(line_color)
                pen.setWidthF(_pt(0.5))
                p.setPen(pen)
                p.drawLine(QPointF(x, y + height), QPointF(x + self.width, y + height))

            kind: RowKind = "table-header" if head else "table-row"
            return _Row(height, draw, kind=kind, text=" | ".join(cells), keep_with_next=head)

        self.add(make_row(block.header, head=True), _pt(6))
        for cells in block.rows:
            row = make_row(cells, head=False)
            row.header = make_row(block.header, head=True)
            self.add(row)


# --------------------------------------------------------------------------------------------------- pagination
def _paginate(rows: list[_Row], top: float, bottom: float) -> list[list[tuple[_Row, float]]]:
    """Place rows on pages. A row that keeps with the next starts a chain (it and every following row that keeps
    with the next, plus the first one that does not); if the chain does not fit below, the row moves to the next
    page, unless the chain is taller than a page."""
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
@dataclass
class _Plan:
    """A document laid out on pages of a writer (which must outlive the plan's layouts)."""

    writer: QPdfWriter
    buffer: QBuffer
    typesetter: _Typesetter
    pages: list[list[tuple[_Row, float]]]
    x0: float
    width: float
    y_end: float
    keep: list[object] = field(default_factory=list)


def _plan(doc: Document, page_size: PageSizeName, template: str | None) -> _Plan:
    ensure_gui_application()
    families = font_families()
    if page_size not in PAGE_SIZES:
        raise BadInputError(f"Unknown page size {page_size!r}: choose A4 or Letter.")
    theme = theme_for(template)
    geometry = GEOMETRY[page_size]
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(_PAGE_SIZES[page_size]),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    page_rect = writer.pageLayout().fullRectPixels(_DPI)
    mm = _DPI / 25.4
    x0, y0 = geometry.side * mm, geometry.top * mm
    width = page_rect.width() - 2 * geometry.side * mm
    y_end = page_rect.height() - geometry.bottom * mm
    footer_space = _pt(14)

    ts = _Typesetter(writer, width, families, rtl=doc.rtl)
    composer = _Composer(ts, doc, theme)
    previous: Block | None = None
    for block in doc.blocks:
        composer.block(block, previous)
        if not isinstance(block, Spacer):
            previous = block
    pages = _paginate(composer.rows, y0, y_end - footer_space)
    return _Plan(writer, buffer, ts, pages, x0, width, y_end, [composer])


def layout_pages(doc: Document, *, page_size: PageSizeName = "A4", template: str | None = None) -> list[list[PageRow]]:
    """The page plan of `doc` as the PDF writer would print it: per page, its rows (kind and text). Nothing is
    painted, so this is also the cheap way to count a document's pages (`count_pages`)."""
    plan = _plan(doc, page_size, template)
    try:
        return [[PageRow(row.kind, row.text, row.line, row.lines) for row, _ in page] for page in plan.pages]
    finally:
        plan.buffer.close()


def count_pages(doc: Document, *, page_size: PageSizeName = "A4", template: str | None = None) -> int:
    return len(layout_pages(doc, page_size=page_size, template=template))


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


def render_pdf(doc: Document, *, page_size: PageSizeName = "A4", template: str | None = None) -> RenderedPdf:
    """The PDF for `doc` (text layer already repaired) and its page count."""
    plan = _plan(doc, page_size, template)
    writer = plan.writer
    writer.setTitle(doc.title)
    writer.setAuthor(doc.author)
    writer.setCreator("CareerVP Desktop")
    styles = _Styles.of(theme_for(template))
    painter = QPainter()
    if not painter.begin(writer):  # pragma: no cover - writing to memory does not fail
        raise BadInputError("Could not start the PDF writer; try again or export as DOCX.")
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for number, placed in enumerate(plan.pages, start=1):
            if number > 1:
                writer.newPage()
            for row, y in placed:
                row.draw(painter, plan.x0, y)
            if len(plan.pages) > 1:
                _draw_footer(plan, styles.footer, painter, doc, number)
    finally:
        painter.end()
    plan.buffer.close()
    data = bytes(QByteArray(plan.buffer.data()).data())
    return RenderedPdf(repair_text_layer(data), len(plan.pages))


def render_pdf_bytes(doc: Document, *, page_size: PageSizeName = "A4", template: str | None = None) -> bytes:
    """The PDF for `doc`, as bytes (text layer already repaired)."""
    return render_pdf(doc, page_size=page_size, template=template).data


def _draw_footer(plan: _Plan, style: _Style, p: QPainter, doc: Document, number: int) -> None:
    """A quiet footer: the document's name from page 2 on (at the start), "Page n of m" (at the end)."""
    ts, width, x = plan.typesetter, plan.width, plan.x0
    page_of = doc.labels.page_of.format(number=number, total=len(plan.pages))
    right = ts.lines(page_of, style, width)
    y = plan.y_end - right.heights[0]
    end_left = 0.0 if doc.rtl else width - right.line_width(0)
    if number > 1 and doc.footer:  # drawn first with a trailing space: extractors read "... — CV Page 2 of 3"
        left = ts.lines(f"{doc.footer} ", style, width - right.natural_width() - _pt(12))
        start_left = width - left.line_width(0) if doc.rtl else 0.0
        left.draw_glyphs_at(p, 0, x + start_left, y)
    right.draw_glyphs_at(p, 0, x + end_left, y)


def write_pdf(doc: Document, path: Path, *, page_size: PageSizeName = "A4", template: str | None = None) -> Path:
    """Write `doc` as a PDF to `path` (atomically) and return the path.

    Raises `BadInputError` with a one-line message when the file cannot be written.
    """
    data = render_pdf_bytes(doc, page_size=page_size, template=template)
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
