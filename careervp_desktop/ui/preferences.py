"""Settings ▸ General: theme, UI language, offline-only, default paper for exports, data folder.

What the main window needs (the whole API):

- `load_preferences() -> Preferences` / `save_preferences(prefs)` — the per-machine store (`preferences.ini` in the
  platform config folder, `$CAREERVP_CONFIG_DIR` overrides; see `careervp_desktop.storage.preferences`). Never
  raises on a missing or corrupt file (defaults).
- `Preferences` (frozen): `.theme` ("system"/"light"/"dark"), `.language` ("system"/"en"/"he"), `.offline_only`
  (bool: never call Claude, even with a key), `.page_size` ("region"/"A4"/"Letter") and `.export_page_size` (what
  `workflow.export_package(page_size=)` takes: "A4", "Letter" or None = by locale), `.data_dir` (Path | None;
  `storage.paths.default_data_dir()` already honours it, after `$CAREERVP_DATA_DIR`).
- `apply_theme(app, mode) -> bool` — the palette on the QApplication, the themed stylesheet swapped on every
  window that set one on itself (`style.window_stylesheet()` gives a new window the right one); "system"
  follows the OS live.
- `PreferencesDialog(prefs, parent, data_dir=...)` — objectName `generalSettings`. Save writes the file, applies
  the theme and emits `sig_saved(Preferences)`, then closes; `.preferences()` is what the controls say.

The UI language (English or Hebrew, `ui.i18n`) is applied once at start-up, before any window is built: a change
here takes effect the next time CareerVP starts, and the dialog says so as soon as the choice differs from the
language in use. "System" means Hebrew when the OS language is Hebrew, else English. Each language is listed in
its own name.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careervp_desktop.storage.paths import DATA_DIR_ENV, DATABASE_FILE_NAME, default_data_dir, platform_data_dir
from careervp_desktop.storage.preferences import (
    LANGUAGE_CHOICES,
    PAGE_SIZE_CHOICES,
    THEME_MODES,
    LanguageChoice,
    PageSizeChoice,
    Preferences,
    ThemeMode,
    load_preferences,
    preferences_path,
    save_preferences,
)
from careervp_desktop.ui import i18n
from careervp_desktop.ui.i18n import LANGUAGE_NAMES, tr
from careervp_desktop.ui.style import apply_theme, set_tone

__all__ = [
    "Preferences",
    "PreferencesDialog",
    "apply_theme",
    "load_preferences",
    "save_preferences",
]


def theme_labels() -> dict[ThemeMode, str]:
    return {"system": tr("Same as the system"), "light": tr("Light"), "dark": tr("Dark")}


def language_labels() -> dict[LanguageChoice, str]:
    """Each language in its own name; "system" in the UI language, naming the one it stands for."""
    return {
        "system": tr("Same as the system ({language})").format(language=LANGUAGE_NAMES[i18n.resolve("system")]),
        "en": LANGUAGE_NAMES["en"],
        "he": LANGUAGE_NAMES["he"],
    }


def _page_size_labels() -> dict[PageSizeChoice, str]:
    from careervp_desktop.export.page import default_page_size

    return {
        "region": tr("From my region (here: {size})").format(size=default_page_size()),
        "A4": tr("A4 (210 × 297 mm)"),
        "Letter": tr("US Letter (8.5 × 11 in)"),
    }


def _control(widget: QWidget, object_name: str, accessible_name: str, tooltip: str) -> None:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    widget.setToolTip(tooltip)


class PreferencesDialog(QDialog):
    """Settings ▸ General. Save writes `preferences.ini`, applies the theme, emits `sig_saved`; Cancel changes
    nothing.

    `data_dir` is the folder the open library lives in (the window's; default: `default_data_dir()`)."""

    sig_saved = Signal(object)  # Preferences, once written and the theme applied

    def __init__(self, prefs: Preferences, parent: QWidget | None = None, *, data_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generalSettings")
        self.setWindowTitle(tr("General settings"))
        self._initial = prefs
        self._in_use = data_dir if data_dir is not None else default_data_dir()
        self._chosen_dir: Path | None = prefs.data_dir

        self.theme_combo = QComboBox()
        _control(
            self.theme_combo,
            "themeCombo",
            tr("Theme"),
            tr("Light or dark colours; 'Same as the system' follows your computer's dark mode as it changes."),
        )
        for mode, label in theme_labels().items():
            self.theme_combo.addItem(label, mode)
        self.theme_combo.setCurrentIndex(THEME_MODES.index(prefs.theme))

        self.language_combo = QComboBox()
        _control(
            self.language_combo,
            "languageCombo",
            tr("Language"),
            tr("The language of menus, buttons and messages. Documents keep their own language."),
        )
        for code, label in language_labels().items():
            self.language_combo.addItem(label, code)
        self.language_combo.setCurrentIndex(LANGUAGE_CHOICES.index(prefs.language))
        self.language_note = QLabel()
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        self._show_language_note()

        self.offline_only_check = QCheckBox(tr("Offline only: never send anything to Claude"))
        _control(
            self.offline_only_check,
            "offlineOnlyCheck",
            tr("Offline only"),
            tr(
                "Every document is drafted on this computer by the offline engine, even when an API key is set.\n"
                "Nothing leaves your computer and nothing is charged."
            ),
        )
        self.offline_only_check.setChecked(prefs.offline_only)

        self.page_size_combo = QComboBox()
        _control(
            self.page_size_combo,
            "pageSizeCombo",
            tr("Default paper size"),
            tr(
                "The paper of exported DOCX and PDF files. 'From my region' uses Letter in the US, Canada and the "
                "other Letter countries, A4 everywhere else."
            ),
        )
        for choice, label in _page_size_labels().items():
            self.page_size_combo.addItem(label, choice)
        self.page_size_combo.setCurrentIndex(PAGE_SIZE_CHOICES.index(prefs.page_size))

        self.data_folder_label = QLabel()
        _control(
            self.data_folder_label,
            "dataFolderLabel",
            tr("Data folder"),
            tr("The folder that holds your library (careervp.db) and the log."),
        )
        self.data_folder_label.setWordWrap(True)
        self.data_folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_data_folder_button = QPushButton(tr("Open folder"))
        _control(
            self.open_data_folder_button,
            "openDataFolderButton",
            tr("Open data folder"),
            tr("Show the data folder in your file manager."),
        )
        self.change_data_folder_button = QPushButton(tr("Change…"))
        _control(
            self.change_data_folder_button,
            "changeDataFolderButton",
            tr("Change data folder"),
            tr("Choose another folder for your library; CareerVP uses it from its next start."),
        )
        self.reset_data_folder_button = QPushButton(tr("Use the default"))
        _control(
            self.reset_data_folder_button,
            "resetDataFolderButton",
            tr("Use the default data folder"),
            tr("Go back to the standard folder: {folder}").format(folder=platform_data_dir()),
        )
        self.data_folder_note = QLabel()
        _control(
            self.data_folder_note,
            "dataFolderNote",
            tr("About the data folder"),
            tr("What changing the data folder does."),
        )
        self.data_folder_note.setWordWrap(True)
        self.data_folder_note.setProperty("tone", "muted")

        folder_buttons = QHBoxLayout()
        folder_buttons.setContentsMargins(0, 0, 0, 0)
        folder_buttons.addWidget(self.open_data_folder_button)
        folder_buttons.addWidget(self.change_data_folder_button)
        folder_buttons.addWidget(self.reset_data_folder_button)
        folder_buttons.addStretch()
        folder_box = QVBoxLayout()
        folder_box.setContentsMargins(0, 0, 0, 0)
        folder_box.addWidget(self.data_folder_label)
        folder_box.addLayout(folder_buttons)
        folder_box.addWidget(self.data_folder_note)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        language_box = QVBoxLayout()
        language_box.setContentsMargins(0, 0, 0, 0)
        language_box.addWidget(self.language_combo)
        language_box.addWidget(self.language_note)
        form.addRow(self._buddy(tr("&Theme:"), self.theme_combo), self.theme_combo)
        form.addRow(self._buddy(tr("&Language:"), self.language_combo), language_box)
        form.addRow(tr("Writing:"), self.offline_only_check)
        form.addRow(self._buddy(tr("&Paper size:"), self.page_size_combo), self.page_size_combo)
        form.addRow(tr("Data folder:"), folder_box)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("generalSettingsButtons")
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setObjectName("saveGeneralSettingsButton")
        save.setToolTip(tr("Save (in {path})").format(path=preferences_path()))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

        self.open_data_folder_button.clicked.connect(self._on_open_folder)
        self.change_data_folder_button.clicked.connect(self._on_change_folder)
        self.reset_data_folder_button.clicked.connect(self._on_reset_folder)
        self.language_combo.currentIndexChanged.connect(self._show_language_note)
        self._show_folder()

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    # ------------------------------------------------------------------ values
    def preferences(self) -> Preferences:
        """What the controls say now (saved or not)."""
        theme: ThemeMode = THEME_MODES[max(0, self.theme_combo.currentIndex())]
        page_size: PageSizeChoice = PAGE_SIZE_CHOICES[max(0, self.page_size_combo.currentIndex())]
        language: LanguageChoice = LANGUAGE_CHOICES[max(0, self.language_combo.currentIndex())]
        return Preferences(
            theme=theme,
            language=language,
            offline_only=self.offline_only_check.isChecked(),
            page_size=page_size,
            data_dir=self._chosen_dir,
        )

    def next_data_dir(self) -> Path:
        """The folder the library will be in at the next start (ignoring `--data-dir`)."""
        override = os.environ.get(DATA_DIR_ENV, "").strip()
        if override:
            return Path(override).expanduser()
        return self._chosen_dir if self._chosen_dir is not None else platform_data_dir()

    # ------------------------------------------------------------------ language
    @Slot()
    def _show_language_note(self) -> None:
        """The language applies at the next start: say so, louder once the choice differs from the one in use."""
        choice = LANGUAGE_CHOICES[max(0, self.language_combo.currentIndex())]
        if i18n.resolve(choice) != i18n.language():
            self.language_note.setText(
                tr("Takes effect the next time CareerVP starts: restart CareerVP to see it in {language}.").format(
                    language=LANGUAGE_NAMES[i18n.resolve(choice)]
                )
            )
            set_tone(self.language_note, "notice")
        else:
            self.language_note.setText(tr("Takes effect the next time CareerVP starts."))
            set_tone(self.language_note, "muted")

    # ------------------------------------------------------------------ data folder
    def _show_folder(self) -> None:
        self.data_folder_label.setText(str(self._in_use))
        notes: list[str] = []
        upcoming = self.next_data_dir()
        if os.environ.get(DATA_DIR_ENV, "").strip():
            notes.append(
                tr(
                    "{variable} is set, so it decides the folder ({folder}); the folder chosen here is used when "
                    "it is not set."
                ).format(variable=DATA_DIR_ENV, folder=upcoming)
            )
        elif upcoming != self._in_use:
            holds = (upcoming / DATABASE_FILE_NAME).exists()
            notes.append(tr("From the next start: {folder}.").format(folder=upcoming))
            notes.append(
                tr("That folder already holds a library: it is the one that will open.")
                if holds
                else tr("It starts with an empty library.")
            )
            notes.append(
                tr(
                    "Your current library stays where it is (nothing is moved or deleted); to take it along, use "
                    "File ▸ Back up library… now, then File ▸ Restore from backup… after restarting."
                )
            )
        else:
            notes.append(tr("A new folder takes effect the next time CareerVP starts."))
        self.data_folder_note.setText(" ".join(notes))
        self.reset_data_folder_button.setEnabled(self._chosen_dir is not None)

    def ask_folder(self) -> str:
        """The folder picker (a method so tests can answer it)."""
        start = str(self._chosen_dir or self._in_use)
        return QFileDialog.getExistingDirectory(self, tr("Choose the data folder"), start)

    @Slot()
    def _on_change_folder(self) -> None:
        answer = self.ask_folder()
        if not answer:
            return
        folder = Path(answer).expanduser().resolve()
        if not os.access(folder, os.W_OK):
            QMessageBox.warning(
                self,
                tr("Data folder"),
                tr("CareerVP cannot write to {folder}.\n\nChoose a folder you can write to.").format(folder=folder),
            )
            return
        self._chosen_dir = None if folder == platform_data_dir() else folder
        self._show_folder()

    @Slot()
    def _on_reset_folder(self) -> None:
        self._chosen_dir = None
        self._show_folder()

    @Slot()
    def _on_open_folder(self) -> None:
        self._in_use.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._in_use)))

    # ------------------------------------------------------------------ saving
    def accept(self) -> None:
        prefs = self.preferences()
        try:
            save_preferences(prefs)
        except OSError as exc:
            QMessageBox.warning(
                self,
                tr("General settings"),
                tr("The settings could not be saved in {path}:\n{error}").format(
                    path=preferences_path(), error=exc.strerror or exc
                ),
            )
            return
        app = QApplication.instance()
        if isinstance(app, QApplication) and prefs.theme != self._initial.theme:
            apply_theme(app, prefs.theme)
        self._initial = prefs
        self.sig_saved.emit(prefs)
        super().accept()
