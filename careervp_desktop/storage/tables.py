"""The SQLite tables (the schema of the newest migration), as SQLModel classes.

These rows never leave the storage package: `library.py` maps them to and from the domain models. Enum-valued
columns (`status`, `type`) hold the enum's *value* as plain text (SQLAlchemy's `Enum` type would store the
member *name*), so the file stays readable and a new enum member needs no schema change.

Timestamps are stored as naive UTC and come back as aware UTC datetimes (`UTCDateTime`). Changing anything
here changes the schema: add an Alembic revision under `migrations/versions/` (frozen DDL, never importing
this module) and bump `database.SCHEMA_VERSION`; `tests/storage/test_migrations.py` checks that the migrated
schema and these classes agree. The full-text index `search_index` (FTS5) and its triggers exist only in the
migrations: they are not ORM tables.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, Index, LargeBinary, UniqueConstraint, text
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """A datetime stored as naive UTC (SQLite has no time zones) and returned as an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # naive values are taken to be UTC already
            return value
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class MasterCVRow(SQLModel, table=True):
    __tablename__ = "master_cv"
    __table_args__ = (
        # At most one primary master CV, enforced by the database (a partial unique index).
        Index("ux_master_cv_primary", "is_primary", unique=True, sqlite_where=text("is_primary = 1")),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str
    is_primary: bool = False
    source_filename: str | None = None
    content: dict[str, Any] = Field(sa_type=JSON)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ApplicationRow(SQLModel, table=True):
    __tablename__ = "application"
    __table_args__ = (
        # The list view: most recently updated first (all, or filtered by status).
        Index("ix_application_updated_at", "updated_at"),
        Index("ix_application_status_updated_at", "status", "updated_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    company: str = ""
    title: str = ""
    jd_text: str = ""
    source_url: str | None = None
    status: str
    master_cv_id: int | None = Field(default=None, foreign_key="master_cv.id", ondelete="SET NULL", index=True)
    notes: str = ""
    company_notes: str = ""
    hiring_manager: str = ""  # schema 4
    letter_tone: str = "professional"  # schema 4
    document_language: str = ""  # schema 5: '' = the job ad's language
    applied_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ArtifactRow(SQLModel, table=True):
    __tablename__ = "artifact"
    __table_args__ = (
        # Also the index for "versions of a type", "latest version per type" and the cascade delete.
        UniqueConstraint("application_id", "type", "version", name="uq_artifact_version"),
    )

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", ondelete="CASCADE")
    type: str
    version: int
    status: str
    content: dict[str, Any] = Field(sa_type=JSON)
    provider: str
    model: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    cost_usd: float = 0.0
    note: str | None = None  # Provenance.note (schema 3)
    violations: list[dict[str, Any]] = Field(sa_type=JSON)
    created_at: datetime = Field(sa_type=UTCDateTime)
    # Edit sessions: while the same session keeps saving, its version is updated in place.
    edit_session: str | None = None
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SettingRow(SQLModel, table=True):
    """Non-secret settings only (the API key lives in the OS keychain). `value` is any JSON value."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: Any = Field(default=None, sa_type=JSON)


class MasterCVVersionRow(SQLModel, table=True):
    """Every saved state of a master CV (`master_cv.content` is the newest one)."""

    __tablename__ = "master_cv_version"
    __table_args__ = (UniqueConstraint("master_cv_id", "version", name="uq_master_cv_version"),)

    id: int | None = Field(default=None, primary_key=True)
    master_cv_id: int = Field(foreign_key="master_cv.id", ondelete="CASCADE")
    version: int
    content: dict[str, Any] = Field(sa_type=JSON)
    edit_session: str | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class MasterCVFileRow(SQLModel, table=True):
    """The original file a master CV was imported from (so a library backup can carry it)."""

    __tablename__ = "master_cv_file"

    master_cv_id: int = Field(primary_key=True, foreign_key="master_cv.id", ondelete="CASCADE")
    filename: str
    data: bytes = Field(sa_type=LargeBinary)
    sha256: str


class GapAnswerRow(SQLModel, table=True):
    __tablename__ = "gap_answer"
    __table_args__ = (UniqueConstraint("application_id", "question_id", name="uq_gap_answer_question"),)

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", ondelete="CASCADE")
    question_id: str
    question: str
    question_hash: str = Field(index=True)
    answer: str
    destination: str
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class KnowledgeFactRow(SQLModel, table=True):
    """The knowledge base: confirmed facts and gap answers reusable across applications, one per question."""

    __tablename__ = "knowledge_fact"

    id: int | None = Field(default=None, primary_key=True)
    question_hash: str = Field(unique=True)
    question: str
    answer: str
    destination: str
    source_application_id: int | None = Field(
        default=None, foreign_key="application.id", ondelete="SET NULL", index=True
    )
    created_at: datetime = Field(sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    use_count: int = 0


class LLMCacheRow(SQLModel, table=True):
    """LLM responses by the SHA-256 of their request (the request itself, and any key, is never stored)."""

    __tablename__ = "llm_cache"

    key_hash: str = Field(primary_key=True)
    model: str
    response: Any = Field(sa_type=JSON)
    created_at: datetime = Field(sa_type=UTCDateTime)
    hits: int = 0
    last_hit_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class UsageRow(SQLModel, table=True):
    """The usage ledger: one row per LLM call (numbers and names only, never text)."""

    __tablename__ = "usage_ledger"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int | None = Field(default=None, foreign_key="application.id", ondelete="SET NULL", index=True)
    artifact_type: str | None = None
    provider: str
    model: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: float = 0.0
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)


class SentPackageRow(SQLModel, table=True):
    """What was sent for an application: artifact versions ({type: version}), master CV, exported file hashes."""

    __tablename__ = "sent_package"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", ondelete="CASCADE", index=True)
    sent_at: datetime = Field(sa_type=UTCDateTime)
    master_cv_id: int | None = Field(default=None, foreign_key="master_cv.id", ondelete="SET NULL")
    master_cv_version: int | None = None
    artifact_versions: dict[str, Any] = Field(sa_type=JSON)
    files: list[dict[str, Any]] = Field(sa_type=JSON)
