"""The Claude provider wired to a real library (response cache, usage ledger, settings) through the workflow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from careervp_desktop import workflow
from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.generation.claude.breaker import BreakerState
from careervp_desktop.generation.claude.provider import AnthropicProvider
from careervp_desktop.generation.claude.replies import encode
from careervp_desktop.generation.claude.service import SETTING_BUDGET, ClaudeService
from careervp_desktop.generation.pipeline import ARTIFACT_ORDER
from tests.fakes.messages_api import FakeMessagesAPI
from tests.generation.claude.conftest import TEST_KEY, good_reply


@pytest.fixture
def ws(tmp_path: Path) -> workflow.Workspace:
    return workflow.Workspace.open(tmp_path, in_memory=True)


@pytest.fixture
def service(ws: workflow.Workspace, api: FakeMessagesAPI, monkeypatch: pytest.MonkeyPatch) -> Iterator[ClaudeService]:
    monkeypatch.setenv("ANTHROPIC_API_KEY", TEST_KEY)
    made = workflow.claude_service(ws, base_url=api.base_url)
    yield made
    made.close()


def _application(ws: workflow.Workspace, sample_cv_path: Path, sample_jd_path: Path) -> int:
    cv_id, _ = workflow.import_master_cv(ws, sample_cv_path)
    app = workflow.create_application(ws, jd_text=workflow.read_job_text(sample_jd_path), master_cv_id=cv_id)
    assert app.id is not None
    return app.id


def test_cache_ledger_and_budget_in_the_library(
    ws: workflow.Workspace,
    service: ClaudeService,
    api: FakeMessagesAPI,
    sample_cv_path: Path,
    sample_jd_path: Path,
    ctx,  # type: ignore[no-untyped-def]
) -> None:
    app_id = _application(ws, sample_cv_path, sample_jd_path)
    for t in ARTIFACT_ORDER:
        api.reply_json({"items": encode(t, good_reply(t, ctx))})
    provider = workflow.select_provider("anthropic", ws, service=service, application_id=app_id)
    assert isinstance(provider, AnthropicProvider)
    first = workflow.generate_application(ws, app_id, provider=provider)
    assert {a.provenance.provider for a in first.artifacts.values()} == {"anthropic"}
    totals = ws.library.usage_totals(app_id)
    assert totals.calls == 5 and totals.cost_usd > 0 and totals.cache_read_tokens > 0
    assert service.usage(app_id).calls == 5 and service.usage(this_month=True).calls == 5
    assert service.month_spend() == pytest.approx(totals.cost_usd)

    # Unchanged inputs: answered from the library's response cache, no request, a new version each.
    again = workflow.generate_application(ws, app_id, provider=service.provider(app_id))
    assert len(api.message_requests()) == 5
    assert all(a.version == 2 and a.provenance.cost_usd == 0 for a in again.artifacts.values())
    assert ws.library.usage_totals(app_id).calls == 5
    assert again.artifacts[ArtifactType.COVER_LETTER].content == first.artifacts[ArtifactType.COVER_LETTER].content

    # The monthly budget lives in the library's settings: spent already, so nothing more is sent.
    ws.library.set_setting(SETTING_BUDGET, totals.cost_usd)
    provider = service.provider(app_id, regenerate=True)
    third = workflow.generate_application(ws, app_id, provider=provider)
    assert len(api.message_requests()) == 5
    assert {a.provenance.provider for a in third.artifacts.values()} == {"offline"}
    assert len(provider.notices) == 5 and "budget" in provider.notices[0]
    assert service.breaker.state is BreakerState.CLOSED


def test_for_application_binds_the_ledger_rows(
    ws: workflow.Workspace,
    service: ClaudeService,
    api: FakeMessagesAPI,
    ctx,  # type: ignore[no-untyped-def]
) -> None:
    provider = workflow.select_provider("anthropic", ws, service=service)
    bound = workflow.for_application(provider, 42)
    assert isinstance(bound, AnthropicProvider) and bound.application_id == 42 and bound.service is service
    offline = workflow.select_provider("offline")
    assert workflow.for_application(offline, 42) is offline
