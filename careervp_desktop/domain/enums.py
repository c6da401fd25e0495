"""The domain's enumerations, importable without pydantic: the main window needs them to build its panes and
lists before the first paint, while the models (`models.py`, which re-exports them) load behind it."""

from __future__ import annotations

from enum import StrEnum


class MatchStatus(StrEnum):
    MATCHED = "matched"
    PARTIAL = "partial"
    MISSING = "missing"


class ApplicationStatus(StrEnum):
    DRAFT = "draft"
    ANALYSED = "analysed"
    GENERATED = "generated"
    SENT = "sent"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class ArtifactType(StrEnum):
    GAP_QUESTIONS = "gap_questions"
    VPR = "vpr"
    TAILORED_CV = "tailored_cv"
    COVER_LETTER = "cover_letter"
    INTERVIEW_PREP = "interview_prep"

    @property
    def label(self) -> str:
        return _ARTIFACT_LABELS[self]


_ARTIFACT_LABELS = {
    ArtifactType.GAP_QUESTIONS: "Gap questions",
    ArtifactType.VPR: "Value proposition",
    ArtifactType.TAILORED_CV: "Tailored CV",
    ArtifactType.COVER_LETTER: "Cover letter",
    ArtifactType.INTERVIEW_PREP: "Interview prep",
}


class ArtifactStatus(StrEnum):
    DRAFT = "draft"
    EDITED = "edited"
    FINAL = "final"


class Severity(StrEnum):
    CRITICAL = "critical"
    WARNING = "warning"
    INFO = "info"
