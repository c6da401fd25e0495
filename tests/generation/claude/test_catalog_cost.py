from __future__ import annotations

from datetime import UTC, datetime

import pytest

from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.generation.claude.cost import Usage, check_budget, estimate_tokens, month_start
from careervp_desktop.generation.claude.errors import BudgetExceededError
from careervp_desktop.generation.claude.models_catalog import (
    Task,
    deprecation_warning,
    load_catalog,
    sdk_deprecations,
    task_for,
)


def test_default_routing_is_the_seed_decision() -> None:
    catalog = load_catalog()
    haiku, sonnet = "claude-haiku-5-5", "claude-sonnet-5-5"
    expected = {
        Task.PARSING: haiku,
        Task.TAILORED_CV: haiku,
        Task.COVER_LETTER: haiku,
        Task.INTERVIEW_PREP: haiku,
        Task.QUALITY: haiku,
        Task.VPR: sonnet,
        Task.GAP_QUESTIONS: sonnet,
    }
    assert {t: catalog.model_for(t) for t in Task} == expected
    assert catalog.model_for(Task.VPR, {"vpr": "claude-opus-5-5"}) == "claude-opus-5-5"
    assert catalog.model_for(Task.VPR, {"vpr": "  ", "cover_letter": "x"}) == sonnet
    assert task_for(ArtifactType.TAILORED_CV) is Task.TAILORED_CV
    assert catalog.as_of == "2026-11-28"


def test_prices_and_unknown_models() -> None:
    catalog = load_catalog()
    assert catalog.price("claude-haiku-5-5").input == 0.10
    assert catalog.price("claude-sonnet-5-5").cache_read == 0.20
    guessed = catalog.info("claude-sonnet-6-0")
    assert not guessed.known and guessed.price == catalog.price("claude-sonnet-5-5")
    unknown = catalog.info("mystery-model")
    assert unknown.price.input == max(m.price.input for m in catalog.models.values())
    edited = catalog.with_prices({"claude-haiku-5-5": {"input": 0.2, "output": "x"}, "bad": 3})
    assert edited.price("claude-haiku-5-5").input == 0.2 and edited.price("claude-haiku-5-5").output == 0.5
    listed = catalog.with_listed([("claude-haiku-6-0", "Claude Haiku 6"), ("claude-sonnet-4-5", "")])
    assert [m.id for m in listed.choices()] == ["claude-haiku-6-0", "claude-sonnet-4-5"]
    assert listed.info("claude-haiku-6-0").name == "Claude Haiku 6"


def test_deprecation_warnings_use_the_sdk_table_when_present() -> None:
    catalog = load_catalog()
    assert deprecation_warning("claude-haiku-5-5", catalog, sdk_table={}) is None
    from_file = deprecation_warning("claude-sonnet-4-5", catalog, sdk_table={})
    assert from_file and "2026-11-30" in from_file and "claude-sonnet-5-5" in from_file
    from_sdk = deprecation_warning("claude-opus-4-5", catalog, sdk_table={"claude-opus-4-5": "January 22nd, 2027"})
    assert from_sdk and "January 22nd, 2027" in from_sdk
    assert "claude-sonnet-4-5" in sdk_deprecations()  # the installed SDK ships the table


def test_sdk_table_absence_is_guarded(monkeypatch: pytest.MonkeyPatch) -> None:
    import anthropic._data

    monkeypatch.delattr(anthropic._data, "DEPRECATED_MODELS")
    assert sdk_deprecations() == {}


def test_usage_cost_and_billed_input() -> None:
    price = load_catalog().price("claude-sonnet-5-5")
    usage = Usage(input_tokens=1000, output_tokens=500, cache_write_tokens=2000, cache_read_tokens=10000)
    assert usage.billed_input == 1000 + 2500 + 1000
    assert usage.cost(price) == pytest.approx((1000 * 2 + 500 * 10 + 2000 * 2.5 + 10000 * 0.2) / 1e6)
    assert (usage + usage).input_tokens == 2000
    assert estimate_tokens("") == 0 and estimate_tokens("x" * 350) == 112


def test_budget() -> None:
    check_budget(1.0, 3.0, None)
    check_budget(1.0, 3.0, 0)
    check_budget(1.0, 3.0, 4.0)
    with pytest.raises(BudgetExceededError) as info:
        check_budget(0.02, 4.99, 5.0)
    assert "over your $5.00 budget" in str(info.value) and "Settings ▸ Claude" in str(info.value)
    assert month_start(datetime(2026, 11, 28, 13, 5, tzinfo=UTC)) == datetime(2026, 11, 1, tzinfo=UTC)
