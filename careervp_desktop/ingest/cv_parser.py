"""CV text → `MasterCV`. A pure function of the text: general rules about layout, no per-document tricks.

Steps: clean the lines (page numbers, repeated headers/footers, bullets), cut them into sections by heading,
read the header block (name, contact), then each section with its own reader. Experience and education entries
are anchored on their date lines; the lines around a date line are the entry's header (title, employer, place)
and what follows is its body (bullets or a description paragraph).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from careervp_desktop.domain.models import Certification, EducationEntry, ExperienceEntry, MasterCV
from careervp_desktop.ingest import sections as sec
from careervp_desktop.ingest import vocab
from careervp_desktop.ingest.contact import extract_contact, looks_like_contact
from careervp_desktop.ingest.dates import DateSpan, find_date_ranges
from careervp_desktop.ingest.language import detect_language
from careervp_desktop.ingest.package import strip_cover_letter
from careervp_desktop.ingest.skills import split_languages, split_skills

BULLETS = "•·▪◦●○■□►▶➢➤✓✔✗❖♦◆‣⁃∙*-–—\ufffd➔→⇒»>"
_BULLET_RE = re.compile(rf"^\s*([{re.escape(BULLETS)}])\s*(?=\S)")
_GAP_RE = re.compile(r"\s{3,}")
_PAGE_NO_RE = re.compile(
    r"^\s*(?:(?:page|seite|стр\.?|страница|עמוד|página|pagina)\s*)?[-–(]?\s*\d{1,3}\s*(?:(?:/|of|von|de|из|מתוך)\s*\d{1,3})?\s*[-–)]?\s*$",
    re.IGNORECASE,
)
_NAME_PAGE_RE = re.compile(r"^.{2,60}?\s[-–—|·]\s*(?:page\s*)?\d{1,2}\s*(?:/|of)\s*\d{1,2}\s*$", re.IGNORECASE)


@dataclass
class Line:
    text: str
    bullet: str | None = None

    @property
    def is_bullet(self) -> bool:
        return self.bullet is not None


@dataclass
class Section:
    kind: str
    heading: str
    lines: list[Line] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------- entry
def parse_cv_text(text: str, *, links: Sequence[str] = ()) -> MasterCV:
    """Parse CV text (as `extract_text` gives it) into a `MasterCV`. `links` are URLs found in the file
    (PDF link annotations); they only fill contact fields the text leaves empty."""
    lines = _clean_lines(strip_cover_letter(text))
    header, sections = _split_sections(lines)
    flat_text = "\n".join(line.text for line in lines)
    language = detect_language(flat_text)

    contact_lines = [ln.text for ln in header]
    for s in sections:
        if s.kind == sec.CONTACT:
            contact_lines.extend(ln.text for ln in s.lines)
    contact = extract_contact(contact_lines, flat_text, links)
    name = _find_name(header, lines)

    summary_parts: list[str] = []
    experience: list[ExperienceEntry] = []
    education: list[EducationEntry] = []
    skills: list[str] = []
    certifications: list[Certification] = []
    languages: list[str] = []
    width = _full_width(lines)
    for s in sections:
        if s.kind == sec.SUMMARY:
            summary_parts.append(_join_paragraph([ln.text for ln in s.lines]))
        elif s.kind == sec.EXPERIENCE:
            experience.extend(_parse_experience(s.lines, width))
        elif s.kind == sec.EDUCATION:
            education.extend(_parse_education(s.lines, width))
        elif s.kind == sec.SKILLS:
            skills.extend(split_skills([(ln.text, ln.is_bullet) for ln in s.lines]))
        elif s.kind == sec.CERTIFICATIONS:
            certifications.extend(_parse_certifications(s.lines))
        elif s.kind == sec.LANGUAGES:
            languages.extend(split_languages([ln.text for ln in s.lines]))
    summary = " ".join(p for p in summary_parts if p).strip() or None
    return MasterCV(
        full_name=name,
        contact_info=contact,
        professional_summary=summary,
        experience=experience,
        education=education,
        skills=_dedupe(skills),
        certifications=certifications,
        languages=_dedupe(languages),
        language=language,
    )


# --------------------------------------------------------------------------------------------------- lines
def _clean_lines(text: str) -> list[Line]:
    text = unicodedata.normalize("NFC", text)
    pages = text.split("\f")
    repeated = _repeated_page_lines(pages)
    out: list[Line] = []
    for number, page in enumerate(pages, start=1):
        page_lines = [ln for ln in page.split("\n") if ln.strip()]
        if len(pages) > 1 and page_lines:
            last = page_lines[-1].strip()
            # a running footer that ends with the page number ("Jane Doe · CV 2", "… 2/3")
            if len(last) < 100 and re.search(rf"(?<![\d.,]){number}\s*(?:/\s*\d{{1,2}})?$", last):
                page_lines.pop()
        for raw in page_lines:
            stripped = raw.strip()
            if not stripped:
                continue
            if _PAGE_NO_RE.match(stripped) or _NAME_PAGE_RE.match(stripped):
                continue
            if _squash(stripped) in repeated:
                continue
            line = raw.rstrip()
            m = _BULLET_RE.match(line)
            bullet = None
            if m:
                ch = m.group(1)
                rest = line[m.end() :]
                # "- 2019" or "-Present" are not bullets; a dash needs a space after it to be one
                if ch in "-–—*>" and not line[m.end() - 1].isspace() and not line[m.start(1) + 1 :].startswith(" "):
                    bullet = None
                else:
                    bullet = ch
                    line = rest
            out.append(Line(text=line.strip(), bullet=bullet))
    return _merge_split_dates(out)


def _squash(s: str) -> str:
    return re.sub(r"\W+", "", s).casefold()


def _repeated_page_lines(pages: list[str]) -> set[str]:
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [ln.strip() for ln in page.split("\n") if ln.strip()]
        edge = {_squash(x) for x in lines[:2] + lines[-2:] if len(_squash(x)) >= 4}
        counts.update(edge)
    return {k for k, n in counts.items() if n >= 2 and n >= len(pages) - 1}


def _merge_split_dates(lines: list[Line]) -> list[Line]:
    """ "2017 –" + "Present" (a date gutter that wrapped) → one line."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        cur = lines[i]
        if (
            i + 1 < len(lines)
            and re.search(r"(?:\d{4}|\w)\s*[-–—]\s*$", cur.text)
            and find_date_ranges(cur.text)
            and not lines[i + 1].is_bullet
        ):
            nxt = lines[i + 1]
            joined = f"{cur.text} {nxt.text}"
            spans = find_date_ranges(joined)
            if any(s.is_range and s.begin < len(cur.text) < s.stop for s in spans):
                out.append(Line(joined, cur.bullet))
                i += 2
                continue
        out.append(cur)
        i += 1
    return out


def _full_width(lines: list[Line]) -> int:
    lengths = sorted(len(ln.text) for ln in lines)
    if not lengths:
        return 80
    return max(lengths[int(0.9 * (len(lengths) - 1))], 20)


# --------------------------------------------------------------------------------------------------- sections
def _split_sections(lines: list[Line]) -> tuple[list[Line], list[Section]]:
    header: list[Line] = []
    sections: list[Section] = []
    current: Section | None = None
    for line in lines:
        kind = None if line.bullet is not None and line.bullet != "\ufffd" else sec.heading_kind(line.text)
        if kind is None and line.is_bullet and len(line.text) < 40:
            kind = sec.heading_kind(line.text)  # icon glyph before a heading (DOCX text boxes)
        if kind is not None:
            current = Section(kind, line.text)
            sections.append(current)
            continue
        inline = sec.inline_heading(line.text)
        if inline and (current is None or current.kind != sec.SKILLS) and not line.is_bullet:
            kind, rest = inline
            if kind in (sec.SKILLS, sec.LANGUAGES, sec.CERTIFICATIONS, sec.SUMMARY):
                current = Section(kind, line.text)
                sections.append(current)
                current.lines.append(Line(rest))
                continue
        if current is None:
            header.append(line)
        else:
            current.lines.append(line)
    return header, sections


# --------------------------------------------------------------------------------------------------- name
_NOT_NAME = re.compile(
    r"curriculum|vitae|resume|résumé|lebenslauf|^cv$|резюме|קורות|updated|aktualisiert|page|seite", re.IGNORECASE
)


def _find_name(header: list[Line], lines: list[Line]) -> str | None:
    candidates = header[:8] if header else lines[:5]
    for line in candidates:
        for part in _GAP_RE.split(line.text):
            name = _as_name(part)
            if name:
                return name
    return None


_NAME_PARTICLES = ("van", "von", "de", "der", "da", "di", "del", "la", "le", "bin", "ibn", "al")


def _as_name(text: str) -> str | None:
    text = re.sub(r"^(?:name|nom|nombre|имя|שם)\s*[:：]\s*", "", text.strip(), flags=re.IGNORECASE)
    text = text.strip(" ,|·•")
    if not text or _NOT_NAME.search(text) or looks_like_contact(text) or find_date_ranges(text):
        return None
    if re.search(r"[\d@/\\|:;!?()\[\]{}]", text):
        return None
    words = text.split()
    if not 1 < len(words) <= 5:
        return None
    for w in words:
        letters = [c for c in w if c.isalpha()]
        if not letters:
            return None
        first = letters[0]
        cased = first.lower() != first.upper()
        if cased and not first.isupper() and w.lower() not in _NAME_PARTICLES:
            return None
    if vocab.role_score(text) and len(words) > 2:
        return None
    return " ".join(words)


# --------------------------------------------------------------------------------------------------- paragraphs
def _join_paragraph(parts: Iterable[str]) -> str:
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not out:
            out = part
        elif re.search(r"\w[-\u00ad]$", out) and part[:1].islower():
            out = out[:-1] + part
        else:
            out = f"{out} {part}"
    return re.sub(r"\s{2,}", " ", out)


def _body_items(body: list[Line], width: int) -> list[str]:
    """Bullets (and description paragraphs) of an entry, wrapped lines re-joined."""
    items: list[list[str]] = []
    prev: Line | None = None
    for line in body:
        if line.is_bullet or not items:
            items.append([line.text])
        elif prev is not None and _continues(prev, line, width, any(b.is_bullet for b in body)):
            items[-1].append(line.text)
        else:
            items.append([line.text])
        prev = line
    return [_join_paragraph(parts) for parts in items if any(p.strip() for p in parts)]


def _continues(prev: Line, line: Line, width: int, bulleted: bool) -> bool:
    text = line.text
    if text[:1].islower() or re.search(r"[-\u00ad,&/(]$", prev.text):
        return True
    if re.search(r"[.!?;:]$", prev.text):
        return False
    if width <= 140 and len(prev.text) >= 0.7 * width:
        return True
    return bulleted and width <= 140


# --------------------------------------------------------------------------------------------------- entries
@dataclass
class _Item:
    line: Line
    date: DateSpan | None


def _entry_date(line: Line, width: int) -> DateSpan | None:
    if (line.bullet is not None and line.bullet not in "•▪●■◆❖") or len(line.text) > max(width * 1.1, 90):
        return None
    spans = find_date_ranges(line.text)
    if not spans:
        return None
    spans = [s for s in spans if not _parenthetical(line.text, s)]
    if not spans:
        return None
    ranges = [s for s in spans if s.is_range]
    if ranges:
        return ranges[-1]
    span = spans[-1]
    rest = (line.text[: span.begin] + line.text[span.stop :]).strip(" ,|–-")
    at_edge = span.stop >= len(line.text.rstrip()) - 1 or span.begin <= 1
    if span.season or (at_edge and len(rest) < 70):
        return span
    return None


def _parenthetical(text: str, span: DateSpan) -> bool:
    """A date in parentheses after a few words ("Teaching Assistant for Web Programming (2022 - 2023)",
    "Siebel Scholar (Class of 2022)") dates a detail of the entry, not the entry itself."""
    open_at = text.rfind("(", 0, span.begin + 1)
    if open_at < 0 or ")" in text[open_at : span.begin]:
        return False
    return len(text[:open_at].split()) >= 3


def _split_entries(lines: list[Line], width: int) -> list[list[_Item]]:
    items = [_Item(ln, _entry_date(ln, width)) for ln in lines]
    # A bulleted line is a header line only when entries use that bullet and bodies another one.
    anchors = [i for i, it in enumerate(items) if it.date is not None]
    if not anchors:
        return [items] if items else []
    first = anchors[0]
    pre = items[:first]
    body_bullets = Counter(it.line.bullet for it in items if it.line.is_bullet and it.date is None)
    main_bullet = body_bullets.most_common(1)[0][0] if body_bullets else None
    groups: list[list[_Item]] = []
    if any(it.line.is_bullet and it.line.bullet == main_bullet for it in pre) or len(pre) > 4:
        # dates trail each entry (a right column read after the bullets)
        start = 0
        for a in anchors:
            end = a + 1
            while end < len(items) and _is_meta(items[end].line.text):
                end += 1
            if end > start:
                groups.append(items[start:end])
            start = end
        if start < len(items):
            if groups:
                groups[-1].extend(items[start:])
            else:
                groups.append(items[start:])
        return groups
    k = len(pre)
    shape = [it.line.bullet for it in pre]
    starts = [0]
    for a in anchors[1:]:
        s = a
        back = 0
        while back < k and s - 1 > starts[-1] and items[s - 1].date is None:
            cand = items[s - 1].line
            if cand.bullet != shape[k - 1 - back] or (len(cand.text) > 0.8 * width and width > 40):
                break
            if cand.text.endswith(".") and len(cand.text) > 40:
                break
            s -= 1
            back += 1
        if back == 0 and k > 0:
            # the date line has no header above it: maybe a lone heading-like line precedes it anyway
            pass
        if s > starts[-1]:
            starts.append(s)
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(items)
        groups.append(items[s:e])
    return groups


_META_RE = re.compile(
    r"^(?:\d+\s*(?:years?|yrs?|months?|mos?|jahre?|monate?|ans?|mois|años?|meses?|лет|года?|месяц\w*|שנים|חודשים)"
    r"(?:\s*(?:and|,)?\s*\d+\s*\w+)?)$",
    re.IGNORECASE,
)


def _is_meta(text: str) -> bool:
    t = text.strip()
    if _META_RE.match(t):
        return True
    return bool(find_date_ranges(t)) and len(t) < 30


def _header_and_body(group: list[_Item], width: int) -> tuple[list[str], DateSpan | None, list[Line]]:
    """Split an entry into header lines (date text cut out, columns kept apart), its date and body lines."""
    header: list[str] = []
    body: list[Line] = []
    date: DateSpan | None = None
    seen_body = False
    has_bullets = any(it.line.is_bullet and it.date is None for it in group)
    bullet_counts = Counter(it.line.bullet for it in group if it.line.is_bullet and it.date is None)
    main_bullet = bullet_counts.most_common(1)[0][0] if bullet_counts else None
    for idx, it in enumerate(group):
        line = it.line
        if it.date is not None and (date is None):
            date = it.date
            txt = line.text[: it.date.begin] + "   " + line.text[it.date.stop :]
            if txt.strip(" |,–-:"):
                header.append(txt)
            continue
        if it.date is not None and _is_meta(line.text):
            continue
        if line.is_bullet and (line.bullet == main_bullet or (not seen_body and idx > 0 and not header)):
            seen_body = True
            body.append(line)
            continue
        if not seen_body and line.is_bullet and line.bullet != main_bullet:
            header.append(line.text)
            continue
        if seen_body:
            if _is_meta(line.text):
                continue
            if has_bullets and _trailing_header(line.text) and idx >= len(group) - 3:
                header.append(line.text)  # right-column location/date read after the bullets
                continue
            body.append(line)
            continue
        # before any body: header-ish if short and not a sentence
        short = len(line.text) <= max(0.75 * width, 60) if width > 60 else True
        if (short and not re.search(r"[.!?]$", line.text)) or (len(header) < 1 and len(line.text) < 120):
            if not has_bullets and header and len(line.text) > 0.6 * width and width > 60:
                seen_body = True
                body.append(line)
            else:
                header.append(line.text)
        else:
            seen_body = True
            body.append(line)
    return header, date, body


def _trailing_header(text: str) -> bool:
    parts = [p.strip() for p in re.split(r",", text)]
    return len(text) < 40 and len(parts) >= 2 and vocab.is_region(parts[-1])


_SPLIT_RE = re.compile(r"\s{3,}|\s+[|•·▪]\s+|\s[-–—]\s|\t|\s+(?:at|@|bei|chez|en|в)\s+(?=[A-ZА-Я\u0590-\u05ff])|\|")


@dataclass
class _Part:
    text: str
    line: int
    sep_before: str  # "," | "-" | "gap" | "start"


def _parts(header: list[str]) -> list[_Part]:
    parts: list[_Part] = []
    for li, text in enumerate(header):
        pos = 0
        pieces: list[tuple[str, str]] = []
        for m in _SPLIT_RE.finditer(text):
            pieces.append(
                (text[pos : m.start()], "gap" if not pieces else _sep_kind(text[pos - 3 : pos] if pos else ""))
            )
            pieces.append(("", _sep_kind(m.group())))
            pos = m.end()
        pieces.append((text[pos:], "gap"))
        seps: list[str] = []
        chunks: list[str] = []
        last_sep = "start"
        for chunk, kind in pieces:
            if chunk == "":
                last_sep = kind
                continue
            chunks.append(chunk)
            seps.append(last_sep)
            last_sep = "gap"
        for chunk, sep in zip(chunks, seps, strict=True):
            sub = _comma_parts(chunk)
            for j, s in enumerate(sub):
                if s.strip(" ,;:|–-"):
                    parts.append(_Part(s.strip(" ,;:|–-"), li, sep if j == 0 else ","))
    return parts


def _sep_kind(sep: str) -> str:
    s = sep.strip()
    if s in ("-", "–", "—"):
        return "-"
    if s == "":
        return "gap"
    return "|"


def _comma_parts(text: str) -> list[str]:
    """Split on commas outside parentheses, keeping legal forms ("Acme, Inc.") with their company."""
    out: list[str] = []
    depth = 0
    cur = ""
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    merged: list[str] = []
    for piece in out:
        p = piece.strip()
        if merged and re.fullmatch(
            r"(?:inc|ltd|llc|llp|corp|co|gmbh|ag|plc|s\.?a|sas|sarl|kg|ug|jr|sr|ltd\.?\s*co)\.?", p, re.IGNORECASE
        ):
            merged[-1] = merged[-1] + "," + piece
        else:
            merged.append(piece)
    return merged


def _location_indices(parts: list[_Part]) -> list[int]:
    """Indices of the parts that make up a place: "City, ST", "City, Country", "Remote"."""
    found: list[int] = []
    for i, p in enumerate(parts):
        if vocab.is_region(p.text):
            found.append(i)
            if (i > 0 and parts[i - 1].sep_before != "start") or i > 0:
                j = i - 1
                if (
                    j >= 0
                    and j not in found
                    and parts[i].sep_before == ","
                    and parts[j].line == p.line
                    and not vocab.role_score(parts[j].text)
                    and not vocab.company_score(parts[j].text)
                    and len(parts[j].text.split()) <= 3
                ):
                    found.append(j)
        elif re.fullmatch(r"[A-Z][\w.\- ]+,\s*[A-Z][\w. ]+", p.text) and not vocab.role_score(p.text):
            found.append(i)
    # a right-hand column that reads "City, Region" with no title or employer words
    for i, p in enumerate(parts):
        if (
            i not in found
            and i > 0
            and p.sep_before in ("gap", "-")
            and i + 1 < len(parts)
            and parts[i + 1].sep_before == ","
            and parts[i + 1].line == p.line
            and not vocab.role_score(p.text + parts[i + 1].text)
            and not vocab.company_score(p.text + parts[i + 1].text)
            and len(p.text.split()) <= 3
            and len(parts[i + 1].text.split()) <= 3
            and i + 2 >= len(parts) | (parts[min(i + 2, len(parts) - 1)].line != p.line)
        ):
            found.extend([i, i + 1])
    return sorted(set(found))


def _pick(parts: list[_Part], used: set[int], score: object) -> int | None:
    best: tuple[float, int] | None = None
    for i, p in enumerate(parts):
        if i in used:
            continue
        s = score(p.text)  # type: ignore[operator]
        key = (s, -i)
        if s > 0 and (best is None or key > (best[0], -best[1])):
            best = (s, i)
    return best[1] if best else None


def _parse_experience(lines: list[Line], width: int) -> list[ExperienceEntry]:
    entries: list[ExperienceEntry] = []
    for group in _split_entries(lines, width):
        header, date, body = _header_and_body(group, width)
        if not header and date is None:
            if entries and body:
                entries[-1].achievements.extend(_body_items(body, width))
            continue
        parts = _parts(header)
        loc_idx = _location_indices(parts)
        used = set(loc_idx)
        location = ", ".join(parts[i].text for i in loc_idx) or None
        role_i = _pick(parts, used, lambda t: vocab.role_score(t) * 2 - vocab.company_score(t) + 0.5)
        if role_i is not None and vocab.role_score(parts[role_i].text) == 0:
            role_i = None
        if role_i is not None:
            used.add(role_i)
        comp_i = _pick(parts, used, lambda t: vocab.company_score(t) + 1)
        role = parts[role_i].text if role_i is not None else None
        company = parts[comp_i].text if comp_i is not None else None
        if role_i is None and comp_i is not None:
            rest = [i for i in range(len(parts)) if i not in used and i != comp_i]
            if rest:
                role = parts[rest[0]].text
                role_i = rest[0]
                used.add(rest[0])
        if comp_i is not None:
            used.add(comp_i)
        # "Director of IT – Hybrid Cloud": a dash-joined tail without employer words belongs to the title
        if role_i is not None:
            for i in range(role_i + 1, len(parts)):
                if i in used or parts[i].line != parts[role_i].line or parts[i].sep_before != "-":
                    break
                if vocab.company_score(parts[i].text):
                    break
                role = f"{role} – {parts[i].text}"
                used.add(i)
        entries.append(
            ExperienceEntry(
                company=company,
                role=role,
                location=location,
                start_date=date.start if date else None,
                end_date=date.end if date else None,
                dates_raw=date.raw if date else None,
                achievements=_body_items(body, width),
            )
        )
    return entries


# --------------------------------------------------------------------------------------------------- education
def _parse_education(lines: list[Line], width: int) -> list[EducationEntry]:
    groups = _split_entries(lines, width)
    if len(groups) == 1 and all(it.date is None for it in groups[0]):
        groups = _group_by_institution(groups[0])
    out: list[EducationEntry] = []
    for group in groups:
        header, date, body = _header_and_body(_unbullet_headers(group), width)
        # a long institution or degree line is still a header line (the layout rule takes it for a paragraph)
        if not any(vocab.institution_score(h) for h in header) or not any(vocab.degree_score(h) for h in header):
            header += [
                ln.text
                for ln in body
                if not ln.is_bullet
                and len(ln.text) <= 120
                and not re.search(r"[.!?]$", ln.text)
                and (vocab.institution_score(ln.text) or vocab.degree_score(ln.text))
            ]
        header = [_GRADE_RE.sub("", h) for h in header]
        parts = _parts(header)
        loc_idx = _location_indices(parts)
        used = set(loc_idx)
        inst_i = _pick(parts, used, lambda t: vocab.institution_score(t) * 2 - vocab.degree_score(t) + 0.5)
        if inst_i is not None and vocab.institution_score(parts[inst_i].text) == 0:
            inst_i = None
        if inst_i is not None:
            used.add(inst_i)
        deg_i = _pick(parts, used, lambda t: vocab.degree_score(t) + 0.1)
        institution = parts[inst_i].text if inst_i is not None else None
        if institution is not None:
            institution = re.sub(rf"^(?:{vocab.DEGREE_RE.pattern})\s+", "", institution, flags=re.IGNORECASE)
        degree = parts[deg_i].text if deg_i is not None and vocab.degree_score(parts[deg_i].text) else None
        if degree is None and deg_i is not None:
            degree = parts[deg_i].text
        if inst_i is None and deg_i is not None:
            rest = [i for i in range(len(parts)) if i not in used and i != deg_i]
            if rest:
                institution = parts[rest[0]].text
        field_of_study = None
        if deg_i is not None:
            field_of_study = _field_of(parts, deg_i, used | {deg_i})
            if degree and field_of_study and field_of_study not in degree and parts[deg_i].text == degree:
                nxt = deg_i + 1
                if nxt < len(parts) and parts[nxt].text == field_of_study and parts[nxt].sep_before == ",":
                    degree = f"{degree}, {field_of_study}"
        if institution is None and degree is None:
            continue
        out.append(
            EducationEntry(
                institution=institution,
                degree=degree,
                field_of_study=field_of_study,
                start_date=date.start if date and date.is_range else None,
                end_date=date.end if date else None,
                dates_raw=date.raw if date else None,
            )
        )
    return out


_GRADE_RE = re.compile(
    r"\s*(?:[;,|–—-]\s*|\s)(?:c?gpa|grade|note|moyenne|средний балл|ממוצע)\b\s*[:=]?\s*[\d.,/]+(?:\s*\([^)]*\))?"
    r"|\s*(?:[;,|–—-]\s*|\s)[\d.,/]+\s*(?:c?gpa)\b",
    re.IGNORECASE,
)
# "Bachelor of Arts", "Master of Science": the words after "of" name the degree, not the field
_DEGREE_OF = re.compile(
    r"^(?:science|sciences|arts|fine arts|engineering|laws|law|philosophy|education|technology|commerce|"
    r"business administration|applied science|applied sciences|public health|music|nursing|social work|"
    r"наук|искусств)\b",
    re.IGNORECASE,
)


def _unbullet_headers(group: list[_Item]) -> list[_Item]:
    """Bulleted lines before an entry's date line are its header when no line after the date uses that
    bullet (a template that bullets each school, not its details)."""
    date_at = next((i for i, it in enumerate(group) if it.date is not None), None)
    if date_at is None:
        return group
    after = {it.line.bullet for it in group[date_at + 1 :] if it.line.is_bullet}
    return [
        _Item(Line(it.line.text, None), it.date)
        if i < date_at and it.line.is_bullet and it.line.bullet not in after
        else it
        for i, it in enumerate(group)
    ]


def _field_of(parts: list[_Part], deg_i: int, used: set[int]) -> str | None:
    text = parts[deg_i].text
    m = re.search(r"\b(?:in|of|en|in der|im|de|в области|по)\s+(.+)$", text, re.IGNORECASE)
    if m and m.group(0).casefold().startswith("of") and _DEGREE_OF.match(m.group(1)):
        rest = re.search(r"\b(?:in|en|в области)\s+(.+)$", m.group(1), re.IGNORECASE)
        m = rest if rest else None
        if m is not None:
            fld = re.split(r"\s+-\s+|;|,", m.group(1))[0].strip()
            return fld or None
    if m and vocab.degree_score(text[: m.start()]):
        fld = m.group(1)
        fld = re.sub(r"^(?:science|arts|engineering|business administration)\s+in\s+", "", fld, flags=re.IGNORECASE)
        fld = re.split(r"\s+-\s+|;|,", fld)[0]
        return fld.strip() or None
    nxt = deg_i + 1
    if (
        nxt < len(parts)
        and nxt not in used
        and parts[nxt].sep_before == ","
        and not vocab.institution_score(parts[nxt].text)
    ):
        return parts[nxt].text
    return None


def _group_by_institution(items: list[_Item]) -> list[list[_Item]]:
    groups: list[list[_Item]] = []
    has_inst = has_deg = False
    for it in items:
        t = it.line.text
        inst = vocab.institution_score(t) > 0
        deg = vocab.degree_score(t) > 0
        if not groups or (inst and has_inst) or (deg and has_deg and not inst):
            groups.append([])
            has_inst = has_deg = False
        groups[-1].append(it)
        has_inst = has_inst or inst
        has_deg = has_deg or deg
    return groups


# --------------------------------------------------------------------------------------------------- certs
def _parse_certifications(lines: list[Line]) -> list[Certification]:
    items: list[str] = []
    for line in lines:
        pieces = [p.strip() for p in re.split(r"\s+\|\s+|\s{3,}|\|", line.text)]
        if not line.is_bullet and items and line.text[:1].islower():
            items[-1] += " " + line.text
            continue
        items.extend(p for p in pieces if p)
    out: list[Certification] = []
    for item in items:
        spans = find_date_ranges(item)
        date = spans[-1].end if spans and spans[-1].end != "present" else None
        text = item
        if spans:
            s = spans[-1]
            text = re.sub(r"\(\s*\)|\[\s*\]", "", item[: s.begin] + item[s.stop :]).strip(" ,–-|:")
        issuer = None
        text, issuer = _split_issuer(text)
        m = re.match(r"^(.*?)\s+[-–—]\s+(.+)$", text) if issuer is None else None
        if (
            m
            and not vocab.role_score(m.group(2))
            and len(m.group(2).split()) <= 5
            and vocab.company_score(m.group(2)) + len(re.findall(r"[A-Z]", m.group(2))) >= 1
            and not re.search(
                r"\b(?:specialty|associate|professional|practitioner|foundational)\b", m.group(2), re.IGNORECASE
            )
        ):
            text, issuer = m.group(1), m.group(2)
        text = text.strip(" ,–-|")
        if len(text) < 2:
            continue
        out.append(Certification(name=text, issuer=issuer, date=date))
    return out


_TAIL_ISSUERS = (
    re.compile(r"^(?P<name>.+)\((?P<tail>[^()]+)\)$"),
    re.compile(r"^(?P<name>.+),\s+(?P<tail>[^,]+)$"),
    re.compile(r"^(?P<name>.+)\s+[-–—|]\s+(?P<tail>[^-–—|]+)$"),
)
_CERT_LEVELS = re.compile(
    r"^(?:associate|professional|specialty|practitioner|foundational|foundation|expert|advanced|fundamentals|"
    r"level\s+\w+|part\s+\w+|\w+\s+level)$",
    re.IGNORECASE,
)


def _split_issuer(text: str) -> tuple[str, str | None]:
    """ "AWS Certified Developer – Associate, Amazon Web Services" → (name, "Amazon Web Services"): a trailing
    ", X", "(X)" or "– X" is the issuer when X is a known certifying body or reads like an organisation."""
    for pattern in _TAIL_ISSUERS:
        m = pattern.match(text.strip())
        if not m:
            continue
        tail = m.group("tail").strip()
        name = m.group("name").strip(" ,–-|")
        if not tail or not name or _CERT_LEVELS.match(tail) or find_date_ranges(tail) or len(tail.split()) > 6:
            continue
        if vocab.is_issuer(tail) or (vocab.company_score(tail) and not vocab.role_score(tail)):
            return name, tail
    return text, None


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for it in items:
        key = it.casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(it)
    return out
