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

A missing, unreadable or corrupt file, or an unknown value, gives the default for that value (logged, never
raised): preferences must never stop the app from opening.
"""

from __future__ import annotations

import configparser
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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


def load_preferences(path: Path | None = None) -> Preferences:
    """The saved preferences; defaults for anything missing, unreadable or invalid (a warning in the log)."""
    path = path or preferences_path()
    parser = _parser()
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
    except FileNotFoundError:
        return Preferences()
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        log.warning("preferences file %s unreadable (%s); using the defaults", path, type(exc).__name__)
        return Preferences()
    if not parser.has_section(SECTION):
        return Preferences()
    values = parser[SECTION]
    default = Preferences()

    theme_text = values.get("theme", "").strip().lower()
    theme: ThemeMode = default.theme
    for mode in THEME_MODES:
        if theme_text == mode:
            theme = mode
    try:
        offline_only = values.getboolean("offline_only", fallback=default.offline_only)
    except ValueError:
        log.warning("preferences: offline_only %r is not a yes/no value; using the default", values.get("offline_only"))
        offline_only = default.offline_only
    page_text = values.get("page_size", "").strip().lower()
    page_size: PageSizeChoice = default.page_size
    for choice in PAGE_SIZE_CHOICES:
        if page_text == choice.lower():
            page_size = choice
    language_text = values.get("language", "").strip().lower()
    language: LanguageChoice = default.language
    for code in LANGUAGE_CHOICES:
        if language_text == code:
            language = code
    folder = values.get("data_dir", "").strip()
    data_dir = Path(folder).expanduser() if folder else None
    if data_dir is not None and not data_dir.is_absolute():  # it would depend on the folder the app starts in
        log.warning("preferences: data_dir %r is not an absolute path; using the default", folder)
        data_dir = None
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
