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
)

if TYPE_CHECKING:
    from careervp_desktop.generation.providers import Provider
    from careervp_desktop.storage.archive import ImportReport
    from careervp_desktop.storage.library import Library

EXPORT_FORMATS: tuple[str, ...] = ("json", "docx", "pdf")
PROVIDER_NAMES: tuple[str, ...] = ("offline", "anthropic")


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


def select_provider(
    name: str,
    ws: Workspace | None = None,
    *,
    service: ClaudeService | None = None,
    application_id: int | None = None,
    regenerate: bool = False,
) -> Provider:
    """The writer called `name`. "anthropic" needs an API key (`ProviderUnavailableError` otherwise); it uses
    `service` (the GUI keeps one per open library, so the circuit breaker outlives a generation) or a new one on
    `ws` (response cache, usage ledger and settings of its library). Whatever Claude cannot write (breaker open,
    API down, budget reached…) is written offline and labelled so. `regenerate` bypasses the response cache."""
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


def claude_service(ws: Workspace | None = None, *, base_url: str | None = None) -> ClaudeService:
    """A Claude service on a workspace's library (its response cache, usage ledger and settings; none without a
    workspace). The key comes from `keychain.default_store()` (ANTHROPIC_API_KEY wins); `base_url` None means
    ANTHROPIC_BASE_URL or the public API. Make one per open library and keep it: it holds the circuit breaker
    and the status the status bar shows."""
    from careervp_desktop.generation.claude.service import ClaudeService, ServiceOptions
    from careervp_desktop.keychain import default_store

    library = ws.library if ws is not None else None
    return ClaudeService(
        api_key=default_store().get,
        cache=library,
        ledger=library,
        settings=library,
        options=ServiceOptions(base_url=base_url),
    )


def for_application(provider: Provider, application_id: int | None) -> Provider:
    """`provider` bound to one application (the Claude provider records its usage under it); others as they are."""
    bind = getattr(provider, "for_application", None)
    bound = bind(application_id) if callable(bind) else provider
    assert isinstance(bound, type(provider))
    return bound


def job_for(app: Application) -> JobPosting:
    """The job posting of an application; the company and title the user gave win over what the parser found."""
    job = analyse_job(app.jd_text)
    return job.model_copy(update={"company": app.company or job.company, "title": app.title or job.title})


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
) -> GenerationOutcome:
    """Generate every artifact of an application and save each as a new version."""
    from careervp_desktop.generation.pipeline import generate_all

    app = ws.library.get_application(application_id)
    cv = master_cv_for(ws, app)
    job = job_for(app)
    result = generate_all(cv, job, provider=provider, on_progress=on_progress, is_cancelled=is_cancelled)
    saved: dict[ArtifactType, Artifact] = {}
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


def export_artifacts(
    ws: Workspace,
    application_id: int,
    out_dir: Path,
    *,
    formats: Sequence[str] = EXPORT_FORMATS,
) -> list[Path]:
    """Write the latest version of every artifact as `<type>.<format>` into `out_dir`."""
    from careervp_desktop.export import export_artifact

    app = ws.library.get_application(application_id)
    cv = master_cv_for(ws, app)
    job = job_for(app)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInputError(f"Cannot create the output folder {out_dir}: {exc.strerror}; choose another.") from exc
    written: list[Path] = []
    for art_type, artifact in ws.library.latest_artifacts(application_id).items():
        content = content_model(art_type).model_validate(artifact.content)
        stem = out_dir / art_type.value
        if "json" in formats:
            path = stem.with_suffix(".json")
            path.write_text(
                json.dumps(content_json(art_type, content), indent=2, ensure_ascii=False) + "\n",
                encoding="utf-8",
            )
            written.append(path)
        binary = tuple(f for f in formats if f in ("docx", "pdf"))
        if binary:
            written.extend(export_artifact(art_type, content, stem, cv=cv, job=job, formats=binary))
    return written


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
