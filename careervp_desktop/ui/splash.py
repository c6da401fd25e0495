"""The first thing on screen while CareerVP starts: a small card in the app's accent colour (right on light and
dark desktops alike, so no theme has to be read for it), shown ~100 ms after launch, before the main window's
modules (pydantic models, the fact check, the panes: ~250 ms) are even imported. It closes as soon as the main
window is on screen. Imports nothing but Qt and `ui.i18n` before the card is painted.

The UI language (and its right-to-left layout) is installed right after the card is on screen, before any window
is built (`install_language`; `main_window.run_gui` makes sure of it when there was no card). Not before: reading
the preferences file costs ~10 ms of imports (configparser, logging, platformdirs) that would delay the first
paint by as much, so the card's one line stays in English.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QApplication, QLabel

from careervp_desktop.ui.i18n import is_rtl, tr

WIDTH, HEIGHT = 420, 200
ACCENT = "#2f5fd0"  # style.ACCENT (style.py is not imported here: it costs more than the card)
_shown: QLabel | None = None  # the card on screen, until the main window replaces it


def _card(ratio: float) -> QPixmap:
    pixmap = QPixmap(int(WIDTH * ratio), int(HEIGHT * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addRoundedRect(QRectF(0, 0, WIDTH, HEIGHT), 14, 14)
    painter.fillPath(path, QColor(ACCENT))
    title = QFont(QGuiApplication.font())
    title.setPointSizeF(title.pointSizeF() * 2.2)
    title.setWeight(QFont.Weight.DemiBold)
    painter.setFont(title)
    painter.setPen(QColor("#ffffff"))
    side = Qt.AlignmentFlag.AlignRight if is_rtl() else Qt.AlignmentFlag.AlignLeft
    align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignAbsolute | side
    painter.drawText(QRectF(40, 52, WIDTH - 80, 48), align, "CareerVP")
    painter.setFont(QGuiApplication.font())
    painter.setPen(QColor("#dbe5fb"))
    painter.drawText(QRectF(40, 100, WIDTH - 80, 28), align, tr("Opening your applications…"))
    painter.end()
    return pixmap


def application() -> QApplication:
    """The application object (made if there is none yet), named CareerVP (QSettings and the OS use the names)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("CareerVP")
    app.setOrganizationName("CareerVP")
    return app


_installed_language: str | None = None  # what install_language installed in this process


def install_language(app: QApplication, *, again: bool = False) -> str:
    """Install the UI language saved in Settings ▸ General on `app`, once per process (`again`: read it anew).
    English if anything goes wrong: the app must open regardless."""
    global _installed_language
    if _installed_language is not None and not again:
        return _installed_language
    from careervp_desktop.ui import i18n

    try:
        from careervp_desktop.logs import hold_early_records
        from careervp_desktop.storage.preferences import load_preferences

        hold_early_records()  # before logging is set up: a bad preferences file is logged later, not printed
        _installed_language = i18n.install(app, load_preferences().language)
    except Exception:  # pragma: no cover - a broken catalog or locale never stops the start
        _installed_language = i18n.install(app, "en")
    return _installed_language


def show_splash() -> QLabel:
    """Create the application (if needed) and show the card, painted before this returns (the card already
    shown, if any). `close_splash()` when the main window is shown. Not a QSplashScreen: its show() waits up to
    a second for the window manager to expose it."""
    global _shown
    if _shown is not None:  # shown already by the launcher
        return _shown
    app = application()
    screen = app.primaryScreen()
    splash = QLabel()
    splash.setObjectName("startupSplash")
    splash.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
    splash.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)  # the card's rounded corners
    splash.setAccessibleName(tr("CareerVP is starting"))
    splash.setPixmap(_card(screen.devicePixelRatio() if screen is not None else 1.0))
    splash.setFixedSize(WIDTH, HEIGHT)
    if screen is not None:
        centre = screen.availableGeometry().center()
        splash.move(centre.x() - WIDTH // 2, centre.y() - HEIGHT // 2)
    splash.show()
    splash.repaint()  # on screen now, not at the next turn of an event loop that is not running yet
    app.processEvents()
    if os.environ.get("CAREERVP_REPORT_SHOWN"):  # the startup benchmark reads this line
        sys.stdout.write(f"FIRST {time.time():.6f}\n")
        sys.stdout.flush()
    _shown = splash
    install_language(app)  # the card is on screen: now the language, before any window is built
    return splash


def close_splash() -> None:
    """The main window is on screen: the card goes."""
    global _shown
    if _shown is not None:
        _shown.close()
        _shown.deleteLater()
        _shown = None
