"""Generate every artifact of an application with one provider, checking each with FVS."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel

from careervp_desktop.analysis.fvs import FactSources, check_artifact
from careervp_desktop.analysis.gaps import KnownAnswer, prioritise
from careervp_desktop.analysis.match import match_cv_to_job
from careervp_desktop.analysis.report import enrich_vpr, limit_interview
from careervp_desktop.domain.artifacts import VPR, GapQuestion, GapQuestions, InterviewPrep
from careervp_desktop.domain.models import ArtifactType, JobPosting, MasterCV, MatchResult, Provenance, Violation
from careervp_desktop.generation.providers import GenerationContext, Provider, ProviderOutput

ARTIFACT_ORDER: tuple[ArtifactType, ...] = (
    ArtifactType.GAP_QUESTIONS,
    ArtifactType.VPR,
    ArtifactType.TAILORED_CV,
    ArtifactType.COVER_LETTER,
    ArtifactType.INTERVIEW_PREP,
)


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
    answers: Sequence[GapQuestion] = (),
    types: Sequence[ArtifactType] = ARTIFACT_ORDER,
    today: date | None = None,
    facts: Sequence[str] = (),
    known: Sequence[KnownAnswer] = (),
    letter_tone: str = "professional",
    hiring_manager: str = "",
    company_notes: str = "",
) -> GenerationResult:
    """Match, then write each artifact in `types` order and run FVS on it.

    `on_progress(type, n, total)` is called before the n-th artifact (1-based) is written. `is_cancelled()` is
    polled before each artifact; when it returns true, `GenerationCancelled` is raised (carrying what was done).
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
    )
    sources = FactSources.from_cv(cv, ctx.confirmed_facts, today=today)
    result = GenerationResult(match=match)
    total = len(types)
    for n, art_type in enumerate(types, start=1):
        if is_cancelled is not None and is_cancelled():
            raise GenerationCancelled(result)
        if on_progress is not None:
            on_progress(art_type, n, total)
        out = provider.generate(art_type, ctx)
        if isinstance(out.content, GapQuestions):
            out = ProviderOutput(content=prioritise(out.content, match, known=known), provenance=out.provenance)
        elif isinstance(out.content, VPR):
            out = ProviderOutput(content=enrich_vpr(out.content, match, ctx.company_notes), provenance=out.provenance)
        elif isinstance(out.content, InterviewPrep):
            out = ProviderOutput(content=limit_interview(out.content), provenance=out.provenance)
        violations = check_artifact(art_type, out.content, sources, target_company=job.company, target_title=job.title)
        result.artifacts[art_type] = GeneratedArtifact(art_type, out.content, out.provenance, violations)
    return result
