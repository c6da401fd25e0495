"""Confirmed facts: a claim the user says is true is accepted by every later check and by generation."""

from __future__ import annotations

from pathlib import Path

from careervp_desktop import workflow
from careervp_desktop.analysis.fvs import FactSources, check_text
from careervp_desktop.domain.models import ViolationType
from careervp_desktop.domain.records import AnswerDestination, GapAnswer
from careervp_desktop.workflow import Workspace

CLAIM = "Before that I led the data platform team at Globex Corporation for three years."


def test_confirmed_claim_passes_everywhere_after(tmp_path: Path, sample_cv_path: Path, sample_jd_path: Path) -> None:
    ws = Workspace.open(tmp_path, in_memory=True)
    cv_id, cv = workflow.import_master_cv(ws, sample_cv_path)
    app = workflow.create_application(ws, jd_text=sample_jd_path.read_text(encoding="utf-8"), master_cv_id=cv_id)
    assert app.id is not None
    letter = f"Dear team,\n\nI build data platforms. {CLAIM}\n\nKind regards,\nMaya Lindqvist"
    found = check_text(letter, FactSources.from_cv(cv), target_company=app.company)
    employer = [v for v in found if v.type == ViolationType.EMPLOYER]
    assert employer and employer[0].text == "Globex Corporation"

    fact = workflow.confirm_claim(ws, letter, employer[0], app.id)
    assert fact.answer == CLAIM  # the whole sentence, not just the name
    assert fact.destination == AnswerDestination.CV_IMPACT and fact.source_application_id == app.id

    facts = workflow.confirmed_facts(ws, app.id)
    assert facts == [CLAIM]
    again = check_text(letter, FactSources.from_cv(cv, facts), target_company=app.company)
    assert [v for v in again if v.type == ViolationType.EMPLOYER] == []
    # In other words, in another document, for another application.
    other = "At Globex Corporation I led the data platform team."
    assert not [
        v for v in check_text(other, FactSources.from_cv(cv, workflow.confirmed_facts(ws))) if "Globex" in v.text
    ]


def test_confirmed_facts_include_this_applications_answers_but_not_interview_only(
    tmp_path: Path, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    ws = Workspace.open(tmp_path, in_memory=True)
    cv_id, _ = workflow.import_master_cv(ws, sample_cv_path)
    app = workflow.create_application(ws, jd_text=sample_jd_path.read_text(encoding="utf-8"), master_cv_id=cv_id)
    assert app.id is not None
    ws.library.save_gap_answer(
        app.id,
        GapAnswer(application_id=app.id, question_id="q1", question="Energy sector?", answer="I built a grid model."),
        remember=False,
    )
    ws.library.save_gap_answer(
        app.id,
        GapAnswer(
            application_id=app.id,
            question_id="q2",
            question="Salary?",
            answer="Private answer.",
            destination=AnswerDestination.INTERVIEW_ONLY,
        ),
        remember=False,
    )
    assert workflow.confirmed_facts(ws, app.id) == ["I built a grid model."]
    assert workflow.confirmed_facts(ws) == []


def test_generation_checks_against_confirmed_facts(tmp_path: Path, sample_cv_path: Path, sample_jd_path: Path) -> None:
    ws = Workspace.open(tmp_path, in_memory=True)
    cv_id, _ = workflow.import_master_cv(ws, sample_cv_path)
    ws.library.remember_fact(CLAIM, CLAIM)
    app = workflow.create_application(ws, jd_text=sample_jd_path.read_text(encoding="utf-8"), master_cv_id=cv_id)
    assert app.id is not None
    seen: list[tuple[str, ...]] = []

    class Spy:
        name = "offline"

        def __init__(self) -> None:
            self.inner = workflow.select_provider("offline")

        def generate(self, art_type, ctx):
            seen.append(tuple(ctx.confirmed_facts))
            return self.inner.generate(art_type, ctx)

    workflow.generate_application(ws, app.id, provider=Spy())
    assert seen and all(CLAIM in facts for facts in seen)
