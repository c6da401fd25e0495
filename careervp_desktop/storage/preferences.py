"""The per-machine preferences of Settings ▸ General: theme, UI language, offline-only, default paper, data folder.

They live outside the library because two of them are needed before it opens (the data folder says where the
library is; the theme paints the window that shows it), in one INI file, `preferences.ini`, in the platform's
config folder (`platformdirs.user_config_dir("CareerVP", "CareerVP")`; `$CAREERVP_CONFIG_DIR` overrides it, which
is what the tests do). One format, one place, read by the CLI and the GUI alike: plain `configparser`, no Qt, so
`storage.paths` can read the data folder cheaply (QSettings' INI escapes backslashes and writes `@Variant(...)`,
which configparser would misread, so Qt never writes this file).

The file is small and hand-editable::

    [general]
    theme = system          ; system | light | dark
    language = system       ; system | en | he  (the UI's language; system: Hebrew if the OS is, else English)
    offline_only = false    ; true: never call Claude, even with a key set
    page_size = region      ; region | A4 | Letter
    data_dir =              ; empty: the platform default

A missing, unreadable or corrupt file, or an unknown value, gives the default for that value, never an error:
preferences must never stop the app from opening. What was wrong is logged as one warning line per load (the
same line once per process: the file is read several times at start), naming the file and the setting but not
the folder or the value (they may carry the user's name); the file is left as it is, so a hand edit can be
fixed, until Settings ▸ General saves over it. Read before logging is configured (the data folder is needed to
find the log), the line is held and written to the log with the rest (`logs.hold_early_records`), not printed.
"""

from __future__ import annotations

import configparser
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

log = logging.getLogger(__name__)

CONFIG_DIR_ENV = "CAREERVP_CONFIG_DIR"
PREFERENCES_FILE_NAME = "preferences.ini"
SECTION = "general"

ThemeMode = Literal["system", "light", "dark"]
THEME_MODES: tuple[ThemeMode, ...] = ("system", "light", "dark")
LanguageChoice = Literal["system", "en", "he"]
LANGUAGE_CHOICES: tuple[LanguageChoice, ...] = ("system", "en", "he")
PageSizeChoice = Literal["region", "A4", "Letter"]
PAGE_SIZE_CHOICES: tuple[PageSizeChoice, ...] = ("region", "A4", "Letter")


@dataclass(frozen=True)
class Preferences:
    """`theme`: "system" follows the OS dark mode. `offline_only`: the offline engine writes every document, even
    with a key set. `page_size`: the default paper of exports ("region" = by the user's locale). `data_dir`: the
    library folder chosen in Settings (None = the platform default; `$CAREERVP_DATA_DIR` and `--data-dir` win).
    `language`: the UI language ("system": Hebrew if the OS is, else English; applied at the next start)."""

    theme: ThemeMode = "system"
    offline_only: bool = False
    page_size: PageSizeChoice = "region"
    data_dir: Path | None = None
    language: LanguageChoice = "system"

    @property
    def export_page_size(self) -> str | None:
        """What `workflow.export_package(page_size=...)` takes: "A4"/"Letter", or None to decide by locale."""
        return None if self.page_size == "region" else self.page_size


def config_dir() -> Path:
    """`$CAREERVP_CONFIG_DIR` if set, else the platform's per-user config folder for CareerVP."""
    override = os.environ.get(CONFIG_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("CareerVP", "CareerVP"))


def preferences_path() -> Path:
    return config_dir() / PREFERENCES_FILE_NAME


def _parser() -> configparser.ConfigParser:
    return configparser.ConfigParser(interpolation=None)  # a folder name may contain "%"


_reported: set[tuple[str, str]] = set()  # (file, line) already logged by this process


def _report(path: Path, line: str) -> None:
    """Log `line` (about the preferences file `path`) once per process."""
    key = (str(path), line)
    if key not in _reported:
        _reported.add(key)
        log.warning("%s", line)


def load_preferences(path: Path | None = None) -> Preferences:
    """The saved preferences; defaults for anything missing, unreadable or invalid (one warning line in the log)."""
    path = path or preferences_path()
    parser = _parser()
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
    except FileNotFoundError:
        return Preferences()
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        _report(
            path,
            f"Preferences file {path.name} could not be read ({type(exc).__name__}): every preference has its "
            "default; the file is left as it is until Settings ▸ General is saved.",
        )
        return Preferences()
    if not parser.has_section(SECTION):
        _report(
            path,
            f"Preferences file {path.name} has no [{SECTION}] section: every preference has its default; the "
            "file is left as it is until Settings ▸ General is saved.",
        )
        return Preferences()
    values = parser[SECTION]
    default = Preferences()
    problems: list[str] = []

    def choose(name: str, choices: tuple[str, ...], fallback: str) -> str:
        text = values.get(name, "").strip().lower()
        for choice in choices:
            if text == choice.lower():
                return choice
        if text:
            problems.append(f"{name} is not one of {', '.join(choices)}")
        return fallback

    theme = cast(ThemeMode, choose("theme", THEME_MODES, default.theme))
    try:
        offline_only = values.getboolean("offline_only", fallback=default.offline_only)
    except ValueError:
        problems.append("offline_only is not true or false")
        offline_only = default.offline_only
    page_size = cast(PageSizeChoice, choose("page_size", PAGE_SIZE_CHOICES, default.page_size))
    language = cast(LanguageChoice, choose("language", LANGUAGE_CHOICES, default.language))
    folder = values.get("data_dir", "").strip()
    data_dir = Path(folder).expanduser() if folder else None
    if data_dir is not None and not data_dir.is_absolute():  # it would depend on the folder the app starts in
        problems.append("data_dir is not an absolute path")
        data_dir = None
    if problems:
        _report(
            path,
            f"Preferences file {path.name}: {'; '.join(problems)}. Those preferences have their defaults; the "
            "file is left as it is until Settings ▸ General is saved.",
        )
    return Preferences(
        theme=theme, offline_only=offline_only, page_size=page_size, data_dir=data_dir, language=language
    )


def save_preferences(prefs: Preferences, path: Path | None = None) -> Path:
    """Write `prefs` atomically (a temporary file renamed over the old one). Raises OSError when the folder cannot
    be written; the caller says so."""
    path = path or preferences_path()
    parser = _parser()
    parser[SECTION] = {
        "theme": prefs.theme,
        "language": prefs.language,
        "offline_only": "true" if prefs.offline_only else "false",
        "page_size": prefs.page_size,
        "data_dir": str(prefs.data_dir) if prefs.data_dir is not None else "",
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        parser.write(handle)
    os.replace(temporary, path)
    return path


def preferred_data_dir() -> Path | None:
    """The data folder chosen in Settings ▸ General, or None (never raises)."""
    return load_preferences().data_dir
