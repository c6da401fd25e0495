"""Logging set-up: one rotating file per data dir. Log messages never carry personal data (CV text, names,
contact details, job ads) or secrets: log ids, counts, durations and exception types."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE_NAME = "careervp.log"


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
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in root.handlers if getattr(h, "_careervp", False)]:
        root.removeHandler(old)
        old.close()
    handler._careervp = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
