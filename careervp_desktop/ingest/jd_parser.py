"""Job description text → `JobPosting` (pure), and reading a JD file to text.

How a posting is read:
1. Lines are cleaned: job-board chrome (navigation, cookie banners, page numbers, timestamps) is dropped, bullet
   markers are recognised, lines a PDF or a browser wrapped are joined back, "Requirements: …" is split into a
   heading and its text.
2. Lines are grouped under their section headings (`jd_sections`: en, de, fr, es). Requirement-type sections give
   must or nice requirements, duty-type sections give responsibilities; company boilerplate, benefits, salary,
   equal-opportunity statements and application instructions never become requirements.
3. Without requirement headings, bullets and sentences are classified one by one ("experience with", "knowledge
   of", "degree in" … → requirement; "you will", "design", "build" … → responsibility).
4. The header gives title, company and location (a byline such as "Acme · Oslo, Norway", "Title at Acme",
   labelled rows, "About Acme", "Acme is …"); seniority and years come from the title and the requirements.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.folding import fold
from careervp_desktop.domain.models import JobPosting, Requirement, RequirementKind
from careervp_desktop.domain.skills import load_vocabulary
from careervp_desktop.ingest.extract import extract_text
from careervp_desktop.ingest.jd_sections import (
    ABOUT_NAME_RE,
    META_LABEL,
    NOISE_KINDS,
    SectionKind,
    heading_kind,
    inline_heading,
    is_navigation,
    noise_reason,
)
from careervp_desktop.ingest.jd_skills import canonical_phrase, skills_in_line
from careervp_desktop.ingest.language import detect_language
from careervp_desktop.ingest.vocab import ROLE_RE, is_region

_BULLET_RE = re.compile(r"^(?:[•·▪◦●○■□►▶➢➤✓✔✅❖\-–—*+>]+|\d{1,2}[.)](?=\s))\s*")
_INLINE_BULLET = re.compile(r"\s+(?:\*\s+)?[•▪●]\s+")
_CONNECTIVE_END = re.compile(
    r"(?:,|\band|\bor|\bof|\bwith|\bthe|\bto|\bin|\bfor|\ba|\ban|\bas|\bon|\bat|\bby|\bfrom|\bincluding|\bsuch|"
    r"\blike|\bwithin|\binto|\bacross|\babout|\bthrough|\bwithout|\bvia|\busing|\bthan|\bthat|\bwhich|"
    r"\bwho|\bwhere|\bund|\boder|\bmit|\bet|\bou|\bde|\bdes|\by|\bcon|\bque|-)$",
    re.IGNORECASE,
)
_NICE_INLINE = re.compile(
    r"\b(?:nice[- ]to[- ]have|(?:a |big |huge |strong |definite )?plus|bonus|preferred|preferably|preferable|"
    r"ideally|desirable|desired|advantageous|an advantage|appreciated|good to have|optional|not required|"
    r"not mandatory|would be (?:great|nice)|wunschenswert|von vorteil|idealerweise|pluspunkt|un plus|un atout|"
    r"souhaite|souhaitable|idealement|deseable|valorable|se valorara|valorara|es un plus)\b",
    re.IGNORECASE,
)
_NICE_PAREN = re.compile(
    r"\(\s*(?:nice[- ]to[- ]have|a plus|plus|bonus|preferred|optional|desirable|ideally|von vorteil|un plus|"
    r"deseable|souhaite)\s*\)",
    re.IGNORECASE,
)
_REQ_CUE = re.compile(
    r"\b(?:experience|experienced|\d+\s*\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs)|years of|knowledge|proficien\w*|"
    r"familiar\w*|degree|bachelor\w*|master'?s|phd|diploma|you have|you bring|you are|you possess|"
    r"understanding of|ability to|able to|expertise|expert|skilled|skills?|background in|hands-on|fluen\w*|"
    r"must (?:have|be)|required|certifi\w*|competen\w*|track record|comfortable (?:with|in)|in-depth|"
    r"eligible|authori[sz]ed to work|erfahrung|kenntnisse|studium|ausbildung|abschluss|du hast|sie haben|"
    r"sicher(?:er|e)? umgang|verhandlungssicher|beherrsch\w*|experience|connaissances?|maitrise|diplome|"
    r"vous avez|vous maitrisez|competences?|bac\s*\+\s*\d|experiencia|conocimientos?|dominio|titulacion|"
    r"licenciatura|grado en|tienes|manejo de)\b",
    re.IGNORECASE,
)
_DUTY_VERBS = frozenset(
    [
        "design",
        "build",
        "develop",
        "own",
        "lead",
        "work",
        "collaborate",
        "maintain",
        "implement",
        "create",
        "drive",
        "write",
        "ensure",
        "manage",
        "support",
        "mentor",
        "define",
        "deliver",
        "improve",
        "partner",
        "contribute",
        "help",
        "participate",
        "analyse",
        "analyze",
        "architect",
        "shape",
        "scale",
        "optimise",
        "optimize",
        "deploy",
        "monitor",
        "research",
        "review",
        "set",
        "run",
        "take",
        "act",
        "perform",
        "engage",
        "explore",
        "identify",
        "prepare",
        "conduct",
        "coordinate",
        "establish",
        "evaluate",
        "plan",
        "provide",
        "test",
        "translate",
        "automate",
        "champion",
        "coach",
        "communicate",
        "document",
        "drive",
        "execute",
        "facilitate",
        "guide",
        "influence",
        "integrate",
        "investigate",
        "launch",
        "operate",
        "oversee",
        "present",
        "prioritise",
        "prioritize",
        "recommend",
        "report",
        "resolve",
        "scope",
        "ship",
        "solve",
        "streamline",
        "troubleshoot",
        "upgrade",
        "entwickeln",
        "entwickelst",
        "konzipierst",
        "gestaltest",
        "betreust",
        "verantwortest",
        "arbeitest",
        "ubernimmst",
        "developper",
        "concevoir",
        "participer",
        "assurer",
        "gerer",
        "piloter",
        "desarrollar",
        "disenar",
        "gestionar",
        "participar",
    ]
)
_DUTY_START = re.compile(
    r"^(?:you(?:'ll| will| are going to)|you(?:'ll| will) be|you (?:take ownership|own|drive|get to)|"
    r"in this role,? you|as (?:a|an|our|the) [^,]{2,40},\s*"
    r"you(?:'ll| will)?|your (?:main )?(?:tasks|responsibilities) (?:will )?include|du wirst|sie werden|"
    r"vous (?:allez|serez)|tu vas|seras|seras responsable)\b",
    re.IGNORECASE,
)
_YEARS_RE = re.compile(
    r"(?:(?:at least|minimum(?: of)?|min\.?|over|more than|mindestens|au moins|al menos|minimo)\s+)?"
    r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\+|plus)?\s*"
    r"(?:(?:-|–|to|bis|à|a)\s*\d{1,2}\s*\+?\s*)?(?:years?|yrs?|jahre?n?|ans|años|anos|лет|года|שנות|שנים)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_SENIORITY_TITLE = [
    ("principal", r"\b(?:principal|distinguished)\b"),
    ("lead", r"\b(?:lead|staff|head of|team ?lead|tech ?lead|leiter|leitung|responsable)\b"),
    ("senior", r"\b(?:senior|sr\.?|snr)\b"),
    ("junior", r"\b(?:junior|jr\.?|entry[- ]level|graduate|intern|internship|trainee|werkstudent|praktikant|"
     r"stagiaire|becario|apprentice)\b"),
    ("mid", r"\b(?:mid[- ]?level|intermediate|medior|mid)\b"),
]  # fmt: skip
_SENIORITY_TEXT = [
    ("principal", r"\bprincipal[- ]level\b"),
    ("lead", r"\b(?:lead|staff)[- ]level\b"),
    ("senior", r"\b(?:senior[- ]level|seasoned|a senior)\b"),
    ("junior", r"\b(?:entry[- ]level|junior[- ]level|a junior|graduate programme|graduate program)\b"),
    ("mid", r"\bmid[- ]?level\b"),
]
_TITLE_PREFIX = re.compile(
    r"^(?:job\s*(?:description|title|posting|offer|opening|ad)|position|title|role|vacancy|opening|"
    r"we(?:'re| are) hiring|now hiring|hiring|stellenangebot|stellenausschreibung|poste|offre d'emploi|puesto|"
    r"oferta(?: de empleo)?)\s*[:：\-–—]\s*",
    re.IGNORECASE,
)
_GENDER = re.compile(
    r"\(\s*(?:[mwfdxhi]|all genders?|gn\*?|divers|w/m/d|m/w/d|f/m/d|m/f/d|h/f|f/h)"
    r"(?:\s*[/|,]\s*(?:[mwfdxhi]|divers))*\s*\)|\b(?:m/w/d|w/m/d|m/f/d|f/m/d|f/m/x|m/f/x|h/f|f/h)\b|\*in\b",
    re.IGNORECASE,
)
_TITLE_PAREN_NOISE = re.compile(
    r"\((?:[^()]*\b(?:full[- ]?time|part[- ]?time|remote|hybrid|on[- ]?site|contract|permanent|temporary|"
    r"freelance|vollzeit|teilzeit|cdi|cdd|years?|jahre|ans|años|m/f|f/m)\b[^()]*)\)",
    re.IGNORECASE,
)
_WORK_MODE = re.compile(
    r"^(?:\(?\s*(?:fully |100% )?(?:remote|hybrid|on[- ]?site|onsite|full[- ]?time|part[- ]?time|contract|"
    r"permanent|freelance|vollzeit|teilzeit|télétravail|remoto|híbrido)\b[^|]*\)?)$",
    re.IGNORECASE,
)
_BOARD_NAMES = re.compile(
    r"^(?:linkedin|indeed|glassdoor|stepstone|xing|monster|wellfound|angellist|otta|welcome to the jungle|"
    r"infojobs|jobs?|careers?|hiring)$",
    re.IGNORECASE,
)
_CAP_NAME = r"[A-Z0-9][\w&.'’+\-]*(?:\s+(?:[A-Z0-9][\w&.'’+\-]*|&|of|de|and|für|the|du|la|del)){0,4}"
_SUBJECT_VERBS = (
    r"is|are|was|has|have|operates|builds|provides|develops|creates|helps|makes|offers|delivers|designs|powers|"
    r"enables|connects|serves|runs|specializes|specialises|ist|sind|entwickelt|bietet|est|sont|développe|es|son|"
    r"desarrolla|ofrece"
)
_SUBJECT_RE = re.compile(rf"^(?P<name>{_CAP_NAME})\s+(?:{_SUBJECT_VERBS})\b")
_AT_WE_RE = re.compile(rf"^(?:At|Bei|Chez|En)\s+(?P<name>{_CAP_NAME}),?\s+(?:we|wir|nous|nosotros)\b")
_JOIN_RE = re.compile(rf"\b(?:[Jj]oin|[Ww]ork (?:at|for)|[Cc]areers at)\s+(?P<name>{_CAP_NAME})")
_HIRING_RE = re.compile(rf"(?:^|[.!?]\s+)(?P<name>{_CAP_NAME})\s+(?:is|are)\s+(?:hiring|looking for|seeking)\b")
_NOT_A_NAME = frozenset(
    [
        "we",
        "our",
        "the",
        "this",
        "that",
        "you",
        "your",
        "it",
        "they",
        "he",
        "she",
        "job",
        "role",
        "position",
        "team",
        "company",
        "about",
        "us",
        "home",
        "remote",
        "hybrid",
        "full-time",
        "part-time",
        "description",
        "requirements",
        "responsibilities",
        "location",
        "apply",
        "careers",
        "jobs",
        "overview",
        "summary",
        "i",
        "a",
        "an",
        "in",
        "at",
        "on",
        "for",
        "and",
        "salary",
        "benefits",
        "date",
        "posted",
        "industry",
        "if",
        "as",
        "what",
        "who",
        "why",
        "how",
        "wir",
        "unser",
        "unsere",
        "die",
        "der",
        "das",
        "sie",
        "du",
        "nous",
        "notre",
        "la",
        "le",
        "les",
        "vous",
        "nosotros",
        "nuestra",
        "el",
        "los",
    ]
)
_ROLE_NOUNS = re.compile(
    r"\b(?:engineers?|developers?|managers?|designers?|analysts?|scientists?|architects?|consultants?|"
    r"specialists?|administrators?|leads?|directors?|officers?|coordinators?|technicians?|accountants?|"
    r"representatives?|associates?|assistants?|interns?|programmers?|testers?|writers?|marketers?|"
    r"recruiters?|nurses?|teachers?|operators?|strategists?|owners?|advocates?|heads? of [\w ]+|"
    r"entwickler(?:in)?|ingenieur(?:in)?|ingénieur|développeur|desarrollador)\b",
    re.IGNORECASE,
)
_ADJECTIVES = re.compile(
    r"^(?:(?:a|an|the|our|one|two|several|new|talented|skilled|experienced|motivated|passionate|seasoned|"
    r"exceptional|highly|strong|smart|enthusiastic|great|dedicated|driven|curious|brilliant|savvy|"
    r"hands-on|proactive|versatile|creative|outstanding|ambitious|detail-oriented|results-driven)\s+)+",
    re.IGNORECASE,
)
_LOOKING_RE = re.compile(
    r"\b(?:looking for|seeking|hiring|searching for|recruiting|in search of|suchen(?: wir)?|sucht|"
    r"recherchons|recrute|recherche|buscamos|busca)\s+(?P<rest>[^.;:!?]{3,120})",
    re.IGNORECASE,
)
_LOCATION_TEXT = re.compile(
    rf"\b(?:based in|located in|offices? in|office in|headquartered in|in our (?:{_CAP_NAME}) office|"
    rf"Standort|mit Sitz in|basé à|basée à|ubicad[oa] en)\s+(?P<loc>{_CAP_NAME}(?:,\s*{_CAP_NAME})?)"
)
_REMOTE = re.compile(
    r"\b(?:fully remote|100% remote|remote[- ]first|remote position|remote role|work remotely)\b", re.I
)


@dataclass
class _Line:
    text: str
    bullet: bool = False
    blank_before: bool = False


@dataclass
class _Section:
    kind: SectionKind
    heading: str = ""
    lines: list[_Line] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------- public API
def read_job_file(path: Path) -> str:
    """The text of a job description file (.txt/.md/.pdf/.docx); `BadInputError` for bad files."""
    text = extract_text(path)
    if len(text.strip()) < 30:
        raise BadInputError(f"{path.name} has too little text to be a job description: paste the full posting.")
    return text


def parse_job_posting(text: str) -> JobPosting:
    """A structured job posting from its text. Pure: no I/O besides the cached skill vocabulary."""
    lines = _prepare(text)
    sections = _sections(lines)
    meta = _meta(lines)
    header = _header(lines, meta)
    title, company, location = header.title, header.company, header.location
    company = company or _company_from_text(sections, text, location)
    if company and title:
        title = _strip_company(title, company)
    if location is None:
        location = _location_from_text(text, company)

    places = [p for p in re.split(r"[,()/·|]", location or "") if p.strip()]
    exclude = frozenset(fold(x).strip() for x in (company, location, *places) if x)
    requirements, responsibilities, stack = _classify(sections, exclude)
    years = _years(requirements, title, text)
    seniority = _seniority(title, meta, text, years)
    keywords = _keywords(requirements, stack, sections, exclude)
    return JobPosting(
        title=title,
        company=company,
        location=location,
        seniority=seniority,
        years_required=years,
        requirements=requirements,
        responsibilities=responsibilities,
        keywords=keywords,
        language=detect_language(text),
        raw_text=text,
    )


# --------------------------------------------------------------------------------------------------- lines
def _prepare(text: str) -> list[_Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\u2028", "\n").split("\n")
    out: list[_Line] = []
    blank = False
    for source in raw:
        line = " ".join(source.replace("\u00a0", " ").split())
        if not line or is_navigation(line):
            blank = blank or not line
            continue
        bullet = bool(_BULLET_RE.match(line))
        if bullet:
            line = _BULLET_RE.sub("", line).strip()
            while _BULLET_RE.match(line) and not re.match(r"^\d", line):
                line = _BULLET_RE.sub("", line).strip()
            if not line:
                continue
        pieces = _INLINE_BULLET.split(line) if bullet or line.count(" • ") >= 2 else [line]
        for i, piece in enumerate(pieces):
            piece = piece.strip()
            if not piece:
                continue
            is_bullet = bullet or i > 0
            prev = out[-1] if out else None
            if prev is not None and not blank and _continues(prev, piece, is_bullet and i == 0 and bullet):
                if prev.text.endswith("-") and piece[:1].islower() and re.search(r"[a-z]-$", prev.text):
                    prev.text = prev.text[:-1] + piece
                else:
                    prev.text = f"{prev.text} {piece}".replace(" ,", ",")
                continue
            inline = None if is_bullet or META_LABEL.match(piece) else inline_heading(piece) or _glued_heading(piece)
            if inline is not None:
                head = piece[: len(piece) - len(inline[1])].strip()
                out.append(_Line(head, False, blank))
                out.append(_Line(inline[1], False, False))
            else:
                out.append(_Line(piece, is_bullet, blank))
            blank = False
    return out


_GLUED_HEAD = re.compile(
    r"^(?P<h>requirements|qualifications|responsibilities|benefits|anforderungen|aufgaben|requisitos|"
    r"responsabilidades|missions|exigences)\s+(?P<rest>[A-Z0-9].{10,})$",
    re.IGNORECASE,
)


def _glued_heading(piece: str) -> tuple[SectionKind, str] | None:
    """ "Requirements 3+ years of …" (a heading that lost its line break) → (MUST, "3+ years of …")."""
    m = _GLUED_HEAD.match(piece)
    if not m:
        return None
    kind = heading_kind(m.group("h"))
    return (kind, m.group("rest")) if kind is not None else None


def _continues(prev: _Line, piece: str, piece_is_bullet: bool) -> bool:
    """Whether `piece` is the wrapped rest of the previous line."""
    if piece_is_bullet or prev.text.endswith((":", "：")) or _is_heading(prev):
        return False
    if heading_kind(piece) is not None or META_LABEL.match(piece):
        return False
    first = piece[:1]
    if first.islower() or first in ",;)&(":
        return True
    if len(piece.split()) <= 3 and piece.endswith(".") and not re.search(r"[.!?:;]$", prev.text):
        return True  # "…user experiences within" + "ServiceNow."
    if prev.text.count("(") > prev.text.count(")"):
        return True
    return bool(_CONNECTIVE_END.search(prev.text)) and not prev.text.endswith(("..", "…"))


def _is_heading(line: _Line) -> bool:
    return heading_kind(line.text, is_bullet=line.bullet) is not None and not META_LABEL.match(line.text)


def _sections(lines: list[_Line]) -> list[_Section]:
    sections = [_Section(SectionKind.TOP)]
    for line in lines:
        meta_row = META_LABEL.match(line.text) and not line.text.rstrip().endswith((":", "："))
        kind = None if meta_row else heading_kind(line.text, is_bullet=line.bullet)
        if kind is not None:
            sections.append(_Section(kind, line.text))
            continue
        current = sections[-1]
        if current.kind is SectionKind.SKIP:
            continue
        current.lines.append(line)
    return sections


def _meta(lines: list[_Line]) -> dict[str, str]:
    """Labelled header rows ("Location: Berlin") by folded label."""
    out: dict[str, str] = {}
    for line in lines[:60]:
        m = META_LABEL.match(line.text)
        if m and not line.bullet:
            value = line.text[m.end() :].strip()
            label = fold(m.group(0)).strip(" :：")
            if value and label not in out:
                out[label] = value
    return out


# --------------------------------------------------------------------------------------------------- header
@dataclass
class _Header:
    title: str | None = None
    company: str | None = None
    location: str | None = None


def _meta_value(meta: dict[str, str], *labels: str) -> str | None:
    for label in labels:
        if meta.get(label):
            return meta[label]
    return None


def _header(lines: list[_Line], meta: dict[str, str]) -> _Header:
    h = _Header()
    labelled_title = _meta_value(meta, "job title", "title", "position", "poste", "puesto", "stelle")
    h.company = _valid_company(_meta_value(meta, "company", "employer", "unternehmen", "firma", "entreprise",
                                           "empresa", "organisation", "organization"))  # fmt: skip
    h.location = _meta_value(meta, "location", "standort", "arbeitsort", "ort", "lieu", "localisation",
                             "ubicacion", "ubicación")  # fmt: skip
    head: list[_Line] = []
    for line in lines[:12]:
        if META_LABEL.match(line.text) or _is_heading(line) or noise_reason(line.text):
            continue
        head.append(line)
    title_index: int | None = None
    if labelled_title:
        h.title = _clean_title(labelled_title)
    for i, line in enumerate(head[:3]):
        if line.bullet:
            break
        candidate = _title_from_line(line.text, first=i == 0)
        if candidate is not None:
            title, company, location = candidate
            if h.title is None:
                h.title = title
            h.company = h.company or company
            h.location = h.location or location
            title_index = i
            break
        sentence_title = _title_from_sentence(line.text)
        if sentence_title:
            h.title = h.title or sentence_title
            break
    if title_index is not None and title_index + 1 < len(head):
        byline = head[title_index + 1]
        if not byline.bullet:
            company, location = _byline(byline.text)
            h.company = h.company or company
            h.location = h.location or location
    if h.title is None:
        for line in head[:4]:
            sentence_title = _title_from_sentence(line.text)
            if sentence_title:
                h.title = sentence_title
                break
    if h.title is None and _meta_value(meta, "role"):
        h.title = _clean_title(_meta_value(meta, "role") or "")
    return h


def _clean_title(text: str) -> str | None:
    t = _TITLE_PREFIX.sub("", text.strip())
    t = _GENDER.sub("", t)
    t = _TITLE_PAREN_NOISE.sub("", t)
    t = re.sub(r"\s+", " ", t).strip(" -–—|,:·")
    while True:
        m = re.search(r"\s*(?:[|–—,·]|\s-)\s*([^|–—,·]+)$", t)
        if not m:
            break
        tail = m.group(1).strip()
        if _WORK_MODE.match(tail) or _BOARD_NAMES.match(tail) or is_region(tail):
            t = t[: m.start()].strip()
            continue
        break
    t = t.strip(" -–—|,:·")
    if not t or len(t) > 100:
        return None
    if t.isupper() and len(t) > 4:
        t = _title_case(t.lower())
    return t


def _title_case(text: str) -> str:
    return " ".join(
        w if w.isupper() or any(c.isupper() for c in w[1:]) else w[:1].upper() + w[1:] for w in text.split()
    )


def _has_role(text: str) -> bool:
    return bool(ROLE_RE.search(text) or _ROLE_NOUNS.search(text))


def _title_from_line(text: str, *, first: bool) -> tuple[str | None, str | None, str | None] | None:
    """(title, company, location) when `text` is a title line, else None. Lines after the first need a role
    word ("Engineer", "Manager", …)."""
    s = text.strip()
    words = s.split()
    if len(s) > 110 or len(words) > 14 or (s.endswith(".") and len(words) > 5) or re.search(r"[.!?]\s+[A-Z]", s):
        seg = re.split(r"\s+[-–—|]\s+", s)[0]
        if seg == s or len(seg.split()) > 10 or not _has_role(seg):
            return None
        s = seg
    if _LOOKING_RE.search(s) and len(s.split()) > 6:
        return None
    company = location = None
    m = re.match(r"^(?P<t>.+?)\s+(?:at|@|bei|chez|chez|en)\s+(?P<c>[A-Z0-9].+)$", s)
    if m and ROLE_RE.search(m.group("t")):
        company, rest = _split_company_location(m.group("c"))
        if company:
            s = m.group("t")
            location = rest
    m = re.match(r"^(?P<t>.+?)\s+\|\s+(?P<c>.+)$", s)
    if m and company is None and ROLE_RE.search(m.group("t")):
        tail = m.group("c")
        if not (_WORK_MODE.match(tail) or _BOARD_NAMES.match(tail) or is_region(tail)):
            company, location = _split_company_location(tail)
            s = m.group("t")
    title = _clean_title(s)
    if not title:
        return None
    if not _has_role(title) and (not first or len(title.split()) > 6 or not title[:1].isalnum()):
        return None
    return title, company, location


def _split_company_location(text: str) -> tuple[str | None, str | None]:
    parts = [p.strip() for p in re.split(r"\s*[·•|]\s*|\s+[—–-]\s+|\s*,\s*", text) if p.strip()]
    if not parts:
        return None, None
    company = _valid_company(parts[0])
    location = ", ".join(parts[1:]) or None if company else None
    return company, location


def _title_from_sentence(text: str) -> str | None:
    """ "We are looking for a Senior Backend Engineer to join …" → "Senior Backend Engineer"."""
    m = _LOOKING_RE.search(text)
    if not m:
        return None
    rest = _ADJECTIVES.sub("", m.group("rest").strip())
    words = rest.split()
    for n in range(1, min(7, len(words)) + 1):
        phrase = " ".join(words[:n]).rstrip(",")
        if _ROLE_NOUNS.search(words[n - 1]):
            phrase = re.sub(r"(?<=[a-z])s$", "", phrase) if words[n - 1].lower().endswith("s") else phrase
            phrase = re.sub(r"\b(?:ie)$", "y", phrase)
            return _title_case(phrase) if phrase.islower() or phrase[:1].islower() else phrase
    return None


def _byline(text: str) -> tuple[str | None, str | None]:
    """ "Fjordhaven Energy · Oslo, Norway (hybrid)" → ("Fjordhaven Energy", "Oslo, Norway (hybrid)")."""
    s = text.strip()
    if len(s) > 100 or s.endswith(".") or _LOOKING_RE.search(s) or _REQ_CUE.search(s):
        return None, None
    parts = [p.strip() for p in re.split(r"\s*[·•|]\s*|\s+[—–-]\s+", s) if p.strip()]
    if len(parts) >= 2:
        first, rest = parts[0], ", ".join(parts[1:])
        if _looks_like_place(first) and not _looks_like_place(rest):
            return _valid_company(rest), first
        return _valid_company(first), rest
    commas = [p.strip() for p in s.split(",") if p.strip()]
    if len(commas) >= 2 and (is_region(commas[-1]) or _WORK_MODE.match(commas[-1]) or len(commas) >= 3):
        return _valid_company(commas[0]), ", ".join(commas[1:])
    if _looks_like_place(s):
        return None, s
    return _valid_company(s) if len(s.split()) <= 4 else None, None


def _looks_like_place(text: str) -> bool:
    parts = [p.strip() for p in text.replace("(", ",").replace(")", ",").split(",") if p.strip()]
    return bool(parts) and any(is_region(p) or _WORK_MODE.match(p) for p in parts)


def _valid_company(name: str | None) -> str | None:
    if not name:
        return None
    n = " ".join(name.strip().strip(".,;:·|-–— ").split())
    n = re.sub(r"^(?:the|die|der|la|le|el)\s+(?=[A-Z])", "", n, flags=re.IGNORECASE) if len(n.split()) > 1 else n
    words = n.split()
    if not n or len(words) > 6 or len(n) > 60 or not re.match(r"[A-Z0-9ÄÖÜÉ\u05d0-\u05ea]", n):
        return None
    if fold(n) in _NOT_A_NAME or fold(words[0]) in _NOT_A_NAME or is_region(n) or _WORK_MODE.match(n):
        return None
    if _ROLE_NOUNS.search(n) or re.search(r"\b(?:years?|experience|salary|remote|hybrid)\b", n, re.IGNORECASE):
        return None
    if re.search(r"[.!?:]\s|https?:|@|\d{3,}", n) or n.isdigit():
        return None
    return n


def _strip_company(title: str, company: str) -> str:
    pattern = rf"\s*(?:[|–—·,]|\s-|\s(?:at|@|bei|chez))\s*{re.escape(company)}\b.*$"
    stripped = re.sub(pattern, "", title, flags=re.IGNORECASE).strip()
    return stripped or title


def _company_from_text(sections: list[_Section], text: str, location: str | None) -> str | None:
    votes: Counter[str] = Counter()
    for section in sections:
        m = ABOUT_NAME_RE.match(section.heading.strip())
        if m and section.kind is SectionKind.ABOUT:
            name = _valid_company(m.group("name"))
            if name:
                votes[name] += 6
    for section in sections:
        if section.kind not in (SectionKind.ABOUT, SectionKind.TOP, SectionKind.INTRO, SectionKind.EEO):
            continue
        weight = 4 if section.kind is SectionKind.ABOUT else 2
        for line in section.lines[:6]:
            for sentence in re.split(r"(?<=[.!?])\s+", line.text)[:3]:
                for rx, bonus in ((_SUBJECT_RE, 0), (_AT_WE_RE, 1)):
                    m = rx.match(sentence)
                    name = _valid_company(m.group("name")) if m else None
                    if name:
                        votes[name] += weight + bonus
    for rx in (_JOIN_RE, _HIRING_RE):
        for m in rx.finditer(text):
            name = _valid_company(m.group("name"))
            if name:
                votes[name] += 2
    if location:
        for name in list(votes):
            if fold(name) in fold(location):
                del votes[name]
    if not votes:
        return None
    for name in votes:  # a name the posting repeats is a name
        votes[name] += min(3, len(re.findall(rf"\b{re.escape(name)}\b", text)) - 1)
    best, score = votes.most_common(1)[0]
    return best if score >= 3 else None


def _location_from_text(text: str, company: str | None) -> str | None:
    m = _LOCATION_TEXT.search(text)
    if m:
        loc = m.group("loc").strip()
        if not company or fold(loc) != fold(company):
            return loc
    head = text[:600]
    if _REMOTE.search(head):
        return "Remote"
    return None


# --------------------------------------------------------------------------------------------------- body
def _items(section: _Section) -> list[_Line]:
    """A section's items: bullets whole, prose split into sentences (and ";" clauses in requirement sections)."""
    out: list[_Line] = []
    for line in section.lines:
        if line.bullet:
            out.append(line)
            continue
        for sentence in _sentences(line.text):
            clauses = [sentence]
            if section.kind in (SectionKind.MUST, SectionKind.NICE, SectionKind.RESP) and ";" in sentence:
                parts = [c.strip() for c in sentence.split(";")]
                if all(len(p.split()) >= 2 for p in parts if p):
                    clauses = [p for p in parts if p]
            out += [_Line(c, False, line.blank_before) for c in clauses]
    return out


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[a-z0-9)%][.!?])\s+(?=[A-Z(])|(?<=[.!?][\"”’])\s+(?=[A-Z])", text)
    return [p.strip() for p in parts if p.strip()]


def _requirement(text: str, kind: RequirementKind, exclude: frozenset[str]) -> Requirement:
    body = text.strip()
    if body[:1].islower() and not re.match(r"^[a-z]+[A-Z.]", body):
        body = body[:1].upper() + body[1:]
    if kind is RequirementKind.MUST and _is_nice_inline(body):
        kind = RequirementKind.NICE
    return Requirement(text=body, kind=kind, skills=skills_in_line(body, exclude=exclude))


def _is_nice_inline(text: str) -> bool:
    if _NICE_PAREN.search(text):
        return True
    outside = re.sub(r"\([^()]*\)", "", text)
    return bool(_NICE_INLINE.search(fold(outside)))


def _is_duty(text: str) -> bool:
    if _DUTY_START.match(text):
        return True
    first = fold(text.split()[0]) if text.split() else ""
    first = re.sub(r"[^a-z]", "", first)
    stem = re.sub(r"(?:ing|s)$", "", first)
    return first in _DUTY_VERBS or stem in _DUTY_VERBS or stem + "e" in _DUTY_VERBS


def _is_boilerplate(text: str) -> bool:
    """Company talk inside a requirement section ("We are a team of …")."""
    if _SUBJECT_RE.match(text) and re.search(r"\b(?:is|are) (?:a|an|the|one)\b", text) and not _REQ_CUE.search(text):
        return True
    company_talk = bool(_AT_WE_RE.match(text)) or bool(
        re.match(r"^(?:we|we're|our|wir|unser|nous|notre|nosotros|nuestr)\b", text, re.IGNORECASE)
    )
    return company_talk and (
        not re.search(r"\byou\b|\bdu\b|\bsie\b|\bvous\b", text, re.IGNORECASE) or noise_reason(text) is not None
    )


def _classify(sections: list[_Section], exclude: frozenset[str]) -> tuple[list[Requirement], list[str], list[str]]:
    requirements: list[Requirement] = []
    responsibilities: list[str] = []
    stack: list[str] = []
    prose: list[list[_Line]] = []  # items of sections without a requirement/duty heading
    has_resp = any(s.kind is SectionKind.RESP for s in sections)
    for section in sections:
        if section.kind in NOISE_KINDS:
            continue
        items = _items(section)
        if section.kind is SectionKind.STACK:
            stack += _stack_items(items)
            continue
        if section.kind in (SectionKind.MUST, SectionKind.NICE):
            kind = RequirementKind.NICE if section.kind is SectionKind.NICE else RequirementKind.MUST
            has_bullets = any(i.bullet for i in items)
            ended = False
            for item in items:
                text = item.text
                if ended or noise_reason(text) or META_LABEL.match(text):
                    continue
                if text.endswith((":", "：")):
                    sub = heading_kind(text)
                    if sub is SectionKind.NICE:
                        kind = RequirementKind.NICE
                    continue
                if _is_boilerplate(text):
                    continue
                long_prose = len(text.split()) > 20 or item.blank_before
                if has_bullets and not item.bullet and long_prose and not _REQ_CUE.search(text):
                    ended = True  # a paragraph after the list is not part of it
                    continue
                if _DUTY_START.match(text):
                    responsibilities.append(text)
                    continue
                requirements.append(_requirement(text, kind, exclude))
            continue
        if section.kind is SectionKind.RESP:
            for item in items:
                if not noise_reason(item.text) and not META_LABEL.match(item.text) and not item.text.endswith(":"):
                    responsibilities.append(item.text)
            continue
        prose.append(items)
    has_req_headings = any(s.kind in (SectionKind.MUST, SectionKind.NICE) for s in sections)
    for items in prose:
        reqs, duties = _classify_prose(items, exclude, want_requirements=not has_req_headings)
        requirements += reqs
        if not has_resp:
            responsibilities += duties
    return requirements, _dedupe(responsibilities), stack


def _classify_prose(
    items: list[_Line], exclude: frozenset[str], *, want_requirements: bool
) -> tuple[list[Requirement], list[str]]:
    """Bullets and sentences outside requirement/duty sections: requirement-like, duty-like or neither."""
    reqs: list[Requirement] = []
    duties: list[str] = []
    runs: list[list[_Line]] = []
    for item in items:
        if item.bullet and runs and runs[-1][0].bullet and not item.blank_before:
            runs[-1].append(item)
        else:
            runs.append([item])
    for run in runs:
        usable = [i for i in run if not noise_reason(i.text) and not META_LABEL.match(i.text) and len(i.text) > 3]
        if not usable:
            continue
        req_like = [i for i in usable if _REQ_CUE.search(i.text) and not _DUTY_START.match(i.text)]
        bullet_run = run[0].bullet and len(run) >= 2
        for item in usable:
            text = item.text
            if text.endswith(":") or _is_boilerplate(text):
                continue
            if _is_duty(text) and not (item in req_like and not _DUTY_START.match(text) and _is_requirement_verb(text)):
                duties.append(text)
                continue
            if want_requirements and (item in req_like or (bullet_run and 2 * len(req_like) >= len(usable))):
                if not _is_requirement_sentence(text, item.bullet):
                    continue
                reqs.append(_requirement(text, RequirementKind.MUST, exclude))
    return reqs, duties


def _is_requirement_verb(text: str) -> bool:
    return bool(
        re.match(
            r"^(?:experience|knowledge|proficien|familiar|understanding|ability|working (?:knowledge|proficiency|"
            r"experience))",
            text,
            re.I,
        )
    )


def _is_requirement_sentence(text: str, bullet: bool) -> bool:
    """A prose sentence reads as a requirement, not as a description of the company or the job."""
    if bullet:
        return True
    low = fold(text)
    if re.match(r"^if you(?:'re|re| are)\b", low):
        return False  # a pitch, not a requirement
    if re.match(r"^(?:we|our|this|the|as a member|as an?|in this|you(?:'ll| will))\b", low) and not re.search(
        r"\b(?:you have|you bring|you are|you should|requires?|required|must)\b", low
    ):
        return False
    return len(text.split()) <= 60


def _stack_items(items: list[_Line]) -> list[str]:
    vocab = load_vocabulary()
    out: list[str] = []
    for item in items:
        text = item.text
        if noise_reason(text):
            continue
        if re.search(r"[,;|/]", text):
            parts = re.split(r"\s*[,;|]\s*|\s+(?:and|&)\s+", text)
        elif len(text.split()) <= 8 and not re.search(r"[.!?]$", text):
            parts = text.split() if text.islower() or all(vocab.canonical(w) for w in text.split()) else [text]
        else:
            parts = [m.skill for m in vocab.find(text)]
        out += [canonical_phrase(p.strip(), vocab) for p in parts if p.strip()]
    return out


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = fold(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


# --------------------------------------------------------------------------------------------------- facts
def _years(requirements: list[Requirement], title: str | None, text: str) -> int | None:
    """The minimum years of experience asked for: "5+ years", "at least 3 years", "3-5 years" → 5, 3, 3."""
    sources = [r.text for r in requirements if r.kind is RequirementKind.MUST] + [title or ""]
    found = [n for s in sources for n in _year_numbers(s)]
    if not found:
        found = [n for s in sources + [r.text for r in requirements] for n in _year_numbers(s)]
    if not found:
        for line in text.splitlines():
            if re.search(r"experience|erfahrung|expérience|experiencia|berufserfahrung", line, re.IGNORECASE):
                found += _year_numbers(line)
    return max(found) if found else None


def _year_numbers(text: str) -> list[int]:
    out: list[int] = []
    for m in _YEARS_RE.finditer(text):
        tail = text[m.end() : m.end() + 20].lower()
        if re.match(r"\s*(?:old|ago|of age|young|warranty|in business)", tail):
            continue
        raw = m.group(1).lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        if 0 < n <= 30:
            out.append(n)
    return out


def _seniority(title: str | None, meta: dict[str, str], text: str, years: int | None) -> str | None:
    for probe in (title or "", _meta_value(meta, "experience level", "seniority level", "seniority",
                                            "career level") or ""):  # fmt: skip
        for name, pattern in _SENIORITY_TITLE:
            if probe and re.search(pattern, probe, re.IGNORECASE):
                return name
    head = text[:1500]
    for name, pattern in _SENIORITY_TEXT:
        if re.search(pattern, head, re.IGNORECASE):
            return name
    if years is not None:
        if years >= 5:
            return "senior"
        if years >= 3:
            return "mid"
        if years <= 1:
            return "junior"
    return None


def _keywords(
    requirements: list[Requirement], stack: list[str], sections: list[_Section], exclude: frozenset[str]
) -> list[str]:
    """Every skill the posting names (canonical names): requirement skills first, then the rest of the text
    (company boilerplate, benefits and application instructions left out)."""
    vocab = load_vocabulary()
    ordered: list[str] = []
    for req in sorted(requirements, key=lambda r: r.kind is not RequirementKind.MUST):
        ordered += req.skills
    ordered += stack
    for section in sections:
        if section.kind in NOISE_KINDS:
            continue
        for line in section.lines:
            if noise_reason(line.text) or META_LABEL.match(line.text):
                continue
            ordered += [m.skill for m in vocab.find(line.text)]
            found = skills_in_line(line.text, vocab, exclude=exclude, item=False)
            ordered += [s for s in found if s not in ordered and _techy(s)]
    return _dedupe(ordered)


def _techy(skill: str) -> bool:
    return bool(re.search(r"[a-z][A-Z]|[A-Z]{2}|\d|[.#+]", skill)) or bool(load_vocabulary().get(skill))
