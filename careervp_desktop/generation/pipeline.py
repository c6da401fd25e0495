"""Generate every artifact of an application with one provider, checking each with FVS."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from pydantic import BaseModel

from careervp_desktop.analysis.fvs import FactSources, check_artifact, check_text
from careervp_desktop.analysis.gaps import KnownAnswer, prioritise
from careervp_desktop.analysis.match import match_cv_to_job
from careervp_desktop.analysis.report import enrich_vpr, evidence_matrix, limit_interview
from careervp_desktop.domain.artifacts import VPR, GapQuestion, GapQuestions, InterviewPrep
from careervp_desktop.domain.models import (
    ArtifactType,
    JobPosting,
    MasterCV,
    MatchResult,
    MatchStatus,
    Provenance,
    RequirementKind,
    Severity,
    Violation,
)
from careervp_desktop.generation.providers import GenerationContext, Provider, ProviderOutput

ARTIFACT_ORDER: tuple[ArtifactType, ...] = (
    ArtifactType.GAP_QUESTIONS,
    ArtifactType.VPR,
    ArtifactType.TAILORED_CV,
    ArtifactType.COVER_LETTER,
    ArtifactType.INTERVIEW_PREP,
)


# The value proposition report is written in five visible stages (`on_stage` reports each; cancelling stops between
# them): what the analysis found, the evidence graded locally, the writer's synthesis, the fact check removing
# what the CV does not support, and the finished report (keywords, impact, talking points, cultural fit).
VPR_STAGES: tuple[str, ...] = (
    "Analysing the CV and the job",
    "Extracting evidence",
    "Synthesising",
    "Self-correcting",
    "Generating the report",
)


@dataclass(frozen=True)
class Stage:
    """Progress inside one artifact: stage `index` (1-based) of `total`, with what it found so far."""

    artifact: ArtifactType
    index: int
    total: int
    name: str
    detail: str = ""


class GenerationCancelled(Exception):
    """`is_cancelled()` turned true between two artifacts; the artifacts written so far are in `partial`."""

    def __init__(self, partial: GenerationResult) -> None:
        super().__init__("Generation cancelled.")
        self.partial = partial


@dataclass
class GeneratedArtifact:
    type: ArtifactType
    content: BaseModel
    provenance: Provenance
    violations: list[Violation] = field(default_factory=list)


@dataclass
class GenerationResult:
    match: MatchResult
    artifacts: dict[ArtifactType, GeneratedArtifact] = field(default_factory=dict)


def generate_all(
    cv: MasterCV,
    job: JobPosting,
    *,
    provider: Provider,
    on_progress: Callable[[ArtifactType, int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    on_stage: Callable[[Stage], None] | None = None,
    answers: Sequence[GapQuestion] = (),
    types: Sequence[ArtifactType] = ARTIFACT_ORDER,
    today: date | None = None,
    facts: Sequence[str] = (),
    known: Sequence[KnownAnswer] = (),
    letter_tone: str = "professional",
    hiring_manager: str = "",
    company_notes: str = "",
    language: str = "",
) -> GenerationResult:
    """Match, then write each artifact in `types` order and run FVS on it.

    `on_progress(type, n, total)` is called before the n-th artifact (1-based) is written; `on_stage` before each
    stage of an artifact written in stages (the VPR, `VPR_STAGES`). `is_cancelled()` is polled before each artifact
    and each stage; when it returns true, `GenerationCancelled` is raised (carrying what was done) — also when the
    provider itself stops with an exception once it is true (a cancelled Claude stream).
    `facts` are what the user confirmed besides the CV and `answers` (the knowledge base): the fact check
    accepts them and writers may use them. Gap questions, whoever wrote them, are scored, sorted and cut to ten
    (`analysis.gaps.prioritise`); a question answered before (`known`, the knowledge base) comes with that answer.
    """
    today = today or date.today()
    match = match_cv_to_job(cv, job, today=today)
    ctx = GenerationContext(
        cv=cv,
        job=job,
        match=match,
        answers=tuple(answers),
        today=today,
        known_facts=tuple(f for f in facts if f),
        letter_tone=letter_tone,
        hiring_manager=hiring_manager.strip(),
        company_notes=company_notes.strip(),
        language=language.strip().lower(),
    )
    sources = FactSources.from_cv(cv, ctx.confirmed_facts, today=today)
    result = GenerationResult(match=match)
    total = len(types)

    def vpr_stage(index: int, detail: str) -> None:
        if is_cancelled is not None and is_cancelled():
            raise GenerationCancelled(result)
        if on_stage is not None:
            on_stage(Stage(ArtifactType.VPR, index, len(VPR_STAGES), VPR_STAGES[index - 1], detail))

    for n, art_type in enumerate(types, start=1):
        if is_cancelled is not None and is_cancelled():
            raise GenerationCancelled(result)
        if on_progress is not None:
            on_progress(art_type, n, total)
        try:
            if art_type is ArtifactType.VPR:
                out = _write_vpr(provider, ctx, sources, vpr_stage)
            else:
                out = provider.generate(art_type, ctx)
        except GenerationCancelled:
            raise
        except Exception as exc:
            if is_cancelled is not None and is_cancelled():  # the writer stopped because the user cancelled (Claude
                raise GenerationCancelled(result) from exc  # stops mid-stream with its own CallCancelled)
            raise
        if isinstance(out.content, GapQuestions):
            out = ProviderOutput(content=prioritise(out.content, match, known=known), provenance=out.provenance)
        elif isinstance(out.content, InterviewPrep):
            out = ProviderOutput(content=limit_interview(out.content), provenance=out.provenance)
        violations = check_artifact(art_type, out.content, sources, target_company=job.company, target_title=job.title)
        result.artifacts[art_type] = GeneratedArtifact(art_type, out.content, out.provenance, violations)
    return result


def _write_vpr(
    provider: Provider, ctx: GenerationContext, sources: FactSources, stage: Callable[[int, str], None]
) -> ProviderOutput:
    """The VPR in its five stages (see `VPR_STAGES`); `stage(n, detail)` reports each and stops when cancelled."""
    musts = [r for r in ctx.match.requirements if r.requirement.kind is RequirementKind.MUST]
    met = sum(r.status is MatchStatus.MATCHED for r in musts)
    stage(1, f"{met} of {len(musts)} must-haves met; match {ctx.match.score}%")
    rows = evidence_matrix(ctx.cv, ctx.match, ctx.answers, ctx.document_language)
    graded = sum(r.strength != "gap" for r in rows)
    stage(2, f"evidence for {graded} of {len(rows)} requirements")
    stage(3, "")
    out = provider.generate(ArtifactType.VPR, replace(ctx, evidence=tuple(rows)))  # the writer builds on it
    assert isinstance(out.content, VPR)
    stage(4, "")
    vpr, removed = self_correct(out.content, sources, target_company=ctx.job.company, target_title=ctx.job.title)
    stage(5, f"removed {removed} unsupported claim{'s' if removed != 1 else ''}" if removed else "")
    vpr = enrich_vpr(vpr, ctx.match, ctx.company_notes, ctx.document_language)
    return ProviderOutput(content=vpr, provenance=out.provenance)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def self_correct(
    vpr: VPR, sources: FactSources, *, target_company: str | None = None, target_title: str | None = None
) -> tuple[VPR, int]:
    """The report without what the fact check finds unsupported (a warning or worse): such items of the lists FVS
    reads (strengths, differentiators, recommendations; gaps quote the posting) and such sentences of the summary
    (a paragraph left empty goes; a summary left empty is kept whole) are dropped. The evidence matrix holds only
    CV lines and the user's answers. Returns the report and how many pieces were removed; what stays is
    underlined for the user."""

    def supported(text: str) -> bool:
        found = check_text(text, sources, target_company=target_company, target_title=target_title)
        return not any(v.severity is not Severity.INFO for v in found)

    removed = 0
    update: dict[str, object] = {}
    for name in ("strengths", "differentiators", "recommendations"):  # the lists FVS reads (`artifact_text`)
        items: list[str] = getattr(vpr, name)
        kept = [item for item in items if supported(item)]
        removed += len(items) - len(kept)
        update[name] = kept
    paragraphs: list[str] = []
    dropped = 0
    for paragraph in (p.strip() for p in vpr.summary.split("\n\n") if p.strip()):
        sentences = _SENTENCE_END.split(paragraph)
        kept = [s for s in sentences if supported(s)]
        dropped += len(sentences) - len(kept)
        if kept:
            paragraphs.append(" ".join(kept))
    if paragraphs:  # else nothing in it is supported: the writer's summary stays, underlined, for the user to fix
        update["summary"] = "\n\n".join(paragraphs)
        removed += dropped
    return vpr.model_copy(update=update), removed
