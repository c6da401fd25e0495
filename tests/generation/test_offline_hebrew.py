"""The offline engine in Hebrew: every document for a Hebrew job ad, fact-checked clean, in Hebrew sentences that
do not depend on the reader's gender, quoting the CV as written; exported right to left."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from careervp_desktop import workflow
from careervp_desktop.domain.artifacts import VPR, CoverLetter, GapQuestions, InterviewPrep
from careervp_desktop.domain.models import ArtifactType, MasterCV
from careervp_desktop.export.document import build_document
from careervp_desktop.generation.offline import OfflineProvider, word_count
from careervp_desktop.generation.offline_he import join_he, with_prefix
from careervp_desktop.generation.pipeline import GenerationResult, generate_all
from careervp_desktop.resources import resource_path
from tests.analysis.samples import TODAY, sample_cv
from tests.export.samples import hebrew_cv

HEBREW = re.compile(r"[\u05d0-\u05ea]")
ENGLISH_TEMPLATE_WORDS = ("Dear", "The CV", "Walk me", "Tell me", "Kind regards", "You ask", "posting", "I am")


def _hebrew_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(bool(HEBREW.match(c)) for c in letters) / max(1, len(letters))


def _generate(cv: MasterCV, **kwargs: object) -> GenerationResult:
    job = workflow.analyse_job(resource_path("samples", "sample_jd_he.txt").read_text(encoding="utf-8"))
    return generate_all(cv, job, provider=OfflineProvider(), today=TODAY, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def hebrew() -> GenerationResult:
    return _generate(hebrew_cv())


def test_prefixes_and_lists_follow_hebrew_spelling() -> None:
    assert with_prefix("ב", "נתיב לוגיסטיקה") == "בנתיב לוגיסטיקה"
    assert with_prefix("ב", "הטכניון") == "בטכניון"  # the article goes after ב, ל, כ
    assert with_prefix("מ", "הטכניון") == "מהטכניון"
    assert with_prefix("ב", "Nordlane") == "ב-Nordlane" and with_prefix("ו", "Kafka") == "ו-Kafka"
    assert join_he(["Python", "Kafka", "PostgreSQL"]) == "Python, Kafka ו-PostgreSQL"
    assert join_he(["עברית", "אנגלית"]) == "עברית ואנגלית" and join_he(["A", "B"], "או") == "A או B"


def test_every_document_is_hebrew_and_fact_checked_clean(hebrew: GenerationResult) -> None:
    for art_type, generated in hebrew.artifacts.items():
        assert generated.violations == [], art_type
        assert generated.provenance.note is None, art_type  # written in the language asked for
    gaps = hebrew.artifacts[ArtifactType.GAP_QUESTIONS].content
    assert isinstance(gaps, GapQuestions) and gaps.questions
    assert all(_hebrew_share(q.question) > 0.6 and q.question.endswith("?") for q in gaps.questions)
    vpr = hebrew.artifacts[ArtifactType.VPR].content
    assert isinstance(vpr, VPR)
    assert vpr.headline.startswith("נועה כהן למשרת") and _hebrew_share(vpr.summary) > 0.7
    assert 150 <= word_count(vpr.summary) <= 250 and vpr.summary.count("\n\n") >= 2
    assert {r.strength for r in vpr.evidence_matrix} >= {"strong", "gap"}
    assert any(r.source == "נתיב לוגיסטיקה — סעיף 1" for r in vpr.evidence_matrix)
    assert vpr.talking_points and all(_hebrew_share(p) > 0.5 for p in vpr.talking_points)


def test_the_letter_reads_as_a_hebrew_letter(hebrew: GenerationResult) -> None:
    letter = hebrew.artifacts[ArtifactType.COVER_LETTER].content
    assert isinstance(letter, CoverLetter)
    assert letter.greeting == 'לצוות הגיוס באנרגיה ירוקה בע"מ, שלום רב,' and letter.closing == "בברכה,"
    assert len(letter.paragraphs) == 3 and word_count(letter.text) <= 400
    hook, proof, close = letter.paragraphs
    assert hook.startswith("ברצוני להגיש את מועמדותי למשרת") and "אנרגיה ירוקה" in hook
    assert "מ-15 דקות ל-40 שניות" in proof  # the CV's own result, exactly
    assert "Docker ו-Kubernetes" in close and "אין לי" in close  # the gap said plainly, not claimed
    assert not any(w in letter.text for w in ENGLISH_TEMPLATE_WORDS)
    # present-tense forms that differ by gender are avoided ("אני מחפש", "אני מעוניין")
    assert not re.search(r"אני (?:מחפש|מעוניין|מעוניינת|בטוח|בטוחה|שמח|שמחה)\b", letter.text)


def test_interview_prep_in_hebrew_keeps_the_limits(hebrew: GenerationResult) -> None:
    prep = hebrew.artifacts[ArtifactType.INTERVIEW_PREP].content
    assert isinstance(prep, InterviewPrep)
    assert len(prep.questions) <= 10 and max(Counter(q.category for q in prep.questions).values()) <= 4
    assert {q.category for q in prep.questions} >= {"technical", "situational", "gap", "motivation"}
    assert all(_hebrew_share(q.question) > 0.5 for q in prep.questions)
    stars = [q.star for q in prep.questions if q.star is not None]
    assert stars and all(150 <= word_count(s.text()) <= 300 for s in stars), [word_count(s.text()) for s in stars]
    assert prep.pitch.startswith("אני נועה כהן,")
    assert 5 <= len(prep.questions_to_ask) <= 7


def test_an_english_cv_for_a_hebrew_ad_is_quoted_not_translated() -> None:
    result = _generate(sample_cv())
    letter = result.artifacts[ArtifactType.COVER_LETTER].content
    assert isinstance(letter, CoverLetter) and letter.greeting.startswith("לצוות הגיוס")
    assert sample_cv().experience[0].achievements[0].rstrip(".") in letter.text
    assert all(g.violations == [] for g in result.artifacts.values())
    tailored = result.artifacts[ArtifactType.TAILORED_CV].provenance.note
    assert tailored is not None and "not translated" in tailored
    english = _generate(sample_cv(), language="en").artifacts[ArtifactType.COVER_LETTER].content
    assert isinstance(english, CoverLetter) and english.greeting.startswith("Dear")


def test_the_hebrew_letter_is_exported_right_to_left(hebrew: GenerationResult) -> None:
    job = workflow.analyse_job(resource_path("samples", "sample_jd_he.txt").read_text(encoding="utf-8"))
    letter = hebrew.artifacts[ArtifactType.COVER_LETTER].content
    doc = build_document(ArtifactType.COVER_LETTER, letter, cv=hebrew_cv(), job=job, today=TODAY)
    assert doc.language == "he" and doc.rtl
