"""A hard time limit on reading: a PDF crafted to keep pypdf busy stops with one clear line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.ingest import sandbox
from careervp_desktop.ingest.cv_import import import_cv_file
from careervp_desktop.ingest.extract import extract_document

from .conftest import ENGLISH_CV, make_pdf, pdf_from_streams


def _slow_pdf(path: Path) -> Path:
    """~300k tiny text operations in one compressed content stream: a small file, ~6 s of pypdf work."""
    ops = b"BT /F1 9 Tf 10 10 Td " + b"(a) Tj 0.1 0 Td " * 300_000 + b"ET"
    path.write_bytes(pdf_from_streams([ops], compress=True))
    return path


# The watchdog's exception can land in a finaliser (e.g. a gc callback), which ignores it as "unraisable"; the
# watchdog raises it again 0.2 s later. That is by design, so the warning about it is not an error here.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("isolate", [False, True], ids=["in-process", "child"])
def test_spinning_pdf_is_stopped(tmp_path: Path, isolate: bool) -> None:
    path = _slow_pdf(tmp_path / "spin.pdf")
    t0 = time.perf_counter()
    with pytest.raises(BadInputError, match=r"took longer than 0\.5 s") as info:
        import_cv_file(path, timeout=0.5, isolate=isolate)
    assert time.perf_counter() - t0 < 4.0
    assert "\n" not in str(info.value)
    # the watchdog is gone and nothing is left queued for this thread
    time.sleep(0.3)
    assert sum(1 for _ in range(200_000)) == 200_000


def test_ordinary_files_stay_in_process_and_risky_ones_do_not(tmp_path: Path) -> None:
    normal = make_pdf(ENGLISH_CV.splitlines())
    assert sandbox.risk_of(tmp_path / "cv.pdf", normal) is None
    assert sandbox.risk_of(tmp_path / "cv.pdf", normal[: len(normal) // 2]) == "truncated PDF"
    nested = normal.replace(b"%%EOF", b"[" * 60 + b"\n%%EOF")
    assert sandbox.risk_of(tmp_path / "cv.pdf", nested) == "deep nesting"
    assert sandbox.risk_of(tmp_path / "cv.pdf", normal + b" " * sandbox.RISKY_BYTES) == "large file"


def test_timeout_paths_give_the_same_result(tmp_path: Path) -> None:
    path = tmp_path / "cv.pdf"
    path.write_bytes(make_pdf(ENGLISH_CV.splitlines()))
    plain = extract_document(path)
    assert extract_document(path, timeout=10) == plain
    assert extract_document(path, timeout=10, isolate=True) == plain
    with pytest.raises(BadInputError, match="does not exist"):
        extract_document(tmp_path / "missing.pdf", timeout=10)


def test_child_context_is_fork_only_when_safe() -> None:
    import sys

    ctx = sandbox.child_context()
    assert ctx in ("fork", "spawn")
    if not sys.platform.startswith("linux"):
        assert ctx == "spawn"
