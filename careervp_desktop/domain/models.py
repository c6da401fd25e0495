"""The domain model: plain pydantic v2 models, no Qt, no database, no I/O.

One name per concept, in the user's words. `MasterCV` is exactly the JSON shape `careervp parse --json` prints
(also the shape of a tailored CV). Artifact *content* models live in `artifacts.py`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

# The enumerations live in enums.py (no pydantic: the window's first paint needs them) and are re-exported here.
from careervp_desktop.domain.enums import ApplicationStatus as ApplicationStatus
from careervp_desktop.domain.enums import ArtifactStatus as ArtifactStatus
from careervp_desktop.domain.enums import ArtifactType as ArtifactType
from careervp_desktop.domain.enums import MatchStatus as MatchStatus
from careervp_desktop.domain.enums import Severity as Severity


def utc_now() -> datetime:
    return datetime.now(UTC)


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=False)


# --------------------------------------------------------------------------------------------------- the CV
class ContactInfo(_Model):
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    linkedin: str | None = None
    website: str | None = None


class ExperienceEntry(_Model):
    company: str | None = None
    role: str | None = None
    location: str | None = None
    start_date: str | None = None  # "YYYY-MM" | "YYYY" | None
    end_date: str | None = None  # "YYYY-MM" | "YYYY" | "present" | None
    dates_raw: str | None = None
    achievements: list[str] = Field(default_factory=list)


class EducationEntry(_Model):
    institution: str | None = None
    degree: str | None = None
    field_of_study: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    dates_raw: str | None = None


class Certification(_Model):
    name: str
    issuer: str | None = None
    date: str | None = None


class MasterCV(_Model):
    """A CV in the normalized shape. Used for the user's master CV and for every tailored CV."""

    full_name: str | None = None
    contact_info: ContactInfo = Field(default_factory=ContactInfo)
    professional_summary: str | None = None
    experience: list[ExperienceEntry] = Field(default_factory=list)
    education: list[EducationEntry] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    certifications: list[Certification] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    language: str = "en"

    def to_parse_json(self) -> dict[str, object]:
        """The exact `careervp parse --json` shape (all keys present, nulls kept)."""
        return self.model_dump(mode="json")


# --------------------------------------------------------------------------------------------------- the job
class RequirementKind(StrEnum):
    MUST = "must"
    NICE = "nice"


class Requirement(_Model):
    text: str
    kind: RequirementKind = RequirementKind.MUST
    skills: list[str] = Field(default_factory=list)


class JobPosting(_Model):
    title: str | None = None
    company: str | None = None
    location: str | None = None
    seniority: str | None = None  # "junior" | "mid" | "senior" | "lead" | "principal" | None
    years_required: int | None = None
    requirements: list[Requirement] = Field(default_factory=list)
    responsibilities: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    language: str = "en"
    raw_text: str = ""


# --------------------------------------------------------------------------------------------------- matching
class Evidence(_Model):
    """A place in the CV that supports a requirement."""

    section: str  # "experience" | "education" | "skills" | "certifications" | "summary" | "languages"
    entry_index: int | None = None
    bullet_index: int | None = None
    text: str


class RequirementMatch(_Model):
    requirement: Requirement
    status: MatchStatus
    score: float = 0.0  # 0..1
    matched_skills: list[str] = Field(default_factory=list)
    missing_skills: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class MatchResult(_Model):
    score: int  # 0..100
    breakdown: dict[str, float] = Field(default_factory=dict)  # component -> 0..100
    requirements: list[RequirementMatch] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------------- applications
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "he": "Hebrew",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "ru": "Russian",
    "uk": "Ukrainian",
    "ar": "Arabic",
}


def language_name(code: str) -> str:
    """ "Hebrew" for "he"; an unknown code as it is."""
    return LANGUAGE_NAMES.get(code.strip().lower(), code.strip())


class Application(_Model):
    id: int | None = None
    company: str = ""
    title: str = ""
    jd_text: str = ""
    source_url: str | None = None
    status: ApplicationStatus = ApplicationStatus.DRAFT
    master_cv_id: int | None = None
    notes: str = ""
    company_notes: str = ""  # what the user knows about the company (the letter and VPR may use it)
    hiring_manager: str = ""  # whom the cover letter addresses, when known ("Ms Anna Berg")
    letter_tone: str = "professional"  # "professional" | "enthusiastic" | "technical"
    document_language: str = ""  # ISO 639-1 code the documents are written in; "" = the job ad's language
    applied_at: datetime | None = None
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    @property
    def display_name(self) -> str:
        parts = [p for p in (self.title.strip(), self.company.strip()) if p]
        return " — ".join(parts) if parts else "Untitled application"


OFFLINE_DRAFT_PREFIX = "Offline draft:"


class Provenance(_Model):
    """Who wrote an artifact version and what it cost."""

    provider: str  # "offline" | "anthropic" | "user"
    model: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    cost_usd: float = 0.0
    created_at: datetime = Field(default_factory=utc_now)
    note: str | None = None  # why it was written this way, e.g. "Offline draft: Claude unavailable — …"

    @classmethod
    def fallback_note(cls, reason: str) -> str:
        """The note of a document drafted offline because Claude could not write it (see `fallback_reason`)."""
        return f"{OFFLINE_DRAFT_PREFIX} {reason}"

    @property
    def fallback_reason(self) -> str | None:
        """Why this was drafted offline instead of by Claude ("Claude had a server error (500): retry later, …"),
        or None when it was not a fallback (an offline draft by choice, Claude, the user's edits)."""
        note = self.note or ""
        return note.removeprefix(OFFLINE_DRAFT_PREFIX).strip() if note.startswith(OFFLINE_DRAFT_PREFIX) else None


class ViolationType(StrEnum):
    CONTACT = "contact"
    EMPLOYER = "employer"
    TITLE = "title"
    DATES = "dates"
    EDUCATION = "education"
    CERTIFICATION = "certification"
    SKILL = "skill"
    METRIC = "metric"


class Violation(_Model):
    """One unsupported claim in a document, located by character offsets into the document text."""

    type: ViolationType
    severity: Severity
    text: str
    start: int | None = None
    end: int | None = None
    message: str
    source: str = "not found in your CV"


class Artifact(_Model):
    """One version of one generated (or edited) document of an application."""

    id: int | None = None
    application_id: int | None = None
    type: ArtifactType
    version: int = 1
    status: ArtifactStatus = ArtifactStatus.DRAFT
    content: dict[str, object] = Field(default_factory=dict)
    provenance: Provenance
    violations: list[Violation] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utc_now)
