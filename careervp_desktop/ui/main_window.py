"""The main window and the GUI entry point `run_gui`.

`MainWindow` is the controller: it builds the layout-only views (`ui/views.py`), owns the actions, decides what
happens, and runs every workflow call that may take time through the one background idiom (`ui/background.py`):
library writes on the single database lane, pure analysis on the compute lane. Results come back to `_on_*` slots
on the UI thread. Library *reads* (listing applications, latest artifacts) are quick and run on the UI thread.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QSettings, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from careervp_desktop.domain.enums import ApplicationStatus, ArtifactStatus, ArtifactType, Severity
from careervp_desktop.domain.errors import BadInputError, PasswordRequiredError
from careervp_desktop.logs import log_file
from careervp_desktop.storage.preferences import Preferences, load_preferences
from careervp_desktop.ui.app_list import PAGE_SIZE, ApplicationListController
from careervp_desktop.ui.background import BackgroundRunner, BackgroundTask, Lane, TaskContext
from careervp_desktop.ui.checks_panel import ChecksPanelView, checks_html
from careervp_desktop.ui.cv_editor import CvEditorController
from careervp_desktop.ui.document_editor import LetterEditorController
from careervp_desktop.ui.error_dialogs import APP_TITLE, show_error
from careervp_desktop.ui.gap_answers import AnswerEntry, GapAnswersView
from careervp_desktop.ui.i18n import tr, tr_finding
from careervp_desktop.ui.icons import icon
from careervp_desktop.ui.interview_answers import InterviewAnswersController, InterviewAnswersView
from careervp_desktop.ui.library_actions import LibraryActions
from careervp_desktop.ui.models import ApplicationListModel, format_updated, status_label
from careervp_desktop.ui.stream_preview import StreamPreview
from careervp_desktop.ui.style import window_stylesheet
from careervp_desktop.ui.views import (
    ApplicationSidebarView,
    ArtifactPaneView,
    CvPaneView,
    DropOverlayView,
    JobPaneView,
    ProgressBannerView,
    match_text_direction,
    pane_state_label,
    stage_label,
)

if TYPE_CHECKING:  # the workflow, the fact check and the pydantic models load after the first paint (the worker
    # opening the library imports them): imported where used
    from pydantic import BaseModel

    from careervp_desktop.analysis.fvs import FactSources
    from careervp_desktop.analysis.quality import QualityReport
    from careervp_desktop.domain.models import Application, Artifact, JobPosting, MasterCV, MatchResult, Violation
    from careervp_desktop.generation.claude.privacy import Redactor
    from careervp_desktop.generation.claude.provider import ClaudeEvent
    from careervp_desktop.generation.claude.service import ClaudeService, ServiceOptions
    from careervp_desktop.generation.pipeline import Stage
    from careervp_desktop.generation.providers import Provider
    from careervp_desktop.keychain import ApiKeyStore
    from careervp_desktop.ui.history import VersionHistoryDialog
    from careervp_desktop.ui.preferences import PreferencesDialog
    from careervp_desktop.ui.provider_status import ProviderState, ProviderStatus
    from careervp_desktop.ui.settings_dialog import ClaudeSettingsDialog
    from careervp_desktop.workflow import ExportPackage, GenerationOutcome, Workspace

log = logging.getLogger(__name__)


def cv_file_filter() -> str:
    return tr("CV files (*.pdf *.docx *.txt *.md);;PDF (*.pdf);;Word (*.docx);;Text (*.txt *.md);;All files (*)")


PREVIEW_INTERVAL_MS = 120  # how often the streamed text preview is redrawn
WARM_UP_DELAY_MS = 1_000  # the Claude SDK loads once the window has been idle this long (`_warm_up_claude`)
CV_SUFFIXES = frozenset({".pdf", ".docx", ".txt", ".md"})

# The artifact panes, in tab order: (type, icon, objectName of the document widget).
ARTIFACT_PANES: tuple[tuple[ArtifactType, str, str], ...] = (
    (ArtifactType.GAP_QUESTIONS, "gaps", "gapsView"),
    (ArtifactType.VPR, "vpr", "vprView"),
    (ArtifactType.TAILORED_CV, "tailored_cv", "tailoredCvView"),
    (ArtifactType.COVER_LETTER, "cover_letter", "coverLetterView"),
    (ArtifactType.INTERVIEW_PREP, "interview_prep", "interviewPrepView"),
)


def tab_label(art_type: ArtifactType) -> str:
    """The short name on the pane's tab, in the UI language."""
    return {
        ArtifactType.GAP_QUESTIONS: tr("Gaps"),
        ArtifactType.VPR: tr("VPR"),
        ArtifactType.TAILORED_CV: tr("Tailored CV"),
        ArtifactType.COVER_LETTER: tr("Cover letter"),
        ArtifactType.INTERVIEW_PREP: tr("Interview prep"),
    }.get(art_type, art_type.value)


def pane_title(art_type: ArtifactType) -> str:
    """The document's full name (pane heading, messages, checks), in the UI language."""
    return {
        ArtifactType.GAP_QUESTIONS: tr("Gap questions"),
        ArtifactType.VPR: tr("Value proposition"),
        ArtifactType.TAILORED_CV: tr("Tailored CV"),
        ArtifactType.COVER_LETTER: tr("Cover letter"),
        ArtifactType.INTERVIEW_PREP: tr("Interview prep"),
    }.get(art_type, art_type.value)


# --------------------------------------------------------------------------------------------------- worker side
# These run on pool threads. They get plain data, never widgets, and talk back only through `ctx`.
@dataclass(frozen=True)
class JobDraft:
    """What the Job pane holds when the user presses Generate."""

    application_id: int | None
    master_cv_id: int | None
    company: str
    title: str
    source_url: str
    jd_text: str
    hiring_manager: str = ""
    letter_tone: str = "professional"
    company_notes: str = ""
    document_language: str = ""  # "" = the job ad's


@dataclass(frozen=True)
class ApplicationSaved:
    """Progress: the application is saved (before any document is written)."""

    application: Application


@dataclass(frozen=True)
class WritingArtifact:
    """Progress: the pipeline is about to write `artifact`, number `index` (1-based) of `total`."""

    artifact: ArtifactType
    index: int
    total: int


@dataclass(frozen=True)
class ClaudeProgress:
    """Progress: what the Claude provider is doing for one document (sending, streaming, retrying, falling back)."""

    event: ClaudeEvent


@dataclass(frozen=True)
class JobAnalysis:
    jd_text: str
    job: JobPosting
    match: MatchResult | None
    estimate: str = ""  # the cost of writing the documents with Claude ("" offline)


@dataclass(frozen=True)
class LibraryOpened:
    """The library, opened off the UI thread, with what the window shows first."""

    workspace: Workspace
    master_cv: tuple[int, MasterCV] | None
    applications: list[Application]


def _open_library_work(data_dir: Path | None, ctx: TaskContext) -> LibraryOpened:
    from careervp_desktop import workflow

    ws = workflow.Workspace.open(data_dir)  # imports SQLAlchemy and may create or migrate the database

    return LibraryOpened(ws, ws.library.primary_master_cv(), ws.library.list_applications(limit=PAGE_SIZE + 1))


def _import_cv_work(ws: Workspace, path: Path, password: str | None, ctx: TaskContext) -> tuple[int, MasterCV]:
    from careervp_desktop import workflow

    return workflow.import_master_cv(ws, path, password=password)


def _analyse_work(jd_text: str, cv: MasterCV | None, service: ClaudeService | None, ctx: TaskContext) -> JobAnalysis:
    from careervp_desktop import workflow

    job = workflow.analyse_job(jd_text)
    match = None
    estimate = ""
    if cv is not None:
        from careervp_desktop.analysis.match import match_cv_to_job

        match = match_cv_to_job(cv, job)
        if service is not None:
            estimate = _estimate_line(service, cv, job, match)
    return JobAnalysis(jd_text=jd_text, job=job, match=match, estimate=estimate)


def _estimate_line(service: ClaudeService, cv: MasterCV, job: JobPosting, match: MatchResult) -> str:
    """ "With Claude: about $0.04 for the five documents…", from the offline token heuristic (no request)."""
    from careervp_desktop.generation.pipeline import ARTIFACT_ORDER
    from careervp_desktop.generation.providers import GenerationContext

    try:
        per_type = service.provider().estimate(
            GenerationContext(cv=cv, job=job, match=match), ARTIFACT_ORDER, online=False
        )
    except Exception:  # an estimate must never stop the analysis
        log.exception("cost estimate failed")
        return ""
    if not per_type:
        return ""
    usd = sum(e.usd for e in per_type.values())
    tokens = sum(e.input_tokens + e.output_tokens for e in per_type.values())
    budget = service.monthly_budget()
    if budget is None:
        return tr("With Claude: about ${usd:,.2f} ({tokens:,} tokens) for the {n} documents.").format(
            usd=usd, tokens=tokens, n=len(per_type)
        )
    return tr(
        "With Claude: about ${usd:,.2f} ({tokens:,} tokens) for the {n} documents; ${spent:,.2f} of your "
        "${budget:,.2f} monthly budget used so far."
    ).format(usd=usd, tokens=tokens, n=len(per_type), spent=service.month_spend(), budget=budget)


def _save_and_generate_work(
    ws: Workspace,
    draft: JobDraft,
    provider: Provider,
    types: tuple[ArtifactType, ...] | None,
    ctx: TaskContext,
) -> GenerationOutcome:
    from careervp_desktop import workflow

    if provider.name == "anthropic":  # the SDK, if the window has not loaded it yet (`_warm_up_claude`)
        _prepare_claude_work(ctx)
    if draft.application_id is None:
        app = workflow.create_application(
            ws,
            jd_text=draft.jd_text,
            master_cv_id=draft.master_cv_id,
            company=draft.company or None,
            title=draft.title or None,
            source_url=draft.source_url or None,
        )
        if (draft.hiring_manager, draft.company_notes, draft.letter_tone, draft.document_language) != (
            app.hiring_manager, app.company_notes, app.letter_tone, app.document_language
        ):  # fmt: skip
            app.hiring_manager, app.letter_tone = draft.hiring_manager, draft.letter_tone
            app.company_notes, app.document_language = draft.company_notes, draft.document_language
            app = ws.library.update_application(app)
    else:
        job = workflow.analyse_job(draft.jd_text)
        app = ws.library.get_application(draft.application_id)
        app.company = (draft.company or job.company or "").strip()
        app.title = (draft.title or job.title or "").strip()
        app.source_url = draft.source_url or None
        app.jd_text = draft.jd_text
        app.hiring_manager = draft.hiring_manager
        app.letter_tone = draft.letter_tone
        app.company_notes = draft.company_notes
        app.document_language = draft.document_language
        app = ws.library.update_application(app)
    ctx.report(ApplicationSaved(app))
    assert app.id is not None
    bind = getattr(provider, "for_application", None)
    if callable(bind):  # Claude: record usage under this application, report progress, stop when cancelled
        provider = bind(app.id, on_event=partial(_report_claude, ctx), is_cancelled=ctx.is_cancelled)
    outcome = workflow.generate_application(
        ws,
        app.id,
        provider=provider,
        on_progress=partial(_report_writing, ctx),
        is_cancelled=ctx.is_cancelled,
        types=types,
        on_stage=ctx.report,
    )
    _warm_checks(outcome.application)
    return outcome


def _warm_checks(app: Application) -> None:
    """Parse the job posting and load the writing rules here, off the UI thread, so showing the new documents
    does not stop the window for them (~30 ms the first time)."""
    from careervp_desktop.analysis.quality import load_rules

    load_rules()
    if app.jd_text.strip():
        _parsed_job(app.jd_text, app.company, app.title)


def _report_claude(ctx: TaskContext, event: ClaudeEvent) -> None:
    if event.kind in ("sending", "text", "retry", "repair", "fallback", "cached"):
        ctx.report(ClaudeProgress(event))


def _read_key_work(store: ApiKeyStore, ctx: TaskContext) -> bool:
    """What Claude needs, off the UI thread: the first keychain read (keyring's backend discovery alone takes
    ~200 ms, and a keychain may ask the user) and the Claude modules (~50 ms of imports)."""
    import careervp_desktop.ui.provider_status  # noqa: F401

    return bool(store.get())


def _prepare_claude_work(ctx: TaskContext) -> None:
    """The Claude SDK imported ahead of the first Generate (see `client.preload`), with the cycle collector held
    while it loads and what it made frozen after (see `gc_policy.importing`)."""
    from careervp_desktop.generation.claude.client import preload, preloaded
    from careervp_desktop.ui.gc_policy import importing

    if preloaded():  # nothing to import: no collector hold, no freeze of what exists now
        return
    with importing():
        preload()


def _provider_status_work(
    claude: ClaudeService, application_id: int | None, ctx: TaskContext
) -> tuple[ProviderState, ProviderState | None]:
    from careervp_desktop.ui.provider_status import provider_state, usage_state

    return provider_state(claude), usage_state(claude, application_id)


def _save_gap_answers_work(ws: Workspace, application_id: int, entries: list[AnswerEntry], ctx: TaskContext) -> list:
    from careervp_desktop import workflow

    return workflow.save_gap_answers(
        ws,
        application_id,
        [workflow.GapAnswerInput(e.question_id, e.answer, e.destination, e.skipped) for e in entries],
    )


def _save_settings_work(ws: Workspace, changes: dict[str, object], ctx: TaskContext) -> None:
    for key, value in changes.items():
        ws.library.set_setting(key, value)  # type: ignore[arg-type]


def _report_writing(ctx: TaskContext, artifact: ArtifactType, index: int, total: int) -> None:
    ctx.report(WritingArtifact(artifact, index, total))


def _export_work(
    ws: Workspace, application_id: int, folder: Path, page_size: str | None, ctx: TaskContext
) -> ExportPackage:
    from careervp_desktop import workflow

    return workflow.export_package(ws, application_id, folder, page_size=page_size)


@dataclass
class History:
    art_type: ArtifactType
    versions: list[Artifact]
    sent_versions: frozenset[int]


def _history_work(ws: Workspace, application_id: int, art_type: ArtifactType, ctx: TaskContext) -> History:
    versions = ws.library.artifact_versions(application_id, art_type)
    sent = frozenset(
        v
        for package in ws.library.sent_packages(application_id)
        for t, v in package.artifact_versions.items()
        if t == art_type
    )
    return History(art_type, versions, sent)


def _restore_work(ws: Workspace, application_id: int, art_type: ArtifactType, version: int, ctx: TaskContext) -> int:
    return ws.library.restore_version(application_id, art_type, version).version


@dataclass(frozen=True)
class DocumentCheck:
    """One document's checks as computed off the UI thread: the text the findings' offsets point into, the
    fact-check findings (None without a CV to check against: the stored ones stand), and the writing checks
    (None when they could not run)."""

    checked_text: str
    violations: list[Violation] | None
    quality: QualityReport | None


@dataclass(frozen=True)
class DocumentChecks:
    token: int  # which request these answer: a newer request (another application, a new fact) supersedes them
    results: dict[ArtifactType, DocumentCheck]


def _check_documents_work(
    token: int,
    documents: list[tuple[ArtifactType, dict[str, object]]],
    sources_of: Callable[[], FactSources | None],
    target_company: str | None,
    target_title: str | None,
    job: JobPosting | None,
    job_text: str | None,
    ctx: TaskContext,
) -> DocumentChecks:
    """Fact check and writing checks of the read-only documents (pure work: the COMPUTE lane). Running them here,
    not on the UI thread, keeps the window answering while five documents are checked (~100 ms on a slow host)."""
    from careervp_desktop.analysis.fvs import artifact_text, check_artifact
    from careervp_desktop.analysis.quality import check_quality
    from careervp_desktop.domain.artifacts import content_model

    sources = sources_of()
    results: dict[ArtifactType, DocumentCheck] = {}
    for art_type, raw in documents:
        if ctx.is_cancelled():
            break
        content = content_model(art_type).model_validate(raw)
        checked = artifact_text(art_type, content)
        violations = (
            check_artifact(art_type, content, sources, target_company=target_company, target_title=target_title)
            if sources is not None
            else None
        )
        try:
            quality: QualityReport | None = check_quality(art_type, content, job=job, job_text=job_text)
        except Exception:  # the document and its fact check are still shown
            log.exception("writing checks failed on a %s", art_type.value)
            quality = None
        results[art_type] = DocumentCheck(checked, violations, quality)
    return DocumentChecks(token, results)


@lru_cache(maxsize=8)
def _parsed_job(jd_text: str, company: str, title: str) -> JobPosting:
    """`workflow.job_posting`, cached: the checks and the badges ask for the same posting many times, and the
    generation worker parses it first so the UI thread finds it ready."""
    from careervp_desktop import workflow

    return workflow.job_posting(jd_text, company, title)


class FactSourcesCache:
    """`FactSources` of a master CV and the confirmed facts — ~10 ms to build, with a per-paragraph memo inside —
    built on whichever thread needs them first (a check in the background, or the UI thread) and kept for the
    latest two. Thread-safe; the CV is held so an `id` is never reused for another while cached."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[tuple[MasterCV, tuple[str, ...], FactSources]] = []

    def get(self, cv: MasterCV, facts: tuple[str, ...]) -> FactSources:
        with self._lock:
            for held, held_facts, sources in self._entries:
                if held is cv and held_facts == facts:
                    return sources
        from careervp_desktop.analysis.fvs import FactSources

        sources = FactSources.from_cv(cv, facts)  # outside the lock: another thread may build the same, harmless
        with self._lock:
            self._entries = [(cv, facts, sources), *self._entries[:1]]
        return sources

    def clear(self) -> None:
        with self._lock:
            self._entries = []


def _no_sources() -> FactSources | None:
    return None


def _set_status_work(
    ws: Workspace, application_id: int, art_type: ArtifactType, final: bool, ctx: TaskContext
) -> Artifact:
    status = ArtifactStatus.FINAL if final else ArtifactStatus.DRAFT  # DRAFT: the library keeps EDITED for edits
    return ws.library.set_artifact_status(application_id, art_type, status)


def _is_cancellation(exc: BaseException) -> bool:
    from careervp_desktop.generation.pipeline import GenerationCancelled

    return isinstance(exc, GenerationCancelled)


# --------------------------------------------------------------------------------------------------- the window
class MainWindow(QMainWindow):
    """Applications on the left; CV, Job and the five documents as tabs on the right."""

    sig_library_ready = Signal()  # the library is open and shown (or could not be opened: see library_error)
    sig_checks_changed = Signal()  # a document's fact check or writing checks changed (the checks panel follows)

    def __init__(
        self,
        workspace: Workspace | None = None,
        parent: QWidget | None = None,
        *,
        data_dir: Path | None = None,
        error_dialogs: bool = True,
        key_store: ApiKeyStore | None = None,
        claude_options: ServiceOptions | None = None,
        open_later: bool = False,
    ) -> None:
        """With a `workspace`, show it at once. Without one, the window shows immediately and opens the library in
        `data_dir` (None → the default) in the background: SQLAlchemy's import alone takes longer than Qt's
        start-up, so the window should not wait for it. `open_later`: not yet, the caller calls `open_library()`
        (run_gui: once the window is painted, which the worker's imports would otherwise slow down)."""
        super().__init__(parent)
        self._ws: Workspace | None = workspace
        self._data_dir = workspace.data_dir if workspace is not None else data_dir
        self.library_error: BaseException | None = None
        self._error_dialogs = error_dialogs
        self._runner = BackgroundRunner(self)
        self._model = ApplicationListModel(self)
        self._current_id: int | None = None
        self._master_cv: tuple[int, MasterCV] | None = None
        self._generation: BackgroundTask | None = None
        self._pending_import: Path | None = None
        self._latest: dict[ArtifactType, Artifact] = {}
        self._checked: dict[ArtifactType, tuple[str, list[Violation]]] = {}  # read-only panes: text, findings
        self._quality: dict[ArtifactType, QualityReport] = {}  # the writing checks of each document shown
        self._check_token = 0  # the newest background check request (older answers are dropped)
        self._match: MatchResult | None = None  # the CV against the job on the Job tab (for the checks panel)
        self._checks_pending = False
        self._sample_pending = False  # "Try the sample": the sample job ad follows the sample CV's import
        self._writing: tuple[str, int, int, int] | None = None  # the document being written: label, done, total, n
        self._stage: Stage | None = None  # the stage of that document, when it is written in stages
        self._stream_preview = StreamPreview()  # Claude's streamed reply, readable (see _new_stream_preview)
        self._redactor: Redactor | None = None  # for that preview, made when first needed in a generation
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_INTERVAL_MS)
        self._preview_timer.timeout.connect(self._on_preview_timer)
        self._banner_timer = QTimer(self)  # the progress banner shows the latest of a burst of events (`_banner_later`)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.setInterval(0)
        self._banner_timer.timeout.connect(self._on_banner_timer)
        self._banner_pending: tuple[str, int, int, tuple[str, ...], int] | None = None
        self._facts: tuple[str, ...] = ()  # confirmed facts besides the CV (knowledge base, gap answers)
        self._fact_sources = FactSourcesCache()
        self._selecting = False
        self._splitter_state: QByteArray | None = None
        self.history_dialog: VersionHistoryDialog | None = None  # the last one opened (tests drive it)
        self._closed = False
        self._key_store = key_store  # None: the OS keychain (keychain.default_store())
        self._claude_options = claude_options  # tests point these at a fake Messages API
        self._claude: ClaudeService | None = None  # one per open library: its breaker outlives a generation
        self._claude_prepared = False  # the SDK is being or was loaded ahead of the first Generate
        self._warm_up_timer = QTimer(self)  # `_warm_up_claude` waits for an idle window
        self._warm_up_timer.setSingleShot(True)
        self._warm_up_timer.setInterval(WARM_UP_DELAY_MS)
        self._warm_up_timer.timeout.connect(self._warm_up_claude)
        self._status_task: BackgroundTask | None = None  # status bar lines being read
        self._status_again = False
        self._provider_status: ProviderStatus | None = None
        self.settings_dialog: ClaudeSettingsDialog | None = None  # made on first use, then kept
        self.general_settings_dialog: PreferencesDialog | None = None  # the last one opened (tests drive it)
        self._analysis_timer = QTimer(self)  # analyse the job description shortly after the user stops typing
        self._analysis_timer.setSingleShot(True)
        self._analysis_timer.setInterval(700)

        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("app"))
        self.resize(1200, 800)
        self.setMinimumSize(900, 600)
        self._prefs: Preferences = load_preferences()  # theme, offline-only, paper, data folder (per machine)
        self.setStyleSheet(window_stylesheet())
        self.setAcceptDrops(True)  # drop a CV file anywhere on the window to import it
        self._build_actions()
        self._build_layout()
        self._connect()
        self._restore_window_state()
        if self._prefs.offline_only:
            self._refresh_provider_status()  # "Offline only" from the first frame, not after the keychain answers
        if workspace is not None:
            self._show_library(
                workspace.library.primary_master_cv(), workspace.library.list_applications(limit=PAGE_SIZE + 1)
            )
        else:
            self._open_library(start=not open_later)

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        def action(text: str, icon_name: str, shortcut: QKeySequence | str, tip: str, name: str) -> QAction:
            act = QAction(icon(icon_name), text, self)
            act.setShortcut(QKeySequence(shortcut))
            act.setStatusTip(tip)
            act.setToolTip(f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            act.setObjectName(name)
            return act

        self.act_new = action(
            tr("New application"),
            "new",
            QKeySequence.StandardKey.New,
            tr("Start a new application"),
            "actionNewApplication",
        )
        self.act_import_cv = action(
            tr("Import CV…"), "import", QKeySequence.StandardKey.Open, tr("Import your master CV"), "actionImportCv"
        )
        self.act_generate = action(
            tr("Generate"), "generate", "Ctrl+G", tr("Write all documents for this job"), "actionGenerate"
        )
        self.act_export = action(
            tr("Export…"), "export", "Ctrl+E", tr("Save the documents as Word and PDF files"), "actionExport"
        )
        self.act_search = QAction(tr("Search applications"), self)
        self.act_search.setObjectName("actionSearch")
        self.act_search.setShortcut(QKeySequence.StandardKey.Find)
        self.act_back_up = QAction(tr("Back up library…"), self)
        self.act_back_up.setObjectName("actionBackUp")
        self.act_back_up.setStatusTip(
            tr("Save your whole library (CVs, applications, versions, facts) as one .zip file")
        )
        self.act_restore = QAction(tr("Restore from backup…"), self)
        self.act_restore.setObjectName("actionRestore")
        self.act_restore.setStatusTip(tr("Bring back a library backup, or move your library from another computer"))
        self.act_import_application = QAction(tr("Import application…"), self)
        self.act_import_application.setObjectName("actionImportApplication")
        self.act_delete_all = QAction(tr("Delete all my data…"), self)
        self.act_delete_all.setObjectName("actionDeleteAll")
        self.act_quit = action(tr("Quit"), "quit", QKeySequence.StandardKey.Quit, tr("Quit CareerVP"), "actionQuit")
        self.act_quit.setShortcuts([QKeySequence("Ctrl+Q")])
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.act_settings = QAction("Claude…", self)
        self.act_settings.setObjectName("actionSettings")
        self.act_settings.setShortcut(QKeySequence.StandardKey.Preferences)
        self.act_settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.act_settings.setStatusTip(tr("API key, which model writes what, monthly budget and prices"))
        self.act_retry_claude = QAction(tr("Retry with Claude"), self)
        self.act_retry_claude.setObjectName("actionRetryClaude")
        self.act_retry_claude.setStatusTip(tr("Write again with Claude the documents that were drafted offline"))
        self.act_retry_claude.setEnabled(False)
        self.act_analyse = action(
            tr("Analyse job"),
            "analyse",
            "Ctrl+Shift+A",
            tr("Show the requirements found in the job description"),
            "actionAnalyse",
        )

        menu_file = self.menuBar().addMenu(tr("&File"))
        menu_file.addActions([self.act_new, self.act_import_cv])
        menu_file.addSeparator()
        menu_file.addAction(self.act_export)
        menu_file.addSeparator()
        menu_file.addActions([self.act_back_up, self.act_restore, self.act_import_application])
        menu_file.addSeparator()
        menu_file.addAction(self.act_delete_all)
        menu_file.addSeparator()
        menu_file.addAction(self.act_quit)
        menu_edit = self.menuBar().addMenu(tr("&Edit"))
        menu_edit.addAction(self.act_search)
        self.menu_view = self.menuBar().addMenu(tr("&View"))
        menu_app = self.menuBar().addMenu(tr("&Application"))
        menu_app.addActions([self.act_analyse, self.act_generate, self.act_retry_claude])
        menu_settings = self.menuBar().addMenu(tr("&Settings"))  # "Settings ▸ Claude", as the messages say
        menu_settings.addAction(self.act_settings)
        self.act_general_settings = QAction(tr("General…"), self)
        self.act_general_settings.setObjectName("actionGeneralSettings")
        self.act_general_settings.setStatusTip(tr("Theme, offline-only mode, paper size and data folder"))
        self.act_general_settings.triggered.connect(self._on_general_settings_requested)
        menu_settings.addAction(self.act_general_settings)

        toolbar = QToolBar(tr("Main"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        toolbar.addActions([self.act_new, self.act_import_cv])
        toolbar.addSeparator()
        toolbar.addActions([self.act_generate, self.act_export])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def _build_layout(self) -> None:
        self.sidebar = ApplicationSidebarView()
        self.sidebar.list_view.setModel(self._model)
        self.sidebar.setMinimumWidth(240)
        self.sidebar.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.app_list = ApplicationListController(self.sidebar, self._model, self._runner, self)
        self.library_actions = LibraryActions(self, self, self._runner)

        self.cv_pane = CvPaneView()
        self.cv_editor = CvEditorController(self.cv_pane, self._runner, self)
        self.job_pane = JobPaneView()
        self.artifact_panes: dict[ArtifactType, ArtifactPaneView] = {}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("paneTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.cv_pane, icon("cv"), tr("CV"))
        self.tabs.addTab(self.job_pane, icon("job"), tr("Job"))
        for art_type, icon_name, view_name in ARTIFACT_PANES:
            label = tab_label(art_type)
            pane = ArtifactPaneView(
                pane_title(art_type), icon_name, view_name, editable=art_type == ArtifactType.COVER_LETTER
            )
            pane.setObjectName(f"{view_name}Pane")
            self.artifact_panes[art_type] = pane
            self.tabs.addTab(pane, icon(icon_name), label)
        self.letter_editor = LetterEditorController(
            self.artifact_panes[ArtifactType.COVER_LETTER], self._runner, self.fact_sources_getter, self
        )
        # Tailored CV: compare it with the master CV, side by side.
        tailored_pane = self.artifact_panes[ArtifactType.TAILORED_CV]
        self.compare_button = QToolButton()
        self.compare_button.setObjectName("tailoredCvCompareButton")
        self.compare_button.setText(tr("Compare with your CV"))
        self.compare_button.setToolTip(tr("See what the tailoring moved or reworded, side by side with your CV"))
        self.compare_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.compare_button.setVisible(False)
        tailored_pane.header.actions.insertWidget(0, self.compare_button)
        self.compare_button.clicked.connect(self.compare_tailored_cv)
        self._compare_dialog: QDialog | None = None
        # Interview prep: the user's own answers under the prep, polished into STAR on request.
        interview_pane = self.artifact_panes[ArtifactType.INTERVIEW_PREP]
        self.interview_answers_view = InterviewAnswersView()
        interview_pane._body.addWidget(self.interview_answers_view)
        interview_pane._body.setStretchFactor(2, 2)
        self.interview_answers = InterviewAnswersController(
            self.interview_answers_view, self._runner, self.fact_sources, self
        )
        # The Gaps tab is where the user answers: cards instead of the read-only list of questions.
        gaps_pane = self.artifact_panes[ArtifactType.GAP_QUESTIONS]
        self.gap_answers = GapAnswersView()
        gaps_pane.document.setVisible(False)
        gaps_pane._body.insertWidget(0, self.gap_answers)
        self._gap_answers_for: int | None = None  # the application the cards belong to

        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.setSpacing(0)
        right_box.addWidget(self.tabs, 1)
        self.progress = ProgressBannerView(right)  # floats over the foot of the panes, outside the layout

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter = splitter
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 920])
        self.setCentralWidget(splitter)

        self.drop_overlay = DropOverlayView(self)

        # The checks panel: fact check, writing, ATS and the match of what is on screen (View ▸ Checks).
        self.checks_panel = ChecksPanelView()
        self.checks_dock = QDockWidget(tr("Checks"), self)
        self.checks_dock.setObjectName("checksDock")
        self.checks_dock.setWidget(self.checks_panel)
        self.checks_panel.setMinimumWidth(240)  # narrower, its sentences break mid-word
        self.checks_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.checks_dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.checks_dock)
        self.resizeDocks([self.checks_dock], [300], Qt.Orientation.Horizontal)
        self.act_checks = self.checks_dock.toggleViewAction()
        self.act_checks.setObjectName("actionChecks")
        self.act_checks.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.act_checks.setStatusTip(tr("Show or hide the checks: fact check, writing, ATS score and the match"))
        self.menu_view.addAction(self.act_checks)
        self._fill_timer = QTimer(self)  # documents shown one per event-loop turn (_show_artifacts)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._on_fill_timer)
        self._fill_steps: deque[Callable[[], None]] = deque()
        self._fill_then: Callable[[], None] | None = None
        self._checks_timer = QTimer(self)  # many changes in one turn → one refresh of the panel
        self._checks_timer.setSingleShot(True)
        self._checks_timer.setInterval(0)
        self._checks_timer.timeout.connect(self._refresh_checks_panel)

        self.retry_button = QToolButton()
        self.retry_button.setObjectName("retryClaudeButton")
        self.retry_button.setDefaultAction(self.act_retry_claude)
        self.retry_button.setAutoRaise(True)
        self.retry_button.setVisible(False)
        self.provider_button = QToolButton()  # who writes the documents; a click opens Settings ▸ Claude
        self.provider_button.setObjectName("providerStatus")
        self.provider_button.setAutoRaise(True)
        self.provider_button.setText(tr("Offline engine"))
        self.provider_button.setToolTip(tr("Documents are drafted on this computer by the offline engine."))
        self.usage_label = QLabel()  # what Claude cost: this application, this month, budget left
        self.usage_label.setObjectName("usageStatus")
        self.usage_label.setAccessibleName(tr("Claude usage"))
        self.usage_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.usage_label)
        self.statusBar().addPermanentWidget(self.retry_button)
        self.statusBar().addPermanentWidget(self.provider_button)
        self.statusBar().setSizeGripEnabled(False)

    def _connect(self) -> None:
        self.act_new.triggered.connect(self._on_new_application_requested)
        self.act_import_cv.triggered.connect(self._on_import_cv_requested)
        self.act_generate.triggered.connect(self._on_generate_requested)
        self.act_export.triggered.connect(self._on_export_requested)
        self.act_analyse.triggered.connect(self._on_analyse_requested)
        self.act_quit.triggered.connect(self.close)
        self.act_search.triggered.connect(self._on_search_requested)
        self.act_back_up.triggered.connect(self._on_back_up_requested)
        self.act_restore.triggered.connect(self._on_restore_requested)
        self.act_import_application.triggered.connect(self._on_import_application_requested)
        self.act_delete_all.triggered.connect(self._on_delete_all_requested)
        self.act_settings.triggered.connect(self._on_settings_requested)
        self.gap_answers.sig_save_requested.connect(self._on_gap_answers_requested)
        self.act_retry_claude.triggered.connect(self._on_retry_claude_requested)
        self.provider_button.clicked.connect(self._on_settings_requested)
        self.sidebar.list_view.customContextMenuRequested.connect(self._on_list_context_menu)
        self.app_list.sig_reloaded.connect(self._on_list_reloaded)
        self.library_actions.sig_application_changed.connect(self._on_application_changed)
        self.library_actions.sig_application_deleted.connect(self._on_application_deleted)
        self.library_actions.sig_library_changed.connect(self._on_library_changed)
        self.library_actions.sig_library_erased.connect(self._on_library_erased)
        self.library_actions.sig_message.connect(self._on_action_message)
        self.sidebar.new_button.clicked.connect(self._on_new_application_requested)
        self.sidebar.list_view.selectionModel().currentChanged.connect(self._on_current_application_changed)
        self.cv_pane.sig_import_requested.connect(self._on_import_cv_requested)
        self.cv_pane.sig_sample_requested.connect(self.try_sample)
        self.cv_editor.sig_saved.connect(self._on_cv_saved)
        self.cv_editor.sig_save_failed.connect(self._on_cv_save_failed)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.job_pane.analyse_button.clicked.connect(self._on_analyse_requested)
        self.job_pane.generate_button.clicked.connect(self._on_generate_requested)
        self.job_pane.jd_edit.textChanged.connect(self._on_job_text_changed)
        self._analysis_timer.timeout.connect(self._on_analysis_timer)
        self.progress.sig_cancel_requested.connect(self._on_cancel_generation_requested)
        self.letter_editor.sig_saved.connect(self._on_letter_saved)
        self.interview_answers.sig_saved.connect(self._on_interview_answers_saved)
        self.letter_editor.sig_save_failed.connect(self._on_letter_save_failed)
        self.letter_editor.sig_checked.connect(self._on_letter_checked)
        for art_type, pane in self.artifact_panes.items():
            pane.violations.sig_accept_requested.connect(partial(self._on_accept_claim_requested, art_type))
            pane.sig_history_requested.connect(partial(self._on_history_requested, art_type))
            pane.sig_regenerate_requested.connect(partial(self._on_regenerate_requested, art_type))
            pane.sig_final_toggled.connect(partial(self.set_document_final, art_type))
        self.sig_checks_changed.connect(self._checks_timer.start)
        self.checks_dock.visibilityChanged.connect(self._on_checks_visibility)
        self._model.modelReset.connect(self._on_model_size_changed)
        self._model.rowsInserted.connect(self._on_model_size_changed)
        self._model.rowsRemoved.connect(self._on_model_size_changed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._on_about_to_quit)
            app.applicationStateChanged.connect(self._on_application_state_changed)

    def _open_library(self, *, start: bool = True) -> None:
        self._update_actions()
        self.statusBar().showMessage(tr("Opening your library…"))
        if start:
            self.open_library()

    def open_library(self) -> None:
        """Open the library in `data_dir` in the background (a window made with `open_later` says it is opening
        from its first frame, and starts when this is called)."""
        self._runner.run(
            "open-library",
            partial(_open_library_work, self._data_dir),
            lane=Lane.DATABASE,
            on_success=self._on_library_opened,
            on_failure=self._on_library_failed,
        )

    def _on_library_opened(self, opened: LibraryOpened) -> None:
        self._ws = opened.workspace
        self._data_dir = opened.workspace.data_dir
        self.statusBar().clearMessage()
        self._show_library(opened.master_cv, opened.applications)

    def _on_library_failed(self, exc: BaseException) -> None:
        self.library_error = exc
        self.statusBar().showMessage(tr("Your library could not be opened."))
        self.sig_library_ready.emit()
        if self._error_dialogs:
            show_error(self, exc, action=tr("open your library"), log_path=self._log_path())

    def _show_library(self, master_cv: tuple[int, MasterCV] | None, applications: list[Application]) -> None:
        self._master_cv = master_cv
        self._show_master_cv()
        assert self._ws is not None
        self.app_list.attach(self._ws, applications)
        if self._model.rowCount() > 0:
            self.select_application(self._model.application_at(0).id)  # type: ignore[union-attr]
        else:
            self._show_new_application()
        self._update_actions()
        self.sig_library_ready.emit()
        self._start_claude()  # after the list is up: the keychain and Claude modules load in the background

    # ------------------------------------------------------------------ Claude
    def _store(self) -> ApiKeyStore:
        if self._key_store is None:
            from careervp_desktop.keychain import default_store  # imports nothing slow; keyring loads on first read

            self._key_store = default_store()
        return self._key_store

    def _start_claude(self) -> None:
        """Attach Claude once the keychain has answered, in the background: the list shows first."""
        if self._closed:  # closed while the library was opening: its runner takes no more work
            return
        self._detach_claude()  # a library opened again (restore, delete all) gets a service of its own
        self._runner.run(
            "read-key",
            partial(_read_key_work, self._store()),
            lane=Lane.COMPUTE,
            on_success=self._on_key_read,
            on_failure=self._on_key_read,
        )

    @Slot(object)
    def _on_key_read(self, _result: object) -> None:
        if self._claude is None and self._ws is not None:
            self._attach_claude(self._ws)

    def _claude_now(self) -> ClaudeService | None:
        """The Claude service, attached now if the background start has not finished yet (a fast click); None
        in offline-only mode (Settings ▸ General): then nothing is sent anywhere, key or not."""
        if self._prefs.offline_only:
            return None
        return self._claude_attached()

    def _claude_attached(self) -> ClaudeService | None:
        """The Claude service, attached now if the background start has not finished yet; None only while the
        library is not open. Also in offline-only mode: Settings ▸ Claude still keeps the key and the budget."""
        if self._claude is None and self._ws is not None:
            self._attach_claude(self._ws)
        return self._claude

    def _attach_claude(self, ws: Workspace) -> None:
        """One Claude service per open library (its cache, ledger and settings); the status bar follows it."""
        from careervp_desktop import workflow
        from careervp_desktop.ui.provider_status import ProviderStatus

        self._detach_claude()
        self._claude = workflow.claude_service(ws, store=self._store(), options=self._claude_options)
        self._provider_status = ProviderStatus(self._claude, self)
        self._provider_status.sig_changed.connect(self._refresh_provider_status)
        self._refresh_provider_status()
        self._warm_up_timer.start()

    def _warm_up_claude(self) -> None:
        """With a key and Claude allowed, load the SDK in the background once the window is idle: the first
        Generate then neither waits 1–2 s for ~3,500 modules nor stutters while they load (a Generate before
        that loads them itself, the same way). Once per window."""
        if self._claude_prepared or self._prefs.offline_only or self._claude is None or not self._claude.api_key():
            return
        if self._closed:
            return
        if self.is_busy():  # the window is still filling, or working: later
            self._warm_up_timer.start()
            return
        self._claude_prepared = True
        self._runner.run(
            "prepare-claude",
            _prepare_claude_work,
            lane=Lane.COMPUTE,
            on_failure=self._on_prepare_failed,
        )

    def claude_sdk_loaded(self) -> bool:
        """True once the Claude SDK is loaded in this process (see `_warm_up_claude`)."""
        from careervp_desktop.generation.claude.client import preloaded

        return preloaded()

    @Slot(object)
    def _on_prepare_failed(self, exc: BaseException) -> None:
        log.warning("could not load the Claude SDK ahead of time: %s", type(exc).__name__)  # Generate will say why

    def _detach_claude(self) -> None:
        if self.settings_dialog is not None:  # it talks to the old service; kept (hidden) until the window goes,
            self.settings_dialog.hide()  # so a test connection still running reports to a live object
            self.settings_dialog = None
        if self._provider_status is not None:
            self._provider_status.detach()
            self._provider_status.deleteLater()
            self._provider_status = None
        if self._claude is not None:
            self._claude.close()
            self._claude = None

    def claude_service(self) -> ClaudeService | None:
        return self._claude

    def provider_status(self) -> str:
        return self.provider_button.text()

    @Slot()
    def _refresh_provider_status(self) -> None:
        """The status bar's provider line and usage line. With a key they need the library (this month's spend,
        the budget, this application's tokens: ~5–15 ms of queries), so they are read in the background; a refresh
        asked for while one is reading runs once more after it."""
        if self._prefs.offline_only:
            self.provider_button.setText(tr("Offline only"))
            self.provider_button.setToolTip(
                tr(
                    "Offline-only mode: documents are drafted on this computer and nothing is sent anywhere, "
                    "even with an API key set.\nTurn it off in Settings ▸ General."
                )
            )
            self._show_status_lines(None, None)
            return
        claude = self._claude
        if claude is None or not claude.api_key():
            from careervp_desktop.ui.provider_status import provider_state

            self._show_status_lines(provider_state(None), None)
            return
        self._update_retry()  # needs no library: at once
        if self._status_task is not None:
            self._status_again = True
            return
        if self._closed:
            return
        self._status_task = self._runner.run(
            "provider-status",
            partial(_provider_status_work, claude, self._current_id),
            lane=Lane.COMPUTE,  # reads only; the database lane may be busy with a generation for a minute
            on_success=self._on_provider_status_read,
            on_failure=self._on_provider_status_failed,
        )

    @Slot(object)
    def _on_provider_status_read(self, lines: tuple[ProviderState, ProviderState | None]) -> None:
        self._status_task = None
        if not self._prefs.offline_only and self._claude is not None:
            self._show_status_lines(*lines)
        self._status_read_again()

    @Slot(object)
    def _on_provider_status_failed(self, exc: BaseException) -> None:
        # the status line must never take the window down (e.g. a settings read failed): the old text stays
        log.error("provider status failed: %s", type(exc).__name__)
        self._status_task = None
        self._status_read_again()

    def _status_read_again(self) -> None:
        if self._status_again:
            self._status_again = False
            self._refresh_provider_status()

    def _show_status_lines(self, state: ProviderState | None, usage: ProviderState | None) -> None:
        if state is not None:
            self.provider_button.setText(state.text)
            self.provider_button.setToolTip(
                tr("{tooltip}\nClick to open Settings ▸ Claude.").format(tooltip=state.tooltip)
            )
        self.usage_label.setVisible(usage is not None)
        if usage is not None:
            self.usage_label.setText(usage.text)
            self.usage_label.setToolTip(usage.tooltip)
        self._update_retry()

    def _provider(self, *, regenerate: bool, feedback: str = "") -> Provider:
        """Claude when a key is set (it falls back offline per document, labelled), else the offline engine."""
        from careervp_desktop import workflow

        claude = self._claude_now()
        if claude is not None and claude.api_key():
            return claude.provider(None, regenerate=regenerate, feedback=feedback)
        return workflow.select_provider("offline")

    def regenerate_document(self, art_type: ArtifactType, feedback: str = "") -> None:
        """Write one document again (a new version; the others and their edits stay), with the user's wishes."""
        claude = self._claude_now()
        if feedback.strip() and not (claude is not None and claude.api_key()):
            self.statusBar().showMessage(
                tr(
                    "The offline engine writes from your CV and answers only; your wishes are used when "
                    "writing with Claude (Settings ▸ Claude)."
                ),
                10_000,
            )
        self.generate(types=(art_type,), feedback=feedback.strip(), fresh=True)

    def _on_regenerate_requested(self, art_type: ArtifactType) -> None:
        if self.is_generating():
            return
        label = pane_title(art_type).lower()
        text, ok = QInputDialog.getMultiLineText(
            self,
            tr("Regenerate the {document}").format(document=label),
            tr(
                "What should change? (optional: “more technical”, “shorter”, “lead with the payments "
                "work”)\nA new version is written; the current one stays in History."
            ),
        )
        if ok:
            self.regenerate_document(art_type, text)

    def offline_fallbacks(self) -> list[ArtifactType]:
        """The current application's documents that were drafted offline because Claude could not write them."""
        return [t for t, a in self._latest.items() if a.provenance.fallback_reason is not None]

    def _update_retry(self) -> None:
        fallbacks = bool(self.offline_fallbacks())
        can = (
            fallbacks
            and not self._prefs.offline_only
            and self._claude is not None
            and self._claude.available
            and not self.is_generating()
        )
        self.act_retry_claude.setEnabled(bool(can))
        self.retry_button.setVisible(fallbacks and self._claude is not None and bool(self._claude.api_key()))

    def retry_with_claude(self) -> None:
        """Write again with Claude only the documents that were drafted offline (the others stay as they are)."""
        fallbacks = self.offline_fallbacks()
        types = tuple(t for t, *_ in ARTIFACT_PANES if t in fallbacks)
        if not types:
            return
        if self._claude is not None:
            self._claude.breaker.reset()  # the user asked explicitly: let one attempt through now
        self.generate(types=types)

    @Slot()
    def _on_retry_claude_requested(self) -> None:
        self.retry_with_claude()

    def open_settings(self) -> ClaudeSettingsDialog | None:
        """Show Settings ▸ Claude (non-modal; Save writes the settings on the database lane)."""
        claude = self._claude_attached()  # in offline-only mode too: the dialog says nothing is sent
        if claude is None:
            self.statusBar().showMessage(tr("Please wait: your library is still opening."), 5_000)
            return None
        from careervp_desktop.ui.settings_dialog import ClaudeSettingsDialog

        if self.settings_dialog is None:
            self.settings_dialog = ClaudeSettingsDialog(claude, self._store(), self._runner, self)
            self.settings_dialog.sig_key_changed.connect(self._on_key_changed)
            self.settings_dialog.accepted.connect(self._on_settings_accepted)
        else:
            self.settings_dialog.refresh()
        self.settings_dialog.set_offline_only(self._prefs.offline_only)
        self.settings_dialog.show()
        self.settings_dialog.raise_()
        return self.settings_dialog

    def open_general_settings(self) -> PreferencesDialog:
        """Settings ▸ General: theme, offline-only, paper, data folder (saved per machine)."""
        from careervp_desktop.storage.paths import default_data_dir
        from careervp_desktop.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self._prefs, self, data_dir=self._data_dir or default_data_dir())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_saved.connect(self._on_preferences_saved)
        dialog.open()
        self.general_settings_dialog = dialog
        return dialog

    @Slot()
    def _on_general_settings_requested(self) -> None:
        self.open_general_settings()

    @Slot(object)
    def _on_preferences_saved(self, prefs: Preferences) -> None:
        from careervp_desktop.ui import i18n

        self._prefs = prefs
        if self.settings_dialog is not None:  # open or kept hidden: the connection test follows the mode
            self.settings_dialog.set_offline_only(prefs.offline_only)
        self._refresh_provider_status()
        self._warm_up_timer.start()  # offline-only turned off
        if i18n.resolve(prefs.language) != i18n.language():
            message = tr("Settings saved: restart CareerVP to see it in {language}.").format(
                language=i18n.LANGUAGE_NAMES[i18n.resolve(prefs.language)]
            )
        elif prefs.offline_only:
            message = tr("Settings saved: documents are drafted offline only.")
        else:
            message = tr("Settings saved.")
        self.statusBar().showMessage(message, 8_000)

    @Slot()
    def _on_settings_requested(self) -> None:
        self.open_settings()

    @Slot()
    def _on_key_changed(self) -> None:
        self._refresh_provider_status()
        self._warm_up_timer.start()  # a key was set
        if self.job_pane.jd_edit.toPlainText().strip():
            self.analyse_job(quiet=True)  # the cost estimate appears or goes

    @Slot()
    def _on_settings_accepted(self) -> None:
        if self.settings_dialog is None or self._ws is None:
            return
        changes = self.settings_dialog.changes()
        self._runner.run(
            "save-settings",
            partial(_save_settings_work, self._ws, changes),
            lane=Lane.DATABASE,
            on_success=self._on_settings_saved,
            on_failure=self._on_settings_save_failed,
        )

    @Slot(object)
    def _on_settings_saved(self, _result: object) -> None:
        self.statusBar().showMessage(tr("Settings saved."), 5_000)
        self._refresh_provider_status()
        if self._claude is not None:
            for warning in self._claude.deprecation_warnings():
                self.statusBar().showMessage(warning, 15_000)

    @Slot(object)
    def _on_settings_save_failed(self, exc: BaseException) -> None:
        show_error(self, exc, action=tr("save the settings"), log_path=self._log_path())

    def is_library_open(self) -> bool:
        return self._ws is not None

    # ------------------------------------------------------------------ public controller API
    def workspace(self) -> Workspace:
        if self._ws is None:
            raise RuntimeError(tr("the library is not open yet"))
        return self._ws

    def current_application_id(self) -> int | None:
        return self._current_id

    def master_cv(self) -> MasterCV | None:
        """The primary master CV as shown (and being edited) on the CV tab; None until one is imported."""
        return self.cv_editor.current_cv() if self._master_cv else None

    def is_busy(self) -> bool:
        """Background work running, or a long CV's cards still being built."""
        return self._runner.is_busy() or self.cv_editor.is_loading()

    def is_generating(self) -> bool:
        return self._generation is not None

    def checks_pending(self) -> bool:
        """True while the documents shown are being checked again in the background (their badges then show
        the findings stored with them)."""
        return self._checks_pending

    def wait_for_background_work(self, timeout_ms: int = 30_000) -> bool:
        """Block until background work returns; its results arrive on the next event-loop turn (tests)."""
        return self._runner.wait_for_done(timeout_ms)

    def new_application(self) -> None:
        """Start a new, unsaved application (saved when the user presses Generate)."""
        if self.is_generating():
            return
        self._show_new_application()
        self.tabs.setCurrentWidget(self.job_pane if self._master_cv else self.cv_pane)
        if self._master_cv:
            self.job_pane.jd_edit.setFocus()

    def request_import(self, path: Path) -> None:
        """Import `path` as the user asked (button or drop): over an existing master CV, ask first."""
        if self._master_cv is not None:
            answer = QMessageBox.question(
                self,
                APP_TITLE,
                tr(
                    "Replace your master CV with {name}?\n\nThe CV you have now, with your edits, stays in your "
                    "library; new applications will use the imported one."
                ).format(name=path.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.import_cv(path)

    def import_cv(self, path: Path, *, password: str | None = None) -> None:
        """Import a CV file as the primary master CV, in the background (no questions asked)."""
        self.cv_editor.flush()  # pending edits of the current CV are saved first (same lane, so in order)
        self._pending_import = path
        self.statusBar().showMessage(tr("Reading {name}…").format(name=path.name))
        self._runner.run(
            "import-cv",
            partial(_import_cv_work, self.workspace(), path, password),
            lane=Lane.DATABASE,
            on_success=self._on_cv_imported,
            on_failure=self._on_cv_import_failed,
        )
        self._update_actions()

    def compare_tailored_cv(self) -> None:
        """The tailored CV side by side with the master CV (what the tailoring moved or reworded)."""
        from careervp_desktop.domain.models import MasterCV
        from careervp_desktop.ui.compare import CvCompareDialog

        tailored = self._latest.get(ArtifactType.TAILORED_CV)
        if tailored is None or self._master_cv is None:
            return
        app = self._current_application()
        title = (
            tr("Tailored for {display_name}").format(display_name=app.display_name)
            if app is not None
            else tr("Tailored CV")
        )
        dialog = CvCompareDialog(self._master_cv[1], MasterCV.model_validate(tailored.content), title, self)
        self._compare_dialog = dialog
        dialog.open()

    def try_sample(self) -> None:
        """First run: import the bundled sample CV and put the sample job ad on the Job tab, ready to Generate."""
        from careervp_desktop.resources import resource_path

        if not self.is_library_open() or self._pending_import is not None:
            return
        self._sample_pending = True
        self.import_cv(resource_path("samples", "sample_cv.md"))

    def analyse_job(self, *, quiet: bool = False) -> None:
        """Show what we read in the job description (and the match with the CV), in the background."""
        text = self.job_pane.jd_edit.toPlainText()
        if not text.strip():
            if not quiet:
                show_error(
                    self,
                    BadInputError(tr("The job description is empty: paste the job ad text first.")),
                    action=tr("analyse the job"),
                    log_path=self._log_path(),
                )
            return
        cv = self.master_cv()
        claude = None if self._prefs.offline_only else self._claude
        service = claude if claude is not None and claude.api_key() else None
        self._runner.run(
            "analyse-job",
            partial(_analyse_work, text, cv, service),
            lane=Lane.COMPUTE,
            on_success=self._on_job_analysed,
            on_failure=self._on_job_analysis_failed if not quiet else self._on_quiet_analysis_failed,
        )

    def generate(
        self, *, types: tuple[ArtifactType, ...] | None = None, feedback: str = "", fresh: bool = False
    ) -> None:
        """Save the application (new or edited) and write its documents (`types`; None: all), in the background.
        With an API key Claude writes them (what it cannot write is drafted offline and labelled so); pressing
        Generate again asks afresh rather than answering from the response cache."""
        if self.is_generating():
            return
        text = self.job_pane.jd_edit.toPlainText()
        if self._master_cv is None:
            self.tabs.setCurrentWidget(self.cv_pane)
            show_error(
                self,
                BadInputError(tr("Import your CV first: everything is written from what it says.")),
                action="generate",
                log_path=self._log_path(),
            )
            return
        if not text.strip():
            self.tabs.setCurrentWidget(self.job_pane)
            show_error(
                self,
                BadInputError(tr("The job description is empty: paste the job ad text, then Generate.")),
                action="generate",
                log_path=self._log_path(),
            )
            return
        self.flush_edits()  # the generation (queued after the saves on the same lane) reads the edited CV
        draft = JobDraft(
            application_id=self._current_id,
            master_cv_id=self._master_cv[0],
            company=self.job_pane.company_edit.text().strip(),
            title=self.job_pane.title_edit.text().strip(),
            source_url=self.job_pane.url_edit.text().strip(),
            jd_text=text,
            hiring_manager=self.job_pane.manager_edit.text().strip(),
            letter_tone=self.job_pane.letter_tone(),
            company_notes=self.job_pane.company_notes_edit.toPlainText().strip(),
            document_language=self.job_pane.document_language(),
        )
        fresh = fresh or bool(feedback) or (types is None and bool(self._latest))  # not from the response cache
        provider = self._provider(regenerate=fresh, feedback=feedback)
        self._redactor = None  # the CV may have changed since the last generation
        self._generation = self._runner.run(
            "generate",
            partial(_save_and_generate_work, self.workspace(), draft, provider, types),
            lane=Lane.DATABASE,
            on_success=self._on_generated,
            on_failure=self._on_generation_failed,
            on_progress=self._on_generation_progress,
        )
        self._banner_now(tr("Saving the application…"), 0, 0)
        self._set_generating(True)

    def cancel_generation(self) -> None:
        if self._generation is not None:
            self._generation.cancel()
            self.progress.show_cancelling()

    def export_to(self, folder: Path) -> None:
        """Write the current application's documents into `folder`, in the background."""
        if self._current_id is None:
            return
        self.flush_edits()  # the export (queued after the saves on the same lane) writes what is on screen
        critical = sum(
            1 for art_type in self._latest for v in self.violations_of(art_type) if v.severity == Severity.CRITICAL
        )
        if critical:
            answer = QMessageBox.question(
                self,
                APP_TITLE,
                (
                    tr(
                        "1 critical unsupported claim found in these documents (see the badges at the top of each "
                        "tab).\n\nExport anyway?"
                    )
                    if critical == 1
                    else tr(
                        "{n} critical unsupported claims found in these documents (see the badges at the top of "
                        "each tab).\n\nExport anyway?"
                    ).format(n=critical)
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.statusBar().showMessage(tr("Exporting…"))
        self._runner.run(
            "export",
            partial(_export_work, self.workspace(), self._current_id, folder, self._prefs.export_page_size),
            lane=Lane.DATABASE,
            on_success=self._on_exported,
            on_failure=self._on_export_failed,
        )
        self._update_actions()

    def fact_sources(self) -> FactSources | None:
        """What the fact check compares with: the master CV as last saved plus the confirmed facts (cached)."""
        return self.fact_sources_getter()()

    def fact_sources_getter(self) -> Callable[[], FactSources | None]:
        """`fact_sources` to call later on any thread: a check in the background builds them there if needed."""
        if self._master_cv is None:
            return _no_sources
        return partial(self._fact_sources.get, self._master_cv[1], self._facts)

    def violations_of(self, art_type: ArtifactType) -> list[Violation]:
        """The current findings of a document as shown (the letter: as typed)."""
        if art_type == ArtifactType.COVER_LETTER and self.letter_editor.is_loaded():
            return self.letter_editor.violations()
        return list(self._checked.get(art_type, ("", []))[1])

    def accept_claim(self, art_type: ArtifactType, violation: Violation) -> None:
        """The user confirms a flagged claim is true: store it as a fact, then check every document again."""
        from careervp_desktop import workflow

        if art_type == ArtifactType.COVER_LETTER and self.letter_editor.is_loaded():
            text = self.letter_editor.text()
        else:
            text = self._checked.get(art_type, ("", []))[0]
        try:
            fact = workflow.confirm_claim(self.workspace(), text, violation, self._current_id)
        except Exception as exc:
            show_error(self, exc, action=tr("add the fact"), log_path=self._log_path())
            return
        self._facts = tuple(dict.fromkeys((*self._facts, fact.answer)))
        self._recheck_all()
        self.statusBar().showMessage(
            tr("Added to your confirmed facts: the fact check accepts it everywhere now."), 8_000
        )

    def show_history(self, art_type: ArtifactType) -> None:
        """Open the version history of one document of the current application (after pending edits are saved:
        the history is read on the database lane, behind the saves)."""
        if self._current_id is None or self._ws is None:
            return
        self.flush_edits()
        self._runner.run(
            "history",
            partial(_history_work, self._ws, self._current_id, art_type),
            lane=Lane.DATABASE,
            on_success=self._on_history_loaded,
            on_failure=self._on_history_failed,
        )

    def restore_version(self, art_type: ArtifactType, version: int) -> None:
        """Make an old version current again (as a new version), in the background."""
        if self._current_id is None or self._ws is None:
            return
        self.flush_edits()
        self._runner.run(
            "restore-version",
            partial(_restore_work, self._ws, self._current_id, art_type, version),
            lane=Lane.DATABASE,
            on_success=self._on_version_restored,
            on_failure=self._on_restore_failed,
        )

    def flush_edits(self) -> None:
        """Queue a save of every pending edit (CV, letter, gap answers) on the database lane."""
        self.cv_editor.flush()
        self.letter_editor.flush()
        self.interview_answers.flush()
        self._flush_gap_answers()

    # ------------------------------------------------------------------ gap answers
    def _load_gap_answers(self, artifact: Artifact) -> None:
        """Cards for the latest gap questions with the answers stored for them (by question text, then id)."""
        from careervp_desktop import workflow
        from careervp_desktop.domain.artifacts import GapQuestions

        self._flush_gap_answers()  # what was typed for the previous application is saved first
        app_id = artifact.application_id
        try:
            gaps = GapQuestions.model_validate(artifact.content)
            pairs = workflow.stored_gap_answers(self.workspace(), app_id, gaps) if app_id is not None else []
            pairs = workflow.offer_earlier_answers(self.workspace(), pairs, app_id)
        except Exception:
            log.exception("cannot read the gap answers")
            pairs = []
        self._gap_answers_for = app_id
        self.gap_answers.load(pairs)

    def _flush_gap_answers(self) -> None:
        """Save what can be saved of unsaved answers (switching application or closing never drops them): every
        answer of the right length, every skip. A draft that is still too short stays in the form only."""
        app_id = self._gap_answers_for
        if app_id is None or self._ws is None or not self.gap_answers.is_dirty():
            return
        savable = [
            e for e, card in zip(self.gap_answers.entries(), self.gap_answers.cards, strict=True) if not card.problem()
        ]
        if not savable:
            return
        self.gap_answers.mark_saved(tr("Saved."))
        self._runner.run(
            "save-gap-answers",
            partial(_save_gap_answers_work, self._ws, app_id, savable),
            lane=Lane.DATABASE,
            on_success=self._on_gap_answers_autosaved,
            on_failure=self._on_gap_answers_save_failed,
        )

    def save_gap_answers(self, entries: list[AnswerEntry], *, update: bool) -> None:
        """Store the answers (database lane); with `update`, then rewrite the other documents with them."""
        app_id = self._gap_answers_for
        if app_id is None or self._ws is None:
            return
        self.gap_answers.set_busy(True)
        self._runner.run(
            "save-gap-answers",
            partial(_save_gap_answers_work, self._ws, app_id, entries),
            lane=Lane.DATABASE,
            on_success=self._on_gap_answers_saved_then_update if update else self._on_gap_answers_saved,
            on_failure=self._on_gap_answers_save_failed,
        )

    @Slot(list, bool)
    def _on_gap_answers_requested(self, entries: list, update: bool) -> None:
        self.save_gap_answers(entries, update=update)

    @Slot(object)
    def _on_gap_answers_saved(self, saved: object) -> None:
        self.gap_answers.set_busy(False)
        n = sum(1 for a in saved if a.answer.strip()) if isinstance(saved, list) else 0
        self.gap_answers.mark_saved(
            tr("Saved: 1 answer. Your facts are updated.")
            if n == 1
            else tr("Saved: {n} answers. Your facts are updated.").format(n=n)
        )
        self._after_gap_answers_saved()

    @Slot(object)
    def _on_gap_answers_saved_then_update(self, saved: object) -> None:
        self._on_gap_answers_saved(saved)
        others = tuple(t for t, *_ in ARTIFACT_PANES if t is not ArtifactType.GAP_QUESTIONS)
        self.generate(types=others)

    @Slot(object)
    def _on_gap_answers_autosaved(self, _saved: object) -> None:
        self._after_gap_answers_saved()

    def _after_gap_answers_saved(self) -> None:
        self._load_facts(self._current_id)  # answers for the documents are facts the check accepts now
        self._recheck_all()

    @Slot(object)
    def _on_gap_answers_save_failed(self, exc: BaseException) -> None:
        self.gap_answers.set_busy(False)
        show_error(self, exc, action=tr("save your answers"), log_path=self._log_path())

    def select_application(self, application_id: int | None) -> None:
        """Select an application in the list and show it."""
        row = self._model.row_of(application_id)
        if row is None:
            return
        self.sidebar.list_view.setCurrentIndex(self._model.index(row, 0))

    # ------------------------------------------------------------------ slots: user intent
    @Slot()
    def _on_new_application_requested(self) -> None:
        self.new_application()

    @Slot()
    def _on_import_cv_requested(self) -> None:
        start = str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, tr("Import your CV"), start, cv_file_filter())
        if path:
            self.request_import(Path(path))

    @Slot()
    def _on_analyse_requested(self) -> None:
        self.tabs.setCurrentWidget(self.job_pane)
        self.analyse_job()

    @Slot()
    def _on_generate_requested(self) -> None:
        self.generate()

    @Slot()
    def _on_cancel_generation_requested(self) -> None:
        self.cancel_generation()

    @Slot()
    def _on_export_requested(self) -> None:
        if self._current_id is None or not self._latest:
            return
        folder = QFileDialog.getExistingDirectory(self, tr("Export documents to…"), str(Path.home()))
        if folder:
            self.export_to(Path(folder))

    @Slot(QModelIndex, QModelIndex)
    def _on_current_application_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        app = self._model.application_at(current.row()) if current.isValid() else None
        if app is None or app.id == self._current_id:
            return
        self._show_application(app)

    @Slot()
    def _on_job_text_changed(self) -> None:
        self._update_actions()
        match_text_direction(self.job_pane.jd_edit, self.job_pane.jd_edit.toPlainText())  # a Hebrew ad: RTL
        if self.job_pane.jd_edit.toPlainText().strip():
            self._analysis_timer.start()
        else:
            self._analysis_timer.stop()
            self.job_pane.clear_analysis()

    @Slot()
    def _on_analysis_timer(self) -> None:
        if not self._closed:
            self.analyse_job(quiet=True)

    @Slot()
    def _on_model_size_changed(self) -> None:
        self.sidebar.set_empty(self._model.rowCount() == 0, filtered=self.app_list.is_filtered())

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        self._checks_timer.start()
        self.flush_edits()

    @Slot(Qt.ApplicationState)
    def _on_application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive and not self._closed:
            self.flush_edits()

    def _on_accept_claim_requested(self, art_type: ArtifactType, row: int) -> None:
        listed = self.artifact_panes[art_type].listed_violations()
        if 0 <= row < len(listed):
            self.accept_claim(art_type, listed[row])

    def _on_history_requested(self, art_type: ArtifactType) -> None:
        self.show_history(art_type)

    @Slot()
    def _on_search_requested(self) -> None:
        self.sidebar.search_edit.setFocus()
        self.sidebar.search_edit.selectAll()

    @Slot()
    def _on_back_up_requested(self) -> None:
        if self._ws is not None:
            self.library_actions.back_up()

    @Slot()
    def _on_restore_requested(self) -> None:
        if self._ws is not None and not self.is_generating():
            self.library_actions.restore()

    @Slot()
    def _on_import_application_requested(self) -> None:
        if self._ws is not None and not self.is_generating():
            self.library_actions.restore(application=True)

    @Slot()
    def _on_delete_all_requested(self) -> None:
        if self._ws is not None and not self.is_generating():
            self.library_actions.delete_all()

    def _on_list_context_menu(self, pos) -> None:  # type: ignore[no-untyped-def]
        index = self.sidebar.list_view.indexAt(pos)
        app = self._model.application_at(index.row()) if index.isValid() else None
        if app is None or app.id is None or self.is_generating():
            return
        menu = self.application_menu(app)
        menu.exec(self.sidebar.list_view.viewport().mapToGlobal(pos))

    def application_menu(self, app: Application) -> QMenu:
        """The context menu of one application in the list."""
        assert app.id is not None
        menu = QMenu(self)
        menu.setObjectName("applicationMenu")
        status_menu = menu.addMenu(tr("Status"))
        for status in ApplicationStatus:
            act = status_menu.addAction(status_label(status))
            act.setCheckable(True)
            act.setChecked(status == app.status)
            act.triggered.connect(partial(self.library_actions.set_status, app.id, status))
        sent = menu.addAction(tr("Mark as sent…"))
        sent.setToolTip(tr("Save the documents you send and freeze which versions they were"))
        sent.triggered.connect(partial(self.library_actions.mark_sent, app.id))
        sent.setEnabled(app.id == self._current_id and bool(self._latest))
        menu.addSeparator()
        save = menu.addAction(tr("Save application as archive…"))
        save.triggered.connect(partial(self.library_actions.export_application, app.id, app.display_name))
        menu.addSeparator()
        delete = menu.addAction(tr("Delete application…"))
        delete.triggered.connect(partial(self.library_actions.delete_application, app.id, app.display_name))
        return menu

    @Slot()
    def _on_list_reloaded(self) -> None:
        self._select_row_quietly(self._current_id)

    @Slot(object)
    def _on_application_changed(self, app: Application) -> None:
        self._model.upsert(app)
        self._select_row_quietly(self._current_id)
        if app.id == self._current_id:
            self._show_job_fields(app)

    @Slot(int)
    def _on_application_deleted(self, application_id: int) -> None:
        was_current = application_id == self._current_id
        self._model.remove(application_id)
        if was_current:
            self._current_id = None
            if self._model.rowCount() > 0:
                self.select_application(self._model.application_at(0).id)  # type: ignore[union-attr]
            else:
                self._show_new_application()

    @Slot()
    def _on_library_changed(self) -> None:
        ws = self.workspace()
        self._current_id = None
        self._show_library(ws.library.primary_master_cv(), ws.library.list_applications(limit=PAGE_SIZE + 1))

    @Slot()
    def _on_library_erased(self) -> None:
        self.letter_editor.unload()
        self._master_cv = None
        self._current_id = None
        self._facts = ()
        self._fact_sources.clear()
        self._ws = None
        self._model.set_applications([])
        self._show_master_cv()
        self._show_new_application()
        self._open_library()  # a fresh, empty library in the same folder

    @Slot(str)
    def _on_action_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    @Slot(object)
    def _on_history_loaded(self, history: History) -> None:
        from careervp_desktop.ui.history import VersionHistoryDialog

        if not history.versions:
            return
        dialog = VersionHistoryDialog(
            pane_title(history.art_type),
            history.art_type,
            history.versions,
            sent_versions=history.sent_versions,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_restore_requested.connect(partial(self.restore_version, history.art_type))
        self.history_dialog = dialog
        dialog.open()

    @Slot(object)
    def _on_history_failed(self, exc: BaseException) -> None:
        show_error(self, exc, action=tr("show the history"), log_path=self._log_path())

    @Slot(object)
    def _on_version_restored(self, version: int) -> None:
        self._reload_current()
        self.statusBar().showMessage(
            tr("Restored as version {version}. The versions in between are kept.").format(version=version), 8_000
        )

    @Slot(object)
    def _on_restore_failed(self, exc: BaseException) -> None:
        show_error(self, exc, action=tr("restore the version"), log_path=self._log_path())

    @Slot(object)
    def _on_letter_saved(self, artifact: Artifact) -> None:
        self._on_edit_saved(artifact)

    @Slot(object)
    def _on_interview_answers_saved(self, artifact: Artifact) -> None:
        self._on_edit_saved(artifact)

    def _on_edit_saved(self, artifact: Artifact) -> None:
        """An edited version (letter, interview answers) was saved: it is the latest; the list shows the time."""
        if artifact.application_id == self._current_id:
            self._latest[artifact.type] = artifact
            pane = self.artifact_panes[artifact.type]
            pane.header.set_subtitle(_provenance_line(artifact, editable=pane.editable))
            pane.set_state(artifact.status.value)
            self._show_tab_state(artifact.type)
            self._checks_timer.start()
            app = self._current_application()
            if app is not None:
                self._model.upsert(app.model_copy(update={"updated_at": artifact.created_at}))
                self._select_row_quietly(app.id)

    @Slot(object)
    def _on_letter_save_failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(
            tr("Your letter edits could not be saved just now; CareerVP will keep trying. Details are in the log."),
            10_000,
        )

    @Slot(object)
    def _on_letter_checked(self, violations: list[Violation]) -> None:
        if self.letter_editor.is_loaded():  # the writing checks follow the letter as it is edited (~1 ms)
            self._show_quality(ArtifactType.COVER_LETTER, self.letter_editor.current_letter())

    @Slot(int, object)
    def _on_cv_saved(self, cv_id: int, cv: MasterCV) -> None:
        if self._master_cv is not None and self._master_cv[0] == cv_id:
            self._master_cv = (cv_id, cv)
            self.cv_pane.header.set_subtitle(_cv_subtitle(cv))
            self._recheck_all()  # what the CV says now is what the documents are checked against

    @Slot(object)
    def _on_cv_save_failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(
            tr("Your CV edits could not be saved just now; CareerVP will keep trying. Details are in the log."), 10_000
        )

    # ------------------------------------------------------------------ drag and drop
    def _drop_target(self, mime: QMimeData) -> tuple[Path | None, str]:
        """(the CV file to import, "") or (None, why not). ("", "") → not a file drag at all."""
        if not mime.hasUrls():
            return None, ""
        files = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        if not files:
            return None, tr("Only files on this computer can be imported.")
        if len(files) > 1:
            return None, tr("Drop one CV file at a time.")
        path = files[0]
        if path.suffix.lower() not in CV_SUFFIXES:
            return (
                None,
                tr(
                    "“{name}” is not a CV file CareerVP can read: drop a PDF, Word (.docx), text or Markdown file."
                ).format(name=path.name),
            )
        if not self.act_import_cv.isEnabled():
            return None, tr("Please wait: CareerVP is busy. Drop the file again in a moment.")
        return path, ""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        path, why = self._drop_target(event.mimeData())
        if path is None and not why:
            event.ignore()
            return
        event.acceptProposedAction()  # also for files we refuse: the drop then says why, politely
        self.drop_overlay.setGeometry(self.centralWidget().geometry())
        if path is not None:
            hint = tr("It replaces your master CV; you will be asked first.") if self._master_cv else ""
            self.drop_overlay.show_drop(
                tr("Drop to import {name}").format(name=path.name),
                hint or tr("Your CV is read on this computer."),
                ok=True,
            )
        else:
            self.drop_overlay.show_drop(tr("This file cannot be imported"), why, ok=False)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_overlay.hide()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_overlay.hide()
        path, why = self._drop_target(event.mimeData())
        if path is None:
            if why:
                event.acceptProposedAction()
                self.statusBar().showMessage(why, 10_000)
            else:
                event.ignore()
            return
        event.acceptProposedAction()
        # Ask (a modal dialog) after the drop has returned to the source application, not inside its drag loop.
        QTimer.singleShot(0, partial(self.request_import, path))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.drop_overlay.isVisible():
            self.drop_overlay.setGeometry(self.centralWidget().geometry())

    # ------------------------------------------------------------------ slots: background results
    @Slot(object)
    def _on_cv_imported(self, result: tuple[int, MasterCV]) -> None:
        self._pending_import = None
        self._master_cv = result
        self._show_master_cv()
        self.tabs.setCurrentWidget(self.cv_pane)
        cv = result[1]
        if self._sample_pending:
            from careervp_desktop.resources import resource_path

            self._sample_pending = False
            self._show_new_application()
            self.job_pane.jd_edit.setPlainText(resource_path("samples", "sample_jd.txt").read_text(encoding="utf-8"))
            self.tabs.setCurrentWidget(self.job_pane)
            self.statusBar().showMessage(
                tr(
                    "The sample CV and job ad are loaded: press Generate (Ctrl+G) to see the documents. Import "
                    "your own CV when you are ready."
                ),
                15_000,
            )
            self._update_actions()
            return
        self.statusBar().showMessage(
            tr("CV imported: {roles}, {skills}. Check it reads right, then paste a job description.").format(
                roles=_count(len(cv.experience), "role"), skills=_count(len(cv.skills), "skill")
            ),
            10_000,
        )
        self._update_actions()

    @Slot(object)
    def _on_cv_import_failed(self, exc: BaseException) -> None:
        path, self._pending_import = self._pending_import, None
        self.statusBar().clearMessage()
        self._update_actions()
        if isinstance(exc, PasswordRequiredError) and path is not None:
            password, ok = QInputDialog.getText(
                self,
                tr("Password needed"),
                tr("{name} is protected. Password:").format(name=path.name),
                QLineEdit.EchoMode.Password,
            )
            if ok and password:
                self.import_cv(path, password=password)
            return
        show_error(self, exc, action=tr("import the CV"), log_path=self._log_path())

    @Slot(object)
    def _on_job_analysed(self, analysis: JobAnalysis) -> None:
        from careervp_desktop.ui import artifact_html

        if analysis.jd_text != self.job_pane.jd_edit.toPlainText():
            return  # the text changed meanwhile: stale
        self._match = analysis.match
        self._checks_timer.start()
        html = artifact_html.job_html(analysis.job, analysis.match)
        if analysis.estimate:
            html += f"<p style='color:#475569'>{escape(analysis.estimate)}</p>"
        self.job_pane.show_analysis(html)
        self._offer_languages(analysis.job.language)

    def _offer_languages(self, job_language: str, chosen: str | None = None) -> None:
        """The Job tab's "Documents in" choice, shown when the CV and the job ad are in different languages;
        `chosen` is the application's stored choice (None: keep what the pane shows)."""
        cv_language = self._master_cv[1].language if self._master_cv is not None else job_language
        self.job_pane.set_languages(
            cv_language=cv_language,
            job_language=job_language,
            chosen=self.job_pane.document_language() if chosen is None else chosen,
        )

    @Slot(object)
    def _on_job_analysis_failed(self, exc: BaseException) -> None:
        show_error(self, exc, action=tr("analyse the job"), log_path=self._log_path())

    @Slot(object)
    def _on_quiet_analysis_failed(self, exc: BaseException) -> None:
        log.info("background job analysis failed: %s", type(exc).__name__)

    @Slot(object)
    def _on_generation_progress(self, payload: object) -> None:
        if isinstance(payload, ApplicationSaved):
            app = payload.application
            self._model.upsert(app)
            self._current_id = app.id
            self._select_row_quietly(app.id)
            self._show_job_fields(app)
            self.setWindowTitle(f"{app.display_name} — {APP_TITLE}")
            self._banner_now(tr("Starting…"), 0, 0)
        elif isinstance(payload, WritingArtifact):
            label = pane_title(payload.artifact)
            done = max(0, min(payload.index - 1, payload.total))  # reported before the n-th is written
            self._writing = (label, done, payload.total, payload.index)
            self._stage = None
            self._new_stream_preview()
            self._banner_later(
                tr("Writing {document}… {index}/{total}").format(
                    document=label.lower(), index=payload.index, total=payload.total
                ),
                done,
                payload.total,
            )
        elif self._writing is None:
            return
        elif isinstance(payload, ClaudeProgress):
            label, _done, total, index = self._writing
            event = payload.event
            if event.kind == "text":
                what = tr("Claude is writing the {document}… {chars:,} characters").format(
                    document=label.lower(), chars=event.chars
                )
                self._stream_preview.feed(event.delta)
                if not self._preview_timer.isActive():  # redrawn a few times a second, not per chunk
                    self._preview_timer.start()
            elif event.kind == "sending":
                self._new_stream_preview()
                what = tr("Asking Claude for the {document}…").format(document=label.lower())
            elif event.kind in ("retry", "fallback"):
                what = event.message or tr("Writing the {document}…").format(document=label.lower())
            else:
                what = tr("Writing {document}…").format(document=label.lower())
            self._show_writing(f"{what} {index}/{total}")
        else:
            from careervp_desktop.generation.pipeline import Stage  # loaded by the worker before it reports one

            if isinstance(payload, Stage):
                label, _done, total, index = self._writing
                self._stage = payload
                detail = f" ({payload.detail})" if payload.detail else ""
                self._show_writing(
                    tr("Writing the {document}: {stage}… {index}/{total}{detail}").format(
                        document=label.lower(),
                        stage=stage_label(payload.name).lower(),
                        index=index,
                        total=total,
                        detail=detail,
                    )
                )

    def _new_stream_preview(self) -> None:
        """A new document or a new attempt: the preview starts empty. Placeholders sent instead of the user's
        name and contact details are shown as the real thing (the preview is for the user's eyes only)."""
        self._stream_preview = StreamPreview(restore=self._restore_placeholders)
        self._preview_timer.stop()
        self.progress.show_preview("")

    def _restore_placeholders(self, text: str) -> str:
        """The streamed text with the user's details back in place of the placeholders. The redactor (a dozen
        regex compilations, ~10 ms on the UI thread) is made on the first streamed text of a generation, not for
        every document, and never for the offline engine, which streams nothing."""
        if self._redactor is None:
            cv = self.master_cv()
            if cv is None:
                return text
            from careervp_desktop.generation.claude.privacy import Redactor

            self._redactor = Redactor.for_cv(cv)
        return self._redactor.restore(text)

    @Slot()
    def _on_preview_timer(self) -> None:
        if self._generation is not None:
            self.progress.show_preview(self._stream_preview.text())

    def _show_writing(self, text: str) -> None:
        """The progress banner while a document is written: the bar moves by documents, and by stages inside a
        document written in stages (the VPR), whose steps are listed with the current one marked."""
        assert self._writing is not None
        _label, done, total, _index = self._writing
        stage = self._stage
        if stage is None:
            self._banner_later(text, done, total)
            return
        from careervp_desktop.generation.pipeline import VPR_STAGES

        self._banner_later(text, done * stage.total + stage.index - 1, total * stage.total, VPR_STAGES, stage.index)

    def _banner_later(self, text: str, done: int, total: int, stages: tuple[str, ...] = (), current: int = 0) -> None:
        """Progress arrives in bursts (a dozen events in one turn when the worker runs ahead, each redrawing the
        banner for 1–3 ms): the banner shows the last of them, once per event-loop turn."""
        self._banner_pending = (text, done, total, stages, current)
        if not self._banner_timer.isActive():
            self._banner_timer.start()

    @Slot()
    def _on_banner_timer(self) -> None:
        pending, self._banner_pending = self._banner_pending, None
        if pending is not None and self._generation is not None:
            self.progress.show_progress(*pending)

    def _banner_now(self, text: str, done: int, total: int) -> None:
        self._banner_timer.stop()
        self._banner_pending = None
        self.progress.show_progress(text, done, total)

    @Slot(object)
    def _on_generated(self, outcome: GenerationOutcome) -> None:
        """The documents are written and stored: this turn updates the list, the job and the banner; the VPR is
        shown on the next, then the other documents one per event-loop turn (all in one slot held the UI thread
        20–45 ms, then as long again to lay them out); the generation ends — banner gone, actions back — when the
        last is on screen."""
        app = outcome.application
        self._model.upsert(app)
        self._current_id = app.id
        self._select_row_quietly(app.id)
        self._show_job_fields(app)
        self._load_facts(app.id)
        self.setWindowTitle(f"{app.display_name} — {APP_TITLE}")
        self._banner_now(tr("Showing the documents…"), 1, 1)
        self._show_artifacts(  # the VPR on the next turn: this one already updated the list, the job and the banner
            dict(outcome.artifacts),
            first=ArtifactType.VPR,
            then=partial(self._after_generated, outcome),
            first_now=False,
        )
        self.tabs.setCurrentWidget(self.artifact_panes[ArtifactType.VPR])

    def _after_generated(self, outcome: GenerationOutcome) -> None:
        """The last step of a generation, once every document is on screen."""
        self._finish_generation()
        flagged = sum(len(a.violations) for a in outcome.artifacts.values())
        checked = (
            tr("Every claim was checked against your CV.")
            if not flagged
            else tr("1 unsupported claim to review (see the badges).")
            if flagged == 1
            else tr("{n} unsupported claims to review (see the badges).").format(n=flagged)
        )
        fallbacks = [a for a in outcome.artifacts.values() if a.provenance.fallback_reason is not None]
        if fallbacks:
            reason = fallbacks[0].provenance.fallback_reason or ""
            n = len(fallbacks)
            self.statusBar().showMessage(
                (
                    tr("1 document was drafted offline: {reason} Use Retry with Claude when it is back. {checked}")
                    if n == 1
                    else tr(
                        "{n} documents were drafted offline: {reason} Use Retry with Claude when it is back. {checked}"
                    )
                ).format(n=n, reason=reason, checked=checked),
                30_000,
            )
        else:
            self.statusBar().showMessage(tr("All documents written. {checked}").format(checked=checked), 15_000)
        self._refresh_provider_status()
        self.analyse_job(quiet=True)

    @Slot(object)
    def _on_generation_failed(self, exc: BaseException) -> None:
        self._finish_generation()
        if self._current_id is not None:  # the application may be saved even though writing stopped
            self._reload_current()
        if _is_cancellation(exc):
            self.statusBar().showMessage(
                tr("Generation cancelled: no new versions were saved. Press Generate to try again."), 10_000
            )
            return
        show_error(self, exc, action=tr("write the documents"), log_path=self._log_path())

    @Slot(object)
    def _on_exported(self, package: ExportPackage) -> None:
        self._update_actions()
        paths = package.files
        folder = package.folder
        self.statusBar().showMessage(
            tr("Exported {count} files to {folder}").format(count=len(paths), folder=folder), 10_000
        )
        if not paths:
            return
        notes = "".join(f"\n\n{w}" for w in package.warnings)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            APP_TITLE,
            tr("Exported {count} files to\n{folder}{notes}").format(count=len(paths), folder=folder, notes=notes),
            QMessageBox.StandardButton.Ok,
            self,
        )
        show_button = box.addButton(tr("Show folder"), QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is show_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    @Slot(object)
    def _on_export_failed(self, exc: BaseException) -> None:
        self.statusBar().clearMessage()
        self._update_actions()
        show_error(self, exc, action=tr("export the documents"), log_path=self._log_path())

    @Slot()
    def _on_about_to_quit(self) -> None:
        self._shutdown()

    # ------------------------------------------------------------------ showing things
    def _show_master_cv(self) -> None:
        if self._master_cv is None:
            self.cv_editor.unload()
            self.cv_pane.show_empty()
            return
        cv_id, cv = self._master_cv
        self.cv_editor.load(self.workspace(), cv_id, cv)
        self.cv_pane.show_editor(_cv_subtitle(cv))

    def _show_new_application(self) -> None:
        self._current_id = None
        self._select_row_quietly(None)
        self.job_pane.set_fields(company="", title="", url="", jd_text="")
        self.job_pane.set_letter_preferences(hiring_manager="", tone="professional")
        self.job_pane.set_languages(cv_language="en", job_language="en", chosen="")
        self.job_pane.clear_analysis()
        self.job_pane.header.set_subtitle(tr("New application · paste the job description, then press Generate"))
        self._load_facts(None)
        self._show_artifacts({})
        self.setWindowTitle(tr("New application") + " — " + APP_TITLE)
        self._update_actions()

    def _show_application(self, app: Application) -> None:
        self._current_id = app.id
        self._show_job_fields(app)
        self.job_pane.clear_analysis()
        self._match = None
        assert app.id is not None
        self._load_facts(app.id)
        self._show_artifacts(self.workspace().library.latest_artifacts(app.id))
        self.setWindowTitle(f"{app.display_name} — {APP_TITLE}")
        self._update_actions()
        self._refresh_provider_status()  # with the usage line of this application
        self._analysis_timer.stop()
        self.analyse_job(quiet=True)

    def _show_job_fields(self, app: Application) -> None:
        if self.job_pane.jd_edit.toPlainText() != app.jd_text:
            self.job_pane.jd_edit.setPlainText(app.jd_text)
        match_text_direction(self.job_pane.jd_edit, app.jd_text)
        self.job_pane.company_edit.setText(app.company)
        self.job_pane.title_edit.setText(app.title)
        self.job_pane.url_edit.setText(app.source_url or "")
        self.job_pane.set_letter_preferences(
            hiring_manager=app.hiring_manager, tone=app.letter_tone, company_notes=app.company_notes
        )
        from careervp_desktop.ingest.language import detect_language

        self._offer_languages(detect_language(app.jd_text), chosen=app.document_language)
        self.job_pane.header.set_subtitle(
            tr("{name} · updated {when}").format(name=app.display_name, when=format_updated(app.updated_at))
        )

    def _reload_current(self) -> None:
        if self._current_id is None:
            return
        app = self.workspace().library.get_application(self._current_id)
        self._model.upsert(app)
        self._select_row_quietly(app.id)
        self._show_artifacts(self.workspace().library.latest_artifacts(self._current_id))

    def _show_artifacts(
        self,
        latest: dict[ArtifactType, Artifact],
        *,
        first: ArtifactType | None = None,
        then: Callable[[], None] | None = None,
        first_now: bool = True,
    ) -> None:
        """Show these documents in their panes. With `first`, that pane is filled now (or, not `first_now`, on the
        next event-loop turn) and each of the others on a later turn, then `then` runs on one more; without, all at
        once."""
        self._drop_fill()
        self.letter_editor.unload()  # pending letter edits are saved to the application they belong to
        self.interview_answers.unload()  # and so are interview answers
        self._latest = latest
        self._checked = {}
        self._quality = {}
        if self._master_cv is None:
            hint = tr("Import your CV on the CV tab, then paste a job description and press Generate.")
        elif self._current_id is None:
            hint = tr("Paste a job description on the Job tab and press Generate.")
        else:
            hint = tr("Press Generate on the Job tab to write it from your CV and this job description.")
        app = self._current_application()
        fills = [partial(self._fill_pane, t, latest.get(t), hint, app) for t in self.artifact_panes if t != first]
        steps: list[Callable[[], None]] = [*fills, self._after_fill]
        if then is not None:
            steps.append(then)
        if first is None:
            for step in steps:
                step()
            return
        first_fill = partial(self._fill_pane, first, latest.get(first), hint, app)
        if first_now:
            first_fill()
        else:
            steps.insert(0, first_fill)
        self._fill_steps = deque(steps)
        self._fill_then = then
        self._fill_timer.start()

    def _fill_pane(self, art_type: ArtifactType, artifact: Artifact | None, hint: str, app: Application | None) -> None:
        pane = self.artifact_panes[art_type]
        if art_type == ArtifactType.TAILORED_CV:
            self.compare_button.setVisible(False)
        if artifact is None:
            pane.show_empty(hint)
            return
        from careervp_desktop.ui import artifact_html

        try:
            text = artifact_html.render_artifact(art_type, artifact.content)
        except Exception:  # a stored version we cannot read must not hide the others
            log.exception("cannot show a stored %s version", art_type.value)
            pane.show_empty(tr("This version could not be read. Generate again to write a fresh one."))
            return
        pane.show_document(text_or_html=text, subtitle=_provenance_line(artifact, editable=pane.editable))
        pane.set_state(artifact.status.value)
        if art_type == ArtifactType.TAILORED_CV:
            self.compare_button.setVisible(self._master_cv is not None)
        if art_type == ArtifactType.GAP_QUESTIONS:
            self._load_gap_answers(artifact)
        if art_type == ArtifactType.INTERVIEW_PREP and app is not None and app.id is not None:
            self.interview_answers.load(self.workspace(), app.id, artifact, company=app.company, title=app.title)
        if art_type == ArtifactType.COVER_LETTER and app is not None and app.id is not None:
            self.letter_editor.load(self.workspace(), app.id, artifact, company=app.company, title=app.title)
        else:
            self._show_stored_findings(art_type)

    def _after_fill(self) -> None:
        for art_type in self.artifact_panes:
            self._show_tab_state(art_type)
        self._schedule_checks()
        self.sig_checks_changed.emit()
        self._update_actions()

    @Slot()
    def _on_fill_timer(self) -> None:
        if not self._fill_steps:
            return
        step = self._fill_steps.popleft()
        if step is self._fill_then:
            self._fill_then = None
        step()
        if self._fill_steps:
            self._fill_timer.start()

    def _drop_fill(self) -> None:
        """Documents being shown one per turn are replaced: the rest of them is dropped, but what was to run
        after them (the end of a generation) runs now."""
        self._fill_timer.stop()
        self._fill_steps.clear()
        then, self._fill_then = self._fill_then, None
        if then is not None:
            then()

    @Slot(bool)
    def _on_checks_visibility(self, visible: bool) -> None:
        if visible:
            self._checks_timer.start()

    @Slot()
    def _refresh_checks_panel(self) -> None:
        """The checks of what is on screen: a document's own checks on its tab, the match and a line per
        document on the CV and Job tabs."""
        if not self.checks_dock.isVisible():
            return  # refreshed when shown (visibilityChanged)
        from careervp_desktop.ui.style import is_dark

        dark = is_dark(self.palette())
        current = self.tabs.currentWidget()
        art_type = next((t for t, pane in self.artifact_panes.items() if pane is current), None)
        if art_type is None:
            from careervp_desktop.ui.checks_panel import document_summaries

            labels = {t: pane_title(t) for t in self.artifact_panes}
            states = {t: getattr(p, "state", "not started") for t, p in self.artifact_panes.items()}
            found = {t: self.violations_of(t) for t in self._latest}
            writing = {t: _to_check(r) for t, r in self._quality.items()}
            summaries = document_summaries(labels, states, found, writing) if self._latest else []
            title = tr("Your CV and this job") if self._current_id is not None else tr("Checks")
            html = checks_html(title, match=self._match, documents=summaries, dark=dark)
        elif art_type not in self._latest:
            html = checks_html(pane_title(art_type), match=self._match, dark=dark) + (
                "<p>" + escape(tr("Not written yet: press Generate on the Job tab.")) + "</p>"
            )
        else:
            html = checks_html(
                pane_title(art_type),
                violations=self.violations_of(art_type),
                quality=self._quality.get(art_type),
                match=self._match,
                pending=self._checks_pending and art_type != ArtifactType.COVER_LETTER,
                dark=dark,
            )
        self.checks_panel.show_html(html)

    def _show_tab_state(self, art_type: ArtifactType) -> None:
        """The tab says how far the document is: a tick when final, its state in the tooltip."""
        pane = self.artifact_panes[art_type]
        index = self.tabs.indexOf(pane)
        label = tab_label(art_type)
        state = getattr(pane, "state", "not started")
        self.tabs.setTabText(index, f"{label} ✓" if state == "final" else label)
        self.tabs.setTabToolTip(
            index,
            tr("{document}: {state}").format(document=pane_title(art_type), state=pane_state_label(state).lower()),
        )

    def set_document_final(self, art_type: ArtifactType, final: bool) -> None:
        """Mark the current application's document final (or take that back), in the background."""
        if self._current_id is None or self._ws is None or art_type not in self._latest:
            return
        self.flush_edits()  # the status goes on the version that holds the user's last words
        self._runner.run(
            "set-document-status",
            partial(_set_status_work, self._ws, self._current_id, art_type, final),
            lane=Lane.DATABASE,
            on_success=self._on_document_status_set,
            on_failure=self._on_document_status_failed,
        )

    @Slot(object)
    def _on_document_status_set(self, artifact: Artifact) -> None:
        if artifact.application_id != self._current_id:
            return
        self._latest[artifact.type] = artifact
        self.artifact_panes[artifact.type].set_state(artifact.status.value)
        self._show_tab_state(artifact.type)
        self._checks_timer.start()
        final = [t for t, a in self._latest.items() if a.status == ArtifactStatus.FINAL]
        self.statusBar().showMessage(
            tr("{document} marked final ({final} of {total} documents final).").format(
                document=pane_title(artifact.type), final=len(final), total=len(self._latest)
            )
            if artifact.status == ArtifactStatus.FINAL
            else tr("{document} is a draft again.").format(document=pane_title(artifact.type)),
            6_000,
        )

    @Slot(object)
    def _on_document_status_failed(self, exc: BaseException) -> None:
        self._reload_current()  # the button shows what is stored
        show_error(self, exc, action=tr("mark the document"), log_path=self._log_path())

    def _show_stored_findings(self, art_type: ArtifactType) -> None:
        """Mark a read-only document at once with the findings stored with it (found when it was written); the
        background check (`_schedule_checks`) then replaces them with a check against today's CV and facts."""
        from careervp_desktop.analysis.fvs import artifact_text
        from careervp_desktop.domain.artifacts import content_model

        artifact = self._latest.get(art_type)
        if artifact is None:
            return
        content = content_model(art_type).model_validate(artifact.content)
        checked = artifact_text(art_type, content)
        violations = list(artifact.violations)
        self._checked[art_type] = (checked, violations)
        self.artifact_panes[art_type].show_violations(violations, checked)

    def _schedule_checks(self) -> None:
        """Check the read-only documents against the CV and confirmed facts as they are now (fact check and
        writing checks), off the UI thread; the newest request wins."""
        self._check_token += 1
        documents = [
            (art_type, artifact.content)
            for art_type, artifact in self._latest.items()
            if not (art_type == ArtifactType.COVER_LETTER and self.letter_editor.is_loaded())
        ]
        if not documents or self._ws is None:
            self._checks_pending = False
            return
        self._checks_pending = True
        app = self._current_application()
        self._runner.run(
            "check-documents",
            partial(
                _check_documents_work,
                self._check_token,
                documents,
                self.fact_sources_getter(),
                (app.company if app else None) or None,
                (app.title if app else None) or None,
                self._job_of(app),
                app.jd_text if app else None,
            ),
            lane=Lane.COMPUTE,
            on_success=self._on_documents_checked,
            on_failure=self._on_documents_check_failed,
        )

    @Slot(object)
    def _on_documents_checked(self, checks: DocumentChecks) -> None:
        if checks.token != self._check_token:
            return  # superseded: another application is shown, or the facts changed since
        self._checks_pending = False
        for art_type, result in checks.results.items():
            if art_type not in self._latest:
                continue
            if result.violations is not None:
                self._checked[art_type] = (result.checked_text, result.violations)
                self.artifact_panes[art_type].show_violations(result.violations, result.checked_text)
            if result.quality is not None:
                self._quality[art_type] = result.quality
                self.artifact_panes[art_type].show_quality(*quality_badge(result.quality))
        self.sig_checks_changed.emit()

    @Slot(object)
    def _on_documents_check_failed(self, exc: BaseException) -> None:
        self._checks_pending = False
        log.error("checking the documents failed: %s", type(exc).__name__)  # the stored findings stay shown

    def _show_quality(self, art_type: ArtifactType, content: BaseModel) -> None:
        """Run the writing checks on a document and show the badge (never in the way of showing the document)."""
        from careervp_desktop.analysis.quality import check_quality

        app = self._current_application()
        try:
            report = check_quality(art_type, content, job=self._job_of(app), job_text=app.jd_text if app else None)
        except Exception:
            log.exception("writing checks failed on a %s", art_type.value)
            return
        self._quality[art_type] = report
        self.artifact_panes[art_type].show_quality(*quality_badge(report))
        self.sig_checks_changed.emit()

    def _job_of(self, app: Application | None) -> JobPosting | None:
        """The application's parsed job posting (parsing takes ~10 ms: cached, and warmed by the generation)."""
        if app is None or not app.jd_text.strip():
            return None
        return _parsed_job(app.jd_text, app.company, app.title)

    def _recheck_all(self) -> None:
        if ArtifactType.COVER_LETTER in self._latest and self.letter_editor.is_loaded():
            self.letter_editor.check_now()
        self._schedule_checks()

    def _load_facts(self, application_id: int | None) -> None:
        from careervp_desktop import workflow

        if self._ws is None:
            self._facts = ()
            return
        try:
            self._facts = tuple(workflow.confirmed_facts(self._ws, application_id))
        except Exception:  # the documents are still shown, checked against the CV alone
            log.exception("cannot read the confirmed facts")
            self._facts = ()

    def _current_application(self) -> Application | None:
        row = self._model.row_of(self._current_id)
        return self._model.application_at(row) if row is not None else None

    def _select_row_quietly(self, application_id: int | None) -> None:
        selection = self.sidebar.list_view.selectionModel()
        selection.blockSignals(True)
        try:
            row = self._model.row_of(application_id)
            if row is None:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), selection.SelectionFlag.Clear)
            else:
                index = self._model.index(row, 0)
                selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
                self.sidebar.list_view.scrollTo(index)
        finally:
            selection.blockSignals(False)
        self.sidebar.list_view.viewport().update()

    # ------------------------------------------------------------------ state
    def _set_generating(self, generating: bool) -> None:
        self.sidebar.list_view.setEnabled(not generating)
        self.sidebar.new_button.setEnabled(not generating)
        self.job_pane.set_editable(not generating)
        self.cv_pane.import_button.setEnabled(not generating)
        self._update_actions()

    def _finish_generation(self) -> None:
        self._generation = None
        self._writing = None
        self._stage = None
        self._banner_timer.stop()
        self._banner_pending = None
        self.progress.setVisible(False)
        self._set_generating(False)

    def _update_actions(self) -> None:
        generating = self._generation is not None or self._ws is None  # nothing to act on before the library
        has_text = bool(self.job_pane.jd_edit.toPlainText().strip())
        self.act_new.setEnabled(not generating)
        self.act_import_cv.setEnabled(not generating and self._pending_import is None)
        self.cv_pane.import_button.setEnabled(not generating and self._pending_import is None)
        reason = self.generate_blocked_reason()
        self.act_generate.setEnabled(reason is None)
        self.act_generate.setStatusTip(reason or tr("Write all documents for this job"))
        self.job_pane.set_generate_reason(reason)
        self.act_analyse.setEnabled(has_text)
        self.job_pane.analyse_button.setEnabled(has_text and not generating)
        self.job_pane.analyse_button.setToolTip(
            tr("Show the requirements we read in this job description")
            if has_text
            else tr("Paste the job description first: then see what was read and how you match")
        )
        can_export = not generating and self._current_id is not None and bool(self._latest)
        self.act_export.setEnabled(can_export)
        self.act_export.setStatusTip(
            tr("Save the documents as Word and PDF files")
            if can_export
            else tr("Generate the documents first, then export")
        )
        for pane in self.artifact_panes.values():
            pane.regenerate_button.setEnabled(not generating)
            pane.final_button.setEnabled(not generating)
        self._update_retry()

    def generate_blocked_reason(self) -> str | None:
        """Why Generate cannot run now (shown beside the button), or None when it can."""
        if self._ws is None:
            return tr("Opening your library…")
        if self._generation is not None:
            return tr("Writing the documents… (Cancel is above the tabs)")
        if self._master_cv is None:
            return tr("Import your CV first (CV tab): everything is written from it.")
        if not self.job_pane.jd_edit.toPlainText().strip():
            return tr("Paste the job description first.")
        return None

    def log_path(self) -> Path:
        return self._log_path()

    def data_dir(self) -> Path:
        return self.workspace().data_dir

    def _log_path(self) -> Path:
        from careervp_desktop.storage.paths import default_data_dir

        return log_file(self._data_dir or default_data_dir())

    # ------------------------------------------------------------------ window state
    def _ui_settings(self) -> QSettings | None:
        """Window geometry and splitter sizes, in `ui.ini` of the data folder (nothing personal in it)."""
        try:
            from careervp_desktop.storage.paths import default_data_dir

            folder = self._data_dir or default_data_dir()
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)

    def _restore_window_state(self) -> None:
        settings = self._ui_settings()
        if settings is None:
            return
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        docks = settings.value("window/docks")
        if isinstance(docks, QByteArray) and not docks.isEmpty():
            self.restoreState(docks)
        splitter = settings.value("window/mainSplitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self._splitter_state = splitter  # applied once the window has its size (see showEvent)
        tab = settings.value("window/tab")
        if isinstance(tab, str) and tab.isdigit() and int(tab) < self.tabs.count():
            self.tabs.setCurrentIndex(int(tab))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._splitter_state is not None:
            self.main_splitter.restoreState(self._splitter_state)
            self._splitter_state = None

    def _save_window_state(self) -> None:
        settings = self._ui_settings()
        if settings is None:
            return
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/mainSplitter", self.main_splitter.saveState())
        settings.setValue("window/docks", self.saveState())  # the checks panel: shown or not, where, how wide
        settings.setValue("window/tab", str(self.tabs.currentIndex()))
        settings.sync()

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self._save_window_state()
        self._shutdown()
        super().closeEvent(event)

    def _shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._analysis_timer.stop()
        self._warm_up_timer.stop()
        self._fill_timer.stop()  # documents still being shown one per turn: not any more
        self._fill_steps.clear()
        self._fill_then = None
        if self._generation is not None:
            self._generation.cancel()
        answers_pending = self.gap_answers.is_dirty()
        self.flush_edits()
        if (
            self.cv_editor.is_saving() or self.letter_editor.is_saving() or answers_pending
        ):  # saved before the lane stops
            self._runner.wait_for_done(15_000)
        self._runner.shutdown()
        self._generation = None
        self._detach_claude()


def _to_check(report: QualityReport) -> int:
    return sum(1 for f in report.findings if f.severity.value in ("error", "warning"))


def quality_badge(report: QualityReport) -> tuple[str, str, str]:
    """(badge text, level, details) for a document's writing checks: errors and warnings count; info is listed."""
    errors = [f for f in report.findings if f.severity.value == "error"]
    warnings = [f for f in report.findings if f.severity.value == "warning"]
    lines = []
    for f in errors + warnings:
        hint = f" — {tr_finding(f.suggestion)}" if f.suggestion else ""
        lines.append(f"• {tr_finding(f.message)}{hint}")
    if report.ats is not None:
        lines.insert(0, tr("ATS score {total}/100.").format(total=round(report.ats.total)))
    to_check = len(errors) + len(warnings)
    if not to_check:
        return tr("Writing ✓"), "ok", "\n".join(lines)
    level = "critical" if errors else "warning"
    return tr("Writing: {n} to check").format(n=to_check), level, "\n".join(lines)


def _cv_subtitle(cv: MasterCV) -> str:
    facts = " · ".join(
        (_count(len(cv.experience), "role"), _count(len(cv.education), "degree"), _count(len(cv.skills), "skill"))
    )
    return tr("Your primary CV · {facts} · everything else is checked against it").format(facts=facts)


def _count(n: int, noun: str) -> str:
    """ "1 role", "3 roles"… in the UI language (the things a CV summary counts)."""
    one, many = {
        "role": (tr("1 role"), tr("{n} roles")),
        "degree": (tr("1 degree"), tr("{n} degrees")),
        "skill": (tr("1 skill"), tr("{n} skills")),
    }[noun]
    return one if n == 1 else many.format(n=n)


def _provenance_line(artifact: Artifact, *, editable: bool) -> str:
    from careervp_desktop.ui.history import provider_name

    p = artifact.provenance
    who = provider_name(p.provider)
    if p.model:
        who = f"{who} ({p.model})"
    if p.fallback_reason is not None:  # "Claude had a server error (500): retry later, …": its first clause
        reason = p.fallback_reason.split(": ")[0].rstrip(".")
        who = tr("Offline draft — {reason}").format(reason=reason) if reason else tr("Offline draft")
    parts = [tr("Version {version}").format(version=artifact.version), who]
    if p.fallback_reason is None and p.note and p.provider == "offline":  # e.g. "Written in English: …"
        parts.append(p.note.split(":")[0])
    parts.append(format_updated(artifact.created_at))
    if p.input_tokens or p.output_tokens:
        parts.append(
            tr("{tokens:,} tokens · ${usd:.2f}").format(tokens=p.input_tokens + p.output_tokens, usd=p.cost_usd)
        )
    if editable:
        parts.append(tr("your edits are saved as you type"))
    return " · ".join(parts)


# --------------------------------------------------------------------------------------------------- entry point
def install_exception_hook(window: MainWindow) -> None:
    """An exception that escapes a slot would end the app (PySide6 prints it and goes on, or aborts): log it and
    show a dialog with the log's path instead. Autosaves carry on; nothing typed is lost."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)  # type: ignore[arg-type]
            return
        exc.__traceback__ = tb  # type: ignore[assignment]
        try:
            show_error(window, exc, action=tr("finish what you asked"), log_path=window.log_path())
        except Exception:  # the dialog itself failed: at least keep the log
            log.exception("unhandled error (and its dialog failed)")

    sys.excepthook = hook


def run_gui(data_dir: Path | None, exit_after_show: bool) -> int:
    """Create the application, open the workspace in `data_dir` (None → the default), show the main window.
    The library opens in the background once the window is up. With `exit_after_show`, quit as soon as the window
    is shown and its library loaded (a smoke test and the startup benchmark), reporting errors on stderr."""
    from careervp_desktop.ui.gc_policy import hold_collections, settle_after_start
    from careervp_desktop.ui.splash import application, close_splash, install_language

    hold_collections()  # until the library is open (settle_after_start)
    app = application()
    install_language(app)  # done already after the start-up card, unless there was none
    app.setWindowIcon(icon("app"))
    app.setStyle("Fusion")
    from careervp_desktop.ui.style import apply_theme

    apply_theme(app, load_preferences().theme)  # system (follows the OS live), light or dark

    from careervp_desktop.domain.errors import UserFacingError

    window = MainWindow(data_dir=data_dir, error_dialogs=not exit_after_show, open_later=True)
    install_exception_hook(window)
    report = bool(os.environ.get("CAREERVP_REPORT_SHOWN"))  # the startup benchmark reads these lines

    def mark(event: str) -> None:
        if report:
            sys.stdout.write(f"{event} {time.time():.6f}\n")
            sys.stdout.flush()

    def library_ready() -> None:
        settle_after_start()
        mark("LOADED")
        if exit_after_show:
            app.quit()

    window.sig_library_ready.connect(library_ready)
    window.show()
    close_splash()  # the start-up card, if the launcher showed one
    QTimer.singleShot(0, partial(mark, "SHOWN"))
    # The first paint before the library opens: the worker's imports (pydantic, SQLAlchemy: ~450 ms of Python)
    # would share the GIL with it. (Offscreen and on most desktops the window's expose is queued by now; if it is
    # not, the paint simply overlaps the worker, as it did before.)
    app.processEvents()
    window.open_library()
    code = app.exec()
    window.close()
    error = window.library_error
    if error is not None:
        if exit_after_show:
            sys.stderr.write(f"careervp: {error}\n")
        return error.exit_code if isinstance(error, UserFacingError) else 1
    return int(code)
