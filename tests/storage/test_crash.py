"""Crash safety (the benchmark `crash`, 20 kills): after every SIGKILL the file is intact and every edit the
child reported committed is in it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.crash import run_crash


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")
def test_sigkill_never_corrupts_or_loses_committed_edits(tmp_path: Path) -> None:
    report = run_crash(20, tmp_path / "careervp.db", seed=7, max_delay_s=0.05)
    assert report.child_errors == []
    assert report.kills == 20
    assert report.corruptions == 0
    assert report.lost_edits == 0, report.problems
    assert report.reported_edits > 20  # the kills landed while edits were going on
