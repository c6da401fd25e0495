"""The shape Claude answers in, and how each answer becomes an artifact locally.

On the wire, every task answers in the same small schema (`ItemsReply`: a list of items, each with a `kind`, a
`ref`, a `text`, a `note`, `refs` and `points`). One schema for all tasks matters: the structured-output format
is part of the prompt, and a format that changed from call to call would void the prompt cache the calls of an
application share; a small one matters because it is sent with every call. Each task's instruction says which
kinds to write (`TASK_KINDS`); `decode` turns the items into the task's typed reply (`GapQuestionsReply`,
`VPRReply`, …), which pydantic validates, and `to_content` builds the artifact from it.

The typed replies are small on purpose: Claude writes words and picks ids; everything factual is resolved from
the master CV here (`CVIndex`), never taken from the reply. The tailored CV in particular is the master CV with
Claude's summary, bullet wording and order, and skill order: employers, titles, dates, education,
certifications and contact details are copied, not generated. Constraints the API cannot enforce are checked
here; a reply that fails them gets one repair round (see `provider.py`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from careervp_desktop.analysis.report import business_impact, evidence_matrix, normalise_strength
from careervp_desktop.analysis.textnorm import fold
from careervp_desktop.domain.artifacts import (
    VPR,
    CoverLetter,
    EvidenceRow,
    GapQuestion,
    GapQuestions,
    InterviewPrep,
    InterviewQuestion,
    StarOutline,
)
from careervp_desktop.domain.models import ArtifactType, MasterCV
from careervp_desktop.generation.claude.digest import CVIndex, bullet_id
from careervp_desktop.generation.claude.privacy import Redactor
from careervp_desktop.generation.providers import GenerationContext


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _not_empty(value: list[Any]) -> list[Any]:
    if not value:
        raise ValueError("must have at least one item")
    return value


# Checked here, not in the schema: the SDK would move minLength into the description text (more tokens, and
# the API does not enforce it anyway).
Text = Annotated[str, AfterValidator(_not_blank)]


class ReplyPart(BaseModel):
    """A reply model: extra keys are ignored."""

    model_config = ConfigDict(extra="ignore")


class GapQuestionReply(ReplyPart):
    requirement_id: str
    question: Text
    why: Text
    skills: list[str]


class GapQuestionsReply(ReplyPart):
    questions: list[GapQuestionReply]


class EvidenceReply(ReplyPart):
    requirement_id: str
    cv_ids: list[str]
    strength: Annotated[Literal["strong", "moderate", "developing", "gap"], BeforeValidator(normalise_strength)]


class VPRReply(ReplyPart):
    headline: Text
    summary: Text
    strengths: list[str]
    evidence: list[EvidenceReply]
    gaps: list[str]
    differentiators: list[str]
    recommendations: list[str]


class BulletReply(ReplyPart):
    source_id: str
    text: Text


class RoleReply(ReplyPart):
    role_id: str
    bullets: list[BulletReply]


class TailoredCVReply(ReplyPart):
    summary: Text
    roles: list[RoleReply]
    skills: list[str]


class CoverLetterReply(ReplyPart):
    greeting: Text
    paragraphs: Annotated[list[Text], AfterValidator(_not_empty)]
    closing: Text  # e.g. "Kind regards,"


def _star_parts(parts: list[str]) -> list[str]:
    if parts and len(parts) != 4:
        raise ValueError("must have 4 points: situation, task, action, result")
    return parts


class InterviewQuestionReply(ReplyPart):
    question: Text
    category: Literal["technical", "behavioural", "situational", "motivation", "gap"]
    why_asked: Text
    talking_points: list[str]
    cv_ids: list[str]
    evaluates: str = ""
    star: Annotated[list[str], AfterValidator(_star_parts)] = Field(default_factory=list)
    follow_ups: list[str] = Field(default_factory=list)


class InterviewPrepReply(ReplyPart):
    questions: Annotated[list[InterviewQuestionReply], AfterValidator(_not_empty)]
    questions_to_ask: list[str]
    pitch: str = ""


REPLY_MODELS: dict[ArtifactType, type[ReplyPart]] = {
    ArtifactType.GAP_QUESTIONS: GapQuestionsReply,
    ArtifactType.VPR: VPRReply,
    ArtifactType.TAILORED_CV: TailoredCVReply,
    ArtifactType.COVER_LETTER: CoverLetterReply,
    ArtifactType.INTERVIEW_PREP: InterviewPrepReply,
}

# =========================================================================================== the wire format
Kind = Literal[
    "question",
    "headline",
    "summary",
    "strength",
    "evidence",
    "gap",
    "differentiator",
    "recommendation",
    "bullet",
    "skill",
    "greeting",
    "paragraph",
    "closing",
    "interview_question",
    "evaluates",
    "star",
    "follow_up",
    "ask",
    "pitch",
]


class Item(BaseModel):
    # One piece of an answer. `kind` and `text` always; the others only where the kind uses them (optional, so an
    # answer does not pay output tokens for empty fields). A comment, not a docstring: pydantic would put a
    # docstring into the schema as its description, sent with every call (the rules say the same).

    model_config = ConfigDict(extra="ignore")

    kind: Kind
    text: str
    ref: str = ""  # an id (R3, E1.2) or a category, by kind
    note: str = ""
    refs: list[str] = Field(default_factory=list)  # CV line ids
    points: list[str] = Field(default_factory=list)


class ItemsReply(BaseModel):
    model_config = ConfigDict(extra="ignore")

    items: list[Item]


# What each task writes, as (kind, how its fields are used) — the task instructions quote these.
TASK_KINDS: dict[ArtifactType, dict[str, str]] = {
    ArtifactType.GAP_QUESTIONS: {
        "question": "ref = the requirement's id, text = the question, note = why we ask, points = missing skills",
    },
    ArtifactType.VPR: {
        "headline": "text (one)",
        "summary": "text (one)",
        "strength": "text, refs = the CV ids it rests on",
        "evidence": "ref = a requirement id, refs = supporting CV ids (best first), "
        "note = strong | moderate | developing | gap",
        "gap": "text",
        "differentiator": "text",
        "recommendation": "text",
    },
    ArtifactType.TAILORED_CV: {
        "summary": "text (one)",
        "bullet": "ref = the id of the CV bullet it rewords (E1.2), text = the bullet; most relevant first per role",
        "skill": "text = a skill exactly as in SKILLS; most relevant first",
    },
    ArtifactType.COVER_LETTER: {
        "greeting": "text (one)",
        "paragraph": "text",
        "closing": "text (one), the sign-off line only",
    },
    ArtifactType.INTERVIEW_PREP: {
        "interview_question": "ref = technical | behavioural | situational | motivation | gap, text = the question, "
        "note = why it is asked, points = talking points, refs = CV ids to draw on",
        "evaluates": "ref = Qn (the n-th interview_question), text = what the interviewer is checking",
        "star": "ref = Qn, points = [situation, task, action, result], refs = CV ids it rests on",
        "follow_up": "ref = Qn, text = a likely follow-up question",
        "ask": "text = a question for the candidate to ask the interviewer",
        "pitch": "text (one) = the 30-second introduction",
    },
}


def decode(artifact_type: ArtifactType, items: list[Item]) -> dict[str, Any]:
    """The task's typed reply (as data, not yet validated) from the items of its kinds; other kinds are ignored."""

    def texts(kind: str) -> list[str]:
        return [i.text for i in items if i.kind == kind]

    def first(kind: str) -> str:
        found = texts(kind)
        return found[0] if found else ""

    if artifact_type is ArtifactType.GAP_QUESTIONS:
        return {
            "questions": [
                {"requirement_id": i.ref, "question": i.text, "why": i.note, "skills": i.points}
                for i in items
                if i.kind == "question"
            ]
        }
    if artifact_type is ArtifactType.VPR:
        return {
            "headline": first("headline"),
            "summary": first("summary"),
            "strengths": texts("strength"),
            "evidence": [
                {"requirement_id": i.ref, "cv_ids": i.refs, "strength": i.note.strip().lower()}
                for i in items
                if i.kind == "evidence"
            ],
            "gaps": texts("gap"),
            "differentiators": texts("differentiator"),
            "recommendations": texts("recommendation"),
        }
    if artifact_type is ArtifactType.TAILORED_CV:
        roles: dict[str, list[dict[str, str]]] = {}
        for i in items:
            if i.kind == "bullet":
                role = i.ref.strip().strip("[]").upper().split(".")[0]
                roles.setdefault(role, []).append({"source_id": i.ref, "text": i.text})
        return {
            "summary": first("summary"),
            "roles": [{"role_id": role, "bullets": bullets} for role, bullets in roles.items()],
            "skills": texts("skill"),
        }
    if artifact_type is ArtifactType.COVER_LETTER:
        return {"greeting": first("greeting"), "paragraphs": texts("paragraph"), "closing": first("closing")}
    questions = [i for i in items if i.kind == "interview_question"]

    def about(kind: str, n: int) -> list[Item]:  # the items of `kind` about question n (ref "Q1" is the first)
        return [i for i in items if i.kind == kind and i.ref.strip().strip("[]").upper() == f"Q{n}"]

    return {
        "questions": [
            {
                "question": i.text,
                "category": i.ref.strip().lower(),
                "why_asked": i.note,
                "talking_points": i.points,
                "cv_ids": i.refs + [r for s in about("star", n) for r in s.refs if r not in i.refs],
                "evaluates": " ".join(e.text for e in about("evaluates", n)),
                "star": next((s.points for s in about("star", n)), []),
                "follow_ups": [f.text for f in about("follow_up", n)],
            }
            for n, i in enumerate(questions, start=1)
        ],
        "questions_to_ask": texts("ask"),
        "pitch": first("pitch"),
    }


_FieldMap = str | dict[str, str]
_ITEM_FIELDS: dict[ArtifactType, dict[str, tuple[str, _FieldMap]]] = {
    ArtifactType.GAP_QUESTIONS: {
        "questions": ("question", {"requirement_id": "ref", "question": "text", "why": "note", "skills": "points"})
    },
    ArtifactType.VPR: {
        "headline": ("headline", "text"),
        "summary": ("summary", "text"),
        "strengths": ("strength", "text"),
        "evidence": ("evidence", {"requirement_id": "ref", "cv_ids": "refs", "strength": "note"}),
        "gaps": ("gap", "text"),
        "differentiators": ("differentiator", "text"),
        "recommendations": ("recommendation", "text"),
    },
    ArtifactType.TAILORED_CV: {
        "summary": ("summary", "text"),
        "roles": ("bullet", {"role_id": "ref", "source_id": "ref", "text": "text"}),
        "skills": ("skill", "text"),
    },
    ArtifactType.COVER_LETTER: {
        "greeting": ("greeting", "text"),
        "paragraphs": ("paragraph", "text"),
        "closing": ("closing", "text"),
    },
    ArtifactType.INTERVIEW_PREP: {
        "questions": (
            "interview_question",
            {
                "question": "text",
                "category": "ref",
                "why_asked": "note",
                "talking_points": "points",
                "cv_ids": "refs",
                "star": "star item's points",
                "evaluates": "evaluates item",
                "follow_ups": "follow_up items",
            },
        ),
        "questions_to_ask": ("ask", "text"),
        "pitch": ("pitch", "text"),
    },
}


def explain(artifact_type: ArtifactType, loc: tuple[str | int, ...], message: str) -> str:
    """A validation error of the typed reply, told in terms of the items the model wrote."""
    message = message.removeprefix("Value error, ")
    if not loc or loc[0] not in _ITEM_FIELDS[artifact_type]:
        return f"{'.'.join(str(x) for x in loc) or 'the answer'}: {message}"
    kind, fields = _ITEM_FIELDS[artifact_type][str(loc[0])]
    numbers = [x for x in loc[1:] if isinstance(x, int)]
    names = [x for x in loc[1:] if isinstance(x, str)]
    field = fields if isinstance(fields, str) else fields.get(names[-1], names[-1]) if names else "text"
    which = f"{kind} item {numbers[-1] + 1}" if numbers else f"the {kind} item"
    if not numbers and message == "must have at least one item":
        return f"write at least one {kind} item"
    return f"{which}: {field} {message}"


def encode(artifact_type: ArtifactType, part: dict[str, Any]) -> list[dict[str, Any]]:
    """The items a model would send for a typed reply (`decode`'s inverse; tests and the benchmark script with it)."""

    def item(kind: str, text: str = "", ref: str = "", note: str = "", refs: Any = (), points: Any = ()) -> Any:
        full = {"kind": kind, "text": text, "ref": ref, "note": note, "refs": list(refs), "points": list(points)}
        return {k: v for k, v in full.items() if v or k in ("kind", "text")}

    out: list[dict[str, Any]]
    if artifact_type is ArtifactType.GAP_QUESTIONS:
        return [
            item("question", q["question"], q["requirement_id"], q["why"], points=q["skills"])
            for q in part["questions"]
        ]
    if artifact_type is ArtifactType.VPR:
        out = [item("headline", part["headline"]), item("summary", part["summary"])]
        out += [item("strength", s) for s in part["strengths"]]
        out += [
            item("evidence", ref=e["requirement_id"], note=e["strength"], refs=e["cv_ids"]) for e in part["evidence"]
        ]
        for kind in ("gap", "differentiator", "recommendation"):
            out += [item(kind, s) for s in part[kind + "s"]]
        return out
    if artifact_type is ArtifactType.TAILORED_CV:
        out = [item("summary", part["summary"])]
        out += [item("bullet", b["text"], b["source_id"]) for r in part["roles"] for b in r["bullets"]]
        return out + [item("skill", s) for s in part["skills"]]
    if artifact_type is ArtifactType.COVER_LETTER:
        out = [item("greeting", part["greeting"])] + [item("paragraph", p) for p in part["paragraphs"]]
        return [*out, item("closing", part["closing"])]
    out = []
    for n, q in enumerate(part["questions"], start=1):
        out.append(
            item("interview_question", q["question"], q["category"], q["why_asked"], q["cv_ids"], q["talking_points"])
        )
        if q.get("evaluates"):
            out.append(item("evaluates", q["evaluates"], f"Q{n}"))
        if q.get("star"):
            out.append(item("star", "", f"Q{n}", points=q["star"]))
        out += [item("follow_up", f, f"Q{n}") for f in q.get("follow_ups", [])]
    out += [item("ask", s) for s in part["questions_to_ask"]]
    return out + ([item("pitch", part["pitch"])] if part.get("pitch") else [])


def _strip_titles(node: Any, *, in_properties: bool = False) -> Any:
    if isinstance(node, dict):
        return {
            k: _strip_titles(v, in_properties=(k == "properties" and not in_properties))
            for k, v in node.items()
            if in_properties or k != "title"
        }
    if isinstance(node, list):
        return [_strip_titles(v) for v in node]
    return node


def _strip_defaults(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip_defaults(v) for k, v in node.items() if k != "default"}
    if isinstance(node, list):
        return [_strip_defaults(v) for v in node]
    return node


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and len(node) == 1:
            return _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    return node


def reply_schema() -> dict[str, Any]:
    """The JSON schema every task answers in (`ItemsReply`), as small as it can be: it is sent with every call.
    Without pydantic's titles and defaults (the SDK would turn each default into a "{default: }" description; an
    optional field is simply not required, and pydantic fills in the default), with `Item` inlined."""
    raw = _strip_defaults(_strip_titles(ItemsReply.model_json_schema()))
    schema: dict[str, Any] = _inline_refs(raw, raw.get("$defs", {}))
    return schema


def part_schema(artifact_type: ArtifactType) -> dict[str, Any]:
    """One task's typed reply schema (what a client with a schema per task would send; the benchmark's naive
    client does)."""
    schema: dict[str, Any] = _strip_titles(REPLY_MODELS[artifact_type].model_json_schema())
    return schema


def id_problems(part: ReplyPart, index: CVIndex) -> list[str]:
    """What makes a reply unusable because of its ids: every id it cites is unknown (a few wrong ids among good
    ones are simply ignored when the artifact is built)."""
    if isinstance(part, GapQuestionsReply):
        ids = [
            ("requirement_id", q.requirement_id, index.requirement(q.requirement_id) is not None)
            for q in part.questions
        ]
    elif isinstance(part, VPRReply):
        ids = [
            ("requirement_id", e.requirement_id, index.requirement(e.requirement_id) is not None) for e in part.evidence
        ]
    elif isinstance(part, TailoredCVReply):
        ids = [("source_id", b.source_id, index.ref(b.source_id) is not None) for r in part.roles for b in r.bullets]
    elif isinstance(part, InterviewPrepReply):
        ids = [("cv_ids", i, index.ref(i) is not None) for q in part.questions for i in q.cv_ids]
    else:
        return []
    if not ids or any(known for _, _, known in ids):
        return []
    field, sample = ids[0][0], ids[0][1]
    return [f"none of the {field} values exists (e.g. {sample!r}); use the ids given in the data blocks"]


# =========================================================================================== reply → artifact
def to_content(
    artifact_type: ArtifactType, part: ReplyPart, ctx: GenerationContext, index: CVIndex, redactor: Redactor
) -> BaseModel:
    """The artifact's content model, built locally from the reply (placeholders restored)."""
    restored = type(part).model_validate(redactor.restore_json(part.model_dump(mode="json")))
    if isinstance(restored, GapQuestionsReply):
        return _gap_questions(restored, ctx, index)
    if isinstance(restored, VPRReply):
        return _vpr(restored, ctx, index)
    if isinstance(restored, TailoredCVReply):
        return tailored_cv(restored, ctx.cv)
    if isinstance(restored, CoverLetterReply):
        return CoverLetter(
            greeting=restored.greeting.strip(),
            paragraphs=[p.strip() for p in restored.paragraphs if p.strip()],
            closing=restored.closing.strip(),
            signature=ctx.cv.full_name or "",
        )
    if isinstance(restored, InterviewPrepReply):
        return _interview_prep(restored, index)
    raise TypeError(f"no artifact for {type(part).__name__}")  # pragma: no cover


def _gap_questions(reply: GapQuestionsReply, ctx: GenerationContext, index: CVIndex) -> GapQuestions:
    answers = {q.requirement: q.answer for q in ctx.answers if q.answer}
    out: list[GapQuestion] = []
    for q in reply.questions:
        rm = index.requirement(q.requirement_id)
        if rm is None:
            continue  # a requirement id we never gave: the question cannot be tied to the job
        text = rm.requirement.text
        out.append(
            GapQuestion(
                id=f"q{len(out) + 1}",
                requirement=text,
                question=q.question.strip(),
                why=q.why.strip(),
                skills=[s.strip() for s in q.skills if s.strip()],
                answer=answers.get(text),
            )
        )
    return GapQuestions(questions=out)


def _vpr(reply: VPRReply, ctx: GenerationContext, index: CVIndex) -> VPR:
    """The report with Claude's words. The evidence matrix is the local one (`analysis.report.evidence_matrix`:
    every requirement, graded, with its source) where Claude chose the same or no CV line; where Claude chose
    another real CV line, that line (and its grade) is used. An unknown id falls back to the local row."""
    by_req: dict[int, EvidenceReply] = {}
    for row in reply.evidence:
        rm = index.requirement(row.requirement_id)
        if rm is not None:
            by_req.setdefault(id(rm), row)
    rows: list[EvidenceRow] = []
    local_rows = list(ctx.evidence) or evidence_matrix(ctx.cv, ctx.match, ctx.answers, ctx.document_language)
    for rm, local in zip(ctx.match.requirements, local_rows, strict=True):
        found = by_req.get(id(rm))
        ref = next((r for r in (index.ref(i) for i in (found.cv_ids if found else [])) if r is not None), None)
        if found is None or ref is None or ref.text == local.evidence:
            rows.append(local)
            continue
        strength = found.strength if found.strength != "gap" else local.strength
        rows.append(
            local.model_copy(
                update={
                    "evidence": ref.text,
                    "source": ref.where,
                    "strength": strength,
                    "business_impact": business_impact(ref.text),
                }
            )
        )

    def clean(items: list[str]) -> list[str]:
        return [s.strip() for s in items if s.strip()]

    return VPR(
        headline=reply.headline.strip(),
        summary=reply.summary.strip(),
        strengths=clean(reply.strengths),
        evidence_matrix=rows,
        gaps=clean(reply.gaps),
        differentiators=clean(reply.differentiators),
        recommendations=clean(reply.recommendations),
        match_score=ctx.match.score,
    )


def tailored_cv(reply: TailoredCVReply, master: MasterCV) -> MasterCV:
    """The master CV with the reply's summary, bullet wording and order, and skill order. Bullets the reply
    left out keep their place after the chosen ones (nothing is lost); a bullet id from another role, an
    unknown id or a repeated one is ignored; skills not in the CV are ignored."""
    doc = master.model_copy(deep=True)
    if reply.summary.strip():
        doc.professional_summary = reply.summary.strip()
    roles = {r.role_id.strip().strip("[]").upper(): r for r in reply.roles}
    for i, job in enumerate(doc.experience):
        role = roles.get(f"E{i + 1}")
        if role is None:
            continue
        original = list(master.experience[i].achievements)
        ids = {bullet_id(i, j): j for j in range(len(original))}
        used: set[int] = set()
        bullets: list[str] = []
        for b in role.bullets:
            j = ids.get(b.source_id.strip().strip("[]").upper())
            if j is None or j in used:
                continue
            used.add(j)
            bullets.append(" ".join(b.text.split()) or original[j])
        bullets += [text for j, text in enumerate(original) if j not in used]
        job.achievements = bullets
    own = {fold(s): s for s in master.skills}
    chosen = list(dict.fromkeys(own[fold(s)] for s in reply.skills if fold(s) in own))
    doc.skills = chosen + [s for s in master.skills if s not in chosen]
    return doc


def _interview_prep(reply: InterviewPrepReply, index: CVIndex) -> InterviewPrep:
    questions = []
    for q in reply.questions:
        evidence = [t for t in (index.text(i) for i in q.cv_ids) if t]
        star = None
        if q.star:
            situation, task, action, result = (" ".join(p.split()) for p in q.star)
            star = StarOutline(situation=situation, task=task, action=action, result=result)
        questions.append(
            InterviewQuestion(
                question=q.question.strip(),
                category=q.category,
                why_asked=q.why_asked.strip(),
                talking_points=[p.strip() for p in q.talking_points if p.strip()],
                evidence=list(dict.fromkeys(evidence)),
                evaluates=q.evaluates.strip(),
                star=star,
                follow_ups=[f.strip() for f in q.follow_ups if f.strip()],
            )
        )
    return InterviewPrep(
        questions=questions,
        questions_to_ask=[s.strip() for s in reply.questions_to_ask if s.strip()],
        pitch=" ".join(reply.pitch.split()),
    )
