"""What the value proposition report adds to any writer's draft, deterministically (`enrich_vpr`):

- **ATS keywords**, most important first: the must-have skills the CV has (they should appear, spelled as the
  posting spells them), then the must-haves it lacks (to address, not to claim), then the nice-to-haves, the same
  way round. At most `MAX_KEYWORDS`.
- **Business impact** of each evidence row: the measurable part of the CV line that supports it (the clause with
  a number: "cutting event latency from 15 minutes to 40 seconds"), or nothing — never a paraphrase.
- **Talking points** (5–7) when the writer gave none: the strongest CV results, the differentiators, and one line
  per main gap on how to answer it honestly.
- **The evidence matrix** itself (`evidence_matrix`), graded STRONG / MODERATE / DEVELOPING, each row naming its
  source: the CV entry and bullet, or the user's answer to a gap question (by the question's id).
- **Which requirements the user's answers cover** (`answered_requirements`): a requirement the CV does not show
  strongly, about which the user answered a gap question (an answer they allowed in the documents), has that
  answer as its evidence and is no longer a gap for any writer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from careervp_desktop.analysis.gaps import quoted_requirement
from careervp_desktop.domain.artifacts import (
    VPR,
    EvidenceRow,
    GapDestination,
    GapQuestion,
    InterviewPrep,
    InterviewQuestion,
)
from careervp_desktop.domain.models import (
    Evidence,
    MasterCV,
    MatchResult,
    MatchStatus,
    RequirementKind,
    RequirementMatch,
)

MAX_KEYWORDS = 15
MAX_TALKING_POINTS = 7
_CLAUSES = re.compile(r",\s+|;\s+|\s+[—–]\s+|\s+\(|\)")
_DIGIT = re.compile(r"\d")


STRONG = "strong"  # a must-have met by what the candidate did (an experience bullet, a degree, a certificate)
MODERATE = "moderate"  # met only by a listed skill, or partly met by what they did, or by their own answer
DEVELOPING = "developing"  # partly met, and only by a listed skill or the summary
GAP = "gap"  # nothing supports it yet (the row stays in the matrix so the whole posting is visible)
STRENGTHS = (STRONG, MODERATE, DEVELOPING, GAP)
_LEGACY_STRENGTHS = {"partial": MODERATE}  # versions written before the three grades
_DONE_SECTIONS = frozenset({"experience", "certifications", "education"})


def normalise_strength(value: str) -> str:
    key = value.strip().lower()
    return _LEGACY_STRENGTHS.get(key, key)


_SECTION_NAMES = {
    "en": {
        "summary": "Professional summary",
        "skills": "Skills",
        "certifications": "Certifications",
        "education": "Education",
        "languages": "Languages",
    },
    "he": {
        "summary": "סיכום מקצועי",
        "skills": "כישורים",
        "certifications": "הסמכות",
        "education": "השכלה",
        "languages": "שפות",
    },
}


def evidence_where(cv: MasterCV, ev: Evidence, language: str = "en") -> str:
    """Where a piece of evidence is, for the reader: "Acme Corp — bullet 2", "Skills", … (Hebrew: "— סעיף 2")."""
    hebrew = language == "he"
    if ev.section == "experience" and ev.entry_index is not None and ev.entry_index < len(cv.experience):
        job = cv.experience[ev.entry_index]
        place = job.company or job.role or ("ניסיון" if hebrew else "Experience")
        if ev.bullet_index is None:
            return place
        return f"{place} — {'סעיף' if hebrew else 'bullet'} {ev.bullet_index + 1}"
    names = _SECTION_NAMES["he" if hebrew else "en"]
    return names.get(ev.section, ev.section.capitalize())


def grade(rm: RequirementMatch, ev: Evidence | None) -> str:
    """How well one piece of CV evidence supports a requirement (see the constants above)."""
    if ev is None or rm.status is MatchStatus.MISSING:
        return GAP
    done = ev.section in _DONE_SECTIONS and (ev.section != "experience" or ev.bullet_index is not None)
    if rm.status is MatchStatus.MATCHED:
        return STRONG if done else MODERATE
    return MODERATE if done else DEVELOPING


def best_evidence(rm: RequirementMatch) -> Evidence | None:
    """The requirement's strongest piece of evidence: what the candidate did before what they list."""
    if rm.status is MatchStatus.MISSING or not rm.evidence:
        return None
    ranked = sorted(rm.evidence, key=lambda e: STRENGTHS.index(grade(rm, e)))
    return ranked[0]


def answer_source(question: GapQuestion, language: str = "en") -> str:
    if language == "he":
        return f"התשובה שלך לשאלת פער {question.id}"
    return f"Your answer to gap question {question.id}"


def answered_requirements(match: MatchResult, answers: Sequence[GapQuestion] = ()) -> dict[str, GapQuestion]:
    """{requirement text: the gap question the user answered about it} for every requirement of `match` whose CV
    evidence is below STRONG (a gap, developing or moderate) and that an answer may be used for in the documents
    (destination CV_IMPACT; an interview-only answer is never document evidence). The question names its
    requirement exactly or nearly (`analysis.gaps.quoted_requirement`); the first answer about a requirement
    wins. Such a requirement has the answer as its evidence (`evidence_matrix`) and is no longer a gap."""
    weaker = [rm for rm in match.requirements if grade(rm, best_evidence(rm)) != STRONG]
    out: dict[str, GapQuestion] = {}
    for q in answers:
        if not (q.answer or "").strip() or q.destination != GapDestination.CV_IMPACT:
            continue
        rm = quoted_requirement(q.requirement, weaker)
        if rm is not None:
            out.setdefault(rm.requirement.text, q)
    return out


def evidence_matrix(
    cv: MasterCV, match: MatchResult, answers: Sequence[GapQuestion] = (), language: str = "en"
) -> list[EvidenceRow]:
    """One row per requirement of the posting, in its order: the best CV evidence with its grade and source; a
    requirement the CV does not show strongly but the user answered a gap question about (`answered_requirements`)
    gets that answer as MODERATE evidence (their own word, not a CV line), its source the question's id."""
    answered = answered_requirements(match, answers)
    rows: list[EvidenceRow] = []
    for rm in match.requirements:
        ev = best_evidence(rm)
        strength = grade(rm, ev)
        evidence, source = (ev.text, evidence_where(cv, ev, language)) if ev is not None else ("", "")
        q = answered.get(rm.requirement.text)
        if q is not None and strength != STRONG:
            evidence, source, strength = (q.answer or "").strip(), answer_source(q, language), MODERATE
        rows.append(
            EvidenceRow(
                requirement=rm.requirement.text,
                evidence=evidence,
                source=source,
                strength=strength,
                business_impact=business_impact(evidence),
            )
        )
    return rows


def ats_keywords(match: MatchResult) -> list[str]:
    buckets: list[list[str]] = [[], [], [], []]
    for rm in match.requirements:
        must = rm.requirement.kind is RequirementKind.MUST
        base = 0 if must else 2
        buckets[base].extend(rm.matched_skills)
        buckets[base + 1].extend(rm.missing_skills)
    out: list[str] = []
    seen: set[str] = set()
    for bucket in buckets:
        for skill in bucket:
            key = skill.casefold()
            if skill.strip() and key not in seen:
                seen.add(key)
                out.append(skill)
    return out[:MAX_KEYWORDS]


def business_impact(evidence: str) -> str:
    """The clause of a CV line that carries its number, or "" when it has none."""
    text = evidence.strip().rstrip(".")
    if not _DIGIT.search(text):
        return ""
    clauses = [c.strip() for c in _CLAUSES.split(text) if c and c.strip()]
    with_numbers = [c for c in clauses if _DIGIT.search(c)]
    if not with_numbers:
        return ""
    best = with_numbers[-1]  # results come last in a bullet: "Rebuilt X on Kafka, cutting latency from … to …"
    return best if len(best.split()) >= 3 else text


_POINT_WORDS = {
    "en": {
        "lead": "Lead with: {}",
        "apart": "Set yourself apart: {}",
        "gap": "If asked about {}: say plainly what you have and have not done, then what is closest in your work "
        "and how you would get up to speed.",
        "explain": "Be ready to explain: {}",
        "note": "Your note: “{}.”",
        "connect": " Connect it to: {}",
    },
    "he": {
        "lead": "לפתוח ב: {}",
        "apart": "מה מבדל אותך: {}",
        "gap": "אם ישאלו על {}: לומר בפשטות מה עשית ומה לא, מה הכי קרוב לזה בעבודה שלך, ואיך ללמוד את זה מהר.",
        "explain": "להיות מוכנים להסביר: {}",
        "note": "ההערה שלך: “{}.”",
        "connect": " לקשר אותה ל: {}",
    },
}


def talking_points(vpr: VPR, match: MatchResult, language: str = "en") -> list[str]:
    say = _POINT_WORDS["he" if language == "he" else "en"]
    points: list[str] = []
    for strength in vpr.strengths[:3]:
        points.append(say["lead"].format(strength))
    for differentiator in vpr.differentiators[:2]:
        points.append(say["apart"].format(differentiator))
    gaps = [
        rm
        for rm in match.requirements
        if rm.requirement.kind is RequirementKind.MUST and rm.status is not MatchStatus.MATCHED and rm.missing_skills
    ]
    for rm in gaps[:2]:
        skills = ", ".join(rm.missing_skills[:3])
        points.append(say["gap"].format(skills))
    if len(points) < 5:
        points.extend(say["explain"].format(row.evidence) for row in vpr.evidence_matrix if row.evidence)
    out: list[str] = []
    for p in points:
        if p not in out:
            out.append(p)
    return out[:MAX_TALKING_POINTS]


def cultural_fit(notes: str, vpr: VPR, language: str = "en") -> list[str]:
    """What the user wrote about the company, sentence by sentence, each to be connected to their own experience
    in the interview (the closest differentiator or strength is named as a starting point)."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(notes.split())) if len(s.split()) >= 3]
    anchors = [*vpr.differentiators, *vpr.strengths]
    say = _POINT_WORDS["he" if language == "he" else "en"]
    out = []
    for n, sentence in enumerate(sentences[:4]):
        line = say["note"].format(sentence.rstrip("."))
        if n < len(anchors):
            line += say["connect"].format(anchors[n])
        out.append(line)
    return out


def enrich_vpr(vpr: VPR, match: MatchResult, company_notes: str = "", language: str = "en") -> VPR:
    """The report with keywords, per-row business impact, talking points and cultural fit (from the user's notes
    on the company) filled in where the writer left them empty (what a writer gave is kept)."""
    rows = [
        row if row.business_impact else row.model_copy(update={"business_impact": business_impact(row.evidence)})
        for row in vpr.evidence_matrix
    ]
    update: dict[str, object] = {"evidence_matrix": rows}
    if not vpr.ats_keywords:
        update["ats_keywords"] = ats_keywords(match)
    if not vpr.talking_points:
        update["talking_points"] = talking_points(vpr.model_copy(update={"evidence_matrix": rows}), match, language)
    if not vpr.cultural_fit and company_notes.strip():
        update["cultural_fit"] = cultural_fit(company_notes, vpr, language)
    return vpr.model_copy(update=update)


MAX_INTERVIEW_QUESTIONS = 10
MAX_PER_TYPE = 4


def limit_interview(prep: InterviewPrep) -> InterviewPrep:
    """At most four questions of a type and ten in all, in the writer's order; when ten is too few, the type with
    the most questions gives up its last ones first (so every type the writer chose stays represented)."""
    kept: list[InterviewQuestion] = []
    per_type: dict[str, int] = {}
    for q in prep.questions:
        kind = q.category.strip().lower().replace("behavioral", "behavioural")
        if per_type.get(kind, 0) < MAX_PER_TYPE:
            per_type[kind] = per_type.get(kind, 0) + 1
            kept.append(q)
    while len(kept) > MAX_INTERVIEW_QUESTIONS:
        biggest = max(per_type, key=lambda k: per_type[k])
        last = max(
            i for i, q in enumerate(kept) if q.category.strip().lower().replace("behavioral", "behavioural") == biggest
        )
        del kept[last]
        per_type[biggest] -= 1
    return prep.model_copy(update={"questions": kept})
