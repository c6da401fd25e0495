"""Errors the user can act on, shared by every layer.

A `UserFacingError` carries one line that says what is wrong and what to do. The CLI prints it and exits with
`exit_code`; the GUI shows it in a dialog. Anything else that escapes is a bug (exit 1, details in the log).
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An error whose message is fit to show the user as is (one line, what is wrong + what to do)."""

    exit_code: int = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = " ".join(message.split())

    def __str__(self) -> str:
        return self.message


class BadInputError(UserFacingError):
    """The user gave us something we cannot use: a missing, empty, unsupported or broken file, a bad flag."""

    exit_code = 2


class PasswordRequiredError(BadInputError):
    """The document is encrypted; ask the user for the password (GUI) or `--password` (CLI)."""


class NotFoundError(UserFacingError):
    """A record the user named (application id, master CV id…) does not exist."""

    exit_code = 2


class ProviderUnavailableError(UserFacingError):
    """The selected writing provider cannot be used right now (no key, network down, breaker open)."""

    exit_code = 2
