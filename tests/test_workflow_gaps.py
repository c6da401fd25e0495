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


SQL_ANSWER = (
    "At Nordlane Logistics I tuned the slowest PostgreSQL queries of the tracking API with EXPLAIN ANALYZE and new "
    "indexes, cutting the p95 from 900 ms to 120 ms."
)
KUBERNETES_ANSWER = "I have run a small k3s cluster at home for two years for my own projects, nothing at work yet."


def test_an_answered_gap_is_evidence_in_the_regenerated_report_and_no_longer_a_gap(
    ws: workflow.Workspace, sample_cv_path: Path, sample_jd_path: Path
) -> None:
    from careervp_desktop.analysis.fvs import FactSources, check_artifact
    from careervp_desktop.domain.artifacts import VPR, CoverLetter

    app_id, gaps = _generated(ws, sample_cv_path, sample_jd_path)
    [sql] = [q for q in gaps.questions if "SQL query optimisation" in q.requirement]
    [k8s] = [q for q in gaps.questions if "Kubernetes" in q.requirement]
    before = VPR.model_validate(ws.library.latest_artifacts(app_id)[ArtifactType.VPR].content)
    [row] = [r for r in before.evidence_matrix if r.requirement == sql.requirement]
    assert row.strength == "moderate" and row.source != f"Your answer to gap question {sql.id}"  # a CV line
    assert "SQL query optimisation" in before.summary and any("SQL query optimisation" in g for g in before.gaps)

    workflow.save_gap_answers(
        ws, app_id, [GapAnswerInput(sql.id, SQL_ANSWER), GapAnswerInput(k8s.id, KUBERNETES_ANSWER, "interview_only")]
    )
    outcome = workflow.generate_application(ws, app_id, provider=workflow.select_provider("offline"))
    vpr = VPR.model_validate(outcome.artifacts[ArtifactType.VPR].content)

    [row] = [r for r in vpr.evidence_matrix if r.requirement == sql.requirement]
    assert (row.evidence, row.source, row.strength) == (SQL_ANSWER, f"Your answer to gap question {sql.id}", "moderate")
    for text in (vpr.summary, *vpr.gaps, *vpr.recommendations):
        assert "SQL query optimisation" not in text, text
    letter = CoverLetter.model_validate(outcome.artifacts[ArtifactType.COVER_LETTER].content)
    assert "SQL query optimisation" not in "\n".join(letter.paragraphs)  # no "which I have not yet used"

    # An interview-only answer is not document evidence: Kubernetes is still a gap, its row a CV line.
    [row] = [r for r in vpr.evidence_matrix if r.requirement == k8s.requirement]
    assert KUBERNETES_ANSWER not in row.evidence and "Your answer" not in row.source
    assert any("Kubernetes" in g for g in vpr.gaps) and "Kubernetes" in vpr.summary
    for art_type in (ArtifactType.VPR, ArtifactType.TAILORED_CV, ArtifactType.COVER_LETTER):
        assert KUBERNETES_ANSWER not in str(outcome.artifacts[art_type].content), art_type

    # The fact check accepts the row because it is the user's own answer (a confirmed fact), and nothing more.
    assert outcome.artifacts[ArtifactType.VPR].violations == []
    assert KUBERNETES_ANSWER not in workflow.confirmed_facts(ws, app_id)
    cv = workflow.master_cv_for(ws, outcome.application)

    def flagged(report: VPR, facts: list[str]) -> set[str]:
        found = check_artifact(ArtifactType.VPR, report, FactSources.from_cv(cv, facts), target_company="Fjordhaven")
        return {v.text for v in found}

    assert flagged(vpr, []) >= {"900", "120"}  # the CV alone does not back the answer's numbers
    stretched = vpr.model_copy(
        update={
            "evidence_matrix": [
                r.model_copy(update={"evidence": r.evidence.replace("cutting", "cutting cloud costs by 63% and")})
                for r in vpr.evidence_matrix
            ]
        }
    )
    assert flagged(stretched, workflow.confirmed_facts(ws, app_id)) == {"63%"}
