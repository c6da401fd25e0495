"""Where bundled data files live: `resources/` in a source checkout, `careervp_desktop/_resources` in a wheel,
`sys._MEIPASS/resources` in a PyInstaller build. A leaf module: imports nothing of ours, usable from any layer."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    here = Path(__file__).resolve().parent
    candidates = [here.parent / "resources", here / "_resources"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "resources")
    for candidate in candidates:
        if (candidate / "samples").is_dir():
            return candidate
    raise FileNotFoundError("CareerVP's bundled resources are missing: reinstall the application.")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
