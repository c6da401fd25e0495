"""Schema 3: an artifact version keeps its provenance note ("Offline draft: Claude unavailable — …"), so the
window can still say why a document was written offline, and offer to retry, after a restart.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE artifact ADD COLUMN note VARCHAR")


def downgrade() -> None:  # pragma: no cover - the app never downgrades; restore a backup instead
    raise NotImplementedError("restore the careervp.db.bak-* backup written before the upgrade")
