"""The held-out FVS set (`fvs_heldout.py`): the shared scorer's verdict logic, run in process.

`uv run python -m tests.analysis.test_fvs_heldout` prints every miss and false positive."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest

from careervp_desktop.analysis.fvs import FactSources, check_tailored_cv, check_text
from careervp_desktop.domain.models import MasterCV, Severity, Violation
from tests.analysis.fvs_heldout import CVS, cases

EMPLOYMENT = {"employer", "title", "dates"}


def _norm(text: str) -> str:
    text = re.sub(r"[\u2010-\u2015\-]", "-", text.casefold())
    text = re.sub(r"[\u2018\u2019\u201c\u201d'\"]", "'", text)
    return re.sub(r"\s+", " ", text).strip()


def _overlaps(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return len(a) >= 2 and len(b) >= 2 and (a in b or b in a)


def run_case(case: dict[str, Any]) -> list[Violation]:
    sources = FactSources.from_cv(MasterCV.model_validate(CVS[case["cv"]]))
    doc = case["document"]
    kwargs = {"target_company": case["target_company"], "target_title": case["target_title"]}
    if isinstance(doc, dict):
        return check_tailored_cv(MasterCV.model_validate(doc), sources, **kwargs)
    return check_text(doc, sources, **kwargs)


@dataclass
class Score:
    fabricated: int = 0
    detected: int = 0
    localized: int = 0
    faithful: int = 0
    false_positives: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.detected / self.fabricated

    @property
    def fp_rate(self) -> float:
        return self.false_positives / self.faithful

    @property
    def localized_rate(self) -> float:
        return self.localized / max(self.detected, 1)


def score() -> Score:
    result = Score()
    for case in cases():
        found = [v for v in run_case(case) if v.severity is not Severity.INFO]
        if not case["expected"]:
            result.faithful += 1
            if found:
                result.false_positives += 1
                result.problems += [f"FP   {case['case_id']}: {v.type.value} {v.text!r} — {v.message}" for v in found]
            continue
        result.fabricated += 1
        want = case["expected"][0]
        hits = [
            v
            for v in found
            if v.type.value == want["type"] or (want["type"] in EMPLOYMENT and v.type.value in EMPLOYMENT)
        ]
        if not hits:
            got = ", ".join(f"{v.type.value} {v.text!r}" for v in found) or "nothing"
            result.problems.append(f"MISS {case['case_id']} ({want['type']} {want['evidence']!r}): got {got}")
            continue
        result.detected += 1
        doc = case["document"]
        texts = [v.text or (doc[v.start : v.end] if isinstance(doc, str) and v.start is not None else "") for v in hits]
        evidence = [want["evidence"], *want.get("evidence_alts", [])]
        if any(_overlaps(t, e) for t in texts for e in evidence):
            result.localized += 1
        else:
            result.problems.append(f"LOC  {case['case_id']} ({want['evidence']!r}): got {texts}")
    return result


def test_heldout_set_meets_the_goals() -> None:
    result = score()
    assert result.recall >= 0.95, result.problems
    assert result.fp_rate <= 0.05, result.problems
    assert result.localized_rate >= 0.9, result.problems


def test_heldout_cases_are_well_formed() -> None:
    all_cases = list(cases())
    assert len({c["case_id"] for c in all_cases}) == len(all_cases)
    for case in all_cases:
        if case["expected"] and isinstance(case["document"], str):
            assert case["expected"][0]["evidence"] in case["document"], case["case_id"]


if __name__ == "__main__":  # pragma: no cover
    outcome = score()
    print("\n".join(outcome.problems))
    print(
        f"recall={outcome.recall:.3f} ({outcome.detected}/{outcome.fabricated}) "
        f"fp_rate={outcome.fp_rate:.3f} ({outcome.false_positives}/{outcome.faithful}) "
        f"localized={outcome.localized_rate:.3f}"
    )
    pytest.main(["-q", __file__, "-k", "well_formed"])
