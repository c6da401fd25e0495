"""Gap answers, the knowledge base, the LLM cache and usage ledger, list paging, erasing everything."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from careervp_desktop.domain.errors import BadInputError, NotFoundError
from careervp_desktop.domain.models import Application, ApplicationStatus, ArtifactType, MasterCV
from careervp_desktop.domain.records import AnswerDestination, GapAnswer, UsageRecord, question_hash
from careervp_desktop.storage.library import Library, cache_key


def _app(library: Library, **kw: object) -> int:
    return library.create_application(Application(company="Acme", **kw)).id or 0  # type: ignore[arg-type]


def test_question_hash_ignores_case_accents_punctuation() -> None:
    assert question_hash("Have you used Kubernetes?") == question_hash("  have you USED kubernetes ")
    assert question_hash("Café?") == question_hash("cafe")
    assert question_hash("Kubernetes?") != question_hash("Docker?")


def test_gap_answers_feed_the_knowledge_base(library: Library) -> None:
    first = _app(library)
    answer = GapAnswer(question_id="q1", question="Have you used Kubernetes?", answer="Yes, 2 years at Acme.")
    saved = library.save_gap_answer(first, answer)
    assert saved.id is not None and saved.application_id == first
    library.save_gap_answer(first, answer.model_copy(update={"answer": "Yes, 3 years."}))
    assert [a.answer for a in library.gap_answers(first)] == ["Yes, 3 years."]  # replaced, not duplicated

    fact = library.find_fact("have you used kubernetes")  # another application, same question
    assert fact is not None
    assert (fact.answer, fact.source_application_id, fact.use_count) == ("Yes, 3 years.", first, 0)
    used = library.use_fact(fact.id or 0)
    assert used.use_count == 1 and used.last_used_at is not None

    private = GapAnswer(
        question_id="q2", question="Why leave?", answer="Burn-out", destination=AnswerDestination.INTERVIEW_ONLY
    )
    library.save_gap_answer(first, private, remember=False)
    assert library.find_fact("Why leave?") is None

    library.delete_application(first)
    fact_after = library.find_fact("Have you used Kubernetes?")
    assert fact_after is not None and fact_after.source_application_id is None  # the fact outlives its source


def test_knowledge_facts(library: Library) -> None:
    fact = library.remember_fact("Led a team of 5", "Confirmed", destination=AnswerDestination.CV_IMPACT)
    library.remember_fact("Speaks Norwegian", "B2")
    assert [f.question for f in library.knowledge_facts()] == ["Speaks Norwegian", "Led a team of 5"]
    library.delete_fact(fact.id or 0)
    assert [f.question for f in library.knowledge_facts()] == ["Speaks Norwegian"]
    with pytest.raises(NotFoundError):
        library.use_fact(12345)
    with pytest.raises(BadInputError):
        library.remember_fact("  ", "x")


def test_llm_cache(library: Library) -> None:
    request = {"model": "claude-x", "system": "s", "messages": [{"role": "user", "content": "hi"}]}
    key = cache_key(request)
    assert key == cache_key(dict(reversed(request.items())))  # canonical
    assert library.cache_get(key) is None
    library.cache_put(key, model="claude-x", response={"content": [{"text": "hello"}]})
    assert library.cache_get(key) == {"content": [{"text": "hello"}]}
    assert library.cache_clear() == 1
    assert library.cache_get(key) is None


@pytest.mark.parametrize(
    "request_",
    [
        {"model": "m", "api_key": "abc"},
        {"model": "m", "headers": {"Authorization": "Bearer x"}},
        {"model": "m", "headers": {"x-api-key": "abc"}},
        {"model": "m", "messages": [{"content": "sk-ant-api03-xyz"}]},
    ],
)
def test_no_secrets_in_cache_keys(request_: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="secret"):
        cache_key(request_)


def test_cache_refuses_raw_keys_and_secret_responses(library: Library) -> None:
    with pytest.raises(ValueError, match="SHA-256"):
        library.cache_put("sk-ant-api03-raw-request", model="m", response={})
    with pytest.raises(ValueError, match="SHA-256"):
        library.cache_get("plain text")
    with pytest.raises(ValueError, match="secret"):
        library.cache_put("a" * 64, model="m", response={"echo": "sk-ant-api03-abc"})
    with pytest.raises(ValueError, match="API key"):
        library.record_usage(UsageRecord(provider="anthropic", model="sk-ant-api03-x"))


def test_usage_ledger(library: Library) -> None:
    a = _app(library)
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    library.record_usage(
        UsageRecord(
            application_id=a,
            artifact_type=ArtifactType.VPR,
            provider="anthropic",
            model="claude-x",
            input_tokens=1000,
            output_tokens=200,
            cache_read_tokens=800,
            cost_usd=0.02,
            latency_ms=950.0,
            created_at=t0,
        )
    )
    library.record_usage(UsageRecord(provider="anthropic", input_tokens=10, cost_usd=0.5, created_at=t0 + timedelta(1)))
    [record] = library.usage_records(a)
    assert (record.artifact_type, record.cache_read_tokens, record.latency_ms) == (ArtifactType.VPR, 800, 950.0)
    assert library.usage_totals(a).cost_usd == pytest.approx(0.02)
    totals = library.usage_totals()
    assert (totals.calls, totals.input_tokens, totals.cost_usd) == (2, 1010, pytest.approx(0.52))
    assert library.usage_totals(since=t0 + timedelta(hours=1)).calls == 1
    library.delete_application(a)
    assert library.usage_totals().calls == 2  # the cost history stays, unlinked


def test_list_paging_and_status_filter(library: Library) -> None:
    base = datetime(2024, 1, 1, tzinfo=UTC)
    ids = [
        _app(library, status=status, created_at=base, updated_at=base + timedelta(days=n))
        for n, status in enumerate([ApplicationStatus.DRAFT, ApplicationStatus.SENT] * 5)
    ]
    newest_first = list(reversed(ids))
    assert [a.id for a in library.list_applications(limit=3)] == newest_first[:3]
    assert [a.id for a in library.list_applications(limit=3, offset=3)] == newest_first[3:6]
    sent = library.list_applications(status=ApplicationStatus.SENT)
    assert [a.id for a in sent] == newest_first[0::2]
    both = library.list_applications(status=[ApplicationStatus.SENT, ApplicationStatus.DRAFT], limit=100)
    assert len(both) == 10
    assert library.count_applications() == 10
    assert library.count_applications(status=ApplicationStatus.DRAFT) == 5
    assert library.status_counts() == {ApplicationStatus.DRAFT: 5, ApplicationStatus.SENT: 5}


def test_erase_everything(library: Library) -> None:
    cv = library.save_master_cv(MasterCV(full_name="A"), name="A", source_bytes=b"x")
    a = _app(library, master_cv_id=cv)
    library.add_artifact_version(a, ArtifactType.VPR, {"headline": "Zeppelin"}, _prov())
    library.remember_fact("q", "a")
    library.set_setting("ui.theme", "dark")
    assert not library.is_empty()
    library.erase_everything()
    assert library.is_empty()
    assert library.search("zeppelin") == [] and library.knowledge_facts() == []
    assert library.get_setting("ui.theme") is None


def _prov() -> object:
    from careervp_desktop.domain.models import Provenance

    return Provenance(provider="offline")
