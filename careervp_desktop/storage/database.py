"""Opening the library database: the SQLite engine, its connection settings, and the schema version.

`open_engine(path)` gives an `Engine` whose schema is current, or raises `UserFacingError`. Start-up cost on an
up-to-date file is one tiny read-only `sqlite3` peek at `PRAGMA user_version` plus `create_engine` (no
connection is made until the first query); the ORM and the table definitions are only imported when a
migration has to run (the `Library` imports them anyway).

Schema versions: Alembic revisions in `storage/migrations/versions/` ("0001" the baseline, "0002", ...) whose
numbers are mirrored in `PRAGMA user_version`. Opening a file first peeks at `user_version` with a tiny read-only
`sqlite3` connection: an up-to-date file never imports Alembic (start-up stays well under a few ms). An older
file is upgraded with `alembic upgrade head`, run programmatically on our own connection inside one
`BEGIN IMMEDIATE` transaction (SQLite has transactional DDL and `user_version` is part of it), so a failed
migration leaves the file as it was. A file of schema 1 written before Alembic was used (no `alembic_version`
table) is stamped "0001" first. Before migrating a file that already holds tables, a consistent copy is written
next to it: `careervp.db.bak-<old version>-<UTC time>`. A file whose version is newer than `SCHEMA_VERSION` is
refused before anything is written to it.

Transactions: sqlite3's own (legacy) transaction handling is switched off and every SQLAlchemy transaction
starts with an explicit `BEGIN` (deferred: reads) or `BEGIN IMMEDIATE` (`writer(engine)`: writes take the
write lock up front, so `busy_timeout` applies and a read-then-write transaction can never fail half-way with
SQLITE_BUSY when another process wrote in between).

Threads: connections are made with `check_same_thread=False`, so the engine may be used from worker threads
(each thread checks its own connection out of the pool). The app funnels all writes through one lane (one
worker thread); reads may happen anywhere, and in WAL mode they never wait for a writer. The in-memory engine
(tests) has exactly one shared connection (`StaticPool`), so use it from one thread at a time.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from careervp_desktop.domain.errors import UserFacingError

log = logging.getLogger(__name__)

SCHEMA_VERSION = 5
"""The schema this version of the app reads and writes: the number of the head Alembic revision."""

BUSY_TIMEOUT_MS = 5000
_BEGIN_OPTION = "careervp_sqlite_begin"
_BEGIN_MODES = frozenset({"DEFERRED", "IMMEDIATE"})


class NewerDatabaseError(UserFacingError):
    """The database was written by a newer CareerVP; this version must not touch it."""


MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_LOCATIONS: list[Path] = [MIGRATIONS_DIR / "versions"]
"""Where Alembic finds revision files (tests add a folder with a future revision)."""


def _revision_id(version: int) -> str:
    return f"{version:04d}"


# --------------------------------------------------------------------------------------------------- engine
def open_engine(path: Path | None) -> Engine:
    """The engine for the library at `path` (created if missing, its folder too), schema created or upgraded.
    `None` gives a private in-memory database (tests). Raises `UserFacingError` for a database that is newer
    than this app, damaged, not a database, or in a folder that cannot be created."""
    if path is None:
        engine = _create_engine(URL.create("sqlite", database=":memory:"), in_memory=True)
        _upgrade(engine, None)
        return engine

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserFacingError(
            f"Cannot create the data folder {path.parent}: {exc.strerror}; choose another data folder."
        ) from exc
    version = _peek_user_version(path)
    _refuse_newer(version, path)
    engine = _create_engine(URL.create("sqlite", database=str(path)), in_memory=False)
    if version < SCHEMA_VERSION:
        try:
            _upgrade(engine, path)
        except BaseException:
            engine.dispose()
            raise
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions begin with `BEGIN IMMEDIATE`. Use it for every
    transaction that writes."""
    return engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})


def schema_version(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def _create_engine(url: URL, *, in_memory: bool) -> Engine:
    kwargs: dict[str, Any] = {}
    if in_memory:
        kwargs["poolclass"] = StaticPool  # one connection, so every session sees the same in-memory database
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False},
        json_serializer=partial(json.dumps, ensure_ascii=False),
        **kwargs,
    )
    event.listen(engine, "connect", partial(_on_connect, wal=not in_memory))
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object, *, wal: bool) -> None:
    # Take transaction control away from the sqlite3 module; `_on_begin` emits BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")  # first, so the pragmas below may wait
        if wal:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _on_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    if mode not in _BEGIN_MODES:
        raise ValueError(f"unknown SQLite BEGIN mode {mode!r}")
    conn.exec_driver_sql(f"BEGIN {mode}")


# --------------------------------------------------------------------------------------------------- versions
def _peek_user_version(path: Path) -> int:
    """The file's schema version, read without writing anything (0 for a missing or empty file)."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise UserFacingError(
            f"{path} is not a CareerVP library or is damaged ({exc}): "
            "move it aside, or restore a backup (careervp.db.bak-*)."
        ) from exc


def _refuse_newer(version: int, path: Path | None) -> None:
    if version > SCHEMA_VERSION:
        where = f" {path}" if path is not None else ""
        raise NewerDatabaseError(
            f"The library{where} was saved by a newer CareerVP (schema {version}; this version knows up to "
            f"{SCHEMA_VERSION}): update CareerVP to open it. Nothing was changed."
        )


def _upgrade(engine: Engine, path: Path | None) -> None:
    """Bring the schema to `SCHEMA_VERSION`, holding the write lock the whole time, backing up first."""
    with writer(engine).begin() as conn:
        current = int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())
        _refuse_newer(current, path)  # another process may have upgraded it since we peeked
        if current == SCHEMA_VERSION:
            return
        has_tables = conn.exec_driver_sql(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%')"
        ).scalar_one()
        if path is not None and has_tables:
            backup = backup_database(path, current)
            log.info("backed up schema %d to %s before migrating", current, backup.name)
        log.info("migrating library schema from %d to %d", current, SCHEMA_VERSION)
        migrate(conn, _revision_id(SCHEMA_VERSION), current_version=current)
        conn.exec_driver_sql(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")


def migrate(conn: Connection, target: str, *, current_version: int) -> None:
    """Run the Alembic revisions up to `target` on `conn` (already in a write transaction; nothing is committed
    here). A schema-`current_version` file without Alembic's bookkeeping is stamped first."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(str(p) for p in VERSION_LOCATIONS))
    config.attributes["connection"] = conn
    if current_version > 0 and MigrationContext.configure(conn).get_current_revision() is None:
        command.stamp(config, _revision_id(current_version))
    command.upgrade(config, target)


def backup_database(path: Path, version: int) -> Path:
    """Write a consistent copy of the database at `path` (WAL contents included) next to it, named
    `<name>.bak-<version>-<UTC time>`. Safe while another connection holds the write lock: the copy is the
    last committed state."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bak-{version}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.bak-{version}-{stamp}-{n}")
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target
