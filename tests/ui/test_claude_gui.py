"""Claude in the window, against the fake Messages API on 127.0.0.1: the settings dialog (key, test connection,
models, budget, prices), the status bar line, writing with Claude, an offline fallback labelled with its reason,
and Retry with Claude rewriting only what fell back. The key never reaches the data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton

from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.generation.claude.models_catalog import Task
from careervp_desktop.generation.claude.service import SETTING_BUDGET, SETTING_PRICES, SETTING_ROUTING
from careervp_desktop.generation.pipeline import ARTIFACT_ORDER
from careervp_desktop.keychain import ApiKeyStore
from careervp_desktop.ui.main_window import MainWindow
from tests.fakes.messages_api import FakeMessagesAPI
from tests.generation.claude.conftest import TEST_KEY
from tests.ui.gui_helpers import Dialogs, child, claude_replies, claude_window
from tests.ui.test_main_window import generate_and_wait, import_sample_cv

pytestmark = pytest.mark.gui


def _files_containing(folder: Path, secret: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


def test_settings_dialog_sets_tests_and_removes_the_key_and_saves_models_and_budget(
    qtbot, data_dir: Path, store: ApiKeyStore, fake_anthropic: FakeMessagesAPI, dialogs: Dialogs
) -> None:
    window = claude_window(qtbot, data_dir, store, fake_anthropic)
    assert window.provider_status() == "Offline engine — no API key"
    dialog = window.open_settings()
    assert dialog is not None and dialog.isVisible()
    assert not dialog.test_button.isEnabled() and not dialog.remove_key_button.isEnabled()

    dialog.key_edit.setText("not a key")
    qtbot.mouseClick(dialog.save_key_button, Qt.MouseButton.LeftButton)
    assert "does not look like an API key" in dialog.test_result.text()
    assert store.get() is None and window.provider_status() == "Offline engine — no API key"

    dialog.key_edit.setText(TEST_KEY)
    qtbot.mouseClick(dialog.save_key_button, Qt.MouseButton.LeftButton)
    assert store.get() == TEST_KEY and dialog.key_edit.text() == ""
    assert "keychain" in dialog.key_status.text() and TEST_KEY[-4:] in dialog.key_status.text()
    assert TEST_KEY not in dialog.key_status.text()
    # the spend is read from the library in the background
    qtbot.waitUntil(lambda: window.provider_status() == "Claude · $0.00 this month", timeout=5_000)

    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith("Connected"), timeout=10_000)
    assert [r.path for r in fake_anthropic.requests if r.method == "GET"][-1].startswith("/v1/models")
    assert fake_anthropic.message_requests() == []  # testing spends no tokens

    vpr = dialog.model_combos[Task.VPR]
    vpr.setCurrentIndex(vpr.findData("claude-haiku-5-5"))
    dialog.budget_spin.setValue(5)
    dialog.price_table.item(0, 1).setText("not a price")
    dialog.accept()
    assert dialog.isVisible() and "Not saved" in dialog.prices_label.text()  # nothing is written half-way
    dialog.price_table.item(0, 1).setText("0.2")
    dialog.accept()
    assert not dialog.isVisible()
    library = window.workspace().library
    qtbot.waitUntil(lambda: library.get_setting(SETTING_BUDGET) == 5, timeout=5_000)
    assert library.get_setting(SETTING_ROUTING) == {"vpr": "claude-haiku-5-5"}
    first_model = dialog.price_table.item(0, 0).text()
    assert library.get_setting(SETTING_PRICES)[first_model]["input"] == 0.2
    assert window.claude_service().model_for(Task.VPR) == "claude-haiku-5-5"
    qtbot.waitUntil(lambda: window.provider_status() == "Claude · $0.00 of $5.00 this month", timeout=5_000)

    dialog = window.open_settings()  # shown again: what was saved
    assert dialog.model_combos[Task.VPR].currentData() == "claude-haiku-5-5" and dialog.budget_spin.value() == 5
    qtbot.mouseClick(dialog.remove_key_button, Qt.MouseButton.LeftButton)
    assert store.get() is None and window.provider_status() == "Offline engine — no API key"
    dialog.reject()
    window.close()
    assert _files_containing(data_dir, TEST_KEY) == []
    assert dialogs.shown == []


def _claude_window_with_job(
    qtbot, data_dir: Path, store: ApiKeyStore, api: FakeMessagesAPI, dialogs: Dialogs, cv: Path, jd: Path
) -> tuple[MainWindow, dict[ArtifactType, dict]]:
    """A window with a key, the sample CV imported and the job pasted; the good replies for that job."""
    store.set(TEST_KEY)
    window = claude_window(qtbot, data_dir, store, api)
    import_sample_cv(qtbot, window, dialogs, cv)
    jd_text = jd.read_text(encoding="utf-8")
    child(window, QPlainTextEdit, "jobTextEdit").setPlainText(jd_text)
    return window, claude_replies(window, jd_text)


def test_generate_with_claude_falls_back_per_document_and_retries_only_those(
    qtbot,
    data_dir: Path,
    store: ApiKeyStore,
    fake_anthropic: FakeMessagesAPI,
    dialogs: Dialogs,
    sample_cv_path: Path,
    sample_jd_path: Path,
) -> None:
    window, replies = _claude_window_with_job(
        qtbot, data_dir, store, fake_anthropic, dialogs, sample_cv_path, sample_jd_path
    )
    qtbot.mouseClick(child(window, QPushButton, "analyseButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "With Claude: about $" in window.job_pane.analysis_browser.toPlainText(), timeout=10_000)

    for t in ARTIFACT_ORDER:
        if t is ArtifactType.COVER_LETTER:
            fake_anthropic.fail("500", times=2)  # both attempts fail: this one is drafted offline
        else:
            fake_anthropic.reply_json(replies[t])
    generate_and_wait(qtbot, window)
    assert dialogs.shown == []
    assert len(fake_anthropic.message_requests()) == 6
    subtitle = {t: p.header.subtitle_label.text() for t, p in window.artifact_panes.items()}
    assert subtitle[ArtifactType.VPR].startswith("Version 1 · Claude (claude-sonnet-5-5)")
    fallback = "Version 1 · Offline draft — Claude had a server error (500) · "
    assert subtitle[ArtifactType.COVER_LETTER].startswith(fallback)
    assert window.offline_fallbacks() == [ArtifactType.COVER_LETTER]
    assert window.retry_button.isVisible() and window.act_retry_claude.isEnabled()
    assert "drafted offline" in window.statusBar().currentMessage()
    spent = window.claude_service().month_spend()
    assert spent > 0
    qtbot.waitUntil(lambda: window.provider_status() == f"Claude · ${spent:,.2f} this month", timeout=5_000)
    # The status bar also says what this application cost, in tokens and dollars, and the month's total.
    usage = window.claude_service().usage(window.current_application_id())
    tokens = usage.input_tokens + usage.output_tokens + usage.cache_read_tokens + usage.cache_write_tokens
    assert tokens > 0
    usage_label = child(window, QLabel, "usageStatus")
    assert usage_label.isVisible()
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=5_000)  # the status bar's lines are read in the background
    assert usage_label.text() == f"This application: {tokens:,} tokens · ${usage.cost_usd:,.2f} · month ${spent:,.2f}"
    assert "4 calls to Claude" in usage_label.toolTip()  # four documents answered; the failed letter cost nothing

    fake_anthropic.reply_json(replies[ArtifactType.COVER_LETTER])
    qtbot.mouseClick(window.retry_button, Qt.MouseButton.LeftButton)
    assert window.is_generating()
    qtbot.waitUntil(lambda: not window.is_generating(), timeout=20_000)
    assert len(fake_anthropic.message_requests()) == 7  # only the letter was asked for again
    subtitle = {t: p.header.subtitle_label.text() for t, p in window.artifact_panes.items()}
    assert subtitle[ArtifactType.COVER_LETTER].startswith("Version 2 · Claude (claude-haiku-5-5)")
    assert subtitle[ArtifactType.VPR].startswith("Version 1 · Claude")  # untouched
    assert window.offline_fallbacks() == [] and not window.retry_button.isVisible()
    assert dialogs.shown == []
    window.close()
    assert _files_containing(data_dir, TEST_KEY) == []


def test_status_bar_counts_down_while_claude_is_unavailable(
    qtbot, data_dir: Path, store: ApiKeyStore, fake_anthropic: FakeMessagesAPI
) -> None:
    store.set(TEST_KEY)
    window = claude_window(qtbot, data_dir, store, fake_anthropic)
    breaker = window.claude_service().breaker
    for _ in range(5):  # five consecutive failures open it (reported from a worker thread in real use)
        assert breaker.allow()
        breaker.record_failure("the API answered 529 (overloaded)")
    qtbot.waitUntil(lambda: window.provider_status().startswith("Claude unavailable — retry in"), timeout=3_000)
    assert "offline drafts meanwhile" in window.provider_status()
    breaker.reset()
    qtbot.waitUntil(lambda: window.provider_status() == "Claude · $0.00 this month", timeout=3_000)


def test_regenerate_one_document_with_feedback(
    qtbot,
    data_dir: Path,
    store: ApiKeyStore,
    fake_anthropic: FakeMessagesAPI,
    dialogs: Dialogs,
    sample_cv_path: Path,
    sample_jd_path: Path,
) -> None:
    window, replies = _claude_window_with_job(
        qtbot, data_dir, store, fake_anthropic, dialogs, sample_cv_path, sample_jd_path
    )
    for t in ARTIFACT_ORDER:
        fake_anthropic.reply_json(replies[t])
    generate_and_wait(qtbot, window)
    fake_anthropic.reply_json(replies[ArtifactType.VPR])
    window.regenerate_document(ArtifactType.VPR, "More technical, and lead with the Kafka work.")
    qtbot.waitUntil(lambda: not window.is_generating(), timeout=20_000)
    requests = fake_anthropic.message_requests()
    assert len(requests) == 6
    last = json.dumps(requests[-1].body)
    assert "<feedback>" in last and "lead with the Kafka work" in last
    subtitle = {t: p.header.subtitle_label.text() for t, p in window.artifact_panes.items()}
    assert subtitle[ArtifactType.VPR].startswith("Version 2 · Claude")
    assert subtitle[ArtifactType.COVER_LETTER].startswith("Version 1 · Claude")  # the others are left alone
    assert dialogs.shown == []


def test_offline_only_mode_sends_nothing_even_with_a_key(
    qtbot,
    data_dir: Path,
    store: ApiKeyStore,
    fake_anthropic: FakeMessagesAPI,
    dialogs: Dialogs,
    sample_cv_path: Path,
    sample_jd_path: Path,
) -> None:
    from PySide6.QtWidgets import QCheckBox

    window, _replies = _claude_window_with_job(
        qtbot, data_dir, store, fake_anthropic, dialogs, sample_cv_path, sample_jd_path
    )
    assert window.provider_status().startswith("Claude")
    dialog = window.open_general_settings()  # Settings ▸ General
    child(dialog, QCheckBox, "offlineOnlyCheck").setChecked(True)
    with qtbot.waitSignal(dialog.sig_saved, timeout=5_000):
        qtbot.mouseClick(child(dialog, QPushButton, "saveGeneralSettingsButton"), Qt.MouseButton.LeftButton)
    assert window.provider_status() == "Offline only"
    assert not child(window, QLabel, "usageStatus").isVisible()
    generate_and_wait(qtbot, window)
    assert fake_anthropic.message_requests() == []  # nothing was sent
    for art_type, pane in window.artifact_panes.items():
        assert "Offline engine" in pane.header.subtitle_label.text(), art_type
    assert dialogs.shown == []
    # The choice is kept for the next start (a per-machine preference).
    window.close()
    window = claude_window(qtbot, data_dir, store, fake_anthropic, wait_for_key=False)
    assert window.provider_status() == "Offline only"


def test_settings_claude_in_offline_only_mode_keeps_the_key_and_says_nothing_is_sent(
    qtbot, data_dir: Path, store: ApiKeyStore, fake_anthropic: FakeMessagesAPI, dialogs: Dialogs
) -> None:
    from PySide6.QtWidgets import QCheckBox

    from careervp_desktop.storage.preferences import Preferences, save_preferences

    save_preferences(Preferences(offline_only=True))
    store.set(TEST_KEY)
    window = claude_window(qtbot, data_dir, store, fake_anthropic, wait_for_key=False)
    assert window.provider_status() == "Offline only"
    dialog = window.open_settings()  # was: "Please wait: your library is still opening."
    assert dialog is not None and dialog.isVisible()
    note = child(dialog, QLabel, "offlineOnlyNote")
    assert note.isVisible() and "nothing is sent to Anthropic" in note.text()
    assert not dialog.test_button.isEnabled() and "Offline-only" in dialog.test_button.toolTip()
    assert dialog.remove_key_button.isEnabled()
    qtbot.mouseClick(dialog.remove_key_button, Qt.MouseButton.LeftButton)
    assert store.get() is None and not dialog.test_button.isEnabled()
    dialog.key_edit.setText(TEST_KEY)
    qtbot.mouseClick(dialog.save_key_button, Qt.MouseButton.LeftButton)
    assert store.get() == TEST_KEY and "offline-only mode is off" in dialog.test_result.text()
    assert not dialog.test_button.isEnabled() and window.provider_status() == "Offline only"
    dialog.budget_spin.setValue(7)
    dialog.accept()
    qtbot.waitUntil(lambda: window.workspace().library.get_setting(SETTING_BUDGET) == 7, timeout=5_000)

    # Offline-only turned off in Settings ▸ General: the connection can be tested again.
    general = window.open_general_settings()
    child(general, QCheckBox, "offlineOnlyCheck").setChecked(False)
    with qtbot.waitSignal(general.sig_saved, timeout=5_000):
        qtbot.mouseClick(child(general, QPushButton, "saveGeneralSettingsButton"), Qt.MouseButton.LeftButton)
    dialog = window.open_settings()
    assert dialog is not None and not child(dialog, QLabel, "offlineOnlyNote").isVisible()
    assert dialog.test_button.isEnabled()
    dialog.reject()
    assert fake_anthropic.requests == []  # nothing was sent while offline-only was on
    assert dialogs.shown == []


def test_the_claude_sdk_loads_in_the_background_once_there_is_a_key_and_claude_is_allowed(
    qtbot, data_dir: Path, store: ApiKeyStore, fake_anthropic: FakeMessagesAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import threading

    from careervp_desktop.generation.claude import client

    loads: list[tuple[bool, bool]] = []  # (on the UI thread?, collections on?)
    monkeypatch.setattr(
        client, "preload", lambda: loads.append((threading.current_thread() is threading.main_thread(), gc.isenabled()))
    )
    monkeypatch.setattr(client, "preloaded", lambda: False)  # another test of this process may have loaded it
    window = claude_window(qtbot, data_dir, store, fake_anthropic)  # no key yet
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=5_000)
    assert loads == []
    dialog = window.open_settings()
    assert dialog is not None
    dialog.key_edit.setText(TEST_KEY)
    qtbot.mouseClick(dialog.save_key_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: loads != [], timeout=5_000)
    assert loads == [(False, False)]  # in a worker, with the collector held
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=5_000)
    assert gc.isenabled()
    window.close()

    # The next start with the key: loaded once the keychain answered; in offline-only mode never.
    window = claude_window(qtbot, data_dir, store, fake_anthropic)
    qtbot.waitUntil(lambda: len(loads) == 2, timeout=5_000)
    window.close()
    from careervp_desktop.storage.preferences import Preferences, save_preferences

    save_preferences(Preferences(offline_only=True))
    window = claude_window(qtbot, data_dir, store, fake_anthropic, wait_for_key=False)
    qtbot.waitUntil(lambda: window.claude_service() is not None, timeout=5_000)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=5_000)
    assert len(loads) == 2
    # Once loaded, a Generate's own check costs nothing: no import, no collector hold.
    from careervp_desktop.ui import main_window

    monkeypatch.setattr(client, "preloaded", lambda: True)
    main_window._prepare_claude_work(None)  # type: ignore[arg-type]
    assert len(loads) == 2


def test_cancel_ends_a_generation_at_once_while_claude_sends_nothing(
    qtbot,
    data_dir: Path,
    store: ApiKeyStore,
    fake_anthropic: FakeMessagesAPI,
    dialogs: Dialogs,
    sample_cv_path: Path,
    sample_jd_path: Path,
) -> None:
    import threading
    import time

    window, replies = _claude_window_with_job(
        qtbot, data_dir, store, fake_anthropic, dialogs, sample_cv_path, sample_jd_path
    )
    for art_type in ARTIFACT_ORDER:
        fake_anthropic.reply_json(replies[art_type])
    held = threading.Event()
    fake_anthropic.stream_hold = held  # the first stream stops after its first piece of text: a stalled connection
    try:
        window.generate()
        label = child(window, QLabel, "progressLabel")
        qtbot.waitUntil(lambda: "Claude is writing" in label.text(), timeout=10_000)
        pressed = time.monotonic()
        qtbot.mouseClick(child(window, QPushButton, "cancelGenerationButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.is_generating(), timeout=5_000)
        assert time.monotonic() - pressed < 2.0  # not the 60-120 s read timeout
        assert dialogs.shown == [] and "cancelled" in window.statusBar().currentMessage()
        assert len(fake_anthropic.message_requests()) == 1  # nothing more was asked for
        assert window.act_generate.isEnabled()
    finally:
        held.set()
