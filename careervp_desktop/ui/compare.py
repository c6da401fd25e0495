"""The tailored CV next to the master CV: what the tailoring moved or reworded, side by side.

Both CVs are rendered as the fact check reads them (`analysis.fvs.render_cv`: name, contact, summary, each role
with its bullets, education, skills) and compared line by line (`domain.artifact_text.side_by_side`): a bullet that
moved shows as removed in one place and added in another; a reworded one shows its changed words.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from careervp_desktop.analysis.fvs import render_cv
from careervp_desktop.domain.artifact_text import side_by_side
from careervp_desktop.domain.models import MasterCV
from careervp_desktop.ui import artifact_html
from careervp_desktop.ui.i18n import tr

CONTEXT_LINES = 2


def compare_rows(master: MasterCV, tailored: MasterCV) -> list:
    return side_by_side(render_cv(master).text.splitlines(), render_cv(tailored).text.splitlines())


class CvCompareDialog(QDialog):
    def __init__(self, master: MasterCV, tailored: MasterCV, right_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cvCompareDialog")
        self.setWindowTitle(tr("Tailored CV compared with your CV"))
        self.resize(1100, 720)
        self._rows = compare_rows(master, tailored)
        self._right_title = right_title
        changed = sum(1 for r in self._rows if r.kind != "same")
        self.summary = QLabel(
            tr(
                "{changed} of {count} lines differ: the tailoring reorders and rewords your own lines; "
                "names, employers, titles, dates and degrees are copied from your CV."
            ).format(changed=changed, count=len(self._rows))
            if changed
            else tr("The tailored CV has the same text as your CV.")
        )
        self.summary.setObjectName("cvCompareSummary")
        self.summary.setWordWrap(True)
        self.changes_only = QCheckBox(tr("Only what changed"))
        self.changes_only.setObjectName("cvCompareChangesOnly")
        self.view = QTextBrowser()
        self.view.setObjectName("cvCompareView")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.changes_only)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.changes_only.toggled.connect(self._show)
        self._show()

    def _show(self) -> None:
        context = CONTEXT_LINES if self.changes_only.isChecked() else None
        self.view.setHtml(artifact_html.diff_html(self._rows, tr("Your CV"), self._right_title, context=context))
