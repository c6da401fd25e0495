"""Layout-only widgets of the master-CV editor (`*View`): a page of cards on a grey desk. They arrange fields, expose
them and one `sig_edited` per card, and show flags they are told to show. The controller (`ui/cv_editor.py`)
decides what is missing, what a date means and when to save.

Flags are dynamic properties the stylesheet (`ui/style.py`) reads: `missing="true"` (amber: not found in the
file), `invalid="true"` (red: cannot be stored as typed).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QResizeEvent, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from careervp_desktop.ui.i18n import tr
from careervp_desktop.ui.icons import icon

_Index = QModelIndex | QPersistentModelIndex

PAGE_WIDTH = 860  # the editor column; wider windows show the grey desk around it
MISSING_PLACEHOLDER = "Not found in your file — please fill in"  # the English text of missing_placeholder()


def missing_placeholder() -> str:
    """What an empty field a CV normally has says (and its tooltip)."""
    return tr("Not found in your file — please fill in")


def set_flag(widget: QWidget, name: str, on: bool) -> None:
    """Set a boolean style property ("missing", "invalid") and re-polish only when it changes."""
    if bool(widget.property(name)) == on:
        return
    widget.setProperty(name, on)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("caption", True)
    return label


def _line(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setProperty("placeholderNormal", placeholder)  # restored when a "missing" flag goes away
    edit.setAcceptDrops(False)  # a dropped file is an import (the window handles it), never text in a field
    edit.setClearButtonEnabled(False)
    return edit


def _date(name: str, placeholder: str = "YYYY-MM") -> QLineEdit:
    edit = _line(name, placeholder)
    edit.setMaximumWidth(140)
    edit.setProperty("missingPlaceholder", tr("Not found"))  # the long sentence does not fit a date field
    edit.setToolTip(tr("2021, 2021-03, Mar 2021 or “present”"))
    edit.setProperty("normalToolTip", edit.toolTip())
    return edit


class GrowingTextEdit(QTextEdit):
    """Plain text that grows with its content (no inner scroll bar inside the page's scroll area)."""

    def __init__(
        self,
        name: str,
        placeholder: str = "",
        *,
        min_lines: int = 2,
        paragraph_gap: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._paragraph_gap = paragraph_gap
        self.setObjectName(name)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        self.setProperty("placeholderNormal", placeholder)
        self.setProperty("cvField", True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(4)
        self._min_lines = min_lines
        self.document().documentLayout().documentSizeChanged.connect(self._on_document_size_changed)
        self._fit()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return not source.hasUrls() and super().canInsertFromMimeData(source)  # files go to the window (import)

    def set_text(self, text: str) -> None:
        """Replace the text; paragraphs (one bullet each) get a little space between them."""
        self.setPlainText(text)
        if self._paragraph_gap:
            cursor = QTextCursor(self.document())
            cursor.select(QTextCursor.SelectionType.Document)
            fmt = QTextBlockFormat()
            fmt.setBottomMargin(self._paragraph_gap)
            cursor.mergeBlockFormat(fmt)

    def _fit(self) -> None:
        chrome = self.height() - self.viewport().height()
        minimum = self.fontMetrics().lineSpacing() * self._min_lines + 2 * self.document().documentMargin()
        wanted = int(max(self.document().size().height(), minimum)) + max(chrome, 2)
        if wanted != self.height():
            self.setFixedHeight(wanted)

    def _on_document_size_changed(self, size: object) -> None:
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class ListCompleter(QCompleter):
    """Completes the item after the last comma of a comma-separated line edit."""

    def __init__(self, words: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(QStringListModel(words, self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def set_words(self, words: list[str]) -> None:
        model = self.model()
        if isinstance(model, QStringListModel):
            model.setStringList(words)

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: _Index) -> str:
        model: QAbstractItemModel = self.model()
        completion = str(model.data(index, Qt.ItemDataRole.DisplayRole))
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = text.rsplit(",", 1)[0] + ", " if "," in text else ""
        return head + completion


class _CardFrame(QFrame):
    """A white rounded card with a grid body, a "name" line (e.g. "Role 2") and its move/remove buttons."""

    sig_edited = Signal()  # the user changed any field of this card
    sig_move_requested = Signal(int)  # -1 up, +1 down
    sig_remove_requested = Signal()

    def __init__(self, object_name: str, noun: str, *, movable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("card", True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 12, 14)
        outer.setSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(2)
        self.title_label = QLabel(noun)
        self.title_label.setObjectName("cardTitle")
        top.addWidget(self.title_label)
        top.addStretch()
        self.up_button = self._tool("move_up", tr("Move up"), "moveUpButton")
        self.down_button = self._tool("move_down", tr("Move down"), "moveDownButton")
        self.remove_button = self._tool("remove", tr("Remove this {item}").format(item=noun.lower()), "removeButton")
        if movable:
            top.addWidget(self.up_button)
            top.addWidget(self.down_button)
        else:
            self.up_button.hide()
            self.down_button.hide()
        top.addWidget(self.remove_button)
        outer.addLayout(top)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 4, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(3)
        outer.addLayout(self.grid)
        self.error_label = QLabel()
        self.error_label.setObjectName("cardError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        outer.addWidget(self.error_label)
        self.up_button.clicked.connect(self._on_up)
        self.down_button.clicked.connect(self._on_down)
        self.remove_button.clicked.connect(self.sig_remove_requested)

    def _tool(self, icon_name: str, tip: str, name: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setIcon(icon(icon_name))
        button.setIconSize(QSize(16, 16))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setProperty("cardTool", True)
        return button

    def _on_up(self) -> None:
        self.sig_move_requested.emit(-1)

    def _on_down(self) -> None:
        self.sig_move_requested.emit(1)

    def _field(self, row: int, col: int, caption: str, widget: QWidget, col_span: int = 1) -> None:
        self.grid.addWidget(_caption(caption), row * 2, col, 1, col_span)
        self.grid.addWidget(widget, row * 2 + 1, col, 1, col_span)
        if row > 0:
            self.grid.setRowMinimumHeight(row * 2, 22)

    def _watch(self, *widgets: QWidget) -> None:
        for w in widgets:
            if isinstance(w, QLineEdit):
                w.textEdited.connect(self.sig_edited)
            elif isinstance(w, QTextEdit):
                w.textChanged.connect(self.sig_edited)
            elif isinstance(w, QCheckBox):
                w.clicked.connect(self.sig_edited)

    def set_position(self, index: int, count: int, title: str) -> None:
        """Show where this card is (enables the move buttons that make sense)."""
        self.title_label.setText(title)
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(index < count - 1)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))


class ExperienceCardView(_CardFrame):
    """One role: job title, company, location, start and end (or present), and achievements, one per line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("experienceCard", tr("Role"), parent=parent)
        self.role_edit = _line("expRoleEdit", tr("Job title"))
        self.company_edit = _line("expCompanyEdit", tr("Company"))
        self.location_edit = _line("expLocationEdit", tr("City, country"))
        self.start_edit = _date("expStartEdit")
        self.end_edit = _date("expEndEdit")
        self.present_check = QCheckBox(tr("Present"))
        self.present_check.setObjectName("expPresentCheck")
        self.present_check.setToolTip(tr("You still work here"))
        end_box = QWidget()
        end_row = QHBoxLayout(end_box)
        end_row.setContentsMargins(0, 0, 0, 0)
        end_row.setSpacing(10)
        end_row.addWidget(self.end_edit)
        end_row.addWidget(self.present_check)
        end_row.addStretch()
        role_font = QFont(self.role_edit.font())
        role_font.setWeight(QFont.Weight.DemiBold)
        self.role_edit.setFont(role_font)
        self.bullets_edit = GrowingTextEdit(
            "expBulletsEdit", tr("What you did and achieved — one point per line"), min_lines=3, paragraph_gap=5
        )
        self._field(0, 0, tr("Job title"), self.role_edit, 2)
        self._field(0, 2, tr("Company"), self.company_edit, 2)
        self._field(1, 0, tr("Location"), self.location_edit, 2)
        self._field(1, 2, tr("Start"), self.start_edit)
        self._field(1, 3, tr("End"), end_box)
        self._field(2, 0, tr("Achievements · one per line"), self.bullets_edit, 4)
        for col, stretch in enumerate((3, 3, 2, 3)):
            self.grid.setColumnStretch(col, stretch)
        self._watch(
            self.role_edit, self.company_edit, self.location_edit, self.start_edit, self.end_edit, self.bullets_edit
        )
        self._watch(self.present_check)


class EducationCardView(_CardFrame):
    """One school: institution, degree, field of study, start and end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("educationCard", tr("Education"), parent=parent)
        self.institution_edit = _line("eduInstitutionEdit", tr("University or school"))
        self.degree_edit = _line("eduDegreeEdit", tr("e.g. M.Sc. Computer Science"))
        self.field_edit = _line("eduFieldEdit", tr("e.g. Computer Science"))
        self.start_edit = _date("eduStartEdit", "YYYY")
        self.end_edit = _date("eduEndEdit", "YYYY")
        font = QFont(self.institution_edit.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.institution_edit.setFont(font)
        self._field(0, 0, tr("Institution"), self.institution_edit, 2)
        self._field(0, 2, tr("Degree"), self.degree_edit, 2)
        self._field(1, 0, tr("Field of study"), self.field_edit, 2)
        self._field(1, 2, tr("Start"), self.start_edit)
        self._field(1, 3, tr("End"), self.end_edit)
        for col, stretch in enumerate((3, 3, 2, 3)):
            self.grid.setColumnStretch(col, stretch)
        self._watch(self.institution_edit, self.degree_edit, self.field_edit, self.start_edit, self.end_edit)


class CertificationRowView(QFrame):
    """One certification on one line: name, issuer, date, remove."""

    sig_edited = Signal()
    sig_remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("certificationRow")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.name_edit = _line("certNameEdit", tr("Certification"))
        self.issuer_edit = _line("certIssuerEdit", tr("Issuer"))
        self.date_edit = _date("certDateEdit", tr("Date"))
        self.date_edit.setMaximumWidth(110)
        self.remove_button = QToolButton()
        self.remove_button.setObjectName("removeButton")
        self.remove_button.setIcon(icon("remove"))
        self.remove_button.setIconSize(QSize(16, 16))
        self.remove_button.setAutoRaise(True)
        self.remove_button.setProperty("cardTool", True)
        self.remove_button.setToolTip(tr("Remove this certification"))
        row.addWidget(self.name_edit, 5)
        row.addWidget(self.issuer_edit, 3)
        row.addWidget(self.date_edit, 1)
        row.addWidget(self.remove_button)
        box.addLayout(row)
        self.error_label = QLabel()
        self.error_label.setObjectName("cardError")
        self.error_label.hide()
        box.addWidget(self.error_label)
        for w in (self.name_edit, self.issuer_edit, self.date_edit):
            w.textEdited.connect(self.sig_edited)
        self.remove_button.clicked.connect(self.sig_remove_requested)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))


class CardListView(QWidget):
    """A section of the page: a heading with an Add button, its cards in order, a hint when there are none."""

    sig_add_requested = Signal()

    def __init__(
        self, title: str, add_text: str, add_name: str, empty_hint: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        head = QHBoxLayout()
        head.addWidget(_section_heading(title))
        head.addStretch()
        self.add_button = QPushButton(icon("add"), add_text)
        self.add_button.setObjectName(add_name)
        self.add_button.setProperty("flat", True)
        head.addWidget(self.add_button)
        layout.addLayout(head)
        self.empty_label = QLabel(empty_hint)
        self.empty_label.setObjectName("sectionEmpty")
        layout.addWidget(self.empty_label)
        self.cards = QVBoxLayout()
        self.cards.setContentsMargins(0, 0, 0, 0)
        self.cards.setSpacing(10)
        layout.addLayout(self.cards)
        self.add_button.clicked.connect(self.sig_add_requested)

    def insert_card(self, card: QWidget, index: int) -> None:
        self.cards.insertWidget(index, card)
        self.empty_label.hide()

    def move_card(self, card: QWidget, index: int) -> None:
        self.cards.removeWidget(card)
        self.cards.insertWidget(index, card)

    def remove_card(self, card: QWidget) -> None:
        self.cards.removeWidget(card)
        card.hide()
        card.deleteLater()
        self.empty_label.setVisible(self.cards.count() == 0)

    def clear(self) -> None:
        while self.cards.count():
            item = self.cards.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.empty_label.show()


def _section_heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("cvSectionHeading")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() + 2)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def _card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("card", True)
    box = QVBoxLayout(frame)
    box.setContentsMargins(16, 14, 16, 16)
    box.setSpacing(3)
    return frame, box


class ContactCardView(QFrame):
    """Name and contact details."""

    sig_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactCard")
        self.setProperty("card", True)
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 14, 16, 16)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(3)
        self.full_name_edit = _line("fullNameEdit", tr("Your full name"))
        self.full_name_edit.setProperty("nameField", True)
        font = QFont(self.full_name_edit.font())
        font.setPointSizeF(font.pointSizeF() + 5)
        font.setWeight(QFont.Weight.DemiBold)
        self.full_name_edit.setFont(font)
        self.email_edit = _line("emailEdit", "name@example.com")
        self.phone_edit = _line("phoneEdit", "+1 555 0100")
        self.location_edit = _line("locationEdit", tr("City, country"))
        self.linkedin_edit = _line("linkedinEdit", "linkedin.com/in/…")
        self.website_edit = _line("websiteEdit", "yoursite.com")
        fields = (
            (tr("Full name"), self.full_name_edit, 0, 0, 3),
            (tr("Email"), self.email_edit, 1, 0, 1),
            (tr("Phone"), self.phone_edit, 1, 1, 1),
            (tr("Location"), self.location_edit, 1, 2, 1),
            ("LinkedIn", self.linkedin_edit, 2, 0, 1),
            (tr("Website"), self.website_edit, 2, 1, 1),
        )
        for caption, widget, row, col, span in fields:
            grid.addWidget(_caption(caption), row * 2, col, 1, span)
            grid.addWidget(widget, row * 2 + 1, col, 1, span)
            if row:
                grid.setRowMinimumHeight(row * 2, 24)
            widget.textEdited.connect(self.sig_edited)
        for column in range(3):
            grid.setColumnStretch(column, 1)


class CvEditorView(QWidget):
    """The master CV as a page of editable cards: contact, summary, experience, education, skills,
    certifications, languages. Built once per CV; the controller fills it and reads it back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cvView")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("cvScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll)

        desk = QFrame()
        desk.setObjectName("cvDesk")
        desk_row = QHBoxLayout(desk)
        desk_row.setContentsMargins(24, 20, 24, 40)
        page = QWidget()
        page.setObjectName("cvPage")
        page.setMaximumWidth(PAGE_WIDTH)
        desk_row.addStretch(1)
        desk_row.addWidget(page, 100)
        desk_row.addStretch(1)
        self.scroll.setWidget(desk)

        col = QVBoxLayout(page)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(10)

        col.addWidget(_section_heading(tr("Contact")))
        self.contact = ContactCardView()
        col.addWidget(self.contact)

        col.addSpacing(14)
        col.addWidget(_section_heading(tr("Summary")))
        summary_card, summary_box = _card()
        self.summary_edit = GrowingTextEdit(
            "summaryEdit", tr("Two or three sentences on who you are and what you are good at"), min_lines=3
        )
        summary_box.addWidget(self.summary_edit)
        col.addWidget(summary_card)

        col.addSpacing(14)
        self.experience = CardListView(
            tr("Experience"), tr("Add role"), "addExperienceButton", tr("No roles yet. Add the jobs you have held.")
        )
        col.addWidget(self.experience)

        col.addSpacing(14)
        self.education = CardListView(
            tr("Education"), tr("Add education"), "addEducationButton", tr("No education yet.")
        )
        col.addWidget(self.education)

        col.addSpacing(14)
        col.addWidget(_section_heading(tr("Skills & languages")))
        skills_card, skills_box = _card()
        self.skills_edit = _line("skillsEdit", "Python, SQL, Kubernetes, …")
        self.skills_completer = ListCompleter([], self.skills_edit)
        self.skills_edit.setCompleter(self.skills_completer)
        self.languages_edit = _line("languagesEdit", tr("English, German, …"))
        skills_box.addWidget(_caption(tr("Skills · separated by commas")))
        skills_box.addWidget(self.skills_edit)
        skills_box.addSpacing(8)
        skills_box.addWidget(_caption(tr("Spoken languages · separated by commas")))
        skills_box.addWidget(self.languages_edit)
        col.addWidget(skills_card)

        col.addSpacing(14)
        self.certifications = CardListView(
            tr("Certifications"), tr("Add certification"), "addCertificationButton", tr("No certifications.")
        )
        cert_card, cert_box = _card()
        cert_box.setSpacing(8)
        self.certification_rows = QVBoxLayout()
        self.certification_rows.setSpacing(8)
        cert_box.addLayout(self.certification_rows)
        self.certifications.cards.addWidget(cert_card)
        self.certifications.empty_label.hide()
        self.certification_card = cert_card
        col.addWidget(self.certifications)
        col.addStretch(1)

    # certifications are rows inside one card, not cards of their own
    def insert_certification(self, row: CertificationRowView, index: int) -> None:
        self.certification_rows.insertWidget(index, row)
        self._update_certifications()

    def remove_certification(self, row: CertificationRowView) -> None:
        self.certification_rows.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._update_certifications()

    def clear_certifications(self) -> None:
        while self.certification_rows.count():
            item = self.certification_rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self._update_certifications()

    def _update_certifications(self) -> None:
        has_rows = self.certification_rows.count() > 0
        self.certification_card.setVisible(has_rows)
        self.certifications.empty_label.setVisible(not has_rows)

    def text_fields(self) -> list[QLineEdit | QTextEdit]:
        """Every text field on the page, in reading order (tests and "show me the first missing field")."""
        return [
            w
            for w in self.findChildren(QWidget)
            if isinstance(w, QLineEdit | QTextEdit) and not w.objectName().startswith("qt_")
        ]


class MissingBannerView(QFrame):
    """The amber strip that says what was not found in the file, with a button to jump to the first one."""

    sig_show_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cvMissingBanner")
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 8, 16, 8)
        row.setSpacing(10)
        picture = QLabel()
        picture.setPixmap(icon("missing").pixmap(QSize(18, 18)))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setObjectName("cvMissingText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.show_button = QPushButton(tr("Show me"))
        self.show_button.setObjectName("cvMissingShowButton")
        row.addWidget(picture)
        row.addWidget(self.label, 1)
        row.addWidget(self.show_button)
        self.show_button.clicked.connect(self.sig_show_requested)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(bool(text))


class UndoBarView(QFrame):
    """ "Removed Backend Engineer at Kassa. Undo" — shown after a card is removed."""

    sig_undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cvUndoBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 6, 16, 6)
        self.label = QLabel()
        self.label.setObjectName("cvUndoText")
        self.undo_button = QPushButton(tr("Undo"))
        self.undo_button.setObjectName("cvUndoButton")
        self.close_button = QToolButton()
        self.close_button.setIcon(icon("cancel"))
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(tr("Dismiss"))
        row.addWidget(self.label, 1)
        row.addWidget(self.undo_button)
        row.addWidget(self.close_button)
        self.undo_button.clicked.connect(self.sig_undo_requested)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()
