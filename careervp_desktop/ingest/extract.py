"""Files → text in reading order: .txt/.md, .pdf (pypdf) and .docx (python-docx + the raw WordprocessingML).

Every failure is a `BadInputError` (or `PasswordRequiredError`) with one line that says what is wrong and what
to do. Nothing else escapes `extract_text`.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.ingest import pdf_text

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DOCX_XML_BYTES = 50 * 1024 * 1024  # decompressed size cap (zip bombs)
MAX_PDF_PAGES = 40
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
SUPPORTED = ".pdf, .docx, .txt or .md"

# pypdf reports damaged files through logging; the user gets our one line instead of its noise.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


# --------------------------------------------------------------------------------------------------- entry
@dataclass(frozen=True)
class ExtractedDocument:
    """The text of a file in reading order (pages separated by form feeds) and the URLs it links to."""

    text: str
    links: tuple[str, ...] = ()


def extract_text(path: Path, *, password: str | None = None) -> str:
    """The text of a CV or job file in reading order, one visual line per line, pages separated by "\\f"."""
    return _extract(path, password=password).text


def extract_document(
    path: Path, *, password: str | None = None, timeout: float | None = None, isolate: bool | None = None
) -> ExtractedDocument:
    """`extract_text` plus the file's link targets. With `timeout` (seconds) reading stops with a
    `BadInputError` when it takes longer: in process under a watchdog for ordinary files, in a child process
    that is killed for files that look risky (see `sandbox`). `isolate` forces (True) or forbids (False) the
    child process."""
    if timeout is None:
        return _extract(path, password=password)
    from careervp_desktop.ingest.sandbox import run_with_timeout

    return run_with_timeout(path, password=password, timeout=timeout, isolate=isolate)


def _extract(path: Path, *, password: str | None = None, data: bytes | None = None) -> ExtractedDocument:
    if data is None:
        data = read_checked_bytes(path)
    links: list[str] = []
    kind = sniff(data)
    suffix = path.suffix.lower()
    name = path.name
    if suffix == ".doc" or (kind == "ole" and suffix != ".pdf"):
        raise BadInputError(f"{name} is a legacy Word .doc file: open it in Word and save it as DOCX or PDF.")
    if suffix == ".pdf":
        if kind != "pdf":
            raise BadInputError(f"{name} is not a PDF ({_describe(kind, data)}): export your CV as PDF or DOCX.")
        text, links = pdf_text.extract_pdf_text(data, name=name, password=password, max_pages=MAX_PDF_PAGES)
    elif suffix == ".docx":
        if kind not in ("zip", "zip-broken"):
            raise BadInputError(f"{name} is not a DOCX file ({_describe(kind, data)}): save it as DOCX or PDF.")
        text = extract_docx_text(data, name=name)
    elif suffix in TEXT_SUFFIXES:
        if kind not in ("text", "utf16"):
            raise BadInputError(f"{name} is not a text file ({_describe(kind, data)}): save it as plain text.")
        text = decode_text(data, name=name)
        if suffix in MARKDOWN_SUFFIXES:
            text = markdown_to_text(text)
    else:
        shown = suffix or "without an extension"
        raise BadInputError(f"{name}: files {shown} are not supported: use {SUPPORTED}.")
    text = normalize_text(text)
    if not text.strip():
        raise BadInputError(f"{name} contains no text: save it again as a text PDF, DOCX or TXT.")
    return ExtractedDocument(text=text, links=tuple(links))


def read_checked_bytes(path: Path) -> bytes:
    """The bytes of `path`, or a `BadInputError` for a missing, unreadable, empty or oversized file."""
    try:
        if not path.exists():
            raise BadInputError(f"{path} does not exist: check the path and try again.")
        if path.is_dir():
            raise BadInputError(f"{path} is a folder, not a file: choose a CV file ({SUPPORTED}).")
        size = path.stat().st_size
        if size == 0:
            raise BadInputError(f"{path.name} is empty (0 bytes): choose the file that holds your CV.")
        if size > MAX_FILE_BYTES:
            mb = size / (1024 * 1024)
            raise BadInputError(
                f"{path.name} is {mb:.1f} MB, over the 10 MB limit: export a smaller PDF or DOCX "
                "(without large images)."
            )
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise BadInputError(f"Cannot read {path.name} ({reason}): check the file's permissions.") from None


# --------------------------------------------------------------------------------------------------- sniffing
def sniff(data: bytes) -> str:
    """What the bytes are, from their magic numbers: pdf, zip, zip-broken, ole, exe, image, rtf, utf16, text,
    binary."""
    head = data[:8]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip" if b"PK\x05\x06" in data[-66000:] else "zip-broken"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF"):
        return "exe"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf16"
    sample = data[:4096]
    if b"\x00" in sample:
        return "binary"
    return "text"


def _describe(kind: str, data: bytes) -> str:
    if kind in ("zip", "zip-broken"):
        if b"mimetypeapplication/vnd.oasis.opendocument" in data[:200]:
            return "it is an OpenDocument file"
        if b"word/" in data[:4096] or b"[Content_Types].xml" in data[:200]:
            return "it is an Office file"
        return "it is a ZIP archive"
    return {
        "pdf": "it is a PDF",
        "ole": "it is a legacy Office file",
        "exe": "it is a program",
        "image": "it is an image",
        "rtf": "it is an RTF document",
        "utf16": "it is text",
        "text": "it is plain text",
    }.get(kind, "its content is binary")


# --------------------------------------------------------------------------------------------------- text files
def decode_text(data: bytes, *, name: str = "the file") -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise BadInputError(f"{name} is damaged UTF-16 text: save it again as UTF-8 text.") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# --------------------------------------------------------------------------------------------------- docx
def extract_docx_text(data: bytes, *, name: str = "the file") -> str:
    """Text of a DOCX in document order: body paragraphs, tables and text boxes; headers first, footers last.
    A damaged archive gives what can still be read from its intact parts."""
    try:
        parts = _docx_parts(data)
    except BadInputError:
        raise
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, zlib.error):
        parts = {}
    if "word/document.xml" not in parts:
        parts = _recover_zip_parts(data)
    body = parts.get("word/document.xml")
    if body is None:
        raise BadInputError(f"{name} is damaged or not a Word document: open it in Word and save it again as DOCX.")
    headers = [v for k, v in sorted(parts.items()) if re.fullmatch(r"word/header\d*\.xml", k)]
    footers = [v for k, v in sorted(parts.items()) if re.fullmatch(r"word/footer\d*\.xml", k)]
    lines: list[str] = []
    for xml in [*headers, body, *footers]:
        lines.extend(_wordml_lines(xml))
    # Headers repeat per section: keep the first of identical lines that come from headers/footers.
    return "\n".join(lines)


def _docx_parts(data: bytes) -> dict[str, bytes]:
    import docx  # python-docx validates the package (content types, main document part)
    from docx.opc.exceptions import PackageNotFoundError

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        if total > MAX_DOCX_XML_BYTES * 4 or len(infos) > 5000:
            raise BadInputError("The DOCX unpacks to an unreasonable size (a zip bomb?): save it again in Word.")
        wanted = [i for i in infos if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", i.filename)]
        parts: dict[str, bytes] = {}
        for info in wanted:
            parts[info.filename] = _read_capped(zf, info)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise BadInputError("The file is not a Word document: save your CV as DOCX or PDF.") from None
    except (KeyError, ValueError):  # python-docx is stricter than needed (e.g. an unusual main part name)
        pass
    except Exception:  # lxml syntax errors and friends: we still try our own reading of the parts
        pass
    return parts


def _read_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > MAX_DOCX_XML_BYTES:
        raise BadInputError("The DOCX unpacks to an unreasonable size (a zip bomb?): save it again in Word.")
    out = bytearray()
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 16):
            out += chunk
            if len(out) > MAX_DOCX_XML_BYTES:
                raise BadInputError("The DOCX unpacks to an unreasonable size (a zip bomb?): save it again in Word.")
    return bytes(out)


def _recover_zip_parts(data: bytes) -> dict[str, bytes]:
    """Walk the local file headers of a zip whose central directory is lost (a truncated download) and inflate
    the parts we need, as far as they go."""
    parts: dict[str, bytes] = {}
    pos = 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0 or pos + 30 > len(data):
            break
        (_, flags, method, _, _, _, csize, _, nlen, xlen) = struct.unpack("<HHHHHIIIHH", data[pos + 4 : pos + 30])
        fname = data[pos + 30 : pos + 30 + nlen].decode("utf-8", errors="replace")
        start = pos + 30 + nlen + xlen
        pos = start
        if not re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", fname):
            continue
        raw = data[start : start + csize] if csize and not flags & 0x08 else data[start:]
        try:
            if method == 8:
                d = zlib.decompressobj(-15)
                content = d.decompress(raw, MAX_DOCX_XML_BYTES)
            elif method == 0:
                content = raw[:MAX_DOCX_XML_BYTES]
            else:
                continue
        except zlib.error:
            continue
        parts[fname] = content
    return parts


def _wordml_lines(xml: bytes) -> list[str]:
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(recover=True, huge_tree=False, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return []
    lines: list[str] = []
    _walk(root, lines.append)
    return lines


def _walk(el: Any, emit: Callable[[str], None]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == f"{_MC}Fallback":
        return  # the VML copy of a text box we already read in mc:Choice
    if tag == f"{_W}p":
        boxes: list[Any] = []
        text = "".join(_paragraph_runs(el, boxes))
        ppr = el.find(f"{_W}pPr")
        if text.strip() and ppr is not None and ppr.find(f"{_W}numPr") is not None:
            text = "• " + text.lstrip()  # a Word list item: keep it recognisable as a bullet
        for box in boxes:
            _walk(box, emit)
        for line in text.split("\n"):
            emit(line)
        return
    if tag == f"{_W}tr":
        cells = [c for c in el if c.tag == f"{_W}tc"]
        cell_texts: list[list[str]] = []
        for cell in cells:
            buf: list[str] = []
            _walk_children(cell, buf.append)
            cell_texts.append([t for t in buf if t.strip()])
        if cell_texts and all(len(c) <= 1 for c in cell_texts):
            emit("\t".join(c[0] for c in cell_texts if c))
        else:
            for c in cell_texts:
                for t in c:
                    emit(t)
        return
    _walk_children(el, emit)


def _walk_children(el: Any, emit: Callable[[str], None]) -> None:
    for child in el:
        _walk(child, emit)


def _paragraph_runs(p: Any, boxes: list[Any]) -> Iterator[str]:
    """The characters of one paragraph; text boxes met on the way are collected into `boxes`."""
    stack = list(reversed(list(p)))
    while stack:
        el = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == f"{_W}t":
            yield el.text or ""
        elif tag == f"{_W}tab":
            yield "\t"
        elif tag in (f"{_W}br", f"{_W}cr"):
            yield "\n"
        elif tag == f"{_W}noBreakHyphen":
            yield "-"
        elif tag == f"{_W}sym":
            continue
        elif tag == f"{_W}txbxContent":
            boxes.append(el)
        elif tag == f"{_W}pPr" or tag == f"{_MC}Fallback" or tag in (f"{_W}delText", f"{_W}instrText"):
            continue
        else:
            stack.extend(reversed(list(el)))


# --------------------------------------------------------------------------------------------------- markdown
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)")
_MD_CODE = re.compile(r"`([^`\n]+)`")


def _md_link(match: re.Match[str]) -> str:
    label, url = match.group(1).strip(), match.group(2)
    bare = re.sub(r"^(https?://)?(www\.)?|^mailto:", "", url).rstrip("/")
    return label if not url or bare.lower() in label.lower() else f"{label} {bare}".strip()


def markdown_to_text(text: str) -> str:
    """Markdown → the plain text a reader sees: heading markers, emphasis, code ticks and rules dropped; a link
    keeps its label and, when the label does not show it, its address (contact links live there)."""
    lines = []
    for line in text.split("\n"):
        if _MD_RULE.match(line):
            lines.append("")
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _MD_LINK.sub(_md_link, line)
        line = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", line)
        line = _MD_CODE.sub(r"\1", line)
        lines.append(line)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------- cleanup
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"), None)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060"), None)


def normalize_text(text: str) -> str:
    """Clean extracted text: newlines unified, ligatures expanded, bidi and zero-width marks and private-use
    (icon font) glyphs dropped, tabs and odd spaces between words turned into spaces, trailing blanks gone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.translate(_BIDI).translate(_ZERO_WIDTH)
    for lig, repl in _LIGATURES.items():
        text = text.replace(lig, repl)
    out_lines = []
    for line in text.split("\n"):
        chars = []
        for ch in line:
            cat = unicodedata.category(ch)
            if cat == "Co" or (cat == "Cc" and ch not in "\t\f") or cat == "Zs":
                chars.append(" ")
            else:
                chars.append(ch)
        line = "".join(chars)
        # A run of blanks with tabs in it is a column gap when long, a word gap when short.
        line = re.sub(r"[ \t]*\t[ \t]*", lambda m: "   " if len(m.group()) >= 6 else " ", line)
        # a page break ("\f" on a line of its own) must survive: the parser finds running headers by page
        out_lines.append("\f" if "\f" in line and not line.strip() else line.rstrip())
    return "\n".join(out_lines).strip("\n")
