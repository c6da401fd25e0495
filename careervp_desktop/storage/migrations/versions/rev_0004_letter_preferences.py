"""Schema 4: per application, whom the cover letter addresses (the hiring manager's name, when known) and its tone
(professional, enthusiastic or technical).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE application ADD COLUMN hiring_manager VARCHAR NOT NULL DEFAULT ''")
    op.execute("ALTER TABLE application ADD COLUMN letter_tone VARCHAR NOT NULL DEFAULT 'professional'")


def downgrade() -> None:  # pragma: no cover - the app never downgrades; restore a backup instead
    raise NotImplementedError("restore the careervp.db.bak-* backup written before the upgrade")
