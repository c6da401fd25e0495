"""Regression guard on the shared FVS dev set (skipped when it is not there). The scorer itself lives outside the
repo; this repeats its verdict logic in process so a drop shows up in the normal test run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careervp_desktop.analysis.fvs import FactSources, check_tailored_cv, check_text
from careervp_desktop.domain.models import MasterCV, Severity
from tests.conftest import EVAL

FVS = EVAL / "fvs"
EMPLOYMENT = {"employer", "title", "dates"}


def _run(case: dict[str, object], cv_path: Path) -> list[str]:
    cv = MasterCV.model_validate_json(cv_path.read_text(encoding="utf-8"))
    src = FactSources.from_cv(cv)
    company = str(case["target_company"])
    doc = case["document"]
    if isinstance(doc, dict):
        found = check_tailored_cv(MasterCV.model_validate(doc), src, target_company=company)
    else:
        found = check_text(str(doc), src, target_company=company)
    return [v.type.value for v in found if v.severity is not Severity.INFO]


@pytest.mark.skipif(not (FVS / "cases").is_dir(), reason="shared FVS eval set not available")
def test_fvs_dev_set() -> None:
    detected = fabricated = fp = faithful = 0
    for path in sorted((FVS / "cases").glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        types = _run(case, FVS / "cvs" / f"{case['cv']}.json")
        expected = case["expected"]
        if not expected:
            faithful += 1
            fp += bool(types)
            continue
        fabricated += 1
        want = expected[0]["type"]
        ok = want in types or (want in EMPLOYMENT and any(t in EMPLOYMENT for t in types))
        detected += ok
    assert detected / fabricated >= 0.9
    assert fp / faithful <= 0.1
