from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from careervp_desktop.domain.errors import UserFacingError
from careervp_desktop.domain.models import Application, MasterCV
from careervp_desktop.storage import database
from careervp_desktop.storage.database import (
    SCHEMA_VERSION,
    NewerDatabaseError,
    backup_database,
    open_engine,
    schema_version,
    writer,
)
from careervp_desktop.storage.library import Library
from careervp_desktop.storage.paths import database_path, default_data_dir, log_dir


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def _backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.bak-*"))


# --------------------------------------------------------------------------------------------------- opening
def test_file_database_settings(db_path: Path) -> None:
    engine = open_engine(db_path)  # the parent folder does not exist yet
    try:
        assert db_path.is_file()
        with engine.connect() as conn:
            pragma = {p: conn.exec_driver_sql(f"PRAGMA {p}").scalar() for p in ("journal_mode", "foreign_keys")}
            pragma |= {p: conn.exec_driver_sql(f"PRAGMA {p}").scalar() for p in ("busy_timeout", "synchronous")}
        assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000, "synchronous": 1}
        assert schema_version(engine) == SCHEMA_VERSION
        assert _backups(db_path) == []  # a new database needs no backup
    finally:
        engine.dispose()


def test_in_memory_database_is_shared_across_sessions(engine: Engine) -> None:
    assert schema_version(engine) == SCHEMA_VERSION
    Library(engine).save_master_cv(MasterCV(full_name="A"), name="A")
    assert Library(engine).list_master_cvs() == [(1, "A")]


def test_reopening_a_current_database_does_not_back_up(db_path: Path) -> None:
    open_engine(db_path).dispose()
    open_engine(db_path).dispose()
    assert _backups(db_path) == []


def test_newer_database_is_refused_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE future_thing (x)")
    conn.execute("INSERT INTO future_thing VALUES (1)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = (db_path.read_bytes(), db_path.stat().st_mtime_ns)

    with pytest.raises(NewerDatabaseError) as caught:
        open_engine(db_path)

    assert isinstance(caught.value, UserFacingError)
    assert "newer CareerVP" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert (db_path.read_bytes(), db_path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]  # no -wal, -shm, backup


def test_not_a_database(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is a text file, not SQLite" * 100)
    with pytest.raises(UserFacingError, match="not a CareerVP library"):
        open_engine(db_path)


def test_data_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserFacingError, match="Cannot create the data folder"):
        open_engine(blocker / "sub" / "careervp.db")


# --------------------------------------------------------------------------------------------------- migrations
def test_unversioned_database_with_tables_is_backed_up_then_migrated(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE legacy (x)")
    conn.execute("INSERT INTO legacy VALUES ('kept')")
    conn.commit()
    conn.close()

    open_engine(db_path).dispose()

    assert _user_version(db_path) == SCHEMA_VERSION
    [backup] = _backups(db_path)
    assert backup.name.startswith("careervp.db.bak-0-")
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("SELECT x FROM legacy").fetchall() == [("kept",)]
        assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'application'").fetchone() == (0,)
    finally:
        conn.close()


ADD_COLUMN = 'op.execute("ALTER TABLE application ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")'
BROKEN_STEP = (
    'op.execute("ALTER TABLE application ADD COLUMN half_done INTEGER")\n    raise RuntimeError("migration bug")'
)


def _with_next_version(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, body: str) -> None:
    """A future Alembic revision (SCHEMA_VERSION + 1) whose upgrade() runs `body`."""
    folder = tmp_path / "future_revisions"
    folder.mkdir()
    revision = f"{SCHEMA_VERSION + 1:04d}"
    (folder / f"rev_{revision}_future.py").write_text(
        "from alembic import op\n"
        f"revision = {revision!r}\n"
        f"down_revision = '{SCHEMA_VERSION:04d}'\n"
        "branch_labels = None\ndepends_on = None\n"
        f"def upgrade():\n    {body}\n"
    )
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(database, "VERSION_LOCATIONS", [*database.VERSION_LOCATIONS, folder])


def test_migration_backs_up_first_then_upgrades(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = open_engine(db_path)
    app = Library(engine).create_application(Application(company="Acme"))
    engine.dispose()

    _with_next_version(monkeypatch, tmp_path, ADD_COLUMN)
    engine = open_engine(db_path)
    try:
        assert schema_version(engine) == SCHEMA_VERSION + 1
        assert Library(engine).get_application(app.id or 0) == app
        with engine.connect() as conn:
            assert conn.execute(text("SELECT priority FROM application")).scalar_one() == 0
    finally:
        engine.dispose()

    [backup] = _backups(db_path)
    assert backup.name.startswith(f"careervp.db.bak-{SCHEMA_VERSION}-")
    assert _user_version(backup) == SCHEMA_VERSION
    raw = sqlite3.connect(backup)
    try:
        assert raw.execute("SELECT company FROM application").fetchall() == [("Acme",)]
        columns = [row[1] for row in raw.execute("PRAGMA table_info(application)")]
        assert "priority" not in columns
    finally:
        raw.close()


def test_failed_migration_changes_nothing(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_engine(db_path).dispose()
    _with_next_version(monkeypatch, tmp_path, BROKEN_STEP)
    with pytest.raises(RuntimeError, match="migration bug"):
        open_engine(db_path)
    assert _user_version(db_path) == SCHEMA_VERSION
    conn = sqlite3.connect(db_path)
    try:
        assert "half_done" not in [row[1] for row in conn.execute("PRAGMA table_info(application)")]
    finally:
        conn.close()
    assert len(_backups(db_path)) == 1


def test_backup_includes_uncheckpointed_wal(db_path: Path) -> None:
    engine = open_engine(db_path)
    try:
        Library(engine).create_application(Application(company="InWal"))
        assert db_path.with_name(db_path.name + "-wal").stat().st_size > 0  # still in the WAL, pool holds it
        first = backup_database(db_path, SCHEMA_VERSION)
        second = backup_database(db_path, SCHEMA_VERSION)  # same second: a distinct name
    finally:
        engine.dispose()
    assert first != second
    conn = sqlite3.connect(first)
    try:
        assert conn.execute("SELECT company FROM application").fetchall() == [("InWal",)]
    finally:
        conn.close()


# --------------------------------------------------------------------------------------------------- concurrency
def test_read_while_a_write_transaction_is_open(db_path: Path) -> None:
    engine = open_engine(db_path)
    try:
        library = Library(engine)
        library.create_application(Application(company="Committed"))
        with writer(engine).begin() as conn:  # BEGIN IMMEDIATE: holds the write lock
            conn.execute(text("UPDATE application SET company = 'Uncommitted'"))
            started = time.perf_counter()
            seen: list[str] = []
            reader = threading.Thread(target=lambda: seen.extend(a.company for a in library.list_applications()))
            reader.start()
            reader.join(5)
            elapsed = time.perf_counter() - started
            assert seen == ["Committed"]  # the last committed state, at once
            assert elapsed < 1.0  # did not wait for the writer (busy_timeout is 5 s)
        assert [a.company for a in library.list_applications()] == ["Uncommitted"]
    finally:
        engine.dispose()


def test_second_writer_waits_for_the_first(db_path: Path) -> None:
    engine = open_engine(db_path)
    try:
        library = Library(engine)
        app_id = library.create_application(Application(company="A")).id or 0
        done = threading.Event()
        with writer(engine).begin() as conn:
            conn.execute(text("UPDATE application SET notes = 'first'"))

            def second_write() -> None:
                library.update_application(Application(id=app_id, company="B"))
                done.set()

            worker = threading.Thread(target=second_write)
            worker.start()
            assert not done.wait(0.3)  # blocked on the write lock (busy_timeout), not failed
        worker.join(5)
        assert done.is_set()
        assert library.get_application(app_id).company == "B"
    finally:
        engine.dispose()


# --------------------------------------------------------------------------------------------------- paths
def test_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERVP_DATA_DIR", str(tmp_path / "d"))
    assert default_data_dir() == tmp_path / "d"
    assert database_path(tmp_path) == tmp_path / "careervp.db"
    assert log_dir(tmp_path) == tmp_path / "logs"
    monkeypatch.delenv("CAREERVP_DATA_DIR")
    assert "careervp" in str(default_data_dir()).lower()
