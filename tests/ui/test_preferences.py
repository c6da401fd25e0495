"""Settings ▸ General (ui/preferences.py) and the themes (ui/style.py): the dialog round-trips through the store,
themes switch the whole application, "system" follows the OS, and every text colour stays readable."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QPushButton, QTextBrowser, QWidget

from careervp_desktop.storage.paths import default_data_dir, platform_data_dir
from careervp_desktop.storage.preferences import Preferences, load_preferences, preferences_path, save_preferences
from careervp_desktop.ui import style
from careervp_desktop.ui.preferences import PreferencesDialog
from careervp_desktop.ui.style import (
    DARK_STYLESHEET,
    STYLESHEET,
    apply_theme,
    colours,
    dark_palette,
    is_dark,
    light_palette,
    make_page,
    window_stylesheet,
)
from tests.ui.gui_helpers import Dialogs


@pytest.fixture(autouse=True)
def _restore_app_theme(qapp: QApplication) -> Iterator[None]:
    """Every other test runs with the test application's own look: put it back after each test here."""
    palette, sheet = QApplication.palette(), qapp.styleSheet()
    yield
    follower = qapp.findChild(style._SystemSchemeFollower, style._FOLLOWER_NAME)
    if follower is not None:
        follower.stop()
    qapp.styleHints().unsetColorScheme()
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def _window_colour() -> QColor:
    return QApplication.palette().color(QPalette.ColorRole.Window)


def _open(qtbot, prefs: Preferences, data_dir: Path | None = None) -> PreferencesDialog:
    dialog = PreferencesDialog(prefs, data_dir=data_dir)
    qtbot.addWidget(dialog)
    return dialog


# ---------------------------------------------------------------------------------------------------- dialog
def test_controls_show_the_saved_preferences_and_save_what_they_say(qtbot, tmp_path: Path) -> None:
    first = Preferences(theme="dark", offline_only=True, page_size="Letter", data_dir=tmp_path / "lib")
    save_preferences(first)
    dialog = _open(qtbot, load_preferences())
    assert dialog.theme_combo.currentData() == "dark"
    assert dialog.offline_only_check.isChecked()
    assert dialog.page_size_combo.currentData() == "Letter"
    assert dialog.preferences() == first

    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("light"))
    dialog.offline_only_check.setChecked(False)
    dialog.page_size_combo.setCurrentIndex(dialog.page_size_combo.findData("region"))
    dialog.reset_data_folder_button.click()
    with qtbot.waitSignal(dialog.sig_saved) as saved:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    expected = Preferences(theme="light", offline_only=False, page_size="region", data_dir=None)
    assert saved.args == [expected]
    assert load_preferences() == expected
    assert dialog.result() == dialog.DialogCode.Accepted

    again = _open(qtbot, load_preferences())
    assert again.preferences() == expected
    assert again.theme_combo.currentData() == "light" and again.page_size_combo.currentData() == "region"


def test_cancel_writes_nothing(qtbot) -> None:
    dialog = _open(qtbot, Preferences())
    dialog.offline_only_check.setChecked(True)
    dialog.reject()
    assert not preferences_path().exists()


def test_a_save_that_fails_says_so_and_keeps_the_dialog_open(qtbot, dialogs: Dialogs) -> None:
    preferences_path().parent.mkdir(parents=True, exist_ok=True)
    preferences_path().mkdir()  # a folder where the file should be: the rename fails
    dialog = _open(qtbot, Preferences())
    dialog.show()
    dialog.offline_only_check.setChecked(True)
    dialog.accept()
    assert dialogs.texts("warning") and "could not be saved" in dialogs.texts("warning")[0]
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted


@pytest.mark.parametrize(
    ("cls", "name"),
    [
        (QComboBox, "themeCombo"),
        (QCheckBox, "offlineOnlyCheck"),
        (QComboBox, "pageSizeCombo"),
        (QLabel, "dataFolderLabel"),
        (QPushButton, "openDataFolderButton"),
        (QPushButton, "changeDataFolderButton"),
        (QPushButton, "resetDataFolderButton"),
        (QLabel, "dataFolderNote"),
    ],
)
def test_every_control_is_named_described_and_explained(qtbot, cls: type, name: str) -> None:
    dialog = _open(qtbot, Preferences())
    assert dialog.objectName() == "generalSettings"
    widget = dialog.findChild(cls, name)
    assert isinstance(widget, QWidget), name
    assert widget.accessibleName().strip() and widget.toolTip().strip()


def test_page_size_region_names_the_paper_it_resolves_to(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    dialog = _open(qtbot, Preferences())
    assert "Letter" in dialog.page_size_combo.itemText(dialog.page_size_combo.findData("region"))
    assert Preferences(page_size="region").export_page_size is None


def test_changing_the_data_folder_takes_effect_at_the_next_start(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs
) -> None:
    monkeypatch.delenv("CAREERVP_DATA_DIR")
    in_use = tmp_path / "current"
    chosen = tmp_path / "new place"
    chosen.mkdir()
    dialogs.folder = chosen
    dialog = _open(qtbot, Preferences(), data_dir=in_use)
    assert dialog.data_folder_label.text() == str(in_use)
    assert not dialog.reset_data_folder_button.isEnabled()
    dialog.change_data_folder_button.click()
    assert dialog.data_folder_label.text() == str(in_use)  # the open library stays where it is until a restart
    note = dialog.data_folder_note.text()
    assert f"From the next start: {chosen.resolve()}" in note and "nothing is moved" in note
    assert dialog.reset_data_folder_button.isEnabled()
    dialog.accept()
    assert load_preferences().data_dir == chosen.resolve()
    assert default_data_dir() == chosen.resolve()


def test_a_folder_that_already_holds_a_library_is_named_as_such(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs
) -> None:
    monkeypatch.delenv("CAREERVP_DATA_DIR")
    chosen = tmp_path / "other"
    chosen.mkdir()
    (chosen / "careervp.db").write_bytes(b"")
    dialogs.folder = chosen
    dialog = _open(qtbot, Preferences(), data_dir=tmp_path / "current")
    dialog.change_data_folder_button.click()
    assert "already holds a library" in dialog.data_folder_note.text()


def test_picking_no_folder_changes_nothing(qtbot, tmp_path: Path, dialogs: Dialogs) -> None:
    dialogs.folder = None
    dialog = _open(qtbot, Preferences(data_dir=tmp_path / "kept"))
    dialog.change_data_folder_button.click()
    assert dialog.preferences().data_dir == tmp_path / "kept"


def test_the_env_var_is_named_when_it_overrides_the_folder(qtbot, tmp_path: Path) -> None:
    dialog = _open(qtbot, Preferences(data_dir=tmp_path / "chosen"))
    assert "CAREERVP_DATA_DIR is set" in dialog.data_folder_note.text()  # tests/conftest.py sets it


def test_reset_goes_back_to_the_platform_folder(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CAREERVP_DATA_DIR")
    dialog = _open(qtbot, Preferences(data_dir=tmp_path / "chosen"), data_dir=tmp_path / "chosen")
    dialog.reset_data_folder_button.click()
    assert dialog.preferences().data_dir is None
    assert dialog.next_data_dir() == platform_data_dir()
    assert str(platform_data_dir()) in dialog.data_folder_note.text()


def test_open_folder_opens_the_folder_in_use(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog = _open(qtbot, Preferences(), data_dir=tmp_path / "in use")
    dialog.open_data_folder_button.click()
    assert opened == [str(tmp_path / "in use")] and (tmp_path / "in use").is_dir()


def test_saving_a_new_theme_applies_it(qtbot, qapp: QApplication) -> None:
    apply_theme(qapp, "light")
    window = _themed_window(qtbot)
    dialog = PreferencesDialog(Preferences(theme="light"), window)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.accept()
    assert is_dark(QApplication.palette()) and window.styleSheet() == DARK_STYLESHEET


# ---------------------------------------------------------------------------------------------------- themes
def _themed_window(qtbot) -> QWidget:
    """Like the main window: it sets the sheet of the current theme on itself."""
    window = QWidget()
    qtbot.addWidget(window)
    window.setStyleSheet(window_stylesheet())
    return window


def test_light_and_dark_switch_the_palette_and_the_stylesheet(qtbot, qapp: QApplication) -> None:
    window = _themed_window(qtbot)
    assert window.styleSheet() == STYLESHEET  # the test application has no theme yet: light
    assert apply_theme(qapp, "dark") is True
    assert _window_colour().lightness() < 60 and window.styleSheet() == DARK_STYLESHEET
    assert is_dark(QApplication.palette()) and window_stylesheet() == DARK_STYLESHEET
    assert _themed_window(qtbot).styleSheet() == DARK_STYLESHEET  # a window made now starts dark
    assert apply_theme(qapp, "light") is False
    assert _window_colour().lightness() > 240 and window.styleSheet() == STYLESHEET
    assert not is_dark(QApplication.palette())
    assert qapp.styleSheet() == ""  # not application-wide: that makes the window open ~40 ms slower


def test_a_window_with_the_sheet_on_itself_follows_the_switch(qtbot, qapp: QApplication) -> None:
    """The main window sets the sheet on itself: apply_theme swaps it, and leaves other sheets alone."""
    window = QWidget()
    qtbot.addWidget(window)
    window.setStyleSheet(STYLESHEET)
    other = QWidget()
    qtbot.addWidget(other)
    other.setStyleSheet("QLabel { color: red; }")
    apply_theme(qapp, "dark")
    assert window.styleSheet() == DARK_STYLESHEET
    assert other.styleSheet() == "QLabel { color: red; }"  # not ours: left alone
    apply_theme(qapp, "light")
    assert window.styleSheet() == STYLESHEET


def test_system_follows_the_os_scheme_as_it_changes(qtbot, qapp: QApplication) -> None:
    hints = qapp.styleHints()
    window = _themed_window(qtbot)
    assert apply_theme(qapp, "system") is False  # offscreen says Unknown: light
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # what Qt emits when the OS switches to dark mode
    assert is_dark(QApplication.palette()) and window.styleSheet() == DARK_STYLESHEET
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not is_dark(QApplication.palette()) and window.styleSheet() == STYLESHEET
    apply_theme(qapp, "system")  # applying again keeps one follower
    assert len(qapp.findChildren(style._SystemSchemeFollower)) == 1


def test_an_explicit_theme_stops_following_the_os(qapp: QApplication) -> None:
    apply_theme(qapp, "system")
    apply_theme(qapp, "light")
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not is_dark(QApplication.palette())
    assert qapp.findChild(style._SystemSchemeFollower) is None


def test_system_starts_dark_when_the_os_is_dark(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(style, "system_prefers_dark", lambda app: True)
    assert apply_theme(qapp, "system") is True and is_dark(QApplication.palette())


def test_pages_stay_paper_white_on_a_themed_desk(qtbot, qapp: QApplication) -> None:
    page = QTextBrowser()
    qtbot.addWidget(page)
    apply_theme(qapp, "light")
    make_page(page)
    assert page.palette().color(QPalette.ColorRole.Window) == QColor(colours(False)["desk"])
    apply_theme(qapp, "dark")
    assert page.palette().color(QPalette.ColorRole.Base) == QColor("#ffffff")
    assert page.palette().color(QPalette.ColorRole.Text) == QColor(style.INK)
    assert page.palette().color(QPalette.ColorRole.Window) == QColor(colours(True)["desk"])


def test_palettes_set_every_role_so_the_os_scheme_cannot_leak_in() -> None:
    for palette in (light_palette(), dark_palette()):
        for role in (QPalette.ColorRole.Mid, QPalette.ColorRole.Dark, QPalette.ColorRole.Light):
            assert palette.isBrushSet(QPalette.ColorGroup.Active, role)
    assert light_palette().color(QPalette.ColorRole.Mid) != dark_palette().color(QPalette.ColorRole.Mid)


def test_the_stylesheet_has_no_colour_outside_its_table() -> None:
    """One template: every colour in a sheet comes from that theme's table (or the documents' paper and ink)."""
    for dark, sheet in ((False, STYLESHEET), (True, DARK_STYLESHEET)):
        allowed = {c.lower() for c in colours(dark).values()} | {"#fafbfc", style.INK.lower()}
        used = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", sheet)}
        assert used <= allowed, used - allowed
    assert STYLESHEET != DARK_STYLESHEET
    assert set(colours(False)) == set(colours(True))


def _luminance(hex_colour: str) -> float:
    channels = []
    for i in (1, 3, 5):
        c = int(hex_colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


READABLE_PAIRS = [  # (text, background) as the stylesheet and the list delegate use them
    ("text", "window"),
    ("text", "sidebar"),
    ("text", "surface"),
    ("text", "selection"),
    ("text", "banner"),
    ("label", "window"),
    ("secondary", "window"),
    ("secondary", "sidebar"),
    ("muted", "window"),
    ("muted", "surface"),
    ("faint", "sidebar"),
    ("faint", "selection"),
    ("secondary", "selection"),
    ("faint", "hover"),
    ("accent_text", "window"),
    ("on_accent", "accent"),
    ("ok_fg", "ok_bg"),
    ("warning_fg", "warning_bg"),
    ("critical_fg", "critical_bg"),
    ("notice_text", "notice_bg"),
    ("error", "window"),
    ("error", "surface"),
    ("success", "window"),
]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize(("fg", "bg"), READABLE_PAIRS, ids=[f"{f}-on-{b}" for f, b in READABLE_PAIRS])
def test_text_is_readable(dark: bool, fg: str, bg: str) -> None:
    table = colours(dark)
    assert contrast(table[fg], table[bg]) >= 4.5, (table[fg], table[bg])


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_disabled_buttons_are_still_legible(dark: bool) -> None:
    table = colours(dark)
    assert contrast(table["disabled_text"], table["disabled_bg"]) >= 2.0
    assert contrast(table["primary_disabled_text"], table["primary_disabled_bg"]) >= 2.5


def test_a_toned_label_takes_its_colour_from_the_theme(qtbot) -> None:
    from careervp_desktop.ui.style import set_tone, stylesheet

    windows = []  # both alive at once: Qt caches a parsed sheet by widget address, and a reused one can go stale
    for dark in (False, True):
        window = QWidget()
        qtbot.addWidget(window)
        windows.append(window)
        window.setStyleSheet(stylesheet(dark))
        label = QLabel("Could not connect", window)
        set_tone(label, "error")
        label.ensurePolished()
        assert label.palette().color(QPalette.ColorRole.WindowText) == QColor(colours(dark)["error"])
        set_tone(label, "success")
        assert label.palette().color(QPalette.ColorRole.WindowText) == QColor(colours(dark)["success"])
