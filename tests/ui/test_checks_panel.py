"""The checks panel: one place for the fact check, the writing checks, the ATS score and the match."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QDockWidget, QTextBrowser

from careervp_desktop.domain.models import (
    ArtifactType,
    MatchResult,
    MatchStatus,
    Requirement,
    RequirementMatch,
    Severity,
    Violation,
    ViolationType,
)
from careervp_desktop.ui.checks_panel import DocumentSummary, checks_html
from careervp_desktop.ui.main_window import MainWindow
from tests.ui.gui_helpers import child
from tests.ui.test_document_editing import letter_pane, type_at_end_of_first_paragraph, window  # noqa: F401


def _plain(html: str) -> str:
    browser = QTextBrowser()
    browser.setHtml(html)
    return browser.toPlainText()


def test_a_document_page_lists_each_finding_with_its_reason(qtbot) -> None:
    violation = Violation(
        type=ViolationType.EMPLOYER,
        severity=Severity.CRITICAL,
        text="Globex Corporation",
        message="Globex Corporation is not an employer in your CV.",
    )
    match = MatchResult(
        score=74,
        breakdown={"must_haves": 75.0},
        requirements=[
            RequirementMatch(requirement=Requirement(text="Python"), status=MatchStatus.MATCHED),
            RequirementMatch(requirement=Requirement(text="Kubernetes"), status=MatchStatus.MISSING),
        ],
    )
    text = _plain(checks_html("Cover letter", violations=[violation], match=match))
    assert "1 unsupported claim, 1 critical" in text
    assert "“Globex Corporation” — Globex Corporation is not an employer in your CV." in text
    assert "74/100" in text and "Must haves" in text and "✓ Python" in text and "✗ Kubernetes" in text
    clean = _plain(checks_html("VPR", violations=[], match=None, pending=True))
    assert "Every claim is backed" in clean and "Checking against your CV" in clean
    assert "Paste the job ad on the Job tab" in clean
    overview = _plain(
        checks_html(
            "Your CV and this job",
            documents=[
                DocumentSummary("VPR", "final", 0, 0, 0),
                DocumentSummary("Cover letter", "edited", 2, 1, 3),
                DocumentSummary("Interview prep", "not started", 0, 0, None),
            ],
        )
    )
    assert "VPR\nfinal\n✓ facts · ✓ writing" in overview
    assert "Cover letter\nedited\n2 unsupported · 3 to check" in overview
    assert "Interview prep\nnot started\nnot written yet" in overview


@pytest.mark.gui
def test_the_panel_follows_the_tab_and_the_letter_as_it_is_typed(qtbot, window: MainWindow) -> None:  # noqa: F811
    dock = child(window, QDockWidget, "checksDock")
    assert dock.isVisible() and window.act_checks.isChecked()
    qtbot.waitUntil(lambda: not window.checks_pending(), timeout=10_000)
    window.tabs.setCurrentWidget(window.artifact_panes[ArtifactType.TAILORED_CV])
    qtbot.waitUntil(lambda: "ATS score" in window.checks_panel.text(), timeout=5_000)
    assert window.checks_panel.text().startswith("Tailored CV")
    window.tabs.setCurrentWidget(letter_pane(window))
    type_at_end_of_first_paragraph(qtbot, window, " I was Head of Data at Globex Corporation.")
    qtbot.waitUntil(lambda: "“Globex Corporation”" in window.checks_panel.text(), timeout=5_000)
    window.tabs.setCurrentWidget(window.cv_pane)
    qtbot.waitUntil(lambda: window.checks_panel.text().startswith("Your CV and this job"), timeout=5_000)
    # the letter's line: edited once its autosave lands, and its finding counted
    letter_line = re.compile(r"Cover letter\nedited\n[1-9]\d* unsupported")  # the employer and the title
    qtbot.waitUntil(lambda: letter_line.search(window.checks_panel.text()) is not None, timeout=5_000)
    window.act_checks.trigger()  # View ▸ Checks hides it (Ctrl+Shift+K)
    assert not dock.isVisible()
