"""The writing checks next to each document: a badge per pane, and the letter's badge following the edits."""

from __future__ import annotations

import pytest

from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.ui.main_window import MainWindow
from tests.ui.test_document_editing import letter_pane, type_at_end_of_first_paragraph, window  # noqa: F401

pytestmark = pytest.mark.gui


def test_every_document_has_a_writing_badge_and_the_letter_follows_the_edits(qtbot, window: MainWindow) -> None:  # noqa: F811
    qtbot.waitUntil(lambda: not window.checks_pending(), timeout=10_000)  # checked off the UI thread
    for art_type, pane in window.artifact_panes.items():
        assert not pane.quality_button.isHidden(), art_type
        assert pane.quality_button.text() == "Writing ✓", (art_type, pane.quality_details())
    assert window.artifact_panes[ArtifactType.TAILORED_CV].quality_details().startswith("ATS score ")

    type_at_end_of_first_paragraph(qtbot, window, " I leveraged synergy to spearhead it.")
    badge = letter_pane(window).quality_button
    qtbot.waitUntil(lambda: badge.text().startswith("Writing: "), timeout=5_000)
    details = letter_pane(window).quality_details()
    assert "leveraged" in details and "spearhead" in details and "synergy" in details
    assert badge.property("level") == "warning"
