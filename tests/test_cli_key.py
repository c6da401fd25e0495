"""`careervp key` (status, set from stdin, remove, test against the fake API) and `careervp usage`."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from careervp_desktop.cli import main
from careervp_desktop.domain.records import UsageRecord
from careervp_desktop.workflow import Workspace
from tests.fakes.messages_api import FakeMessagesAPI
from tests.generation.claude.conftest import TEST_KEY, MemoryKeyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend


def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> tuple:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_key_set_status_remove_and_the_key_is_never_printed_or_on_disk(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    code, out, _ = _run(capsys, monkeypatch, "--data-dir", str(data), "key")
    assert code == 0 and out.startswith("No API key")
    code, out, _ = _run(capsys, monkeypatch, "--data-dir", str(data), "key", "set", stdin=TEST_KEY + "\n")
    assert code == 0 and "keychain" in out and TEST_KEY not in out and TEST_KEY[-4:] in out
    assert memory_keyring.passwords and TEST_KEY in memory_keyring.passwords.values()
    code, _, err = _run(capsys, monkeypatch, "--data-dir", str(data), "key", "set", stdin="nope\n")
    assert code == 2 and err.startswith("careervp: That does not look like an API key") and err.count("\n") == 1
    code, out, _ = _run(capsys, monkeypatch, "--data-dir", str(data), "key", "remove")
    assert code == 0 and out.startswith("No API key") and not memory_keyring.passwords
    for path in data.rglob("*"):
        assert not path.is_file() or TEST_KEY.encode() not in path.read_bytes(), path


def test_key_set_without_a_keychain_says_to_use_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    code, _, err = _run(capsys, monkeypatch, "--data-dir", str(tmp_path), "key", "set", stdin=TEST_KEY)
    assert code == 2 and "set ANTHROPIC_API_KEY" in err and TEST_KEY not in err


def test_key_test_against_the_api(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fake_anthropic: FakeMessagesAPI,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_anthropic.base_url)
    code, out, _ = _run(capsys, monkeypatch, "--data-dir", str(tmp_path), "key", "test")
    assert code == 2 and "No Anthropic API key" in out
    monkeypatch.setenv("ANTHROPIC_API_KEY", TEST_KEY)
    code, out, _ = _run(capsys, monkeypatch, "--data-dir", str(tmp_path), "key", "test")
    assert code == 0 and out.startswith("Connected:")
    assert fake_anthropic.message_requests() == []


def test_usage_totals_per_month_and_application(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ws = Workspace.open(tmp_path)
    from careervp_desktop.domain.models import Application

    app = ws.library.create_application(Application(company="Acme", title="Engineer", jd_text="Python"))
    for cost in (0.25, 0.5):
        ws.library.record_usage(
            UsageRecord(
                provider="anthropic",
                model="claude-haiku-5-5",
                application_id=app.id,
                input_tokens=100,
                output_tokens=50,
                cost_usd=cost,
            )
        )
    ws.library.set_setting("claude.monthly_budget_usd", 5)
    code, out, _ = _run(capsys, monkeypatch, "--data-dir", str(tmp_path), "usage")
    assert code == 0
    assert out.splitlines()[0] == "This month: $0.7500 of your $5.00 budget, 2 Claude calls"
    assert f"#{app.id} Engineer — Acme: $0.7500 (2 calls)" in out
    code, out, _ = _run(capsys, monkeypatch, "--data-dir", str(tmp_path), "usage", "--json")
    data = json.loads(out)
    assert data["this_month"]["calls"] == 2 and data["monthly_budget_usd"] == 5
    assert data["applications"][0]["cost_usd"] == pytest.approx(0.75)
