"""Records the library keeps besides applications and artifacts: master CV versions, gap answers, the knowledge
base, LLM usage, sent packages, search hits. Plain pydantic models (storage maps its rows to these), plus the
pure helpers that define their identity (`question_hash`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from careervp_desktop.domain.models import ArtifactType, MasterCV, utc_now


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore")


class MasterCVVersion(_Record):
    """One saved state of a master CV. Every edit session of a master CV is a new version."""

    master_cv_id: int
    version: int
    cv: MasterCV
    created_at: datetime
    updated_at: datetime


class AnswerDestination(StrEnum):
    """Where a gap answer may be used: in the documents (it changes the CV) or only to prepare the interview."""

    CV_IMPACT = "cv_impact"
    INTERVIEW_ONLY = "interview_only"


class GapAnswer(_Record):
    """The user's answer to one gap question of one application."""

    id: int | None = None
    application_id: int | None = None
    question_id: str  # the question's id inside the GAP_QUESTIONS artifact, e.g. "q1"
    question: str
    answer: str
    destination: AnswerDestination = AnswerDestination.CV_IMPACT
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    @property
    def question_hash(self) -> str:
        return question_hash(self.question)


class KnowledgeFact(_Record):
    """A confirmed fact or gap answer, reusable across applications. `question_hash` identifies it (one fact per
    question); for a free-standing fact the question is the fact itself."""

    id: int | None = None
    question_hash: str
    question: str
    answer: str
    destination: AnswerDestination = AnswerDestination.CV_IMPACT
    source_application_id: int | None = None
    created_at: datetime = Field(default_factory=utc_now)
    last_used_at: datetime | None = None
    use_count: int = 0


class UsageRecord(_Record):
    """One LLM call in the usage ledger (never any prompt or response text)."""

    id: int | None = None
    application_id: int | None = None
    artifact_type: ArtifactType | None = None
    provider: str
    model: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: float = 0.0
    created_at: datetime = Field(default_factory=utc_now)


class UsageTotals(_Record):
    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    cost_usd: float = 0.0


class SentFile(_Record):
    name: str
    sha256: str
    size: int


class SentPackage(_Record):
    """What was sent for an application, frozen: which artifact versions, which master CV, which files."""

    id: int | None = None
    application_id: int
    sent_at: datetime
    master_cv_id: int | None = None
    master_cv_version: int | None = None
    artifact_versions: dict[ArtifactType, int] = Field(default_factory=dict)
    files: list[SentFile] = Field(default_factory=list)

    @property
    def cv_version(self) -> int | None:
        return self.artifact_versions.get(ArtifactType.TAILORED_CV)

    @property
    def letter_version(self) -> int | None:
        return self.artifact_versions.get(ArtifactType.COVER_LETTER)


class SearchHit(_Record):
    """One search result: an application (its company, title, job ad and notes) or one of its documents."""

    application_id: int
    company: str
    title: str
    artifact_type: ArtifactType | None = None  # None: the application itself matched
    snippet: str  # matched terms wrapped in [ ]
    score: float  # bm25: lower is better


_PUNCT = re.compile(r"[^\w\s]+")


def question_hash(question: str) -> str:
    """The identity of a question across applications: SHA-256 of its text, case-folded, accents and
    punctuation removed, whitespace collapsed. "Have you used Kubernetes?" and "have you used kubernetes" match."""
    text = unicodedata.normalize("NFKD", question)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = " ".join(_PUNCT.sub(" ", text).split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
