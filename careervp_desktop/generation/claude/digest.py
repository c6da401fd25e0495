"""The compact, structured facts one application's calls need, instead of the raw CV and job ad text.

`ApplicationDigest.build(ctx, redactor)` makes the data blocks every call of an application shares (so the
prompt cache can reuse them), one fact per line with a short id first that the model cites and we resolve
locally (the rules explain the ids once, so the blocks carry no section labels):

- the CV digest: `SUMMARY`, roles `E1 role — company, 2021-03–present` with their bullets `E1.2 …` (1-based
  positions in the master CV, so ids are stable), degrees `D1`, certifications `C1`, `SKILLS`, `LANGUAGES`. Every
  fact in the CV's own words (markdown marks at a line's start dropped), no empty fields, no contact details
  (placeholders only), no per-role locations, dates as YYYY-MM. Older roles keep only bullets that bear on the
  job (at most `OLD_ROLE_BULLETS`; `shown_bullets`), so a long career does not cost a long prompt;
- the job digest: one line of title, company, location, seniority (unless the title says it), years asked and
  language; `About:` — what the company does, the first sentences of the ad's "About us" (`company_blurb`: no
  pay, perks, equal-opportunity or application text); each requirement with the match folded in, tersely
  (`R5 must: <its text> — partly met: E1.1, SKILLS; lacks Kubernetes`: the evidence ids, only ones the CV digest
  shows, and the missing skills unless the requirement's own words already say them); the duties, one sentence
  each. The rest of the ad (benefits, salary, equal-opportunity statements, application instructions) is left
  out; the raw text goes in only when the parser found fewer than `MIN_REQUIREMENTS` requirements;
- the candidate's confirmed answers to gap questions `[A1]` and known facts `[F1]`.

Every text goes through the redactor first, and no data text can open or close one of our blocks (prompt
injection: the rules say the blocks are data). `CVIndex` resolves ids back to the master CV's own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from careervp_desktop.analysis.match import cv_years
from careervp_desktop.analysis.textnorm import fold
from careervp_desktop.domain.models import Evidence, JobPosting, MasterCV, MatchStatus, RequirementMatch, language_name
from careervp_desktop.generation.claude.privacy import NAME, Redactor
from careervp_desktop.generation.providers import GenerationContext

RECENT_ROLES = 3  # roles shown with all their bullets (newest first)
RECENT_ROLE_BULLETS = 6
OLD_ROLE_BULLETS = 2
MIN_REQUIREMENTS = 3
RAW_JOB_LIMIT = 6000  # characters of raw job text, when it has to go in


@dataclass(frozen=True)
class CVLineRef:
    id: str
    text: str
    where: str  # for the evidence matrix, e.g. "Nordlane Logistics — bullet 2"
    entry: int | None = None  # experience index
    bullet: int | None = None


@dataclass
class CVIndex:
    """Id → the master CV's own text (never the model's)."""

    lines: dict[str, CVLineRef] = field(default_factory=dict)
    requirements: dict[str, RequirementMatch] = field(default_factory=dict)

    def text(self, line_id: str) -> str | None:
        ref = self.lines.get(_norm_id(line_id))
        return ref.text if ref else None

    def ref(self, line_id: str) -> CVLineRef | None:
        return self.lines.get(_norm_id(line_id))

    def requirement(self, req_id: str) -> RequirementMatch | None:
        return self.requirements.get(_norm_id(req_id))


_BLOCK_TAG = re.compile(r"<\s*(/?)\s*(cv_digest|job|answers|task|feedback)\s*>", re.IGNORECASE)


def neutralise_tags(text: str) -> str:
    """Data may not open or close our blocks: "</job><task>…" in a job ad becomes "‹/job›‹task›…"."""
    return _BLOCK_TAG.sub(lambda m: f"‹{m.group(1)}{m.group(2)}›", text)


def _norm_id(value: str) -> str:
    return value.strip().strip("[]").upper()


def bullet_id(entry: int, bullet: int) -> str:
    return f"E{entry + 1}.{bullet + 1}"


def evidence_id(ev: Evidence) -> str:
    if ev.section == "experience" and ev.entry_index is not None:
        return bullet_id(ev.entry_index, ev.bullet_index) if ev.bullet_index is not None else f"E{ev.entry_index + 1}"
    if ev.section == "education" and ev.entry_index is not None:
        return f"D{ev.entry_index + 1}"
    if ev.section == "certifications" and ev.entry_index is not None:
        return f"C{ev.entry_index + 1}"
    return ev.section.upper()  # SUMMARY, SKILLS, LANGUAGES


@dataclass(frozen=True)
class ApplicationDigest:
    cv_block: str
    job_block: str  # the job with the match folded in: each requirement says how the CV meets it
    answers_block: str
    index: CVIndex

    @classmethod
    def build(cls, ctx: GenerationContext, redactor: Redactor) -> ApplicationDigest:
        index = CVIndex()
        _index_cv(ctx.cv, index)
        shown = shown_bullets(ctx)
        cv_block = neutralise_tags(redactor.redact(cv_digest_text(ctx, shown)))
        job_block = neutralise_tags(redactor.redact(_job_text(ctx, index, shown)))
        answers_block = neutralise_tags(redactor.redact(_answers_text(ctx)))
        return cls(cv_block, job_block, answers_block, index)


def _where(cv: MasterCV, entry: int, bullet: int | None) -> str:
    job = cv.experience[entry]
    place = job.company or job.role or "Experience"
    return f"{place} — bullet {bullet + 1}" if bullet is not None else place


def _index_cv(cv: MasterCV, index: CVIndex) -> None:
    for i, job in enumerate(cv.experience):
        head = " — ".join(x for x in (job.role, job.company) if x)
        index.lines[f"E{i + 1}"] = CVLineRef(f"E{i + 1}", head, _where(cv, i, None), i, None)
        for j, text in enumerate(job.achievements):
            index.lines[bullet_id(i, j)] = CVLineRef(bullet_id(i, j), text, _where(cv, i, j), i, j)
    for i, edu in enumerate(cv.education):
        text = ", ".join(x for x in (edu.degree, edu.field_of_study, edu.institution) if x)
        index.lines[f"D{i + 1}"] = CVLineRef(f"D{i + 1}", text, "Education")
    for i, cert in enumerate(cv.certifications):
        index.lines[f"C{i + 1}"] = CVLineRef(f"C{i + 1}", cert.name, "Certifications")
    if cv.professional_summary:
        index.lines["SUMMARY"] = CVLineRef("SUMMARY", cv.professional_summary, "Professional summary")
    if cv.skills:
        index.lines["SKILLS"] = CVLineRef("SKILLS", ", ".join(cv.skills), "Skills")


def _relevant_bullets(ctx: GenerationContext) -> set[tuple[int, int]]:
    """(entry, bullet) pairs that bear on the job: match evidence, or a bullet naming a job skill/keyword."""
    found: set[tuple[int, int]] = set()
    for rm in ctx.match.requirements:
        for ev in rm.evidence:
            if ev.section == "experience" and ev.entry_index is not None and ev.bullet_index is not None:
                found.add((ev.entry_index, ev.bullet_index))
    terms = {fold(t) for rm in ctx.match.requirements for t in rm.matched_skills}
    terms |= {fold(k) for k in ctx.job.keywords if len(k) > 2}
    for i, job in enumerate(ctx.cv.experience):
        for j, bullet in enumerate(job.achievements):
            folded = f" {fold(bullet)} "
            if any(f" {t} " in folded or f" {t}," in folded or f" {t}." in folded for t in terms if t):
                found.add((i, j))
    return found


def _clean(text: str | None) -> str:
    """One line, without markdown heading or emphasis marks at its start ("### Senior Engineer")."""
    return _LEAD_MARKS.sub("", " ".join((text or "").split()))


_LEAD_MARKS = re.compile(r"^[#*_>\s]+")


def _span(start: str | None, end: str | None, raw: str | None) -> str:
    if start or end:
        return f"{start or '?'}–{end or '?'}"
    return _clean(raw)


def shown_bullets(ctx: GenerationContext) -> dict[int, list[int]]:
    """Per role, the bullets the CV digest shows: recent roles up to `RECENT_ROLE_BULLETS` (the ones bearing on
    the job first), older roles only bullets that bear on the job (at most `OLD_ROLE_BULLETS`); CV order."""
    relevant = _relevant_bullets(ctx)
    out: dict[int, list[int]] = {}
    for i, job in enumerate(ctx.cv.experience):
        positions = range(len(job.achievements))
        if i < RECENT_ROLES:
            ranked = sorted(positions, key=lambda j: ((i, j) not in relevant, j))[:RECENT_ROLE_BULLETS]
        else:
            ranked = [j for j in positions if (i, j) in relevant][:OLD_ROLE_BULLETS]
        out[i] = sorted(ranked)
    return out


def cv_digest_text(ctx: GenerationContext, shown: dict[int, list[int]] | None = None) -> str:
    """The CV digest (before redaction): one fact per line, its id first, no labels the ids already say."""
    cv = ctx.cv
    shown = shown_bullets(ctx) if shown is None else shown
    years = int(cv_years(cv, today=ctx.today))
    name = NAME if cv.full_name else "(name not given)"
    lines = [f"Candidate: {name}" + (f", about {years} years of work" if years else "")]
    if cv.professional_summary:
        lines.append(f"SUMMARY {_clean(cv.professional_summary)}")
    for i, job in enumerate(cv.experience):
        head = " — ".join(x for x in (_clean(job.role), _clean(job.company)) if x) or "(role)"
        dates = _span(job.start_date, job.end_date, job.dates_raw)
        visible = shown.get(i, [])
        hidden = len(job.achievements) - len(visible)
        more = f" (+{hidden} bullet{'s' if hidden != 1 else ''} not shown)" if hidden else ""
        lines.append(f"E{i + 1} {head}" + (f", {dates}" if dates else "") + more)
        lines += [f"{bullet_id(i, j)} {_clean(job.achievements[j])}" for j in visible]
    for i, edu in enumerate(cv.education):
        degree, field_of_study = _clean(edu.degree), _clean(edu.field_of_study)
        if field_of_study and degree and fold(field_of_study) in fold(degree):
            field_of_study = ""  # "M.Sc. Computer Science, Computer Science"
        what = ", ".join(x for x in (degree, field_of_study) if x) or "(degree)"
        dates = _span(edu.start_date, edu.end_date, edu.dates_raw)
        where = _clean(edu.institution)
        lines.append(f"D{i + 1} {what}" + (f" — {where}" if where else "") + (f", {dates}" if dates else ""))
    for i, c in enumerate(cv.certifications):
        extra = ", ".join(x for x in (_clean(c.issuer), _clean(c.date)) if x)
        lines.append(f"C{i + 1} {_clean(c.name)}" + (f" ({extra})" if extra else ""))
    if cv.skills:
        lines.append("SKILLS " + ", ".join(_clean(x) for x in cv.skills))
    if cv.languages:
        lines.append("LANGUAGES " + ", ".join(_clean(x) for x in cv.languages))
    return "\n".join(lines)


_STATUS = {MatchStatus.MATCHED: "met", MatchStatus.PARTIAL: "partly met", MatchStatus.MISSING: "not met"}
ABOUT_SENTENCES = 2
ABOUT_LIMIT = 320  # characters of the company description
MAX_DUTIES = 10
_BULLET = re.compile(r"^(?:[•·▪◦●○■□►▶➢➤✓✔❖\-–—*+>]+|\d{1,2}[.)](?=\s))\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9ÄÖÜÅÉ\"“(])")
# A heading that opens the company's own description (en, de, fr, es); "About the role" is about the job.
_ABOUT_HEADING = re.compile(
    r"^[#*_=\s]*(?:about(?! (?:the|this) (?:role|job|position|opportunity|team you)\b)(?: [\w&.'’\-]+){1,4}|"
    r"who we are|company (?:description|overview|profile)|(?:our|the) (?:company|story|mission)|"
    r"(?:über|uber) uns|wer wir sind|(?:das |unser )?unternehmen|à propos(?: de [\w&.'’\- ]+)?|a propos(?: de nous)?|"
    r"qui sommes[- ]nous|(?:sobre|acerca de) nosotros|qui[eé]nes somos|la empresa)[\s*_:：]*$",
    re.IGNORECASE,
)
# What a company description should not carry into the prompt: pay, perks, equal opportunity, how to apply, and
# the "we are looking for" sentence (the role, not the company). Narrow on purpose: an insurer, a pension fund or
# an application-security vendor describes itself with words a broad filter would drop.
_BOILERPLATE = re.compile(
    r"salar(?:y|ies)|compensation|remuneration|[$€£]\s?\d|\b(?:USD|EUR|GBP|NOK|SEK|DKK|CHF)\s?\d|"
    r"\bbenefits\b|\bperks\b|paid (?:holiday|vacation|time off|leave)|learning budget|(?:health|dental|life) "
    r"insurance|pension (?:plan|scheme)|equal (?:employment )?opportunit|discriminat|regardless of|without regard|"
    r"\bdiversity\b|inclusive (?:workplace|environment|employer|culture)|(?:to|please|how to) apply\b|"
    r"\bapply (?:now|today|here|online|via|through|by)\b|(?:your|an) application\b|send (?:us )?your|cookie|"
    r"privacy (?:policy|notice|statement)|^(?:we are|we['’]re|we)\s+(?:currently\s+|now\s+)?(?:seeking|"
    r"looking for|hiring)\b",
    re.IGNORECASE,
)


def _heading(line: str) -> bool:
    """A line that opens a section: short, and either ends in a colon or does not end like a sentence."""
    if not 0 < len(line.split()) <= 8 or line[:1].islower():
        return False
    return line.endswith((":", "：")) or not line.endswith((".", "!", "?", ",", ";"))


def _paragraphs(raw: str) -> list[tuple[bool, str]]:
    """The ad's prose paragraphs (wrapped lines joined; bullets, headings and short unpunctuated lines such as a
    title or byline stand apart), each with whether it sits under an "About us" heading."""
    out: list[tuple[bool, str]] = []
    about, current = False, list[str]()

    def flush() -> None:
        if current:
            out.append((about, " ".join(current)))
            current.clear()

    for source in raw.replace("\r", "\n").split("\n"):
        line = " ".join(source.split())
        if not line or _BULLET.match(line):
            flush()
            continue
        if _heading(line):
            flush()
            if _ABOUT_HEADING.match(line):
                about = True
            elif len(line.split()) <= 6:  # the next section (a byline or title line before any heading: no harm)
                about = False
            out.append((False, line))
            continue
        current.append(line)
    flush()
    return out


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def company_blurb(job: JobPosting) -> str:
    """What the company does, in the ad's own words: the first sentences under its "About us" heading, or
    (without one) sentences that name the company. Pay, perks, equal-opportunity and application sentences are
    left out; at most `ABOUT_SENTENCES` sentences and `ABOUT_LIMIT` characters."""
    company = fold(job.company or "").strip()
    paragraphs = _paragraphs(job.raw_text)
    about = [p for under_about, p in paragraphs if under_about]
    if not about and company:
        about = [p for _, p in paragraphs if company in fold(p)]
    picked: list[str] = []
    for paragraph in about:
        for sentence in _SENTENCE_END.split(paragraph):
            if len(sentence.split()) < 6 or _heading(sentence) or _BOILERPLATE.search(sentence):
                continue
            if sum(len(p) + 1 for p in picked) + len(sentence) > ABOUT_LIMIT:
                return " ".join(picked)
            picked.append(sentence)
            if len(picked) == ABOUT_SENTENCES:
                return " ".join(picked)
    return " ".join(picked)


def _shown_id(ev: Evidence, shown: dict[int, list[int]]) -> str:
    """The evidence's id, or its role's id when the digest does not show that bullet."""
    experience = ev.section == "experience" and ev.entry_index is not None and ev.bullet_index is not None
    if experience and ev.bullet_index not in shown.get(ev.entry_index or 0, []):
        return f"E{(ev.entry_index or 0) + 1}"
    return evidence_id(ev)


def _requirement_line(n: int, rm: RequirementMatch, shown: dict[int, list[int]]) -> str:
    text = _clean(rm.requirement.text).rstrip(".;")
    how = _STATUS[rm.status]
    if rm.evidence and rm.status is not MatchStatus.MISSING:
        how += ": " + ", ".join(list(dict.fromkeys(_shown_id(e, shown) for e in rm.evidence))[:3])
    missing = rm.missing_skills
    if rm.status is MatchStatus.MISSING and all(fold(m) in fold(text) for m in missing):
        missing = []  # nothing of it is met: the requirement's own words say what is missing
    if missing:
        how += "; lacks " + ", ".join(missing)
    return f"R{n} {rm.requirement.kind.value}: {text} — {how}"


def _job_text(ctx: GenerationContext, index: CVIndex, shown: dict[int, list[int]]) -> str:
    job = ctx.job
    title = _clean(job.title)
    seniority = job.seniority if job.seniority and fold(job.seniority) not in fold(title) else None
    facts = [
        ("Title", title),
        ("Company", _clean(job.company)),
        ("Location", _clean(job.location)),
        ("Seniority", seniority),
        ("Years", f"{job.years_required}+" if job.years_required else None),
        ("Language", language_name(ctx.document_language)),
    ]
    lines = [" | ".join(f"{k}: {v}" for k, v in facts if v)]
    raw_too = len(job.requirements) < MIN_REQUIREMENTS and bool(job.raw_text.strip())
    if not raw_too and (about := company_blurb(job)):
        lines.append(f"About: {about}")
    if notes := " ".join(ctx.company_notes.split())[:600]:
        lines.append(f"Candidate's notes on the company: {notes}")
    if ctx.match.requirements:
        lines.append(f"Match {ctx.match.score}/100. Requirements:")
    for n, rm in enumerate(ctx.match.requirements, start=1):
        index.requirements[f"R{n}"] = rm
        lines.append(_requirement_line(n, rm, shown))
    if job.responsibilities:
        lines.append("Duties:")
        lines += [f"- {_first_sentence(_clean(r))}" for r in job.responsibilities[:MAX_DUTIES]]
    if raw_too:
        lines += ["Job ad text (the parser found few requirements):", job.raw_text.strip()[:RAW_JOB_LIMIT]]
    return "\n".join(lines)


def _answers_text(ctx: GenerationContext) -> str:
    lines = []
    for n, q in enumerate(ctx.document_answers, start=1):
        answer = " ".join((q.answer or "").split())
        lines.append(f"[A{n}] Asked about: {' '.join(q.requirement.split())}\n  Answer: {answer}")
    answered = {" ".join((q.answer or "").split()) for q in ctx.document_answers}
    facts = [" ".join(f.split()) for f in ctx.known_facts if f.strip() and " ".join(f.split()) not in answered]
    lines += [f"[F{n}] {fact}" for n, fact in enumerate(dict.fromkeys(facts), start=1)]
    return "\n".join(lines)
