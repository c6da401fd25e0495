"""Guards against a Qt binding that corrupts the interpreter: PySide6 6.12.0 on CPython 3.11 dropped one
reference to None per void method call, aborting the app after a few thousand calls (docs/gotchas.md)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_do_not_leak_references_to_none() -> None:
    obj = QObject()
    obj.setObjectName("warm-up")
    before = sys.getrefcount(None)
    for _ in range(2000):
        obj.setObjectName("probe")
    assert abs(sys.getrefcount(None) - before) < 50
