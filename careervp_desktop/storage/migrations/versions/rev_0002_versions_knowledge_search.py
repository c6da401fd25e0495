"""Schema 2: master CV versions and original files, application notes/applied date, artifact edit sessions and
cache tokens, gap answers, knowledge base, LLM cache, usage ledger, sent packages, and the FTS5 search index.

Revision ID: 0002
Revises: 0001

The search index `search_index` (FTS5) holds one row per application, rowid = application id: company + title,
job ad + notes, and one column per artifact type with the text values of its latest version's JSON. Triggers keep
it in sync, so every writer (the Library, an import, a restore) keeps it right; a row is changed by rowid, never
by a scan. One row per application rather than one per document keeps bm25 ranking cheap on broad queries.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

TABLES = (
    "ALTER TABLE application ADD COLUMN company_notes VARCHAR NOT NULL DEFAULT ''",
    "ALTER TABLE application ADD COLUMN applied_at DATETIME",
    "CREATE INDEX ix_application_status_updated_at ON application (status, updated_at)",
    "ALTER TABLE artifact ADD COLUMN cache_read_tokens INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE artifact ADD COLUMN cache_write_tokens INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE artifact ADD COLUMN edit_session VARCHAR",
    "ALTER TABLE artifact ADD COLUMN updated_at DATETIME",
    """CREATE TABLE master_cv_version (
        id INTEGER NOT NULL,
        master_cv_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        content JSON NOT NULL,
        edit_session VARCHAR,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT uq_master_cv_version UNIQUE (master_cv_id, version),
        FOREIGN KEY(master_cv_id) REFERENCES master_cv (id) ON DELETE CASCADE
    )""",
    """INSERT INTO master_cv_version (master_cv_id, version, content, created_at, updated_at)
        SELECT id, 1, content, created_at, updated_at FROM master_cv""",
    """CREATE TABLE master_cv_file (
        master_cv_id INTEGER NOT NULL,
        filename VARCHAR NOT NULL,
        data BLOB NOT NULL,
        sha256 VARCHAR NOT NULL,
        PRIMARY KEY (master_cv_id),
        FOREIGN KEY(master_cv_id) REFERENCES master_cv (id) ON DELETE CASCADE
    )""",
    """CREATE TABLE gap_answer (
        id INTEGER NOT NULL,
        application_id INTEGER NOT NULL,
        question_id VARCHAR NOT NULL,
        question VARCHAR NOT NULL,
        question_hash VARCHAR NOT NULL,
        answer VARCHAR NOT NULL,
        destination VARCHAR NOT NULL,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT uq_gap_answer_question UNIQUE (application_id, question_id),
        FOREIGN KEY(application_id) REFERENCES application (id) ON DELETE CASCADE
    )""",
    "CREATE INDEX ix_gap_answer_question_hash ON gap_answer (question_hash)",
    """CREATE TABLE knowledge_fact (
        id INTEGER NOT NULL,
        question_hash VARCHAR NOT NULL,
        question VARCHAR NOT NULL,
        answer VARCHAR NOT NULL,
        destination VARCHAR NOT NULL,
        source_application_id INTEGER,
        created_at DATETIME NOT NULL,
        last_used_at DATETIME,
        use_count INTEGER NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (question_hash),
        FOREIGN KEY(source_application_id) REFERENCES application (id) ON DELETE SET NULL
    )""",
    "CREATE INDEX ix_knowledge_fact_source_application_id ON knowledge_fact (source_application_id)",
    """CREATE TABLE llm_cache (
        key_hash VARCHAR NOT NULL,
        model VARCHAR NOT NULL,
        response JSON NOT NULL,
        created_at DATETIME NOT NULL,
        hits INTEGER NOT NULL,
        last_hit_at DATETIME,
        PRIMARY KEY (key_hash)
    )""",
    """CREATE TABLE usage_ledger (
        id INTEGER NOT NULL,
        application_id INTEGER,
        artifact_type VARCHAR,
        provider VARCHAR NOT NULL,
        model VARCHAR,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cache_read_tokens INTEGER NOT NULL,
        cache_write_tokens INTEGER NOT NULL,
        cost_usd FLOAT NOT NULL,
        latency_ms FLOAT NOT NULL,
        created_at DATETIME NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(application_id) REFERENCES application (id) ON DELETE SET NULL
    )""",
    "CREATE INDEX ix_usage_ledger_application_id ON usage_ledger (application_id)",
    "CREATE INDEX ix_usage_ledger_created_at ON usage_ledger (created_at)",
    """CREATE TABLE sent_package (
        id INTEGER NOT NULL,
        application_id INTEGER NOT NULL,
        sent_at DATETIME NOT NULL,
        master_cv_id INTEGER,
        master_cv_version INTEGER,
        artifact_versions JSON NOT NULL,
        files JSON NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(application_id) REFERENCES application (id) ON DELETE CASCADE,
        FOREIGN KEY(master_cv_id) REFERENCES master_cv (id) ON DELETE SET NULL
    )""",
    "CREATE INDEX ix_sent_package_application_id ON sent_package (application_id)",
)

ARTIFACT_COLUMNS = ("gap_questions", "vpr", "tailored_cv", "cover_letter", "interview_prep")
"""One search column per artifact type (the type's value); a later type needs a migration adding a column."""

# The text values of an artifact's JSON (the cover letter's derived top-level `text` repeats its paragraphs).
_TEXT_OF = (
    "(SELECT coalesce(group_concat(j.value, char(10)), '') FROM json_tree({content}) AS j "
    "WHERE j.type = 'text' AND j.fullkey <> '$.text')"
)
_LATEST_TEXT = (
    "(SELECT coalesce(group_concat(j.value, char(10)), '') FROM artifact AS a, json_tree(a.content) AS j "
    "WHERE a.application_id = ap.id AND a.type = '{t}' AND j.type = 'text' AND j.fullkey <> '$.text' "
    "AND a.version = (SELECT max(b.version) FROM artifact AS b WHERE b.application_id = ap.id AND b.type = '{t}'))"
)
_HEADING = "{r}.company || ' ' || {r}.title"
_JOB = "{r}.jd_text || char(10) || {r}.notes || char(10) || {r}.company_notes"
_IS_LATEST = (
    "new.version >= (SELECT max(version) FROM artifact WHERE application_id = new.application_id AND type = new.type)"
)
_SET_ARTIFACT_COLUMN = ", ".join(
    f"{t} = CASE WHEN new.type = '{t}' THEN {_TEXT_OF.format(content='new.content')} ELSE {t} END"
    for t in ARTIFACT_COLUMNS
)

SEARCH = (
    # One row per application (rowid = application id): its company and title, its job ad and notes, and the
    # text of the latest version of each artifact, one column per type.
    f"""CREATE VIRTUAL TABLE search_index USING fts5(
        heading, job, {", ".join(ARTIFACT_COLUMNS)},
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    )""",
    # Matches in company/title count four times as much as matches elsewhere.
    "INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(4.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)')",
    f"""CREATE TRIGGER search_application_ai AFTER INSERT ON application BEGIN
        INSERT INTO search_index (rowid, heading, job)
            VALUES (new.id, {_HEADING.format(r="new")}, {_JOB.format(r="new")});
    END""",
    f"""CREATE TRIGGER search_application_au
        AFTER UPDATE OF company, title, jd_text, notes, company_notes ON application BEGIN
        UPDATE search_index SET heading = {_HEADING.format(r="new")}, job = {_JOB.format(r="new")}
            WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER search_application_ad AFTER DELETE ON application BEGIN
        DELETE FROM search_index WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER search_artifact_ai AFTER INSERT ON artifact WHEN {_IS_LATEST} BEGIN
        UPDATE search_index SET {_SET_ARTIFACT_COLUMN} WHERE rowid = new.application_id;
    END""",
    f"""CREATE TRIGGER search_artifact_au AFTER UPDATE OF content ON artifact WHEN {_IS_LATEST} BEGIN
        UPDATE search_index SET {_SET_ARTIFACT_COLUMN} WHERE rowid = new.application_id;
    END""",
    # Index what is already there: every application with the latest version of each of its artifacts.
    f"INSERT INTO search_index (rowid, heading, job, {', '.join(ARTIFACT_COLUMNS)}) "
    f"SELECT ap.id, {_HEADING.format(r='ap')}, {_JOB.format(r='ap')}, "
    + ", ".join(_LATEST_TEXT.format(t=t) for t in ARTIFACT_COLUMNS)
    + " FROM application AS ap",
)


def upgrade() -> None:
    for statement in (*TABLES, *SEARCH):
        op.execute(statement)


def downgrade() -> None:  # pragma: no cover - the app never downgrades; restore a backup instead
    raise NotImplementedError("restore the careervp.db.bak-* backup written before the upgrade")
