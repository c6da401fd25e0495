"""Alembic migrations: the head is SCHEMA_VERSION, old files upgrade with their data intact, the migrated schema
matches storage/tables.py, and an up-to-date file never imports Alembic."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.storage import database, tables  # noqa: F401  (tables: registers the ORM metadata)
from careervp_desktop.storage.database import SCHEMA_VERSION, migrate, open_engine, schema_version, writer
from careervp_desktop.storage.library import Library

CV = {"full_name": "Ada Lovelace", "skills": ["Python"]}


def _schema_1_database(path: Path, *, with_alembic: bool) -> None:
    """A file as schema 1 left it, with a master CV, an application and two artifact versions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            if with_alembic:
                migrate(conn, "0001", current_version=0)
            else:  # the first release: tables created without Alembic's bookkeeping
                from careervp_desktop.storage.migrations.versions import rev_0001_baseline as baseline

                for statement in baseline.STATEMENTS:
                    conn.exec_driver_sql(statement)
            cv = json.dumps(CV)
            conn.exec_driver_sql(
                "INSERT INTO master_cv VALUES (1, 'Main', 1, 'cv.pdf', ?, '2024-01-01 10:00:00', "
                "'2024-01-02 10:00:00')",
                (cv,),
            )
            conn.exec_driver_sql(
                "INSERT INTO application VALUES (1, 'Acme', 'Data Engineer', 'We need Kubernetes and SQL', NULL, "
                "'generated', 1, 'call back', '2024-01-03 10:00:00', '2024-01-04 10:00:00')"
            )
            for version, headline in ((1, "first draft"), (2, "Zeppelin expertise")):
                conn.exec_driver_sql(
                    "INSERT INTO artifact VALUES (NULL, 1, 'vpr', ?, 'draft', ?, 'offline', NULL, 1, 2, 0.5, '[]', "
                    "'2024-01-05 10:00:00')",
                    (version, json.dumps({"headline": headline})),
                )
            conn.exec_driver_sql("PRAGMA user_version = 1")
    finally:
        engine.dispose()


@pytest.mark.parametrize("with_alembic", [True, False], ids=["alembic-0001", "pre-alembic-v1"])
def test_schema_1_upgrades_to_head_with_data_intact(db_path: Path, with_alembic: bool) -> None:
    _schema_1_database(db_path, with_alembic=with_alembic)

    engine = open_engine(db_path)
    try:
        assert schema_version(engine) == SCHEMA_VERSION
        with engine.connect() as conn:
            assert (
                conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == f"{SCHEMA_VERSION:04d}"
            )
        library = Library(engine)
        app = library.get_application(1)
        assert (app.company, app.title, app.notes, app.company_notes, app.applied_at) == (
            "Acme",
            "Data Engineer",
            "call back",
            "",
            None,
        )
        assert (app.hiring_manager, app.letter_tone, app.document_language) == ("", "professional", "")
        app.document_language = "he"
        assert library.update_application(app).document_language == "he"
        assert library.get_application(1).document_language == "he"
        assert library.primary_master_cv() == (1, library.get_master_cv(1))
        assert library.get_master_cv(1).full_name == "Ada Lovelace"
        [v1] = library.master_cv_versions(1)  # the existing CV became version 1
        assert v1.cv.full_name == "Ada Lovelace"
        versions = library.artifact_versions(1, ArtifactType.VPR)
        assert [(a.version, a.content["headline"], a.provenance.cost_usd, a.provenance.note) for a in versions] == [
            (1, "first draft", 0.5, None),
            (2, "Zeppelin expertise", 0.5, None),
        ]
        # the search index was filled from what was there: the application and the latest version only
        assert [h.artifact_type for h in library.search("Kubernetes")] == [None]
        assert [h.artifact_type for h in library.search("Zeppelin")] == [ArtifactType.VPR]
        assert library.search("first draft") == []
    finally:
        engine.dispose()
    [backup] = sorted(db_path.parent.glob("careervp.db.bak-1-*"))
    raw = sqlite3.connect(backup)
    try:
        assert raw.execute("SELECT company FROM application").fetchall() == [("Acme",)]
    finally:
        raw.close()


def test_head_revision_is_the_schema_version() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(database.MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(database.VERSION_LOCATIONS[0]))
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [f"{SCHEMA_VERSION:04d}"]
    assert [r.revision for r in script.walk_revisions()] == [f"{n:04d}" for n in range(SCHEMA_VERSION, 0, -1)]


def test_migrated_schema_matches_the_tables_module(db_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = open_engine(db_path)
    try:
        with writer(engine).begin() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": False})
            diff = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    ignored = ("alembic_version", "search_index")
    problems = [d for d in diff if not any(name in repr(d) for name in ignored)]
    assert problems == []


def test_up_to_date_open_does_not_import_alembic(db_path: Path) -> None:
    open_engine(db_path).dispose()
    code = (
        "import sys, time; from pathlib import Path\n"
        "from careervp_desktop.storage.database import open_engine\n"
        f"t = time.perf_counter(); e = open_engine(Path({str(db_path)!r})); ms = (time.perf_counter() - t) * 1000\n"
        "e.dispose(); print('alembic' in sys.modules, ms)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "False"
    assert float(out[1]) < 50  # a few ms in practice; generous for a loaded CI machine
