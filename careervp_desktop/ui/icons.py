"""The bundled SVG icons (`resources/icons/<name>.svg`)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from careervp_desktop.resources import resource_path


@cache
def icon(name: str) -> QIcon:
    """The icon called `name` (e.g. "generate", "app"); an empty icon if the file is missing."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
