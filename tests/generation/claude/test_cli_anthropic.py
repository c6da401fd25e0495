"""`careervp generate --provider anthropic` against the fake Messages API (ANTHROPIC_BASE_URL/ANTHROPIC_API_KEY)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from careervp_desktop.analysis.match import match_cv_to_job
from careervp_desktop.cli import main
from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.generation.claude.replies import encode
from careervp_desktop.generation.pipeline import ARTIFACT_ORDER
from careervp_desktop.generation.providers import GenerationContext
from careervp_desktop.ingest.cv_import import import_cv_file
from careervp_desktop.workflow import analyse_job, read_job_text
from tests.fakes.messages_api import FakeMessagesAPI
from tests.generation.claude.conftest import good_reply

KEY = "sk-ant-api03-CLI-test-key-never-on-disk-7Qa9"
PII = ("Maya", "Lindqvist", "maya.lindqvist@example.com", "555 0142", "Gothenburg", "mayalindqvist.dev")


@pytest.fixture
def env(api: FakeMessagesAPI, monkeypatch: pytest.MonkeyPatch) -> FakeMessagesAPI:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", api.base_url)
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    api.api_key = KEY
    return api


def _ctx(cv_path: Path, jd_path: Path) -> GenerationContext:
    cv = import_cv_file(cv_path)
    job = analyse_job(read_job_text(jd_path))
    return GenerationContext(cv=cv, job=job, match=match_cv_to_job(cv, job, today=date.today()), today=date.today())


def _args(data: Path, out: Path, cv: Path, jd: Path) -> list[str]:
    return ["--data-dir", str(data), "--verbose", "generate", "--cv", str(cv), "--jd", str(jd), "--out", str(out)]


def test_generate_with_claude(
    env: FakeMessagesAPI,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sample_cv_path: Path,
    sample_jd_path: Path,
) -> None:
    ctx = _ctx(sample_cv_path, sample_jd_path)
    for t in ARTIFACT_ORDER:
        env.reply_json({"items": encode(t, good_reply(t, ctx))})
    data, out = tmp_path / "data", tmp_path / "out"
    assert main([*_args(data, out, sample_cv_path, sample_jd_path), "--provider", "anthropic"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "Claude: " in captured.out and "tokens in (+" in captured.out and "$0.0" in captured.out
    summary = json.loads((out / "summary.json").read_text())
    for name, art in summary["artifacts"].items():
        assert art["provider"] == "anthropic", name
        assert art["model"] in ("claude-haiku-5-5", "claude-sonnet-5-5")
        assert art["cost_usd"] > 0
    assert len(env.message_requests()) == 5
    letter = json.loads((out / "cover_letter.json").read_text())
    assert letter["signature"] == "Maya Lindqvist"

    # Nothing personal went out; the key went out only as the auth header.
    sent = json.dumps([r.body for r in env.requests])
    for value in PII:
        assert value not in sent, value
    assert KEY not in sent
    assert all(KEY in (r.headers.get("x-api-key", "") + r.headers.get("authorization", "")) for r in env.requests)

    # The key is nowhere on disk: not in the database (and its WAL), the log or the exports.
    files = [p for p in (*data.rglob("*"), *out.rglob("*")) if p.is_file()]
    assert any(p.name == "careervp.log" for p in files)
    for path in files:
        assert KEY.encode() not in path.read_bytes(), path
    log = (data / "logs" / "careervp.log").read_text(encoding="utf-8")
    for value in (*PII, "Rebuilt the shipment-tracking", "<cv_digest>"):  # --verbose: still no CV text or prompt
        assert value not in log, value

    # The ledger has the calls of the application.
    capsys.readouterr()
    assert main(["--data-dir", str(data), "show", "1", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["artifacts"]["vpr"]["provenance"]["provider"] == "anthropic"


def test_claude_down_still_writes_everything_offline(
    env: FakeMessagesAPI,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sample_cv_path: Path,
    sample_jd_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("time.sleep", lambda s: None)  # the retry waits (no real sleeping in tests)
    env.fail("529", times=50)
    data, out = tmp_path / "data", tmp_path / "out"
    assert main([*_args(data, out, sample_cv_path, sample_jd_path), "--provider", "anthropic"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == len(ARTIFACT_ORDER)
    assert err[0].startswith("careervp: note: Gap questions: Offline draft: Claude is overloaded right now (529)")
    assert "Claude is unavailable" in err[-1] and "nothing was sent" in err[-1]
    assert len(env.message_requests()) == 5  # 4 attempts, then 1: the breaker opened at the 5th failure
    summary = json.loads((out / "summary.json").read_text())
    assert {a["provider"] for a in summary["artifacts"].values()} == {"offline"}
    assert (out / f"{ArtifactType.COVER_LETTER.value}.pdf").exists()


def test_no_key_is_one_line_and_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample_cv_path: Path, sample_jd_path: Path, no_keyring: None
) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    assert main([*_args(data, out, sample_cv_path, sample_jd_path), "--provider", "anthropic"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("careervp: No Anthropic API key is set:")
    assert not out.exists()


def test_offline_only_mode_writes_offline_and_sends_nothing_even_with_a_key(
    env: FakeMessagesAPI,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sample_cv_path: Path,
    sample_jd_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from careervp_desktop import workflow
    from careervp_desktop.storage.preferences import Preferences, save_preferences

    save_preferences(Preferences(offline_only=True))  # Settings ▸ General, in $CAREERVP_CONFIG_DIR

    def no_claude(*args: object, **kwargs: object) -> None:
        raise AssertionError("a Claude client was made in offline-only mode")

    monkeypatch.setattr(workflow, "claude_service", no_claude)
    data, out = tmp_path / "data", tmp_path / "out"
    assert main([*_args(data, out, sample_cv_path, sample_jd_path), "--provider", "anthropic"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [f"careervp: note: {workflow.OFFLINE_ONLY_NOTICE}"]
    assert "Claude: " not in captured.out and "offline" in captured.out
    summary = json.loads((out / "summary.json").read_text())
    assert {a["provider"] for a in summary["artifacts"].values()} == {"offline"}
    assert env.requests == []  # nothing reached the (fake) Messages API

    # Not even a key test goes out: one line saying why (exit 2).
    assert main(["--data-dir", str(data), "key", "test"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("careervp: Offline-only mode is on (Settings ▸ General)")
    assert env.requests == []
