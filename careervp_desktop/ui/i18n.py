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

In a right-to-left language, `tr()` returns its text as a `_RtlTemplate`: a `str` whose `.format()` wraps each
text it inserts in Unicode first-strong isolates (FSI … PDI), so an English job title, a file path or a quoted
claim inside a Hebrew sentence keeps its own direction and does not drag the sentence's punctuation across
(“optimisation.״” instead of “״.optimisation”). Numbers are inserted as they are.

`tr_finding(text)`: a finding of the layers below (the fact check's `Violation.message`/`.source`, the writing
checks' `QualityFinding.message`/`.suggestion`, the answer polish's advice) in the UI language. Those are built in
English and stored so; in Hebrew the text is matched against the English templates of
`resources/i18n/he_findings.json` at display time and the Hebrew template is filled with what they captured.
`tr_section(text)`: a word count's section the same way.

What is not translated here: generated documents (they have their own document language), other messages from
the layers below (error one-liners of ingest and the workflow) and objectNames. Imports nothing but Qt and the
standard library (it runs before the start-up card is painted).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # Qt's classes are loaded when used (PySide initialises each class on first touch: ~3 ms here)
    import re

    from PySide6.QtCore import QCoreApplication, QTranslator

LANGUAGE_CHOICES: Final = ("system", "en", "he")
RTL_LANGUAGES: Final = frozenset({"he"})
# Each language in its own name (the choice must be readable by someone who cannot read the current UI).
LANGUAGE_NAMES: Final = {"en": "English", "he": "עברית"}

_catalog: dict[str, str] = {}
_language = "en"
_qt_translator: QTranslator | None = None  # kept alive: Qt does not own an installed translator


FSI, PDI = "\u2068", "\u2069"  # first strong isolate, pop directional isolate


def isolate(value: object) -> object:
    """A text (or path) between FSI and PDI: laid out in its own direction inside the sentence around it."""
    if isinstance(value, (str, PurePath)):
        return f"{FSI}{value}{PDI}"
    return value


def own_direction(text: str) -> str:
    """`text` (a document's words, a path) isolated in a right-to-left UI, as is otherwise: for labels that put it
    after a number or a mark rather than in a translated sentence."""
    return f"{FSI}{text}{PDI}" if _language in RTL_LANGUAGES else text


class _RtlTemplate(str):
    """A translated text of a right-to-left UI: `.format()` isolates the texts it inserts (see the docstring)."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        return str.format(self, *(isolate(a) for a in args), **{k: isolate(v) for k, v in kwargs.items()})


def tr(text: str) -> str:
    """`text` in the UI language (the English source when there is no translation)."""
    if not _catalog:
        return text
    translated = _catalog.get(text, text)
    return _RtlTemplate(translated) if _language in RTL_LANGUAGES else translated


# Findings: (anchored pattern, translation) for whole messages, and the same for fragments (a place, a section, a
# counted thing) that those messages insert; compiled on the first Hebrew finding shown, for the language then.
_findings: tuple[str, list[tuple[re.Pattern[str], str]], list[tuple[re.Pattern[str], str]]] | None = None
# The placeholders whose captured text is itself a fragment to translate ("paragraph 2", "the whole letter"); the
# others (quoted CV or job text, names, numbers) are inserted as they are.
FRAGMENT_FIELDS: Final = frozenset({"place", "section", "things", "target", "missing", "detail", "parts"})
# Fields that are numbers ("job {job}, bullet {bullet}" must not take "2, bullet 3" as the job).
NUMBER_FIELDS: Final = frozenset(
    {"n", "first", "last", "low", "high", "count", "delta", "limit", "min", "max", "job", "bullet", "expected"}
    | {"drop", "total", "missing_n", "years", "mean", "variation", "aim"}
)


def finding_pattern(template: str) -> re.Pattern[str]:
    """An English finding template ("Not in your CV: {x}") as an anchored regex with a named group per field. A
    field named with a leading underscore ("bullet{_s}") may be empty and may be left out of the translation."""
    import re
    import string

    parts = []
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            if field in NUMBER_FIELDS:
                parts.append(rf"(?P<{field}>\d+(?:\.\d+)?)")
            else:
                parts.append(f"(?P<{field}>.*?)" if field.startswith("_") else f"(?P<{field}>.+?)")
    return re.compile("".join(parts), re.DOTALL)


def load_findings(code: str) -> dict[str, dict[str, str]]:
    """`resources/i18n/<code>_findings.json`: {"messages": {English: translation}, "fragments": {…}} (empty for
    English, or if it cannot be read)."""
    if code == "en":
        return {}
    data = _read_json(f"{code}_findings.json", "Finding translations", "findings stay in English")
    if not isinstance(data, dict):
        return {}
    return {
        section: {str(k): str(v) for k, v in table.items() if isinstance(v, str)}
        for section, table in data.items()
        if isinstance(table, dict)
    }


def _literal(template: str) -> str:
    import string

    return "".join(literal for literal, *_ in string.Formatter().parse(template))


def _compiled() -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[re.Pattern[str], str]]]:
    global _findings
    if _findings is None or _findings[0] != _language:
        data = load_findings(_language)

        def table(section: str) -> list[tuple[re.Pattern[str], str]]:
            items = data.get(section, {}).items()
            # The most literal text first: "technical questions" before "{category} questions".
            ordered = sorted(items, key=lambda kv: -len(_literal(kv[0])))
            return [(finding_pattern(en), tx) for en, tx in ordered]

        _findings = (_language, table("messages"), table("fragments"))
    return _findings[1], _findings[2]


def _fill(
    text: str, table: list[tuple[re.Pattern[str], str]], fragments: list[tuple[re.Pattern[str], str]]
) -> str | None:
    for pattern, translation in table:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        values: dict[str, object] = {}
        for name, value in m.groupdict().items():
            if name in FRAGMENT_FIELDS:
                value = _fragment(value, fragments)
            values[name] = value if name in NUMBER_FIELDS else isolate(value)
        return translation.format(**values)
    return None


def _fragment(text: str, fragments: list[tuple[re.Pattern[str], str]]) -> str:
    """A place or section in the UI language: as a whole ("the whole letter", "The hook (paragraph 1)"), else
    part by part ("job 2, bullet 3"); untranslated parts stay as they are."""
    for candidate in (text, text[:1].lower() + text[1:]):
        filled = _fill(candidate, fragments, fragments)
        if filled is not None:
            return filled
    for sep in ("; ", ", "):  # "task — …; result — …" (polish advice), "job 2, bullet 3" (a place)
        if sep in text:
            return sep.join(_fragment(part, fragments) for part in text.split(sep))
    return text


def tr_finding(text: str) -> str:
    """A finding's English message, source, suggestion or section in the UI language: `text` itself in English
    or when no template matches (a source quoting the CV, a message of an older version)."""
    if _language == "en" or not text:
        return text
    messages, fragments = _compiled()
    filled = _fill(text, messages, fragments)
    return filled if filled is not None else text


def tr_section(text: str) -> str:
    """A word count's section ("the whole letter", "job 2, bullet 3", "technical questions") in the UI language
    (one of the fragments findings insert; not tried on whole findings: a source quoting a CV's "Summary, …"
    stays as it is)."""
    if _language == "en" or not text:
        return text
    return _fragment(text, _compiled()[1])


def _log():  # type: ignore[no-untyped-def]
    import logging  # not at import: this module loads before the start-up card is painted

    return logging.getLogger(__name__)


def language() -> str:
    """The active UI language code ("en" or "he")."""
    return _language


def is_rtl() -> bool:
    return _language in RTL_LANGUAGES


def resolve(choice: str) -> str:
    """The language code a preference stands for: "system" follows the OS (Hebrew or English)."""
    if choice in LANGUAGE_NAMES:
        return choice
    from PySide6.QtCore import QLocale

    if QLocale.system().language() == QLocale.Language.Hebrew:
        return "he"
    return "en"


def load_catalog(code: str) -> dict[str, str]:
    """The catalog of `code` from `resources/i18n/<code>.json` (empty for English, or if it cannot be read)."""
    if code == "en":
        return {}
    data = _read_json(f"{code}.json", "UI translations", "the UI stays in English")
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str) and v}


def _read_json(name: str, what: str, fallback: str) -> object:
    """`resources/i18n/<name>` parsed, or None (logged: "<what> … unreadable; <fallback>")."""
    import json  # only for a language other than English: the start-up card is painted before this runs

    from careervp_desktop.resources import resource_path

    path = resource_path("i18n", name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        _log().warning("%s %s unreadable (%s); %s", what, path, exc, fallback)
        return None


def set_language(code: str) -> None:
    """Switch the catalog `tr` reads (no Qt side effects: `install` does those). Tests use it directly."""
    global _catalog, _language
    code = code if code in LANGUAGE_NAMES else "en"
    _catalog = load_catalog(code)
    _language = code if (_catalog or code == "en") else "en"


def install(app: QCoreApplication, choice: str) -> str:
    """Apply the UI language `choice` ("system", "en", "he") to `app`; returns the code in use."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator

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
            _log().info("Qt's own %s translation not found in %s", _language, folder)
    return _language
