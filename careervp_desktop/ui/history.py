"""Version history of one document: every version with who wrote it and when (and which were sent), view any
version, compare two side by side, restore one (restoring adds a new version; nothing is deleted)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from careervp_desktop.domain.artifact_text import artifact_text, side_by_side
from careervp_desktop.domain.models import Artifact, ArtifactType
from careervp_desktop.ui import artifact_html
from careervp_desktop.ui.i18n import tr
from careervp_desktop.ui.models import format_updated


def provider_name(provider: str) -> str:
    """Who wrote a version ("offline", "anthropic", "user"), in the UI language."""
    return {"offline": tr("Offline engine"), "anthropic": "Claude", "user": tr("Your edits")}.get(provider, provider)


def version_label(artifact: Artifact, *, latest: bool, sent: bool) -> str:
    who = provider_name(artifact.provenance.provider)
    tags = [t for t, on in ((tr("current"), latest), (tr("sent"), sent)) if on]
    tail = f"  ({', '.join(tags)})" if tags else ""
    return (
        tr("Version {version} · {who} · {when}").format(
            version=artifact.version, who=who, when=format_updated(artifact.created_at)
        )
        + tail
    )


class VersionHistoryDialog(QDialog):
    """Signals: `sig_restore_requested(int)`: restore this version number (the dialog then closes)."""

    sig_restore_requested = Signal(int)

    def __init__(
        self,
        title: str,
        art_type: ArtifactType,
        versions: list[Artifact],
        *,
        sent_versions: set[int] | frozenset[int] = frozenset(),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(tr("History — {title}").format(title=title))
        self.resize(980, 640)
        self._type = art_type
        self._versions = sorted(versions, key=lambda a: -a.version)  # newest first
        self._latest = self._versions[0].version if self._versions else 0

        self.list = QListWidget()
        self.list.setObjectName("historyVersions")
        for artifact in self._versions:
            item = QListWidgetItem(
                version_label(artifact, latest=artifact.version == self._latest, sent=artifact.version in sent_versions)
            )
            item.setData(Qt.ItemDataRole.UserRole, artifact.version)
            self.list.addItem(item)
        self.compare = QComboBox()
        self.compare.setObjectName("historyCompare")
        self.view = QTextBrowser()
        self.view.setObjectName("historyView")
        self.view.setOpenLinks(False)
        self.restore_button = QPushButton(tr("Restore this version"))
        self.restore_button.setObjectName("historyRestore")
        self.restore_button.setToolTip(tr("Makes this version current again as a new version; nothing is deleted."))

        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Compare with:")))
        row.addWidget(self.compare, 1)
        right_box.addLayout(row)
        right_box.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([300, 680])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        box = QVBoxLayout(self)
        box.addWidget(splitter, 1)
        box.addWidget(buttons)

        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.list.currentRowChanged.connect(self._on_version_changed)
        self.compare.currentIndexChanged.connect(self._on_compare_changed)
        if self._versions:
            self.list.setCurrentRow(0)

    # ------------------------------------------------------------------ API (tests drive these)
    def selected(self) -> Artifact | None:
        row = self.list.currentRow()
        return self._versions[row] if 0 <= row < len(self._versions) else None

    def select_version(self, version: int) -> None:
        for row, artifact in enumerate(self._versions):
            if artifact.version == version:
                self.list.setCurrentRow(row)
                return

    def compare_with(self, version: int | None) -> None:
        index = 0 if version is None else self.compare.findData(version)
        if index >= 0:
            self.compare.setCurrentIndex(index)

    # ------------------------------------------------------------------ slots
    @Slot(int)
    def _on_version_changed(self, row: int) -> None:
        artifact = self.selected()
        self.compare.blockSignals(True)
        self.compare.clear()
        self.compare.addItem(tr("Nothing — show this version"), None)
        for other in self._versions:
            if artifact is not None and other.version != artifact.version:
                self.compare.addItem(tr("Version {version}").format(version=other.version), other.version)
        self.compare.blockSignals(False)
        # The usual question is "what changed since this one?": compare an old version with the current one.
        if artifact is not None and artifact.version != self._latest:
            self.compare.setCurrentIndex(max(self.compare.findData(self._latest), 0))
        self.restore_button.setEnabled(artifact is not None and artifact.version != self._latest)
        self._show()

    @Slot(int)
    def _on_compare_changed(self, index: int) -> None:
        self._show()

    @Slot()
    def _on_restore_clicked(self) -> None:
        artifact = self.selected()
        if artifact is not None and artifact.version != self._latest:
            self.sig_restore_requested.emit(artifact.version)
            self.accept()

    def _show(self) -> None:
        artifact = self.selected()
        if artifact is None:
            self.view.clear()
            return
        other_version = self.compare.currentData()
        other = next((a for a in self._versions if a.version == other_version), None)
        if other is None:
            try:
                self.view.setHtml(artifact_html.render_artifact_html(self._type, artifact.content))
            except Exception:  # an unreadable stored version: show its raw text rather than nothing
                self.view.setPlainText(artifact_text(self._type, artifact.content))
            return
        old, new = sorted((artifact, other), key=lambda a: a.version)
        rows = side_by_side(
            artifact_text(self._type, old.content).splitlines(), artifact_text(self._type, new.content).splitlines()
        )
        self.view.setHtml(
            artifact_html.diff_html(
                rows,
                tr("Version {version}").format(version=old.version),
                tr("Version {version}").format(version=new.version),
            )
        )
