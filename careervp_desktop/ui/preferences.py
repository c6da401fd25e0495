"""Settings ▸ General: theme, offline-only, default paper for exports, data folder.

What the main window needs (the whole API):

- `load_preferences() -> Preferences` / `save_preferences(prefs)` — the per-machine store (`preferences.ini` in the
  platform config folder, `$CAREERVP_CONFIG_DIR` overrides; see `careervp_desktop.storage.preferences`). Never
  raises on a missing or corrupt file (defaults).
- `Preferences` (frozen): `.theme` ("system"/"light"/"dark"), `.offline_only` (bool: never call Claude, even with
  a key), `.page_size` ("region"/"A4"/"Letter") and `.export_page_size` (what `workflow.export_package(page_size=)`
  takes: "A4", "Letter" or None = by locale), `.data_dir` (Path | None; `storage.paths.default_data_dir()` already
  honours it, after `$CAREERVP_DATA_DIR`).
- `apply_theme(app, mode) -> bool` — the palette on the QApplication, the themed stylesheet swapped on every
  window that set one on itself (`style.window_stylesheet()` gives a new window the right one); "system"
  follows the OS live.
- `PreferencesDialog(prefs, parent, data_dir=...)` — objectName `generalSettings`. Save writes the file, applies
  the theme and emits `sig_saved(Preferences)`, then closes; `.preferences()` is what the controls say.

The UI is English only (no translations exist), so there is no language choice: a "System language" option that
changed nothing would be a lie.
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
    PAGE_SIZE_CHOICES,
    THEME_MODES,
    PageSizeChoice,
    Preferences,
    ThemeMode,
    load_preferences,
    preferences_path,
    save_preferences,
)
from careervp_desktop.ui.style import apply_theme

__all__ = [
    "Preferences",
    "PreferencesDialog",
    "apply_theme",
    "load_preferences",
    "save_preferences",
]

THEME_LABELS: dict[ThemeMode, str] = {"system": "Same as the system", "light": "Light", "dark": "Dark"}


def _page_size_labels() -> dict[PageSizeChoice, str]:
    from careervp_desktop.export.page import default_page_size

    return {
        "region": f"From my region (here: {default_page_size()})",
        "A4": "A4 (210 × 297 mm)",
        "Letter": "US Letter (8.5 × 11 in)",
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
        self.setWindowTitle("General settings")
        self._initial = prefs
        self._in_use = data_dir if data_dir is not None else default_data_dir()
        self._chosen_dir: Path | None = prefs.data_dir

        self.theme_combo = QComboBox()
        _control(
            self.theme_combo,
            "themeCombo",
            "Theme",
            "Light or dark colours; 'Same as the system' follows your computer's dark mode as it changes.",
        )
        for mode in THEME_MODES:
            self.theme_combo.addItem(THEME_LABELS[mode], mode)
        self.theme_combo.setCurrentIndex(THEME_MODES.index(prefs.theme))

        self.offline_only_check = QCheckBox("Offline only: never send anything to Claude")
        _control(
            self.offline_only_check,
            "offlineOnlyCheck",
            "Offline only",
            "Every document is drafted on this computer by the offline engine, even when an API key is set.\n"
            "Nothing leaves your computer and nothing is charged.",
        )
        self.offline_only_check.setChecked(prefs.offline_only)

        self.page_size_combo = QComboBox()
        _control(
            self.page_size_combo,
            "pageSizeCombo",
            "Default paper size",
            "The paper of exported DOCX and PDF files. 'From my region' uses Letter in the US, Canada and the other "
            "Letter countries, A4 everywhere else.",
        )
        for choice, label in _page_size_labels().items():
            self.page_size_combo.addItem(label, choice)
        self.page_size_combo.setCurrentIndex(PAGE_SIZE_CHOICES.index(prefs.page_size))

        self.data_folder_label = QLabel()
        _control(
            self.data_folder_label,
            "dataFolderLabel",
            "Data folder",
            "The folder that holds your library (careervp.db) and the log.",
        )
        self.data_folder_label.setWordWrap(True)
        self.data_folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_data_folder_button = QPushButton("Open folder")
        _control(
            self.open_data_folder_button,
            "openDataFolderButton",
            "Open data folder",
            "Show the data folder in your file manager.",
        )
        self.change_data_folder_button = QPushButton("Change…")
        _control(
            self.change_data_folder_button,
            "changeDataFolderButton",
            "Change data folder",
            "Choose another folder for your library; CareerVP uses it from its next start.",
        )
        self.reset_data_folder_button = QPushButton("Use the default")
        _control(
            self.reset_data_folder_button,
            "resetDataFolderButton",
            "Use the default data folder",
            f"Go back to the standard folder: {platform_data_dir()}",
        )
        self.data_folder_note = QLabel()
        _control(
            self.data_folder_note,
            "dataFolderNote",
            "About the data folder",
            "What changing the data folder does.",
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
        form.addRow(self._buddy("&Theme:", self.theme_combo), self.theme_combo)
        form.addRow("Writing:", self.offline_only_check)
        form.addRow(self._buddy("&Paper size:", self.page_size_combo), self.page_size_combo)
        form.addRow("Data folder:", folder_box)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("generalSettingsButtons")
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setObjectName("saveGeneralSettingsButton")
        save.setToolTip(f"Save (in {preferences_path()})")
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
        return Preferences(
            theme=theme,
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

    # ------------------------------------------------------------------ data folder
    def _show_folder(self) -> None:
        self.data_folder_label.setText(str(self._in_use))
        notes: list[str] = []
        upcoming = self.next_data_dir()
        if os.environ.get(DATA_DIR_ENV, "").strip():
            notes.append(
                f"{DATA_DIR_ENV} is set, so it decides the folder ({upcoming}); the folder chosen here is used "
                "when it is not set."
            )
        elif upcoming != self._in_use:
            holds = (upcoming / DATABASE_FILE_NAME).exists()
            notes.append(
                f"From the next start: {upcoming}. "
                + (
                    "That folder already holds a library: it is the one that will open. "
                    if holds
                    else "It starts with an empty library. "
                )
                + "Your current library stays where it is (nothing is moved or deleted); to take it along, use "
                "File ▸ Back up library… now, then File ▸ Restore from backup… after restarting."
            )
        else:
            notes.append("A new folder takes effect the next time CareerVP starts.")
        self.data_folder_note.setText(" ".join(notes))
        self.reset_data_folder_button.setEnabled(self._chosen_dir is not None)

    def ask_folder(self) -> str:
        """The folder picker (a method so tests can answer it)."""
        start = str(self._chosen_dir or self._in_use)
        return QFileDialog.getExistingDirectory(self, "Choose the data folder", start)

    @Slot()
    def _on_change_folder(self) -> None:
        answer = self.ask_folder()
        if not answer:
            return
        folder = Path(answer).expanduser().resolve()
        if not os.access(folder, os.W_OK):
            QMessageBox.warning(
                self, "Data folder", f"CareerVP cannot write to {folder}.\n\nChoose a folder you can write to."
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
                "General settings",
                f"The settings could not be saved in {preferences_path()}:\n{exc.strerror or exc}",
            )
            return
        app = QApplication.instance()
        if isinstance(app, QApplication) and prefs.theme != self._initial.theme:
            apply_theme(app, prefs.theme)
        self._initial = prefs
        self.sig_saved.emit(prefs)
        super().accept()
