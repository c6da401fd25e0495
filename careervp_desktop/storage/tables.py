"""The SQLite tables (schema version 1), as SQLModel classes.

These rows never leave the storage package: `library.py` maps them to and from the domain models. Enum-valued
columns (`status`, `type`) hold the enum's *value* as plain text (SQLAlchemy's `Enum` type would store the
member *name*), so the file stays readable and a new enum member needs no schema change.

Timestamps are stored as naive UTC and come back as aware UTC datetimes (`UTCDateTime`). Changing anything
here changes the schema: bump `database.SCHEMA_VERSION` and add a migration step.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, Index, UniqueConstraint, text
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
        # The list view: most recently updated first.
        Index("ix_application_updated_at", "updated_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    company: str = ""
    title: str = ""
    jd_text: str = ""
    source_url: str | None = None
    status: str
    master_cv_id: int | None = Field(default=None, foreign_key="master_cv.id", ondelete="SET NULL", index=True)
    notes: str = ""
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
    cost_usd: float = 0.0
    violations: list[dict[str, Any]] = Field(sa_type=JSON)
    created_at: datetime = Field(sa_type=UTCDateTime)


class SettingRow(SQLModel, table=True):
    """Non-secret settings only (the API key lives in the OS keychain). `value` is any JSON value."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: Any = Field(default=None, sa_type=JSON)
