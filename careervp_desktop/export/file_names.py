"""File names for exported documents: `First_Last_CV_Company.docx`, safe on Windows, macOS and Linux.

The rule (`safe_part`, `export_file_name`):
- Text is NFKC-normalised (full-width letters and ligature characters become plain ones). Letters and digits of
  every script are kept as they are: "Zoë_Ångström_CV_Café.pdf", "נועה_כהן_CV.pdf" (every current file system,
  mail client and upload form handles Unicode names). With `ascii_only=True` names are transliterated instead
  (ß -> ss, Ø -> O, é -> e; letters with no Latin spelling, such as Hebrew, are dropped).
- Apostrophes and quotes are dropped ("O'Brien" -> "OBrien"); every other character (spaces, dots, `<>:"/\\|?*`,
  control and formatting characters such as bidi marks, emoji) separates words, and words are joined with "_".
  Hyphens inside words stay ("Anna-Lena").
- No name starts or ends with "_", "-", "." or a space, so Windows' trailing-dot/space rule never bites.
- The name and the company are cut to `MAX_PART_CHARS` characters each (at a word end where possible), and the
  stem to at most `MAX_STEM_CHARS` characters and `MAX_STEM_BYTES` UTF-8 bytes (file systems count bytes; a
  Hebrew letter is two), trimmed from the company first, then the name; the document label is never cut.
- A stem that is a reserved device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9, also with an extension)
  gets a trailing "_".
- Missing parts are left out: "CV_Acme.pdf" without a name, "Maya_Lindqvist_CV.pdf" without a company.
"""

from __future__ import annotations

import re
import unicodedata

from careervp_desktop.domain.models import ArtifactType

MAX_STEM_CHARS = 80
MAX_STEM_BYTES = 160
MAX_PART_CHARS = 32  # the name and the company each; longer ones are cut at a word end where possible

DOCUMENT_LABELS: dict[ArtifactType, str] = {
    ArtifactType.TAILORED_CV: "CV",
    ArtifactType.COVER_LETTER: "Cover_Letter",
    ArtifactType.VPR: "VPR",
    ArtifactType.INTERVIEW_PREP: "Interview_Prep",
    ArtifactType.GAP_QUESTIONS: "Gap_Questions",
}

_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)
_DROPPED = frozenset("'’‘`´\"“”„«»")
_TRANSLITERATE = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i", "ħ": "h", "Ħ": "H",
}  # fmt: skip
_SEPARATORS = re.compile(r"[_\s]+")


def transliterate(text: str) -> str:
    """ASCII spelling of Latin-script text: accents removed, ß -> ss, Ø -> O; other scripts are dropped."""
    spelled = "".join(_TRANSLITERATE.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", spelled)
    return "".join(ch for ch in decomposed if ord(ch) < 128)


def _is_kept(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] in "LM" or category == "Nd" or ch == "-"


def safe_part(text: str | None, *, ascii_only: bool = False) -> str:
    """One part of a file name: words joined by "_", nothing a file system or mail client chokes on."""
    normalised = unicodedata.normalize("NFKC", text or "")
    if ascii_only:
        normalised = transliterate(normalised)
    chars = ("" if ch in _DROPPED else ch if _is_kept(ch) else "_" for ch in normalised)
    joined = _SEPARATORS.sub("_", "".join(chars))
    words = [w.strip("-") for w in joined.split("_")]
    return "_".join(w for w in words if w)


def _fits(stem: str) -> bool:
    return len(stem) <= MAX_STEM_CHARS and len(stem.encode("utf-8")) <= MAX_STEM_BYTES


def _join_trimmed(parts: list[str], trim_order: list[int]) -> str:
    """`parts` joined with "_", shortening the parts at `trim_order` (one after the other, a character at a time)
    until the stem fits."""
    parts = [p[:MAX_STEM_CHARS] for p in parts]
    for index in trim_order:
        while not _fits("_".join(p for p in parts if p)) and parts[index]:
            parts[index] = parts[index][:-1].rstrip("_-")
    return "_".join(p for p in parts if p)


def _cap(part: str, limit: int = MAX_PART_CHARS) -> str:
    if len(part) <= limit:
        return part
    cut = part[:limit]
    if "_" in cut and cut.rindex("_") >= limit // 2:
        cut = cut[: cut.rindex("_")]
    return cut.rstrip("_-")


def not_reserved(stem: str) -> str:
    """`stem` with "_" appended if Windows reserves it as a device name ("CON", "nul.txt", "COM1")."""
    base = stem.split(".")[0].rstrip(" ").upper()
    return f"{stem}_" if base in _RESERVED else stem


def safe_file_stem(*parts: str | None, ascii_only: bool = False, fallback: str = "document") -> str:
    """Parts made safe and joined with "_"; the last parts are trimmed first when the result is too long."""
    cleaned = [safe_part(x, ascii_only=ascii_only) for x in parts]
    stem = _join_trimmed(cleaned, list(reversed(range(len(cleaned)))))
    return not_reserved(stem or fallback)


def export_file_stem(
    artifact_type: ArtifactType, full_name: str | None, company: str | None, *, ascii_only: bool = False
) -> str:
    """`First_Last_CV_Company`: when too long, the company is trimmed first, then the name; the document label
    always stays whole."""
    name = _cap(safe_part(full_name, ascii_only=ascii_only))
    firm = _cap(safe_part(company, ascii_only=ascii_only))
    return not_reserved(_join_trimmed([name, DOCUMENT_LABELS[artifact_type], firm], [2, 0]))


def export_file_name(
    artifact_type: ArtifactType,
    full_name: str | None,
    company: str | None,
    extension: str,
    *,
    ascii_only: bool = False,
) -> str:
    """`First_Last_CV_Company.docx` (see the module docstring for the rule)."""
    ext = safe_part(extension.lstrip("."), ascii_only=True).lower() or "bin"
    return f"{export_file_stem(artifact_type, full_name, company, ascii_only=ascii_only)}.{ext}"


def package_folder_name(full_name: str | None, company: str | None, *, ascii_only: bool = False) -> str:
    """A folder for one application's documents: `First_Last_Company` (or `Application` when both are empty)."""
    return safe_file_stem(full_name, company, ascii_only=ascii_only, fallback="Application")
