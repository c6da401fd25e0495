"""docs/ui-object-names.md lists the stable object names of the main window: every one of them must exist."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QWidget

from tests.conftest import REPO
from tests.ui.gui_helpers import Dialogs, open_window

DOC = REPO / "docs" / "ui-object-names.md"
VIEWS = ("gapsView", "vprView", "tailoredCvView", "coverLetterView", "interviewPrepView")


def documented_names() -> set[str]:
    text = DOC.read_text(encoding="utf-8").split("## Dialogs")[0]
    names: set[str] = set()
    for row in re.findall(r"^\| (.+?) \|", text, re.MULTILINE):
        for name in re.findall(r"`([^`]+)`", row):
            if name.startswith("<view>"):
                names.update(view + name.removeprefix("<view>") for view in VIEWS)
            else:
                names.add(name)
    return names


def test_every_documented_object_name_exists_in_the_main_window(qtbot, data_dir: Path, dialogs: Dialogs) -> None:
    window = open_window(qtbot, data_dir)
    present = {w.objectName() for w in window.findChildren(QWidget) if w.objectName()}
    names = documented_names()
    assert len(names) > 60
    assert sorted(names - present) == []
