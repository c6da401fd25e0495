"""Answering gap questions through the workflow: validation, skipping, storage, reuse in the next application,
and the answers reaching the writers after a regeneration."""

from __future__ import annotations

from pathlib import Path

import pytest

from careervp_desktop import workflow
from careervp_desktop.domain.artifacts import GapQuestions
from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.workflow import GapAnswerInput

ANSWER = (
    "At Nordlane Logistics I wrote Terraform modules for our Kafka and PostgreSQL staging stack in 2023, "
    "about 14 modules used by 3 teams."
)


@pytest.fixture
def ws(tmp_path: Path) -> workflow.Workspace:
    return workflow.Workspace.open(tmp_path, in_memory=True)


def _generated(ws: workflow.Workspace, cv: Path, jd: Path) -> tuple[int, GapQuestions]:
    cv_id, _ = workflow.import_master_cv(ws, cv)
    app = workflow.create_application(ws, jd_text=workflow.read_job_text(jd), master_cv_id=cv_id)
    assert app.id is not None
    workflow.generate_application(ws, app.id, provider=workflow.select_provider("offline"))
    latest = ws.library.latest_artifacts(app.id)[ArtifactType.GAP_QUESTIONS]
    return app.id, GapQuestions.model_validate(latest.content)


def test_answers_are_validated_stored_reused_and_reach_the_writers(
    ws: workflow.Workspace, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    app_id, gaps = _generated(ws, sample_cv_path, sample_jd_path)
    assert len(gaps.questions) >= 2
    q1, q2 = gaps.questions[0], gaps.questions[1]

    with pytest.raises(BadInputError, match=r"^Question 1: The answer is 9 characters"):
        workflow.save_gap_answers(ws, app_id, [GapAnswerInput(q1.id, "Not much.")])
    with pytest.raises(BadInputError, match="Unknown gap question"):
        workflow.save_gap_answers(ws, app_id, [GapAnswerInput("q99", ANSWER)])
    assert ws.library.gap_answers(app_id) == []  # nothing stored half-way

    workflow.save_gap_answers(
        ws, app_id, [GapAnswerInput(q1.id, ANSWER), GapAnswerInput(q2.id, "", "interview_only", skipped=True)]
    )
    stored = {a.question_id: a for a in ws.library.gap_answers(app_id)}
    assert stored[q1.id].answer == ANSWER and stored[q2.id].answer == ""
    assert [f.answer for f in ws.library.knowledge_facts()] == [ANSWER]  # a skip teaches nothing
    [answered] = workflow.answered_gap_questions(ws, app_id)
    assert (answered.question, answered.answer) == (q1.question, ANSWER)
    assert ANSWER in workflow.confirmed_facts(ws, app_id)

    # Regenerating keeps the answer with its question (matched by text) and the writers may use it.
    workflow.generate_application(ws, app_id, provider=workflow.select_provider("offline"))
    latest = GapQuestions.model_validate(ws.library.latest_artifacts(app_id)[ArtifactType.GAP_QUESTIONS].content)
    pairs = workflow.stored_gap_answers(ws, app_id, latest)
    assert [a.answer for q, a in pairs if q.question == q1.question and a is not None] == [ANSWER]

    # The next application with the same job asks the same question with the earlier answer offered.
    second, gaps2 = _generated(ws, sample_cv_path, sample_jd_path)
    assert second != app_id
    [reused] = [q for q in gaps2.questions if q.question == q1.question]
    assert (reused.answer, reused.reused) == (ANSWER, True)


def test_an_empty_answer_is_not_a_skip_and_clearing_one_forgets_it(
    ws: workflow.Workspace, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    app_id, gaps = _generated(ws, sample_cv_path, sample_jd_path)
    q1, q2 = gaps.questions[0], gaps.questions[1]
    workflow.save_gap_answers(ws, app_id, [GapAnswerInput(q1.id, ANSWER), GapAnswerInput(q2.id, "")])
    assert [a.question_id for a in ws.library.gap_answers(app_id)] == [q1.id]  # q2 not answered, not skipped
    workflow.save_gap_answers(ws, app_id, [GapAnswerInput(q1.id, "   ")])
    assert ws.library.gap_answers(app_id) == []
    assert ws.library.delete_gap_answer(app_id, q1.id) is False
