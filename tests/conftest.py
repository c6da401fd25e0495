"""Test-wide set-up. Qt must be offscreen before any Qt module loads, and tests never touch the network,
or the user's real data dir or preferences."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "resources" / "samples"
EVAL = REPO.parent / "shared" / "eval"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path_factory.mktemp("careervp-data")
    monkeypatch.setenv("CAREERVP_DATA_DIR", str(data))
    monkeypatch.setenv("CAREERVP_CONFIG_DIR", str(tmp_path_factory.mktemp("careervp-config")))  # preferences.ini
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("ANTHROPIC_BASE_URL", raising=False)


_QAPP: object = None


@pytest.fixture(autouse=True, scope="session")
def _one_qapplication() -> None:
    """A QApplication before any test runs: code under test (PDF export) creates a bare QGuiApplication when none
    exists, and pytest-qt's `qapp` then refuses it in a later GUI test (the order depends on which tests run)."""
    from PySide6.QtWidgets import QApplication

    global _QAPP
    if QApplication.instance() is None:
        _QAPP = QApplication(["careervp-tests"])  # kept: a collected wrapper would destroy the application


@pytest.fixture(autouse=True)
def _no_real_keychain(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the user's real keychain: keyring's "fail" backend (what headless Linux has) unless
    a test installs its own, and a fresh process-wide key store per test."""
    import keyring
    import keyring.backends.fail

    from careervp_desktop import keychain

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    monkeypatch.setattr(keychain, "_default", None)
    yield
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _close_log_files() -> Iterator[None]:
    """A test that runs the CLI in-process attaches a file handler to the root logger; detach it after."""
    yield
    import logging

    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_careervp", False)]:
        root.removeHandler(handler)
        handler.close()


@pytest.fixture
def sample_cv_path() -> Path:
    return SAMPLES / "sample_cv.md"


@pytest.fixture
def sample_jd_path() -> Path:
    return SAMPLES / "sample_jd.txt"


@pytest.fixture
def fake_anthropic():
    from tests.fakes.messages_api import FakeMessagesAPI

    with FakeMessagesAPI() as api:
        yield api
