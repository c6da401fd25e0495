"""Settings ▸ General reaches the window: the paper chosen there is the paper of the exported files."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton

from careervp_desktop.ui.main_window import MainWindow
from tests.ui.gui_helpers import Dialogs, child
from tests.ui.test_document_editing import window  # noqa: F401

pytestmark = pytest.mark.gui

LETTER_WIDTH_PT, A4_WIDTH_PT = 612, 595


@pytest.mark.parametrize(("paper", "width"), [("Letter", LETTER_WIDTH_PT), ("A4", A4_WIDTH_PT)])
def test_exports_use_the_paper_chosen_in_general_settings(
    qtbot,
    window: MainWindow,  # noqa: F811
    dialogs: Dialogs,
    tmp_path: Path,
    paper: str,
    width: int,
) -> None:
    dialog = window.open_general_settings()
    combo = child(dialog, QComboBox, "pageSizeCombo")
    combo.setCurrentIndex(combo.findData(paper))
    with qtbot.waitSignal(dialog.sig_saved, timeout=5_000):
        qtbot.mouseClick(child(dialog, QPushButton, "saveGeneralSettingsButton"), Qt.MouseButton.LeftButton)
    out = tmp_path / "export"
    window.export_to(out)
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=20_000)  # "Exported n files" (answered by the fixture)
    pdfs = sorted(out.rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        assert round(float(PdfReader(str(pdf)).pages[0].mediabox.width)) == width, pdf.name
