"""Fixtures of the GUI tests (helpers are in `gui_helpers.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.ui.gui_helpers import Dialogs


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    seen = Dialogs()

    def box(kind: str):
        def show(parent, title, text, *args, **kwargs):
            seen.shown.append((kind, text))
            return seen.question_answer if kind == "question" else QMessageBox.StandardButton.Ok

        return show

    monkeypatch.setattr(QMessageBox, "warning", box("warning"))
    monkeypatch.setattr(QMessageBox, "critical", box("critical"))
    monkeypatch.setattr(QMessageBox, "information", box("information"))
    monkeypatch.setattr(QMessageBox, "question", box("question"))

    def exec_box(self: QMessageBox) -> int:
        seen.shown.append(("box", self.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(seen.open_file) if seen.open_file else "", "")
    )
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(seen.folder or ""))
    return seen


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store():
    """An API key store backed by an in-memory keychain (never the real one)."""
    import keyring

    from careervp_desktop.keychain import ApiKeyStore
    from tests.generation.claude.conftest import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield ApiKeyStore(environ={})
    keyring.set_keyring(previous)
