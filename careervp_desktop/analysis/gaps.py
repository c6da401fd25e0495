"""Gap questions: which to ask, in what order, and what to do with the answers (deterministic, for every writer).

Every question is about one requirement of the job. Its **gap score** = 0.7 × impact + 0.3 × probability, with
HIGH = 1.0, MEDIUM = 0.6, LOW = 0.3 (the seed product's formula):

- impact — how much the requirement weighs in the hiring decision: a must-have HIGH, a nice-to-have LOW;
- probability — how likely an answer closes the gap, i.e. that the candidate has more than the CV shows: the CV
  partly meets it (related evidence) HIGH; it names related skills, or the requirement is about years, MEDIUM;
  nothing in the CV LOW.

Priority follows the score: ≥ 0.85 CRITICAL (must be answered or skipped explicitly), ≥ 0.5 IMPORTANT, else
OPTIONAL. Category: partly met but naming skills the CV lacks, or something close (related skills, years) →
CLARIFY; partly met with evidence without numbers → QUANTIFY; other partial evidence → EXAMPLE; nothing →
FILL_GAP. Suggested destination: a FILL_GAP answer is for the
interview only (there is nothing on the CV to build on); the others may be used in the documents. At most
`MAX_QUESTIONS` are kept, highest score first.

Questions answered in earlier applications are not asked afresh: `prioritise(known=...)` fills in the earlier
answer (the same question, or a near-identical wording) and marks it `reused`, for the user to confirm.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from careervp_desktop.domain.artifacts import GapCategory, GapDestination, GapPriority, GapQuestion, GapQuestions
from careervp_desktop.domain.models import MatchResult, MatchStatus, RequirementKind, RequirementMatch
from careervp_desktop.domain.records import question_hash

MAX_QUESTIONS = 10
HIGH, MEDIUM, LOW = 1.0, 0.6, 0.3
ANSWER_MIN_CHARS = 50
ANSWER_MAX_CHARS = 1000
_SAME_REQUIREMENT = 85  # rapidfuzz ratio: a writer that quotes the requirement loosely still maps to it
_SAME_QUESTION = 92  # token-set ratio: "Have you used Kubernetes?" ≈ "Have you ever used Kubernetes?"
_DIGIT = re.compile(r"\d")
_YEARS = re.compile(r"\b\d+\s*\+?\s*(?:years?|yrs?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class GapAssessment:
    impact: float
    probability: float
    score: float
    priority: GapPriority
    category: GapCategory
    destination: GapDestination


@dataclass(frozen=True)
class KnownAnswer:
    """An answer the user gave before (the knowledge base), offered again for the same question."""

    question: str
    answer: str
    source_application_id: int | None = None


def assess_gap(rm: RequirementMatch | None) -> GapAssessment:
    """Score one requirement the CV does not fully meet (None: a requirement we could not find — a must-have
    with nothing in the CV, the cautious reading)."""
    must = rm is None or rm.requirement.kind is RequirementKind.MUST
    impact = HIGH if must else LOW
    partial = rm is not None and rm.status is MatchStatus.PARTIAL
    related = rm is not None and (bool(rm.matched_skills) or bool(_YEARS.search(rm.requirement.text)))
    probability = HIGH if partial else MEDIUM if related else LOW
    score = round(0.7 * impact + 0.3 * probability, 3)
    priority = (
        GapPriority.CRITICAL if score >= 0.85 else GapPriority.IMPORTANT if score >= 0.5 else GapPriority.OPTIONAL
    )
    missing_skills = rm is not None and bool(rm.missing_skills)
    if partial and missing_skills:
        category = GapCategory.CLARIFY  # "your CV shows Docker but not Kubernetes": is there more?
    elif partial and rm is not None and rm.evidence and not any(_DIGIT.search(e.text) for e in rm.evidence):
        category = GapCategory.QUANTIFY
    elif partial:
        category = GapCategory.EXAMPLE
    elif related:
        category = GapCategory.CLARIFY
    else:
        category = GapCategory.FILL_GAP
    destination = GapDestination.INTERVIEW_ONLY if category is GapCategory.FILL_GAP else GapDestination.CV_IMPACT
    return GapAssessment(impact, probability, score, priority, category, destination)


def requirement_for(text: str, match: MatchResult) -> RequirementMatch | None:
    """The match of the unmet requirement a question quotes (exactly, or nearly: writers trim and re-punctuate)."""
    return quoted_requirement(text, [rm for rm in match.requirements if rm.status is not MatchStatus.MATCHED])


def quoted_requirement(text: str, candidates: Sequence[RequirementMatch]) -> RequirementMatch | None:
    """The one of `candidates` whose requirement `text` quotes: exactly, else nearly (a rapidfuzz ratio of at least
    `_SAME_REQUIREMENT`), else None."""
    for rm in candidates:
        if rm.requirement.text.strip() == text.strip():
            return rm
    if not candidates or not text.strip():
        return None
    best = process.extractOne(text, [rm.requirement.text for rm in candidates], scorer=fuzz.ratio)
    return candidates[best[2]] if best is not None and best[1] >= _SAME_REQUIREMENT else None


def prioritise(
    gaps: GapQuestions,
    match: MatchResult,
    *,
    known: Sequence[KnownAnswer] = (),
    limit: int = MAX_QUESTIONS,
) -> GapQuestions:
    """The questions scored, sorted (highest gap score first; ties keep the writer's order), cut to `limit`,
    numbered q1…, with earlier answers filled in where the same question was answered before."""
    scored: list[tuple[float, int, GapQuestion]] = []
    for n, q in enumerate(gaps.questions):
        a = assess_gap(requirement_for(q.requirement, match))
        scored.append(
            (
                -a.score,
                n,
                q.model_copy(
                    update={
                        "priority": a.priority,
                        "category": a.category,
                        "destination": a.destination,
                        "score": a.score,
                    }
                ),
            )
        )
    scored.sort(key=lambda t: (t[0], t[1]))
    out: list[GapQuestion] = []
    for _, _, q in scored[: max(0, limit)]:
        update: dict[str, object] = {"id": f"q{len(out) + 1}"}
        if not (q.answer or "").strip():
            earlier = earlier_answer(q.question, known)
            if earlier is not None:
                update |= {"answer": earlier.answer, "reused": True}
        out.append(q.model_copy(update=update))
    return GapQuestions(questions=out)


def earlier_answer(question: str, known: Sequence[KnownAnswer]) -> KnownAnswer | None:
    """The answer given before to this question: the same text (see `question_hash`), else a near-identical one."""
    if not known or not question.strip():
        return None
    digest = question_hash(question)
    for k in known:
        if k.answer.strip() and question_hash(k.question) == digest:
            return k
    answered = [k for k in known if k.answer.strip()]
    if not answered:
        return None
    best = process.extractOne(question, [k.question for k in answered], scorer=fuzz.token_set_ratio)
    return answered[best[2]] if best is not None and best[1] >= _SAME_QUESTION else None


def answer_problem(answer: str, *, skipped: bool = False) -> str | None:
    """Why an answer cannot be saved as it is (one line), or None. An empty answer is fine (not answered yet)."""
    text = answer.strip()
    if skipped or not text:
        return None
    if len(text) < ANSWER_MIN_CHARS:
        return (
            f"The answer is {len(text)} characters: give a little more ({ANSWER_MIN_CHARS}–{ANSWER_MAX_CHARS}) — "
            "where, for how long, what you did — or skip the question."
        )
    if len(text) > ANSWER_MAX_CHARS:
        return f"The answer is {len(text)} characters: keep it under {ANSWER_MAX_CHARS} (two or three sentences)."
    return None
