"""Each document says how far it is (not started / draft / edited / final), and buttons that cannot work yet are
disabled with the reason next to them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from careervp_desktop.domain.models import ArtifactStatus, ArtifactType
from careervp_desktop.ui.main_window import MainWindow
from tests.ui.gui_helpers import Dialogs, child, open_window
from tests.ui.test_document_editing import letter_pane, type_at_end_of_first_paragraph, window  # noqa: F401

pytestmark = pytest.mark.gui


def test_generate_says_what_it_needs_first(qtbot, data_dir: Path, dialogs: Dialogs, sample_cv_path: Path) -> None:
    window = open_window(qtbot, data_dir)  # noqa: F811  (a fresh window, not the fixture)
    button = child(window, QPushButton, "generateButton")
    hint = child(window, QLabel, "generateHint")
    assert not button.isEnabled() and not window.act_generate.isEnabled()
    assert hint.text().startswith("Import your CV first") and button.toolTip() == hint.text()
    assert not window.act_export.isEnabled() and "Generate the documents first" in window.act_export.statusTip()
    for pane in window.artifact_panes.values():
        assert pane.state_label.text() == "Not started" and pane.final_button.isHidden()

    window.import_cv(sample_cv_path)
    qtbot.waitUntil(lambda: window.master_cv() is not None, timeout=10_000)
    assert not button.isEnabled() and hint.text() == "Paste the job description first."
    window.job_pane.jd_edit.setPlainText("Data Engineer at Acme. You know Python and SQL.")
    assert button.isEnabled() and window.act_generate.isEnabled() and hint.isHidden()
    window.job_pane.jd_edit.clear()
    assert not button.isEnabled()
    assert dialogs.shown == []


def test_documents_show_their_state_and_can_be_marked_final(qtbot, window: MainWindow) -> None:  # noqa: F811
    vpr = window.artifact_panes[ArtifactType.VPR]
    assert vpr.state_label.text() == "Draft" and vpr.final_button.text() == "Mark final"
    index = window.tabs.indexOf(vpr)
    assert window.tabs.tabText(index) == "VPR" and window.tabs.tabToolTip(index).endswith("draft")

    vpr.final_button.click()
    qtbot.waitUntil(lambda: vpr.state_label.text() == "Final", timeout=5_000)
    assert vpr.final_button.isChecked() and window.tabs.tabText(index) == "VPR ✓"
    app_id = window.current_application_id()
    assert app_id is not None
    assert window.workspace().library.latest_artifacts(app_id)[ArtifactType.VPR].status == ArtifactStatus.FINAL

    # Editing the letter makes it "Edited"; marking it final and editing again makes it a draft once more.
    letter = letter_pane(window)
    type_at_end_of_first_paragraph(qtbot, window, " I enjoy data quality work.")
    qtbot.waitUntil(lambda: letter.state_label.text() == "Edited", timeout=5_000)
    letter.final_button.click()
    qtbot.waitUntil(lambda: letter.state_label.text() == "Final", timeout=5_000)
    type_at_end_of_first_paragraph(qtbot, window, " And tests.")
    qtbot.waitUntil(lambda: letter.state_label.text() == "Edited", timeout=5_000)

    # Taking "final" back from the VPR: a draft again, as stored.
    vpr.final_button.click()
    qtbot.waitUntil(lambda: vpr.state_label.text() == "Draft", timeout=5_000)
    assert window.tabs.tabText(index) == "VPR"
