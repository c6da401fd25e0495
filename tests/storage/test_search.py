"""Full-text search: ranked hits with snippets, the latest versions only, kept in sync on every write, and
safe against whatever the user types."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from careervp_desktop.domain.models import Application, ArtifactType, Provenance
from careervp_desktop.storage.database import open_engine, writer
from careervp_desktop.storage.library import Library, fts_query

PROV = Provenance(provider="offline")


def _apps(library: Library) -> tuple[int, int]:
    a = library.create_application(
        Application(company="Fjordhaven Energy", title="Python Engineer", jd_text="Kubernetes, Postgres, Kafka.")
    )
    b = library.create_application(
        Application(company="Globex", title="Data Analyst", jd_text="Excel and Tableau; some Python.", notes="café")
    )
    return a.id or 0, b.id or 0


def test_ranked_hits_with_snippets(library: Library) -> None:
    a, b = _apps(library)
    library.add_artifact_version(a, ArtifactType.COVER_LETTER, {"paragraphs": ["I love Zeppelin streams."]}, PROV)
    [hit] = library.search("zeppelin")  # one hit per application, saying where the best match is
    assert (hit.application_id, hit.artifact_type, hit.company) == (a, ArtifactType.COVER_LETTER, "Fjordhaven Energy")
    assert hit.snippet == "I love [Zeppelin] streams."
    [hit] = library.search("kafka")
    assert (hit.artifact_type, hit.snippet) == (None, "Kubernetes, Postgres, [Kafka].")
    # company/title weigh more than body text: "python" is in a's title but only in b's job ad
    assert [h.application_id for h in library.search("python")] == [a, b]
    assert library.search("cafe")[0].application_id == b  # accents folded
    assert [h.application_id for h in library.search("fjordh")] == [a]  # the last word is a prefix
    assert [h.application_id for h in library.search("python", limit=1)] == [a]


def test_index_follows_edits_latest_versions_and_deletes(library: Library) -> None:
    a, b = _apps(library)
    library.add_artifact_version(a, ArtifactType.VPR, {"headline": "Zeppelin pilot"}, PROV)
    library.save_artifact_edit(a, ArtifactType.VPR, {"headline": "Airship captain"}, session_id="s")
    assert library.search("zeppelin") == []  # only the latest version is searchable
    library.save_artifact_edit(a, ArtifactType.VPR, {"headline": "Balloon captain"}, session_id="s")
    assert library.search("airship") == []  # the in-place session update re-indexed it
    assert [h.artifact_type for h in library.search("balloon")] == [ArtifactType.VPR]
    library.restore_version(a, ArtifactType.VPR, 1)
    assert [h.artifact_type for h in library.search("zeppelin")] == [ArtifactType.VPR]

    app = library.get_application(b)
    app.company_notes = "Met Hiroshi at the meetup"
    library.update_application(app)
    assert [h.application_id for h in library.search("hiroshi")] == [b]

    library.delete_application(a)
    assert library.search("zeppelin") == []
    assert library.search("kubernetes") == []
    with library.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM search_index")).scalar_one() == 1


@pytest.mark.parametrize(
    "query",
    ['"', "*", "AND(", "NEAR(a b", 'python" OR "x', "a:b", "^x", "(((", "-", "kafka*)", "' OR 1=1 --", "NOT", ""],
)
def test_fts_syntax_in_user_input_is_harmless(library: Library, query: str) -> None:
    _apps(library)
    hits = library.search(query)  # never raises
    assert isinstance(hits, list)


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('kafka AND("x') == '"kafka" "AND" "x"*'
    assert fts_query("data engineer ") == '"data" "engineer"'
    assert fts_query("*** ()") is None


def test_search_while_a_write_transaction_is_open(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "careervp.db")
    try:
        library = Library(engine)
        _apps(library)
        with writer(engine).begin() as conn:
            conn.execute(text("UPDATE application SET title = 'Uncommitted Zebra'"))
            seen: list[int] = []
            reader = threading.Thread(target=lambda: seen.append(len(library.search("python"))))
            reader.start()
            reader.join(2)
            assert seen == [2]  # the committed state, without waiting for the writer
        assert len(library.search("zebra")) == 2
    finally:
        engine.dispose()
