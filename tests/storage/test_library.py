from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, text

from careervp_desktop.domain.errors import NotFoundError
from careervp_desktop.domain.models import (
    Application,
    ApplicationStatus,
    ArtifactStatus,
    ArtifactType,
    ContactInfo,
    ExperienceEntry,
    MasterCV,
    Provenance,
    Severity,
    Violation,
    ViolationType,
)
from careervp_desktop.storage.database import open_engine
from careervp_desktop.storage.library import Library, looks_like_secret


def _cv(name: str = "Jane Doe") -> MasterCV:
    return MasterCV(
        full_name=name,
        contact_info=ContactInfo(email="jane@example.com", phone="+44 20 7946 0000"),
        professional_summary="Engineer — café owner once.",
        experience=[ExperienceEntry(company="Acme", role="Engineer", start_date="2020-01", achievements=["Built X"])],
        skills=["Python", "SQL"],
    )


def _provenance(provider: str = "offline") -> Provenance:
    return Provenance(provider=provider, model="m-1", input_tokens=10, output_tokens=20, cost_usd=0.012)


def _app(library: Library, **kw: object) -> Application:
    return library.create_application(Application(company="Acme", title="Data Engineer", jd_text="We need SQL", **kw))


# --------------------------------------------------------------------------------------------------- master CVs
def test_master_cv_round_trip_and_primary(library: Library) -> None:
    first = library.save_master_cv(_cv(), name="Main", source_filename="cv.pdf")
    assert library.get_master_cv(first) == _cv()
    assert library.primary_master_cv() == (first, _cv())

    second = library.save_master_cv(_cv("Other"), name="Second")
    assert library.primary_master_cv() == (second, _cv("Other"))

    third = library.save_master_cv(_cv("Third"), name="Third", make_primary=False)
    assert library.primary_master_cv() is not None
    assert library.primary_master_cv() == (second, _cv("Other"))
    assert library.list_master_cvs() == [(first, "Main"), (second, "Second"), (third, "Third")]


def test_first_master_cv_is_primary_even_when_not_asked(library: Library) -> None:
    assert library.primary_master_cv() is None
    cv_id = library.save_master_cv(_cv(), name="Only", make_primary=False)
    assert library.primary_master_cv() == (cv_id, _cv())


def test_update_master_cv(library: Library) -> None:
    cv_id = library.save_master_cv(_cv(), name="Main")
    changed = _cv().model_copy(update={"skills": ["Rust"]})
    library.update_master_cv(cv_id, changed)
    assert library.get_master_cv(cv_id).skills == ["Rust"]


def test_missing_master_cv(library: Library) -> None:
    with pytest.raises(NotFoundError, match="no master CV 42"):
        library.get_master_cv(42)
    with pytest.raises(NotFoundError):
        library.update_master_cv(42, _cv())


# --------------------------------------------------------------------------------------------------- applications
def test_application_round_trip(library: Library) -> None:
    cv_id = library.save_master_cv(_cv(), name="Main")
    created = _app(library, master_cv_id=cv_id, source_url="https://example.com/job", notes="n")
    assert created.id is not None
    got = library.get_application(created.id)
    assert got == created
    assert got.master_cv_id == cv_id
    assert got.created_at.tzinfo is not None
    assert got.created_at.utcoffset() == timedelta(0)


def test_update_application_bumps_updated_at(library: Library) -> None:
    app = _app(library)
    app.status = ApplicationStatus.SENT
    app.notes = "sent on Monday"
    updated = library.update_application(app)
    assert updated.status is ApplicationStatus.SENT
    assert updated.notes == "sent on Monday"
    assert updated.updated_at >= app.updated_at
    assert updated.created_at == app.created_at
    assert library.get_application(updated.id or 0) == updated


def test_list_applications_most_recently_updated_first(library: Library) -> None:
    a = _app(library, created_at=datetime(2024, 1, 1, tzinfo=UTC), updated_at=datetime(2024, 1, 1, tzinfo=UTC))
    b = _app(library, created_at=datetime(2024, 2, 1, tzinfo=UTC), updated_at=datetime(2024, 2, 1, tzinfo=UTC))
    assert [x.id for x in library.list_applications()] == [b.id, a.id]
    library.update_application(a)
    assert [x.id for x in library.list_applications()] == [a.id, b.id]


def test_application_errors(library: Library) -> None:
    with pytest.raises(NotFoundError, match="no application 7"):
        library.get_application(7)
    with pytest.raises(NotFoundError):
        library.update_application(Application(id=7))
    with pytest.raises(NotFoundError):
        library.delete_application(7)
    with pytest.raises(NotFoundError, match="no master CV 99"):
        library.create_application(Application(master_cv_id=99))
    with pytest.raises(ValueError, match="update_application"):
        library.create_application(Application(id=1))
    with pytest.raises(ValueError, match="create_application"):
        library.update_application(Application())
    assert library.list_applications() == []  # nothing half-written


# --------------------------------------------------------------------------------------------------- artifacts
def test_artifact_versions_increment_per_type(library: Library) -> None:
    app_id = _app(library).id or 0
    violation = Violation(
        type=ViolationType.EMPLOYER, severity=Severity.CRITICAL, text="Globex", start=3, end=9, message="not yours"
    )
    v1 = library.add_artifact_version(app_id, ArtifactType.VPR, {"headline": "one"}, _provenance())
    v2 = library.add_artifact_version(
        app_id,
        ArtifactType.VPR,
        {"headline": "two", "nested": {"ü": [1, 2]}},
        _provenance("anthropic"),
        status=ArtifactStatus.EDITED,
        violations=[violation],
    )
    letter = library.add_artifact_version(app_id, ArtifactType.COVER_LETTER, {"greeting": "Hi"}, _provenance())
    assert (v1.version, v2.version, letter.version) == (1, 2, 1)
    assert v2.status is ArtifactStatus.EDITED
    assert v2.violations == [violation]
    assert v2.content == {"headline": "two", "nested": {"ü": [1, 2]}}
    assert v2.provenance.model_dump(exclude={"created_at"}) == _provenance("anthropic").model_dump(
        exclude={"created_at"}
    )

    versions = library.artifact_versions(app_id, ArtifactType.VPR)
    assert [a.version for a in versions] == [1, 2]
    assert versions[1] == v2

    latest = library.latest_artifacts(app_id)
    assert latest == {ArtifactType.VPR: v2, ArtifactType.COVER_LETTER: letter}
    assert list(latest) == [ArtifactType.VPR, ArtifactType.COVER_LETTER]  # pipeline order
    assert library.latest_artifacts(12345) == {}


def test_latest_artifacts_is_one_query(library: Library, engine: Engine) -> None:
    app_id = _app(library).id or 0
    for t in ArtifactType:
        for _ in range(3):
            library.add_artifact_version(app_id, t, {"t": t.value}, _provenance())
    selects: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        latest = library.latest_artifacts(app_id)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(selects) == 1
    assert {t: a.version for t, a in latest.items()} == dict.fromkeys(ArtifactType, 3)


def test_add_artifact_to_missing_application(library: Library) -> None:
    with pytest.raises(NotFoundError):
        library.add_artifact_version(3, ArtifactType.VPR, {}, _provenance())


def test_delete_application_cascades(library: Library, engine: Engine) -> None:
    keep = _app(library).id or 0
    gone = _app(library).id or 0
    for app_id in (keep, gone):
        library.add_artifact_version(app_id, ArtifactType.VPR, {}, _provenance())
        library.add_artifact_version(app_id, ArtifactType.VPR, {}, _provenance())
    library.delete_application(gone)
    with pytest.raises(NotFoundError):
        library.get_application(gone)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT application_id, COUNT(*) FROM artifact GROUP BY application_id")).all()
    assert [tuple(r) for r in rows] == [(keep, 2)]


# --------------------------------------------------------------------------------------------------- settings
@pytest.mark.parametrize("value", ["dark", 3, 2.5, True, None, [1, "a"], {"w": 800, "h": [1, 2]}])
def test_setting_round_trip(library: Library, value: object) -> None:
    library.set_setting("ui.value", value)  # type: ignore[arg-type]  # parametrised JSON values
    assert library.get_setting("ui.value", default="unset") == value


def test_setting_default_and_overwrite(library: Library) -> None:
    assert library.get_setting("ui.theme") is None
    assert library.get_setting("ui.theme", "light") == "light"
    library.set_setting("ui.theme", "dark")
    library.set_setting("ui.theme", "solarized")
    assert library.get_setting("ui.theme") == "solarized"


@pytest.mark.parametrize(
    "key",
    [
        "anthropic.api_key",
        "ANTHROPIC_API_KEY",
        "apiKey",
        "apikey",
        "auth_token",
        "authToken",
        "refresh-token",
        "client_secret",
        "password",
        "proxy.password",
        "private_key",
    ],
)
def test_secret_setting_keys_refused(library: Library, key: str) -> None:
    assert looks_like_secret(key)
    with pytest.raises(ValueError, match="keychain"):
        library.set_setting(key, "x")
    with pytest.raises(ValueError, match="keychain"):
        library.get_setting(key)


@pytest.mark.parametrize("key", ["generation.max_tokens", "budget.monthly_usd", "ui.keyboard_layout", "provider"])
def test_ordinary_setting_keys_allowed(library: Library, key: str) -> None:
    assert not looks_like_secret(key)
    library.set_setting(key, 1)
    assert library.get_setting(key) == 1


def test_api_key_value_refused(library: Library) -> None:
    with pytest.raises(ValueError, match="keychain"):
        library.set_setting("provider.note", "sk-ant-api03-abcdef")
    assert library.get_setting("provider.note") is None


# --------------------------------------------------------------------------------------------------- file DB
def test_persists_across_reopen(db_path: Path) -> None:
    engine = open_engine(db_path)
    library = Library(engine)
    cv_id = library.save_master_cv(_cv(), name="Main")
    app = _app(library, master_cv_id=cv_id)
    content = _cv().model_dump(mode="json")
    art = library.add_artifact_version(app.id or 0, ArtifactType.TAILORED_CV, content, _provenance())
    library.set_setting("ui.theme", "dark")
    engine.dispose()

    engine = open_engine(db_path)
    try:
        library = Library(engine)
        assert library.primary_master_cv() == (cv_id, _cv())
        assert library.get_application(app.id or 0) == app
        assert library.latest_artifacts(app.id or 0) == {ArtifactType.TAILORED_CV: art}
        assert library.get_setting("ui.theme") == "dark"
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()


def test_usable_from_a_worker_thread(db_path: Path) -> None:
    engine = open_engine(db_path)
    try:
        library = Library(engine)
        app_id = _app(library).id or 0
        errors: list[BaseException] = []

        def work() -> None:
            try:
                library.add_artifact_version(app_id, ArtifactType.VPR, {"from": "worker"}, _provenance())
            except BaseException as exc:  # reported to the main thread below
                errors.append(exc)

        thread = threading.Thread(target=work)
        thread.start()
        thread.join(10)
        assert errors == []
        assert library.latest_artifacts(app_id)[ArtifactType.VPR].content == {"from": "worker"}
    finally:
        engine.dispose()


def test_get_applications_fetches_many_at_once_and_skips_missing(library) -> None:
    from careervp_desktop.domain.models import Application

    a = library.create_application(Application(company="A", title="One", jd_text="x"))
    b = library.create_application(Application(company="B", title="Two", jd_text="y"))
    found = library.get_applications([b.id, a.id, 999_999, a.id])
    assert set(found) == {a.id, b.id}
    assert found[b.id].company == "B"
    assert library.get_applications([]) == {}


def test_provenance_note_survives_saving(library: Library) -> None:
    """Why a version was written offline is kept, so the window can say so (and offer a retry) after a restart."""
    app = _app(library)
    assert app.id is not None
    note = "Offline draft: Claude unavailable — the API did not answer"
    saved = library.add_artifact_version(
        app.id, ArtifactType.VPR, {"x": 1}, _provenance().model_copy(update={"note": note})
    )
    assert saved.provenance.note == note
    assert library.latest_artifacts(app.id)[ArtifactType.VPR].provenance.note == note
    plain = library.add_artifact_version(app.id, ArtifactType.VPR, {"x": 2}, _provenance())
    assert library.get_artifact_version(app.id, ArtifactType.VPR, plain.version).provenance.note is None
