"""Hand-built artifact content for the export tests; the CV and job are the shared ones of tests/analysis/samples."""

from __future__ import annotations

from pydantic import BaseModel

from careervp_desktop.domain.artifacts import (
    VPR,
    CoverLetter,
    EvidenceRow,
    GapQuestion,
    GapQuestions,
    InterviewPrep,
    InterviewQuestion,
)
from careervp_desktop.domain.models import (
    ArtifactType,
    ContactInfo,
    EducationEntry,
    ExperienceEntry,
    MasterCV,
)
from tests.analysis.samples import sample_cv, sample_job  # noqa: F401  (re-exported for the export tests)


def sample_cover_letter() -> CoverLetter:
    return CoverLetter(
        greeting="Dear Hiring Team,",
        paragraphs=[
            "I am applying for the Senior Backend Engineer role at Acme Freight. For the past four years I have "
            "built and run the shipment-tracking platform at Nordlane Logistics, and your focus on real-time "
            "freight visibility is exactly the problem I enjoy most.",
            "At Nordlane I rebuilt our tracking pipeline on Kafka and PostgreSQL, cutting event latency from 15 "
            "minutes to 40 seconds, and led four engineers through moving 30 cron jobs to Airflow without a "
            "single missed delivery. Before that, at Kassa Payments, I built FastAPI services that process 1.2 "
            "million card payments a month.",
            "I would welcome the chance to talk about how I could help your team ship reliable streaming "
            "systems. Thank you for your time and consideration.",
        ],
        closing="Kind regards,",
        signature="Maya Lindqvist",
    )


def sample_vpr() -> VPR:
    return VPR(
        headline="A streaming-systems engineer who has already solved Acme Freight's hardest problem once.",
        summary=(
            "Maya brings seven years of Python backend work in logistics and payments, with measurable wins in "
            "latency, reliability and cost. Her Kafka and Airflow experience maps directly to the role's core "
            "requirements; Kubernetes is the one area to address."
        ),
        strengths=[
            "Event streaming at scale: Kafka pipeline with latency cut from 15 minutes to 40 seconds.",
            "Leadership: led 4 engineers through a 30-job Airflow migration with zero missed deliveries.",
            "Cost awareness: cut the AWS bill by 22%.",
        ],
        evidence_matrix=[
            EvidenceRow(
                requirement="5+ years of Python backend development",
                evidence="Seven years building data-heavy Python services",
                source="Summary",
                strength="strong",
            ),
            EvidenceRow(
                requirement="Experience with Kafka or similar event streaming",
                evidence="Rebuilt the shipment-tracking pipeline on Kafka and PostgreSQL",
                source="Nordlane Logistics — bullet 1",
                strength="strong",
            ),
            EvidenceRow(
                requirement="Kubernetes in production",
                evidence="",
                source="",
                strength="gap",
            ),
            EvidenceRow(
                requirement="Mentoring engineers",
                evidence="Mentored 3 junior developers; two were promoted within a year",
                source="Nordlane Logistics — bullet 4",
                strength="partial",
            ),
        ],
        gaps=["No Kubernetes experience stated in the CV."],
        differentiators=["Domain knowledge of freight and shipment tracking.", "Payments-grade reliability."],
        recommendations=[
            "Lead with the Kafka latency result in the first paragraph of the cover letter.",
            "Prepare an honest answer about container orchestration (Docker, AWS).",
        ],
        match_score=82,
    )


def sample_gap_questions() -> GapQuestions:
    return GapQuestions(
        questions=[
            GapQuestion(
                id="q1",
                requirement="Kubernetes in production",
                question="Have you deployed or operated services on Kubernetes?",
                why="The role runs everything on Kubernetes and your CV mentions Docker but not Kubernetes.",
                skills=["Kubernetes", "Helm"],
            ),
            GapQuestion(
                id="q2",
                requirement="On-call experience",
                question="Have you been part of an on-call rotation?",
                why="The team shares on-call duty and the CV does not say whether you have done it.",
                answer="Yes, at Nordlane I was on a weekly rotation for the tracking pipeline.",
            ),
        ]
    )


def sample_interview_prep() -> InterviewPrep:
    return InterviewPrep(
        questions=[
            InterviewQuestion(
                question="Tell us about a system you made faster.",
                category="technical",
                why_asked="The role owns latency-sensitive tracking services.",
                talking_points=[
                    "Kafka + PostgreSQL rebuild of the tracking pipeline.",
                    "Latency from 15 minutes to 40 seconds.",
                ],
                evidence=["Rebuilt the shipment-tracking pipeline on Kafka and PostgreSQL."],
            ),
            InterviewQuestion(
                question="How do you help junior engineers grow?",
                category="behavioural",
                why_asked="Seniors on this team mentor new hires.",
                talking_points=["Pairing and code review habits.", "Two mentees promoted within a year."],
                evidence=["Mentored 3 junior developers; two were promoted within a year."],
            ),
        ],
        questions_to_ask=[
            "What does the on-call rotation look like?",
            "Which part of the platform is hardest to change today?",
        ],
    )


def sample_content(artifact_type: ArtifactType) -> BaseModel:
    builders = {
        ArtifactType.TAILORED_CV: sample_cv,
        ArtifactType.COVER_LETTER: sample_cover_letter,
        ArtifactType.VPR: sample_vpr,
        ArtifactType.GAP_QUESTIONS: sample_gap_questions,
        ArtifactType.INTERVIEW_PREP: sample_interview_prep,
    }
    content: BaseModel = builders[artifact_type]()
    return content


UNICODE_NAME = "Zoë Ångström"
UNICODE_PHRASES = ("Café", "Müller", "Göteborg", "Åre", "—", "naïve")
HEBREW_WORD = "שלום"


def unicode_cv() -> MasterCV:
    """A CV with accents, Swedish letters, an em dash and a Hebrew word."""
    cv = sample_cv()
    cv.full_name = UNICODE_NAME
    cv.professional_summary = (
        "Café owner turned engineer — naïve about nothing. Worked with Jörg Müller in Göteborg and Åre; "
        f"fluent in Hebrew ({HEBREW_WORD} עולם)."
    )
    cv.languages = ["Swedish (Svenska, modersmål)", "Hebrew (עברית)", "German (Deutsch)"]
    return cv


def long_cv(entries: int = 12) -> MasterCV:
    """A CV long enough to need several pages."""
    cv = sample_cv()
    base = cv.experience
    cv.experience = []
    for n in range(entries):
        entry = base[n % len(base)].model_copy(deep=True)
        entry.company = f"{entry.company} {n + 1}"
        entry.achievements = [*entry.achievements, *(f"Additional achievement {n + 1}.{k}" for k in range(3))]
        cv.experience.append(entry)
    return cv


LIGATURE_WORDS = ("efficient", "workflow", "official", "affiliated", "fluffy", "offline", "Attention")


def ligature_cv() -> MasterCV:
    """A CV whose words are full of the letter pairs fonts like to ligate (fi, fl, ff, ffi, tt)."""
    cv = sample_cv()
    cv.professional_summary = (
        "An efficient engineer whose workflow is official and affiliated with fluffy offline tooling. "
        "Attention to detail."
    )
    return cv


def hebrew_cv() -> MasterCV:
    """A Hebrew CV with Latin technology names, digits and punctuation mixed into right-to-left lines."""
    return MasterCV(
        full_name="נועה כהן",
        contact_info=ContactInfo(email="noa.cohen@example.com", phone="+972 52 555 0101", location="תל אביב"),
        professional_summary="מהנדסת תוכנה עם שבע שנות ניסיון ב-Python ו-Kafka, בונה מערכות נתונים אמינות.",
        experience=[
            ExperienceEntry(
                company="נתיב לוגיסטיקה",
                role="מהנדסת Backend בכירה",
                location="תל אביב",
                start_date="2021-03",
                end_date="present",
                achievements=[
                    "בניתי מחדש את צנרת המעקב על Kafka ו-PostgreSQL וקיצרתי את זמן ההשהיה מ-15 דקות ל-40 שניות.",
                    "הובלתי צוות של 4 מהנדסים.",
                ],
            ),
            ExperienceEntry(
                company="קסה תשלומים",
                role="מהנדסת Backend",
                location="חיפה",
                start_date="2018-08",
                end_date="2021-02",
                achievements=["בניתי ממשקי REST ב-FastAPI שמעבדים 1.2 מיליון תשלומים בחודש."],
            ),
        ],
        education=[
            EducationEntry(institution="הטכניון", degree="B.Sc. במדעי המחשב", start_date="2012", end_date="2016")
        ],
        skills=["Python", "Kafka", "PostgreSQL", "FastAPI"],
        languages=["עברית", "אנגלית"],
        language="he",
    )
