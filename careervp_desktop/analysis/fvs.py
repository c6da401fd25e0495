"""The Fact Verification System (FVS): finds statements in a document that the user's master CV (plus the gap
answers they confirmed) does not support.

Checks and severities
    contact        name, e-mail, phone, location, LinkedIn/website changed or invented            critical
    employer       an employer not in the sources; the target company presented as a past
                   employer, contractor or client                                               critical
    title          a job title the user never held (one-word inflation, "Junior" dropped)       critical
    dates          employment or education dates that contradict the CV                         critical
    education      a degree level, field or institution not in the CV                           critical
    certification  a certification not in the CV (or at another level)                          critical
    skill          a hard skill claimed that the CV never mentions (aliases count)              warning
    metric         a number not in the CV, or an inflated one                                   warning
    metric         overstated years of experience                                               critical

Never flagged: format-only changes (dates, casing, "six" for 6), rewording, omissions, honest rounding down
("31%" → "about 30%"), skills named as gaps or as the employer's stack ("I have not used Kafka", "the posting
asks for Kubernetes"), the target company as the place applied to.

Offsets: every `Violation.start/end` indexes the text that was checked. For free text (`check_text`, cover
letters, VPR prose) that is the text itself. For a structured tailored CV, it is the plain-text rendering
`render_cv(doc).text` (see `render_cv` for the layout); `Violation.text` is always the offending substring.

Speed: everything derived from the CV is computed once in `FactSources.from_cv`; a check is a handful of regex
passes and dict lookups over the document (well under a few milliseconds for a one-page letter).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel
from rapidfuzz import fuzz, process

from careervp_desktop.analysis.dates import (
    DateMention,
    YearMonth,
    date_spans,
    experience_years,
    find_date_ranges,
    parse_point,
    parse_range,
)
from careervp_desktop.analysis.quantities import Quantity, find_quantities
from careervp_desktop.analysis.textnorm import (
    STOPWORDS,
    Span,
    contains_phrase,
    fold,
    fold_chars,
    org_key,
    phrase_pattern,
    plain_letters,
    sentences,
    transliterate,
    words,
    wordset,
)
from careervp_desktop.domain.artifacts import VPR, CoverLetter, GapQuestions, InterviewPrep
from careervp_desktop.domain.models import (
    ArtifactType,
    EducationEntry,
    ExperienceEntry,
    MasterCV,
    Severity,
    Violation,
    ViolationType,
)
from careervp_desktop.domain.skills import SkillMention, SkillVocabulary, load_vocabulary

NOT_FOUND = "not found in your CV"

# ------------------------------------------------------------------------------------------- vocabulary of roles
_TITLE_HEADS = wordset(
    "engineer developer manager director officer president ceo cto cfo coo cio cmo cpo vp head lead "
    "analyst specialist supervisor consultant intern designer architect scientist founder cofounder "
    "co-founder owner administrator coordinator executive chief programmer technician accountant "
    "representative assistant advisor strategist partner principal editor writer researcher professor "
    "lecturer teacher nurse chef barista cashier clerk agent controller auditor recruiter marketer "
    "trainee apprentice associate"
)
_STRONG_SINGLE_TITLES = frozenset(
    ["ceo", "cto", "cfo", "coo", "cio", "cmo", "cpo", "president", "director", "vp", "chairman"]
)
_JUNIOR_WORDS = frozenset(
    ["junior", "jr", "intern", "trainee", "apprentice", "assistant", "associate", "deputy", "graduate", "student"]
)
_TITLE_EXPAND = {
    "sr": "senior", "jr": "junior", "mgr": "manager", "eng": "engineer", "dev": "developer", "snr": "senior",
    "vp": "vice president", "svp": "senior vice president", "evp": "executive vice president",
    "ceo": "chief executive officer", "cto": "chief technology officer", "cfo": "chief financial officer",
    "coo": "chief operating officer", "cio": "chief information officer", "cmo": "chief marketing officer",
    "cpo": "chief product officer", "gm": "general manager", "pm": "product manager", "swe": "software engineer",
}  # fmt: skip
_TITLE_NOISE = frozenset({"former", "formerly", "then", "acting", "interim", "contract", "freelance", "part", "time"})

_US_STATES = {
    "al": "alabama", "ak": "alaska", "az": "arizona", "ar": "arkansas", "ca": "california", "co": "colorado",
    "ct": "connecticut", "de": "delaware", "fl": "florida", "ga": "georgia", "hi": "hawaii", "id": "idaho",
    "il": "illinois", "in": "indiana", "ia": "iowa", "ks": "kansas", "ky": "kentucky", "la": "louisiana",
    "me": "maine", "md": "maryland", "ma": "massachusetts", "mi": "michigan", "mn": "minnesota",
    "ms": "mississippi", "mo": "missouri", "mt": "montana", "ne": "nebraska", "nv": "nevada",
    "nh": "new hampshire", "nj": "new jersey", "nm": "new mexico", "ny": "new york", "nc": "north carolina",
    "nd": "north dakota", "oh": "ohio", "ok": "oklahoma", "or": "oregon", "pa": "pennsylvania",
    "ri": "rhode island", "sc": "south carolina", "sd": "south dakota", "tn": "tennessee", "tx": "texas",
    "ut": "utah", "vt": "vermont", "va": "virginia", "wa": "washington", "wv": "west virginia",
    "wi": "wisconsin", "wy": "wyoming", "dc": "district of columbia", "uk": "united kingdom",
    "usa": "united states", "us": "united states", "uae": "united arab emirates",
}  # fmt: skip

# ------------------------------------------------------------------------------------------- patterns
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s|,;()<>]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|dev|io|me|net|org)/[^\s|,;()]*")
_PHONE_RE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,5}){1,4}(?![\w-])")
_CLOSING_RE = re.compile(
    r"^\s*(?:sincerely|best|kind regards|best regards|warm regards|regards|yours(?: sincerely| truly)?|"
    r"with (?:best|kind) regards|respectfully|thank you|thanks|cheers|all the best)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
_CAP = r"(?:[A-Z](?:[\w&'’\-/]|\.(?=\w))*|\d+[A-Za-z]\w*)"
_CAP_RUN_RE = re.compile(rf"{_CAP}(?:(?:[ \t]+|[ \t]*&[ \t]*|[ \t]+(?:of|de|du|la|von|van)[ \t]+)(?:{_CAP}))*")
_RUN_OPENERS = wordset(
    "as at for with in on the a an when where while from before after during most my our his her their "
    "its since and but so then this that these those i we"
)
_ORG_AFTER_PREP_RE = re.compile(
    rf"\b(?i:at|for|with|joined|by|including|clients?|employer)[ \t]+(?:the[ \t]+)?(?P<name>{_CAP}"
    rf"(?:(?:[ \t]+|[ \t]*&[ \t]*|[ \t]+(?:of|de|du|la|von|van)[ \t]+)(?:{_CAP}))*)"
)
_TARGET_PREP_RE = re.compile(
    r"\b(?:at|for|with|by|joined|including|clients?(?: such as| like)?)\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE
)
_PAST_CUE_RE = re.compile(
    r"\b(?:worked|spent|served|was|were|joined|consulted|contracted|interned|delivered|built|developed|led|"
    r"managed|ran|helped|supported|employed|hired|previously|formerly|former|earlier|later|prior|contractor|"
    r"consultant|intern|internship|freelanced?|client|clients|have been|has been|had been|i've been|since)\b",
    re.IGNORECASE,
)
_FIRST_PERSON_PAST_RE = re.compile(
    r"\b(?:I|we)\s+(?:(?:first|also|then|later|once|previously|already|often|[a-z]+ly)\s+)?"
    r"(?:[a-z]{2,}ed|built|led|ran|made|wrote|sold|taught|won|grew|drove|brought|began|spent|kept|held|did|"
    r"was|were|had)\b(?:\s+\S+){0,3}\s*$",
)
_HE = r"(?<![\u05d0-\u05ea])[ושבלמכה]{0,2}"  # a Hebrew word may carry one or two prefix letters
_HE_END = r"(?![\u05d0-\u05ea])"
# Hebrew: the posting or the job ("המשרה דורשת", "במודעה", "דרישות החובה") and negation ("לא", "אין לי", "עדיין לא").
_HE_POSTING = rf"{_HE}(?:משרה|מודעה|דורשת|דורש|מבקשת|מבקש|מבקשים|דרישות|דרישת|דרישה|תפקיד){_HE_END}"
_HE_NEGATION = rf"{_HE}(?:לא|אין|אינו|אינה|אינם|חסר|חסרים|פער|פערים|ללמוד|ללמידת){_HE_END}"
_POSTING_ITEMS_AFTER_RE = re.compile(
    r"\w+(?:\s+[\w-]+){0,5}?\s+(?:requirements?|qualifications?|criteria|skills|must-haves|points)\s+"
    r"(?:in|of|from|listed in|named in)\s+(?:your|the|this)\s+(?:job\s+)?(?:posting|ad|advert(?:isement)?|"
    r"description|listing|role)\b"
    # "3 מתוך 4 דרישות החובה", "4 דרישות הליבה": the number counts the posting's requirements
    r"|\S+(?:\s+\S+){0,3}?\s+(?:דרישות|דרישת|כישורים|כישורי)(?![\u05d0-\u05ea])",
    re.IGNORECASE,
)
_PROSPECTIVE_RE = re.compile(
    r"\b(?:would|will|'d|shall|want|wish|hope|excited|eager|keen|love to|look(?:ing)? forward|apply|applying|"
    r"applied|application|join|joining|chance|opportunity|next step|drawn|interested|could|can|might|may|if)\b",
    re.IGNORECASE,
)
_EMPLOYMENT_CUE_RE = re.compile(
    r"\b(?:worked|work(?:ing)? (?:at|for)|employed|joined|role|position|job|intern(?:ship)?|contract(?:or)?|"
    r"consultant|client|freelance|where (?:i|he|she|they) (?:was|were|has been|have been|am|is)|since|"
    r"engineer|developer|manager|director|analyst|officer|president|founder|lead|head|specialist|"
    # "led the platform team at X", "at X for three years", "before that, at X": employment, not a visit
    r"(?:team|department|group|squad|division) at|"
    r"(?:for|over) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many) (?:years?|months?))\b",
    re.IGNORECASE,
)
_NON_CLAIM_RE = re.compile(
    r"\b(?:not|no|never|nor|without|lack(?:s|ing)?|yet to|gaps?|missing|(?:to|will|would|am|'m) learn|learning|"
    r"eager|keen|"
    r"posting|job description|the role|this role|the position|calls? for|asks? for|requires?|required|"
    r"requirements?|mentions?|prefers?|preferred|nice[- ]to[- ]haves?|your (?:team|stack)|you use|uses|"
    r"familiari[sz]e|would benefit|pick up|ramp up)\b|n't\b"
    rf"|{_HE_POSTING}|{_HE_NEGATION}",
    re.IGNORECASE,
)
# "Stripe's data stack leans on Scala", "your platform runs on Kafka", "their tooling includes Jenkins"
_THEIR_STACK_RE = re.compile(
    r"(?:\b(?:your|their|its)|\w(?:'s|’s))\s+(?:[\w-]+\s+){0,2}?(?:tech\s+)?(?:stack|platform|tooling|tools|"
    r"codebase|infrastructure|systems?|architecture|environment|products?)\b",
    re.IGNORECASE,
)
_POSTING_CUE_RE = re.compile(
    r"\b(?:posting|job description|the (?:role|position|job)|calls? for|asks? for|requires?|required|"
    r"requirements?|prefers?|preferred|looking for|does not show|doesn't show|not show)\b"
    rf"|{_HE_POSTING}",
    re.IGNORECASE,
)
_NEGATION_AFTER_RE = re.compile(
    r"^\S+(?:\s+\S+){0,6}?\s+(?:is|are|was|were|which|that)?\s*(?:i|we|he|she|they)?\s*"
    r"(?:not|never|n't|haven't|hasn't|have not|has not|yet to|lack)\b"
    rf"|^\S+(?:\s+\S+){{0,6}}?\s+{_HE_NEGATION}",
    re.IGNORECASE,
)
_CLAUSE_SPLIT_RE = re.compile(r"[;:!?]|\.(?=\s)|,\s*(?:but|although|though|whereas|while)\b|\bbut\b", re.IGNORECASE)
_TITLE_PREFIX_RE = re.compile(
    r"(?:\bas\s+(?:(?:a|an|the|our|their|its|my)\s+)?(?:former\s+|then\s+|acting\s+|interim\s+|contract\s+)?"
    r"|\b(?:was|were|am|is|became|become|served as|worked as|promoted to|role as|position as|title of)\s+"
    r"(?:(?:a|an|the|our|its)\s+)?(?:former\s+)?"
    r"|\bformer\s+)$",
    re.IGNORECASE,
)
_FIELD_WORD = (
    r"(?!(?:from|at|with|and|or|while|to|in|for|which|that|where|when|as|by|on|an|a|the|plus|MBA|PhD)\b)"
    r"[A-Za-z][\w&-]*"
)
_DEGREE_RE = re.compile(
    r"(?<![\w.])(?:"
    r"(?P<abbr>B\.\s?S\.?c?\.?|B\.\s?A\.|B\.\s?Sc\.?|BSc|B\.?Eng\.?|BEng|B\.?Tech|BBA|B\.?Com|"
    r"M\.\s?S\.?c?\.?|M\.\s?A\.|M\.\s?Sc\.?|MSc|M\.?Eng\.?|MEng|MBA|M\.?B\.?A\.|M\.?Phil|"
    r"Ph\.\s?D\.?|PhD|D\.Phil|Ed\.?D|LL\.?B|LL\.?M|J\.D\.|A\.A\.S?\.?|A\.S\.|"
    r"(?:BS|MS|BA|MA|AA|AAS)(?=\s+(?:in|of|degree)\b))"
    r"|(?P<word>(?i:bachelor|master|doctor|doctorate|associate)(?:'s|’s|s)?"
    r"(?=\s+(?i:degree|of|in)\b|(?:'s|’s))(?:\s+(?i:degree))?)"
    r")"
    r"(?P<field>(?:\s+(?:degree\s+)?(?:in|of)\s+|\s+(?=[A-Z][a-z]))"
    rf"(?:{_FIELD_WORD}(?:[ \t]+{_FIELD_WORD}){{0,4}}))?"
)
_FIELD_STOP = re.compile(
    r"\s+(?:from|at|with|and|while|to|in|for|which|that|where|when|as|by|on|under|alongside|plus|backed)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_INST_WORD = r"[A-Z](?:[\w&'’-]|\.(?=\w))*"
_INSTITUTION_RE = re.compile(
    rf"(?:{_INST_WORD}[ \t]+){{0,4}}(?:University|College|Institute|School|Academy|Polytechnic|Conservatory)"
    rf"(?:[ \t]+(?:of|at|for|in)[ \t]+(?:the[ \t]+)?{_INST_WORD}(?:[ \t]+{_INST_WORD})*)*"
)
_CERT_CUE_RE = re.compile(r"\b(?:Certified|Certificate|Certification|certifications?|certificates?|credentials?)\b")
_CERT_GENERIC = wordset(
    "certified certificate certification certifications credential credentials the a an and of in for my her his their"
)
_GENERIC_FIELD = frozenset(
    ["science", "sciences", "arts", "art", "applied", "studies", "degree", "of", "in", "and", "the"]
)


# =========================================================================================== the sources
@dataclass(frozen=True, slots=True)
class _Job:
    index: int
    company: str
    company_key: tuple[str, ...]
    company_keys: frozenset[tuple[str, ...]]  # the key and that of the transliterated name
    role: str
    role_tokens: frozenset[str]
    start: YearMonth | None
    end: YearMonth | None
    dates_raw: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class _School:
    index: int
    institution: str
    key: frozenset[str]
    degree: str
    level: str | None
    field_tokens: frozenset[str]
    start: YearMonth | None
    end: YearMonth | None
    dates_raw: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class _Cert:
    name: str
    tokens: frozenset[str]


@dataclass(frozen=True)
class FactSources:
    """Everything the user has stated, precomputed for fast checks. Build with `FactSources.from_cv`."""

    cv: MasterCV
    confirmed_facts: tuple[str, ...]
    today: date
    vocab: SkillVocabulary
    text_folded: str  # all CV text and confirmed facts, folded
    word_set: frozenset[str]
    name_tokens: frozenset[str]
    emails: frozenset[str]
    phones: frozenset[str]
    location: str | None
    urls: frozenset[str]
    jobs: tuple[_Job, ...]
    schools: tuple[_School, ...]
    levels: frozenset[str]
    certs: tuple[_Cert, ...]
    skills: frozenset[str]
    quantities: tuple[Quantity, ...]
    quantity_contexts: tuple[frozenset[str], ...]  # per quantity: the words around it (what it counts)
    stated_years: tuple[float, ...]
    experience_years: float
    org_keys: frozenset[tuple[str, ...]] = field(default_factory=frozenset)
    job_spans: tuple[tuple[YearMonth | None, YearMonth | None], ...] = ()  # per job: all roles at its employer
    sentence_keys: frozenset[str] = field(default_factory=frozenset)
    # Findings per (paragraph, target company, target title, entry): typing re-checks only what changed.
    quantity_phrases: tuple[str, ...] = ()  # per quantity: it and the words after it ("40 seconds")
    _memo: dict[tuple[str, str | None, str | None, int | None], list[Violation]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def from_cv(cls, cv: MasterCV, confirmed_facts: Sequence[str] = (), *, today: date | None = None) -> FactSources:
        today = today or date.today()
        vocab = load_vocabulary()
        facts = tuple(f for f in confirmed_facts if f and f.strip())
        texts = list(_cv_texts(cv)) + list(facts)
        # "Müller" is also written "Mueller" (and "Muller"): both transliterations are in the sources.
        variants = [v for t in texts for v in {transliterate(t), plain_letters(t)} if v != t]
        text_folded = "\n".join(fold(t) for t in [*texts, *variants])
        jobs = tuple(_make_job(i, e) for i, e in enumerate(cv.experience))
        schools = tuple(_make_school(i, e) for i, e in enumerate(cv.education))
        levels = {s.level for s in schools if s.level}
        for fact in facts:
            levels |= {lvl for lvl, _ in _degrees_in(fact)}
        skills: set[str] = set()
        for item in cv.skills:
            skills.add(vocab.canonical_or_self(item))
        for t in texts:
            skills |= {m.skill for m in vocab.find(t)}
        quantities: list[Quantity] = []
        contexts: list[frozenset[str]] = []
        phrases: list[str] = []
        for t in texts:
            found = find_quantities(t, skip=date_spans(t))
            quantities += found
            contexts += [quantity_context(t, q) for q in found]
            phrases += [_quantity_phrase(t, q) for q in found]
        stated = tuple(q.value for q in quantities if q.years)
        ci = cv.contact_info
        return cls(
            cv=cv,
            confirmed_facts=facts,
            today=today,
            vocab=vocab,
            text_folded=text_folded,
            word_set=frozenset(_stem(w) for t in texts for w in words(t)),
            name_tokens=frozenset(_name_tokens(cv.full_name or "")),
            emails=frozenset(fold(e) for e in [ci.email] if e),
            phones=frozenset(_digits(p) for p in [ci.phone] if p),
            location=ci.location,
            urls=frozenset(_url_key(u) for u in (ci.linkedin, ci.website) if u),
            jobs=jobs,
            schools=schools,
            levels=frozenset(levels),
            certs=tuple(
                _Cert(c.name, frozenset(_cert_tokens(c.name)) | frozenset(_cert_tokens(c.issuer or "")))
                for c in cv.certifications
            )
            + tuple(  # a certificate or diploma listed under education ("Postgraduate Certificate in …")
                _Cert(s.degree or "", frozenset(_cert_tokens(f"{s.degree} {s.field_of_study or ''} {s.institution}")))
                for s in cv.education
                if s.degree and _level_of(s.degree) is None
            ),
            skills=frozenset(vocab.with_implied(skills)),
            quantities=tuple(quantities),
            quantity_contexts=tuple(contexts),
            quantity_phrases=tuple(phrases),
            stated_years=stated,
            experience_years=experience_years(((j.start, j.end) for j in jobs), today=today),
            org_keys=frozenset(k for j in jobs for k in j.company_keys if k),
            job_spans=_employer_spans(jobs),
            sentence_keys=frozenset(k for t in texts for sent in sentences(t) if (k := sentence_key(sent.text))),
        )

    # ------------------------------------------------------------------------------ small queries
    def mentions(self, phrase: str) -> bool:
        return contains_phrase(self.text_folded, phrase)

    def closest(self, value: str, choices: Iterable[str]) -> str:
        options = [c for c in choices if c]
        if not options:
            return NOT_FOUND
        best = process.extractOne(value, options, scorer=fuzz.WRatio)
        return str(best[0]) if best else NOT_FOUND


def sentence_key(sentence: str) -> str:
    """A sentence compared for being copied from the sources: folded, blanks collapsed, end punctuation and list
    markers dropped. Short fragments give no key (they are too easily shared by chance)."""
    key = " ".join(fold(sentence).split()).strip(" .;:!?-•*")
    return key if len(key) >= 25 else ""


def _cv_texts(cv: MasterCV) -> Iterable[str]:
    if cv.full_name:
        yield cv.full_name
    if cv.professional_summary:
        yield cv.professional_summary
    for e in cv.experience:
        yield " — ".join(x for x in (e.role, e.company, e.location) if x)
        yield from e.achievements
    for s in cv.education:
        yield " — ".join(x for x in (s.degree, s.field_of_study, s.institution) if x)
    if cv.skills:
        yield ", ".join(cv.skills)
    for c in cv.certifications:
        yield " — ".join(x for x in (c.name, c.issuer) if x)
    if cv.languages:
        yield ", ".join(cv.languages)
    if cv.contact_info.location:
        yield cv.contact_info.location


def _variant(name: str | None) -> str | None:
    """The transliterated spelling of a name ("Köln" → "Koeln"), or None when it has none."""
    if not name:
        return None
    other = transliterate(name)
    return other if other != name else None


def _employer_spans(jobs: Sequence[_Job]) -> tuple[tuple[YearMonth | None, YearMonth | None], ...]:
    """For each job, the span of all roles held at the same employer ("Brightwave (2015 – 2019)" covers a
    junior role from 2015 and a later one to 2019)."""
    out: list[tuple[YearMonth | None, YearMonth | None]] = []
    for job in jobs:
        same = [j for j in jobs if job.company_key and j.company_key == job.company_key]
        starts = [j.start for j in same if j.start is not None]
        ends = [j.end for j in same if j.end is not None]
        first = min(starts, key=_ym_order) if starts else job.start
        present = [e for e in ends if e.present]
        last = present[0] if present else (max(ends, key=_ym_order) if ends else job.end)
        out.append((first, last))
    return tuple(out)


def _ym_order(ym: YearMonth) -> tuple[int, int]:
    return ym.year, ym.month or 0


def _entry_range(start: str | None, end: str | None, raw: str | None) -> tuple[YearMonth | None, YearMonth | None]:
    s, e = parse_point(start), parse_point(end)
    rs, re_ = parse_range(raw)
    return s or rs, e or re_


def _patterns(*phrases: str | None) -> tuple[re.Pattern[str], ...]:
    out = []
    for p in phrases:
        if p and len(p.strip()) > 1:
            pat = phrase_pattern(p)
            if pat is not None:
                out.append(pat)
    return tuple(out)


def _make_job(index: int, e: ExperienceEntry) -> _Job:
    start, end = _entry_range(e.start_date, e.end_date, e.dates_raw)
    role = e.role or ""
    bare_role = re.sub(r"\s*\(.*?\)", "", role)
    return _Job(
        index=index,
        company=e.company or "",
        company_key=org_key(e.company or ""),
        company_keys=frozenset({org_key(e.company or ""), org_key(transliterate(e.company or ""))}),
        role=role,
        role_tokens=frozenset(_title_tokens(role)),
        start=start,
        end=end,
        dates_raw=e.dates_raw or _range_label(start, end),
        patterns=_patterns(e.company, role, bare_role if bare_role != role else None, _variant(e.company)),
    )


def _make_school(index: int, e: EducationEntry) -> _School:
    start, end = _entry_range(e.start_date, e.end_date, e.dates_raw)
    found = _degrees_in(" ".join(x for x in (e.degree, e.field_of_study) if x))
    level = found[0][0] if found else _level_of(e.degree or "")
    field_tokens: set[str] = set()
    for _, f in found:
        field_tokens |= f
    field_tokens |= {w for w in words(e.field_of_study or "") if w not in _GENERIC_FIELD}
    field_tokens |= {w for w in words(e.degree or "") if w not in _GENERIC_FIELD}
    return _School(
        index=index,
        institution=e.institution or "",
        key=frozenset(_inst_tokens(e.institution or "")),
        degree=e.degree or "",
        level=level,
        field_tokens=frozenset(field_tokens),
        start=start,
        end=end,
        dates_raw=e.dates_raw or _range_label(start, end),
        patterns=_patterns(e.institution, _variant(e.institution)),
    )


def _range_label(start: YearMonth | None, end: YearMonth | None) -> str:
    return " – ".join(x.label() for x in (start, end) if x)


# =========================================================================================== public API
def check_text(
    text: str,
    sources: FactSources,
    *,
    target_company: str | None = None,
    target_title: str | None = None,
    entry: int | None = None,
) -> list[Violation]:
    """Unsupported claims in free text. `entry` (optional) is the index of the CV job this text describes
    (a tailored CV's bullet), used to attribute dates and titles."""
    if not text.strip():
        return []
    out: list[Violation] = []
    for start, end in _paragraphs(text):
        out += _shift(_check_paragraph(text[start:end], sources, target_company, target_title, entry), start)
    return _dedupe(out)


_MEMO_LIMIT = 4096
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the blank-line separated paragraphs. Every rule reads within a paragraph, so each is
    checked (and remembered) on its own; a closing line ("Kind regards,") stays with the signature after it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        chunk = text[start : m.start()]
        last_line = chunk.rsplit("\n", 1)[-1]
        if _CLOSING_RE.match(last_line) or not chunk.strip():
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _check_paragraph(
    text: str, sources: FactSources, target_company: str | None, target_title: str | None, entry: int | None
) -> list[Violation]:
    key = (text, target_company, target_title, entry)
    memo = sources._memo
    found = memo.get(key)
    if found is None:
        ctx = _Context(text, sources, target_company, target_title, entry)
        ctx.run()
        found = ctx.result()
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        memo[key] = found
    return found


def check_tailored_cv(
    doc: MasterCV,
    sources: FactSources,
    *,
    target_company: str | None = None,
    target_title: str | None = None,
) -> list[Violation]:
    """Check a structured tailored CV. Offsets index `render_cv(doc).text`."""
    rendered = render_cv(doc)
    out: list[Violation] = []
    out += _check_contact_fields(doc, sources, rendered)
    out += _check_experience(doc, sources, rendered, target_company, target_title)
    out += _check_education(doc, sources, rendered)
    out += _check_cert_list(doc, sources, rendered)
    out += _check_skill_list(doc, sources, rendered)
    if doc.professional_summary:
        out += _shift(
            check_text(doc.professional_summary, sources, target_company=target_company, target_title=target_title),
            rendered.offset("professional_summary"),
        )
    return _dedupe(out)


def check_artifact(
    artifact_type: ArtifactType,
    content: BaseModel,
    sources: FactSources,
    *,
    target_company: str | None = None,
    target_title: str | None = None,
) -> list[Violation]:
    """Check any artifact content model. Offsets index `artifact_text(type, content)` (for a tailored CV:
    `render_cv(doc).text`)."""
    if artifact_type is ArtifactType.TAILORED_CV:
        assert isinstance(content, MasterCV)
        return check_tailored_cv(content, sources, target_company=target_company, target_title=target_title)
    return check_text(
        artifact_text(artifact_type, content), sources, target_company=target_company, target_title=target_title
    )


def artifact_text(artifact_type: ArtifactType, content: BaseModel) -> str:
    """The plain text of an artifact, as FVS reads it (and as its offsets index)."""
    if isinstance(content, MasterCV):
        return render_cv(content).text
    if isinstance(content, CoverLetter):
        parts = [content.greeting, *content.paragraphs, content.closing, content.signature]
        return "\n\n".join(p for p in parts if p)
    if isinstance(content, VPR):
        # The candidate's claims only: requirement texts and the gap list quote the posting, they claim nothing.
        rows = [r.evidence for r in content.evidence_matrix if r.evidence]
        blocks = [
            content.headline,
            content.summary,
            "\n".join(content.strengths),
            "\n".join(rows),
            "\n".join(content.differentiators),
            "\n".join(content.recommendations),
        ]
        return "\n\n".join(b for b in blocks if b)
    if isinstance(content, InterviewPrep):
        # Questions are asked by the interviewer; what the candidate will say is in talking points and evidence.
        # STAR outlines, the user's own answers and the pitch come last: the offsets of the lines before them stay.
        lines: list[str] = []
        for q in content.questions:
            lines += [*q.talking_points, *q.evidence]
        lines += [q.star.text() for q in content.questions if q.star is not None]
        lines += [a for a in (q.user_answer.strip() for q in content.questions) if a]
        if content.pitch.strip():
            lines.append(content.pitch.strip())
        return "\n\n".join(lines)
    if isinstance(content, GapQuestions):
        return ""  # questions ask; they claim nothing
    return ""


# =========================================================================================== CV rendering
@dataclass
class RenderedCV:
    """A plain-text rendering of a CV with the offset of every field value in it."""

    text: str
    fields: dict[str, int]

    def offset(self, path: str) -> int:
        return self.fields.get(path, 0)


def render_cv(doc: MasterCV) -> RenderedCV:
    """Layout (each field value appears verbatim; `fields` maps a path such as "experience[0].role" to its
    offset):

        Full Name
        email | phone | location | linkedin | website

        Summary
        professional summary

        Experience
        Role — Company
        Location | dates_raw (or start – end)
        - achievement …

        Education
        Degree, Field of study — Institution
        dates_raw

        Skills
        skill, skill, …

        Certifications
        - Name — Issuer, date

        Languages
        language, language
    """
    buf: list[str] = []
    fields: dict[str, int] = {}
    pos = 0

    def put(s: str, path: str | None = None) -> None:
        nonlocal pos
        if path is not None:
            fields[path] = pos
        buf.append(s)
        pos += len(s)

    def row(items: list[tuple[str | None, str]], sep: str) -> None:
        first = True
        for value, path in items:
            if not value:
                continue
            if not first:
                put(sep)
            put(value, path)
            first = False
        put("\n")

    if doc.full_name:
        put(doc.full_name, "full_name")
        put("\n")
    ci = doc.contact_info
    row(
        [(getattr(ci, k), f"contact_info.{k}") for k in ("email", "phone", "location", "linkedin", "website")],
        " | ",
    )
    if doc.professional_summary:
        put("\nSummary\n")
        put(doc.professional_summary, "professional_summary")
        put("\n")
    if doc.experience:
        put("\nExperience\n")
        for i, e in enumerate(doc.experience):
            row([(e.role, f"experience[{i}].role"), (e.company, f"experience[{i}].company")], " — ")
            dates = e.dates_raw or " – ".join(x for x in (e.start_date, e.end_date) if x)
            row([(e.location, f"experience[{i}].location"), (dates, f"experience[{i}].dates")], " | ")
            for j, a in enumerate(e.achievements):
                put("- ")
                put(a, f"experience[{i}].achievements[{j}]")
                put("\n")
    if doc.education:
        put("\nEducation\n")
        for i, s in enumerate(doc.education):
            head = [(s.degree, f"education[{i}].degree"), (s.field_of_study, f"education[{i}].field_of_study")]
            row([*head, (s.institution, f"education[{i}].institution")], ", ")
            dates = s.dates_raw or " – ".join(x for x in (s.start_date, s.end_date) if x)
            if dates:
                row([(dates, f"education[{i}].dates")], "")
    if doc.skills:
        put("\nSkills\n")
        row([(s, f"skills[{i}]") for i, s in enumerate(doc.skills)], ", ")
    if doc.certifications:
        put("\nCertifications\n")
        for i, c in enumerate(doc.certifications):
            put("- ")
            row([(c.name, f"certifications[{i}].name"), (c.issuer, f"certifications[{i}].issuer")], " — ")
    if doc.languages:
        put("\nLanguages\n")
        row([(lang, f"languages[{i}]") for i, lang in enumerate(doc.languages)], ", ")
    return RenderedCV("".join(buf), fields)


# =========================================================================================== free-text checks
class _Context:
    def __init__(
        self,
        text: str,
        sources: FactSources,
        target_company: str | None,
        target_title: str | None,
        entry: int | None,
    ) -> None:
        self.text = text
        self.low = fold_chars(text)
        self.src = sources
        self.target_company = (target_company or "").strip() or None
        self.target_title = (target_title or "").strip() or None
        self.entry = entry
        self.out: list[Violation] = []
        self.masked: list[tuple[int, int]] = []
        self.sents = list(sentences(text))
        self.target_pat = phrase_pattern(self.target_company) if self.target_company else None
        self.target_key = org_key(self.target_company) if self.target_company else ()
        # The job's own title, where it is quoted ("the Java Developer role"): its skills name the job, not the
        # candidate (a title claim such as "I was a Java Developer" is still checked as one).
        self.title_spans = (
            [(m.start(), m.end()) for m in re.finditer(re.escape(self.target_title), text, re.IGNORECASE)]
            if self.target_title
            else []
        )
        # A sentence copied from the sources states nothing the sources do not: no finding inside one.
        self.copied = [(sp.start, sp.end) for sp in self.sents if sentence_key(sp.text) in sources.sentence_keys]
        for sp in self.sents:  # "Situation and result: <a sentence copied from the CV>"
            label = re.match(r"[^:.!?]{2,40}:\s+", sp.text)
            if label and sentence_key(sp.text[label.end() :]) in sources.sentence_keys:
                self.copied.append((sp.start + label.end(), sp.end))

    def add(self, vtype: ViolationType, severity: Severity, start: int, end: int, message: str, source: str) -> None:
        if any(a <= start and end <= b for a, b in self.copied):
            return
        self.out.append(
            Violation(
                type=vtype,
                severity=severity,
                text=self.text[start:end],
                start=start,
                end=end,
                message=message,
                source=source,
            )
        )

    def result(self) -> list[Violation]:
        return _dedupe(self.out)

    def sentence_at(self, pos: int) -> Span:
        for s in self.sents:
            if s.start <= pos < max(s.end, s.start + 1):
                return s
        return Span(0, len(self.text), self.text)

    def run(self) -> None:
        self.check_contact()
        dates = find_date_ranges(self.text)
        self.masked += [(d.span_start, d.span_end) for d in dates] + date_spans(self.text)
        self.check_dates(dates)
        cert_spans = self.check_certifications()
        self.check_education(cert_spans)
        mentions = self.src.vocab.find(self.text)
        self.masked += [(m.start, m.end) for m in mentions]
        self.check_skills(mentions)
        self.check_skill_lists(mentions)
        self.masked += cert_spans
        self.check_quantities()
        self.check_titles()
        self.check_employers()

    # ------------------------------------------------------------------------------ contact
    def check_contact(self) -> None:
        src = self.src
        for m in _EMAIL_RE.finditer(self.text):
            self.masked.append(m.span())
            if fold(m.group(0)) not in src.emails:
                self.add(
                    ViolationType.CONTACT, Severity.CRITICAL, m.start(), m.end(),
                    "This e-mail address is not the one in your CV.", src.cv.contact_info.email or NOT_FOUND,
                )  # fmt: skip
        for m in _URL_RE.finditer(self.text):
            if any(a <= m.start() < b for a, b in self.masked):
                continue
            self.masked.append(m.span())
            key = _url_key(m.group(0))
            if "linkedin." in key and key not in src.urls:
                self.add(
                    ViolationType.CONTACT, Severity.CRITICAL, m.start(), m.end(),
                    "This LinkedIn address is not the one in your CV.", src.cv.contact_info.linkedin or NOT_FOUND,
                )  # fmt: skip
        for m in _PHONE_RE.finditer(self.text):
            if not _looks_like_phone(m.group(0)) or any(a <= m.start() < b for a, b in self.masked):
                continue
            self.masked.append(m.span())
            if not any(_same_phone(_digits(m.group(0)), p) for p in src.phones):
                self.add(
                    ViolationType.CONTACT, Severity.CRITICAL, m.start(), m.end(),
                    "This phone number is not the one in your CV.", src.cv.contact_info.phone or NOT_FOUND,
                )  # fmt: skip
        self.check_signature()

    def check_signature(self) -> None:
        lines = list(re.finditer(r"[^\n]+", self.text))
        for i, line in enumerate(lines):
            if not _CLOSING_RE.match(line.group(0)):
                continue
            for nxt in lines[i + 1 : i + 4]:
                value = nxt.group(0).strip()
                if not value:
                    continue
                if _EMAIL_RE.search(value) or _PHONE_RE.search(value):
                    self.check_contact_line(nxt)
                    continue
                if self.src.name_tokens and len(value.split()) <= 5 and not value.endswith((".", ":")):
                    toks = set(_name_tokens(value))
                    if toks and not toks <= self.src.name_tokens:
                        s = nxt.start() + (len(nxt.group(0)) - len(nxt.group(0).lstrip()))
                        self.add(
                            ViolationType.CONTACT, Severity.CRITICAL, s, s + len(value),
                            "This name is not the one in your CV.", self.src.cv.full_name or NOT_FOUND,
                        )  # fmt: skip
            break

    def check_contact_line(self, line: re.Match[str]) -> None:
        loc = self.src.location
        for seg in re.finditer(r"[^|·•;\t]+", line.group(0)):
            value = seg.group(0).strip()
            if not value or _EMAIL_RE.search(value) or _URL_RE.search(value) or _looks_like_phone(value):
                continue
            if not re.search(r"[A-Za-z]", value) or not re.search(r",", value):
                continue  # a location has "City, Region"
            if loc and _same_location(value, loc):
                continue
            s = line.start() + seg.start() + (len(seg.group(0)) - len(seg.group(0).lstrip()))
            self.add(
                ViolationType.CONTACT, Severity.CRITICAL, s, s + len(value),
                "This location is not the one in your CV.", loc or NOT_FOUND,
            )  # fmt: skip

    # ------------------------------------------------------------------------------ dates
    def entity_mentions(self, span: Span) -> list[tuple[int, str, int]]:
        """(position, kind, index) of CV jobs/schools named in a span."""
        found: list[tuple[int, str, int]] = []
        seg = self.low[span.start : span.end]
        for job in self.src.jobs:
            for pat in job.patterns:
                found += [(span.start + m.start(), "job", job.index) for m in pat.finditer(seg)]
        for school in self.src.schools:
            for pat in school.patterns:
                found += [(span.start + m.start(), "school", school.index) for m in pat.finditer(seg)]
        return found

    def check_dates(self, dates: list[DateMention]) -> None:
        src = self.src
        entities: list[tuple[YearMonth | None, YearMonth | None, str]] = [
            (j.start, j.end, f"{j.company or j.role}: {j.dates_raw}") for j in src.jobs
        ] + [(s.start, s.end, f"{s.institution or s.degree}: {s.dates_raw}") for s in src.schools]
        if not entities:
            return
        for d in dates:
            chosen = self.associate(d)
            if chosen is not None:
                kind, idx = chosen
                ent = entities[idx if kind == "job" else len(src.jobs) + idx]
                if _range_agrees(d, ent[0], ent[1], src.today):
                    continue
                if kind == "job" and idx < len(src.job_spans) and _range_agrees(d, *src.job_spans[idx], src.today):
                    continue  # the whole stay at that employer, over several roles
                if any(_range_agrees(d, e[0], e[1], src.today, exact=True) for e in entities):
                    continue
                source = ent[2]
            else:
                if any(_range_agrees(d, e[0], e[1], src.today) for e in [*entities, *self.career_span()]):
                    continue
                if d.end is None and any(
                    e[0] is not None and d.start.agrees_with(e[0]) for e in entities
                ):  # "from 2018" with no end
                    continue
                source = "; ".join(e[2] for e in entities)
            self.add(
                ViolationType.DATES, Severity.CRITICAL, d.span_start, d.span_end,
                "These dates do not match your CV.", source,
            )  # fmt: skip

    def career_span(self) -> list[tuple[YearMonth | None, YearMonth | None, str]]:
        """The whole working life, first start to last end: what "working since 2017" refers to."""
        starts = [j.start for j in self.src.jobs if j.start is not None]
        ends = [j.end for j in self.src.jobs if j.end is not None]
        if not starts:
            return []
        first = min(starts, key=lambda ym: (ym.year, ym.month or 0))
        present = [e for e in ends if e.present]
        last = present[0] if present else max(ends, key=lambda ym: (ym.year, ym.month or 0), default=None)
        return [(first, last, "your career")]

    def associate(self, d: DateMention) -> tuple[str, int] | None:
        sent = self.sentence_at(d.span_start)
        found = self.entity_mentions(sent)
        if found:
            best = min(found, key=lambda f: abs(f[0] - d.span_start))
            return best[1], best[2]
        if self.entry is not None:
            return "job", self.entry
        # walk back through the same paragraph
        para_start = self.text.rfind("\n\n", 0, sent.start)
        for prev in reversed([s for s in self.sents if para_start <= s.start < sent.start]):
            found = self.entity_mentions(prev)
            if found:
                best = max(found, key=lambda f: f[0])
                return best[1], best[2]
        if len(self.src.jobs) == 1 and not self.src.schools:
            return "job", 0
        return None

    # ------------------------------------------------------------------------------ skills
    def check_skill_lists(self, mentions: list[SkillMention]) -> None:
        """A name the vocabulary does not know, listed among known skills ("Salesforce, HubSpot, Gong and
        MEDDIC"), is claimed as a skill too: flag it when the CV never mentions it."""
        if not mentions:
            return
        src = self.src
        for clause in re.finditer(r"[^:;.!?\n]+(?:\.(?=\w)[^:;.!?\n]*)*", self.text):
            items = [
                (clause.start() + p.start(), clause.start() + p.end())
                for p in re.finditer(r"[^,/&]+?(?=\s*(?:,|/|&|\band\b|\bor\b|$))", clause.group(0))
            ]
            items = [(a, b) for a, b in items if self.text[a:b].strip() not in ("and", "or", "")]
            if len(items) < 3:
                continue
            known = [any(a <= m.start < b for m in mentions) for a, b in items]
            if sum(known) < 2:
                continue
            after_colon = self.text[: clause.start()].rstrip(" \t").endswith(":")
            for n, ((a, b), is_known) in enumerate(zip(items, known, strict=True)):
                if is_known or (n == 0 and not after_colon):
                    continue  # the first piece of a clause is its subject or verb, not a list item
                raw = self.text[a:b]
                name = re.sub(r"\s*\(.*$", "", re.sub(r"^\s*(?:and|or)\s+", "", raw)).strip(" .'\"")
                if not name:
                    continue
                start = a + raw.index(name)
                toks = name.split()
                if not 1 <= len(toks) <= 3 or not all(t[0].isupper() or t[0].isdigit() for t in toks):
                    continue
                if fold(toks[0]) in _RUN_OPENERS or fold(toks[0]) in STOPWORDS:
                    continue
                if src.mentions(name) or all(_stem(w) in src.word_set for w in words(name)):
                    continue
                if self.in_target_phrase(start) or any(x <= start < y for x, y in self.masked):
                    continue
                if self.is_non_claim(start):
                    continue
                self.add(
                    ViolationType.SKILL, Severity.WARNING, start, start + len(name),
                    f"Your CV does not mention {name}.", NOT_FOUND,
                )  # fmt: skip

    def check_skills(self, mentions: list[SkillMention]) -> None:
        src = self.src
        for m in mentions:
            skill = src.vocab.get(m.skill)
            if skill is None or not skill.is_hard or m.skill in src.skills:
                continue
            if self.target_company and fold(m.text) in (fold(self.target_company), *self.target_key):
                continue
            if src.mentions(m.text) or any(a <= m.start < b for a, b in self.title_spans):
                continue
            if self.is_non_claim(m.start):
                continue
            start, end = m.start, m.end
            if end - start < 2:  # one-letter skills ("R"): underline with the word before
                prev = re.search(r"(\S+\s+)$", self.text[max(0, start - 20) : start])
                if prev:
                    start -= len(prev.group(1))
            self.add(
                ViolationType.SKILL, Severity.WARNING, start, end,
                f"Your CV does not mention {m.skill}.", NOT_FOUND,
            )  # fmt: skip

    def quotes_posting(self, pos: int) -> bool:
        """Whether the clause before `pos` attributes what follows to the job posting ("the posting asks for
        5+ years")."""
        sent = self.sentence_at(pos)
        rel = pos - sent.start
        cuts = [0] + [m.end() for m in _CLAUSE_SPLIT_RE.finditer(sent.text) if m.end() <= rel]
        if _POSTING_CUE_RE.search(sent.text[max(cuts) : rel]):
            return True
        # "Of the six core requirements in your posting": the number counts the posting's items.
        return bool(_POSTING_ITEMS_AFTER_RE.match(sent.text[rel:]))

    def is_non_claim(self, pos: int) -> bool:
        """Whether the clause around `pos` names a skill as a gap, a wish or the employer's stack."""
        sent = self.sentence_at(pos)
        rel = pos - sent.start
        cuts = [0] + [m.end() for m in _CLAUSE_SPLIT_RE.finditer(sent.text)] + [len(sent.text)]
        lo = max(c for c in cuts if c <= rel)
        his = [c for c in cuts if c > rel]
        hi = min(his) if his else len(sent.text)
        if _NON_CLAIM_RE.search(sent.text[lo:rel]):
            return True
        stack = _THEIR_STACK_RE.search(sent.text[lo:rel])
        if stack and not re.match(r"(?i)my\b|our\b", stack.group(0)):
            return True
        if _NEGATION_AFTER_RE.match(sent.text[rel:hi]):
            return True
        heading = self.text[max(0, sent.start - 200) : sent.start]
        last_line = heading.rstrip().rsplit("\n", 1)[-1]
        return bool(re.match(r"\s*(?:gaps?|considerations?|areas? to develop|to learn)\b", last_line, re.I))

    # ------------------------------------------------------------------------------ numbers
    def check_quantities(self) -> None:
        src = self.src
        for q in find_quantities(self.text, skip=self.masked):
            if q.years:
                if not self.quotes_posting(q.start):
                    self.check_years(q)
                continue
            if _supported_quantity(q, src, quantity_context(self.text, q)) or self.quotes_posting(q.start):
                continue
            if self.target_company and self.in_target_phrase(q.start):
                continue
            self.add(
                ViolationType.METRIC, Severity.WARNING, q.start, q.end,
                "This number is not in your CV.", _closest_quantity(q, src.quantities, src.quantity_phrases),
            )  # fmt: skip

    def check_years(self, q: Quantity) -> None:
        src = self.src
        if q.value in src.stated_years and not q.plus:
            return
        allowed = max([src.experience_years, *src.stated_years])
        over = q.value >= allowed + 0.01 if q.plus else q.value > allowed + 0.5
        if not over:
            return
        end = q.end
        tail = re.match(r"\+?\s*(?:-\s*)?(?:years?|yrs?)", self.text[end:])
        if tail:
            end += tail.end()
        start = q.start
        lead = re.search(r"(?:more than|over|upwards of|at least)\s+$", self.text[max(0, start - 20) : start], re.I)
        if lead:
            start -= len(lead.group(0))
        self.add(
            ViolationType.METRIC, Severity.CRITICAL, start, end,
            "This overstates your years of experience.",
            f"your CV covers about {src.experience_years:.1f} years of work",
        )  # fmt: skip

    def in_target_phrase(self, pos: int) -> bool:
        return self.target_pat is not None and any(
            m.start() <= pos < m.end() for m in self.target_pat.finditer(self.low)
        )

    # ------------------------------------------------------------------------------ education
    def check_education(self, cert_spans: list[tuple[int, int]]) -> None:
        src = self.src
        for m in _DEGREE_RE.finditer(self.text):
            level, field_tokens = _degree_parts(m)
            if level is None:
                continue
            start, end = m.start(), _field_end(m)
            if self.is_non_claim_degree(start):
                continue
            phrase = self.text[start:end]
            if level not in src.levels:
                if src.mentions(phrase):
                    continue
                self.add(
                    ViolationType.EDUCATION, Severity.CRITICAL, start, end,
                    "Your CV does not list this degree.", _schools_label(src),
                )  # fmt: skip
                continue
            if field_tokens and not any(
                s.level == level and field_tokens <= (s.field_tokens | s.key) for s in src.schools
            ):
                self.add(
                    ViolationType.EDUCATION, Severity.CRITICAL, start, end,
                    "Your CV lists this degree in another field.", _schools_label(src),
                )  # fmt: skip
        for m in _INSTITUTION_RE.finditer(self.text):
            start, end = m.start(), m.end()
            inst = m.group(0)
            inst = re.sub(r"^(?:The|the)\s+", "", inst)
            start = end - len(inst)
            if any(a <= start < b or a < end <= b for a, b in cert_spans):
                continue
            if re.match(r"\s*(?:Certified|Certificate|Certification)", self.text[end : end + 15]):
                continue
            key = frozenset(_inst_tokens(inst))
            if len(key) < 1 or any(
                key == s.key or (key <= s.key and len(key) >= 2) or _institution_matches(inst, s.institution)
                for s in src.schools
            ):
                continue
            if src.mentions(inst):
                continue
            self.add(
                ViolationType.EDUCATION, Severity.CRITICAL, start, end,
                "Your CV does not list this institution.", _schools_label(src),
            )  # fmt: skip

    def is_non_claim_degree(self, pos: int) -> bool:
        sent = self.sentence_at(pos)
        before = self.text[sent.start : pos]
        return bool(
            re.search(
                r"\b(?:prefer(?:s|red)?|requires?|required|posting|the role|such as|not|no|without|lack(?:s|ing)?)\b",
                before,
                re.I,
            )
        ) and not re.search(r"\b(?:hold|holds|earned|completed|graduated|received)\b", before, re.I)

    # ------------------------------------------------------------------------------ certifications
    def check_certifications(self) -> list[tuple[int, int]]:
        src = self.src
        spans: list[tuple[int, int]] = []
        for m in _CERT_CUE_RE.finditer(self.text):
            items = _cert_items(self.text, m)
            for start, end in items:
                spans.append((start, end))
                name = self.text[start:end]
                toks = set(_cert_tokens(name))
                if not toks:
                    continue
                if any(toks <= c.tokens for c in src.certs):
                    continue
                if any(start < e and s < end for s, e, *_ in ((v.start or 0, v.end or 0) for v in self.out)):
                    continue
                if self.is_non_claim(start):
                    continue
                self.add(
                    ViolationType.CERTIFICATION, Severity.CRITICAL, start, end,
                    "Your CV does not list this certification.",
                    src.closest(name, (c.name for c in src.certs)),
                )  # fmt: skip
        return spans

    # ------------------------------------------------------------------------------ titles
    def check_titles(self) -> None:
        src = self.src
        if not src.jobs:
            return
        for m in _CAP_RUN_RE.finditer(self.text):
            start, end = _skip_openers(self.text, m.start(), m.end())
            for cm in re.finditer(r"[ \t]+(?:of|for)[ \t]+", self.text[start:end]):
                at = start + cm.start()
                if self.company_after(at) is not None or self.in_target_phrase(start + cm.end()):
                    end = at
                    break
            toks = _title_tokens(self.text[start:end])
            if not toks or not (set(toks) & _TITLE_HEADS):
                continue
            # cut the run at "at/of <Company>" and trailing non-title words
            title, tstart, tend = _trim_title(self.text, start, end)
            if not title:
                continue
            ttoks = set(_title_tokens(title))
            if not (ttoks & _TITLE_HEADS):
                continue
            before = self.text[max(0, tstart - 40) : tstart]
            after = self.text[tend : tend + 60]
            company_idx = self.company_after(tend)
            held = bool(_TITLE_PREFIX_RE.search(before)) or company_idx is not None
            if not held:
                continue
            if len(ttoks) == 1 and not (ttoks & _STRONG_SINGLE_TITLES):
                continue
            same_as_target = self.target_title and _title_tokens(title) == _title_tokens(self.target_title)
            if same_as_target and company_idx is None and not re.match(r"\s+(?:at|of|for)\s", after):
                continue
            to_target = re.match(r"\s*(?:at|with|for|of)\s+(?:the\s+)?", after)
            if to_target and self.in_target_phrase(tend + to_target.end()):
                continue  # the job applied for
            sent = self.sentence_at(tstart)
            if _PROSPECTIVE_RE.search(self.text[sent.start : tstart]) and company_idx is None:
                continue
            candidates = [src.jobs[company_idx]] if company_idx is not None else list(src.jobs)
            if self.entry is not None and company_idx is None:
                candidates = [src.jobs[self.entry]] if self.entry < len(src.jobs) else candidates
            if any(_title_supported(ttoks, j.role_tokens) for j in candidates):
                continue
            if company_idx is None and any(_title_supported(ttoks, j.role_tokens) for j in src.jobs):
                continue
            if src.mentions(title) and not any(contains_phrase(fold(j.role), title) for j in src.jobs):
                continue  # named somewhere in the CV (not as a shortened role, judged above)
            best = candidates[0].role if len(candidates) == 1 else src.closest(title, (j.role for j in src.jobs))
            self.add(
                ViolationType.TITLE, Severity.CRITICAL, tstart, tend,
                "Your CV does not show this job title.", best or NOT_FOUND,
            )  # fmt: skip

    def company_after(self, pos: int) -> int | None:
        m = re.match(r"\s*(?:,\s*)?(?:at|of|for|with|in)\s+(?:the\s+)?", self.low[pos : pos + 12])
        if not m:
            return None
        at = pos + m.end()
        for job in self.src.jobs:
            if not job.patterns or not job.company:
                continue
            if job.patterns[0].match(self.low, at):
                return job.index
        return None

    # ------------------------------------------------------------------------------ employers
    def check_employers(self) -> None:
        src = self.src
        if self.target_pat is not None:
            for m in self.target_pat.finditer(self.low):
                before = self.text[max(0, m.start() - 40) : m.start()]
                prep = _TARGET_PREP_RE.search(before)
                if not prep:
                    continue
                if any(src.org_keys) and org_key(self.target_company or "") in src.org_keys:
                    break
                sent = self.sentence_at(m.start())
                s_text = self.text[sent.start : sent.end]
                if _PROSPECTIVE_RE.search(s_text):
                    continue
                clause = re.split(r"[,;:(]", self.text[sent.start : m.start()])[-1]
                if not _PAST_CUE_RE.search(s_text) and not _FIRST_PERSON_PAST_RE.search(clause):
                    continue
                start = m.start() - (len(before) - prep.start())
                self.add(
                    ViolationType.EMPLOYER, Severity.CRITICAL, start, m.end(),
                    "This presents the company you are applying to as a past employer or client.",
                    ", ".join(j.company for j in src.jobs if j.company) or NOT_FOUND,
                )  # fmt: skip
        for m in _ORG_AFTER_PREP_RE.finditer(self.text):
            name = re.sub(r"(?:'s|’s|')$", "", m.group("name"))
            name_start = m.start("name")
            name_end = name_start + len(name)
            tool = self.tool_as_employer(m, name)
            if not tool:
                if self.org_supported(name) or any(a <= name_start < b for a, b in self.masked):
                    continue
                sent = self.sentence_at(name_start)
                if not _EMPLOYMENT_CUE_RE.search(sent.text) or _PROSPECTIVE_RE.search(sent.text):
                    continue
            self.add(
                ViolationType.EMPLOYER, Severity.CRITICAL, name_start, name_end,
                "Your CV does not list this employer.",
                src.closest(name, (j.company for j in src.jobs)),
            )  # fmt: skip

    def tool_as_employer(self, m: re.Match[str], name: str) -> bool:
        """A skill or product name ("Salesforce") placed where an employer goes: "at Salesforce (2015 – 2019)",
        "worked at Salesforce". Supported only if the CV names it as an employer (an entry, or "at X" in its
        text)."""
        src = self.src
        key = org_key(name)
        if key in src.org_keys or src.vocab.canonical(name) is None:
            return False
        if not re.match(r"(?i)at|joined", m.group(0)):
            return False
        after = self.text[m.start("name") + len(name) :][:16]
        before = re.split(r"[.;!?\n]", self.text[max(0, m.start() - 60) : m.start()])[-1]
        strong = re.match(r"\s*[(,–-]?\s*(?:\w{3,9}\.?\s+)?(?:19|20)\d\d", after) or re.search(
            r"(?i)\b(?:worked|work|working|employed|job|role|position|career|started|interned?|hired)\b", before
        )
        if not strong:
            return False
        return not re.search(r"\b(?:at|joined)\s+(?:the\s+)?" + re.escape(fold(name)) + r"\b", src.text_folded)

    def org_supported(self, name: str) -> bool:
        src = self.src
        key = org_key(name)
        if not key:
            return True
        first = key[0]
        if first in _MONTHS_AND_DAYS or first in STOPWORDS or first in {"i", "we", "he", "she", "they"}:
            return True
        if key in src.org_keys or src.mentions(" ".join(key)) or src.mentions(name):
            return True
        if self.target_key and (key == self.target_key[: len(key)] or self.target_key == key[: len(self.target_key)]):
            return True
        if src.vocab.canonical(name) is not None:
            return True
        if any(_institution_matches(name, s.institution) for s in src.schools if s.institution):
            return True
        if set(_title_tokens(name)) & _TITLE_HEADS:
            return True  # a job title, checked by the title rule
        return bool(_INSTITUTION_RE.fullmatch(name) or _CERT_CUE_RE.search(name))


_MONTHS_AND_DAYS = wordset(
    "january february march april may june july august september october november december jan feb mar "
    "apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday q1 q2 "
    "q3 q4"
)


# =========================================================================================== structured checks
def _check_contact_fields(doc: MasterCV, src: FactSources, r: RenderedCV) -> list[Violation]:
    out: list[Violation] = []
    cv = src.cv

    def flag(path: str, value: str, message: str, source: str | None) -> None:
        start = r.offset(path)
        out.append(
            Violation(
                type=ViolationType.CONTACT,
                severity=Severity.CRITICAL,
                text=value,
                start=start,
                end=start + len(value),
                message=message,
                source=source or NOT_FOUND,
            )
        )

    doc_name = set(_name_tokens(doc.full_name or ""))
    if (
        doc.full_name
        and cv.full_name
        and doc_name != set(_name_tokens(cv.full_name))
        and (not doc_name <= src.name_tokens or len(doc_name) < 2)
    ):
        flag("full_name", doc.full_name, "This name is not the one in your CV.", cv.full_name)
    d, c = doc.contact_info, cv.contact_info
    if d.email and fold(d.email) != fold(c.email or ""):
        flag("contact_info.email", d.email, "This e-mail address is not the one in your CV.", c.email)
    if d.phone and not (c.phone and _same_phone(_digits(d.phone), _digits(c.phone))):
        flag("contact_info.phone", d.phone, "This phone number is not the one in your CV.", c.phone)
    if d.location and not (c.location and _same_location(d.location, c.location)):
        flag("contact_info.location", d.location, "This location is not the one in your CV.", c.location)
    for key in ("linkedin", "website"):
        value = getattr(d, key)
        if value and _url_key(value) not in src.urls:
            flag(f"contact_info.{key}", value, f"This {key} address is not the one in your CV.", getattr(c, key))
    return out


def _violation(
    vtype: ViolationType, severity: Severity, r: RenderedCV, path: str, value: str, message: str, source: str
) -> Violation:
    start = r.offset(path)
    return Violation(
        type=vtype,
        severity=severity,
        text=value,
        start=start,
        end=start + len(value),
        message=message,
        source=source or NOT_FOUND,
    )


def _check_experience(
    doc: MasterCV, src: FactSources, r: RenderedCV, target_company: str | None, target_title: str | None
) -> list[Violation]:
    out: list[Violation] = []
    for i, e in enumerate(doc.experience):
        matches = [j for j in src.jobs if j.company_key and org_key(e.company or "") == j.company_key]
        if not matches and e.company and not src.jobs:
            matches = []
        if not matches and not e.company:
            matches = [j for j in src.jobs if _title_supported(set(_title_tokens(e.role or "")), j.role_tokens)]
        if not matches:
            if e.company and (not src.mentions(e.company) or _is_target(e.company, target_company)):
                out.append(
                    _violation(
                        ViolationType.EMPLOYER,
                        Severity.CRITICAL,
                        r,
                        f"experience[{i}].company",
                        e.company,
                        "Your CV does not list this employer.",
                        src.closest(e.company, (j.company for j in src.jobs)),
                    )
                )
                continue
            if not e.company:
                continue
        if e.role:
            toks = set(_title_tokens(e.role))
            pool = matches or list(src.jobs)
            if (
                toks
                and not any(_title_supported(toks, j.role_tokens) for j in pool)
                and not (not matches and src.mentions(e.role))
            ):
                out.append(
                    _violation(
                        ViolationType.TITLE,
                        Severity.CRITICAL,
                        r,
                        f"experience[{i}].role",
                        e.role,
                        "Your CV does not show this job title here.",
                        pool[0].role if pool else NOT_FOUND,
                    )
                )
        if matches:
            start, end = _entry_range(e.start_date, e.end_date, None)
            raw_start, raw_end = parse_range(e.dates_raw)
            job = _best_job(matches, e)
            span = src.job_spans[job.index] if job.index < len(src.job_spans) else (job.start, job.end)
            for value_start, value_end, text in (
                (start, end, " – ".join(x for x in (e.start_date, e.end_date) if x)),
                (raw_start, raw_end, e.dates_raw),
            ):
                if not text or (value_start is None and value_end is None):
                    continue
                if not _dates_agree(value_start, value_end, job.start, job.end, src.today) and not _dates_agree(
                    value_start, value_end, span[0], span[1], src.today
                ):
                    shown = text if text == e.dates_raw else _wrong_field(e, job, src.today)
                    out.append(
                        _violation(
                            ViolationType.DATES,
                            Severity.CRITICAL,
                            r,
                            f"experience[{i}].dates",
                            shown,
                            "These dates do not match your CV.",
                            f"{job.company}: {job.dates_raw}",
                        )
                    )
                    break
        entry = matches[0].index if matches else None
        for j, bullet in enumerate(e.achievements):
            found = check_text(bullet, src, target_company=target_company, target_title=target_title, entry=entry)
            out += _shift(found, r.offset(f"experience[{i}].achievements[{j}]"))
    return out


def _wrong_field(e: ExperienceEntry | EducationEntry, src_start: _Job | _School, today: date) -> str:
    """The start or end date field of a tailored-CV entry that contradicts the CV (the one to underline)."""
    start, end = parse_point(e.start_date), parse_point(e.end_date)
    if start is not None and src_start.start is not None and not start.agrees_with(src_start.start):
        return e.start_date or ""
    if end is not None and src_start.end is not None and not _end_agrees(end, src_start.end, today):
        return e.end_date or ""
    return " – ".join(x for x in (e.start_date, e.end_date) if x)


def _best_job(matches: list[_Job], e: ExperienceEntry) -> _Job:
    toks = set(_title_tokens(e.role or ""))
    for j in matches:
        if toks and _title_supported(toks, j.role_tokens):
            return j
    return matches[0]


def _check_education(doc: MasterCV, src: FactSources, r: RenderedCV) -> list[Violation]:
    out: list[Violation] = []
    for i, e in enumerate(doc.education):
        key = frozenset(_inst_tokens(e.institution or ""))
        matches = [
            s
            for s in src.schools
            if key and (key == s.key or key <= s.key or _institution_matches(e.institution or "", s.institution))
        ]
        if e.institution and not matches and not src.mentions(e.institution):
            out.append(
                _violation(
                    ViolationType.EDUCATION,
                    Severity.CRITICAL,
                    r,
                    f"education[{i}].institution",
                    e.institution,
                    "Your CV does not list this institution.",
                    src.closest(e.institution, (s.institution for s in src.schools)),
                )
            )
            continue
        pool = matches or list(src.schools)
        if e.degree:
            found = _degrees_in(" ".join(x for x in (e.degree, e.field_of_study) if x))
            level = found[0][0] if found else _level_of(e.degree)
            ftoks = {w for w in words(e.degree) if w not in _GENERIC_FIELD} - _DEGREE_WORDS
            ok = any(
                (level is None or s.level == level)
                and (ftoks <= s.field_tokens | s.key | _DEGREE_WORDS or fold(e.degree) == fold(s.degree))
                for s in pool
            )
            if not ok:
                out.append(
                    _violation(
                        ViolationType.EDUCATION,
                        Severity.CRITICAL,
                        r,
                        f"education[{i}].degree",
                        e.degree,
                        "Your CV does not list this degree.",
                        _schools_label(src),
                    )
                )
                continue
        if e.field_of_study:
            ftoks = {w for w in words(e.field_of_study) if w not in _GENERIC_FIELD}
            if ftoks and not any(ftoks <= s.field_tokens for s in pool):
                out.append(
                    _violation(
                        ViolationType.EDUCATION,
                        Severity.CRITICAL,
                        r,
                        f"education[{i}].field_of_study",
                        e.field_of_study,
                        "Your CV lists another field of study.",
                        _schools_label(src),
                    )
                )
        if matches:
            s0 = matches[0]
            start, end = _entry_range(e.start_date, e.end_date, None)
            raw_start, raw_end = parse_range(e.dates_raw)
            for vs, ve, text in ((start, end, e.start_date or e.end_date), (raw_start, raw_end, e.dates_raw)):
                if text and not _dates_agree(vs, ve, s0.start, s0.end, src.today):
                    out.append(
                        _violation(
                            ViolationType.DATES,
                            Severity.CRITICAL,
                            r,
                            f"education[{i}].dates",
                            text if text == e.dates_raw else _wrong_field(e, s0, src.today),
                            "These dates do not match your CV.",
                            f"{s0.institution}: {s0.dates_raw}",
                        )
                    )
                    break
    return out


def _check_cert_list(doc: MasterCV, src: FactSources, r: RenderedCV) -> list[Violation]:
    out: list[Violation] = []
    for i, c in enumerate(doc.certifications):
        toks = set(_cert_tokens(c.name))
        if not toks or any(toks <= cert.tokens for cert in src.certs):
            continue
        out.append(
            _violation(
                ViolationType.CERTIFICATION,
                Severity.CRITICAL,
                r,
                f"certifications[{i}].name",
                c.name,
                "Your CV does not list this certification.",
                src.closest(c.name, (x.name for x in src.certs)),
            )
        )
    return out


def _check_skill_list(doc: MasterCV, src: FactSources, r: RenderedCV) -> list[Violation]:
    out: list[Violation] = []
    for i, item in enumerate(doc.skills):
        if not item.strip():
            continue
        canonical = src.vocab.canonical(item)
        if canonical is not None:
            if canonical in src.skills or src.mentions(item):
                continue
        else:
            if src.mentions(item):
                continue
            ws = [_stem(w) for w in words(item) if w not in STOPWORDS]
            if ws and all(w in src.word_set for w in ws):
                continue
            parts = [p for p in re.split(r"\s*[/,&]\s*|\s+and\s+", item) if p.strip()]
            if len(parts) > 1 and all((src.vocab.canonical(p) in src.skills) or src.mentions(p) for p in parts):
                continue
        out.append(
            _violation(
                ViolationType.SKILL,
                Severity.WARNING,
                r,
                f"skills[{i}]",
                item,
                f"Your CV does not mention {canonical or item}.",
                NOT_FOUND,
            )
        )
    return out


# =========================================================================================== helpers
def _shift(found: list[Violation], offset: int) -> list[Violation]:
    return [
        v.model_copy(
            update={
                "start": None if v.start is None else v.start + offset,
                "end": None if v.end is None else v.end + offset,
            }
        )
        for v in found
    ]


_SEVERITY_RANK = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _dedupe(found: list[Violation]) -> list[Violation]:
    """One violation per place: overlapping findings keep the most severe (then the longest)."""
    ordered = sorted(found, key=lambda v: (_SEVERITY_RANK[v.severity], -((v.end or 0) - (v.start or 0)), v.start or 0))
    kept: list[Violation] = []
    for v in ordered:
        if v.start is not None and any(
            k.start is not None and k.end is not None and v.end is not None and k.start < v.end and v.start < k.end
            for k in kept
        ):
            continue
        kept.append(v)
    kept.sort(key=lambda v: (v.start if v.start is not None else -1, v.end or 0))
    return kept


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _same_phone(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 7 and long_.endswith(short) and len(long_) - len(short) <= 3


def _looks_like_phone(s: str) -> bool:
    s = s.strip()
    digits = _digits(s)
    if not 7 <= len(digits) <= 15:
        return False
    groups = re.findall(r"\d+", s)
    if all(len(g) == 4 and 1950 <= int(g) <= 2100 for g in groups):
        return False
    return s.startswith(("+", "(")) or len(groups) >= 3 or bool(re.fullmatch(r"\d{3}[-.\s]\d{4}", s))


def _url_key(u: str) -> str:
    k = fold(u).strip().rstrip("/")
    k = re.sub(r"^https?://", "", k)
    return re.sub(r"^www\.", "", k)


def _location_tokens(s: str) -> list[list[str]]:
    parts = [p for p in (fold(x) for x in s.split(",")) if p]
    return [[_US_STATES.get(w, w) for w in " ".join(p.split()).split()] for p in parts]


def _same_location(a: str, b: str) -> bool:
    pa, pb = _location_tokens(a), _location_tokens(b)
    if not pa or not pb or pa[0] != pb[0]:
        return False
    rest_a = {" ".join(p) for p in pa[1:]}
    rest_b = {" ".join(p) for p in pb[1:]}
    return not rest_a or not rest_b or bool(rest_a & rest_b) or rest_a <= rest_b or rest_b <= rest_a


def _name_tokens(name: str) -> list[str]:
    """Folded name words without honorifics; "ae/oe/ue" and "ä/ö/ü" compare equal (Mueller = Müller = Muller)."""
    toks = [w.strip(".") for w in words(plain_letters(name))]
    toks = [t for t in toks if t and t not in {"dr", "mr", "mrs", "ms", "prof", "phd", "msc", "jr", "sr", "mba"}]
    return [re.sub(r"(?<=[aou])e", "", t) if len(t) > 3 else t for t in toks]


def _stem(w: str) -> str:
    w = w.lower()
    for suf in ("ies", "es", "s"):
        if len(w) > 4 and w.endswith(suf):
            return w[: -len(suf)] + ("y" if suf == "ies" else "")
    return w


def _title_tokens(title: str) -> list[str]:
    out: list[str] = []
    for w in words(title.replace("/", " ").replace("&", " ").replace("-", " ")):
        w = w.strip(".")
        exp = _TITLE_EXPAND.get(w)
        if exp:
            out += exp.split()
        elif w and w not in STOPWORDS and w not in _TITLE_NOISE:
            out.append(w)
    return out


def _title_supported(doc_tokens: set[str], role_tokens: frozenset[str]) -> bool:
    if not doc_tokens:
        return True
    if not doc_tokens <= role_tokens:
        return False
    return not ((role_tokens - doc_tokens) & _JUNIOR_WORDS)


def _trim_title(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The title part of a capitalised run: stop at " at/of/for <Org>" and drop trailing non-title words."""
    run = text[start:end]
    cut = re.search(r"\s+(?:at|for|with)\s+", run)
    if cut:
        run = run[: cut.start()]
    # "Director of Operations" keeps "of"; "CEO/President of Pied Piper" is cut by company_after later
    toks = list(re.finditer(r"\S+", run))
    while toks and not (set(_title_tokens(toks[-1].group(0))) & _TITLE_HEADS):
        # keep "of Operations" style complements that follow a head word
        if (
            len(toks) >= 2
            and fold(toks[-2].group(0)) in {"of", "for"}
            and any(set(_title_tokens(t.group(0))) & _TITLE_HEADS for t in toks[:-2])
        ):
            break
        toks.pop()
    if not toks:
        return "", start, start
    # drop leading non-title words that are not modifiers (e.g. a company name before the title)
    s = start + toks[0].start()
    e = start + toks[-1].end()
    title = text[s:e].rstrip(".,;:'’")
    return title, s, s + len(title)


def _skip_openers(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop capitalised function words that open a run ("As", "At", "The")."""
    while True:
        m = re.match(r"(\S+)[ \t]+", text[start:end])
        if not m or fold(m.group(1)) not in _RUN_OPENERS:
            return start, end
        start += m.end()


def _is_target(company: str, target: str | None) -> bool:
    return bool(target) and org_key(company) == org_key(target or "")


def _dates_agree(
    ds: YearMonth | None, de: YearMonth | None, ss: YearMonth | None, se: YearMonth | None, today: date
) -> bool:
    if ds is not None and ss is not None and not ds.agrees_with(ss):
        return False
    return not (de is not None and se is not None and not _end_agrees(de, se, today))


def _end_agrees(doc_end: YearMonth, src_end: YearMonth, today: date) -> bool:
    if doc_end.agrees_with(src_end):
        return True
    if src_end.present and not doc_end.present:
        return doc_end.year >= today.year  # "2021 – 2026" written in 2026 for an ongoing job
    return False


def _range_agrees(
    d: DateMention, start: YearMonth | None, end: YearMonth | None, today: date, *, exact: bool = False
) -> bool:
    if start is None:
        return False
    if not d.start.agrees_with(start):
        return False
    if d.end is None:
        return not exact
    if end is None:
        return not exact
    return _end_agrees(d.end, end, today)


_COMPATIBLE_UNITS = {
    "percent": frozenset({"percent"}),
    "money": frozenset({"money"}),
    "count": frozenset({"count", "multiple"}),
    "multiple": frozenset({"multiple", "count"}),
}
_CONTEXT_NOISE = wordset(
    "about around approximately approx roughly nearly almost some over more than upwards least up close "
    "per year years month months week weeks day days annual annually yearly monthly weekly daily a an the of "
    "by to from in on for with and or over into across total new newly than while at as i we my our "
    "one two three four five six seven eight nine ten eleven twelve dozen hundred thousand million billion "
    "percent cent times x k m"
)
_CONTEXT_WORD = re.compile(r"[^\W\d_][\w'-]*")


def quantity_context(text: str, q: Quantity) -> frozenset[str]:
    """The content words around a number (six before, six after, within its clause): what it counts or measures
    ("team", "nurse", "revenue")."""
    before = re.split(r"[.;:!?\n]", text[max(0, q.start - 80) : q.start])[-1]
    after = re.split(r"[.;:!?\n]", text[q.end : q.end + 80])[0]
    toks = _CONTEXT_WORD.findall(before)[-6:] + _CONTEXT_WORD.findall(after)[:6]
    return frozenset(w for t in toks if (w := _stem(fold(t)).rstrip("'")) not in _CONTEXT_NOISE and len(w) > 1)


def _supported_quantity(q: Quantity, src: FactSources, context: frozenset[str]) -> bool:
    """A number is supported when the CV states it (same unit class), or when it rounds down or approximates a
    CV number that measures the same thing (they share a word around them: "about 30% fewer infections" for
    "reduced infections by 31%"; not "20 nurses" for "a 24-bed ICU")."""
    for s, s_context in zip(src.quantities, src.quantity_contexts, strict=True):
        if s.unit not in _COMPATIBLE_UNITS[q.unit]:
            continue
        if s.value == 0:
            if q.value == 0:
                return True
            continue
        ratio = q.value / s.value
        related = not context or not s_context or bool(context & s_context)
        if abs(ratio - 1) < 1e-9 and (related or q.unit != "count"):
            return True  # a bare count must count the same thing: "40 engineers" is not "40 seconds"
        if not related:
            continue
        if 0.75 <= ratio <= 1.0 and (q.approx or q.plus or s.plus or s.value >= 10):
            return True  # honest rounding down: "31%" → "about 30%", "2.3M" → "over 2 million"
        if q.approx and abs(ratio - 1) <= 0.05:
            return True
    return False


_PHRASE = re.compile(r"[^\s,;:()]+(?:[ \t]+[^\W\d][\w%-]*){0,3}")


def _quantity_phrase(text: str, q: Quantity) -> str:
    """The quantity with up to three words after it, as the CV says it ("40 seconds", "1.2 million card
    payments"): what a number in a document is compared with."""
    m = _PHRASE.match(text, q.start)
    return m.group(0).rstrip(".") if m and m.end() > q.end else q.text


def _closest_quantity(q: Quantity, pool: Sequence[Quantity], phrases: Sequence[str] = ()) -> str:
    indexed = [(s, phrases[i] if i < len(phrases) else s.text) for i, s in enumerate(pool)]
    same = [(s, p) for s, p in indexed if s.unit == q.unit] or indexed
    if not same:
        return NOT_FOUND
    best, phrase = min(same, key=lambda sp: abs(sp[0].value - q.value) / max(abs(sp[0].value), 1.0))
    if best.value == q.value and phrase != best.text:  # the same number, counting something else
        return f"“{phrase}” (it counts something else)"
    return f"“{phrase}”"


_DEGREE_WORDS = wordset(
    "b.s b.sc bsc bs b.a ba beng b.eng btech bba m.s m.sc msc ms m.a ma meng m.eng mba phd ph.d d.phil "
    "bachelor bachelors master masters doctor doctorate associate associates degree diploma"
)


def _level_of(degree: str) -> str | None:
    f = fold(degree).replace(" ", "")
    if re.match(r"^(?:ph\.?d|d\.?phil|doctor|ed\.?d)", f):
        return "doctorate"
    if re.match(r"^(?:mba|m\.?b\.?a)", f):
        return "mba"
    if re.match(r"^(?:m\.?s\.?c?|m\.?a\.?|m\.?eng|m\.?phil|master|ll\.?m)(?![a-z])|^master", f):
        return "master"
    if re.match(r"^(?:b\.?s\.?c?|b\.?a\.?|b\.?eng|b\.?tech|bba|b\.?com|bachelor|ll\.?b)(?![a-z])|^bachelor", f):
        return "bachelor"
    if re.match(r"^(?:a\.?a\.?s?|a\.?s\.?|associate)(?![a-z])|^associate", f):
        return "associate"
    return None


_FIELD_LEAD = re.compile(r"^\s+(?:degree\s+)?(?:(?:in|of)\s+)?", re.IGNORECASE)


def _field_bounds(m: re.Match[str]) -> tuple[int, int]:
    """Start and end of the field of study after a degree ("in Computer Science"), cut before "from MIT"."""
    fld = m.group("field")
    if not fld:
        return -1, -1
    lead = _FIELD_LEAD.match(fld)
    body_start = lead.end() if lead else 0
    body = _FIELD_STOP.sub("", fld[body_start:]).rstrip(" .,;:")
    return m.start("field") + body_start, m.start("field") + body_start + len(body)


def _degree_parts(m: re.Match[str]) -> tuple[str | None, frozenset[str]]:
    head = m.group("abbr") or m.group("word") or ""
    level = _level_of(head)
    fs, fe = _field_bounds(m)
    field_text = m.string[fs:fe] if fs >= 0 else ""
    ftoks = frozenset(w for w in words(field_text) if w not in _GENERIC_FIELD and w not in _DEGREE_WORDS)
    return level, ftoks


def _field_end(m: re.Match[str]) -> int:
    fs, fe = _field_bounds(m)
    if fs < 0 or fe <= fs:
        return m.end("abbr") if m.group("abbr") else m.end("word")
    return fe


def _degrees_in(text: str) -> list[tuple[str, frozenset[str]]]:
    out: list[tuple[str, frozenset[str]]] = []
    for m in _DEGREE_RE.finditer(text):
        level, ftoks = _degree_parts(m)
        if level:
            out.append((level, ftoks))
            if level == "mba":
                out.append(("master", ftoks))
    return out


def _inst_tokens(name: str) -> list[str]:
    return [w.replace(".", "") for w in words(name) if w not in STOPWORDS and w not in {"at"}]


def _institution_matches(name: str, cv_name: str) -> bool:
    """Whether `name` is a short form of the CV's institution `cv_name`: every word is one of its words, a
    clipped one ("Univ." for University) or an acronym of consecutive words ("UC Berkeley" for University of
    California, Berkeley; "MIT"); transliterated spellings count ("Universitaet zu Koeln")."""
    for variant in {cv_name, transliterate(cv_name), plain_letters(cv_name)}:
        cv_words = _inst_tokens(variant)
        if cv_words and _short_form_of(name, cv_words):
            return True
    return False


def _short_form_of(name: str, cv_words: list[str]) -> bool:
    initials = "".join(w[0] for w in cv_words)
    seen = False
    for tok in re.findall(r"[^\W_]+", plain_letters(name)):
        folded = fold(tok)
        if folded in STOPWORDS or folded == "at":
            continue
        seen = True
        if folded in cv_words or (len(folded) >= 4 and any(w.startswith(folded) for w in cv_words)):
            continue
        if tok.isupper() and 2 <= len(tok) <= 6 and folded in initials:
            continue
        return False
    return seen


def _schools_label(src: FactSources) -> str:
    labels = [" — ".join(x for x in (s.degree, s.institution) if x) for s in src.schools if s.degree or s.institution]
    return "; ".join(labels) or NOT_FOUND


def _cert_tokens(name: str) -> list[str]:
    return [
        t
        for w in words(name.replace("/", " ").replace("-", " "))
        if w not in _CERT_GENERIC and (t := w.strip("()")) and not re.fullmatch(r"(?:19|20)\d\d", t)
    ]


def _cert_items(text: str, cue: re.Match[str]) -> list[tuple[int, int]]:
    """The certification names around a cue word ("... Certificate", "Certified ...", "... certification")."""
    word = cue.group(0)
    include_cue = word[0].isupper()
    plural = word.lower().endswith("s")
    token_re = re.compile(r"[A-Z0-9][\w.+&'’/-]*|\([A-Z0-9][\w.+&-]*\)")
    # left expansion
    left = cue.start()
    pos = cue.start()
    while True:
        seg = text[max(0, pos - 60) : pos]
        m = re.search(
            r"(?:(?P<tok>[A-Z0-9][\w.+&'’/-]*|\([A-Z0-9][\w.+&-]*\))|(?P<conn>&|of|for|in|-|–|:|and|,))[ \t]*$", seg
        )
        if not m:
            break
        if m.group("conn"):
            conn = m.group("conn")
            if conn in ("and", ",") and not plural:
                break
            pos = pos - (len(seg) - m.start())
            continue
        tok = m.group("tok")
        if fold(tok) in {"the", "a", "an", "i", "my"}:
            break
        pos = pos - (len(seg) - m.start())
        left = pos
    # right expansion (only after a capitalised "Certified" / "Certificate in")
    right = cue.end()
    if include_cue and word in ("Certified", "Certificate", "Certification"):
        pos = cue.end()
        while True:
            m = re.match(r"[ \t]*(?:(?:-|–|:|in|of|for)[ \t]+)?(" + token_re.pattern + r")", text[pos : pos + 60])
            if not m:
                break
            if word != "Certified" and not re.match(r"\s*(?:in|of|for)\s", text[pos : pos + 6]) and right == cue.end():
                break
            pos += m.end()
            right = pos
    if not include_cue:
        end = cue.start()
        while end > left and text[end - 1].isspace():
            end -= 1
    else:
        end = right
    if end <= left:
        return []
    phrase = text[left:end]
    # strip leading connectors
    lead = re.match(r"^(?:(?:and|,|&|of|for|in|-|–|:)\s*)+", phrase)
    if lead:
        left += lead.end()
        phrase = text[left:end]
    items: list[tuple[int, int]] = []
    for part in re.finditer(r"[^,]+?(?=\s+and\s+|,|$)", phrase):
        s = left + part.start()
        e = left + part.end()
        chunk = text[s:e]
        chunk_l = len(chunk) - len(chunk.lstrip(" ,&")) if chunk else 0
        s += chunk_l
        if e - s > 2:
            items.append((s, e))
    cleaned: list[tuple[int, int]] = []
    for s, e in items:
        sub = re.sub(r"^(?:and\s+)", "", text[s:e])
        s = e - len(sub)
        if sub.strip():
            cleaned.append((s, e))
    return cleaned
