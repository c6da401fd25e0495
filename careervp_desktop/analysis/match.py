"""Deterministic, explainable matching of a CV against a job posting.

For every requirement we collect the skills it names (the parser's list plus what the vocabulary finds in its
text), look for them in the CV (aliases and implied skills count: "Postgres" is PostgreSQL, FastAPI implies
Python), and score every CV line (bullet, summary, skills, certification, education, language) by skill and
keyword overlap. The best lines become the requirement's evidence. Years requirements are compared with the
years of experience computed from the job dates (overlaps merged, "present" = `today`).

Overall score (0–100) = weighted mean of the breakdown components that apply:
    must_haves 60 · nice_to_haves 15 · title 15 · years 10
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from careervp_desktop.analysis.dates import experience_years, parse_point, parse_range
from careervp_desktop.analysis.textnorm import STOPWORDS, fold, words, wordset
from careervp_desktop.domain.models import (
    Evidence,
    JobPosting,
    MasterCV,
    MatchResult,
    MatchStatus,
    Requirement,
    RequirementKind,
    RequirementMatch,
)
from careervp_desktop.domain.skills import SkillVocabulary, load_vocabulary

WEIGHTS = {"must_haves": 60.0, "nice_to_haves": 15.0, "title": 15.0, "years": 10.0}
MATCHED_AT = 0.75
PARTIAL_AT = 0.3
_MAX_EVIDENCE = 3
# Words that say how much, not what: they never count as keyword evidence.
_FILLER = wordset(
    "experience experienced years year strong solid proven hands-on hands on knowledge familiarity "
    "familiar with ability able skills skill good excellent great understanding working work professional "
    "plus ideally preferably preferred required requirement must nice have having another other such as "
    "e.g etc you your we our care about love enjoy write writes using use used any similar related "
    "equivalent degree field like least minimum including include includes both well"
)
_YEARS_RE = re.compile(r"(\d{1,2})\s*\+?\s*(?:-\s*\d{1,2}\s*)?(?:years?|yrs?)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CVLine:
    """One line of the CV that can serve as evidence."""

    section: str
    entry_index: int | None
    bullet_index: int | None
    text: str
    skills: frozenset[str]  # named in the line, plus what they imply (FastAPI → Python)
    words: frozenset[str]
    named: frozenset[str] = frozenset()  # named in the line


def cv_lines(cv: MasterCV, vocab: SkillVocabulary | None = None) -> list[CVLine]:
    vocab = vocab or load_vocabulary()
    out: list[CVLine] = []

    def add(section: str, entry: int | None, bullet: int | None, text: str | None) -> None:
        if text and text.strip():
            named = frozenset(m.skill for m in vocab.find(text))
            found = frozenset(vocab.with_implied(set(named)))
            out.append(CVLine(section, entry, bullet, text.strip(), found, frozenset(_keywords(text)), named))

    for i, e in enumerate(cv.experience):
        for j, a in enumerate(e.achievements):
            add("experience", i, j, a)
        add("experience", i, None, " — ".join(x for x in (e.role, e.company) if x))
    if cv.professional_summary:
        add("summary", None, None, cv.professional_summary)
    for i, s in enumerate(cv.skills):
        line = s.strip()
        if line:
            canonical = vocab.canonical_or_self(line)
            out.append(
                CVLine(
                    "skills",
                    None,
                    i,
                    line,
                    frozenset(vocab.with_implied({canonical})),
                    frozenset(_keywords(line)),
                    frozenset({canonical}),
                )
            )
    for i, c in enumerate(cv.certifications):
        add("certifications", i, None, " — ".join(x for x in (c.name, c.issuer) if x))
    for i, ed in enumerate(cv.education):
        add("education", i, None, " — ".join(x for x in (ed.degree, ed.field_of_study, ed.institution) if x))
    for i, lang in enumerate(cv.languages):
        add("languages", i, None, lang)
    return out


def cv_years(cv: MasterCV, *, today: date | None = None) -> float:
    """Years of professional experience: job date ranges merged ("present" = today)."""
    today = today or date.today()
    ranges = []
    for e in cv.experience:
        rs, re_ = parse_range(e.dates_raw)
        ranges.append((parse_point(e.start_date) or rs, parse_point(e.end_date) or re_))
    return experience_years(ranges, today=today)


def requirement_skills(req: Requirement, vocab: SkillVocabulary | None = None) -> list[str]:
    vocab = vocab or load_vocabulary()
    names: list[str] = []
    for s in req.skills:
        c = vocab.canonical_or_self(s)
        if c not in names:
            names.append(c)
    for m in vocab.find(req.text):
        if m.skill not in names:
            names.append(m.skill)
    return names


def match_cv_to_job(cv: MasterCV, job: JobPosting, *, today: date | None = None) -> MatchResult:
    vocab = load_vocabulary()
    today = today or date.today()
    lines = cv_lines(cv, vocab)
    cv_skills: set[str] = set()
    for line in lines:
        cv_skills |= line.skills
    years = cv_years(cv, today=today)
    languages = {fold(x).split(" (")[0].split(" -")[0] for x in cv.languages}

    results = [_match_requirement(r, lines, cv_skills, years, languages, job, vocab) for r in job.requirements]
    breakdown: dict[str, float] = {}
    musts = [m.score for m in results if m.requirement.kind is RequirementKind.MUST]
    nices = [m.score for m in results if m.requirement.kind is RequirementKind.NICE]
    if musts:
        breakdown["must_haves"] = round(100 * sum(musts) / len(musts), 1)
    if nices:
        breakdown["nice_to_haves"] = round(100 * sum(nices) / len(nices), 1)
    if job.title and cv.experience:
        breakdown["title"] = round(_title_score(job.title, cv), 1)
    if job.years_required:
        breakdown["years"] = round(100 * min(1.0, years / job.years_required), 1)
    total_w = sum(WEIGHTS[k] for k in breakdown)
    score = round(sum(WEIGHTS[k] * v for k, v in breakdown.items()) / total_w) if total_w else 0
    return MatchResult(score=max(0, min(100, score)), breakdown=breakdown, requirements=results)


def _match_requirement(
    req: Requirement,
    lines: list[CVLine],
    cv_skills: set[str],
    years: float,
    languages: set[str],
    job: JobPosting,
    vocab: SkillVocabulary,
) -> RequirementMatch:
    skills = requirement_skills(req, vocab)
    matched = [s for s in skills if s in cv_skills or _phrase_in_cv(s, lines, vocab)]
    missing = [s for s in skills if s not in matched]
    any_of = bool(re.search(r"\bor\b|/", req.text, re.IGNORECASE)) and len(skills) > 1
    req_words = set(_keywords(req.text)) - {fold(s) for s in skills}

    # evidence: CV lines ranked by skill and keyword overlap
    scored: list[tuple[float, CVLine]] = []
    for line in lines:
        skill_hit = len(line.skills & set(matched)) + len(line.named & set(matched))
        word_hit = len(line.words & req_words)
        if not skill_hit and not word_hit:
            continue
        fuzzy = fuzz.token_set_ratio(req.text, line.text) / 100.0
        bonus = {"experience": 1.0, "summary": 0.5}.get(line.section, 0.0)
        if line.section == "experience" and line.entry_index:
            bonus -= min(0.6, 0.2 * line.entry_index)  # recent work first
        scored.append((2.0 * skill_hit + word_hit + fuzzy + bonus, line))
    scored.sort(key=lambda t: -t[0])
    evidence = [
        Evidence(section=ln.section, entry_index=ln.entry_index, bullet_index=ln.bullet_index, text=ln.text)
        for _, ln in scored[:_MAX_EVIDENCE]
    ]

    parts: list[float] = []
    if skills:
        coverage = (1.0 if matched else 0.0) if any_of else len(matched) / len(skills)
        parts.append(coverage)
    years_needed = _years_in(req.text)
    if years_needed:
        parts.append(min(1.0, years / years_needed))
    lang_hits = [w for w in words(req.text) if w in languages]
    if lang_hits:
        parts.append(1.0)
    if not parts:
        if req_words:
            covered = max((len(ln.words & req_words) for ln in lines), default=0)
            union = set().union(*(ln.words for ln in lines)) if lines else set()
            parts.append(0.5 * covered / len(req_words) + 0.5 * len(union & req_words) / len(req_words))
        else:
            parts.append(0.0)
    score = sum(parts) / len(parts)
    if lang_hits and not any(e.section == "languages" for e in evidence):
        lang_lines = [ln for ln in lines if ln.section == "languages" and fold(ln.text).split(" (")[0] in lang_hits]
        evidence = [
            Evidence(section="languages", entry_index=ln.entry_index, bullet_index=None, text=ln.text)
            for ln in lang_lines
        ] + evidence[: _MAX_EVIDENCE - len(lang_lines)]
    status = (
        MatchStatus.MATCHED
        if score >= MATCHED_AT
        else MatchStatus.PARTIAL
        if score >= PARTIAL_AT
        else (MatchStatus.MISSING)
    )
    if status is MatchStatus.MATCHED and years_needed and years < years_needed:
        status = MatchStatus.PARTIAL  # the skill is there, the years are not
    if status is MatchStatus.MISSING and evidence and (matched or score > 0.15):
        status = MatchStatus.PARTIAL
    if status is not MatchStatus.MISSING and not evidence and not years_needed:
        status = MatchStatus.PARTIAL if score >= PARTIAL_AT else MatchStatus.MISSING
    return RequirementMatch(
        requirement=req,
        status=status,
        score=round(score, 3),
        matched_skills=matched,
        missing_skills=[] if any_of and matched else missing,
        evidence=evidence,
    )


def _phrase_in_cv(skill: str, lines: list[CVLine], vocab: SkillVocabulary) -> bool:
    """A skill phrase the vocabulary does not know ("SQL query optimisation", "energy sector") is in the CV when
    one CV line has all its words."""
    if vocab.get(skill) is not None:
        return False
    needed = set(_keywords(skill))
    return bool(needed) and any(needed <= line.words for line in lines)


def _years_in(text: str) -> int | None:
    m = _YEARS_RE.search(text)
    return int(m.group(1)) if m else None


def _keywords(text: str) -> list[str]:
    out = []
    for w in words(text):
        if w in STOPWORDS or w in _FILLER or len(w) < 3 or w.isdigit():
            continue
        out.append(_stem(w))
    return out


def _stem(w: str) -> str:
    for suf in ("ing", "ies", "es", "ed", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)] + ("y" if suf == "ies" else "")
    return w


def _title_score(title: str, cv: MasterCV) -> float:
    best = 0.0
    for e in cv.experience:
        if e.role:
            best = max(best, float(fuzz.token_set_ratio(fold(title), fold(e.role))))
    return best
