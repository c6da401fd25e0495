from __future__ import annotations

from careervp_desktop.domain.artifacts import (
    VPR,
    CoverLetter,
    EvidenceRow,
    GapQuestion,
    GapQuestions,
    InterviewPrep,
    InterviewQuestion,
)
from careervp_desktop.domain.models import (
    ContactInfo,
    ExperienceEntry,
    JobPosting,
    MasterCV,
    Requirement,
    RequirementKind,
    Severity,
    Violation,
    ViolationType,
)
from careervp_desktop.ui import artifact_html


def test_cv_html_shows_facts_and_escapes() -> None:
    cv = MasterCV(
        full_name="Maya <Lindqvist>",
        contact_info=ContactInfo(email="maya@example.com"),
        experience=[
            ExperienceEntry(
                company="Nordlane",
                role="Engineer",
                end_date="present",
                start_date="2021-03",
                achievements=["Cut latency & cost"],
            )
        ],
        skills=["Python", "Kafka"],
    )
    html = artifact_html.cv_html(cv)
    assert "Maya &lt;Lindqvist&gt;" in html
    assert "maya@example.com" in html
    assert "Engineer — Nordlane" in html
    assert "2021-03 – Present" in html
    assert "Cut latency &amp; cost" in html


def test_job_html_lists_requirements_by_kind() -> None:
    job = JobPosting(
        title="Engineer",
        company="Fjordhaven",
        requirements=[Requirement(text="Python"), Requirement(text="Airflow", kind=RequirementKind.NICE)],
    )
    html = artifact_html.job_html(job)
    assert "Engineer at Fjordhaven" in html
    assert html.index("Requirements") < html.index("Python") < html.index("Nice to have") < html.index("Airflow")


def test_artifact_renderers() -> None:
    vpr = VPR(
        headline="Fit",
        summary="Sum",
        evidence_matrix=[EvidenceRow(requirement="Kafka", evidence="", source="", strength="gap")],
    )
    assert "Nothing in your CV yet" in artifact_html.vpr_html(vpr)
    gaps = GapQuestions(questions=[GapQuestion(id="q1", requirement="K8s", question="Used Kubernetes?", why="-")])
    assert "Used Kubernetes?" in artifact_html.gap_questions_html(gaps)
    assert "No gaps found" in artifact_html.gap_questions_html(GapQuestions())
    prep = InterviewPrep(
        questions=[InterviewQuestion(question="Why us?", category="motivation", why_asked="-")],
        questions_to_ask=["On-call?"],
    )
    assert "Motivation" in artifact_html.interview_prep_html(prep)
    letter = CoverLetter(greeting="Dear team,", paragraphs=["One.", "Two."], closing="Regards,", signature="Maya")
    assert artifact_html.cover_letter_text(letter) == "Dear team,\n\nOne.\n\nTwo.\n\nRegards,\nMaya"


def test_violation_summary_and_list() -> None:
    assert artifact_html.violations_summary([]) == "No unsupported claims"
    violations = [
        Violation(type=ViolationType.EMPLOYER, severity=Severity.CRITICAL, text="Google", message="Not an employer"),
        Violation(type=ViolationType.SKILL, severity=Severity.WARNING, text="Rust", message="Not in your CV"),
    ]
    assert artifact_html.violations_summary(violations) == "2 unsupported claims (1 critical)"
    html = artifact_html.violations_html(violations)
    assert "Google" in html and "Critical" in html


def test_hebrew_blocks_run_right_to_left_and_english_ones_stay() -> None:
    from careervp_desktop.ui.artifact_html import rtl_blocks

    out = rtl_blocks("<h2>Strengths</h2><p>קורות החיים מראים Kafka ו-Python.</p><li class='x'>Built <b>APIs</b></li>")
    assert '<p dir="rtl" align="right">קורות החיים' in out
    assert "<h2>Strengths</h2>" in out and "<li class='x'>Built <b>APIs</b></li>" in out
    assert rtl_blocks('<p dir="ltr">שלום</p>') == '<p dir="ltr">שלום</p>'  # an explicit direction is kept


def test_a_plain_text_editor_follows_its_texts_direction(qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPlainTextEdit

    from careervp_desktop.ui.views import match_text_direction

    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    match_text_direction(edit, "לצוות הגיוס, שלום רב,\n\nברצוני להגיש את מועמדותי למשרת Backend.")
    option = edit.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft and option.alignment() & Qt.AlignmentFlag.AlignRight
    match_text_direction(edit, "Dear hiring team, I am applying for the role at שלום Ltd.")
    option = edit.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.LeftToRight and option.alignment() & Qt.AlignmentFlag.AlignLeft
