"""The look: a light and a dark theme (Fusion palette + one stylesheet template, two colour tables), and the
switch between them, "system" following the OS dark mode live.

API:
- `apply_theme(app, mode)` — mode "system" | "light" | "dark": sets the app's palette and swaps the themed
  stylesheet on every widget that carries one; "system" follows `QStyleHints.colorScheme()` and its
  `colorSchemeChanged` signal until another mode is applied. Returns whether the theme now applied is dark.
- `window_stylesheet()` — the sheet a main window sets on itself (that of the theme applied; light by default).
- `stylesheet(dark)`, `light_palette()`, `dark_palette()`, `colours(dark)` — the pieces; `STYLESHEET` is the
  light sheet (kept for callers that set it on a widget).
- `is_dark(palette)` — whether a palette (e.g. a delegate's `option.palette`) is the dark one; `theme_colours(
  palette)` the colour table that goes with it, for code that paints by hand.
- `make_page(area)` — a document area (QTextBrowser/QPlainTextEdit) as white paper on a themed desk: generated
  documents keep their print colours in both themes.

Rendered documents (artifact_html) stay paper-white in the dark theme; everything around them follows it.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QWidget

ThemeMode = Literal["system", "light", "dark"]

ACCENT = "#2f5fd0"
ACCENT_DARK = "#2449a8"
PAPER = "#ffffff"  # documents are shown as printed, in both themes
INK = "#1f2430"

# One entry per role of the stylesheet template; the light values are the original look.
_LIGHT: dict[str, str] = {
    "window": "#ffffff",  # main window, panes, tool bar
    "surface": "#ffffff",  # inputs, buttons, cards
    "base": "#ffffff",  # the palette's Base: text areas, lists, check boxes
    "sidebar": "#f4f6f9",  # sidebar, status bar, hovered tab
    "border": "#e3e6ec",
    "card_border": "#e1e5eb",
    "input_border": "#d3d8e0",
    "button_border": "#cfd5de",
    "button_hover": "#f1f4f9",
    "button_pressed": "#e6ebf3",
    "hover": "#eef1f6",  # tool buttons, undo bar
    "text": "#1f2430",
    "label": "#3a4252",
    "secondary": "#5b6474",  # tabs, status bar
    "muted": "#6b7280",
    "faint": "#5f6674",  # was #7a8190: 3.6:1 on the sidebar, too faint to read
    "disabled_text": "#a3a9b4",
    "disabled_bg": "#f6f7f9",
    "disabled_input_text": "#8a8f99",
    "accent": ACCENT,
    "accent_strong": ACCENT_DARK,  # primary button border / hover
    "accent_text": ACCENT,  # links and flat buttons: accent readable as text
    "on_accent": "#ffffff",
    "primary_disabled_bg": "#dfe6f7",
    "primary_disabled_text": "#7d8aa8",
    "flat_hover": "#e6edfb",
    "banner": "#eef3fd",
    "banner_border": "#d5e0f8",
    "ok_fg": "#1d7a46",
    "ok_bg": "#e6f4ec",
    "ok_border": "#bfe3cd",
    "ok_checked": "#d3ecdd",
    "warning_fg": "#8a5408",
    "warning_bg": "#fdf1dc",
    "warning_border": "#f3d9a6",
    "warning_checked": "#fae3ba",
    "critical_fg": "#b42318",
    "critical_bg": "#fde8e6",
    "critical_border": "#f5c2bd",
    "critical_checked": "#fbd5d1",
    "panel": "#fafbfc",  # the job analysis side panel
    "desk": "#f1f3f6",  # around pages and CV cards
    "missing_border": "#e3a33b",
    "missing_bg": "#fffaf0",
    "missing_focus": "#c7820f",
    "invalid_border": "#d92d20",
    "invalid_bg": "#fff5f4",
    "notice_bg": "#fdf5e6",  # the CV's "missing fields" banner
    "notice_text": "#6b4506",
    "error": "#b42318",
    "success": "#15803d",
    "selection": "#dfe8fc",  # the selected application in the list
}

_DARK: dict[str, str] = {
    "window": "#1e2128",
    "surface": "#262a33",
    "base": "#2e333e",  # lighter than cards, so an unchecked check box still shows
    "sidebar": "#181b21",
    "border": "#343944",
    "card_border": "#3a404b",
    "input_border": "#454b58",
    "button_border": "#4a5160",
    "button_hover": "#30353f",
    "button_pressed": "#383e4a",
    "hover": "#2c313b",
    "text": "#e6e9ef",
    "label": "#ccd2dc",
    "secondary": "#aab2c0",
    "muted": "#a0a8b6",
    "faint": "#9ba3b1",
    "disabled_text": "#6c7382",
    "disabled_bg": "#23262d",
    "disabled_input_text": "#7d8494",
    "accent": "#3d6ee0",
    "accent_strong": "#5a86ec",
    "accent_text": "#8fb1ff",
    "on_accent": "#ffffff",
    "primary_disabled_bg": "#283249",
    "primary_disabled_text": "#7f8aa3",
    "flat_hover": "#243150",
    "banner": "#1d2842",
    "banner_border": "#2f4270",
    "ok_fg": "#74d69f",
    "ok_bg": "#173526",
    "ok_border": "#285a3f",
    "ok_checked": "#1f4732",
    "warning_fg": "#f2bd68",
    "warning_bg": "#382a12",
    "warning_border": "#634a1d",
    "warning_checked": "#4a3817",
    "critical_fg": "#ff958b",
    "critical_bg": "#3d1c1a",
    "critical_border": "#6e2d28",
    "critical_checked": "#512421",
    "panel": "#1b1e24",
    "desk": "#15171c",
    "missing_border": "#c98a2a",
    "missing_bg": "#2e2616",
    "missing_focus": "#e3a33b",
    "invalid_border": "#e5534b",
    "invalid_bg": "#361d1c",
    "notice_bg": "#33290f",
    "notice_text": "#f0c674",
    "error": "#ff958b",
    "success": "#74d69f",
    "selection": "#263458",
}

_TEMPLATE = """
QMainWindow, #paneTabs > QStackedWidget > QWidget {{ background: {window}; }}
#sidebar {{ background: {sidebar}; border-right: 1px solid {border}; }}
#sidebarHeading {{ color: {text}; padding-left: 6px; }}
#applicationList {{ background: transparent; outline: 0; }}
#applicationListEmpty {{ color: {faint}; padding: 20px; }}
#paneTitle {{ color: {text}; }}
#paneSubtitle {{ color: {muted}; }}
#fieldLabel {{ color: {label}; font-weight: 600; }}
#emptyStateTitle {{ color: {text}; }}
#emptyStateHint {{ color: {muted}; }}
QLineEdit, QPlainTextEdit#jobTextEdit {{
    border: 1px solid {input_border}; border-radius: 6px; padding: 6px 8px; background: {surface};
    selection-background-color: {accent};
}}
QLineEdit:focus, QPlainTextEdit#jobTextEdit:focus {{ border: 1px solid {accent}; }}
QPushButton {{
    border: 1px solid {button_border}; border-radius: 6px; padding: 6px 14px; background: {surface}; color: {text};
}}
QPushButton:hover {{ background: {button_hover}; }}
QPushButton:pressed {{ background: {button_pressed}; }}
QPushButton:disabled {{ color: {disabled_text}; background: {disabled_bg}; }}
QPushButton[primary="true"] {{
    background: {accent}; border: 1px solid {accent_strong}; color: {on_accent}; font-weight: 600;
}}
QPushButton[primary="true"]:hover {{ background: {accent_strong}; }}
QPushButton[primary="true"]:disabled {{
    background: {primary_disabled_bg}; border-color: {primary_disabled_bg}; color: {primary_disabled_text};
}}
QTabWidget::pane {{ border: none; border-top: 1px solid {border}; }}
QTabBar::tab {{
    padding: 8px 14px; margin: 0; border: none; border-bottom: 2px solid transparent; color: {secondary};
}}
QTabBar::tab:selected {{ color: {text}; border-bottom: 2px solid {accent}; }}
QTabBar::tab:hover:!selected {{ color: {text}; background: {sidebar}; }}
QToolBar {{ background: {window}; border: none; border-bottom: 1px solid {border}; spacing: 4px; padding: 4px 8px; }}
QToolBar QToolButton {{ padding: 5px 8px; border-radius: 6px; color: {text}; }}
QToolBar QToolButton:hover {{ background: {hover}; }}
QToolBar QToolButton:disabled {{ color: {disabled_text}; }}
QStatusBar {{ background: {sidebar}; border-top: 1px solid {border}; color: {secondary}; }}
QStatusBar::item {{ border: none; }}
#statusLabel {{ color: {secondary}; padding: 0 8px; }}
#progressBanner {{ background: {banner}; border: 1px solid {banner_border}; border-radius: 8px; }}
#progressLabel {{ color: {text}; font-weight: 600; }}
QProgressBar {{ border: none; border-radius: 4px; background: {banner_border}; }}
QProgressBar::chunk {{ border-radius: 4px; background: {accent}; }}
QToolButton[level="ok"] {{
    color: {ok_fg}; background: {ok_bg}; border: 1px solid {ok_border}; border-radius: 12px; padding: 3px 10px;
}}
QToolButton[level="warning"] {{
    color: {warning_fg}; background: {warning_bg}; border: 1px solid {warning_border}; border-radius: 12px;
    padding: 3px 10px;
}}
QToolButton[level="critical"] {{
    color: {critical_fg}; background: {critical_bg}; border: 1px solid {critical_border}; border-radius: 12px;
    padding: 3px 10px;
}}
/* pressed (panel open): a stronger border, same metrics (bold text would outgrow the button and be clipped) */
QToolButton[level="ok"]:checked {{ background: {ok_checked}; border-color: {ok_fg}; }}
QToolButton[level="warning"]:checked {{ background: {warning_checked}; border-color: {warning_fg}; }}
QToolButton[level="critical"]:checked {{ background: {critical_checked}; border-color: {critical_fg}; }}
QLabel[state] {{ border-radius: 10px; padding: 2px 9px; font-size: 11px; font-weight: 600; }}
QLabel[state="not_started"] {{ color: {muted}; border: 1px dashed {button_border}; }}
QLabel[state="draft"] {{ color: {secondary}; background: {sidebar}; border: 1px solid {button_border}; }}
QLabel[state="edited"] {{ color: {accent_text}; background: {banner}; border: 1px solid {banner_border}; }}
QLabel[state="final"] {{ color: {ok_fg}; background: {ok_bg}; border: 1px solid {ok_border}; }}
#generateHint {{ color: {warning_fg}; }}
#streamPreview {{ color: {secondary}; font-style: italic; }}
QSplitter::handle {{ background: {border}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QSplitter::handle:vertical {{ height: 1px; }}
QFrame#rule {{ background: {border}; }}
#jobAnalysisPanel {{ background: {panel}; }}
#jobAnalysisView {{ background: {paper_soft}; color: {ink}; }}
#cvScroll, #cvDesk {{ background: {desk}; }}
#cvPage {{ background: transparent; }}
QFrame[card="true"] {{ background: {surface}; border: 1px solid {card_border}; border-radius: 10px; }}
QFrame[card="true"] QLabel {{ background: transparent; border: none; }}
#cvSectionHeading {{ color: {text}; padding-left: 2px; }}
#sectionEmpty {{ color: {faint}; padding: 2px 2px 4px 2px; }}
#cardTitle {{ color: {faint}; font-weight: 600; }}
QLabel[caption="true"] {{ color: {muted}; }}
#cardError {{ color: {error}; }}
QTextEdit[cvField="true"] {{
    border: 1px solid {input_border}; border-radius: 6px; padding: 2px 4px; background: {surface};
    selection-background-color: {accent};
}}
QTextEdit[cvField="true"]:focus {{ border: 1px solid {accent}; }}
QLineEdit:disabled {{ background: {disabled_bg}; color: {disabled_input_text}; }}
QLineEdit[missing="true"], QTextEdit[missing="true"] {{ border: 1px solid {missing_border}; background: {missing_bg}; }}
QLineEdit[missing="true"]:focus {{ border: 1px solid {missing_focus}; }}
QLineEdit[invalid="true"] {{ border: 1px solid {invalid_border}; background: {invalid_bg}; }}
QToolButton[cardTool="true"] {{ border: none; border-radius: 5px; padding: 3px; background: transparent; }}
QToolButton[cardTool="true"]:hover {{ background: {hover}; }}
QToolButton[cardTool="true"]:disabled {{ background: transparent; }}
QPushButton[flat="true"] {{
    border: 1px solid transparent; background: transparent; color: {accent_text}; font-weight: 600;
}}
QPushButton[flat="true"]:hover {{ background: {flat_hover}; }}
#cvMissingBanner {{ background: {notice_bg}; border-bottom: 1px solid {warning_border}; }}
#cvMissingText {{ color: {notice_text}; }}
#cvUndoBar {{ background: {hover}; border-bottom: 1px solid {border}; }}
#cvSaveStatus {{ color: {faint}; }}
#cvSaveStatus[level="busy"] {{ color: {faint}; font-style: italic; }}
#cvSaveStatus[level="error"] {{ color: {error}; font-weight: 600; }}
QLabel[badge="critical"], QLabel[badge="warning"], QLabel[badge="neutral"] {{
    border-radius: 9px; padding: 1px 8px; font-weight: 600;
}}
QLabel[badge="critical"] {{ color: {critical_fg}; background: {critical_bg}; }}
QLabel[badge="warning"] {{ color: {warning_fg}; background: {warning_bg}; }}
QLabel[badge="neutral"] {{ color: {secondary}; background: {hover}; }}
QLabel[tone="muted"] {{ color: {muted}; }}
QLabel[tone="secondary"] {{ color: {secondary}; }}
QLabel[tone="error"] {{ color: {error}; }}
QLabel[tone="success"] {{ color: {success}; }}
QLabel[tone="notice"] {{ color: {warning_fg}; }}
QLabel[tone="accent"] {{ color: {accent_text}; }}
"""


def set_tone(label: QLabel, tone: str) -> None:
    """Colour a label's text by role ("muted", "secondary", "error", "success", "notice", "accent"; "" = plain):
    the theme's stylesheet paints it, so it follows theme switches."""
    if label.property("tone") == tone:
        return
    label.setProperty("tone", tone)
    label.style().unpolish(label)
    label.style().polish(label)


def colours(dark: bool) -> MappingProxyType[str, str]:
    """The colour table of a theme (read-only): role name → "#rrggbb"."""
    return MappingProxyType(_DARK if dark else _LIGHT)


def stylesheet(dark: bool) -> str:
    """The application stylesheet of the light or the dark theme (one template, two colour tables)."""
    return _TEMPLATE.format(paper_soft="#fafbfc", ink=INK, **(_DARK if dark else _LIGHT))


STYLESHEET = stylesheet(False)
DARK_STYLESHEET = stylesheet(True)

_PALETTE_ROLES = {  # role -> colour-table entry
    QPalette.ColorRole.Window: "window",
    QPalette.ColorRole.WindowText: "text",
    QPalette.ColorRole.Base: "base",
    QPalette.ColorRole.Text: "text",
    QPalette.ColorRole.Button: "surface",
    QPalette.ColorRole.ButtonText: "text",
    QPalette.ColorRole.Highlight: "accent",
    QPalette.ColorRole.HighlightedText: "on_accent",
    QPalette.ColorRole.Link: "accent_text",
}


def _palette(dark: bool) -> QPalette:
    table = _DARK if dark else _LIGHT
    # built from two colours, so every role is set (Fusion's bevels use Light/Mid/Dark/Shadow): nothing is left
    # to the platform's palette, which is dark in the OS dark mode even when the light theme is chosen
    palette = QPalette(QColor(table["surface"]), QColor(table["window"]))
    for role, name in _PALETTE_ROLES.items():
        palette.setColor(role, QColor(table[name]))
    extra = {
        QPalette.ColorRole.AlternateBase: "#2b303a" if dark else "#f6f7f9",
        QPalette.ColorRole.ToolTipBase: "#e6e9ef" if dark else "#1f2430",
        QPalette.ColorRole.ToolTipText: "#1f2430" if dark else "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#7d8596" if dark else "#9aa1ad",
        QPalette.ColorRole.LinkVisited: "#b9a3ff" if dark else "#6d3fc0",
        QPalette.ColorRole.BrightText: table["error"],
    }
    for role, colour in extra.items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(table["disabled_text"])
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def light_palette() -> QPalette:
    return _palette(False)


def dark_palette() -> QPalette:
    return _palette(True)


def is_dark(palette: QPalette) -> bool:
    """Whether `palette` is a dark one (its window darker than its text)."""
    return (
        palette.color(QPalette.ColorRole.Window).lightness() < palette.color(QPalette.ColorRole.WindowText).lightness()
    )


def theme_colours(palette: QPalette) -> MappingProxyType[str, str]:
    """The colour table that goes with `palette`: for delegates and other hand painting."""
    return colours(is_dark(palette))


# ------------------------------------------------------------------------------------------------ pages
_PAGE_PROPERTY = "careervpPage"


def make_page(area: QAbstractScrollArea) -> None:
    """Show a document area as white paper with dark ink on the theme's desk colour (the margins around a
    centred page). Pages follow later theme switches (`apply_theme` repaints them)."""
    area.setProperty(_PAGE_PROPERTY, True)
    _paint_page(area, is_dark(QGuiApplication.palette()))


def _paint_page(area: QWidget, dark: bool) -> None:
    palette = area.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(colours(dark)["desk"]))
    palette.setColor(QPalette.ColorRole.Base, QColor(PAPER))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#9aa1ad"))
    area.setPalette(palette)


# ------------------------------------------------------------------------------------------------ applying
_FOLLOWER_NAME = "careervpThemeFollower"


class _SystemSchemeFollower(QObject):
    """Re-applies the theme when the OS switches between light and dark (mode "system")."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(_FOLLOWER_NAME)
        self._app = app
        app.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    @Slot(Qt.ColorScheme)
    def _on_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        _apply(self._app, scheme == Qt.ColorScheme.Dark)

    def stop(self) -> None:
        self._app.styleHints().colorSchemeChanged.disconnect(self._on_scheme_changed)
        self.setParent(None)
        self.deleteLater()


def system_prefers_dark(app: QGuiApplication) -> bool:
    """Whether the OS is in dark mode (False when the platform does not say, e.g. offscreen)."""
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, mode: str) -> bool:
    """Apply theme `mode` ("system", "light" or "dark"; anything else counts as "system") to the whole application
    and return whether it is dark. "system" keeps following the OS until another mode is applied."""
    follower = app.findChild(_SystemSchemeFollower, _FOLLOWER_NAME)
    if mode in ("light", "dark"):
        if follower is not None:
            follower.stop()
        dark = mode == "dark"
        # native parts (title bars, file dialogs) follow where the platform supports it
        app.styleHints().setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    else:
        app.styleHints().unsetColorScheme()
        if follower is None:
            _SystemSchemeFollower(app)
        dark = system_prefers_dark(app)
    _apply(app, dark)
    return dark


def window_stylesheet() -> str:
    """The stylesheet for a main window to set on itself: the one of the theme now applied (light when none is).
    `apply_theme` swaps it on every widget that carries it."""
    return DARK_STYLESHEET if is_dark(QGuiApplication.palette()) else STYLESHEET


def _apply(app: QApplication, dark: bool) -> None:
    """The palette goes on the application (every widget and dialog); the stylesheet stays on the windows that set
    it on themselves (`window_stylesheet()`): an application-wide sheet styles every widget, which costs ~40 ms
    more when the main window opens. Dialogs parented to the window inherit its sheet."""
    sheet, other = (DARK_STYLESHEET, STYLESHEET) if dark else (STYLESHEET, DARK_STYLESHEET)
    app.setPalette(dark_palette() if dark else light_palette())
    if app.styleSheet() == other:
        app.setStyleSheet(sheet)
    for widget in app.allWidgets():
        if widget.styleSheet() == other:
            widget.setStyleSheet(sheet)
        if widget.property(_PAGE_PROPERTY):
            _paint_page(widget, dark)
