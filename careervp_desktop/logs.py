"""Logging set-up: one rotating file per data dir. Log messages never carry personal data (CV text, names,
contact details, job ads) or secrets: log ids, counts, durations and exception types."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE_NAME = "careervp.log"
_HELD_AT_MOST = 100


class _EarlyRecords(logging.Handler):
    """Holds what is logged before `configure_logging` runs (finding the data folder reads the preferences file,
    which may be corrupt), so logging's last resort does not print it as a bare line on stderr."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < _HELD_AT_MOST:
            self.records.append(record)


def hold_early_records() -> None:
    """At process start (the CLI and the launcher): hold log records until `configure_logging` writes them to the
    log file. Does nothing when logging is already set up by someone else (a test run, an embedding program)."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(_EarlyRecords())


def release_early_records(handler: logging.Handler | None = None) -> None:
    """Stop holding: pass what was held to `handler` (None: the log cannot be written, the records are dropped)."""
    root = logging.getLogger()
    for early in [h for h in root.handlers if isinstance(h, _EarlyRecords)]:
        root.removeHandler(early)
        if handler is not None:
            for record in early.records:
                if record.levelno >= root.getEffectiveLevel():
                    handler.handle(record)


def log_file(data_dir: Path) -> Path:
    return data_dir / "logs" / LOG_FILE_NAME


def configure_logging(data_dir: Path, *, verbose: bool = False) -> Path | None:
    """Send log records to `<data_dir>/logs/careervp.log`. Returns the path, or None if it cannot be written
    (a read-only data dir must not stop the app)."""
    path = log_file(data_dir)
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        release_early_records(None)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in root.handlers if getattr(h, "_careervp", False)]:
        root.removeHandler(old)
        old.close()
    handler._careervp = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    release_early_records(handler)
    return path
