"""A CV file → `MasterCV`: extract the text, check there is enough of it, parse it."""

from __future__ import annotations

from pathlib import Path

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import MasterCV
from careervp_desktop.ingest.cv_parser import parse_cv_text
from careervp_desktop.ingest.extract import extract_document

MIN_CV_CHARS = 100


DEFAULT_TIMEOUT = 15.0  # seconds; a CV takes well under one


def import_cv_file(
    path: Path, *, password: str | None = None, timeout: float | None = None, isolate: bool | None = None
) -> MasterCV:
    """Read and parse a CV file (.pdf, .docx, .txt, .md). Raises `BadInputError`/`PasswordRequiredError` with
    one line for every bad file. With `timeout` (seconds) reading has a hard time limit (a PDF that makes the
    parser spin): in process under a watchdog, or in a killed child process for files that look risky
    (`isolate` forces or forbids the child; see `ingest.sandbox`)."""
    doc = extract_document(path, password=password, timeout=timeout, isolate=isolate)
    if len("".join(doc.text.split())) < MIN_CV_CHARS:
        raise BadInputError(
            f"{path.name} has too little text to be a CV (under {MIN_CV_CHARS} characters): choose the file "
            "that holds your full CV."
        )
    return parse_cv_text(doc.text, links=doc.links)
