"""Every offline document for every dev CV × every dev job ad passes the fact check with no finding at all (the
engine is honest by construction; a finding here is a bug in a template or in the check)."""

from __future__ import annotations

import itertools

import pytest

from careervp_desktop.domain.models import MasterCV
from careervp_desktop.generation.offline import OfflineProvider
from careervp_desktop.generation.pipeline import generate_all
from careervp_desktop.ingest.cv_parser import parse_cv_text
from careervp_desktop.ingest.jd_parser import parse_job_posting
from tests.analysis.samples import TODAY
from tests.conftest import EVAL, REPO

CVS = [REPO / "resources" / "samples" / "sample_cv.md", *sorted((EVAL / "fvs" / "cvs").glob("*.json"))]
JDS = [*sorted((EVAL / "fvs" / "jds").glob("*.txt")), *sorted((EVAL / "jds").glob("*.txt"))]


@pytest.mark.skipif(len(CVS) < 2 or not JDS, reason="shared eval set not available")
def test_all_five_documents_are_fact_check_clean_for_every_dev_cv_and_job_ad() -> None:
    findings = []
    for cv_path, jd_path in itertools.product(CVS, JDS):
        text = cv_path.read_text(encoding="utf-8")
        cv = parse_cv_text(text) if cv_path.suffix == ".md" else MasterCV.model_validate_json(text)
        job = parse_job_posting(jd_path.read_text(encoding="utf-8"))
        result = generate_all(cv, job, provider=OfflineProvider(), today=TODAY)
        for art_type, generated in result.artifacts.items():
            findings += [(cv_path.stem, jd_path.stem, art_type.value, v.text) for v in generated.violations]
    assert findings == []
