"""The list of unsupported claims under a document: click one to jump to it; confirm one as true."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careervp_desktop.domain.enums import Severity
from careervp_desktop.ui.fvs_highlight import SEVERITY_COLOURS, severity_label
from careervp_desktop.ui.i18n import tr, tr_finding

if TYPE_CHECKING:
    from careervp_desktop.domain.models import Violation


def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


def violation_line(v: Violation) -> str:
    """Two lines for the list: what is unsupported and why; the CV fact it was compared with."""
    return tr("{severity} · “{text}” — {message}\nYour CV: {source}").format(
        severity=severity_label(v.severity), text=v.text, message=tr_finding(v.message), source=tr_finding(v.source)
    )


class ViolationsPanelView(QWidget):
    """Signals:
    - `sig_activated(int)`: the user clicked the n-th violation (jump to it).
    - `sig_accept_requested(int)`: the user says the n-th violation is true (add it to their facts).
    """

    sig_activated = Signal(int)
    sig_accept_requested = Signal(int)

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 8, 12, 8)
        box.setSpacing(6)
        self.hint = QLabel()
        self.hint.setObjectName("violationsHint")
        self.hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName(f"{object_name}List")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(False)
        self.list.setUniformItemSizes(False)
        self.accept_button = QPushButton(tr("This is true — add to my facts"))
        self.accept_button.setObjectName(f"{object_name}Accept")
        self.accept_button.setToolTip(
            tr("Adds the sentence to your confirmed facts: the fact check accepts it here and in every other document.")
        )
        self.accept_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.accept_button)
        box.addLayout(row)
        box.addWidget(self.list, 1)
        self._icons = {s: _dot(c) for s, c in SEVERITY_COLOURS.items()}
        self.list.itemClicked.connect(self._on_item_clicked)
        self.list.itemActivated.connect(self._on_item_clicked)
        self.list.currentRowChanged.connect(self._on_current_row_changed)
        self.accept_button.clicked.connect(self._on_accept_clicked)
        self._can_accept = True

    def set_violations(self, violations: list[Violation], *, can_accept: bool = True) -> None:
        self._can_accept = can_accept
        current = self.list.currentRow()
        self.list.clear()
        for v in violations:
            item = QListWidgetItem(self._icons[v.severity], violation_line(v))
            item.setToolTip(
                tr("{message}\nYour CV: {source}").format(message=tr_finding(v.message), source=tr_finding(v.source))
            )
            if v.severity == Severity.CRITICAL:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.list.addItem(item)
        if violations:
            critical = sum(1 for v in violations if v.severity == Severity.CRITICAL)
            self.hint.setText(
                tr(
                    "Not backed by your CV ({critical} critical). Click one to see it in the text; reword it, or "
                    "confirm it if it is true."
                ).format(critical=critical)
                if critical
                else tr(
                    "Not backed by your CV. Click one to see it in the text; reword it, or confirm it if it is true."
                )
            )
            self.list.setCurrentRow(min(max(current, 0), len(violations) - 1))
        else:
            self.hint.setText(tr("Every claim is backed by your CV and your confirmed facts."))
        self._on_current_row_changed(self.list.currentRow())

    def count(self) -> int:
        return self.list.count()

    @Slot(QListWidgetItem)
    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        self.sig_activated.emit(self.list.row(item))

    @Slot(int)
    def _on_current_row_changed(self, row: int) -> None:
        self.accept_button.setEnabled(self._can_accept and row >= 0)

    @Slot()
    def _on_accept_clicked(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.sig_accept_requested.emit(row)
