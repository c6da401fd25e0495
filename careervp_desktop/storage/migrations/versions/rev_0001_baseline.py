"""Schema 1 (baseline): master_cv, application, artifact, setting — exactly as the first release created them.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

STATEMENTS = (
    """CREATE TABLE master_cv (
        id INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        is_primary BOOLEAN NOT NULL,
        source_filename VARCHAR,
        content JSON NOT NULL,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        PRIMARY KEY (id)
    )""",
    "CREATE UNIQUE INDEX ux_master_cv_primary ON master_cv (is_primary) WHERE is_primary = 1",
    """CREATE TABLE setting (
        "key" VARCHAR NOT NULL,
        value JSON NOT NULL,
        PRIMARY KEY ("key")
    )""",
    """CREATE TABLE application (
        id INTEGER NOT NULL,
        company VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        jd_text VARCHAR NOT NULL,
        source_url VARCHAR,
        status VARCHAR NOT NULL,
        master_cv_id INTEGER,
        notes VARCHAR NOT NULL,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(master_cv_id) REFERENCES master_cv (id) ON DELETE SET NULL
    )""",
    "CREATE INDEX ix_application_master_cv_id ON application (master_cv_id)",
    "CREATE INDEX ix_application_updated_at ON application (updated_at)",
    """CREATE TABLE artifact (
        id INTEGER NOT NULL,
        application_id INTEGER NOT NULL,
        type VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        status VARCHAR NOT NULL,
        content JSON NOT NULL,
        provider VARCHAR NOT NULL,
        model VARCHAR,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cost_usd FLOAT NOT NULL,
        violations JSON NOT NULL,
        created_at DATETIME NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT uq_artifact_version UNIQUE (application_id, type, version),
        FOREIGN KEY(application_id) REFERENCES application (id) ON DELETE CASCADE
    )""",
)


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:  # pragma: no cover - the app never downgrades; restore a backup instead
    raise NotImplementedError("restore the careervp.db.bak-* backup written before the upgrade")
