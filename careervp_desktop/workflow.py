"""The application workflow shared by the CLI and the GUI: open the library, import a master CV, create an
application from a job description, generate its artifacts, save them as versions, export them.

Everything here is synchronous and thread-agnostic; the GUI calls it from its background-work helper.
Heavy modules (SQLAlchemy, pypdf, python-docx, Qt's PDF writer) are imported where they are first needed so the
window can appear before they load.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from careervp_desktop.domain.artifacts import content_json, content_model
from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import (
    Application,
    ApplicationStatus,
    Artifact,
    ArtifactType,
    JobPosting,
    MasterCV,
    MatchResult,
    Violation,
)

if TYPE_CHECKING:
    from datetime import date

    from careervp_desktop.analysis.gaps import KnownAnswer
    from careervp_desktop.domain.artifacts import GapQuestion, GapQuestions
    from careervp_desktop.domain.records import GapAnswer, KnowledgeFact, SentPackage
    from careervp_desktop.export import PageSizeName
    from careervp_desktop.generation.claude.service import ClaudeService, ServiceOptions
    from careervp_desktop.generation.pipeline import Stage
    from careervp_desktop.generation.providers import Provider
    from careervp_desktop.keychain import ApiKeyStore
    from careervp_desktop.storage.archive import ImportReport
    from careervp_desktop.storage.library import Library

EXPORT_FORMATS: tuple[str, ...] = ("json", "docx", "pdf")
PROVIDER_NAMES: tuple[str, ...] = ("offline", "anthropic")
OFFLINE_ONLY_NOTICE = (
    "offline-only mode is on (Settings ▸ General): the offline engine writes the documents and nothing is sent "
    "to Claude, even with an API key set"
)


@dataclass
class Workspace:
    """An opened data directory: the library database and where logs and exports go."""

    data_dir: Path
    library: Library

    @classmethod
    def open(cls, data_dir: Path | None = None, *, in_memory: bool = False) -> Workspace:
        from careervp_desktop.storage.database import open_engine
        from careervp_desktop.storage.library import Library
        from careervp_desktop.storage.paths import database_path, default_data_dir

        directory = data_dir if data_dir is not None else default_data_dir()
        engine = open_engine(None if in_memory else database_path(directory))
        return cls(data_dir=directory, library=Library(engine))


@dataclass
class GenerationOutcome:
    application: Application
    match: MatchResult
    artifacts: dict[ArtifactType, Artifact] = field(default_factory=dict)


def import_master_cv(
    ws: Workspace, path: Path, *, password: str | None = None, name: str | None = None
) -> tuple[int, MasterCV]:
    """Parse a CV file and store it as the primary master CV. Nothing is stored when parsing fails."""
    from careervp_desktop.ingest.cv_import import import_cv_file

    cv = import_cv_file(path, password=password)
    try:
        source_bytes: bytes | None = path.read_bytes()  # kept so a library backup carries the original file
    except OSError:
        source_bytes = None
    cv_id = ws.library.save_master_cv(
        cv, name=name or cv.full_name or path.stem, source_filename=path.name, source_bytes=source_bytes
    )
    return cv_id, cv


def read_job_text(path: Path) -> str:
    from careervp_desktop.ingest.jd_parser import read_job_file

    return read_job_file(path)


def analyse_job(jd_text: str) -> JobPosting:
    from careervp_desktop.ingest.jd_parser import parse_job_posting

    if not jd_text.strip():
        raise BadInputError("The job description is empty: paste the job ad text or choose a file that has it.")
    return parse_job_posting(jd_text)


def create_application(
    ws: Workspace,
    *,
    jd_text: str,
    master_cv_id: int | None,
    company: str | None = None,
    title: str | None = None,
    source_url: str | None = None,
) -> Application:
    """Create an application; company and title default to what the job description says."""
    job = analyse_job(jd_text)
    app = Application(
        company=(company or job.company or "").strip(),
        title=(title or job.title or "").strip(),
        jd_text=jd_text,
        source_url=source_url,
        master_cv_id=master_cv_id,
    )
    return ws.library.create_application(app)


def offline_only_mode() -> bool:
    """Settings ▸ General ▸ "Offline only" (`preferences.ini`, read now): never send anything to Claude, even with
    an API key set. False when the file is missing, unreadable or corrupt (never raises)."""
    from careervp_desktop.storage.preferences import load_preferences

    try:
        return load_preferences().offline_only
    except Exception:  # preferences must never stop a command
        return False


def preferred_page_size() -> str | None:
    """Settings ▸ General ▸ paper: "A4"/"Letter", or None for "by region" (and for a missing, unreadable or
    corrupt preferences file; never raises)."""
    from careervp_desktop.storage.preferences import load_preferences

    try:
        return load_preferences().export_page_size
    except Exception:  # preferences must never stop an export
        return None


def select_provider(
    name: str,
    ws: Workspace | None = None,
    *,
    service: ClaudeService | None = None,
    application_id: int | None = None,
    regenerate: bool = False,
    offline_only: bool | None = None,
) -> Provider:
    """The writer called `name`. "anthropic" needs an API key (`ProviderUnavailableError` otherwise); it uses
    `service` (the GUI keeps one per open library, so the circuit breaker outlives a generation) or a new one on
    `ws` (response cache, usage ledger and settings of its library). Whatever Claude cannot write (breaker open,
    API down, budget reached…) is written offline and labelled so. `regenerate` bypasses the response cache.

    In offline-only mode (`offline_only`; None reads Settings ▸ General, `offline_only_mode`) "anthropic" is the
    offline engine: no Claude client is made and nothing is sent; its `notices` say so (`OFFLINE_ONLY_NOTICE`)."""
    if name == "anthropic" and (offline_only_mode() if offline_only is None else offline_only):
        from careervp_desktop.generation.offline import OfflineProvider

        return OfflineProvider(notices=[OFFLINE_ONLY_NOTICE])
    if name == "offline":
        from careervp_desktop.generation.offline import OfflineProvider

        return OfflineProvider()
    if name == "anthropic":
        from careervp_desktop.generation.claude.errors import NoApiKeyError

        service = service or claude_service(ws)
        if not service.api_key():
            raise NoApiKeyError()
        return service.provider(application_id, regenerate=regenerate)
    raise BadInputError(f"Unknown provider {name!r}: choose one of {', '.join(PROVIDER_NAMES)}.")


def claude_service(
    ws: Workspace | None = None,
    *,
    base_url: str | None = None,
    store: ApiKeyStore | None = None,
    options: ServiceOptions | None = None,
) -> ClaudeService:
    """A Claude service on a workspace's library (its response cache, usage ledger and settings; none without a
    workspace). The key comes from `store` (default: `keychain.default_store()`; ANTHROPIC_API_KEY wins);
    `base_url` None means ANTHROPIC_BASE_URL or the public API (`options` replaces both). Make one per open
    library and keep it: it holds the circuit breaker and the status the status bar shows."""
    from careervp_desktop.generation.claude.service import ClaudeService, ServiceOptions
    from careervp_desktop.keychain import default_store

    library = ws.library if ws is not None else None
    return ClaudeService(
        api_key=(store or default_store()).get,
        cache=library,
        ledger=library,
        settings=library,
        options=options or ServiceOptions(base_url=base_url),
    )


def for_application(provider: Provider, application_id: int | None) -> Provider:
    """`provider` bound to one application (the Claude provider records its usage under it); others as they are."""
    bind = getattr(provider, "for_application", None)
    bound = bind(application_id) if callable(bind) else provider
    assert isinstance(bound, type(provider))
    return bound


def job_for(app: Application) -> JobPosting:
    """The job posting of an application; the company and title the user gave win over what the parser found."""
    return job_posting(app.jd_text, app.company, app.title)


def job_posting(jd_text: str, company: str | None, title: str | None) -> JobPosting:
    """`job_for` by value: the parsed ad with the user's company and title (when given) over the parser's."""
    job = analyse_job(jd_text)
    return job.model_copy(update={"company": company or job.company, "title": title or job.title})


def master_cv_for(ws: Workspace, app: Application) -> MasterCV:
    if app.master_cv_id is not None:
        return ws.library.get_master_cv(app.master_cv_id)
    primary = ws.library.primary_master_cv()
    if primary is None:
        raise BadInputError("No master CV yet: import your CV first (careervp import-cv FILE, or CV ▸ Import).")
    return primary[1]


def generate_application(
    ws: Workspace,
    application_id: int,
    *,
    provider: Provider,
    on_progress: Callable[[ArtifactType, int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    types: Sequence[ArtifactType] | None = None,
    on_stage: Callable[[Stage], None] | None = None,
) -> GenerationOutcome:
    """Generate the artifacts of an application (`types`, in the pipeline's order; None: all of them) and save
    each as a new version. The outcome holds the latest version of every artifact, written now or before."""
    from careervp_desktop.generation.pipeline import ARTIFACT_ORDER, generate_all

    app = ws.library.get_application(application_id)
    cv = master_cv_for(ws, app)
    job = job_for(app)
    result = generate_all(
        cv,
        job,
        provider=provider,
        on_progress=on_progress,
        is_cancelled=is_cancelled,
        on_stage=on_stage,
        facts=confirmed_facts(ws, application_id),
        types=ARTIFACT_ORDER if types is None else tuple(t for t in ARTIFACT_ORDER if t in types),
        answers=answered_gap_questions(ws, application_id),
        known=known_answers(ws, application_id),
        letter_tone=app.letter_tone,
        hiring_manager=app.hiring_manager,
        company_notes=app.company_notes,
        language=app.document_language,
    )
    saved: dict[ArtifactType, Artifact] = {}
    if types is not None:  # a partial run (e.g. retrying offline drafts): the others stay as they were
        saved.update(ws.library.latest_artifacts(application_id))
    for art_type, generated in result.artifacts.items():
        saved[art_type] = ws.library.add_artifact_version(
            application_id,
            art_type,
            content_json(art_type, generated.content),
            generated.provenance,
            violations=generated.violations,
        )
    app.status = ApplicationStatus.GENERATED
    app = ws.library.update_application(app)
    return GenerationOutcome(application=app, match=result.match, artifacts=saved)


def answered_gap_questions(ws: Workspace, application_id: int) -> list[GapQuestion]:
    """This application's gap questions (latest version) with the user's answers that may be used in the documents
    (destination CV_IMPACT): what the writers get as <answers> and the fact check accepts. Each question carries
    the user's choice as its `destination` (the question's own is only the suggested one)."""
    from careervp_desktop.domain.artifacts import GapDestination, GapQuestions
    from careervp_desktop.domain.records import AnswerDestination

    latest = ws.library.latest_artifacts(application_id).get(ArtifactType.GAP_QUESTIONS)
    if latest is None:
        return []
    out = []
    for q, a in stored_gap_answers(ws, application_id, GapQuestions.model_validate(latest.content)):
        if a is not None and a.answer.strip() and a.destination == AnswerDestination.CV_IMPACT:
            out.append(q.model_copy(update={"answer": a.answer.strip(), "destination": GapDestination.CV_IMPACT}))
    return out


def stored_gap_answers(
    ws: Workspace, application_id: int, gaps: GapQuestions
) -> list[tuple[GapQuestion, GapAnswer | None]]:
    """Each question with the answer the user stored for it (matched by the question's text, so a regenerated list
    in another order keeps its answers; else by its id), or None."""
    from careervp_desktop.domain.records import question_hash

    answers = ws.library.gap_answers(application_id)
    by_hash = {a.question_hash: a for a in answers}
    by_id = {a.question_id: a for a in answers}
    current = {question_hash(q.question) for q in gaps.questions}
    out: list[tuple[GapQuestion, GapAnswer | None]] = []
    for q in gaps.questions:
        a = by_hash.get(question_hash(q.question))
        if a is None:  # the wording changed: the answer stored under this id, unless it belongs to another question
            candidate = by_id.get(q.id)
            a = candidate if candidate is not None and candidate.question_hash not in current else None
        out.append((q, a))
    return out


def known_answers(ws: Workspace, application_id: int | None = None) -> list[KnownAnswer]:
    """Answers to gap questions from the knowledge base (earlier applications), offered again for the same
    questions. Free-standing confirmed facts (the question is the fact itself) are left out."""
    from careervp_desktop.analysis.gaps import KnownAnswer

    return [
        KnownAnswer(f.question, f.answer, f.source_application_id)
        for f in ws.library.knowledge_facts()
        if f.answer.strip() and f.question.strip() != f.answer.strip()
    ]


def offer_earlier_answers(
    ws: Workspace, pairs: list[tuple[GapQuestion, GapAnswer | None]], application_id: int | None = None
) -> list[tuple[GapQuestion, GapAnswer | None]]:
    """Questions with no answer yet get the answer given to the same question in an earlier application (from the
    knowledge base), marked `reused` for the user to confirm: a question is never asked twice."""
    from careervp_desktop.analysis.gaps import earlier_answer

    if all(a is not None or (q.answer or "").strip() for q, a in pairs):
        return pairs
    known = known_answers(ws, application_id)
    out: list[tuple[GapQuestion, GapAnswer | None]] = []
    for q, a in pairs:
        if a is None and not (q.answer or "").strip():
            earlier = earlier_answer(q.question, known)
            if earlier is not None:
                q = q.model_copy(update={"answer": earlier.answer, "reused": True})
        out.append((q, a))
    return out


@dataclass(frozen=True)
class GapAnswerInput:
    """What the user entered for one gap question: the answer, where it may be used, or that they skip it."""

    question_id: str
    answer: str = ""
    destination: str = "cv_impact"
    skipped: bool = False


def save_gap_answers(ws: Workspace, application_id: int, entries: Sequence[GapAnswerInput]) -> list[GapAnswer]:
    """Store the answers to an application's gap questions (one transaction per answer; an answer also goes to
    the knowledge base for the next application). A skipped question is stored with an empty answer; an empty
    answer that is not skipped removes what was stored for that question. Raises
    `BadInputError` (one line, nothing stored) when an answer is too short or too long, or a question is unknown."""
    from careervp_desktop.analysis.gaps import answer_problem
    from careervp_desktop.domain.artifacts import GapQuestions
    from careervp_desktop.domain.records import AnswerDestination, GapAnswer

    latest = ws.library.latest_artifacts(application_id).get(ArtifactType.GAP_QUESTIONS)
    if latest is None:
        raise BadInputError("This application has no gap questions yet: generate its documents first.")
    questions = {q.id: q for q in GapQuestions.model_validate(latest.content).questions}
    for n, e in enumerate(entries, start=1):
        if e.question_id not in questions:
            raise BadInputError(f"Unknown gap question {e.question_id!r}: generate again, then answer.")
        problem = answer_problem(e.answer, skipped=e.skipped)
        if problem:
            raise BadInputError(f"Question {n}: {problem}")
    saved = []
    for e in entries:
        q = questions[e.question_id]
        text = "" if e.skipped else e.answer.strip()
        if not text and not e.skipped:  # not answered (or the answer was cleared): nothing to keep
            ws.library.delete_gap_answer(application_id, q.id)
            continue
        saved.append(
            ws.library.save_gap_answer(
                application_id,
                GapAnswer(
                    question_id=q.id,
                    question=q.question,
                    answer=text,
                    destination=AnswerDestination(e.destination),
                ),
                remember=bool(text),
            )
        )
    return saved


def confirmed_facts(ws: Workspace, application_id: int | None = None) -> list[str]:
    """What the user has confirmed besides the CV, for the fact check and the writers: the knowledge base's facts
    that may be used in documents, and this application's gap answers (destination CV_IMPACT)."""
    from careervp_desktop.domain.records import AnswerDestination

    facts = [f.answer for f in ws.library.knowledge_facts() if f.destination == AnswerDestination.CV_IMPACT]
    if application_id is not None:
        facts += [
            a.answer for a in ws.library.gap_answers(application_id) if a.destination == AnswerDestination.CV_IMPACT
        ]
    return list(dict.fromkeys(f.strip() for f in facts if f.strip()))


def confirm_claim(ws: Workspace, text: str, violation: Violation, application_id: int | None) -> KnowledgeFact:
    """The user says a flagged claim is true: store the sentence that holds it as a confirmed fact (the fact
    check then accepts it in every document, and writers may use it)."""
    from careervp_desktop.analysis.textnorm import sentences
    from careervp_desktop.domain.records import AnswerDestination

    claim = violation.text.strip()
    at = violation.start if violation.start is not None else text.find(violation.text)
    for span in sentences(text):
        if at >= 0 and span.start <= at < max(span.end, span.start + 1):
            claim = span.text.strip()
            break
    if not claim:
        raise BadInputError("There is nothing to confirm here: select a flagged claim first.")
    return ws.library.remember_fact(
        claim, claim, destination=AnswerDestination.CV_IMPACT, source_application_id=application_id
    )


EXPORT_TYPES: dict[str, tuple[ArtifactType, ...]] = {
    "cv": (ArtifactType.TAILORED_CV,),
    "letter": (ArtifactType.COVER_LETTER,),
    "vpr": (ArtifactType.VPR,),
    "interview": (ArtifactType.INTERVIEW_PREP,),
    "gaps": (ArtifactType.GAP_QUESTIONS,),
    "all": (
        ArtifactType.TAILORED_CV,
        ArtifactType.COVER_LETTER,
        ArtifactType.VPR,
        ArtifactType.INTERVIEW_PREP,
        ArtifactType.GAP_QUESTIONS,
    ),
}
SENT_TYPES = (ArtifactType.TAILORED_CV, ArtifactType.COVER_LETTER)  # what goes to the employer
TEMPLATE_SETTING = "export.template"
PAGE_SIZE_SETTING = "export.page_size"


@dataclass
class ExportPackage:
    """What one export of an application wrote into `folder`.

    `files` lists every file in writing order; `by_type` the files of each document; `warnings` one-line notes to
    show the user (a CV longer than two pages); `cv_pages` the CV's page count when a CV was exported; `sent` the
    record made when the export was also marked as sent."""

    application_id: int
    folder: Path
    files: list[Path] = field(default_factory=list)
    by_type: dict[ArtifactType, list[Path]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    cv_pages: int | None = None
    template: str = ""
    page_size: str = ""
    sent: SentPackage | None = None

    @property
    def exported_files(self) -> dict[str, Path]:
        """{file name: path} of every DOCX and PDF written, the shape `Library.mark_sent(exported_files=...)`
        takes."""
        return {p.name: p for p in self.files if p.suffix.lower() in (".docx", ".pdf")}

    def files_to_send(self) -> dict[str, Path]:
        """{file name: path} of the documents that go to the employer: the CV and the cover letter."""
        return {
            p.name: p
            for art_type in SENT_TYPES
            for p in self.by_type.get(art_type, [])
            if p.suffix.lower() in (".docx", ".pdf")
        }


def _export_types(types: Sequence[ArtifactType | str] | None) -> tuple[ArtifactType, ...]:
    if types is None:
        return EXPORT_TYPES["all"]
    chosen: list[ArtifactType] = []
    for item in types:
        if isinstance(item, ArtifactType):
            chosen.append(item)
            continue
        key = item.strip().lower()
        if key in EXPORT_TYPES:
            chosen.extend(EXPORT_TYPES[key])
            continue
        try:
            chosen.append(ArtifactType(key))
        except ValueError:
            raise BadInputError(f"Unknown document type {item!r}: choose {', '.join(EXPORT_TYPES)}.") from None
    return tuple(dict.fromkeys(chosen))


def _export_preference(ws: Workspace, key: str) -> str | None:
    try:
        value = ws.library.get_setting(key)
    except Exception:  # a broken settings row must never stop an export
        return None
    return value if isinstance(value, str) and value.strip() else None


def export_package(
    ws: Workspace,
    application_id: int,
    out_dir: Path,
    *,
    types: Sequence[ArtifactType | str] | None = None,
    formats: Sequence[str] = ("docx", "pdf"),
    template: str | None = None,
    page_size: str | None = None,
    naming: str = "package",
    ascii_names: bool = False,
    mark_sent: bool = False,
    allow_critical: bool = True,
    today: date | None = None,
) -> ExportPackage:
    """Write the latest version of the chosen documents of an application into `out_dir` ("Export all" when
    `types` is None: every document that exists).

    - `formats`: any of "json", "docx", "pdf" ("both" = docx + pdf).
    - `template` ("classic"/"modern"): None uses the library setting `export.template`, then the default.
    - `page_size` ("A4"/"Letter"/"auto" = by locale): None uses the paper chosen in Settings ▸ General
      (`preferred_page_size`), then the library setting `export.page_size`, then the paper of the user's locale.
    - `naming`: "package" names files `First_Last_CV_Company.pdf` (see `export.file_names`; `ascii_names`
      transliterates), "type" names them `tailored_cv.pdf`.
    - `mark_sent`: record the CV and cover letter files as sent (`Library.mark_sent`); the result's `sent`.
    - `allow_critical=False` refuses to export documents with critical unsupported claims (FVS).

    Raises `NotFoundError` for an unknown application and `BadInputError` with a one-line message for anything
    the user can fix (no documents yet, a folder that cannot be written, an unknown type/format/template).
    """
    from careervp_desktop.export import (
        DEFAULT_TEMPLATE,
        export_artifact,
        export_file_stem,
        parse_formats,
        resolve_page_size,
    )
    from careervp_desktop.export.templates import theme_for

    app = ws.library.get_application(application_id)
    wanted_types = _export_types(types)
    wanted_formats: list[str] = []
    for fmt in formats:
        key = fmt.strip().lower().lstrip(".")
        wanted_formats.extend(["json"] if key == "json" else parse_formats([key]))
    wanted_formats = list(dict.fromkeys(wanted_formats))
    theme = theme_for(template or _export_preference(ws, TEMPLATE_SETTING) or DEFAULT_TEMPLATE)
    paper: PageSizeName = resolve_page_size(
        page_size or preferred_page_size() or _export_preference(ws, PAGE_SIZE_SETTING)
    )
    if naming not in ("package", "type"):
        raise BadInputError(f"Unknown file naming {naming!r}: choose package or type.")

    latest = ws.library.latest_artifacts(application_id)
    if not latest:
        raise BadInputError(
            f"Application #{application_id} has no documents yet: generate them first (careervp generate, or "
            "Generate in the app)."
        )
    missing = [t for t in wanted_types if t not in latest]
    if types is not None and missing and len(missing) == len(wanted_types):
        names = ", ".join(t.label.lower() for t in missing)
        raise BadInputError(f"Application #{application_id} has no {names} yet: generate it first.")
    chosen = [t for t in wanted_types if t in latest]
    if not allow_critical:
        critical = {t: sum(1 for v in latest[t].violations if v.severity == "critical") for t in chosen}
        flagged = {t: n for t, n in critical.items() if n}
        if flagged:
            total = sum(flagged.values())
            where = ", ".join(t.label.lower() for t in flagged)
            raise BadInputError(
                f"{total} critical unsupported claim{'s' if total != 1 else ''} in the {where}: fix "
                f"{'them' if total != 1 else 'it'} first, or export anyway (--force)."
            )

    binary = tuple(f for f in wanted_formats if f in ("docx", "pdf"))
    if mark_sent and not (binary and any(t in SENT_TYPES for t in chosen)):
        raise BadInputError(
            "Nothing to mark as sent: export the CV or the cover letter as DOCX or PDF to record it as sent."
        )

    cv = master_cv_for(ws, app)
    job = job_for(app)
    if out_dir.exists() and not out_dir.is_dir():
        raise BadInputError(f"Cannot export into {out_dir}: it is a file, not a folder; choose a folder.")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise BadInputError(f"Cannot create the output folder {out_dir}: {reason}; choose another.") from exc

    package = ExportPackage(application_id, out_dir, template=theme.name, page_size=paper)
    for art_type in chosen:
        content = content_model(art_type).model_validate(latest[art_type].content)
        if naming == "package":
            name = cv.full_name or getattr(content, "full_name", None)
            stem_name = export_file_stem(art_type, name, app.company or job.company, ascii_only=ascii_names)
        else:
            stem_name = art_type.value
        stem = out_dir / stem_name
        written: list[Path] = []
        if "json" in wanted_formats:
            path = stem.with_name(f"{stem.name}.json")
            _write_json(path, content_json(art_type, content))
            written.append(path)
        if binary:
            result = export_artifact(
                art_type,
                content,
                stem,
                cv=cv,
                job=job,
                formats=binary,
                page_size=paper,
                template=theme.name,
                today=today,
            )
            written.extend(result.paths)
            package.warnings.extend(result.warnings)
            if art_type == ArtifactType.TAILORED_CV:
                package.cv_pages = result.pages
        package.by_type[art_type] = written
        package.files.extend(written)
    if mark_sent:
        package.sent = ws.library.mark_sent(application_id, exported_files=package.files_to_send())
    return package


def _write_json(path: Path, data: object) -> None:
    from careervp_desktop.export.output_file import write_atomically

    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_atomically(text.encode("utf-8"), path, what="JSON file")


def export_artifacts(
    ws: Workspace,
    application_id: int,
    out_dir: Path,
    *,
    formats: Sequence[str] = EXPORT_FORMATS,
    page_size: str | None = None,
) -> list[Path]:
    """Write the latest version of every artifact as `<type>.<format>` into `out_dir` (the layout `generate` and
    `demo` write); see `export_package` for the full export (and how a `page_size` of None is decided)."""
    return export_package(ws, application_id, out_dir, formats=formats, page_size=page_size, naming="type").files


# --------------------------------------------------------------------------------------------------- library data
def data_files(data_dir: Path) -> list[Path]:
    """The files that hold the user's library in `data_dir`: the database, its -wal/-shm/-journal companions
    and the backups written before migrations (`careervp.db.bak-*`). Logs hold no personal data and are not
    included; exports the user saved elsewhere are never touched."""
    from careervp_desktop.storage.paths import database_path

    db = database_path(data_dir)
    companions = [db.with_name(db.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
    backups = sorted(db.parent.glob(f"{db.name}.bak-*")) if db.parent.is_dir() else []
    return [p for p in (db, *companions, *backups) if p.exists()]


def delete_all_data(data_dir: Path, ws: Workspace | None = None) -> list[Path]:
    """Delete the whole library: first every record (one transaction, so another open copy of the app sees an
    empty library rather than a vanished file), then the files of `data_files`. Returns the files removed.
    Raises `BadInputError` if a file cannot be removed (e.g. the app still has it open on Windows)."""
    from careervp_desktop.storage.database import open_engine
    from careervp_desktop.storage.library import Library
    from careervp_desktop.storage.paths import database_path

    db = database_path(data_dir)
    if ws is not None:
        ws.library.erase_everything()
        ws.library.engine.dispose()
    elif db.exists():
        engine = open_engine(db)
        try:
            Library(engine).erase_everything()
        finally:
            engine.dispose()
    removed: list[Path] = []
    for path in data_files(data_dir):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise BadInputError(
                f"Cannot delete {path}: {exc.strerror}; close CareerVP (every window) and try again."
            ) from exc
        removed.append(path)
    return removed


def export_library(ws: Workspace, target: Path) -> Path:
    from careervp_desktop.storage.archive import export_library as _export

    return _export(ws.library, target)


def import_library(ws: Workspace, source: Path, *, mode: str | None = None) -> ImportReport:
    """Import a library archive; `mode` is None, "merge" or "replace" (see `storage.archive`)."""
    from careervp_desktop.storage.archive import ImportMode
    from careervp_desktop.storage.archive import import_library as _import

    return _import(ws.library, source, mode=None if mode is None else ImportMode(mode))


def export_application(ws: Workspace, application_id: int, target: Path) -> Path:
    from careervp_desktop.storage.archive import export_application as _export

    return _export(ws.library, application_id, target)


def import_application(ws: Workspace, source: Path, *, mode: str | None = None) -> ImportReport:
    from careervp_desktop.storage.archive import ImportMode
    from careervp_desktop.storage.archive import import_application as _import

    return _import(ws.library, source, mode=None if mode is None else ImportMode(mode))
