"""Alembic environment: online only, on the connection `storage.database` passes in `config.attributes`.

That connection is already inside the migration's `BEGIN IMMEDIATE` transaction, so Alembic does not begin or
commit anything itself: the whole upgrade (and `PRAGMA user_version`) commits or rolls back as one.
"""

from __future__ import annotations

from alembic import context

if context.is_offline_mode():  # pragma: no cover - we never generate SQL scripts
    raise RuntimeError("CareerVP migrations run online only, on a connection passed by storage.database")

context.configure(connection=context.config.attributes["connection"], target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
