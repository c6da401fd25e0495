"""Alembic migrations of the library schema, run programmatically by `storage.database` (no alembic.ini).

Revision ids are the schema numbers written to `PRAGMA user_version`: "0001" is schema 1 (the baseline),
"0002" schema 2, and so on. Revisions hold frozen DDL (never import `storage.tables`, which only describes the
newest schema). To add one: copy the newest file in `versions/`, bump `revision`/`down_revision`, write the
DDL, bump `database.SCHEMA_VERSION`, and update `storage/tables.py` to match (a test compares the two).

Packaging: the wheel carries these files as they are; a PyInstaller bundle must collect this folder with its
.py files as data (`collect_data_files("careervp_desktop.storage.migrations", include_py_files=True)`),
because Alembic loads revision files by path.
"""
