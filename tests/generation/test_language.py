"""The language documents are written in: the job ad's by default, the user's choice when the CV and the ad
differ. Claude is told it in the job block; the offline engine, which writes English, says so on its drafts."""

from __future__ import annotations

from careervp_desktop.analysis.match import match_cv_to_job
from careervp_desktop.domain.models import ArtifactType, language_name
from careervp_desktop.generation.claude.digest import ApplicationDigest
from careervp_desktop.generation.claude.privacy import Redactor
from careervp_desktop.generation.offline import OfflineProvider
from careervp_desktop.generation.providers import GenerationContext
from tests.analysis.samples import TODAY, sample_cv, sample_job

HEBREW_AD = "מהנדס/ת תוכנה בכיר/ה\nדרישות:\n- חמש שנות ניסיון בפייתון\n- ניסיון עם Kafka ו-PostgreSQL\n"


def _ctx(job_language: str, language: str = "") -> GenerationContext:
    cv, job = sample_cv(), sample_job().model_copy(update={"language": job_language})
    return GenerationContext(
        cv=cv, job=job, match=match_cv_to_job(cv, job, today=TODAY), today=TODAY, language=language
    )


def _job_block(ctx: GenerationContext) -> str:
    return ApplicationDigest.build(ctx, Redactor.for_cv(ctx.cv)).job_block


def test_the_job_ads_language_unless_the_user_chose_another() -> None:
    assert _ctx("he").document_language == "he" and _ctx("he", "en").document_language == "en"
    assert "Language: Hebrew" in _job_block(_ctx("he"))
    assert "Language: English" in _job_block(_ctx("he", "en"))
    assert language_name("xx") == "xx"


def test_offline_drafts_say_they_are_english_when_asked_for_a_language_the_engine_does_not_write() -> None:
    provider = OfflineProvider()
    german = _ctx("de")
    letter = provider.generate(ArtifactType.COVER_LETTER, german).provenance
    assert letter.note is not None and letter.note.startswith("Written in English") and "German" in letter.note
    assert letter.fallback_reason is None  # not a Claude failure
    tailored = provider.generate(ArtifactType.TAILORED_CV, _ctx("he")).provenance.note
    assert tailored is not None and "not translated" in tailored  # an English CV for a Hebrew ad
    for ctx in (_ctx("he"), _ctx("de", "en")):  # the engine writes Hebrew; English was chosen
        assert provider.generate(ArtifactType.COVER_LETTER, ctx).provenance.note is None
    assert provider.generate(ArtifactType.TAILORED_CV, _ctx("de", "en")).provenance.note is None


def test_the_hebrew_ad_is_detected_as_hebrew() -> None:
    from careervp_desktop.ingest.jd_parser import parse_job_posting

    assert parse_job_posting(HEBREW_AD).language == "he"
