"""Reading exported files back the way an ATS would (pypdf, pdftotext, python-docx), and what they should say."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pypdf
from docx.oxml.ns import qn

from careervp_desktop.export.document import (
    CONTACT_SEPARATOR,
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

PDFTOTEXT = shutil.which("pdftotext")
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def normalise(text: str) -> str:
    """Whitespace (line breaks, tabs) collapsed to single spaces; the bidi embedding marks pdftotext adds around
    right-to-left lines removed; the " | " between contact items dropped (where the contact line wraps, the PDF
    starts a new line instead of drawing a separator). Nothing else: words, punctuation and order must match."""
    return " ".join(token for token in _BIDI_CONTROLS.sub("", text).split() if token != "|")


def pypdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def pdftotext(path: Path, *args: str) -> str:
    assert PDFTOTEXT is not None
    command = [PDFTOTEXT, "-enc", "UTF-8", *args, str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def docx_text(path: Path) -> str:
    """Body paragraphs and table cells in document order (python-docx's `paragraphs` skips tables)."""
    word = docx.Document(str(path))
    parts: list[str] = []
    for child in word.element.body.iterchildren():
        if child.tag == qn("w:p"):
            parts.append(_paragraph_text(child))
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                for cell in row.iter(qn("w:tc")):
                    parts.extend(_paragraph_text(p) for p in cell.iter(qn("w:p")))
    return "\n".join(parts)


def _paragraph_text(p: Any) -> str:
    """A paragraph's text with tabs and line breaks (python-docx's `Paragraph.text` does the same)."""
    out: list[str] = []
    for run in p.iter(qn("w:r")):
        for node in run:
            if node.tag == qn("w:t"):
                out.append(node.text or "")
            elif node.tag in (qn("w:tab"), qn("w:br")):
                out.append("\t" if node.tag == qn("w:tab") else "\n")
    return "".join(out)


def expected_text(doc: Document, fmt: str) -> str:
    """What a reader of the exported file should get, in order: every block's text; a PDF also shows list
    markers ("•", "1."), which a DOCX keeps in its list definition."""
    pdf = fmt == "pdf"
    parts: list[str] = []

    def items(values: tuple[str, ...], numbered: bool = False) -> None:
        for n, item in enumerate(values, start=1):
            parts.append(f"{n}. {item}" if numbered and pdf else f"• {item}" if pdf else item)

    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append(block.text)
        elif isinstance(block, Paragraph):
            parts.append(f"{block.label} {block.text}".strip() if block.label else block.text)
        elif isinstance(block, BulletList):
            items(block.items, block.numbered)
        elif isinstance(block, KeyValue):
            parts.extend(f"{k}: {v}" for k, v in block.rows)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                parts.extend(row)
        elif isinstance(block, ContactLine):
            parts.append(CONTACT_SEPARATOR.join(block.items))
        elif isinstance(block, Entry):
            parts.extend(p for p in (block.title, block.dates, block.subtitle) if p)
            items(block.bullets)
        else:
            assert isinstance(block, Spacer)
    return normalise("\n".join(parts))


def without_footers(text: str, doc: Document, pages: int) -> str:
    """The text with the continuation footers of a multi-page PDF removed ("Maya Lindqvist — CV Page 2 of 3")."""
    for number in range(pages, 0, -1):
        page_of = doc.labels.page_of.format(number=number, total=pages)
        text = text.replace(f"{doc.footer} {page_of}", " ").replace(page_of, " ")
    return text
