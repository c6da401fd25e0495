"""The library: master CVs, applications, artifact versions and settings, stored in SQLite.

`Library(engine)` takes an engine from `storage.database.open_engine` (which sets the connection pragmas and the
BEGIN handling this module relies on). Every public method is one transaction; writes begin with
`BEGIN IMMEDIATE`. Methods return domain models only: ORM rows never leave this module.

Threads: the engine may be used from any thread, but the app funnels every write through one lane (a single
worker), so writes never queue behind each other inside the app; reads may run anywhere (WAL: readers do not wait
for the writer). Another process (the CLI next to the GUI) is handled by SQLite's locks and `busy_timeout`.

Secrets never go into the database: the API key lives in the OS keychain, and `set_setting`/`get_setting`
refuse keys that look like secrets (`ValueError`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import pairwise
from typing import TypeAlias

from sqlalchemy import Engine, and_, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from careervp_desktop.domain.errors import NotFoundError
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
from careervp_desktop.storage.database import writer
from careervp_desktop.storage.tables import ApplicationRow, ArtifactRow, MasterCVRow, SettingRow

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
        self, cv: MasterCV, *, name: str, source_filename: str | None = None, make_primary: bool = True
    ) -> int:
        """Store a new master CV and return its id. The first master CV is always primary; with
        `make_primary` (the default) this one replaces the current primary."""
        now = utc_now()
        with self._write() as session:
            has_primary = session.exec(select(MasterCVRow.id).where(col(MasterCVRow.is_primary))).first()
            primary = make_primary or has_primary is None
            if primary and has_primary is not None:
                session.exec(update(MasterCVRow).where(col(MasterCVRow.is_primary)).values(is_primary=False))
            row = MasterCVRow(
                name=name,
                is_primary=primary,
                source_filename=source_filename,
                content=cv.model_dump(mode="json"),
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            return row.id

    def update_master_cv(self, cv_id: int, cv: MasterCV) -> None:
        with self._write() as session:
            row = session.get(MasterCVRow, cv_id)
            if row is None:
                raise _missing_cv(cv_id)
            row.content = cv.model_dump(mode="json")
            row.updated_at = utc_now()
            session.add(row)

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

    def list_applications(self) -> list[Application]:
        """Every application, most recently updated first."""
        with self._read() as session:
            rows = session.exec(
                select(ApplicationRow).order_by(col(ApplicationRow.updated_at).desc(), col(ApplicationRow.id).desc())
            ).all()
            return [_application(row) for row in rows]

    def delete_application(self, application_id: int) -> None:
        """Delete an application and (by cascade) every version of its artifacts."""
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
                cost_usd=provenance.cost_usd,
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
            cost_usd=row.cost_usd,
            created_at=row.created_at,
        ),
        violations=[Violation.model_validate(v) for v in row.violations],
        created_at=row.created_at,
    )


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
