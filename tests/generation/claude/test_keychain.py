from __future__ import annotations

import logging

import pytest

from careervp_desktop.keychain import (
    ACCOUNT,
    SERVICE,
    ApiKeyStore,
    KeySource,
    SecretFilter,
    mask,
    redact_secrets,
)
from tests.generation.claude.conftest import TEST_KEY, MemoryKeyring


@pytest.mark.usefixtures("no_keyring")
def test_headless_linux_has_no_keychain_and_keeps_the_key_for_the_session() -> None:
    store = ApiKeyStore(environ={})
    assert store.get() is None
    status = store.set(TEST_KEY)
    assert status.source is KeySource.SESSION and not status.keychain_available
    assert "session only" in status.message and "ANTHROPIC_API_KEY" in status.message
    assert TEST_KEY not in status.message and status.masked == "sk-ant-…ghij"
    assert store.get() == TEST_KEY
    assert store.remove().source is KeySource.NONE and store.get() is None


def test_keychain_set_get_remove(memory_keyring: MemoryKeyring) -> None:
    store = ApiKeyStore(environ={})
    status = store.set(f"  {TEST_KEY}\n")
    assert status.source is KeySource.KEYCHAIN and status.keychain_available
    assert memory_keyring.passwords == {(SERVICE, ACCOUNT): TEST_KEY}
    assert ApiKeyStore(environ={}).get() == TEST_KEY  # another store (another window) sees it
    other = ApiKeyStore(environ={})
    assert other.get() == TEST_KEY
    memory_keyring.passwords.clear()
    assert other.get() == TEST_KEY  # read once: a status bar may ask every second
    other.reload()
    assert other.get() is None
    memory_keyring.passwords[(SERVICE, ACCOUNT)] = TEST_KEY
    assert store.remove().source is KeySource.NONE
    assert memory_keyring.passwords == {}
    assert store.remove().source is KeySource.NONE  # removing nothing is fine


def test_the_environment_wins(memory_keyring: MemoryKeyring) -> None:
    store = ApiKeyStore(environ={"ANTHROPIC_API_KEY": "sk-ant-from-env-0123456789"})
    store.set(TEST_KEY)
    assert store.get() == "sk-ant-from-env-0123456789"
    status = store.status()
    assert status.source is KeySource.ENVIRONMENT and "wins over the key in the keychain" in status.message


@pytest.mark.parametrize("bad", ["", "   ", "sk-ant short", "abc"])
def test_bad_keys_are_refused_with_a_message(bad: str) -> None:
    with pytest.raises(ValueError, match="paste the whole key"):
        ApiKeyStore(environ={}).set(bad)


def test_a_broken_keychain_is_never_fatal(memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> None:
        raise RuntimeError("dbus went away")

    monkeypatch.setattr(memory_keyring, "set_password", boom)
    monkeypatch.setattr(memory_keyring, "get_password", boom)
    store = ApiKeyStore(environ={})
    status = store.set(TEST_KEY)
    assert status.source is KeySource.SESSION and "RuntimeError" in status.message
    assert store.get() == TEST_KEY


def test_secrets_are_scrubbed_from_logs(caplog: pytest.LogCaptureFixture) -> None:
    assert mask("short") == "…"
    assert redact_secrets(f"key={TEST_KEY}!") == "key=sk-ant-…!"
    logger = logging.getLogger("careervp.test.secret")
    logger.addFilter(SecretFilter())
    with caplog.at_level(logging.INFO, logger="careervp.test.secret"):
        logger.info("using %s", TEST_KEY)
        logger.info(f"raw {TEST_KEY}")
    assert TEST_KEY not in caplog.text and caplog.text.count("sk-ant-…") == 2
