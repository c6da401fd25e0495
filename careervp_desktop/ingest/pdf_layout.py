"""Reading order from positions: find text columns on a PDF page and read each column top to bottom.

pypdf reads text in content-stream order. That is right for most CVs, but a generator that writes row by row
interleaves a sidebar with the main column, and a sidebar written first puts "Skills" before the name. Here the
text fragments of one page (with their positions, from pypdf's `visitor_text`) are grouped into visual lines
and cells; a page has columns when a vertical split leaves a run of lines (a *band*) with text on both sides
and no line crossing the split, and the two sides read as independent flows:

* their baselines do not line up (a sidebar set in another size or leading), or
* they line up but both sides carry section headings (two full columns of a CV).

A side made mostly of dates is a date gutter (or right-aligned dates), not a column: those rows stay lines.
Within a band the column that holds the page's largest text (the name) is read first, else the wider one
(the main column before a sidebar), so that the CV's header stays on top and every section stays whole.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from careervp_desktop.ingest.dates import find_date_ranges
from careervp_desktop.ingest.sections import heading_kind

_DEFAULT_EM = 0.5  # average glyph width in em when the font gives no widths
_COLUMN_GAP_EM = 2.5  # a horizontal jump of this many font sizes on one line separates cells ("   ")


@dataclass
class Fragment:
    """A piece of text as pypdf reports it: start position (page space), font size, estimated width."""

    x: float
    y: float
    size: float
    text: str
    width: float

    @property
    def end(self) -> float:
        return self.x + self.width


@dataclass
class _Cell:
    x: float
    end: float
    text: str


@dataclass
class _Line:
    y: float
    size: float
    frags: list[Fragment] = field(default_factory=list)
    cells: list[_Cell] = field(default_factory=list)

    def text(self) -> str:
        return "   ".join(c.text.strip() for c in self.cells if c.text.strip())


# --------------------------------------------------------------------------------------------------- widths
# Keyed by id(font), with the font itself kept in the entry: while an entry lives, its font cannot be freed and
# its address reused by another font (an id() key alone once handed one file's widths to a later file's font).
_WIDTH_CACHE: dict[int, tuple[Any, dict[int, float], float]] = {}


def font_widths(font: Any) -> tuple[dict[int, float], float]:
    """Glyph widths (em) by character code and the font's average width, for simple fonts with /Widths.
    Fonts without widths (standard 14, composite fonts) get the default average."""
    key = id(font)
    cached = _WIDTH_CACHE.get(key)
    if cached is not None and cached[0] is font:
        return cached[1], cached[2]
    table: dict[int, float] = {}
    avg = _DEFAULT_EM
    try:
        widths = font.get("/Widths") if font is not None else None
        if widths is not None:
            first = int(font.get("/FirstChar", 0))
            values = [float(w) / 1000 for w in widths.get_object()]
            table = {first + i: w for i, w in enumerate(values) if w > 0}
            letters = [w for c, w in table.items() if 97 <= c <= 122] or list(table.values())
            if letters:
                avg = min(max(sum(letters) / len(letters), 0.3), 0.8)
    except Exception:  # a broken font dictionary only costs us precise widths
        table = {}
    if len(_WIDTH_CACHE) > 256:
        _WIDTH_CACHE.clear()
    _WIDTH_CACHE[key] = (font, table, avg)
    return table, avg


_NARROW = set("ijlfrtI.,;:'!|()[]-/\u00b7\u2022")
_WIDE = set("mwMWOQGDCH@%")


def _generic_em(ch: str) -> float:
    """A glyph width (em) typical of Helvetica/Times-like fonts, for fonts that carry no widths."""
    if ch == " ":
        return 0.28
    if ch in _NARROW:
        return 0.3
    if ch in _WIDE:
        return 0.85
    if ch.isupper():
        return 0.68
    if ch.isdigit():
        return 0.55
    return 0.5


def text_width(text: str, size: float, font: Any) -> float:
    table, avg = font_widths(font)
    if not table:
        return sum(_generic_em(ch) for ch in text) * size
    return sum(table.get(ord(ch), avg) for ch in text) * size


# --------------------------------------------------------------------------------------------------- lines
def _lines(frags: list[Fragment]) -> list[_Line]:
    """Fragments → visual lines (top to bottom), fragments sorted left to right."""
    lines: list[_Line] = []
    for frag in sorted(frags, key=lambda f: (-f.y, f.x)):
        if not frag.text.strip():
            continue
        if lines and abs(lines[-1].y - frag.y) <= 0.45 * min(lines[-1].size, frag.size):
            lines[-1].frags.append(frag)
            lines[-1].size = max(lines[-1].size, frag.size)
        else:
            lines.append(_Line(frag.y, frag.size, [frag]))
    for line in lines:
        line.frags.sort(key=lambda f: f.x)
        line.cells = _cells(line.frags)
    return lines


def _cells(frags: list[Fragment]) -> list[_Cell]:
    """Fragments of one line (left to right) → cells, cut at wide horizontal gaps."""
    cells: list[_Cell] = []
    for frag in frags:
        cur = cells[-1] if cells else None
        if cur is not None and frag.x - cur.end <= _COLUMN_GAP_EM * max(frag.size, 4.0):
            glue = "" if cur.text.endswith(" ") or frag.text.startswith(" ") else " "
            if frag.x - cur.end < 0.1 * frag.size:
                glue = ""
            cur.text += glue + frag.text
            cur.end = max(cur.end, frag.end)
        else:
            cells.append(_Cell(frag.x, frag.end, frag.text))
    return cells


# --------------------------------------------------------------------------------------------------- columns
@dataclass
class _Band:
    start: int  # index of the first line
    stop: int  # index after the last line
    split: float


def _side_of(cell: _Cell | Fragment, split: float) -> str:
    if cell.end <= split + 0.15 * (cell.end - cell.x) + 2:
        return "left"
    if cell.x >= split - 3:
        return "right"
    return "cross"


def _is_datey(text: str) -> bool:
    t = text.strip()
    return bool(find_date_ranges(t)) or bool(re.match(r"^\W*\d", t))


@functools.lru_cache(maxsize=4096)
def _heading(text: str) -> bool:
    return heading_kind(text) is not None


def _side_texts(line: _Line, split: float) -> tuple[str, str]:
    left = [f for f in line.frags if _side_of(f, split) == "left"]
    right = [f for f in line.frags if _side_of(f, split) == "right"]
    return _join_cells(left), _join_cells(right)


def _join_cells(frags: list[Fragment]) -> str:
    return "   ".join(c.text.strip() for c in _cells(frags) if c.text.strip())


def _band_is_columns(lines: list[_Line], split: float) -> bool:
    left: list[str] = []
    right: list[str] = []
    paired = 0
    for line in lines:
        lt, rt = _side_texts(line, split)
        if lt:
            left.append(lt)
        if rt:
            right.append(rt)
        paired += bool(lt and rt)
    if len(left) < 3 or len(right) < 3:
        return False
    small = left if len(left) <= len(right) else right
    if sum(_is_datey(t) for t in small) >= 0.5 * len(small):
        return False  # a date gutter or right-aligned dates: rows, not columns
    if paired <= 0.34 * len(small):
        return True
    heads_left = any(_heading(t) for t in left)
    heads_right = any(_heading(t) for t in right)
    return heads_left and heads_right and len(small) >= 5


def _bands_for(lines: list[_Line], split: float) -> list[_Band]:
    bands: list[_Band] = []
    start = 0
    for i in range(len(lines) + 1):
        crossing = i == len(lines) or any(_side_of(f, split) == "cross" for f in lines[i].frags)
        if crossing:
            stop = i
            # a heading just above full-width text introduces that text: it is not part of a column
            while stop - start >= 4 and i < len(lines) and _heading(lines[stop - 1].text()):
                stop -= 1
            if stop - start >= 4 and _band_is_columns(lines[start:stop], split):
                bands.append(_Band(start, stop, split))
            start = i + 1
    return bands


def _find_bands(lines: list[_Line]) -> list[_Band]:
    cells = [f for line in lines for f in line.frags]
    if len(lines) < 6 or not cells:
        return []
    left = min(c.x for c in cells)
    right = max(c.end for c in cells)
    width = right - left
    if width < 150:
        return []
    starts: dict[int, int] = {}
    for c in cells:
        starts[round(c.x / 2)] = starts.get(round(c.x / 2), 0) + 1
    candidates = sorted(
        {
            k * 2.0
            for k, n in starts.items()
            if n + starts.get(k - 1, 0) + starts.get(k + 1, 0) >= 3
            and left + 0.12 * width <= k * 2 <= left + 0.88 * width
        }
    )
    best: list[_Band] = []
    best_lines = 0
    for split in candidates:
        bands = _bands_for(lines, split)
        covered = sum(b.stop - b.start for b in bands)
        if covered > best_lines:
            best, best_lines = bands, covered
    return best


def _side_text(line: _Line, split: float, side: str) -> str:
    lt, rt = _side_texts(line, split)
    return lt if side == "left" else rt


def reorder_columns(frags: list[Fragment]) -> str | None:
    """The page text read column by column, or None when the page has no columns (keep pypdf's order)."""
    lines = _lines(frags)
    bands = _find_bands(lines)
    if not bands:
        return None
    biggest = max(range(len(lines)), key=lambda i: lines[i].size)
    out: list[str] = []
    i = 0
    for band in bands:
        out.extend(line.text() for line in lines[i : band.start])
        members = lines[band.start : band.stop]
        cells = [f for line in members for f in line.frags]
        left_w = band.split - min(c.x for c in cells)
        right_w = max(c.end for c in cells) - band.split
        first = "left"
        if band.start <= biggest < band.stop and lines[biggest].size > 1.15 * _median_size(lines):
            big_sides = {_side_of(f, band.split) for f in lines[biggest].frags}
            first = "right" if big_sides == {"right"} else "left"
        elif right_w > 1.2 * left_w:
            first = "right"
        second = "right" if first == "left" else "left"
        for side in (first, second):
            out.extend(t for t in (_side_text(line, band.split, side) for line in members) if t)
        i = band.stop
    out.extend(line.text() for line in lines[i:])
    return "\n".join(out)


def _median_size(lines: list[_Line]) -> float:
    sizes = sorted(line.size for line in lines)
    return sizes[len(sizes) // 2]
