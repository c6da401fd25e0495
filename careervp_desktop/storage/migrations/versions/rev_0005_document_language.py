"""Schema 5: per application, the language its documents are written in when the CV and the job ad differ
('' = the job ad's language, the default).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE application ADD COLUMN document_language VARCHAR NOT NULL DEFAULT ''")


def downgrade() -> None:  # pragma: no cover - the app never downgrades; restore a backup instead
    raise NotImplementedError("restore the careervp.db.bak-* backup written before the upgrade")
