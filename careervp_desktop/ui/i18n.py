"""The UI's language: English (the source text) or Hebrew, chosen in Settings ▸ General, applied at start-up.

- `tr(text)`: the active catalog's translation of the English source `text`, or `text` itself. The catalog is
  keyed by the exact English string; a template keeps its `{placeholders}` and the caller formats the result:
  `tr("Exported {n} files").format(n=n)`. Always call it with a string literal (a test collects every literal
  and checks that the Hebrew catalog has it; a computed argument would escape that check).
- `install(app, language)`: once, before any window is built. Loads `resources/i18n/<code>.json` (nothing for
  English), mirrors the layout for a right-to-left language, and installs Qt's own translation of its standard
  dialogs (`qtbase_<code>.qm`: OK/Cancel/Save, the file dialog) when it can be found — a bundle without it still
  starts, with those few buttons in English.
- `resolve(choice)`: "system" → "he" when the OS language is Hebrew, else "en"; "en"/"he" as they are.

What is not translated here: generated documents (they have their own document language), messages from the
layers below (error one-liners of ingest and the workflow) and objectNames. Imports nothing but Qt and the
standard library (it runs before the start-up card is painted).
"""

from __future__ import annotations

import json
import logging
from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

log = logging.getLogger(__name__)

LANGUAGE_CHOICES: Final = ("system", "en", "he")
RTL_LANGUAGES: Final = frozenset({"he"})
# Each language in its own name (the choice must be readable by someone who cannot read the current UI).
LANGUAGE_NAMES: Final = {"en": "English", "he": "עברית"}

_catalog: dict[str, str] = {}
_language = "en"
_qt_translator: QTranslator | None = None  # kept alive: Qt does not own an installed translator


def tr(text: str) -> str:
    """`text` in the UI language (the English source when there is no translation)."""
    if not _catalog:
        return text
    return _catalog.get(text, text)


def language() -> str:
    """The active UI language code ("en" or "he")."""
    return _language


def is_rtl() -> bool:
    return _language in RTL_LANGUAGES


def resolve(choice: str) -> str:
    """The language code a preference stands for: "system" follows the OS (Hebrew or English)."""
    if choice in LANGUAGE_NAMES:
        return choice
    if QLocale.system().language() == QLocale.Language.Hebrew:
        return "he"
    return "en"


def load_catalog(code: str) -> dict[str, str]:
    """The catalog of `code` from `resources/i18n/<code>.json` (empty for English, or if it cannot be read)."""
    if code == "en":
        return {}
    from careervp_desktop.resources import resource_path

    path = resource_path("i18n", f"{code}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("UI translations %s unreadable (%s); the UI stays in English", path, exc)
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str) and v}


def set_language(code: str) -> None:
    """Switch the catalog `tr` reads (no Qt side effects: `install` does those). Tests use it directly."""
    global _catalog, _language
    code = code if code in LANGUAGE_NAMES else "en"
    _catalog = load_catalog(code)
    _language = code if (_catalog or code == "en") else "en"


def install(app: QCoreApplication, choice: str) -> str:
    """Apply the UI language `choice` ("system", "en", "he") to `app`; returns the code in use."""
    global _qt_translator
    set_language(resolve(choice))
    if _qt_translator is not None:
        QCoreApplication.removeTranslator(_qt_translator)
        _qt_translator = None
    direction = Qt.LayoutDirection.RightToLeft if is_rtl() else Qt.LayoutDirection.LeftToRight
    set_direction = getattr(app, "setLayoutDirection", None)  # QGuiApplication and up
    if set_direction is not None:
        set_direction(direction)
    if _language != "en":
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{_language}", folder):
            QCoreApplication.installTranslator(translator)
            _qt_translator = translator
        else:  # the bundle may leave Qt's translations out: its standard buttons stay in English
            log.info("Qt's own %s translation not found in %s", _language, folder)
    return _language
