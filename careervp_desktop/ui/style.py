"""The look: a light Fusion palette and one stylesheet for the main window."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

ACCENT = "#2f5fd0"
ACCENT_DARK = "#2449a8"

STYLESHEET = f"""
QMainWindow, #paneTabs > QStackedWidget > QWidget {{ background: #ffffff; }}
#sidebar {{ background: #f4f6f9; border-right: 1px solid #e3e6ec; }}
#sidebarHeading {{ color: #1f2430; padding-left: 6px; }}
#applicationList {{ background: transparent; outline: 0; }}
#applicationListEmpty {{ color: #7a8190; padding: 20px; }}
#paneTitle {{ color: #1f2430; }}
#paneSubtitle {{ color: #6b7280; }}
#fieldLabel {{ color: #3a4252; font-weight: 600; }}
#emptyStateTitle {{ color: #1f2430; }}
#emptyStateHint {{ color: #6b7280; }}
QLineEdit, QPlainTextEdit#jobTextEdit {{
    border: 1px solid #d3d8e0; border-radius: 6px; padding: 6px 8px; background: #ffffff;
    selection-background-color: {ACCENT};
}}
QLineEdit:focus, QPlainTextEdit#jobTextEdit:focus {{ border: 1px solid {ACCENT}; }}
QPushButton {{
    border: 1px solid #cfd5de; border-radius: 6px; padding: 6px 14px; background: #ffffff; color: #1f2430;
}}
QPushButton:hover {{ background: #f1f4f9; }}
QPushButton:pressed {{ background: #e6ebf3; }}
QPushButton:disabled {{ color: #a3a9b4; background: #f6f7f9; }}
QPushButton[primary="true"] {{
    background: {ACCENT}; border: 1px solid {ACCENT_DARK}; color: #ffffff; font-weight: 600;
}}
QPushButton[primary="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[primary="true"]:disabled {{ background: #9fb3e6; border-color: #9fb3e6; }}
QTabWidget::pane {{ border: none; border-top: 1px solid #e3e6ec; }}
QTabBar::tab {{
    padding: 8px 14px; margin: 0; border: none; border-bottom: 2px solid transparent; color: #5b6474;
}}
QTabBar::tab:selected {{ color: #1f2430; border-bottom: 2px solid {ACCENT}; }}
QTabBar::tab:hover:!selected {{ color: #1f2430; background: #f4f6f9; }}
QToolBar {{ background: #ffffff; border: none; border-bottom: 1px solid #e3e6ec; spacing: 4px; padding: 4px 8px; }}
QToolBar QToolButton {{ padding: 5px 8px; border-radius: 6px; color: #1f2430; }}
QToolBar QToolButton:hover {{ background: #eef1f6; }}
QToolBar QToolButton:disabled {{ color: #a3a9b4; }}
QStatusBar {{ background: #f4f6f9; border-top: 1px solid #e3e6ec; color: #5b6474; }}
QStatusBar::item {{ border: none; }}
#statusLabel {{ color: #5b6474; padding: 0 8px; }}
#progressBanner {{ background: #eef3fd; border-bottom: 1px solid #d5e0f8; }}
#progressLabel {{ color: #1f2430; font-weight: 600; }}
QProgressBar {{ border: none; border-radius: 4px; background: #d5e0f8; }}
QProgressBar::chunk {{ border-radius: 4px; background: {ACCENT}; }}
QToolButton[level="ok"] {{
    color: #1d7a46; background: #e6f4ec; border: 1px solid #bfe3cd; border-radius: 12px; padding: 3px 10px;
}}
QToolButton[level="warning"] {{
    color: #8a5408; background: #fdf1dc; border: 1px solid #f3d9a6; border-radius: 12px; padding: 3px 10px;
}}
QToolButton[level="critical"] {{
    color: #b42318; background: #fde8e6; border: 1px solid #f5c2bd; border-radius: 12px; padding: 3px 10px;
}}
/* pressed (panel open): a stronger border, same metrics (bold text would outgrow the button and be clipped) */
QToolButton[level="ok"]:checked {{ background: #d3ecdd; border-color: #1d7a46; }}
QToolButton[level="warning"]:checked {{ background: #fae3ba; border-color: #8a5408; }}
QToolButton[level="critical"]:checked {{ background: #fbd5d1; border-color: #b42318; }}
QSplitter::handle {{ background: #e3e6ec; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QSplitter::handle:vertical {{ height: 1px; }}
#jobAnalysisPanel, #jobAnalysisView {{ background: #fafbfc; }}
#cvScroll, #cvDesk {{ background: #f1f3f6; }}
#cvPage {{ background: transparent; }}
QFrame[card="true"] {{ background: #ffffff; border: 1px solid #e1e5eb; border-radius: 10px; }}
QFrame[card="true"] QLabel {{ background: transparent; border: none; }}
#cvSectionHeading {{ color: #1f2430; padding-left: 2px; }}
#sectionEmpty {{ color: #7a8190; padding: 2px 2px 4px 2px; }}
#cardTitle {{ color: #7a8190; font-weight: 600; }}
QLabel[caption="true"] {{ color: #6b7280; }}
#cardError {{ color: #b42318; }}
QTextEdit[cvField="true"] {{
    border: 1px solid #d3d8e0; border-radius: 6px; padding: 2px 4px; background: #ffffff;
    selection-background-color: {ACCENT};
}}
QTextEdit[cvField="true"]:focus {{ border: 1px solid {ACCENT}; }}
QLineEdit:disabled {{ background: #f6f7f9; color: #8a8f99; }}
QLineEdit[missing="true"], QTextEdit[missing="true"] {{ border: 1px solid #e3a33b; background: #fffaf0; }}
QLineEdit[missing="true"]:focus {{ border: 1px solid #c7820f; }}
QLineEdit[invalid="true"] {{ border: 1px solid #d92d20; background: #fff5f4; }}
QToolButton[cardTool="true"] {{ border: none; border-radius: 5px; padding: 3px; background: transparent; }}
QToolButton[cardTool="true"]:hover {{ background: #eef1f6; }}
QToolButton[cardTool="true"]:disabled {{ background: transparent; }}
QPushButton[flat="true"] {{
    border: 1px solid transparent; background: transparent; color: {ACCENT}; font-weight: 600;
}}
QPushButton[flat="true"]:hover {{ background: #e6edfb; }}
#cvMissingBanner {{ background: #fdf5e6; border-bottom: 1px solid #f3d9a6; }}
#cvMissingText {{ color: #6b4506; }}
#cvUndoBar {{ background: #eef1f6; border-bottom: 1px solid #e3e6ec; }}
#cvSaveStatus {{ color: #7a8190; }}
#cvSaveStatus[level="busy"] {{ color: #7a8190; font-style: italic; }}
#cvSaveStatus[level="error"] {{ color: #b42318; font-weight: 600; }}
"""


def light_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#ffffff",
        QPalette.ColorRole.WindowText: "#1f2430",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f6f7f9",
        QPalette.ColorRole.Text: "#1f2430",
        QPalette.ColorRole.Button: "#ffffff",
        QPalette.ColorRole.ButtonText: "#1f2430",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#1f2430",
        QPalette.ColorRole.ToolTipText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#9aa1ad",
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#a3a9b4"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#a3a9b4"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#a3a9b4"))
    return palette
