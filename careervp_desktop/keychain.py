"""The Anthropic API key: in the OS keychain (keyring service "careervp"), never in the library, settings,
logs or exports. A leaf module: imports nothing of ours, usable from any layer.

Where the key comes from, first match wins: `ANTHROPIC_API_KEY` in the environment; the keychain; a key given
this session when there is no keychain (headless Linux has no keyring backend: keyring raises
`NoKeyringError` on every call — then the key is kept in memory for this session only, and `status()` says so).
`keyring` is imported on first use (it takes ~0.1 s). Nothing here logs a key; `SecretFilter` and
`redact_secrets` scrub key-like strings from log records and texts.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

SERVICE = "careervp"
ACCOUNT = "anthropic-api-key"
ENV_VAR = "ANTHROPIC_API_KEY"

_SECRET = re.compile(r"sk-ant-[A-Za-z0-9_\-]{4,}")


class KeySource(StrEnum):
    ENVIRONMENT = "environment"
    KEYCHAIN = "keychain"
    SESSION = "session"  # no keychain: kept in memory until the app quits
    NONE = "none"


@dataclass(frozen=True)
class KeyStatus:
    source: KeySource
    keychain_available: bool
    message: str  # one line for the settings dialog / status bar
    masked: str = ""  # e.g. "sk-ant-…x7Qa"; "" when there is no key

    @property
    def has_key(self) -> bool:
        return self.source is not KeySource.NONE


def mask(key: str) -> str:
    key = key.strip()
    if len(key) <= 8:
        return "…"
    prefix = "sk-ant-" if key.startswith("sk-ant-") else ""
    return f"{prefix}…{key[-4:]}"


def redact_secrets(text: str) -> str:
    """`text` with every API-key-looking string replaced by "sk-ant-…"."""
    return _SECRET.sub("sk-ant-…", text)


class SecretFilter(logging.Filter):
    """A logging filter that scrubs key-like strings from a record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and "sk-ant-" in record.msg:
            record.msg = redact_secrets(record.msg)
        if record.args:
            if isinstance(record.args, tuple):
                record.args = tuple(redact_secrets(a) if isinstance(a, str) else a for a in record.args)
            elif isinstance(record.args, Mapping):
                record.args = {k: redact_secrets(v) if isinstance(v, str) else v for k, v in record.args.items()}
        return True


class ApiKeyStore:
    """Get, set and remove the API key. Thread-safe. `environ` is injectable for tests."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = environ
        self._session_key: str | None = None
        self._keychain_error: str | None = None  # why the keychain is unusable, once we know
        self._stored: str | None = None  # the keychain's value, read once (set/remove keep it current)
        self._stored_read = False
        self._lock = threading.Lock()

    # ------------------------------------------------------------------------------------------- reading
    def get(self) -> str | None:
        env = self._env_key()
        if env:
            return env
        with self._lock:
            if self._session_key:
                return self._session_key
        return self._keychain_get()

    def status(self) -> KeyStatus:
        env = self._env_key()
        stored = self._keychain_get()
        available = self._keychain_error is None
        if env:
            note = " (it wins over the key in the keychain)" if stored else ""
            return KeyStatus(KeySource.ENVIRONMENT, available, f"Using the key from {ENV_VAR}{note}.", mask(env))
        with self._lock:
            session = self._session_key
        if session:
            why = f" ({self._keychain_error})" if self._keychain_error else ""
            return KeyStatus(
                KeySource.SESSION,
                available,
                f"No system keychain is available{why}: the key is kept for this session only; "
                f"set {ENV_VAR} to avoid entering it again.",
                mask(session),
            )
        if stored:
            return KeyStatus(KeySource.KEYCHAIN, True, "The key is stored in the system keychain.", mask(stored))
        if not available:
            return KeyStatus(
                KeySource.NONE,
                False,
                f"No API key, and no system keychain on this computer ({self._keychain_error}): a key you enter is "
                f"kept for this session only, or set {ENV_VAR}.",
            )
        return KeyStatus(KeySource.NONE, True, "No API key: Claude is off; drafts are written offline.")

    # ------------------------------------------------------------------------------------------- writing
    def set(self, key: str) -> KeyStatus:
        """Store `key` (in the keychain, or for this session when there is none). Raises `ValueError` with a
        one-line message for something that cannot be a key."""
        key = key.strip()
        if not key:
            raise ValueError("The API key is empty: paste the whole key from console.anthropic.com.")
        if any(c.isspace() for c in key) or len(key) < 20:
            raise ValueError("That does not look like an API key: paste the whole key, without spaces.")
        stored = bool(self._keychain_call("set_password", key))
        with self._lock:
            self._session_key = None if stored else key
            self._stored, self._stored_read = (key if stored else None), stored
        return self.status()

    def remove(self) -> KeyStatus:
        """Forget the key (keychain and session). The environment variable, if set, is the user's to unset."""
        self._keychain_call("delete_password")
        with self._lock:
            self._session_key = None
            self._stored, self._stored_read = None, False
        return self.status()

    # ------------------------------------------------------------------------------------------- internals
    def _env_key(self) -> str | None:
        environ = os.environ if self._environ is None else self._environ
        value = environ.get(ENV_VAR, "").strip()
        return value or None

    def _keychain_get(self) -> str | None:
        """The stored key, read from the keychain once per store (a status bar may ask every second; a keychain
        read can be slow or even prompt the user)."""
        with self._lock:
            if self._stored_read:
                return self._stored
        value = self._keychain_call("get_password")
        stored = value if isinstance(value, str) and value.strip() else None
        with self._lock:
            self._stored, self._stored_read = stored, True
        return stored

    def reload(self) -> None:
        """Forget what was read from the keychain (another program may have changed it)."""
        with self._lock:
            self._stored_read = False

    def _keychain_call(self, what: str, key: str | None = None) -> str | bool | None:
        """Call keyring; None/False when there is no usable keychain (the reason is remembered, never raised)."""
        try:
            import keyring
            import keyring.errors
        except Exception:  # keyring missing or broken: behave as "no keychain"
            self._keychain_error = "keyring is not installed"
            return None if what == "get_password" else False
        try:
            if what == "get_password":
                result: str | None = keyring.get_password(SERVICE, ACCOUNT)
                self._keychain_error = None
                return result
            if what == "set_password":
                keyring.set_password(SERVICE, ACCOUNT, key or "")
            else:
                with contextlib.suppress(keyring.errors.PasswordDeleteError):  # nothing stored: fine
                    keyring.delete_password(SERVICE, ACCOUNT)
            self._keychain_error = None
            return True
        except keyring.errors.NoKeyringError:
            self._keychain_error = "no keyring backend"
        except Exception as exc:  # a locked or broken backend (D-Bus, Keychain Access...): never fatal
            self._keychain_error = f"keychain error: {type(exc).__name__}"
        return None if what == "get_password" else False


_default: ApiKeyStore | None = None
_default_lock = threading.Lock()


def default_store() -> ApiKeyStore:
    """The process-wide store (so a session-only key is shared by every window and worker)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = ApiKeyStore()
        return _default
