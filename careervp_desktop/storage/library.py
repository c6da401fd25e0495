"""The library: master CVs (with versions), applications, artifact versions, gap answers, the knowledge base,
the LLM cache and usage ledger, sent packages, full-text search and settings, stored in SQLite.

`Library(engine)` takes an engine from `storage.database.open_engine` (which sets the connection pragmas and the
BEGIN handling this module relies on). Every public method is one transaction; writes begin with
`BEGIN IMMEDIATE`. Methods return domain models only: ORM rows never leave this module.

Threads: the engine may be used from any thread, but the app funnels every write through one lane (a single
worker), so writes never queue behind each other inside the app; reads may run anywhere (WAL: readers do not wait
for the writer). Another process (the CLI next to the GUI) is handled by SQLite's locks and `busy_timeout`.

Edit sessions: `save_artifact_edit(..., session_id=)` and `update_master_cv(..., session_id=)` create a new
version when a new session starts and update that version in place while the same session keeps saving, so an
autosave every second makes one version per editing session, not hundreds.

Secrets never go into the database: the API key lives in the OS keychain, and `set_setting`/`get_setting`
refuse keys that look like secrets (`ValueError`); LLM cache keys must be SHA-256 digests (`cache_key` builds
one and refuses a request that carries a key or token), and cached responses and ledger names are checked for
API-key-looking values.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import TypeAlias

from sqlalchemy import Engine, and_, delete, func, text, update
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from careervp_desktop.domain.artifact_text import diff_versions as _diff_artifacts
from careervp_desktop.domain.errors import BadInputError, NotFoundError
from careervp_desktop.domain.models import (
    Application,
    ApplicationStatus,
    Artifact,
    ArtifactStatus,
    ArtifactType,
    MasterCV,
    Provenance,
    Violation,
    utc_now,
)
from careervp_desktop.domain.records import (
    AnswerDestination,
    GapAnswer,
    KnowledgeFact,
    MasterCVVersion,
    SearchHit,
    SentFile,
    SentPackage,
    UsageRecord,
    UsageTotals,
    question_hash,
)
from careervp_desktop.storage.database import writer
from careervp_desktop.storage.tables import (
    ApplicationRow,
    ArtifactRow,
    GapAnswerRow,
    KnowledgeFactRow,
    LLMCacheRow,
    MasterCVFileRow,
    MasterCVRow,
    MasterCVVersionRow,
    SentPackageRow,
    SettingRow,
    UsageRow,
)

JSONValue: TypeAlias = bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"] | None

# Words that mark a setting key as a secret. Matched against the key's words (split on non-letters and
# camelCase), so "generation.max_tokens" is fine while "anthropic.api_key" or "authToken" are refused.
_SECRET_WORDS = frozenset(
    {"token", "secret", "secrets", "password", "passwd", "passphrase", "credential", "credentials", "apikey"}
)
_SECRET_PAIRS = frozenset({("api", "key"), ("private", "key"), ("access", "key"), ("secret", "key")})
_SECRET_VALUE_PREFIXES = ("sk-ant-",)


def looks_like_secret(key: str) -> bool:
    """Whether a setting key names a secret (API key, token, password…)."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).lower()
    words = [w for w in re.split(r"[^a-z0-9]+", spaced) if w]
    if any(w in _SECRET_WORDS for w in words):
        return True
    return any(pair in _SECRET_PAIRS for pair in pairwise(words))


def looks_like_secret_value(value: str) -> bool:
    """Whether a string value looks like an API key."""
    return value.strip().startswith(_SECRET_VALUE_PREFIXES)


_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "x-api-key", "cookie", "set-cookie"})


def _find_secret(value: object, path: str = "") -> str | None:
    """The path of the first secret-looking key or value in a JSON-like value, or None."""
    if isinstance(value, str):
        return (path or "value") if looks_like_secret_value(value) else None
    if isinstance(value, Mapping):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            secret_key = looks_like_secret(str(key)) or str(key).strip().lower() in _SECRET_HEADERS
            if secret_key and item not in (None, "", 0):
                return where
            found = _find_secret(item, where)
            if found:
                return found
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            found = _find_secret(item, f"{path}[{i}]")
            if found:
                return found
    return None


_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


def cache_key(request: Mapping[str, object]) -> str:
    """The LLM cache key of a request (model, system, messages, parameters...): SHA-256 of its canonical JSON.
    Raises `ValueError` if the request carries anything that looks like a secret (an `api_key`, an
    `authorization` header, an `sk-ant-` value): keys and headers are never part of what is cached."""
    found = _find_secret(request)
    if found:
        raise ValueError(f"the cache request carries a secret at {found!r}: leave keys and headers out of it")
    canonical = json.dumps(request, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# FTS5: the words of the user's query, each quoted (so `"`, `*`, `AND(`, `NEAR` are plain words), the last one
# as a prefix (the user may still be typing it).
_QUERY_WORD = re.compile(r"\w+", re.UNICODE)
_MAX_QUERY_WORDS = 16


def fts_query(user_text: str) -> str | None:
    """A safe FTS5 MATCH expression for what the user typed, or None if it holds no word."""
    words = [w for w in _QUERY_WORD.findall(user_text) if w.strip("_")][:_MAX_QUERY_WORDS]
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    if not user_text[-1:].isspace():
        quoted[-1] += "*"
    return " ".join(quoted)


# The columns of `search_index` (migration 0002): the application's, then one per artifact type.
_SEARCH_COLUMNS = ("heading", "job", *(t.value for t in ArtifactType))


def _snippet_source(snippet: str, texts: Sequence[object]) -> ArtifactType | None:
    """Which artifact a snippet (marked with \\x02/\\x03, cut with \\x04) was taken from; None for the application."""
    pieces = snippet.replace("\x02", "").replace("\x03", "").split("\x04")
    probe = max((p.strip() for p in pieces), key=len, default="")
    if probe:
        for column, value in zip(_SEARCH_COLUMNS, texts, strict=True):
            if isinstance(value, str) and probe in value:
                return None if column in ("heading", "job") else _artifact_type_or_none(column)
    return None


MASTER_CV_COALESCE = timedelta(minutes=2)
"""Without a session id, saves of a master CV within this time of the previous one update that version."""


def _check_setting_key(key: str) -> None:
    if not key.strip():
        raise ValueError("a setting key must not be empty")
    if looks_like_secret(key):
        raise ValueError(
            f"setting {key!r} looks like a secret: secrets belong in the OS keychain, never in the library"
        )


class Library:
    """The user's library in one SQLite database. See the module docstring for transactions and threads."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    @property
    def engine(self) -> Engine:
        return self._engine

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self._engine) as session, session.begin():
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with Session(self._writer) as session, session.begin():
            yield session

    # ----------------------------------------------------------------------------------------------- master CVs
    def save_master_cv(
        self,
        cv: MasterCV,
        *,
        name: str,
        source_filename: str | None = None,
        make_primary: bool = True,
        source_bytes: bytes | None = None,
    ) -> int:
        """Store a new master CV (its version 1) and return its id. The first master CV is always primary; with
        `make_primary` (the default) this one replaces the current primary. `source_bytes`: the original file,
        kept so a library backup can carry it."""
        now = utc_now()
        content = cv.model_dump(mode="json")
        with self._write() as session:
            has_primary = session.exec(select(MasterCVRow.id).where(col(MasterCVRow.is_primary))).first()
            primary = make_primary or has_primary is None
            if primary and has_primary is not None:
                session.exec(update(MasterCVRow).where(col(MasterCVRow.is_primary)).values(is_primary=False))
            row = MasterCVRow(
                name=name,
                is_primary=primary,
                source_filename=source_filename,
                content=content,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            session.add(
                MasterCVVersionRow(master_cv_id=row.id, version=1, content=content, created_at=now, updated_at=now)
            )
            if source_bytes is not None:
                session.add(
                    MasterCVFileRow(
                        master_cv_id=row.id,
                        filename=source_filename or "cv",
                        data=source_bytes,
                        sha256=hashlib.sha256(source_bytes).hexdigest(),
                    )
                )
            return row.id

    def update_master_cv(self, cv_id: int, cv: MasterCV, *, session_id: str | None = None) -> int:
        """Save an edit of a master CV; returns the version it was saved as. With `session_id`, the first save of
        a session makes a new version and later saves of the same session update it. Without one, a save within
        `MASTER_CV_COALESCE` of the previous save (of a session-less edit) updates that version, so an autosave
        burst is one version. Saving unchanged content makes no version."""
        content = cv.model_dump(mode="json")
        now = utc_now()
        with self._write() as session:
            row = session.get(MasterCVRow, cv_id)
            if row is None:
                raise _missing_cv(cv_id)
            latest = session.exec(
                select(MasterCVVersionRow)
                .where(MasterCVVersionRow.master_cv_id == cv_id)
                .order_by(col(MasterCVVersionRow.version).desc())
                .limit(1)
            ).first()
            if latest is not None and latest.content == content:
                return latest.version
            same_session = latest is not None and (
                (session_id is not None and latest.edit_session == session_id)
                or (
                    session_id is None
                    and latest.version > 1
                    and latest.edit_session is None
                    and now - latest.updated_at < MASTER_CV_COALESCE
                )
            )
            if latest is not None and same_session:
                latest.content = content
                latest.updated_at = now
                session.add(latest)
                version = latest.version
            else:
                version = (latest.version if latest else 0) + 1
                session.add(
                    MasterCVVersionRow(
                        master_cv_id=cv_id,
                        version=version,
                        content=content,
                        edit_session=session_id,
                        created_at=now,
                        updated_at=now,
                    )
                )
            row.content = content
            row.updated_at = now
            session.add(row)
            return version

    def master_cv_versions(self, cv_id: int) -> list[MasterCVVersion]:
        """Every saved version of a master CV, oldest first."""
        with self._read() as session:
            if session.get(MasterCVRow, cv_id) is None:
                raise _missing_cv(cv_id)
            rows = session.exec(
                select(MasterCVVersionRow)
                .where(MasterCVVersionRow.master_cv_id == cv_id)
                .order_by(col(MasterCVVersionRow.version))
            ).all()
            return [_master_cv_version(r) for r in rows]

    def get_master_cv_version(self, cv_id: int, version: int) -> MasterCVVersion:
        with self._read() as session:
            row = session.exec(
                select(MasterCVVersionRow).where(
                    MasterCVVersionRow.master_cv_id == cv_id, MasterCVVersionRow.version == version
                )
            ).first()
            if row is None:
                raise NotFoundError(f"Master CV {cv_id} has no version {version}: pick one from its history.")
            return _master_cv_version(row)

    def set_primary_master_cv(self, cv_id: int) -> None:
        with self._write() as session:
            if session.get(MasterCVRow, cv_id) is None:
                raise _missing_cv(cv_id)
            session.exec(update(MasterCVRow).where(col(MasterCVRow.is_primary)).values(is_primary=False))
            session.exec(update(MasterCVRow).where(col(MasterCVRow.id) == cv_id).values(is_primary=True))

    def master_cv_file(self, cv_id: int) -> tuple[str, bytes] | None:
        """(file name, bytes) of the file a master CV was imported from, if it was kept."""
        with self._read() as session:
            row = session.get(MasterCVFileRow, cv_id)
            return None if row is None else (row.filename, row.data)

    def get_master_cv(self, cv_id: int) -> MasterCV:
        with self._read() as session:
            row = session.get(MasterCVRow, cv_id)
            if row is None:
                raise _missing_cv(cv_id)
            return MasterCV.model_validate(row.content)

    def primary_master_cv(self) -> tuple[int, MasterCV] | None:
        with self._read() as session:
            row = session.exec(select(MasterCVRow).where(col(MasterCVRow.is_primary))).first()
            if row is None or row.id is None:
                return None
            return row.id, MasterCV.model_validate(row.content)

    def list_master_cvs(self) -> list[tuple[int, str]]:
        """(id, name) of every master CV, oldest first."""
        with self._read() as session:
            rows = session.exec(select(MasterCVRow.id, MasterCVRow.name).order_by(col(MasterCVRow.id))).all()
            return [(cv_id, name) for cv_id, name in rows if cv_id is not None]

    # ----------------------------------------------------------------------------------------------- applications
    def create_application(self, app: Application) -> Application:
        """Store a new application; returns it with its id. Raises `NotFoundError` for an unknown
        `master_cv_id`, `ValueError` if `app` already has an id (use `update_application`)."""
        if app.id is not None:
            raise ValueError(f"application {app.id} already exists: use update_application")
        row = ApplicationRow(
            company=app.company,
            title=app.title,
            jd_text=app.jd_text,
            source_url=app.source_url,
            status=app.status.value,
            master_cv_id=app.master_cv_id,
            notes=app.notes,
            company_notes=app.company_notes,
            hiring_manager=app.hiring_manager,
            letter_tone=app.letter_tone,
            document_language=app.document_language,
            applied_at=app.applied_at,
            created_at=app.created_at,
            updated_at=app.updated_at,
        )
        with _master_cv_must_exist(app.master_cv_id), self._write() as session:
            session.add(row)
            session.flush()
            return _application(row)

    def update_application(self, app: Application) -> Application:
        """Save every field of `app` and bump its `updated_at`; returns the stored application."""
        if app.id is None:
            raise ValueError("the application has no id: use create_application")
        with _master_cv_must_exist(app.master_cv_id), self._write() as session:
            row = session.get(ApplicationRow, app.id)
            if row is None:
                raise _missing_application(app.id)
            row.company = app.company
            row.title = app.title
            row.jd_text = app.jd_text
            row.source_url = app.source_url
            row.status = app.status.value
            row.master_cv_id = app.master_cv_id
            row.notes = app.notes
            row.company_notes = app.company_notes
            row.hiring_manager = app.hiring_manager
            row.letter_tone = app.letter_tone
            row.document_language = app.document_language
            row.applied_at = app.applied_at
            row.updated_at = max(utc_now(), row.updated_at)
            session.add(row)
            session.flush()
            return _application(row)

    def get_application(self, application_id: int) -> Application:
        with self._read() as session:
            row = session.get(ApplicationRow, application_id)
            if row is None:
                raise _missing_application(application_id)
            return _application(row)

    def get_applications(self, application_ids: Collection[int]) -> dict[int, Application]:
        """The applications with these ids, in one query (ids that do not exist are left out)."""
        ids = list(dict.fromkeys(application_ids))
        if not ids:
            return {}
        with self._read() as session:
            rows = session.exec(select(ApplicationRow).where(col(ApplicationRow.id).in_(ids))).all()
            return {row.id: _application(row) for row in rows if row.id is not None}

    def list_applications(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        status: ApplicationStatus | Collection[ApplicationStatus] | None = None,
    ) -> list[Application]:
        """Applications, most recently updated first: all of them, or one page (`limit`, `offset`), optionally
        only those with the given status(es). A page is one indexed query (the GUI list asks for a page)."""
        statement = select(ApplicationRow)
        statuses = _statuses(status)
        if statuses is not None:
            statement = statement.where(col(ApplicationRow.status).in_(statuses))
        statement = statement.order_by(col(ApplicationRow.updated_at).desc(), col(ApplicationRow.id).desc())
        if limit is not None:
            statement = statement.limit(limit)
        if offset:
            statement = statement.offset(offset)
        with self._read() as session:
            return [_application(row) for row in session.exec(statement)]

    def count_applications(self, *, status: ApplicationStatus | Collection[ApplicationStatus] | None = None) -> int:
        statement = select(func.count()).select_from(ApplicationRow)
        statuses = _statuses(status)
        if statuses is not None:
            statement = statement.where(col(ApplicationRow.status).in_(statuses))
        with self._read() as session:
            return int(session.exec(statement).one())

    def status_counts(self) -> dict[ApplicationStatus, int]:
        """How many applications have each status (for the status filter); statuses with none are left out."""
        with self._read() as session:
            rows = session.exec(select(ApplicationRow.status, func.count()).group_by(col(ApplicationRow.status))).all()
        counts = {ApplicationStatus(s): int(n) for s, n in rows}
        return {s: counts[s] for s in ApplicationStatus if s in counts}

    def delete_application(self, application_id: int) -> None:
        """Delete an application and (by cascade) every version of its artifacts, its gap answers, its sent
        packages and its search entries. Knowledge facts learnt from it stay (their source becomes unknown);
        its usage-ledger rows stay for the cost history (numbers only), unlinked."""
        with self._write() as session:
            row = session.get(ApplicationRow, application_id)
            if row is None:
                raise _missing_application(application_id)
            session.delete(row)

    # ----------------------------------------------------------------------------------------------- artifacts
    def add_artifact_version(
        self,
        application_id: int,
        type: ArtifactType,
        content: dict[str, object],
        provenance: Provenance,
        *,
        status: ArtifactStatus = ArtifactStatus.DRAFT,
        violations: Sequence[Violation] = (),
    ) -> Artifact:
        """Store `content` as the next version (previous highest + 1) of one artifact of an application.
        The version is computed and written in one write-locked transaction. The stored `created_at` (and the
        returned provenance's) is the time of saving."""
        artifact_type = ArtifactType(type)
        with self._write() as session:
            if session.get(ApplicationRow, application_id) is None:
                raise _missing_application(application_id)
            previous = session.exec(
                select(func.max(ArtifactRow.version)).where(
                    ArtifactRow.application_id == application_id, ArtifactRow.type == artifact_type.value
                )
            ).one()
            row = ArtifactRow(
                application_id=application_id,
                type=artifact_type.value,
                version=(previous or 0) + 1,
                status=ArtifactStatus(status).value,
                content=dict(content),
                provider=provenance.provider,
                model=provenance.model,
                input_tokens=provenance.input_tokens,
                output_tokens=provenance.output_tokens,
                cache_read_tokens=provenance.cache_read_tokens,
                cache_write_tokens=provenance.cache_write_tokens,
                cost_usd=provenance.cost_usd,
                note=provenance.note,
                violations=[v.model_dump(mode="json") for v in violations],
                created_at=utc_now(),
            )
            session.add(row)
            session.flush()
            return _artifact(row)

    def latest_artifacts(self, application_id: int) -> dict[ArtifactType, Artifact]:
        """The highest version of each artifact type of an application (one query; {} for none or an unknown
        application)."""
        latest = (
            select(col(ArtifactRow.type).label("type"), func.max(ArtifactRow.version).label("version"))
            .where(ArtifactRow.application_id == application_id)
            .group_by(col(ArtifactRow.type))
            .subquery()
        )
        statement = (
            select(ArtifactRow)
            .join(latest, and_(col(ArtifactRow.type) == latest.c.type, col(ArtifactRow.version) == latest.c.version))
            .where(ArtifactRow.application_id == application_id)
        )
        with self._read() as session:
            found = {ArtifactType(row.type): _artifact(row) for row in session.exec(statement)}
        return {t: found[t] for t in ArtifactType if t in found}  # stable, pipeline order

    def artifact_versions(self, application_id: int, type: ArtifactType) -> list[Artifact]:
        """Every version of one artifact of an application, oldest first."""
        with self._read() as session:
            rows = session.exec(
                select(ArtifactRow)
                .where(ArtifactRow.application_id == application_id, ArtifactRow.type == ArtifactType(type).value)
                .order_by(col(ArtifactRow.version))
            ).all()
            return [_artifact(row) for row in rows]

    def get_artifact_version(self, application_id: int, type: ArtifactType, version: int) -> Artifact:
        with self._read() as session:
            row = _artifact_row(session, application_id, ArtifactType(type), version)
            return _artifact(row)

    def artifact_version_numbers(
        self, application_ids: Collection[int] | None = None
    ) -> dict[int, dict[ArtifactType, list[int]]]:
        """{application id: {type: [version numbers, oldest first]}} in one query (for lists and `--json`)."""
        statement = select(ArtifactRow.application_id, ArtifactRow.type, ArtifactRow.version)
        if application_ids is not None:
            statement = statement.where(col(ArtifactRow.application_id).in_(list(application_ids)))
        statement = statement.order_by(col(ArtifactRow.application_id), col(ArtifactRow.type), col(ArtifactRow.version))
        found: dict[int, dict[ArtifactType, list[int]]] = {}
        with self._read() as session:
            for app_id, type_value, version in session.exec(statement):
                found.setdefault(app_id, {}).setdefault(ArtifactType(type_value), []).append(version)
        return {app_id: {t: by_type[t] for t in ArtifactType if t in by_type} for app_id, by_type in found.items()}

    def save_artifact_edit(
        self,
        application_id: int,
        type: ArtifactType,
        content: dict[str, object],
        *,
        session_id: str,
        violations: Sequence[Violation] = (),
    ) -> Artifact:
        """Autosave the user's edit of an artifact. The first save of an edit session stores a new version
        (status EDITED, provider "user"); later saves of the same session update that version in place. Saving
        content equal to the latest version's stores nothing. One short write transaction: call it as often as
        every second."""
        artifact_type = ArtifactType(type)
        now = utc_now()
        with self._write() as session:
            latest = _latest_row(session, application_id, artifact_type)
            if latest is None and session.get(ApplicationRow, application_id) is None:
                raise _missing_application(application_id)
            stored_violations = [v.model_dump(mode="json") for v in violations]
            if latest is not None and latest.content == content:
                if latest.edit_session == session_id and latest.violations != stored_violations:
                    latest.violations = stored_violations
                    session.add(latest)
                return _artifact(latest)
            if latest is not None and latest.edit_session == session_id:
                latest.content = dict(content)
                latest.violations = stored_violations
                latest.status = ArtifactStatus.EDITED.value  # a final document edited again is a draft again
                latest.updated_at = now
                session.add(latest)
                session.flush()
                return _artifact(latest)
            row = ArtifactRow(
                application_id=application_id,
                type=artifact_type.value,
                version=(latest.version if latest else 0) + 1,
                status=ArtifactStatus.EDITED.value,
                content=dict(content),
                provider="user",
                violations=stored_violations,
                created_at=now,
                edit_session=session_id,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            return _artifact(row)

    def set_artifact_status(self, application_id: int, type: ArtifactType, status: ArtifactStatus) -> Artifact:
        """Mark the latest version of a document final (the user is done with it), or take that back (it is
        then EDITED if the user wrote it, else DRAFT). No new version: the words do not change."""
        artifact_type = ArtifactType(type)
        with self._write() as session:
            latest = _latest_row(session, application_id, artifact_type)
            if latest is None:
                if session.get(ApplicationRow, application_id) is None:
                    raise _missing_application(application_id)
                raise NotFoundError(
                    f"Application {application_id} has no {artifact_type.label.lower()} yet: generate it first."
                )
            if status != ArtifactStatus.FINAL:
                status = ArtifactStatus.EDITED if latest.provider == "user" else ArtifactStatus.DRAFT
            latest.status = status.value
            latest.updated_at = utc_now()
            session.add(latest)
            session.flush()
            return _artifact(latest)

    def restore_version(self, application_id: int, type: ArtifactType, version: int) -> Artifact:
        """Make the content of an old version current again, as a NEW version (nothing is deleted). The new
        version keeps the old one's status, writer and fact-check findings; it cost nothing."""
        artifact_type = ArtifactType(type)
        with self._write() as session:
            old = _artifact_row(session, application_id, artifact_type, version)
            newest = session.exec(
                select(func.max(ArtifactRow.version)).where(
                    ArtifactRow.application_id == application_id, ArtifactRow.type == artifact_type.value
                )
            ).one()
            now = utc_now()
            row = ArtifactRow(
                application_id=application_id,
                type=artifact_type.value,
                version=(newest or 0) + 1,
                status=old.status,
                content=dict(old.content),
                provider=old.provider,
                model=old.model,
                violations=list(old.violations),
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            return _artifact(row)

    def diff_versions(self, application_id: int, type: ArtifactType, a: int, b: int) -> list[str]:
        """Unified diff of the text of two versions of one artifact (see `domain.artifact_text`)."""
        with self._read() as session:
            old = _artifact(_artifact_row(session, application_id, ArtifactType(type), a))
            new = _artifact(_artifact_row(session, application_id, ArtifactType(type), b))
        return _diff_artifacts(old, new)

    # ----------------------------------------------------------------------------------------------- sent
    def mark_sent(
        self, application_id: int, *, exported_files: Mapping[str, Path], sent_at: datetime | None = None
    ) -> SentPackage:
        """Freeze what was sent: the latest version of each artifact, the master CV version, and the SHA-256 of
        each exported file (`{name: path}`); the application's status becomes SENT (and `applied_at` is set if it
        was empty). Raises `BadInputError` if an exported file cannot be read."""
        files = [_hash_file(name, Path(path)) for name, path in exported_files.items()]
        when = sent_at or utc_now()
        with self._write() as session:
            app = session.get(ApplicationRow, application_id)
            if app is None:
                raise _missing_application(application_id)
            versions = dict(
                session.exec(
                    select(ArtifactRow.type, func.max(ArtifactRow.version))
                    .where(ArtifactRow.application_id == application_id)
                    .group_by(col(ArtifactRow.type))
                ).all()
            )
            cv_id = app.master_cv_id
            if cv_id is None:
                cv_id = session.exec(select(MasterCVRow.id).where(col(MasterCVRow.is_primary))).first()
            cv_version = None
            if cv_id is not None:
                cv_version = session.exec(
                    select(func.max(MasterCVVersionRow.version)).where(MasterCVVersionRow.master_cv_id == cv_id)
                ).one()
            row = SentPackageRow(
                application_id=application_id,
                sent_at=when,
                master_cv_id=cv_id,
                master_cv_version=cv_version,
                artifact_versions={t.value: versions[t.value] for t in ArtifactType if t.value in versions},
                files=[f.model_dump(mode="json") for f in files],
            )
            session.add(row)
            app.status = ApplicationStatus.SENT.value
            if app.applied_at is None:
                app.applied_at = when
            app.updated_at = max(utc_now(), app.updated_at)
            session.add(app)
            session.flush()
            return _sent_package(row)

    def sent_packages(self, application_id: int) -> list[SentPackage]:
        """Every package sent for an application, oldest first."""
        with self._read() as session:
            rows = session.exec(
                select(SentPackageRow)
                .where(SentPackageRow.application_id == application_id)
                .order_by(col(SentPackageRow.sent_at), col(SentPackageRow.id))
            ).all()
            return [_sent_package(r) for r in rows]

    # ----------------------------------------------------------------------------------------------- gap answers
    def save_gap_answer(self, application_id: int, answer: GapAnswer, *, remember: bool = True) -> GapAnswer:
        """Store (or replace) the answer to one gap question of an application. With `remember`, the answer
        also goes into the knowledge base (one fact per question), so the next application can reuse it."""
        now = utc_now()
        digest = question_hash(answer.question)
        with self._write() as session:
            if session.get(ApplicationRow, application_id) is None:
                raise _missing_application(application_id)
            row = session.exec(
                select(GapAnswerRow).where(
                    GapAnswerRow.application_id == application_id, GapAnswerRow.question_id == answer.question_id
                )
            ).first()
            if row is None:
                row = GapAnswerRow(
                    application_id=application_id,
                    question_id=answer.question_id,
                    question=answer.question,
                    question_hash=digest,
                    answer=answer.answer,
                    destination=AnswerDestination(answer.destination).value,
                    created_at=now,
                    updated_at=now,
                )
            else:
                row.question = answer.question
                row.question_hash = digest
                row.answer = answer.answer
                row.destination = AnswerDestination(answer.destination).value
                row.updated_at = now
            session.add(row)
            if remember and answer.answer.strip():
                _upsert_fact(session, answer.question, answer.answer, answer.destination, application_id, now)
            session.flush()
            return _gap_answer(row)

    def delete_gap_answer(self, application_id: int, question_id: str) -> bool:
        """Forget the answer to one gap question of an application (the knowledge base keeps what it learnt);
        False when there was none."""
        with self._write() as session:
            row = session.exec(
                select(GapAnswerRow).where(
                    GapAnswerRow.application_id == application_id, GapAnswerRow.question_id == question_id
                )
            ).first()
            if row is None:
                return False
            session.delete(row)
            return True

    def gap_answers(self, application_id: int) -> list[GapAnswer]:
        with self._read() as session:
            rows = session.exec(
                select(GapAnswerRow).where(GapAnswerRow.application_id == application_id).order_by(col(GapAnswerRow.id))
            ).all()
            return [_gap_answer(r) for r in rows]

    # ----------------------------------------------------------------------------------------------- knowledge
    def remember_fact(
        self,
        question: str,
        answer: str,
        *,
        destination: AnswerDestination = AnswerDestination.CV_IMPACT,
        source_application_id: int | None = None,
    ) -> KnowledgeFact:
        """Add a confirmed fact (or replace the answer to the same question) in the knowledge base."""
        with self._write() as session:
            row = _upsert_fact(session, question, answer, destination, source_application_id, utc_now())
            session.flush()
            return _fact(row)

    def knowledge_facts(self) -> list[KnowledgeFact]:
        """The whole knowledge base, most recently used (or created) first."""
        with self._read() as session:
            rows = session.exec(
                select(KnowledgeFactRow).order_by(
                    func.coalesce(KnowledgeFactRow.last_used_at, KnowledgeFactRow.created_at).desc(),
                    col(KnowledgeFactRow.id).desc(),
                )
            ).all()
            return [_fact(r) for r in rows]

    def find_fact(self, question: str) -> KnowledgeFact | None:
        """The known answer to a question (matched by `question_hash`), if any. Read-only: see `use_fact`."""
        with self._read() as session:
            row = session.exec(
                select(KnowledgeFactRow).where(KnowledgeFactRow.question_hash == question_hash(question))
            ).first()
            return None if row is None else _fact(row)

    def use_fact(self, fact_id: int) -> KnowledgeFact:
        """Record that a fact was reused (count and time)."""
        with self._write() as session:
            row = session.get(KnowledgeFactRow, fact_id)
            if row is None:
                raise NotFoundError(f"There is no fact {fact_id} in your knowledge base: it may have been deleted.")
            row.use_count += 1
            row.last_used_at = utc_now()
            session.add(row)
            session.flush()
            return _fact(row)

    def delete_fact(self, fact_id: int) -> None:
        with self._write() as session:
            row = session.get(KnowledgeFactRow, fact_id)
            if row is None:
                raise NotFoundError(f"There is no fact {fact_id} in your knowledge base: it may have been deleted.")
            session.delete(row)

    # ----------------------------------------------------------------------------------------------- LLM cache
    def cache_get(self, key_hash: str) -> JSONValue:
        """The cached response for a request key (`cache_key(request)`), counting the hit; None on a miss."""
        _check_cache_key(key_hash)
        with self._write() as session:
            row = session.get(LLMCacheRow, key_hash)
            if row is None:
                return None
            row.hits += 1
            row.last_hit_at = utc_now()
            session.add(row)
            value: JSONValue = row.response
            return value

    def cache_put(self, key_hash: str, *, model: str, response: JSONValue) -> None:
        """Cache a response (any JSON) under a request key. Raises `ValueError` for a key that is not a SHA-256
        digest or a response that carries an API-key-looking value."""
        _check_cache_key(key_hash)
        found = _find_secret(response)
        if found or looks_like_secret_value(model):
            raise ValueError(f"the response to cache carries a secret at {found or 'model'!r}: not cached")
        with self._write() as session:
            row = session.get(LLMCacheRow, key_hash)
            if row is None:
                session.add(LLMCacheRow(key_hash=key_hash, model=model, response=response, created_at=utc_now()))
            else:
                row.model = model
                row.response = response
                session.add(row)

    def cache_clear(self) -> int:
        """Empty the LLM cache; returns how many responses were dropped."""
        with self._write() as session:
            n = session.exec(select(func.count()).select_from(LLMCacheRow)).one()
            session.exec(delete(LLMCacheRow))
            return int(n)

    # ----------------------------------------------------------------------------------------------- usage
    def record_usage(self, record: UsageRecord) -> UsageRecord:
        """Append one LLM call to the usage ledger."""
        for name in (record.provider, record.model or ""):
            if looks_like_secret_value(name):
                raise ValueError("a usage record's provider or model looks like an API key: not recorded")
        with self._write() as session:
            row = UsageRow(
                application_id=record.application_id,
                artifact_type=None if record.artifact_type is None else ArtifactType(record.artifact_type).value,
                provider=record.provider,
                model=record.model,
                input_tokens=record.input_tokens,
                output_tokens=record.output_tokens,
                cache_read_tokens=record.cache_read_tokens,
                cache_write_tokens=record.cache_write_tokens,
                cost_usd=record.cost_usd,
                latency_ms=record.latency_ms,
                created_at=record.created_at,
            )
            session.add(row)
            session.flush()
            return _usage(row)

    def usage_records(self, application_id: int | None = None) -> list[UsageRecord]:
        """The ledger (of one application, or all), oldest first."""
        statement = select(UsageRow)
        if application_id is not None:
            statement = statement.where(UsageRow.application_id == application_id)
        with self._read() as session:
            return [_usage(r) for r in session.exec(statement.order_by(col(UsageRow.id)))]

    def usage_totals(self, application_id: int | None = None, *, since: datetime | None = None) -> UsageTotals:
        """Calls, tokens and dollars (of one application, or all; since a time, or ever): one query."""
        statement = sa_select(
            func.count(),
            func.coalesce(func.sum(UsageRow.input_tokens), 0),
            func.coalesce(func.sum(UsageRow.output_tokens), 0),
            func.coalesce(func.sum(UsageRow.cache_read_tokens), 0),
            func.coalesce(func.sum(UsageRow.cache_write_tokens), 0),
            func.coalesce(func.sum(UsageRow.cost_usd), 0.0),
        )
        if application_id is not None:
            statement = statement.where(col(UsageRow.application_id) == application_id)
        if since is not None:
            statement = statement.where(col(UsageRow.created_at) >= since)
        with self._read() as session:
            calls, tin, tout, cread, cwrite, cost = session.connection().execute(statement).one()
        return UsageTotals(
            calls=calls,
            input_tokens=tin,
            output_tokens=tout,
            cache_read_tokens=cread,
            cache_write_tokens=cwrite,
            cost_usd=float(cost),
        )

    # ----------------------------------------------------------------------------------------------- search
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over applications (company, title, job ad, notes) and the latest version of each of
        their artifacts: one hit per application, best first (bm25; company/title weigh 4x), with a snippet of
        the best-matching part (matches in [ ]) and the artifact it comes from (None: the application itself).
        Whatever the user typed is searched as plain words (FTS syntax is neutralised); [] for no words."""
        match = fts_query(query)
        if match is None or limit <= 0:
            return []
        columns = ", ".join(f"s.{c}" for c in _SEARCH_COLUMNS)
        statement = text(
            f"SELECT s.rowid, snippet(search_index, -1, char(2), char(3), char(4), 12), s.rank, a.company, "
            f"a.title, {columns} FROM search_index AS s JOIN application AS a ON a.id = s.rowid "
            "WHERE search_index MATCH :match ORDER BY s.rank LIMIT :limit"
        )
        with self._read() as session:
            rows = session.connection().execute(statement, {"match": match, "limit": limit}).all()
        hits = []
        for app_id, snippet, rank, company, title, *texts in rows:
            raw = str(snippet or "")
            hits.append(
                SearchHit(
                    application_id=app_id,
                    artifact_type=_snippet_source(raw, texts),
                    snippet=" ".join(raw.replace("\x02", "[").replace("\x03", "]").replace("\x04", "…").split()),
                    score=float(rank),
                    company=company,
                    title=title,
                )
            )
        return hits

    # ----------------------------------------------------------------------------------------------- privacy
    def erase_everything(self) -> None:
        """Delete every record (CVs, applications, versions, answers, knowledge, cache, ledger, settings) in one
        transaction. The file itself stays (see `workflow.delete_all_data` for removing the files)."""
        with self._write() as session:
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
                LLMCacheRow,
                SettingRow,
            ):
                session.exec(delete(table))
            session.connection().exec_driver_sql("DELETE FROM search_index")

    def is_empty(self) -> bool:
        """Whether the library holds no master CV and no application."""
        with self._read() as session:
            cv = session.exec(select(MasterCVRow.id).limit(1)).first()
            app = session.exec(select(ApplicationRow.id).limit(1)).first()
            return cv is None and app is None

    # ----------------------------------------------------------------------------------------------- settings
    def get_setting(self, key: str, default: JSONValue = None) -> JSONValue:
        """A non-secret setting's JSON value, or `default` when it was never set."""
        _check_setting_key(key)
        with self._read() as session:
            row = session.get(SettingRow, key)
            if row is None:
                return default
            value: JSONValue = row.value
            return value

    def set_setting(self, key: str, value: JSONValue) -> None:
        """Store a non-secret setting (any JSON value). Secret-looking keys or values raise `ValueError`."""
        _check_setting_key(key)
        if isinstance(value, str) and value.strip().startswith(_SECRET_VALUE_PREFIXES):
            raise ValueError(f"the value of setting {key!r} looks like an API key: keys belong in the OS keychain")
        with self._write() as session:
            row = session.get(SettingRow, key)
            if row is None:
                session.add(SettingRow(key=key, value=value))
            else:
                row.value = value
                session.add(row)


# --------------------------------------------------------------------------------------------------- mapping
def _application(row: ApplicationRow) -> Application:
    return Application(
        id=row.id,
        company=row.company,
        title=row.title,
        jd_text=row.jd_text,
        source_url=row.source_url,
        status=ApplicationStatus(row.status),
        master_cv_id=row.master_cv_id,
        notes=row.notes,
        company_notes=row.company_notes,
        hiring_manager=row.hiring_manager,
        letter_tone=row.letter_tone,
        document_language=row.document_language,
        applied_at=row.applied_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _artifact(row: ArtifactRow) -> Artifact:
    return Artifact(
        id=row.id,
        application_id=row.application_id,
        type=ArtifactType(row.type),
        version=row.version,
        status=ArtifactStatus(row.status),
        content=row.content,
        provenance=Provenance(
            provider=row.provider,
            model=row.model,
            input_tokens=row.input_tokens,
            output_tokens=row.output_tokens,
            cache_read_tokens=row.cache_read_tokens,
            cache_write_tokens=row.cache_write_tokens,
            cost_usd=row.cost_usd,
            created_at=row.created_at,
            note=row.note,
        ),
        violations=[Violation.model_validate(v) for v in row.violations],
        created_at=row.created_at,
    )


def _master_cv_version(row: MasterCVVersionRow) -> MasterCVVersion:
    return MasterCVVersion(
        master_cv_id=row.master_cv_id,
        version=row.version,
        cv=MasterCV.model_validate(row.content),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _gap_answer(row: GapAnswerRow) -> GapAnswer:
    return GapAnswer(
        id=row.id,
        application_id=row.application_id,
        question_id=row.question_id,
        question=row.question,
        answer=row.answer,
        destination=AnswerDestination(row.destination),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _fact(row: KnowledgeFactRow) -> KnowledgeFact:
    return KnowledgeFact(
        id=row.id,
        question_hash=row.question_hash,
        question=row.question,
        answer=row.answer,
        destination=AnswerDestination(row.destination),
        source_application_id=row.source_application_id,
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        use_count=row.use_count,
    )


def _usage(row: UsageRow) -> UsageRecord:
    return UsageRecord(
        id=row.id,
        application_id=row.application_id,
        artifact_type=None if row.artifact_type is None else _artifact_type_or_none(row.artifact_type),
        provider=row.provider,
        model=row.model,
        input_tokens=row.input_tokens,
        output_tokens=row.output_tokens,
        cache_read_tokens=row.cache_read_tokens,
        cache_write_tokens=row.cache_write_tokens,
        cost_usd=row.cost_usd,
        latency_ms=row.latency_ms,
        created_at=row.created_at,
    )


def _sent_package(row: SentPackageRow) -> SentPackage:
    assert row.id is not None
    return SentPackage(
        id=row.id,
        application_id=row.application_id,
        sent_at=row.sent_at,
        master_cv_id=row.master_cv_id,
        master_cv_version=row.master_cv_version,
        artifact_versions={
            ArtifactType(t): int(v) for t, v in row.artifact_versions.items() if _artifact_type_or_none(t)
        },
        files=[SentFile.model_validate(f) for f in row.files],
    )


def _artifact_type_or_none(value: str) -> ArtifactType | None:
    try:
        return ArtifactType(value)
    except ValueError:  # a type added by a newer app version
        return None


def _statuses(
    status: ApplicationStatus | Collection[ApplicationStatus] | None,
) -> list[str] | None:
    if status is None:
        return None
    if isinstance(status, str):
        return [ApplicationStatus(status).value]
    return [ApplicationStatus(s).value for s in status]


def _latest_row(session: Session, application_id: int, artifact_type: ArtifactType) -> ArtifactRow | None:
    """The highest version of one document of an application (None: none yet)."""
    return session.exec(
        select(ArtifactRow)
        .where(ArtifactRow.application_id == application_id, ArtifactRow.type == artifact_type.value)
        .order_by(col(ArtifactRow.version).desc())
        .limit(1)
    ).first()


def _artifact_row(session: Session, application_id: int, artifact_type: ArtifactType, version: int) -> ArtifactRow:
    row = session.exec(
        select(ArtifactRow).where(
            ArtifactRow.application_id == application_id,
            ArtifactRow.type == artifact_type.value,
            ArtifactRow.version == version,
        )
    ).first()
    if row is None:
        if session.get(ApplicationRow, application_id) is None:
            raise _missing_application(application_id)
        raise NotFoundError(
            f"Application {application_id} has no {artifact_type.label.lower()} version {version}: "
            "pick one from its history."
        )
    return row


def _upsert_fact(
    session: Session,
    question: str,
    answer: str,
    destination: AnswerDestination,
    source_application_id: int | None,
    now: datetime,
) -> KnowledgeFactRow:
    if not question.strip() or not answer.strip():
        raise BadInputError("A fact needs a question (or statement) and an answer: neither may be empty.")
    digest = question_hash(question)
    row = session.exec(select(KnowledgeFactRow).where(KnowledgeFactRow.question_hash == digest)).first()
    if row is None:
        row = KnowledgeFactRow(
            question_hash=digest,
            question=question,
            answer=answer,
            destination=AnswerDestination(destination).value,
            source_application_id=source_application_id,
            created_at=now,
        )
    else:
        row.question = question
        row.answer = answer
        row.destination = AnswerDestination(destination).value
        if source_application_id is not None:
            row.source_application_id = source_application_id
    session.add(row)
    return row


def _check_cache_key(key_hash: str) -> None:
    if not _SHA256_HEX.fullmatch(key_hash):
        raise ValueError("an LLM cache key must be a SHA-256 hex digest (use cache_key(request)), never raw text")


def _hash_file(name: str, path: Path) -> SentFile:
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
    except OSError as exc:
        raise BadInputError(f"Cannot read the exported file {path}: {exc.strerror}; export it again.") from exc
    return SentFile(name=name, sha256=digest.hexdigest(), size=size)


def _missing_cv(cv_id: int) -> NotFoundError:
    return NotFoundError(
        f"There is no master CV {cv_id}: import your CV (careervp import-cv FILE) or pick an existing one."
    )


def _missing_application(application_id: int) -> NotFoundError:
    return NotFoundError(
        f"There is no application {application_id}: list them with 'careervp list' and use one of those ids."
    )


@contextmanager
def _master_cv_must_exist(cv_id: int | None) -> Iterator[None]:
    """Turn the foreign-key failure of an unknown `master_cv_id` into `NotFoundError`."""
    try:
        yield
    except IntegrityError as exc:
        if cv_id is not None and "FOREIGN KEY" in str(exc.orig):
            raise _missing_cv(cv_id) from exc
        raise
