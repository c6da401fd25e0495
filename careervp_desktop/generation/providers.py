"""What a writing provider is: something that turns a `GenerationContext` into one artifact's content model.

The offline engine (`offline.OfflineProvider`) implements it today; a Claude-backed provider will implement the
same protocol later (its prompts carry placeholders for contact details, and its immutable CV facts are copied
from the master CV locally, never taken from model output).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, runtime_checkable

from pydantic import BaseModel

from careervp_desktop.domain.artifacts import EvidenceRow, GapDestination, GapQuestion
from careervp_desktop.domain.models import ArtifactType, JobPosting, MasterCV, MatchResult, Provenance


@dataclass(frozen=True)
class GenerationContext:
    """Everything a provider may use: the master CV, the job, the match and the user's gap answers."""

    cv: MasterCV
    job: JobPosting
    match: MatchResult
    answers: tuple[GapQuestion, ...] = ()
    today: date = field(default_factory=date.today)
    known_facts: tuple[str, ...] = ()  # confirmed facts from the knowledge base (earlier answers, accepted claims)
    letter_tone: str = "professional"  # "professional" | "enthusiastic" | "technical"
    hiring_manager: str = ""  # whom the letter addresses, when the user knows
    company_notes: str = ""  # what the user knows about the company (the letter's hook may use it)
    language: str = ""  # the language to write in (ISO 639-1); "" = the job ad's
    evidence: tuple[EvidenceRow, ...] = ()  # the graded evidence matrix, once the VPR's stage 2 has built it

    @property
    def document_language(self) -> str:
        return self.language or self.job.language or "en"

    @property
    def document_answers(self) -> tuple[GapQuestion, ...]:
        """The answered questions whose answer may be used in the documents (destination CV_IMPACT; the workflow
        passes only those, and an interview-only answer that slips in is still never document evidence)."""
        return tuple(
            q for q in self.answers if q.answer and q.answer.strip() and q.destination == GapDestination.CV_IMPACT
        )

    @property
    def confirmed_facts(self) -> list[str]:
        """The user's own answers to gap questions and their known facts: what FVS accepts besides the CV."""
        answers = [(q.answer or "").strip() for q in self.document_answers]
        return answers + [f.strip() for f in self.known_facts if f.strip() and f.strip() not in answers]


@dataclass(frozen=True)
class ProviderOutput:
    content: BaseModel
    provenance: Provenance


@runtime_checkable
class Provider(Protocol):
    """A writer of artifacts. `name` is what `Provenance.provider` records ("offline", "anthropic")."""

    name: str

    def generate(self, artifact_type: ArtifactType, ctx: GenerationContext) -> ProviderOutput:
        """Write one artifact's content model (see `domain.artifacts.content_model`)."""
        ...
