"""Backup and move: export/import round trips, modes, and bad archives rejected with the library untouched."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import Application, ArtifactType, MasterCV, Provenance
from careervp_desktop.domain.records import GapAnswer, UsageRecord
from careervp_desktop.storage import archive
from careervp_desktop.storage.archive import (
    ImportMode,
    export_application,
    export_library,
    import_application,
    import_library,
)
from careervp_desktop.storage.database import open_engine
from careervp_desktop.storage.library import Library


def _fill(library: Library) -> int:
    cv = library.save_master_cv(MasterCV(full_name="Ada"), name="Main", source_filename="ada.pdf", source_bytes=b"%PDF")
    library.update_master_cv(cv, MasterCV(full_name="Ada L."), session_id="s")
    app = library.create_application(Application(company="Acme", title="Engineer", jd_text="Kafka", master_cv_id=cv))
    app_id = app.id or 0
    library.add_artifact_version(app_id, ArtifactType.VPR, {"headline": "Zeppelin"}, Provenance(provider="offline"))
    library.save_artifact_edit(app_id, ArtifactType.VPR, {"headline": "Airship"}, session_id="e")
    library.save_gap_answer(app_id, GapAnswer(question_id="q1", question="Kafka?", answer="Yes"))
    library.record_usage(UsageRecord(application_id=app_id, provider="anthropic", input_tokens=5, cost_usd=0.1))
    library.set_setting("ui.theme", "dark")
    return app_id


def _snapshot(library: Library) -> dict[str, object]:
    apps = library.list_applications()
    return {
        "apps": [a.model_dump(exclude={"id", "master_cv_id"}) for a in apps],
        "artifacts": [
            [(x.version, x.content) for x in library.artifact_versions(a.id or 0, ArtifactType.VPR)] for a in apps
        ],
        "answers": [[g.answer for g in library.gap_answers(a.id or 0)] for a in apps],
        "cvs": [
            [v.cv for v in library.master_cv_versions(cv_id)] + [library.master_cv_file(cv_id)]
            for cv_id, _ in library.list_master_cvs()
        ],
        "facts": [f.answer for f in library.knowledge_facts()],
        "usage": library.usage_totals().model_dump(),
        "theme": library.get_setting("ui.theme"),
    }


@pytest.fixture
def other() -> Library:
    return Library(open_engine(None))


def test_library_round_trip(library: Library, other: Library, tmp_path: Path) -> None:
    _fill(library)
    path = export_library(library, tmp_path / "backup.zip")
    report = import_library(other, path)  # an empty library needs no mode
    assert (report.applications, report.master_cvs, report.artifact_versions) == (1, 1, 2)
    assert _snapshot(other) == _snapshot(library)
    assert other.list_applications() == library.list_applications()  # ids kept
    assert [h.artifact_type for h in other.search("airship")] == [ArtifactType.VPR]
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert set(manifest["files"]) == {"library.json", "cv_files/1/ada.pdf"}
        assert manifest["schema_version"] >= 2


def test_non_empty_library_needs_a_mode(library: Library, other: Library, tmp_path: Path) -> None:
    _fill(library)
    path = export_library(library, tmp_path / "backup.zip")
    other.create_application(Application(company="Mine"))
    with pytest.raises(BadInputError, match=r"--merge .* or --replace"):
        import_library(other, path)
    assert [a.company for a in other.list_applications()] == ["Mine"]

    merged = import_library(other, path, mode=ImportMode.MERGE)
    assert merged.applications == 1
    assert sorted(a.company for a in other.list_applications()) == ["Acme", "Mine"]
    again = import_library(other, path, mode=ImportMode.MERGE)  # merging twice adds nothing
    assert (again.applications, again.skipped_applications) == (0, 1)
    assert other.usage_totals().calls == 1

    import_library(other, path, mode=ImportMode.REPLACE)
    assert _snapshot(other) == _snapshot(library)


def test_application_round_trip(library: Library, other: Library, tmp_path: Path) -> None:
    app_id = _fill(library)
    path = export_application(library, app_id, tmp_path / "app.zip")
    first = import_application(other, path)
    assert first.applications == 1 and first.master_cvs == 1
    [new_id] = first.application_ids
    assert [a.content for a in other.artifact_versions(new_id, ArtifactType.VPR)] == [
        {"headline": "Zeppelin"},
        {"headline": "Airship"},
    ]
    with pytest.raises(BadInputError, match=r"already in your library .*--replace"):
        import_application(other, path)
    copy = import_application(other, path, mode=ImportMode.MERGE)
    assert copy.master_cvs == 0  # the same master CV is reused
    assert len(other.list_applications()) == 2
    import_application(other, path, mode=ImportMode.REPLACE)
    assert len(other.list_applications()) == 2
    with pytest.raises(BadInputError, match="import-library"):
        import_application(other, export_library(library, tmp_path / "lib.zip"))
    with pytest.raises(BadInputError, match="import-application"):
        import_library(other, path, mode=ImportMode.MERGE)


# --------------------------------------------------------------------------------------------------- bad archives
def _rewrite(
    source: Path, target: Path, change: dict[str, bytes | None], extra: dict[str, bytes] | None = None
) -> None:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in change:
                replacement = change[info.filename]
                if replacement is not None:
                    zout.writestr(info.filename, replacement)
            else:
                zout.writestr(info.filename, zin.read(info.filename))
        for name, content in (extra or {}).items():
            zout.writestr(name, content)


def _bad_archives(good: Path, tmp: Path) -> dict[str, Path]:
    raw = good.read_bytes()
    with zipfile.ZipFile(good) as zf:
        data = zf.read("library.json")
        manifest = json.loads(zf.read("manifest.json"))
    cases: dict[str, Path] = {}

    def case(name: str) -> Path:
        cases[name] = tmp / f"{name}.zip"
        return cases[name]

    case("truncated").write_bytes(raw[: len(raw) // 2])
    case("not_a_zip").write_bytes(b"hello world" * 10)
    case("empty").write_bytes(b"")
    flipped = bytearray(raw)
    flipped[40] ^= 0xFF  # inside the first member's compressed data
    case("corrupt").write_bytes(bytes(flipped))
    _rewrite(good, case("tampered"), {"library.json": data.replace(b"Acme", b"Evil")})
    _rewrite(good, case("missing_member"), {"cv_files/1/ada.pdf": None})
    _rewrite(good, case("unlisted_member"), {}, {"extra.txt": b"x"})
    _rewrite(good, case("zip_slip"), {}, {"../../evil.sh": b"rm -rf"})
    _rewrite(good, case("no_manifest"), {"manifest.json": None})
    bomb = b"\0" * (50 * 1024 * 1024)
    manifest_bomb = dict(manifest)
    manifest_bomb["files"] = dict(manifest["files"]) | {"bomb.bin": {"sha256": "0" * 64, "size": len(bomb)}}
    _rewrite(good, case("zip_bomb"), {"manifest.json": json.dumps(manifest_bomb).encode()}, {"bomb.bin": bomb})
    bad_record = data.replace(b'"status": "draft"', b'"status": {"no": 1}')
    manifest_bad = json.loads(json.dumps(manifest))
    import hashlib

    manifest_bad["files"]["library.json"] = {"sha256": hashlib.sha256(bad_record).hexdigest(), "size": len(bad_record)}
    _rewrite(
        good, case("invalid_record"), {"library.json": bad_record, "manifest.json": json.dumps(manifest_bad).encode()}
    )
    newer = dict(manifest, schema_version=999)
    _rewrite(good, case("newer"), {"manifest.json": json.dumps(newer).encode()})
    return cases


def test_bad_archives_are_rejected_and_the_library_is_untouched(
    library: Library, other: Library, tmp_path: Path, engine: Engine
) -> None:
    _fill(library)
    good = export_library(library, tmp_path / "good.zip")
    other.create_application(Application(company="Mine"))
    before = _snapshot(other)
    for name, path in _bad_archives(good, tmp_path).items():
        for mode in (None, ImportMode.MERGE, ImportMode.REPLACE):
            with pytest.raises(BadInputError) as caught:
                import_library(other, path, mode=mode)
            message = str(caught.value)
            assert "\n" not in message, name
            assert _snapshot(other) == before, name
    # a valid archive still imports afterwards
    import_library(other, good, mode=ImportMode.REPLACE)


def test_a_failure_half_way_through_an_import_rolls_everything_back(
    library: Library, other: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(library)
    good = export_library(library, tmp_path / "good.zip")
    other.create_application(Application(company="Mine"))
    before = _snapshot(other)

    def broken(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(archive, "_add_cv_file", broken)
    with pytest.raises(RuntimeError):
        import_library(other, good, mode=ImportMode.REPLACE)
    assert _snapshot(other) == before


def test_export_is_atomic(library: Library, tmp_path: Path) -> None:
    _fill(library)
    target = tmp_path / "out.zip"
    target.write_bytes(b"previous backup")
    export_library(library, target)
    assert zipfile.is_zipfile(target)
    assert [p.name for p in tmp_path.iterdir()] == ["out.zip"]  # no temp file left behind
