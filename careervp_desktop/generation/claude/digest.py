"""The compact, structured facts one application's calls need, instead of the raw CV and job ad text.

`ApplicationDigest.build(ctx, redactor)` makes the data blocks every call of an application shares (so the
prompt cache can reuse them), with short ids the model cites and we resolve locally:

- the CV digest: summary, roles `[E1]` with their bullets `[E1.2]` (1-based positions in the master CV, so ids
  are stable), degrees `[D1]`, certifications `[C1]`, skills, languages. No contact details (placeholders only),
  no per-role locations, dates as YYYY-MM. Older roles keep only bullets that bear on the job (at most
  `OLD_ROLE_BULLETS`), so a long career does not cost a long prompt;
- the job digest: title, company, seniority, years, requirements `[R1 must]` each with the match folded in
  (met / partly met / not met, the evidence ids, the missing skills), responsibilities (the job ad's
  boilerplate — benefits, "about us" — is left out; the raw text goes in only when the parser found fewer than
  `MIN_REQUIREMENTS` requirements);
- the candidate's confirmed answers to gap questions `[A1]`.

Every text goes through the redactor first, and no data text can open or close one of our blocks (prompt
injection: the rules say the blocks are data). `CVIndex` resolves ids back to the master CV's own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from careervp_desktop.analysis.match import cv_years
from careervp_desktop.analysis.textnorm import fold
from careervp_desktop.domain.models import Evidence, MasterCV, MatchStatus, RequirementMatch
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


_BLOCK_TAG = re.compile(r"<\s*(/?)\s*(cv_digest|job|answers|task)\s*>", re.IGNORECASE)


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


def _dates(start: str | None, end: str | None, raw: str | None) -> str:
    if start or end:
        return f"{start or '?'} to {end or '?'}"
    return raw or ""


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
        relevant = _relevant_bullets(ctx)
        cv_block = neutralise_tags(redactor.redact(cv_digest_text(ctx, relevant)))
        job_block = neutralise_tags(redactor.redact(_job_text(ctx, index)))
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


def cv_digest_text(ctx: GenerationContext, relevant: set[tuple[int, int]] | None = None) -> str:
    """The CV digest (before redaction)."""
    cv = ctx.cv
    relevant = _relevant_bullets(ctx) if relevant is None else relevant
    years = int(cv_years(cv, today=ctx.today))
    lines = [
        f"Candidate: {NAME if cv.full_name else '(name not given)'}"
        + (f"; about {years} years of work" if years else "")
    ]
    if cv.professional_summary:
        lines.append(f"[SUMMARY] {' '.join(cv.professional_summary.split())}")
    if cv.experience:
        lines.append("Experience, newest first:")
    for i, job in enumerate(cv.experience):
        head = " — ".join(x for x in (job.role, job.company) if x) or "(role)"
        dates = _dates(job.start_date, job.end_date, job.dates_raw)
        bullets = list(enumerate(job.achievements))
        if i < RECENT_ROLES:
            ranked = sorted(bullets, key=lambda b: ((i, b[0]) not in relevant, b[0]))[:RECENT_ROLE_BULLETS]
        else:
            ranked = [b for b in bullets if (i, b[0]) in relevant][:OLD_ROLE_BULLETS]
        shown = sorted(ranked)
        hidden = len(bullets) - len(shown)
        more = f" ({hidden} more bullet{'s' if hidden != 1 else ''} not shown)" if hidden else ""
        lines.append(f"[E{i + 1}] {head}; {dates}{more}" if dates else f"[E{i + 1}] {head}{more}")
        lines += [f"  [{bullet_id(i, j)}] {' '.join(text.split())}" for j, text in shown]
    if cv.education:
        lines.append("Education:")
        for i, edu in enumerate(cv.education):
            field_of_study = edu.field_of_study
            if field_of_study and edu.degree and fold(field_of_study) in fold(edu.degree):
                field_of_study = None  # "M.Sc. Computer Science, Computer Science"
            what = ", ".join(x for x in (edu.degree, field_of_study) if x) or "(degree)"
            dates = _dates(edu.start_date, edu.end_date, edu.dates_raw)
            lines.append(f"[D{i + 1}] {what} — {edu.institution or '(institution)'}" + (f"; {dates}" if dates else ""))
    if cv.certifications:
        certs = []
        for i, c in enumerate(cv.certifications):
            extra = ", ".join(x for x in (c.issuer, c.date) if x)
            certs.append(f"[C{i + 1}] {c.name}" + (f" ({extra})" if extra else ""))
        lines.append("Certifications: " + "; ".join(certs))
    if cv.skills:
        lines.append("[SKILLS] " + ", ".join(cv.skills))
    if cv.languages:
        lines.append("[LANGUAGES] " + ", ".join(cv.languages))
    return "\n".join(lines)


_STATUS = {MatchStatus.MATCHED: "met", MatchStatus.PARTIAL: "partly met", MatchStatus.MISSING: "not met"}


def _job_text(ctx: GenerationContext, index: CVIndex) -> str:
    job = ctx.job
    facts = [
        ("Title", job.title),
        ("Company", job.company),
        ("Location", job.location),
        ("Seniority", job.seniority),
        ("Years asked", f"{job.years_required}+" if job.years_required else None),
        ("Language", job.language),
    ]
    lines = ["; ".join(f"{k}: {v}" for k, v in facts if v)]
    if ctx.match.requirements:
        lines.append(f"Requirements, and how the CV meets them (overall match {ctx.match.score}/100):")
    for n, rm in enumerate(ctx.match.requirements, start=1):
        index.requirements[f"R{n}"] = rm
        how = _STATUS[rm.status]
        if rm.evidence and rm.status is not MatchStatus.MISSING:
            how += " by " + ", ".join(dict.fromkeys(evidence_id(e) for e in rm.evidence[:3]))
        if rm.missing_skills:
            how += "; lacks " + ", ".join(rm.missing_skills)
        lines.append(f"[R{n} {rm.requirement.kind.value}] {' '.join(rm.requirement.text.split())} — {how}")
    if job.responsibilities:
        lines.append("Responsibilities:")
        lines += [f"- {' '.join(r.split())}" for r in job.responsibilities]
    if len(job.requirements) < MIN_REQUIREMENTS and job.raw_text.strip():
        lines += ["Job ad text (the parser found few requirements):", job.raw_text.strip()[:RAW_JOB_LIMIT]]
    return "\n".join(lines)


def _answers_text(ctx: GenerationContext) -> str:
    lines = []
    for n, q in enumerate((q for q in ctx.answers if q.answer and q.answer.strip()), start=1):
        answer = " ".join((q.answer or "").split())
        lines.append(f"[A{n}] Asked about: {' '.join(q.requirement.split())}\n  Answer: {answer}")
    answered = {" ".join((q.answer or "").split()) for q in ctx.answers}
    facts = [" ".join(f.split()) for f in ctx.known_facts if f.strip() and " ".join(f.split()) not in answered]
    lines += [f"[F{n}] {fact}" for n, fact in enumerate(dict.fromkeys(facts), start=1)]
    return "\n".join(lines)
