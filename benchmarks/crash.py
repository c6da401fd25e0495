"""Crash safety: a child process edits the library in a loop and reports every commit on a pipe; the parent
SIGKILLs it at a random moment, then checks `PRAGMA integrity_check` and that every edit reported committed is
in the file. Repeated `--runs` times (default 200) on the same, growing library file.

Edits cycle through four kinds, each one Library call (one transaction):
0. `add_artifact_version` (a VPR version holding the edit's number) — must exist afterwards;
1. `save_artifact_edit` (cover letter, edit sessions of 25 saves: in-place updates) — the latest letter must hold
   an edit number >= the last one reported;
2. `update_application` (notes = edit number) — the notes must hold a number >= the last one reported;
3. `record_usage` (input_tokens = edit number) — the ledger row must exist.
Killing a process does not lose the OS's page cache, so this shows that SQLite+WAL never leaves a half-written
transaction or a damaged file; power loss is another matter (synchronous=NORMAL may lose the last commits, never
consistency).

The child is forked (POSIX only), so it starts in milliseconds with everything already imported.
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from benchmarks.registry import BenchmarkResult, benchmark

KINDS = 4
PAYLOAD = "I led the migration of our payment platform to event sourcing. " * 40  # ~2.5 KB per edit


@dataclass
class CrashReport:
    runs: int = 0
    kills: int = 0
    corruptions: int = 0
    lost_edits: int = 0
    child_errors: list[str] = field(default_factory=list)
    reported_edits: int = 0
    unreported_but_committed: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def _child(db_path: Path, app_id: int, first_seq: int, write_fd: int) -> NoReturn:
    """The forked child: edit forever, reporting each committed edit. Never returns."""
    code = 0
    try:
        from careervp_desktop.domain.models import ArtifactType, Provenance
        from careervp_desktop.domain.records import UsageRecord
        from careervp_desktop.storage.database import open_engine
        from careervp_desktop.storage.library import Library

        library = Library(open_engine(db_path))
        provenance = Provenance(provider="offline")
        seq = first_seq
        while True:
            kind = seq % KINDS
            if kind == 0:
                library.add_artifact_version(app_id, ArtifactType.VPR, {"seq": seq, "text": PAYLOAD}, provenance)
            elif kind == 1:
                content = {"seq": seq, "paragraphs": [PAYLOAD]}
                library.save_artifact_edit(app_id, ArtifactType.COVER_LETTER, content, session_id=f"s{seq // 100}")
            elif kind == 2:
                app = library.get_application(app_id)
                app.notes = str(seq)
                library.update_application(app)
            else:
                library.record_usage(UsageRecord(application_id=app_id, provider="offline", input_tokens=seq))
            os.write(write_fd, f"{seq}\n".encode())
            seq += 1
    except BaseException as exc:  # reported to the parent; the child must never return into the parent's code
        try:
            os.write(write_fd, f"E {type(exc).__name__}: {exc}\n".encode()[:500])
        finally:
            code = 3
    os._exit(code)


def _setup(db_path: Path) -> int:
    from careervp_desktop.domain.models import Application
    from careervp_desktop.storage.database import open_engine
    from careervp_desktop.storage.library import Library

    engine = open_engine(db_path)
    try:
        return Library(engine).create_application(Application(company="Crash Test", title="Edits")).id or 0
    finally:
        engine.dispose()


def _verify(db_path: Path, app_id: int, reported: list[int], report: CrashReport) -> None:
    """Integrity, then every reported edit present. Uses plain sqlite3 (it recovers the WAL like the app)."""
    conn = sqlite3.connect(db_path)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            report.corruptions += 1
            report.problems.append(f"integrity_check: {result[:3]}")
            return
        versions = {
            int(s)
            for (s,) in conn.execute(
                "SELECT json_extract(content, '$.seq') FROM artifact WHERE application_id = ? AND type = 'vpr'",
                (app_id,),
            )
        }
        usage = {
            int(n) for (n,) in conn.execute("SELECT input_tokens FROM usage_ledger WHERE application_id = ?", (app_id,))
        }
        letter = conn.execute(
            "SELECT json_extract(content, '$.seq') FROM artifact WHERE application_id = ? AND type = 'cover_letter' "
            "ORDER BY version DESC LIMIT 1",
            (app_id,),
        ).fetchone()
        notes = conn.execute("SELECT notes FROM application WHERE id = ?", (app_id,)).fetchone()[0]
    finally:
        conn.close()
    by_kind: dict[int, list[int]] = {k: [s for s in reported if s % KINDS == k] for k in range(KINDS)}
    lost = [s for s in by_kind[0] if s not in versions] + [s for s in by_kind[3] if s not in usage]
    if by_kind[1] and (letter is None or int(letter[0]) < max(by_kind[1])):
        lost.append(max(by_kind[1]))
    if by_kind[2] and (not notes or int(notes) < max(by_kind[2])):
        lost.append(max(by_kind[2]))
    if lost:
        report.lost_edits += len(lost)
        report.problems.append(f"lost committed edits {lost[:5]}")
    last = max(reported, default=-1)
    report.unreported_but_committed += sum(
        1 for s in versions | usage if s > last and s // 1_000_000 == last // 1_000_000
    )


def run_crash(runs: int, db_path: Path, *, seed: int = 1, max_delay_s: float = 0.1) -> CrashReport:
    """Fork, edit, SIGKILL at a random moment, verify; `runs` times on `db_path`."""
    rng = random.Random(seed)
    report = CrashReport()
    app_id = _setup(db_path)
    started = time.perf_counter()
    for run in range(runs):
        first_seq = (run + 1) * 1_000_000
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read_fd)
            _child(db_path, app_id, first_seq, write_fd)
        os.close(write_fd)
        buffer = b""
        deadline: float | None = None
        give_up = time.monotonic() + 20
        try:
            while True:
                now = time.monotonic()
                if deadline is not None and now >= deadline:
                    break
                if now > give_up:
                    report.child_errors.append("child made no progress in 20 s")
                    break
                wait = 0.05 if deadline is None else max(0.0, deadline - now)
                ready, _, _ = select.select([read_fd], [], [], wait)
                if ready:
                    chunk = os.read(read_fd, 65536)
                    if not chunk:
                        break  # the child exited by itself (error)
                    buffer += chunk
                    if deadline is None and b"\n" in buffer:
                        deadline = time.monotonic() + rng.uniform(0, max_delay_s)
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            report.kills += 1
        while chunk := os.read(read_fd, 65536):  # everything written before the kill is still in the pipe
            buffer += chunk
        os.close(read_fd)
        lines = buffer.decode(errors="replace").splitlines()
        report.child_errors += [line for line in lines if line.startswith("E ")]
        complete = buffer.endswith(b"\n")
        numbers = [line for line in (lines if complete else lines[:-1]) if line and not line.startswith("E ")]
        reported = [int(n) for n in numbers]
        report.reported_edits += len(reported)
        _verify(db_path, app_id, reported, report)
        report.runs += 1
    report.seconds = time.perf_counter() - started
    return report


@benchmark("crash")
def crash(runs: int | None) -> BenchmarkResult:
    runs = runs or 200
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "careervp.db"
        report = run_crash(runs, db_path, seed=42)
        size_mb = db_path.stat().st_size / 1e6
    return BenchmarkResult(
        name="crash",
        description="SIGKILL a child that edits the library; integrity and committed edits after each kill",
        rows=[
            {
                "case": "SIGKILL during edits",
                "runs": report.runs,
                "kills": report.kills,
                "corruptions": report.corruptions,
                "lost_committed": report.lost_edits,
                "edits_reported": report.reported_edits,
                "seconds": round(report.seconds, 2),
            }
        ],
        summary={
            "goal": "corruptions 0, lost committed edits 0",
            "child_errors": report.child_errors[:5],
            "problems": report.problems[:5],
            "committed_not_reported_(killed_between_commit_and_report)": report.unreported_but_committed,
            "commits_per_second": round(report.reported_edits / report.seconds) if report.seconds else 0,
            "final_db_mb": round(size_mb, 1),
        },
    )
