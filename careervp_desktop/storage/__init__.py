"""Storage: the local SQLite library (SQLModel tables, Alembic migrations, the `Library` repository, backups).

Importing this package is free; `database` and `library` load SQLAlchemy when they are imported, and Alembic is
only imported when a migration has to run. Entry points: `storage.database.open_engine`, `storage.library.Library`,
`storage.archive` (export/import zip archives), `storage.paths`.
"""
