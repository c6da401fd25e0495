"""Where the user's data lives. Cheap to import: platformdirs is loaded only when it is needed."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "CAREERVP_DATA_DIR"
DATABASE_FILE_NAME = "careervp.db"


def default_data_dir() -> Path:
    """`$CAREERVP_DATA_DIR` if set, else the folder chosen in Settings ▸ General (`preferences.ini`), else the
    platform's per-user data folder for CareerVP. (`--data-dir` is handled by the callers and wins over all.)"""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    from careervp_desktop.storage.preferences import preferred_data_dir

    chosen = preferred_data_dir()
    if chosen is not None:
        return chosen
    return platform_data_dir()


def platform_data_dir() -> Path:
    """The platform's per-user data folder for CareerVP (what the data folder is when nothing overrides it)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("CareerVP", "CareerVP"))


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_FILE_NAME


def log_dir(data_dir: Path) -> Path:
    """The log folder (the same one `careervp_desktop.logs` writes to)."""
    return data_dir / "logs"
