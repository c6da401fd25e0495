"""The UI language (ui/i18n.py): every `tr()` text has a Hebrew translation with the same placeholders, no
translation is left over, no user-visible literal escapes `tr()`, and a Hebrew start mirrors the window."""

from __future__ import annotations

import ast
import json
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel

from careervp_desktop.storage.preferences import Preferences, load_preferences, save_preferences
from careervp_desktop.ui import i18n
from tests.conftest import REPO
from tests.ui.gui_helpers import Dialogs, open_window

UI = REPO / "careervp_desktop" / "ui"
CATALOG = REPO / "resources" / "i18n" / "he.json"
UI_SOURCES = sorted(UI.glob("*.py"))

# Calls whose literal string arguments the user sees: (method or class name) -> which positional arguments
# (None: all of them). Keyword arguments named in TEXT_KEYWORDS count too.
TEXT_CALLS: dict[str, tuple[int, ...] | None] = {
    "setText": (0,),
    "setWindowTitle": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setPlaceholderText": (0,),
    "setAccessibleName": (0,),
    "setAccessibleDescription": (0,),
    "setTitle": (0,),
    "setLabelText": (0,),
    "setTabText": (1,),
    "setTabToolTip": (1,),
    "setItemText": (1,),
    "addTab": (1, 2),
    "insertTab": (2, 3),
    "addItem": (0, 1),
    "insertItem": (1, 2),
    "addRow": (0,),
    "addAction": (0, 1),
    "addMenu": (0, 1),
    "addButton": (0,),
    "showMessage": (0,),
    "QLabel": (0,),
    "QPushButton": (0, 1),
    "QToolButton": (0,),
    "QCheckBox": (0,),
    "QRadioButton": (0,),
    "QGroupBox": (0,),
    "QAction": (0, 1),
    "QMenu": (0,),
    "QDockWidget": (0,),
    "warning": (1, 2),
    "critical": (1, 2),
    "information": (1, 2),
    "question": (1, 2),
    "getOpenFileName": (1, 3),
    "getOpenFileNames": (1, 3),
    "getSaveFileName": (1, 3),
    "getExistingDirectory": (1,),
    "getText": (1, 2),
    "getMultiLineText": (1, 2),
    "getItem": (1, 2),
}
TEXT_KEYWORDS = {"text", "title", "tooltip", "tip", "placeholder", "caption"}
# Literals that are not words in any language.
NOT_WORDS = {"", "…", "×", "✓", "•", "—", "–", "·", "▸", "&&"} | {"CareerVP", "Claude", "DOCX", "PDF", "ATS"}
NOT_WORDS |= {"YYYY", "YYYY-MM"}  # date masks: the digits typed are the same in every UI language


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _is_tr(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Name) and node.func.id == "tr")
        or (isinstance(node.func, ast.Attribute) and node.func.attr == "tr" and isinstance(node.func.value, ast.Name))
    )


def tr_calls() -> Iterator[tuple[Path, ast.Call]]:
    for path in UI_SOURCES:
        for node in ast.walk(_tree(path)):
            if _is_tr(node):
                assert isinstance(node, ast.Call)
                yield path, node


def source_texts() -> dict[str, str]:
    """Every literal passed to tr() in ui/ → where it first appears."""
    found: dict[str, str] = {}
    for path, call in tr_calls():
        if len(call.args) == 1 and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
            found.setdefault(call.args[0].value, f"{path.name}:{call.lineno}")
    return found


def catalog() -> dict[str, str]:
    return json.loads(CATALOG.read_text(encoding="utf-8"))


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def _is_word(text: str) -> bool:
    stripped = re.sub(r"<[^>]*>|&\w+;", "", text).strip()  # markup is not words
    if stripped in NOT_WORDS or not re.search(r"[^\W\d_]", stripped):
        return False
    return not re.fullmatch(r"[\W\d_]*(CareerVP|Claude|DOCX|PDF|ATS)?[\W\d_]*", stripped)


# ---------------------------------------------------------------------------------------------------- catalog
def test_tr_is_only_called_with_one_string_literal() -> None:
    bad = [
        f"{path.name}:{call.lineno}"
        for path, call in tr_calls()
        if call.keywords
        or len(call.args) != 1
        or not (isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str))
    ]
    assert bad == [], "tr() takes one string literal (no f-string, variable or concatenation): format its result"


def test_every_text_has_a_hebrew_translation_and_none_is_left_over() -> None:
    texts, he = source_texts(), catalog()
    assert len(texts) > 400
    missing = {text: where for text, where in texts.items() if text not in he}
    assert missing == {}, "add these to resources/i18n/he.json"
    assert sorted(set(he) - set(texts)) == [], "no longer used in ui/: remove from resources/i18n/he.json"


def test_translations_keep_the_placeholders_and_are_hebrew() -> None:
    for source, hebrew in catalog().items():
        assert _fields(hebrew) == _fields(source), (source, hebrew)
        assert hebrew.strip(), source
        if re.search(r"[A-Za-z]{3}", re.sub(r"\{\w+\}|CareerVP|Claude|DOCX|PDF|ATS|<[^>]+>|&\w+;", "", source)):
            assert re.search(r"[\u0590-\u05ff]", hebrew) or not _is_word(source), (source, hebrew)
        assert source.count("&") - source.count("&&") * 2 <= 1


def test_the_catalog_loads_and_english_needs_none() -> None:
    assert i18n.load_catalog("en") == {}
    assert i18n.load_catalog("he") == catalog()


# ---------------------------------------------------------------------------------------------------- unwrapped
def unwrapped(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, text) of each literal word passed straight to a user-visible text call."""
    found: list[tuple[int, str]] = []

    def literal(node: ast.AST) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _is_word(node.value):
            return node.value
        if isinstance(node, ast.JoinedStr):
            parts = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            return parts if _is_word(parts) else None
        if isinstance(node, ast.BinOp):  # "a" + "b", "x %s" % y
            return literal(node.left) or literal(node.right)
        return None

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name not in TEXT_CALLS:
            continue
        positions = TEXT_CALLS[name]
        for index, arg in enumerate(node.args):
            if positions is None or index in positions:
                text = literal(arg)
                if text is not None:
                    found.append((node.lineno, text))
        for keyword in node.keywords:
            if keyword.arg in TEXT_KEYWORDS:
                text = literal(keyword.value)
                if text is not None:
                    found.append((node.lineno, text))
    return found


def test_no_user_visible_literal_escapes_tr() -> None:
    problems = [f"{path.name}:{line}: {text!r}" for path in UI_SOURCES for line, text in unwrapped(_tree(path))]
    assert problems == [], "wrap these in tr() (a template: tr('... {name} ...').format(name=...))"


@pytest.mark.parametrize(
    "code",
    [
        'QLabel("Hello")',
        'self.button.setText("Save the letter")',
        'window.setWindowTitle(f"Settings for {name}")',
        'QMessageBox.warning(self, "Export", "The file could not be written")',
        'menu.addAction("&Quit")',
        'edit.setPlaceholderText("Type here")',
    ],
)
def test_the_unwrapped_check_catches(code: str) -> None:
    assert unwrapped(ast.parse(code)), code


@pytest.mark.parametrize(
    "code",
    ['QLabel(tr("Hello"))', 'QLabel("…")', 'QLabel("")', 'label.setText("CareerVP")', 'QLabel("12 / 40")'],
)
def test_the_unwrapped_check_lets_through(code: str) -> None:
    assert unwrapped(ast.parse(code)) == [], code


# ---------------------------------------------------------------------------------------------------- language
def test_resolve_and_unknown_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QLocale

    assert i18n.resolve("he") == "he" and i18n.resolve("en") == "en"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.Hebrew)))
    assert i18n.resolve("system") == "he"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.German)))
    assert i18n.resolve("system") == "en"
    assert i18n.resolve("klingon") == "en"


@pytest.fixture
def hebrew(qapp: QApplication) -> Iterator[None]:
    """The UI in Hebrew for one test, as `install` sets it at start-up; English again afterwards."""
    assert i18n.install(qapp, "he") == "he"
    try:
        yield
    finally:
        i18n.install(qapp, "en")
        assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_install_hebrew_mirrors_the_app_and_translates_qt_buttons(qapp: QApplication, hebrew: None) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    text = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert re.search(r"[\u0590-\u05ff]", text), f"Qt's qtbase_he.qm not installed: {text!r}"
    box.deleteLater()


def test_install_carries_on_without_qt_translations(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QLibraryInfo

    monkeypatch.setattr(QLibraryInfo, "path", staticmethod(lambda _which: "/nonexistent"))
    try:
        assert i18n.install(qapp, "he") == "he"
        assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert i18n.tr("General settings") != "General settings"
    finally:
        i18n.install(qapp, "en")


def test_english_is_the_default_and_changes_nothing(qapp: QApplication) -> None:
    assert i18n.language() == "en"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert i18n.tr("General settings") == "General settings"


def test_hebrew_main_window_is_mirrored_and_in_hebrew(qtbot, data_dir: Path, dialogs: Dialogs, hebrew: None) -> None:
    he = catalog()
    window = open_window(qtbot, data_dir)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    menus = [action.text() for action in window.menuBar().actions()]
    assert he["&File"] in menus and he["&Settings"] in menus
    assert "&File" not in menus
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert he["Job"] in tabs and he["Cover letter"] in tabs and he["Interview prep"] in tabs
    assert window.windowTitle() == he["New application"] + " — CareerVP"
    labels = {label.text() for label in window.findChildren(QLabel)}
    assert not {"Job", "Cover letter", "Value proposition"} & labels


def test_english_main_window_stays_english(qtbot, data_dir: Path, dialogs: Dialogs) -> None:
    window = open_window(qtbot, data_dir)
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.menuBar().actions()[0].text() == "&File"


def test_settings_shows_the_language_and_saving_keeps_it(qtbot, data_dir: Path, dialogs: Dialogs) -> None:
    save_preferences(Preferences(language="he"))
    window = open_window(qtbot, data_dir)
    dialog = window.open_general_settings()
    combo = dialog.findChild(QComboBox, "languageCombo")
    assert combo is not None and combo.accessibleName() and combo.toolTip()
    assert [combo.itemData(i) for i in range(combo.count())] == ["system", "en", "he"]
    assert combo.itemText(1) == "English" and combo.itemText(2) == "עברית"
    assert combo.currentData() == "he"
    note = dialog.findChild(QLabel, "languageNote")
    assert "restart" in note.text().lower()  # the UI is in English now, Hebrew is chosen
    combo.setCurrentIndex(combo.findData("en"))
    assert note.text() == "Takes effect the next time CareerVP starts."
    with qtbot.waitSignal(dialog.sig_saved) as saved:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert saved.args[0].language == "en"
    assert load_preferences().language == "en"
    assert window.statusBar().currentMessage() == "Settings saved."  # English is the language in use


def test_choosing_another_language_says_to_restart(qtbot, data_dir: Path, dialogs: Dialogs) -> None:
    window = open_window(qtbot, data_dir)
    dialog = window.open_general_settings()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("he"))
    assert "עברית" in dialog.language_note.text() and "restart" in dialog.language_note.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert load_preferences().language == "he"
    assert window.statusBar().currentMessage() == "Settings saved: restart CareerVP to see it in עברית."
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight  # nothing half-switched until the restart


def test_a_hebrew_settings_dialog(qtbot, hebrew: None) -> None:
    from careervp_desktop.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(Preferences(language="he"))
    qtbot.addWidget(dialog)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.windowTitle() == catalog()["General settings"]
    assert dialog.language_combo.itemText(2) == "עברית"


def test_the_app_start_installs_the_saved_language(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> None:
    from careervp_desktop.ui import splash

    monkeypatch.setattr(splash, "_installed_language", None)
    save_preferences(Preferences(language="he"))
    try:
        assert splash.install_language(qapp) == "he"
        assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
        save_preferences(Preferences(language="en"))
        assert splash.install_language(qapp) == "he", "once per process: windows already built keep theirs"
    finally:
        i18n.install(qapp, "en")
    assert splash.install_language(qapp, again=True) == "en"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_hebrew_sentences_isolate_the_text_they_insert(hebrew: None) -> None:
    """An English title or path inside a Hebrew sentence keeps its direction (FSI … PDI); numbers go in as is."""
    removed = i18n.tr("Removed {name}.").format(name="Backend Engineer at Kassa.")
    assert "\u2068Backend Engineer at Kassa.\u2069" in removed
    assert re.search(r"[\u0590-\u05ff]", removed)
    assert i18n.tr("{n} / {max} characters").format(n=12, max=1000).startswith("12 / 1000 ")
    assert i18n.own_direction("Walk me through it.") == "\u2068Walk me through it.\u2069"


def test_english_sentences_are_plain(qapp: QApplication) -> None:
    assert i18n.tr("Removed {name}.").format(name="Kassa") == "Removed Kassa."
    assert i18n.own_direction("Walk me through it.") == "Walk me through it."


def test_the_comparison_starts_on_the_right_in_hebrew(hebrew: None) -> None:
    from careervp_desktop.domain.artifact_text import DiffRow
    from careervp_desktop.ui.artifact_html import diff_html

    rows = [DiffRow("changed", (("old line", True),), (("new line", True),))]
    page = diff_html(rows, "Your CV", "Tailored", context=None)
    assert page.index("Tailored") < page.index("Your CV")  # the old side is the right-hand (second) column
    assert page.index("new line") < page.index("old line")


def test_a_hebrew_start_builds_a_hebrew_mirrored_window(tmp_path: Path) -> None:
    """The real launch (start-up card, then the window) with `language = he` saved: the window is built in Hebrew,
    right to left, and Qt's own buttons are Hebrew too."""
    import os
    import subprocess
    import sys

    config = tmp_path / "config"
    config.mkdir()
    (config / "preferences.ini").write_text("[general]\nlanguage = he\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from careervp_desktop import launch\n"
        "from PySide6.QtCore import Qt\n"
        "from PySide6.QtWidgets import QApplication, QDialogButtonBox\n"
        f"code = launch.main(['--data-dir', {str(tmp_path / 'lib')!r}, 'gui', '--exit-after-show'])\n"
        "app = QApplication.instance()\n"
        "box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)\n"
        "print('RTL', app.layoutDirection() == Qt.LayoutDirection.RightToLeft)\n"
        "print('CANCEL', box.button(QDialogButtonBox.StandardButton.Cancel).text())\n"
        "from careervp_desktop.ui.i18n import tr\n"
        "print('FILE', tr('&File'))\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CAREERVP_CONFIG_DIR=str(config))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "RTL True" in done.stdout
    assert f"FILE {catalog()['&File']}" in done.stdout
    cancel = next(line for line in done.stdout.splitlines() if line.startswith("CANCEL"))
    assert re.search(r"[\u0590-\u05ff]", cancel), cancel
