"""PDF → text with pypdf, one pass per page.

pypdf decides that a gap inside a `TJ` array is a word space only when it is at least 95 % of the font's space
width. Justified LaTeX output (and other typesetters) set word gaps much tighter, and pypdf then glues the
words together ("Ledservicemeshtechnology…"). We mark the in-between gaps (25–95 % of a space) with a
private-use character during the same extraction pass and decide per document afterwards: when such gaps are
common (justified text) they are word spaces, when they are rare they are kerning and vanish.
"""

from __future__ import annotations

import io
import re
import warnings
from typing import Any

from careervp_desktop.domain.errors import BadInputError, PasswordRequiredError
from careervp_desktop.ingest.pdf_layout import Fragment, reorder_columns, text_width

GAP_MARK = "\ue000"
_MIN_GAP = 0.25  # share of the space width below which a TJ offset is kerning


def _install_gap_marks() -> bool:
    """Teach pypdf's TJ handling to mark narrow word gaps. Returns False when pypdf changed and we cannot."""
    try:
        from pypdf._text_extraction._text_extractor import TextExtraction
    except ImportError:  # pragma: no cover - pypdf internals moved
        return False
    original = getattr(TextExtraction, "process_tj_offset", None)
    if original is None or getattr(original, "_careervp", False):  # pragma: no cover
        return original is not None

    def process_tj_offset(self: Any, offset: float, space_width: float) -> None:
        text = self.text or self.output
        full = space_width / 0.95 if space_width else 0.0
        if full and _MIN_GAP * full <= -offset < space_width and text and text[-1] not in " \n" + GAP_MARK:
            self.process_operation(b"Tj", [GAP_MARK])
        original(self, offset, space_width)

    process_tj_offset._careervp = True  # type: ignore[attr-defined]
    TextExtraction.process_tj_offset = process_tj_offset  # type: ignore[method-assign]
    return True


_GAP_MARKS_OK = _install_gap_marks()


def resolve_gap_marks(text: str) -> str:
    """Turn the narrow-gap marks into spaces (justified text) or nothing (kerning)."""
    marks = text.count(GAP_MARK)
    if not marks:
        return text
    spaces = text.count(" ")
    replacement = " " if marks >= max(20, 0.25 * spaces) else ""
    text = re.sub(f" ?{GAP_MARK}+ ?", lambda m: " " if " " in m.group() else replacement, text)
    return text


def extract_pdf_text(data: bytes, *, name: str, password: str | None, max_pages: int = 40) -> tuple[str, list[str]]:
    """Text of the first `max_pages` pages (pages joined by form feeds) and the URIs of their link
    annotations."""
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = _open_reader(data)
            if reader.is_encrypted:
                _decrypt(reader, name=name, password=password)
            pages = reader.pages
            n_pages = len(pages)
        except BadInputError:
            raise
        except DependencyError:
            raise BadInputError(
                f"{name} is encrypted with AES, which needs the 'cryptography' package: remove the password "
                "(print to PDF) or reinstall CareerVP."
            ) from None
        except (PdfReadError, PyPdfError, Exception):  # pypdf raises many types on damaged files
            raise BadInputError(f"{name} is damaged and cannot be read: export your CV again as PDF or DOCX.") from None
        if n_pages == 0:
            raise BadInputError(f"{name} has no pages (damaged PDF?): export your CV again as PDF or DOCX.")
        texts: list[str] = []
        links: list[str] = []
        failures = 0
        has_images = False
        for index in range(min(n_pages, max_pages)):
            try:
                page = pages[index]
                page_text = _page_text(page)
                if not page_text.strip() and not has_images:
                    has_images = _page_has_images(page)
            except FileNotDecryptedError:
                raise PasswordRequiredError(f"{name} is password-protected: enter its password.") from None
            except DependencyError:
                raise BadInputError(
                    f"{name} uses a PDF feature CareerVP cannot decode: export your CV again as PDF or DOCX."
                ) from None
            except Exception:  # a damaged page must not lose the others (pypdf raises many types here)
                failures += 1
                continue
            texts.append(page_text)
            links.extend(_page_links(page))
    if failures and not any(t.strip() for t in texts):
        raise BadInputError(f"{name} is damaged and no text could be read: export your CV again as PDF or DOCX.")
    # a CR inside a PDF string is a word processor's tab/space artefact, not a line break
    text = resolve_gap_marks("\n\f\n".join(texts)).replace("\r\n", "\n").replace("\r", " ")
    if len(re.sub(r"\W", "", text)) < 20:
        if has_images:
            raise BadInputError(
                f"{name} has no text layer (a scan or image): OCR is not supported; export a text PDF or DOCX."
            )
        raise BadInputError(f"{name} contains no readable text: export your CV again as a text PDF or DOCX.")
    return text, links


def _page_links(page: Any) -> list[str]:
    out: list[str] = []
    try:
        annots = page.get("/Annots")
        if annots is None:
            return out
        for ref in annots.get_object():
            annot = ref.get_object()
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            uri = action.get("/URI") if action is not None else None
            if isinstance(uri, str) and len(uri) < 500:
                out.append(uri)
    except Exception:  # broken annotations only cost us the links
        return out
    return out


def _page_text(page: Any) -> str:
    """pypdf's text of one page, with a wide gap (3 spaces) where the text jumps right on the same line
    (a right-aligned date, a location column). One extraction pass: positions come from `visitor_text`."""
    pieces: list[str] = []
    frags: list[Fragment] = []
    state = {"x": 0.0, "y": 0.0, "end": 0.0, "fs": 10.0}

    def visit(text: str, cm: Any, tm: Any, font: Any, font_size: float) -> None:
        if not text:
            return
        try:
            x = float(tm[4]) * float(cm[0]) + float(tm[5]) * float(cm[2]) + float(cm[4])
            y = float(tm[4]) * float(cm[1]) + float(tm[5]) * float(cm[3]) + float(cm[5])
            scale = abs(float(cm[3])) or 1.0
            fs = abs(float(font_size)) * (abs(float(tm[3])) or 1.0) * scale
            hscale = abs(float(tm[0]) * float(cm[0])) or scale
        except (TypeError, ValueError, IndexError):
            pieces.append(text)
            return
        for k, part in enumerate(text.split("\n")):
            clean = part
            if clean.replace(GAP_MARK, " ").strip():
                size = max(fs, 1.0)
                frags.append(
                    Fragment(
                        x, y - k * 1.2 * size, size, clean, text_width(clean, abs(float(font_size)), font) * hscale
                    )
                )
        if text.strip() and pieces and not pieces[-1].endswith("\n"):
            size = max(fs, 4.0)
            if abs(y - state["y"]) < size * 0.5 and x - state["end"] > 2.5 * size:
                text = "   " + text.lstrip()
        pieces.append(text)
        if text.strip():
            last = text.rsplit("\n", 1)[-1]
            state.update(x=x, y=y, fs=fs, end=x + len(last) * 0.5 * max(fs, 4.0))

    plain = page.extract_text(visitor_text=visit) or ""
    rebuilt = "".join(pieces)
    columns = reorder_columns(frags) if len(frags) < 20000 else None
    if columns is not None and len(re.sub(r"\s", "", columns)) >= 0.95 * len(re.sub(r"\s|" + GAP_MARK, "", plain)):
        return columns
    if len(re.sub(r"\s", "", rebuilt)) < 0.95 * len(re.sub(r"\s", "", plain)):
        return plain
    if rebuilt.count("\n") > 1.2 * plain.count("\n") + 3:
        return plain
    return rebuilt


def _open_reader(data: bytes) -> Any:
    """A non-strict reader; a truncated file (no trailer) is retried with a stub trailer so that pypdf
    rebuilds the cross-reference table from the objects that survived."""
    import pypdf

    try:
        return pypdf.PdfReader(io.BytesIO(data), strict=False)
    except Exception:
        if b"%%EOF" in data[-2048:]:
            raise
    reader = pypdf.PdfReader(io.BytesIO(data + b"\nstartxref\n0\n%%EOF\n"), strict=False)
    _ = len(reader.pages)
    return reader


def _decrypt(reader: Any, *, name: str, password: str | None) -> None:
    from pypdf import PasswordType
    from pypdf.constants import UserAccessPermissions

    result = reader.decrypt(password or "")
    if result == PasswordType.NOT_DECRYPTED and password is not None:
        raise PasswordRequiredError(f"Wrong password for {name}: enter the password that opens the PDF.")
    if result == PasswordType.NOT_DECRYPTED:
        raise PasswordRequiredError(f"{name} is password-protected: enter its password (CLI: --password).")
    if result == PasswordType.USER_PASSWORD:
        perms = reader.user_access_permissions
        if perms is not None and not (int(perms) & int(UserAccessPermissions.EXTRACT)):
            raise BadInputError(
                f"{name} forbids copying its text (its owner turned off extraction): export an unrestricted "
                "PDF or a DOCX, or give the owner password."
            )


def _page_has_images(page: Any) -> bool:
    try:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if resources is not None else None
        if xobjects is None:
            return False
        xobjects = xobjects.get_object()
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") in ("/Image", "/Form"):
                return True
    except Exception:  # a broken resource dictionary simply means "no images we can see"
        return False
    return False
