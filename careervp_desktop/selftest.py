"""`careervp --selftest`: proof that an installed (or frozen) CareerVP works, end to end, without a screen,
network or API key.

In a temporary data folder it opens a library on disk (so the schema migrations run from their files), runs the
offline demo pipeline on the bundled sample, exports Word and PDF, and reads the files back: the PDF in a child
process (the path the importer takes for risky files, which in a frozen app needs multiprocessing's freeze
support), the DOCX with python-docx. Each must carry the sample candidate's name as real text (a PDF without
fonts has none). The first failed check raises `SelftestError` (exit 4) with one line saying what broke.

The pipeline itself is the CLI's `demo`, handed in as `demo` so the two cannot drift apart.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from careervp_desktop.domain.errors import UserFacingError

if TYPE_CHECKING:
    from careervp_desktop.workflow import GenerationOutcome, Workspace

SELFTEST_OK = "selftest ok"
REQUIRED_FORMATS = ("docx", "pdf")
MIN_PDF_BYTES = 1000
READ_TIMEOUT_S = 60.0

DemoRunner = Callable[["Workspace", Path], "tuple[GenerationOutcome, list[Path]]"]
"""Runs the offline demo into a workspace and an output folder; returns the outcome and the files written."""


class SelftestError(UserFacingError):
    """A check of the self-test failed; the message names the check and what was found."""

    exit_code = 4


@dataclass
class SelftestReport:
    """What the self-test checked, one line per step, with the time each took."""

    steps: list[str] = field(default_factory=list)
    files_checked: list[Path] = field(default_factory=list)

    def step(self, text: str, started: float) -> None:
        self.steps.append(f"{text} ({(time.perf_counter() - started) * 1000:.0f} ms)")


@contextmanager
def scratch_dir() -> Iterator[Path]:
    """A temporary folder removed afterwards, even if SQLite on Windows still holds a file open."""
    with tempfile.TemporaryDirectory(prefix="careervp-selftest-", ignore_cleanup_errors=True) as tmp:
        yield Path(tmp)


def describe_environment() -> str:
    from careervp_desktop import __version__
    from careervp_desktop.resources import resources_dir

    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    python = sys.version.split()[0]
    return f"CareerVP {__version__} ({frozen}, Python {python}, {sys.platform}); resources {resources_dir()}"


def run_selftest(demo: DemoRunner, *, root: Path | None = None) -> SelftestReport:
    """Run every check in `root` (a fresh temporary folder by default). Raises `SelftestError` on the first
    failure; returns the report otherwise."""
    if root is None:
        with scratch_dir() as tmp:
            return run_selftest(demo, root=tmp)
    from careervp_desktop.resources import resource_path
    from careervp_desktop.workflow import Workspace

    report = SelftestReport()
    started = time.perf_counter()
    for sample in ("sample_cv.md", "sample_jd.txt"):
        if not resource_path("samples", sample).is_file():
            raise SelftestError(f"bundled resource samples/{sample} is missing: the package is incomplete.")
    report.step("bundled resources found", started)

    started = time.perf_counter()
    ws = Workspace.open(root / "data")
    try:
        report.step("library created on disk (schema migrations ran)", started)
        started = time.perf_counter()
        outcome, written = demo(ws, root / "out")
        report.step(f"offline pipeline wrote {len(outcome.artifacts)} documents, {len(written)} files", started)
    finally:
        ws.library.engine.dispose()  # Windows cannot delete an open database file

    from careervp_desktop.ingest.sandbox import child_context

    name = _candidate_name(outcome)
    started = time.perf_counter()
    how = child_context()  # "spawn" re-runs this executable: what freeze_support() is for in a frozen app
    report.files_checked = verify_exports(written, name)
    report.step(f"{len(report.files_checked)} DOCX/PDF files read back, each names {name} (PDFs via {how})", started)

    started = time.perf_counter()
    check_text_services()
    report.step("Hebrew/English collation, locale casing, codecs and dates work (Qt's ICU data)", started)
    return report


def check_text_services() -> None:
    """Qt's locale services that read ICU data (see `export.text_services`): one line naming the first failure."""
    from careervp_desktop.export.text_services import text_service_problems

    problems = text_service_problems()
    if problems:
        raise SelftestError(f"text services: {problems[0]}.")


def _candidate_name(outcome: GenerationOutcome) -> str:
    from careervp_desktop.domain.models import ArtifactType

    cv = outcome.artifacts.get(ArtifactType.TAILORED_CV)
    if cv is None:
        raise SelftestError("the offline pipeline wrote no tailored CV.")
    name = str(cv.content.get("full_name") or "").strip()
    if not name:
        raise SelftestError("the tailored CV has no candidate name.")
    return name


def verify_exports(files: Sequence[Path], expected_text: str) -> list[Path]:
    """Every DOCX and PDF in `files` opens and contains `expected_text`; at least one of each exists. Returns the
    files checked."""
    by_format = {fmt: [p for p in files if p.suffix.lower() == f".{fmt}"] for fmt in REQUIRED_FORMATS}
    for fmt, paths in by_format.items():
        if not paths:
            raise SelftestError(f"the export wrote no {fmt.upper()} file.")
    for path in by_format["docx"]:
        _check_contains(path, _docx_text(path), expected_text)
    for path in by_format["pdf"]:
        _check_contains(path, _pdf_text(path), expected_text)
    return [p for fmt in REQUIRED_FORMATS for p in by_format[fmt]]


def _check_contains(path: Path, text: str, expected: str) -> None:
    if expected.casefold() not in " ".join(text.split()).casefold():
        found = " ".join(text.split())[:60] or "no text at all"
        raise SelftestError(f"{path.name} does not contain {expected!r} (found: {found!r}).")


def _docx_text(path: Path) -> str:
    import docx  # python-docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for a broken package
        raise SelftestError(f"{path.name} is not a readable Word document ({type(exc).__name__}).") from None
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _pdf_text(path: Path) -> str:
    from careervp_desktop.ingest.sandbox import run_with_timeout

    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or len(data) < MIN_PDF_BYTES:
        raise SelftestError(f"{path.name} is not a PDF ({len(data)} bytes).")
    try:
        return run_with_timeout(path, password=None, timeout=READ_TIMEOUT_S, isolate=True).text
    except UserFacingError as exc:
        raise SelftestError(f"{path.name} could not be read back in a child process: {exc.message}") from None


def main(demo: DemoRunner) -> int:
    """The `--selftest` command: prints each step, then `selftest ok`; errors propagate to the CLI's handler."""
    sys.stdout.write(describe_environment() + "\n")
    report = run_selftest(demo)
    for line in report.steps:
        sys.stdout.write(f"  {line}\n")
    sys.stdout.write(SELFTEST_OK + "\n")
    return 0
