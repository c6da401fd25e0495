"""Storage: the local SQLite library (SQLModel tables, schema versions, the `Library` repository).

Importing this package is free; `database` and `library` load SQLAlchemy when they are imported. Entry points:
`storage.database.open_engine`, `storage.library.Library`, `storage.paths`.
"""
