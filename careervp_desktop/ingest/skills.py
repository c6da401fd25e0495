"""Skills and spoken-language lists → single items.

Splits comma/semicolon/pipe/bullet lists and "Python and Go" / "Docker & Kubernetes"; keeps slash pairs
("HTML/CSS", "CI/CD") and parenthesised qualifiers ("Angular (versions 2+)"); drops category labels
("Languages: Python, Go" gives Python and Go).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SEP_RE = re.compile(r"\s*[,;|•·▪◦●]\s*|\s{3,}|\s+[-–—]\s+")
_AND_RE = re.compile(r"\s+(?:and|&|und|et|y|и|ו)\s+", re.IGNORECASE)
_CATEGORY_RE = re.compile(r"^\s*([^:：]{1,40})[:：]\s*(.*)$")
_ETC_RE = re.compile(r"(?:,?\s*(?:etc|usw|и др|и т\.\s*д)\.?)$", re.IGNORECASE)


def _split_outside_parens(text: str) -> list[str]:
    items: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}" and depth:
            depth -= 1
        elif depth == 0:
            m = _SEP_RE.match(text, i)
            if m and m.end() > i:
                items.append(text[start:i])
                start = i = m.end()
                continue
        i += 1
    items.append(text[start:])
    return items


def _split_and(item: str) -> list[str]:
    if "(" in item:
        return [item]
    pieces = _AND_RE.split(item)
    if len(pieces) > 1 and all(0 < len(p.split()) <= 3 for p in pieces):
        return pieces
    return [item]


def _clean(item: str) -> str:
    item = _ETC_RE.sub("", item.strip())
    item = item.strip(" .;:-–—*•\t")
    return re.sub(r"\s+", " ", item)


def split_skills(lines: Sequence[tuple[str, bool]]) -> list[str]:
    """Skill items from the lines of a skills section; `lines` are (text, is_bullet)."""
    # Join wrapped list lines: a line that does not end with a separator continues on the next one when the
    # block is a comma list; one-item-per-line blocks stay apart.
    comma_lines = sum(1 for text, _ in lines if re.search(r"[,;|]", text))
    listy = comma_lines >= max(1, len(lines) // 2)
    blocks: list[str] = []
    for text, is_bullet in lines:
        text = text.strip()
        if not text:
            continue
        cat = _CATEGORY_RE.match(text)
        starts_new = is_bullet or not blocks or bool(cat and len(cat.group(1).split()) <= 4)
        if not starts_new and listy and not re.search(r"[,;|]\s*$", blocks[-1]) and text[:1] not in ",;|":
            if re.search(r"[-\u00ad]$", blocks[-1]) and text[:1].islower():
                blocks[-1] = blocks[-1][:-1] + text
            else:
                blocks[-1] = f"{blocks[-1]} {text}"
        elif not starts_new and listy:
            blocks[-1] = f"{blocks[-1]} {text}"
        else:
            blocks.append(text)
    out: list[str] = []
    for block in blocks:
        cat = _CATEGORY_RE.match(block)
        if cat and len(cat.group(1).split()) <= 4 and cat.group(2).strip():
            block = cat.group(2)
        for piece in _split_outside_parens(block):
            for item in _split_and(piece):
                item = _clean(item)
                if item and len(item) <= 80 and re.search(r"\w", item):
                    out.append(item)
    return out


_LEVEL_RE = re.compile(
    r"\s*(?:\(.*?\)|[-–—:]\s*.*$|\b(?:native|fluent|bilingual|proficient|professional|working|basic|intermediate|"
    r"advanced|conversational|elementary|beginner|mother tongue|full|limited|upper|lower|"
    r"muttersprache|fließend|verhandlungssicher|grundkenntnisse|gut|sehr gut|"
    r"langue maternelle|courant|bilingue|notions|intermédiaire|"
    r"nativo|nativa|fluido|básico|intermedio|avanzado|"
    r"родной|свободно|свободный|базовый|средний|продвинутый|"
    r"שפת אם|שוטפת|טובה|בסיסית)\b.*$|\b[ABC][12]\b.*$)",
    re.IGNORECASE,
)


def split_languages(lines: Sequence[str]) -> list[str]:
    """Spoken languages without their level: "English (Native), German – B2" → English, German."""
    out: list[str] = []
    for line in lines:
        cat = _CATEGORY_RE.match(line)
        if cat and cat.group(2).strip() and len(cat.group(1).split()) <= 2 and not _LEVEL_RE.match(": " + cat.group(2)):
            pass
        for piece in re.split(r"\s*[,;|•·▪]\s*|\s{3,}", line):
            name = _LEVEL_RE.sub("", piece).strip(" .:-–")
            name = re.sub(r"\s+", " ", name)
            if name and len(name.split()) <= 3 and not re.search(r"\d", name):
                out.append(name)
    return out
