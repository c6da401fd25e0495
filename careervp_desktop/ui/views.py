"""Layout-only widgets (`*View`): they arrange child widgets, expose them and their signals, and show what they
are given. They decide nothing and never call the workflow; `MainWindow` does that."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from careervp_desktop.domain.enums import ApplicationStatus, Severity
from careervp_desktop.ui.cv_views import CvEditorView, MissingBannerView, UndoBarView
from careervp_desktop.ui.fvs_highlight import ViolationHighlighter
from careervp_desktop.ui.i18n import tr
from careervp_desktop.ui.icons import icon
from careervp_desktop.ui.models import ApplicationListModel
from careervp_desktop.ui.style import make_page, theme_colours
from careervp_desktop.ui.violations_panel import ViolationsPanelView

if TYPE_CHECKING:
    from careervp_desktop.domain.models import Violation

_Index = QModelIndex | QPersistentModelIndex

STATUS_COLOURS: dict[ApplicationStatus, tuple[str, str]] = {  # (text, background)
    ApplicationStatus.DRAFT: ("#5b6474", "#eceef2"),
    ApplicationStatus.ANALYSED: ("#2f5fd0", "#e6edfb"),
    ApplicationStatus.GENERATED: ("#1d7a46", "#e3f3ea"),
    ApplicationStatus.SENT: ("#6d3fc0", "#efe8fb"),
    ApplicationStatus.INTERVIEWING: ("#a4650b", "#fdf1dc"),
    ApplicationStatus.OFFER: ("#1d7a46", "#d3efdf"),
    ApplicationStatus.REJECTED: ("#8a8f99", "#f0f1f3"),
    ApplicationStatus.WITHDRAWN: ("#8a8f99", "#f0f1f3"),
}


def _heading(text: str, object_name: str, *, size_delta: int = 4) -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() + size_delta)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


class EmptyStateView(QWidget):
    """A centred icon, a title and a hint, shown where content will appear."""

    def __init__(self, icon_name: str, title: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.addStretch(3)
        picture = QLabel()
        picture.setPixmap(_tinted(icon(icon_name).pixmap(QSize(56, 56)), "#a9b1be"))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture.setObjectName("emptyStateIcon")
        self.title_label = _heading(title, "emptyStateTitle", size_delta=3)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label = QLabel(hint)
        self.hint_label.setObjectName("emptyStateHint")
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label.setWordWrap(True)
        self.hint_label.setFixedWidth(420)
        hint_row = QHBoxLayout()
        hint_row.addStretch()
        hint_row.addWidget(self.hint_label)
        hint_row.addStretch()
        layout.addWidget(picture)
        layout.addSpacing(8)
        layout.addWidget(self.title_label)
        layout.addLayout(hint_row)
        self.button_row = QHBoxLayout()
        self.button_row.addStretch()
        self.button_row.addStretch()
        layout.addSpacing(10)
        layout.addLayout(self.button_row)
        layout.addStretch(4)

    def set_text(self, title: str, hint: str) -> None:
        self.title_label.setText(title)
        self.hint_label.setText(hint)

    def add_button(self, button: QPushButton) -> None:
        self.button_row.insertWidget(self.button_row.count() - 1, button)


PAGE_WIDTH = 820  # the widest a text column gets; wider windows show a grey desk around the page


def _make_page(area: QPlainTextEdit | QTextBrowser, *, point_delta: float = 0.5) -> None:
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.document().setDocumentMargin(32)
    make_page(area)  # white paper on the theme's desk, in both themes
    area.setAutoFillBackground(True)
    font = area.font()
    font.setPointSizeF(font.pointSizeF() + point_delta)
    area.setFont(font)


def is_rtl_text(text: str) -> bool:
    """Whether most letters of `text` are Hebrew (or Arabic): the exports' rule (`export.labels.script_language`)."""
    if not text:  # an empty editor (a new application) does not need the export package loaded to say no
        return False
    from careervp_desktop.export.labels import script_language

    return script_language(text[:4000]) is not None


def match_text_direction(edit: QPlainTextEdit, text: str) -> None:
    """A plain-text editor laid out for its text: right to left and aligned right when the text is mostly Hebrew
    (a Hebrew letter reads as one), else left to right. Qt's plain-text layout keeps each line's own word order
    either way; only the base direction and the alignment change."""
    rtl = is_rtl_text(text)
    option = edit.document().defaultTextOption()
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    if option.textDirection() == direction:
        return
    option.setTextDirection(direction)
    option.setAlignment(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute if rtl else Qt.AlignmentFlag.AlignLeft
    )
    edit.document().setDefaultTextOption(option)


def _centre_page(area: QPlainTextEdit | QTextBrowser) -> None:
    # resizeEvent also receives the viewport's resizes: use the area's own width, change margins only if needed
    side = max(0, (area.width() - PAGE_WIDTH) // 2)
    if area.viewportMargins().left() != side:
        area.setViewportMargins(side, 0, side, 0)


class _PageBrowser(QTextBrowser):
    """A read-only document shown as a page of at most PAGE_WIDTH pixels, centred."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setOpenExternalLinks(True)
        _make_page(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        _centre_page(self)
        super().resizeEvent(event)


class DropSafePlainTextEdit(QPlainTextEdit):
    """A QPlainTextEdit that takes dropped text but not dropped files: those go up to the window (CV import)
    instead of being inserted as a path."""

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return not source.hasUrls() and super().canInsertFromMimeData(source)


class _PageEdit(DropSafePlainTextEdit):
    """An editable plain-text document shown as a centred page."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        _make_page(self, point_delta=1.5)

    def resizeEvent(self, event: QResizeEvent) -> None:
        _centre_page(self)
        super().resizeEvent(event)


def _tinted(pixmap: QPixmap, colour: str) -> QPixmap:
    """The pixmap's shape filled with one colour (muted icons for empty states)."""
    out = QPixmap(pixmap)
    painter = QPainter(out)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(out.rect(), QColor(colour))
    painter.end()
    return out


class _ReadingBrowser(QTextBrowser):
    """A QTextBrowser for side panels (no page centring)."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setOpenExternalLinks(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().setDocumentMargin(24)


# --------------------------------------------------------------------------------------------------- sidebar
class ApplicationItemDelegate(QStyledItemDelegate):
    """Two lines per application: the display name; a status chip and the updated date."""

    PADDING = 10

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(200, self.PADDING * 2 + fm.height() * 2 + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(6, 3, -6, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        theme = theme_colours(option.palette)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme["selection"]))
            painter.drawRoundedRect(rect, 8, 8)
        elif hovered:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme["hover"]))
            painter.drawRoundedRect(rect, 8, 8)

        inner = rect.adjusted(self.PADDING, self.PADDING - 2, -self.PADDING, -self.PADDING + 2)
        name_font = QFont(option.font)
        name_font.setWeight(QFont.Weight.DemiBold)
        fm = QFontMetrics(name_font)
        name = fm.elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""), Qt.TextElideMode.ElideRight, inner.width()
        )
        painter.setFont(name_font)
        painter.setPen(QColor(theme["text"]))
        painter.drawText(
            QRect(inner.left(), inner.top(), inner.width(), fm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name,
        )

        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() - 1))
        sfm = QFontMetrics(small)
        painter.setFont(small)
        status = index.data(ApplicationListModel.Role.STATUS)
        label = str(index.data(ApplicationListModel.Role.STATUS_LABEL) or "")
        fg, bg = STATUS_COLOURS.get(status, ("#5b6474", "#eceef2"))
        top = inner.top() + fm.height() + 6
        chip = QRect(inner.left(), top, sfm.horizontalAdvance(label) + 14, sfm.height() + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
        painter.setPen(QColor(fg))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
        snippet = str(index.data(ApplicationListModel.Role.SNIPPET) or "")
        second = snippet.replace("[", "").replace("]", "") if snippet else ""
        second = second or str(index.data(ApplicationListModel.Role.UPDATED) or "")
        text_rect = QRect(chip.right() + 8, top, inner.right() - chip.right() - 8, chip.height())
        painter.setPen(QColor(theme["secondary"] if snippet else theme["faint"]))
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            sfm.elidedText(" ".join(second.split()), Qt.TextElideMode.ElideRight, text_rect.width()),
        )
        painter.restore()


class ApplicationSidebarView(QFrame):
    """The left column: a heading, the application list (or a hint when empty), "New application"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 16, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(_heading(tr("Applications"), "sidebarHeading", size_delta=2))

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("applicationSearch")
        self.search_edit.setPlaceholderText(tr("Search jobs, letters, notes…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip(tr("Search every application and document (Ctrl+F)"))
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setToolTip(tr("Show only applications with this status"))
        layout.addWidget(self.search_edit)
        layout.addWidget(self.status_filter)

        self.list_view = QListView()
        self.list_view.setObjectName("applicationList")
        self.list_view.setItemDelegate(ApplicationItemDelegate(self.list_view))
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setFrameShape(QFrame.Shape.NoFrame)
        self.list_view.setMouseTracking(True)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.viewport().setAutoFillBackground(False)

        self.empty_label = QLabel(tr("No applications yet.\nPaste a job description and press Generate."))
        self.empty_label.setObjectName("applicationListEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_view)
        self.stack.addWidget(self.empty_label)
        layout.addWidget(self.stack, 1)

        self.new_button = QPushButton(icon("new"), tr("New application"))
        self.new_button.setObjectName("newApplicationButton")
        self.new_button.setMinimumHeight(34)
        layout.addWidget(self.new_button)

    def set_empty(self, empty: bool, *, filtered: bool = False) -> None:
        self.empty_label.setText(
            tr("Nothing matches.\nClear the search or choose another status.")
            if filtered
            else tr("No applications yet.\nPaste a job description and press Generate.")
        )
        self.stack.setCurrentWidget(self.empty_label if empty else self.list_view)


# --------------------------------------------------------------------------------------------------- panes
class _PaneHeader(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paneHeader")
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 14, 16, 10)
        row.setSpacing(10)
        text = QVBoxLayout()
        text.setSpacing(2)
        self.title_label = _heading(title, "paneTitle", size_delta=4)
        self.subtitle_label = QLabel()
        self.subtitle_label.setObjectName("paneSubtitle")
        self.subtitle_label.setWordWrap(True)  # a long provenance line wraps instead of widening the window
        text.addWidget(self.title_label)
        text.addWidget(self.subtitle_label)
        row.addLayout(text, 1)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(8)
        row.addLayout(self.actions)

    def set_subtitle(self, text: str) -> None:
        self.subtitle_label.setText(text)
        self.subtitle_label.setVisible(bool(text))


class CvPaneView(QWidget):
    """The master CV: a header (save status, Import), what was not found, and the editor; or a hint to import."""

    sig_import_requested = Signal()  # the user pressed an Import button
    sig_sample_requested = Signal()  # "Try the sample" on the welcome screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = _PaneHeader(tr("Master CV"))
        self.header.set_subtitle(tr("The facts everything is checked against"))
        self.save_status = QLabel()
        self.save_status.setObjectName("cvSaveStatus")
        self.save_status.setToolTip(tr("Your edits are saved automatically as you type"))
        self.import_button = QPushButton(icon("import"), tr("Import CV…"))
        self.import_button.setObjectName("importCvButton")
        self.import_button.setToolTip(
            tr("Import your CV from a PDF, Word, text or Markdown file (Ctrl+O) — or drop the file on this window")
        )
        self.header.actions.addWidget(self.save_status)
        self.header.actions.addSpacing(6)
        self.header.actions.addWidget(self.import_button)
        layout.addWidget(self.header)
        layout.addWidget(_rule())
        self.missing_banner = MissingBannerView()
        self.undo_bar = UndoBarView()
        layout.addWidget(self.missing_banner)
        layout.addWidget(self.undo_bar)

        self.editor = CvEditorView()
        # The first thing a new user sees: what the app does, and two ways in.
        self.empty = EmptyStateView(
            "cv",
            tr("Welcome to CareerVP"),
            tr(
                "Turn your CV and a job ad into a value proposition, a tailored CV, a cover letter and "
                "interview prep — every claim checked against your own CV. Start by importing your CV "
                "(PDF, Word, text or Markdown; or drop the file here), or try the bundled sample first. "
                "Nothing leaves your computer."
            ),
        )
        self.empty.setObjectName("welcomeView")
        empty_button = QPushButton(icon("import"), tr("Import your CV…"))
        empty_button.setObjectName("emptyImportCvButton")
        empty_button.setProperty("primary", True)
        empty_button.setMinimumHeight(36)
        self.sample_button = QPushButton(tr("Try the sample"))
        self.sample_button.setObjectName("trySampleButton")
        self.sample_button.setToolTip(tr("Load the bundled sample CV and job ad, then press Generate"))
        self.sample_button.setMinimumHeight(36)
        self.empty.add_button(empty_button)
        self.empty.add_button(self.sample_button)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.editor)
        layout.addWidget(self.stack, 1)
        self.import_button.clicked.connect(self.sig_import_requested)
        empty_button.clicked.connect(self.sig_import_requested)
        self.sample_button.clicked.connect(self.sig_sample_requested)

    def show_editor(self, subtitle: str) -> None:
        self.header.set_subtitle(subtitle)
        self.stack.setCurrentWidget(self.editor)

    def show_empty(self) -> None:
        self.save_status.clear()
        self.missing_banner.show_text("")
        self.undo_bar.hide()
        self.stack.setCurrentWidget(self.empty)

    def show_save_status(self, text: str, level: str = "") -> None:
        """`level`: "" (quiet), "busy" or "error" (styles the label)."""
        self.save_status.setText(text)
        if self.save_status.property("level") != level:
            self.save_status.setProperty("level", level)
            self.save_status.style().unpolish(self.save_status)
            self.save_status.style().polish(self.save_status)


class DropOverlayView(QWidget):
    """Drawn over the window while a file is dragged over it: "Drop to import …", or why it cannot be."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dropOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._title = ""
        self._hint = ""
        self._ok = True
        self.hide()

    def show_drop(self, title: str, hint: str, *, ok: bool) -> None:
        """Show over whatever geometry the window gave this overlay."""
        self._title, self._hint, self._ok = title, hint, ok
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = QColor("#2f5fd0" if self._ok else "#8a8f99")
        painter.fillRect(self.rect(), QColor(241, 243, 246, 225))
        frame = self.rect().adjusted(16, 16, -16, -16)
        tint = QColor(accent)
        tint.setAlpha(18)
        painter.setPen(QPen(accent, 2, Qt.PenStyle.DashLine))
        painter.setBrush(tint)
        painter.drawRoundedRect(frame, 14, 14)

        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() + 5)
        title_font.setWeight(QFont.Weight.DemiBold)
        title_metrics = QFontMetrics(title_font)
        hint_metrics = QFontMetrics(self.font())
        icon_size = 48
        width = min(frame.width() - 40, max(360, title_metrics.horizontalAdvance(self._title) + 64))
        hint_rect = hint_metrics.boundingRect(
            QRect(0, 0, width - 48, 200), int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap), self._hint
        )
        height = 28 + icon_size + 14 + title_metrics.height() + 6 + hint_rect.height() + 28
        panel = QRect(0, 0, width, height)
        panel.moveCenter(frame.center())
        painter.setPen(QPen(QColor("#e1e5eb"), 1))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(panel, 12, 12)

        y = panel.top() + 28
        picture = icon("drop" if self._ok else "cancel").pixmap(QSize(icon_size, icon_size))
        painter.drawPixmap(panel.center().x() - icon_size // 2, y, picture)
        y += icon_size + 14
        painter.setFont(title_font)
        painter.setPen(QColor("#1f2430"))
        painter.drawText(
            QRect(panel.left(), y, panel.width(), title_metrics.height()), Qt.AlignmentFlag.AlignCenter, self._title
        )
        y += title_metrics.height() + 6
        painter.setFont(self.font())
        painter.setPen(QColor("#5b6474"))
        painter.drawText(
            QRect(panel.left() + 24, y, panel.width() - 48, hint_rect.height()),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap),
            self._hint,
        )
        painter.end()


def letter_tones() -> tuple[tuple[str, str], ...]:
    """(stored value, label in the UI language) of each cover-letter tone."""
    return (("professional", tr("Professional")), ("enthusiastic", tr("Enthusiastic")), ("technical", tr("Technical")))


def language_label(code: str) -> str:
    """A document language's name in the UI language ("Hebrew" / "עברית"); others by their English name."""
    from careervp_desktop.domain.models import language_name

    return {
        "en": tr("English"),
        "he": tr("Hebrew"),
        "de": tr("German"),
        "fr": tr("French"),
        "es": tr("Spanish"),
        "ru": tr("Russian"),
        "uk": tr("Ukrainian"),
        "ar": tr("Arabic"),
    }.get(code.strip().lower(), language_name(code))


def stage_label(name: str) -> str:
    """A step of a document written in stages (`generation.pipeline.VPR_STAGES`), in the UI language."""
    return {
        "Analysing the CV and the job": tr("Analysing the CV and the job"),
        "Extracting evidence": tr("Extracting evidence"),
        "Synthesising": tr("Synthesising"),
        "Self-correcting": tr("Self-correcting"),
        "Generating the report": tr("Generating the report"),
    }.get(name, name)


class JobPaneView(QWidget):
    """The job: company, title, source URL, the pasted job description; Analyse and Generate; what we read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = _PaneHeader(tr("Job"))
        self.header.set_subtitle(tr("Paste the job description, then press Generate"))
        layout.addWidget(self.header)
        layout.addWidget(_rule())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("jobSplitter")
        splitter.setChildrenCollapsible(False)

        editor = QWidget()
        form_box = QVBoxLayout(editor)
        form_box.setContentsMargins(20, 14, 14, 16)
        form_box.setSpacing(10)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        self.company_edit = QLineEdit()
        self.company_edit.setObjectName("companyEdit")
        self.company_edit.setPlaceholderText(tr("Taken from the job description if left empty"))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setPlaceholderText(tr("Taken from the job description if left empty"))
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("sourceUrlEdit")
        self.url_edit.setPlaceholderText(tr("https://… (optional)"))
        self.manager_edit = QLineEdit()
        self.manager_edit.setObjectName("hiringManagerEdit")
        self.manager_edit.setPlaceholderText(tr("The letter greets them by name (optional)"))
        self.tone_combo = QComboBox()
        self.tone_combo.setObjectName("letterToneCombo")
        for value, label in letter_tones():
            self.tone_combo.addItem(label, value)
        self.tone_combo.setToolTip(tr("How the cover letter sounds; every version is still checked against your CV"))
        form.addRow(tr("Company"), self.company_edit)
        form.addRow(tr("Job title"), self.title_edit)
        form.addRow(tr("Source URL"), self.url_edit)
        self.company_notes_edit = QPlainTextEdit()
        self.company_notes_edit.setObjectName("companyNotesEdit")
        self.company_notes_edit.setPlaceholderText(
            tr("What you know about the company, in your words (optional): the letter can open with it")
        )
        self.company_notes_edit.setFixedHeight(52)
        form.addRow(tr("Hiring manager"), self.manager_edit)
        form.addRow(tr("Letter tone"), self.tone_combo)
        form.addRow(tr("Your notes"), self.company_notes_edit)
        # Shown only when the CV and the job ad are in different languages: the user chooses (the job's by default).
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("documentLanguageCombo")
        self.language_combo.setAccessibleName(tr("Language of the documents"))
        self.language_combo.setToolTip(
            tr("Your CV and the job ad are in different languages: the documents are written in the one you choose")
        )
        self._language_state: tuple[str, str] = ("", "")  # the CV's and the job ad's language
        form.addRow(tr("Documents in"), self.language_combo)
        self._form = form
        form.setRowVisible(self.language_combo, False)
        form_box.addLayout(form)
        jd_label = QLabel(tr("Job description"))
        jd_label.setObjectName("fieldLabel")
        form_box.addWidget(jd_label)
        self.jd_edit = DropSafePlainTextEdit()
        self.jd_edit.setObjectName("jobTextEdit")
        self.jd_edit.setPlaceholderText(
            tr("Paste the whole job ad here: title, company, what you will do, what they are looking for…")
        )
        form_box.addWidget(self.jd_edit, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self.analyse_button = QPushButton(icon("analyse"), tr("Analyse"))
        self.analyse_button.setObjectName("analyseButton")
        self.analyse_button.setToolTip(tr("Show the requirements we read in this job description"))
        self.generate_button = QPushButton(icon("generate"), tr("Generate"))
        self.generate_button.setObjectName("generateButton")
        self.generate_button.setProperty("primary", True)
        self.generate_button.setToolTip(tr("Save the application and write all documents (Ctrl+G)"))
        for b in (self.analyse_button, self.generate_button):
            b.setMinimumHeight(34)
            b.setMinimumWidth(120)
        self.generate_hint = QLabel()  # why Generate is disabled ("Import your CV first"), next to it
        self.generate_hint.setObjectName("generateHint")
        self.generate_hint.setWordWrap(True)
        self.generate_hint.setVisible(False)
        buttons.addWidget(self.generate_hint, 1)
        buttons.addStretch()
        buttons.addWidget(self.analyse_button)
        buttons.addWidget(self.generate_button)
        form_box.addLayout(buttons)
        splitter.addWidget(editor)

        self.analysis_browser = _ReadingBrowser("jobAnalysisView")
        self.analysis_empty = EmptyStateView(
            "analyse", tr("What we read"), tr("Press Analyse to see the requirements found in the job description.")
        )
        self.analysis_stack = QStackedWidget()
        self.analysis_stack.setObjectName("jobAnalysisPanel")
        self.analysis_stack.addWidget(self.analysis_empty)
        self.analysis_stack.addWidget(self.analysis_browser)
        splitter.addWidget(self.analysis_stack)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        layout.addWidget(splitter, 1)

    def show_analysis(self, html: str) -> None:
        self.analysis_browser.setHtml(html)
        self.analysis_stack.setCurrentWidget(self.analysis_browser)

    def clear_analysis(self) -> None:
        self.analysis_browser.clear()
        self.analysis_stack.setCurrentWidget(self.analysis_empty)

    def set_fields(self, *, company: str, title: str, url: str, jd_text: str) -> None:
        self.company_edit.setText(company)
        self.title_edit.setText(title)
        self.url_edit.setText(url)
        self.jd_edit.setPlainText(jd_text)

    def set_letter_preferences(self, *, hiring_manager: str, tone: str, company_notes: str = "") -> None:
        self.company_notes_edit.setPlainText(company_notes)
        self.manager_edit.setText(hiring_manager)
        self.tone_combo.setCurrentIndex(max(0, self.tone_combo.findData(tone)))

    def letter_tone(self) -> str:
        return str(self.tone_combo.currentData() or "professional")

    def set_languages(self, *, cv_language: str, job_language: str, chosen: str) -> None:
        """Offer the choice of language when the CV's and the job ad's differ (or one was chosen before); `chosen`
        is the application's choice ("" = the job ad's language)."""
        cv_language, job_language = cv_language or "en", job_language or "en"
        if (cv_language, job_language) == self._language_state and self.language_combo.count():
            self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(chosen)))
            return
        self._language_state = (cv_language, job_language)
        self.language_combo.blockSignals(True)
        self.language_combo.clear()
        self.language_combo.addItem(
            tr("{language} — the job ad's language").format(language=language_label(job_language)), ""
        )
        for code, why in (
            (cv_language, tr("{language} — your CV's language")),
            (chosen, tr("{language} — chosen before")),
        ):
            if code and code != job_language and self.language_combo.findData(code) < 0:
                self.language_combo.addItem(why.format(language=language_label(code)), code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(chosen)))
        self.language_combo.blockSignals(False)
        self._form.setRowVisible(self.language_combo, self.language_combo.count() > 1)

    def document_language(self) -> str:
        """The language chosen for the documents: "" = the job ad's."""
        return str(self.language_combo.currentData() or "")

    def set_generate_reason(self, reason: str | None) -> None:
        """Enable Generate, or disable it and say why (beside the button and in its tooltip)."""
        self.generate_button.setEnabled(reason is None)
        self.generate_button.setToolTip(reason or tr("Save the application and write all documents (Ctrl+G)"))
        self.generate_hint.setText(reason or "")
        self.generate_hint.setVisible(reason is not None)

    def set_editable(self, editable: bool) -> None:
        self.tone_combo.setEnabled(editable)
        self.language_combo.setEnabled(editable)
        self.company_notes_edit.setReadOnly(not editable)
        for w in (self.company_edit, self.title_edit, self.url_edit, self.manager_edit):
            w.setReadOnly(not editable)
        self.jd_edit.setReadOnly(not editable)


class ArtifactPaneView(QWidget):
    """One document: a header with where it came from, its History button and fact-check badge; the document
    (unsupported words underlined); and the list of unsupported claims (shown with the badge).

    Signals: `sig_history_requested()`.
    """

    sig_history_requested = Signal()
    sig_regenerate_requested = Signal()
    sig_final_toggled = Signal(bool)  # the user marked the document final (True) or took that back

    def __init__(
        self,
        title: str,
        icon_name: str,
        view_name: str,
        *,
        editable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editable = editable
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = _PaneHeader(title)
        self.save_status = QLabel()
        self.save_status.setObjectName("saveStatus")
        self.save_status.setVisible(editable)
        self.history_button = QToolButton()
        self.history_button.setObjectName(f"{view_name}HistoryButton")
        self.history_button.setText(tr("History"))
        self.history_button.setToolTip(tr("Every version of this document: view, compare, restore"))
        self.history_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.history_button.setVisible(False)
        self.fvs_button = QToolButton()
        self.fvs_button.setObjectName(f"{view_name}FvsBadge")
        self.fvs_button.setCheckable(True)
        self.fvs_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.fvs_button.setVisible(False)
        self.regenerate_button = QToolButton()
        self.regenerate_button.setObjectName(f"{view_name}RegenerateButton")
        self.regenerate_button.setText(tr("Regenerate…"))
        self.regenerate_button.setToolTip(tr("Write this document again, optionally saying what to change"))
        self.regenerate_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.regenerate_button.setVisible(False)
        self.regenerate_button.clicked.connect(self.sig_regenerate_requested)
        self.quality_button = QToolButton()  # writing checks: clichés, lengths, placeholders, ATS (a click lists them)
        self.quality_button.setObjectName(f"{view_name}QualityBadge")
        self.quality_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.quality_button.setVisible(False)
        self.quality_button.clicked.connect(self._show_quality_details)
        self._quality_details = ""
        self.state_label = QLabel()  # not started / draft / edited / final
        self.state_label.setObjectName(f"{view_name}State")
        self.state_label.setAccessibleName(tr("Document state"))
        self.state_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.final_button = QToolButton()
        self.final_button.setObjectName(f"{view_name}FinalButton")
        self.final_button.setCheckable(True)
        self.final_button.setText(tr("Mark final"))
        self.final_button.setToolTip(tr("Say you are done with this document (editing it again makes it a draft)"))
        self.final_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.final_button.setVisible(False)
        self.final_button.clicked.connect(self._on_final_clicked)
        self.header.actions.addWidget(self.state_label)
        self.header.actions.addWidget(self.final_button)
        self.header.actions.addWidget(self.save_status)
        self.header.actions.addWidget(self.regenerate_button)
        self.header.actions.addWidget(self.history_button)
        self.header.actions.addWidget(self.quality_button)
        self.header.actions.addWidget(self.fvs_button)
        layout.addWidget(self.header)
        layout.addWidget(_rule())

        self.document: QPlainTextEdit | QTextBrowser = _PageEdit(view_name) if editable else _PageBrowser(view_name)
        self.highlighter = ViolationHighlighter(self.document)
        self.violations = ViolationsPanelView(f"{view_name}Violations")
        self.violations.setVisible(False)
        self.violations.setMinimumHeight(110)
        body = QSplitter(Qt.Orientation.Vertical)
        body.setChildrenCollapsible(False)
        body.addWidget(self.document)
        body.addWidget(self.violations)
        body.setStretchFactor(0, 4)
        body.setStretchFactor(1, 1)

        self.empty = EmptyStateView(
            icon_name,
            tr("No {document} yet").format(document=title.lower()),
            tr("Paste a job description on the Job tab and press Generate."),
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(body)
        self._body = body
        layout.addWidget(self.stack, 1)
        self.fvs_button.toggled.connect(self.violations.setVisible)
        self.history_button.clicked.connect(self.sig_history_requested)
        self.violations.sig_activated.connect(self._on_violation_activated)

    def show_document(self, *, text_or_html: str, subtitle: str) -> None:
        """Show a document (plain text when editable, HTML otherwise); then call `show_violations`."""
        self.highlighter.clear()
        if isinstance(self.document, QPlainTextEdit):
            self.document.setPlainText(text_or_html)
        else:
            self.document.setHtml(text_or_html)
        self.header.set_subtitle(subtitle)
        self.history_button.setVisible(True)
        self.regenerate_button.setVisible(True)
        self.fvs_button.setChecked(False)
        self.stack.setCurrentWidget(self._body)

    def set_state(self, state: str) -> None:
        """The document's state: "not started", "draft", "edited" or "final" (a chip in the header; the Mark
        final button follows)."""
        self.state = state
        self.state_label.setText(pane_state_label(state))
        self.state_label.setProperty("state", state.replace(" ", "_"))
        self.state_label.setToolTip(pane_state_tip(state))
        self.state_label.style().unpolish(self.state_label)
        self.state_label.style().polish(self.state_label)
        self.final_button.setVisible(state != "not started")
        self.final_button.setChecked(state == "final")
        self.final_button.setText(tr("Final ✓") if state == "final" else tr("Mark final"))

    def _on_final_clicked(self, checked: bool) -> None:
        self.sig_final_toggled.emit(checked)

    def show_quality(self, summary: str, level: str, details: str) -> None:
        """The writing-check badge: `summary` ("Writing ✓", "Writing: 2 to check"), `level` ok/warning/critical,
        `details` the findings, one per line (the tooltip and the list a click shows)."""
        self.quality_button.setText(summary)
        self.quality_button.setMinimumWidth(self.quality_button.fontMetrics().horizontalAdvance(summary) + 32)
        self.quality_button.setProperty("level", level)
        self.quality_button.style().unpolish(self.quality_button)
        self.quality_button.style().polish(self.quality_button)
        self._quality_details = details
        self.quality_button.setToolTip(details or tr("No clichés, placeholders or lengths to fix."))
        self.quality_button.setVisible(True)

    def quality_details(self) -> str:
        return self._quality_details

    def _show_quality_details(self) -> None:
        if not self._quality_details:
            return
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, tr("Writing checks"), self._quality_details)

    def show_violations(self, violations: list[Violation], checked_text: str, *, can_accept: bool = True) -> None:
        """Underline `violations` (offsets into `checked_text`), list them, and set the badge."""
        marks = self.highlighter.set_violations(violations, checked_text)
        placed = {id(m.violation) for m in marks}
        # Violations not found on the page (e.g. a field the page does not show) stay in the list.
        ordered = [m.violation for m in sorted(marks, key=lambda m: m.start)] + [
            v for v in violations if id(v) not in placed
        ]
        self._listed = ordered
        self.violations.set_violations(ordered, can_accept=can_accept)
        level = (
            "critical"
            if any(v.severity == Severity.CRITICAL for v in violations)
            else "warning"
            if violations
            else "ok"
        )
        from careervp_desktop.ui.artifact_html import violations_summary  # pydantic models: not before the first paint

        self.fvs_button.setText(("✓ " if level == "ok" else "⚠ ") + violations_summary(violations))
        # The style sheet's padding is not in the tool button's size hint: make room for the whole text.
        self.fvs_button.setMinimumWidth(self.fvs_button.fontMetrics().horizontalAdvance(self.fvs_button.text()) + 32)
        self.fvs_button.setProperty("level", level)
        self.fvs_button.style().unpolish(self.fvs_button)
        self.fvs_button.style().polish(self.fvs_button)
        self.fvs_button.setEnabled(bool(violations))
        if not violations:
            self.fvs_button.setChecked(False)
        self.fvs_button.setToolTip(
            tr("Show the claims that are not backed by your CV")
            if violations
            else tr("Every claim was checked against your CV")
        )
        self.fvs_button.setVisible(True)

    def listed_violations(self) -> list[Violation]:
        """The violations in the order the panel lists them."""
        return list(getattr(self, "_listed", []))

    def set_save_status(self, text: str, level: str = "") -> None:
        self.save_status.setText(text)
        self.save_status.setProperty("level", level)
        self.save_status.style().unpolish(self.save_status)
        self.save_status.style().polish(self.save_status)

    @Slot(int)
    def _on_violation_activated(self, row: int) -> None:
        listed = self.listed_violations()
        if not 0 <= row < len(listed):
            return
        target = listed[row]
        for mark in self.highlighter.marks():
            if mark.violation is target:
                self.highlighter.select(mark)
                return

    def show_empty(self, hint: str | None = None) -> None:
        if hint:
            self.empty.hint_label.setText(hint)
        self.highlighter.clear()
        self.document.clear()
        self._listed = []
        self.header.set_subtitle("")
        self.set_save_status("")
        self.set_state("not started")
        self.history_button.setVisible(False)
        self.regenerate_button.setVisible(False)
        self.quality_button.setVisible(False)
        self.fvs_button.setVisible(False)
        self.fvs_button.setChecked(False)
        self.stack.setCurrentWidget(self.empty)

    def has_document(self) -> bool:
        return self.stack.currentWidget() is self._body

    def document_text(self) -> str:
        return self.document.toPlainText()


def pane_state_label(state: str) -> str:
    """A document pane's state chip ("not started", "draft", "edited", "final"), in the UI language."""
    return {"not started": tr("Not started"), "draft": tr("Draft"), "edited": tr("Edited"), "final": tr("Final")}.get(
        state, state
    )


def pane_state_tip(state: str) -> str:
    return {
        "not started": tr("Not written yet: press Generate on the Job tab"),
        "draft": tr("Written for you and not changed since: read it, edit it, mark it final"),
        "edited": tr("You changed it since it was written"),
        "final": tr("You marked it final: it is ready to send"),
    }.get(state, "")


class ProgressBannerView(QFrame):
    """A card floating over the foot of the panes while documents are written: what is happening, how far, and
    Cancel. It floats (it is not in a layout) so that showing it, hiding it or a new line of streamed text never
    resizes the pane underneath: relaying out the CV editor's cards and repainting the window cost 50–100 ms on the
    UI thread each time."""

    sig_cancel_requested = Signal()
    MARGIN = 12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressBanner")
        self.setAutoFillBackground(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 8, 12, 8)
        column.setSpacing(4)
        row = QHBoxLayout()
        row.setSpacing(12)
        column.addLayout(row)
        self.stages = QLabel()  # the steps of a document written in stages (the VPR), done ones ticked
        self.stages.setObjectName("progressStages")
        self.stages.setTextFormat(Qt.TextFormat.RichText)
        self.stages.setAccessibleName(tr("Stages"))
        self.stages.setVisible(False)
        column.addWidget(self.stages)
        self.label = QLabel()
        self.label.setObjectName("progressLabel")
        self.bar = QProgressBar()
        self.bar.setObjectName("generationProgress")
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.cancel_button = QPushButton(icon("cancel"), tr("Cancel"))
        self.cancel_button.setObjectName("cancelGenerationButton")
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.preview = QLabel()  # Claude's words as they stream in (the last lines)
        self.preview.setObjectName("streamPreview")
        self.preview.setAccessibleName(tr("What Claude is writing"))
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setVisible(False)
        column.addWidget(self.preview)
        self.cancel_button.clicked.connect(self.sig_cancel_requested)
        self.setVisible(False)
        if parent is not None:
            parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        """At the foot of the parent, across its width less a margin, as tall as the lines shown need."""
        host = self.parentWidget()
        if host is None:
            return
        width = max(0, host.width() - 2 * self.MARGIN)
        height = self.heightForWidth(width) if self.hasHeightForWidth() else self.sizeHint().height()
        height = max(height, self.minimumSizeHint().height())
        geometry = QRect(self.MARGIN, host.height() - height - self.MARGIN, width, height)
        if geometry != self.geometry():
            self.setGeometry(geometry)
        self.raise_()

    def show_progress(self, text: str, done: int, total: int, stages: tuple[str, ...] = (), current: int = 0) -> None:
        """`text` and the bar at `done` of `total`; `stages` (with `current`, 1-based) lists the steps of the
        document being written, the ones before `current` ticked — or hides the list when empty."""
        self.label.setText(text)
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(done)
        self.cancel_button.setEnabled(True)
        if stages:
            marks = []
            for n, name in enumerate(stages, start=1):
                if n < current:
                    marks.append(f'<span style="color:#1f7a4d;">✓ {html.escape(stage_label(name))}</span>')
                elif n == current:
                    marks.append(f"<b>● {html.escape(stage_label(name))}</b>")
                else:
                    marks.append(f'<span style="color:#8a8f98;">○ {html.escape(stage_label(name))}</span>')
            self.stages.setText(" &nbsp;·&nbsp; ".join(marks))
        self.stages.setVisible(bool(stages))
        self.setVisible(True)
        self._place()

    def show_preview(self, text: str) -> None:
        """The tail of what is being written (about three lines), or nothing."""
        metrics = self.preview.fontMetrics()
        width = max(200, self.preview.width() or self.width() - 40)
        budget = max(80, int(width / max(1, metrics.averageCharWidth()) * 3))  # ~3 lines' worth of characters
        tail = " ".join(text.split())[-budget:]
        if len(tail) == budget:
            tail = "…" + tail[tail.find(" ") + 1 :]
        self.preview.setText(tail)
        if self.preview.isVisible() != bool(tail):
            self.preview.setVisible(bool(tail))
            self._place()

    def show_cancelling(self) -> None:
        self.label.setText(tr("Cancelling…"))
        self.cancel_button.setEnabled(False)


def _rule() -> QFrame:
    line = QFrame()
    line.setObjectName("rule")
    line.setFrameShape(QFrame.Shape.NoFrame)
    line.setFixedHeight(1)
    line.setAutoFillBackground(True)  # coloured by the theme's stylesheet (QFrame#rule)
    return line
