"""Backup and move: the whole library, or one application, as a zip archive.

Layout of an archive:
- `manifest.json`: format name and version, app and schema version, creation time, and the SHA-256 and size
  of every other file in the archive;
- `library.json`: every record (master CVs with all their versions, applications with every artifact version,
  gap answers and sent packages, the knowledge base, the usage ledger, settings). The LLM cache is left out
  (it is only a cache);
- `cv_files/<id>/<name>`: the original CV files, when the library kept them.

Import is one write transaction: the library is changed completely or not at all. Before anything is written,
the archive is checked: it must be a readable zip whose every member is listed in the manifest with a matching
SHA-256 (so truncation, corruption and tampering are caught), with safe relative names (no zip-slip: nothing is
ever extracted to disk anyway) and within size limits (no zip bombs: each member is read with a hard cap and a
compression-ratio limit). Problems raise `BadInputError` with one line.

Modes: `replace` empties the library first and keeps the archive's ids; `merge` adds what is missing (new ids;
an application already present — same creation time, company and title — is skipped; a knowledge fact already
known keeps the library's answer; settings already set are kept); no mode is only allowed into an empty
library. A single-application archive is added as a new application; if it is already present, `replace`
overwrites it and `merge` adds a copy.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import delete
from sqlmodel import Session, SQLModel, col, select

from careervp_desktop import __version__
from careervp_desktop.domain.errors import BadInputError, NotFoundError
from careervp_desktop.domain.models import utc_now
from careervp_desktop.storage import database
from careervp_desktop.storage.library import Library, looks_like_secret
from careervp_desktop.storage.tables import (
    ApplicationRow,
    ArtifactRow,
    GapAnswerRow,
    KnowledgeFactRow,
    MasterCVFileRow,
    MasterCVRow,
    MasterCVVersionRow,
    SentPackageRow,
    SettingRow,
    UsageRow,
)

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "library.json"

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed; JSON compresses ~10x, a bomb ~1000x


class ImportMode(StrEnum):
    MERGE = "merge"
    REPLACE = "replace"


@dataclass
class ImportReport:
    master_cvs: int = 0
    applications: int = 0
    skipped_applications: int = 0
    artifact_versions: int = 0
    knowledge_facts: int = 0
    application_ids: list[int] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------- the format
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _FileEntry(_Strict):
    sha256: str
    size: int


class _Manifest(_Strict):
    format: Literal["careervp-library", "careervp-application"]
    format_version: int
    app_version: str
    schema_version: int
    created_at: datetime
    files: dict[str, _FileEntry]


class _CVRecord(_Strict):
    row: dict[str, Any]
    versions: list[dict[str, Any]]
    file: str | None = None  # archive path of the original file


class _AppRecord(_Strict):
    row: dict[str, Any]
    artifacts: list[dict[str, Any]]
    gap_answers: list[dict[str, Any]]
    sent_packages: list[dict[str, Any]]


class _Data(_Strict):
    master_cvs: list[_CVRecord]
    applications: list[_AppRecord]
    knowledge_facts: list[dict[str, Any]]
    usage: list[dict[str, Any]]
    settings: list[dict[str, Any]]


# --------------------------------------------------------------------------------------------------- export
def export_library(library: Library, target: Path) -> Path:
    """Write the whole library to `target` (a .zip), atomically. Returns the path."""
    with _read(library) as session:
        cv_rows = session.exec(select(MasterCVRow).order_by(col(MasterCVRow.id))).all()
        app_rows = session.exec(select(ApplicationRow).order_by(col(ApplicationRow.id))).all()
        data, files = _collect(session, list(cv_rows), list(app_rows))
        facts = session.exec(select(KnowledgeFactRow).order_by(col(KnowledgeFactRow.id)))
        data.knowledge_facts = [_dump(r) for r in facts]
        data.usage = [_dump(r) for r in session.exec(select(UsageRow).order_by(col(UsageRow.id)))]
        data.settings = [_dump(r) for r in session.exec(select(SettingRow)) if not looks_like_secret(r.key)]
    return _write_archive(target, "careervp-library", data, files)


def export_application(library: Library, application_id: int, target: Path) -> Path:
    """Write one application (every artifact version, gap answers, sent packages, its master CV, its usage and the
    knowledge facts learnt from it) to `target` (a .zip), atomically."""
    with _read(library) as session:
        app = session.get(ApplicationRow, application_id)
        if app is None:
            raise NotFoundError(
                f"There is no application {application_id}: list them with 'careervp list' and use one of those ids."
            )
        cvs = [cv] if app.master_cv_id is not None and (cv := session.get(MasterCVRow, app.master_cv_id)) else []
        data, files = _collect(session, cvs, [app])
        data.knowledge_facts = [
            _dump(r)
            for r in session.exec(select(KnowledgeFactRow).where(KnowledgeFactRow.source_application_id == app.id))
        ]
        data.usage = [_dump(r) for r in session.exec(select(UsageRow).where(UsageRow.application_id == app.id))]
    return _write_archive(target, "careervp-application", data, files)


def _collect(
    session: Session, cv_rows: list[MasterCVRow], app_rows: list[ApplicationRow]
) -> tuple[_Data, dict[str, bytes]]:
    files: dict[str, bytes] = {}
    cvs: list[_CVRecord] = []
    for cv in cv_rows:
        versions = session.exec(
            select(MasterCVVersionRow)
            .where(MasterCVVersionRow.master_cv_id == cv.id)
            .order_by(col(MasterCVVersionRow.version))
        ).all()
        record = _CVRecord(row=_dump(cv), versions=[_dump(v) for v in versions])
        original = session.get(MasterCVFileRow, cv.id)
        if original is not None:
            name = PurePosixPath(original.filename.replace("\\", "/")).name or "cv"
            record.file = f"cv_files/{cv.id}/{name}"
            files[record.file] = original.data
        cvs.append(record)
    apps: list[_AppRecord] = []
    for app in app_rows:

        def children(table: type[SQLModel], order: Any, app_id: int | None = app.id) -> list[dict[str, Any]]:
            rows = session.exec(select(table).where(table.application_id == app_id).order_by(*order)).all()  # type: ignore[attr-defined]
            return [_dump(r) for r in rows]

        apps.append(
            _AppRecord(
                row=_dump(app),
                artifacts=children(ArtifactRow, (col(ArtifactRow.type), col(ArtifactRow.version))),
                gap_answers=children(GapAnswerRow, (col(GapAnswerRow.id),)),
                sent_packages=children(SentPackageRow, (col(SentPackageRow.id),)),
            )
        )
    return _Data(master_cvs=cvs, applications=apps, knowledge_facts=[], usage=[], settings=[]), files


def _dump(row: SQLModel) -> dict[str, Any]:
    return row.model_dump(mode="json", exclude={"data"})


def _write_archive(target: Path, kind: str, data: _Data, files: dict[str, bytes]) -> Path:
    target = Path(target)
    payload = {DATA: data.model_dump_json(indent=1).encode("utf-8"), **files}
    manifest = {
        "format": kind,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "schema_version": database.SCHEMA_VERSION,
        "created_at": utc_now().isoformat(),
        "files": {name: {"sha256": hashlib.sha256(b).hexdigest(), "size": len(b)} for name, b in payload.items()},
    }
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise BadInputError(f"Cannot write {target}: {exc.strerror}; choose another place.") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, indent=1))
            for name, content in payload.items():
                zf.writestr(name, content)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BadInputError(f"Cannot write {target}: {exc.strerror}; choose another place.") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


# --------------------------------------------------------------------------------------------------- reading
def _safe_name(name: str) -> bool:
    if not name or "\\" in name or ":" in name or name.startswith("/"):
        return False
    parts = PurePosixPath(name).parts
    return all(p not in ("..", ".", "") for p in parts)


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit or (
        info.compress_size > 0 and info.file_size > 1_000_000 and info.file_size / info.compress_size > MAX_RATIO
    ):
        raise BadInputError(f"The archive member {info.filename} is too large or too compressed: not imported.")
    out = io.BytesIO()
    with zf.open(info) as handle:
        while chunk := handle.read(1 << 20):
            out.write(chunk)
            if out.tell() > min(limit, info.file_size):
                raise BadInputError(f"The archive member {info.filename} is larger than declared: not imported.")
    return out.getvalue()


def read_archive(path: Path) -> tuple[_Manifest, _Data, dict[str, bytes]]:
    """Open and verify an archive; every problem is a one-line `BadInputError`. Nothing is written."""
    path = Path(path)
    what = f"{path.name} is not a usable CareerVP archive"
    if not path.is_file():
        raise BadInputError(f"{path} does not exist or is not a file: check the path.")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise BadInputError(f"{what}: it has too many files ({len(infos)}).")
            by_name: dict[str, zipfile.ZipInfo] = {}
            for info in infos:
                if not _safe_name(info.filename) or info.filename in by_name:
                    raise BadInputError(f"{what}: it holds an unsafe file name ({info.filename!r}).")
                by_name[info.filename] = info
            if MANIFEST not in by_name:
                raise BadInputError(f"{what}: it has no manifest.json.")
            manifest = _Manifest.model_validate_json(_read_member(zf, by_name[MANIFEST], 1_000_000))
            if manifest.format_version > FORMAT_VERSION or manifest.schema_version > database.SCHEMA_VERSION:
                raise BadInputError(
                    f"{path.name} was made by a newer CareerVP ({manifest.app_version}): update CareerVP to import it."
                )
            extra = set(by_name) - set(manifest.files) - {MANIFEST}
            missing = set(manifest.files) - set(by_name)
            if extra or missing or DATA not in manifest.files:
                raise BadInputError(f"{what}: its files do not match its manifest (truncated or tampered with).")
            total = 0
            contents: dict[str, bytes] = {}
            for name, entry in manifest.files.items():
                if not _safe_name(name):
                    raise BadInputError(f"{what}: it holds an unsafe file name ({name!r}).")
                content = _read_member(zf, by_name[name], min(entry.size, MAX_MEMBER_BYTES))
                total += len(content)
                if total > MAX_TOTAL_BYTES:
                    raise BadInputError(f"{what}: it is too large to import.")
                if len(content) != entry.size or hashlib.sha256(content).hexdigest() != entry.sha256:
                    raise BadInputError(f"{what}: {name} fails its checksum (corrupt or tampered with).")
                contents[name] = content
            data = _Data.model_validate_json(contents.pop(DATA))
    except BadInputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise BadInputError(f"{what}: the zip file is damaged or truncated ({type(exc).__name__}).") from exc
    except (ValidationError, ValueError) as exc:
        raise BadInputError(f"{what}: its content is not valid ({type(exc).__name__}).") from exc
    for cv in data.master_cvs:
        if cv.file is not None and cv.file not in contents:
            raise BadInputError(f"{what}: a CV file it refers to is missing.")
    return manifest, data, contents


# --------------------------------------------------------------------------------------------------- import
def import_library(library: Library, path: Path, *, mode: ImportMode | None = None) -> ImportReport:
    """Import a whole-library archive (see the module docstring for modes). Raises `BadInputError` for a bad
    archive or a non-empty library without a mode; the library is then unchanged."""
    manifest, data, files = read_archive(path)
    if manifest.format != "careervp-library":
        raise BadInputError(f"{Path(path).name} holds one application: import it with 'careervp import-application'.")
    try:
        with _write(library) as session:
            empty = session.exec(select(MasterCVRow.id).limit(1)).first() is None and (
                session.exec(select(ApplicationRow.id).limit(1)).first() is None
            )
            if mode is None and not empty:
                raise BadInputError(
                    "Your library is not empty: add --merge to add the archive's records to it, "
                    "or --replace to replace everything in it with the archive."
                )
            if mode is ImportMode.REPLACE:
                _erase(session)
            if mode is ImportMode.REPLACE or empty:
                return _insert_keeping_ids(session, data, files)
            return _merge(session, data, files, copy_existing=False)
    except (ValidationError, ValueError, TypeError, KeyError) as exc:
        raise BadInputError(
            f"{Path(path).name} is not a usable CareerVP archive: a record in it is not valid ({type(exc).__name__})."
        ) from exc


def import_application(library: Library, path: Path, *, mode: ImportMode | None = None) -> ImportReport:
    """Import a single-application archive as a new application (with its master CV unless the same CV is
    already in the library). If the application is already present: `replace` overwrites it, `merge` adds a
    copy, no mode raises `BadInputError`."""
    manifest, data, files = read_archive(path)
    if manifest.format != "careervp-application" or len(data.applications) != 1:
        raise BadInputError(f"{Path(path).name} is a whole library: import it with 'careervp import-library'.")
    try:
        with _write(library) as session:
            existing = _find_same_application(session, data.applications[0].row)
            if existing is not None and mode is None:
                raise BadInputError(
                    f"This application is already in your library (#{existing}): add --replace to overwrite it, "
                    "or --merge to add a copy."
                )
            if existing is not None and mode is ImportMode.REPLACE:
                row = session.get(ApplicationRow, existing)
                session.delete(row)
                session.flush()
            return _merge(session, data, files, copy_existing=True)
    except (ValidationError, ValueError, TypeError, KeyError) as exc:
        raise BadInputError(
            f"{Path(path).name} is not a usable CareerVP archive: a record in it is not valid ({type(exc).__name__})."
        ) from exc


def _insert_keeping_ids(session: Session, data: _Data, files: dict[str, bytes]) -> ImportReport:
    report = ImportReport()
    for cv in data.master_cvs:
        row = MasterCVRow.model_validate(cv.row)
        session.add(row)
        session.flush()
        for version in cv.versions:
            session.add(MasterCVVersionRow.model_validate(version))
        _add_cv_file(session, row, cv, files)
        report.master_cvs += 1
    session.flush()
    for app in data.applications:
        app_row = ApplicationRow.model_validate(app.row)
        session.add(app_row)
        session.flush()
        report.applications += 1
        assert app_row.id is not None
        report.application_ids.append(app_row.id)
        for artifact in sorted(app.artifacts, key=lambda a: (str(a["type"]), int(a["version"]))):
            session.add(ArtifactRow.model_validate(artifact))
            session.flush()  # in version order: the search index keeps the latest
            report.artifact_versions += 1
        for answer in app.gap_answers:
            session.add(GapAnswerRow.model_validate(answer))
        for package in app.sent_packages:
            session.add(SentPackageRow.model_validate(package))
    for fact in data.knowledge_facts:
        session.add(KnowledgeFactRow.model_validate(fact))
        report.knowledge_facts += 1
    for usage in data.usage:
        session.add(UsageRow.model_validate(usage))
    for setting in data.settings:
        setting_row = SettingRow.model_validate(setting)
        if not looks_like_secret(setting_row.key):
            session.merge(setting_row)
    session.flush()
    return report


def _merge(session: Session, data: _Data, files: dict[str, bytes], *, copy_existing: bool) -> ImportReport:
    """Add the archive's records with new ids. `copy_existing`: add an application even if it is present."""
    report = ImportReport()
    cv_ids: dict[int, int] = {}
    has_primary = session.exec(select(MasterCVRow.id).where(col(MasterCVRow.is_primary))).first() is not None
    for cv in data.master_cvs:
        incoming = MasterCVRow.model_validate(cv.row)
        same = session.exec(
            select(MasterCVRow).where(MasterCVRow.name == incoming.name, MasterCVRow.created_at == incoming.created_at)
        ).first()
        if same is not None and same.content == incoming.content and same.id is not None:
            cv_ids[int(cv.row["id"])] = same.id
            continue
        incoming.id = None
        incoming.is_primary = incoming.is_primary and not has_primary
        has_primary = has_primary or incoming.is_primary
        session.add(incoming)
        session.flush()
        assert incoming.id is not None
        cv_ids[int(cv.row["id"])] = incoming.id
        for version in cv.versions:
            version_row = MasterCVVersionRow.model_validate(version)
            version_row.id, version_row.master_cv_id = None, incoming.id
            session.add(version_row)
        _add_cv_file(session, incoming, cv, files)
        report.master_cvs += 1
    app_ids: dict[int, int] = {}
    for app in data.applications:
        old_id = int(app.row["id"])
        if not copy_existing and _find_same_application(session, app.row) is not None:
            report.skipped_applications += 1
            continue
        app_row = ApplicationRow.model_validate(app.row)
        app_row.id = None
        app_row.master_cv_id = cv_ids.get(app_row.master_cv_id) if app_row.master_cv_id is not None else None
        session.add(app_row)
        session.flush()
        assert app_row.id is not None
        app_ids[old_id] = app_row.id
        report.applications += 1
        report.application_ids.append(app_row.id)
        for artifact in sorted(app.artifacts, key=lambda a: (str(a["type"]), int(a["version"]))):
            artifact_row = ArtifactRow.model_validate(artifact)
            artifact_row.id, artifact_row.application_id = None, app_row.id
            session.add(artifact_row)
            session.flush()
            report.artifact_versions += 1
        for answer in app.gap_answers:
            answer_row = GapAnswerRow.model_validate(answer)
            answer_row.id, answer_row.application_id = None, app_row.id
            session.add(answer_row)
        for package in app.sent_packages:
            package_row = SentPackageRow.model_validate(package)
            package_row.id, package_row.application_id = None, app_row.id
            package_row.master_cv_id = cv_ids.get(package_row.master_cv_id) if package_row.master_cv_id else None
            session.add(package_row)
    known = set(session.exec(select(KnowledgeFactRow.question_hash)).all())
    for fact in data.knowledge_facts:
        fact_row = KnowledgeFactRow.model_validate(fact)
        if fact_row.question_hash in known:
            continue
        fact_row.id = None
        fact_row.source_application_id = app_ids.get(fact_row.source_application_id or -1)
        session.add(fact_row)
        known.add(fact_row.question_hash)
        report.knowledge_facts += 1
    for usage in data.usage:
        usage_row = UsageRow.model_validate(usage)
        if usage_row.application_id is not None and usage_row.application_id not in app_ids:
            continue  # its application was already here: so was its usage
        usage_row.id = None
        usage_row.application_id = app_ids.get(usage_row.application_id or -1)
        session.add(usage_row)
    present = set(session.exec(select(SettingRow.key)).all())
    for setting in data.settings:
        setting_row = SettingRow.model_validate(setting)
        if setting_row.key not in present and not looks_like_secret(setting_row.key):
            session.add(setting_row)
    session.flush()
    return report


def _find_same_application(session: Session, row: dict[str, Any]) -> int | None:
    incoming = ApplicationRow.model_validate(row)
    return session.exec(
        select(ApplicationRow.id).where(
            ApplicationRow.created_at == incoming.created_at,
            ApplicationRow.company == incoming.company,
            ApplicationRow.title == incoming.title,
        )
    ).first()


def _add_cv_file(session: Session, row: MasterCVRow, record: _CVRecord, files: dict[str, bytes]) -> None:
    if record.file is None or row.id is None:
        return
    data = files[record.file]
    session.add(
        MasterCVFileRow(
            master_cv_id=row.id,
            filename=row.source_filename or PurePosixPath(record.file).name,
            data=data,
            sha256=hashlib.sha256(data).hexdigest(),
        )
    )


def _erase(session: Session) -> None:
    for table in (
        SentPackageRow,
        GapAnswerRow,
        KnowledgeFactRow,
        UsageRow,
        ArtifactRow,
        ApplicationRow,
        MasterCVFileRow,
        MasterCVVersionRow,
        MasterCVRow,
        SettingRow,
    ):
        session.exec(delete(table))
    session.flush()


@contextmanager
def _read(library: Library) -> Iterator[Session]:
    with Session(library.engine) as session, session.begin():
        yield session


@contextmanager
def _write(library: Library) -> Iterator[Session]:
    with Session(database.writer(library.engine)) as session, session.begin():
        yield session
