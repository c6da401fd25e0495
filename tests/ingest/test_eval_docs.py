"""Runs the shared evaluation documents when they are present (skipped otherwise). Checks that every document
parses and that the core fields come out, without pinning per-document values."""

from __future__ import annotations

from pathlib import Path

import pytest

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.ingest.cv_import import import_cv_file

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "cv-parsing"
DOCS = sorted((EVAL / "docs").glob("*")) if (EVAL / "docs").is_dir() else []
EDGE = sorted((EVAL / "edge").glob("*")) if (EVAL / "edge").is_dir() else []


@pytest.mark.skipif(not DOCS, reason="eval set not available")
def test_eval_docs_parse() -> None:
    named = 0
    for path in DOCS:
        cv = import_cv_file(path)
        named += bool(cv.full_name)
        assert cv.contact_info.email or cv.contact_info.phone, path.name
    assert named >= 0.9 * len(DOCS)


@pytest.mark.skipif(not EDGE, reason="eval set not available")
def test_eval_edge_files_fail_cleanly() -> None:
    for path in EDGE:
        try:
            import_cv_file(path)
        except BadInputError as exc:
            assert "\n" not in str(exc) and str(exc), path.name
