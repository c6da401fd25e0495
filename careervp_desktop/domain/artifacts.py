"""Content models of the five artifacts. `Artifact.content` holds `model_dump(mode="json")` of one of these
(the tailored CV's content is a `MasterCV`). `content_model(type)` gives the class to validate with."""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from careervp_desktop.domain.models import ArtifactType, MasterCV


class _Content(BaseModel):
    model_config = ConfigDict(extra="ignore")


class GapPriority(StrEnum):
    CRITICAL = "critical"  # must be answered or explicitly skipped before the documents are final
    IMPORTANT = "important"
    OPTIONAL = "optional"


class GapCategory(StrEnum):
    QUANTIFY = "quantify"  # the CV shows it, without numbers: how much, how many, how fast?
    EXAMPLE = "example"  # the CV touches on it: a concrete example
    CLARIFY = "clarify"  # something close is there (related skills, fewer years): is there more?
    FILL_GAP = "fill_gap"  # nothing in the CV: any experience at all?


class GapDestination(StrEnum):
    CV_IMPACT = "cv_impact"  # the answer may be used in the documents (it is a confirmed fact)
    INTERVIEW_ONLY = "interview_only"  # only to prepare the interview


class GapQuestion(_Content):
    id: str  # stable within the artifact, e.g. "q1"
    requirement: str  # the job requirement the question is about
    question: str
    why: str  # why we ask: what is missing or unclear in the CV
    skills: list[str] = Field(default_factory=list)
    answer: str | None = None  # the user's answer, once given
    # Set by `analysis.gaps.prioritise` for every provider: gap score = 0.7·impact + 0.3·probability.
    priority: GapPriority = GapPriority.IMPORTANT
    category: GapCategory = GapCategory.EXAMPLE
    destination: GapDestination = GapDestination.CV_IMPACT  # the suggested use of the answer
    score: float = 0.0
    reused: bool = False  # `answer` comes from an earlier application (offered for reuse)


class GapQuestions(_Content):
    questions: list[GapQuestion] = Field(default_factory=list)


class EvidenceRow(_Content):
    requirement: str
    evidence: str  # the CV text that supports it ("" when none)
    source: str  # where in the CV, e.g. "Acme Corp — bullet 2"
    strength: str  # "strong" | "partial" | "gap"
    business_impact: str = ""  # the measurable result in the evidence ("cutting latency from 15 min to 40 s")


class VPR(_Content):
    """Value Proposition Report."""

    headline: str
    summary: str
    strengths: list[str] = Field(default_factory=list)
    evidence_matrix: list[EvidenceRow] = Field(default_factory=list)
    gaps: list[str] = Field(default_factory=list)
    differentiators: list[str] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)
    match_score: int = 0
    talking_points: list[str] = Field(default_factory=list)  # 5–7 things to say, each backed by the CV
    ats_keywords: list[str] = Field(default_factory=list)  # the posting's keywords, most important first
    cultural_fit: list[str] = Field(default_factory=list)  # from the user's notes on the company, with CV links


class CoverLetter(_Content):
    greeting: str
    paragraphs: list[str] = Field(default_factory=list)
    closing: str
    signature: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def editable_text(self) -> str:
        """The whole letter as the user edits it: greeting, paragraphs, closing and signature, blank-line
        separated (the signature on the line after the closing). `from_editable_text` reads it back."""
        blocks = [self.greeting, *self.paragraphs, self.closing]
        if self.signature.strip():
            blocks[-1] = f"{self.closing.strip()}\n{self.signature.strip()}".strip()
        return "\n\n".join(b.strip() for b in blocks if b and b.strip())

    @classmethod
    def from_editable_text(cls, text: str) -> CoverLetter:
        """Read a letter the user edited as plain text: the first block is the greeting when it looks like one
        ("Dear …,", "Hello …"); the last block is the closing (and the signature on its next lines) when it starts
        with a sign-off ("Kind regards,", "Sincerely"); everything else is paragraphs, in order."""
        blocks = [b.strip() for b in _BLANK_LINE.split(text.replace("\r\n", "\n")) if b.strip()]
        greeting = closing = signature = ""
        if blocks and "\n" not in blocks[0] and _GREETING.match(blocks[0]):
            greeting = blocks.pop(0)
        if blocks:
            first, _, rest = blocks[-1].partition("\n")
            if _SIGN_OFF.match(first):
                blocks.pop()
                closing, signature = first.strip(), rest.strip()
        return cls(greeting=greeting, paragraphs=blocks, closing=closing, signature=signature)


_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_GREETING = re.compile(
    r"(?i)^\s*(dear|hello|hi|greetings|good (morning|afternoon)|to whom|hej|hallo|bonjour|לכבוד|שלום)\b|.*[,:]\s*$"
)
_SIGN_OFF = re.compile(
    r"(?i)^\s*(sincerely|yours|kind(est)? regards|best( regards| wishes)?|warm(est)? regards|regards|many thanks|"
    r"thank you|with thanks|respectfully|cheers|mit freundlichen|cordialement|בברכה|תודה)\b"
)


class StarOutline(_Content):
    """An answer outline in STAR order, built from the CV's own lines (and prompts for what only the user knows)."""

    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""

    def text(self) -> str:
        return " ".join(p for p in (self.situation, self.task, self.action, self.result) if p)


class InterviewQuestion(_Content):
    question: str
    category: str  # "technical" | "behavioural" | "situational" | "gap" | "motivation"
    why_asked: str
    talking_points: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)  # CV lines to draw the answer from
    evaluates: str = ""  # what the interviewer is checking
    star: StarOutline | None = None
    follow_ups: list[str] = Field(default_factory=list)
    user_answer: str = ""  # the candidate's own answer (written in the app)


class InterviewPrep(_Content):
    questions: list[InterviewQuestion] = Field(default_factory=list)
    questions_to_ask: list[str] = Field(default_factory=list)
    pitch: str = ""  # a 30-second introduction, from the CV


CONTENT_MODELS: dict[ArtifactType, type[BaseModel]] = {
    ArtifactType.GAP_QUESTIONS: GapQuestions,
    ArtifactType.VPR: VPR,
    ArtifactType.TAILORED_CV: MasterCV,
    ArtifactType.COVER_LETTER: CoverLetter,
    ArtifactType.INTERVIEW_PREP: InterviewPrep,
}


def content_model(artifact_type: ArtifactType) -> type[BaseModel]:
    return CONTENT_MODELS[artifact_type]


def content_json(artifact_type: ArtifactType, content: BaseModel) -> dict[str, object]:
    """The JSON written for an artifact (`<type>.json`): the model, plus derived conveniences (letter `text`)."""
    data: dict[str, object] = content.model_dump(mode="json")
    if isinstance(content, CoverLetter):
        data["text"] = content.text
    return data
