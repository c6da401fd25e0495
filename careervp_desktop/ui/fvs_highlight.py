"""Inline fact-check marks: wavy underlines on the words the FVS flags, coloured by severity, with a tooltip
that says why and which fact of the user's CV it was compared with.

`ViolationHighlighter(editor)` works on a `QPlainTextEdit` (the editable letter, offsets straight from the FVS)
and on a `QTextEdit`/`QTextBrowser` showing rendered HTML (offsets refer to the checked text, not the page, so
each violation is found on the page by its words, nearest to where the offsets put it).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from careervp_desktop.domain.enums import Severity
from careervp_desktop.ui.i18n import tr, tr_finding

if TYPE_CHECKING:
    from careervp_desktop.domain.models import Violation

SEVERITY_COLOURS: dict[Severity, str] = {
    Severity.CRITICAL: "#d92d20",
    Severity.WARNING: "#c77700",
    Severity.INFO: "#6b7280",
}


def severity_label(severity: Severity) -> str:
    """A fact-check finding's severity as the UI names it."""
    return {Severity.CRITICAL: tr("Critical"), Severity.WARNING: tr("Check"), Severity.INFO: tr("Note")}[severity]


_RANK = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Mark:
    """A violation placed in an editor's document: [start, end) in Qt positions (UTF-16 code units)."""

    violation: Violation
    start: int
    end: int


def qt_offsets(text: str) -> list[int] | None:
    """Python index → Qt position table for `text`, or None when they are the same (no character outside the
    Basic Multilingual Plane, which Qt counts as two)."""
    if not text or max(text) < "\U00010000":
        return None
    table = [0]
    for ch in text:
        table.append(table[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return table


def place(violations: list[Violation], checked_text: str, shown_text: str) -> list[Mark]:
    """Where each violation is in `shown_text` (the editor's plain text). When the editor shows the checked text
    itself, the offsets are used as they are; otherwise the violation's words are searched for, taking the
    occurrence nearest to the same relative position. Violations whose words are not on the page are left out."""
    same = checked_text == shown_text
    table = qt_offsets(shown_text)
    marks: list[Mark] = []
    for v in violations:
        exact = same and v.start is not None and shown_text[v.start : v.end] == v.text
        start = v.start if exact else _find_near(v, checked_text, shown_text)
        if start is None:
            continue
        end = start + len(v.text)
        if table is not None:
            start, end = table[start], table[end]
        marks.append(Mark(v, start, end))
    return marks


def _find_near(v: Violation, checked_text: str, shown_text: str) -> int | None:
    needle = v.text
    if not needle.strip():
        return None
    hits: list[int] = []
    at = shown_text.find(needle)
    while at >= 0 and len(hits) < 50:
        hits.append(at)
        at = shown_text.find(needle, at + 1)
    if not hits:
        return None
    expected = (v.start or 0) / max(len(checked_text), 1) * len(shown_text)
    return min(hits, key=lambda h: abs(h - expected))


def tooltip_html(violations: list[Violation]) -> str:
    """Rich-text tooltip for the violations under the mouse: severity, why, and the CV fact compared with."""
    parts = []
    for v in sorted(violations, key=lambda x: _RANK[x.severity]):
        colour = SEVERITY_COLOURS[v.severity]
        parts.append(
            f"<p style='margin:0 0 6px 0'><b style='color:{colour}'>{escape(severity_label(v.severity))}</b> · "
            f"{escape(tr_finding(v.message))}<br><span style='color:#6b7280'>"
            + escape(tr("Your CV: {source}").format(source=tr_finding(v.source)))
            + "</span></p>"
        )
    return "<qt>" + "".join(parts) + "</qt>"


class ViolationHighlighter(QObject):
    """Underlines the marks in `editor` and shows their tooltip when the mouse rests on one."""

    def __init__(self, editor: QPlainTextEdit | QTextEdit) -> None:
        # A child of the viewport it filters, so it is deleted before the viewport's own teardown sends its last
        # events: as a child of the editor it outlived the viewport and was handed those events (a rare segfault in
        # this Python eventFilter when a window was destroyed during a later test's event loop).
        super().__init__(editor.viewport())
        self._editor = editor
        self._marks: list[Mark] = []
        editor.viewport().installEventFilter(self)

    def marks(self) -> list[Mark]:
        return list(self._marks)

    def set_violations(self, violations: list[Violation], checked_text: str) -> list[Mark]:
        """Replace the underlines with those of `violations` (found by `checked_text`); returns the marks."""
        shown = self._editor.toPlainText()
        self._marks = place(violations, checked_text, shown)
        self._apply()
        return self.marks()

    def clear(self) -> None:
        self._marks = []
        self._editor.setExtraSelections([])

    def marks_at(self, position: int) -> list[Mark]:
        return [m for m in self._marks if m.start <= position < m.end]

    def select(self, mark: Mark) -> None:
        """Select the marked words in the editor and scroll them into view."""
        cursor = QTextCursor(self._editor.document())
        limit = max(self._editor.document().characterCount() - 1, 0)
        cursor.setPosition(min(mark.start, limit))
        cursor.setPosition(min(mark.end, limit), QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(cursor)
        self._editor.ensureCursorVisible()
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _apply(self) -> None:
        document: QTextDocument = self._editor.document()
        limit = max(document.characterCount() - 1, 0)
        selections = []
        # Less severe first, so a critical mark over the same words is drawn last (on top).
        for mark in sorted(self._marks, key=lambda m: -_RANK[m.violation.severity]):
            start, end = min(mark.start, limit), min(mark.end, limit)
            if end <= start:
                continue
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(SEVERITY_COLOURS[mark.violation.severity]))
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self._editor.setExtraSelections(selections)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cursor = self._editor.cursorForPosition(event.pos())
            found = self.marks_at(cursor.position())
            if found:
                QToolTip.showText(event.globalPos(), tooltip_html([m.violation for m in found]), self._editor)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().eventFilter(watched, event)
