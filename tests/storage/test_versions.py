"""Artifact versions: edit sessions, view, diff, restore; master CV versions; mark as sent."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest

from careervp_desktop.domain.artifact_text import artifact_text, diff_versions
from careervp_desktop.domain.errors import BadInputError, NotFoundError
from careervp_desktop.domain.models import (
    Application,
    ApplicationStatus,
    ArtifactStatus,
    ArtifactType,
    MasterCV,
    Provenance,
    Severity,
    Violation,
    ViolationType,
)
from careervp_desktop.storage import library as library_module
from careervp_desktop.storage.library import Library

LETTER = ArtifactType.COVER_LETTER


def _letter(*paragraphs: str) -> dict[str, object]:
    return {
        "greeting": "Dear team,",
        "paragraphs": list(paragraphs),
        "closing": "Best",
        "text": "\n\n".join(paragraphs),
    }


def _app(library: Library) -> int:
    return library.create_application(Application(company="Acme", title="Engineer")).id or 0


def _generated(library: Library, app_id: int) -> None:
    provenance = Provenance(provider="anthropic", model="claude-x", input_tokens=100, output_tokens=50, cost_usd=0.01)
    library.add_artifact_version(app_id, LETTER, _letter("I build pipelines."), provenance)


def test_edit_session_updates_one_version_in_place(library: Library) -> None:
    app_id = _app(library)
    _generated(library, app_id)
    for n in range(1, 30):  # autosave every second while typing
        art = library.save_artifact_edit(app_id, LETTER, _letter("I build pipelines" + "!" * n), session_id="s1")
    assert art.version == 2
    assert art.status is ArtifactStatus.EDITED
    assert art.provenance.provider == "user"
    assert [a.version for a in library.artifact_versions(app_id, LETTER)] == [1, 2]
    assert library.latest_artifacts(app_id)[LETTER].content == _letter("I build pipelines" + "!" * 29)

    same = library.save_artifact_edit(app_id, LETTER, _letter("I build pipelines" + "!" * 29), session_id="s2")
    assert same.version == 2  # unchanged content: no new version even for a new session
    third = library.save_artifact_edit(app_id, LETTER, _letter("Next session."), session_id="s2")
    assert third.version == 3
    assert library.get_artifact_version(app_id, LETTER, 1).content == _letter("I build pipelines.")


def test_edit_session_records_violations_and_errors(library: Library) -> None:
    app_id = _app(library)
    violation = Violation(type=ViolationType.EMPLOYER, severity=Severity.CRITICAL, text="Globex", message="not yours")
    art = library.save_artifact_edit(app_id, LETTER, _letter("At Globex"), session_id="s", violations=[violation])
    assert (art.version, art.violations) == (1, [violation])
    art = library.save_artifact_edit(app_id, LETTER, _letter("At Acme"), session_id="s")
    assert art.violations == []
    with pytest.raises(NotFoundError):
        library.save_artifact_edit(999, LETTER, _letter("x"), session_id="s")
    with pytest.raises(NotFoundError, match="no cover letter version 7"):
        library.get_artifact_version(app_id, LETTER, 7)
    with pytest.raises(NotFoundError, match="no application 999"):
        library.get_artifact_version(999, LETTER, 1)


def test_restore_creates_a_new_version_and_deletes_nothing(library: Library) -> None:
    app_id = _app(library)
    _generated(library, app_id)
    library.save_artifact_edit(app_id, LETTER, _letter("Edited badly."), session_id="s")
    restored = library.restore_version(app_id, LETTER, 1)
    assert restored.version == 3
    assert restored.content == _letter("I build pipelines.")
    assert restored.provenance.provider == "anthropic"
    assert restored.provenance.cost_usd == 0.0  # restoring costs nothing
    assert [a.version for a in library.artifact_versions(app_id, LETTER)] == [1, 2, 3]
    # a later edit session starts a new version on top of the restored one
    assert library.save_artifact_edit(app_id, LETTER, _letter("Again."), session_id="s").version == 4


def test_diff_versions(library: Library) -> None:
    app_id = _app(library)
    _generated(library, app_id)
    library.save_artifact_edit(app_id, LETTER, _letter("I build pipelines.", "And dashboards."), session_id="s")
    diff = library.diff_versions(app_id, LETTER, 1, 2)
    assert diff[0] == "--- cover_letter v1"
    assert diff[1] == "+++ cover_letter v2"
    assert "+  - And dashboards." in diff
    assert not any(line.startswith("-") and "pipelines" in line for line in diff[2:])
    assert library.diff_versions(app_id, LETTER, 2, 2) == []


def test_artifact_text_is_readable_and_skips_the_derived_letter_text() -> None:
    text = artifact_text(LETTER, _letter("One.", "Two."))
    assert text == "Greeting: Dear team,\nParagraphs:\n  - One.\n  - Two.\nClosing: Best\n"
    cv = MasterCV(full_name="Ada", skills=["SQL"]).model_dump(mode="json")
    assert "Full name: Ada" in artifact_text(ArtifactType.TAILORED_CV, cv)


def test_diff_versions_pure() -> None:
    from careervp_desktop.domain.models import Artifact

    prov = Provenance(provider="user")
    a = Artifact(type=ArtifactType.VPR, version=1, content={"headline": "Old"}, provenance=prov)
    b = Artifact(type=ArtifactType.VPR, version=2, content={"headline": "New"}, provenance=prov)
    assert diff_versions(a, b)[-2:] == ["-Headline: Old", "+Headline: New"]


# --------------------------------------------------------------------------------------------------- master CVs
def test_master_cv_versions(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    cv_id = library.save_master_cv(MasterCV(full_name="Ada"), name="Main")
    assert [v.version for v in library.master_cv_versions(cv_id)] == [1]
    # a session-less autosave burst is one version
    for n in range(5):
        library.update_master_cv(cv_id, MasterCV(full_name="Ada", skills=["SQL"] * (n + 1)))
    assert [v.version for v in library.master_cv_versions(cv_id)] == [1, 2]
    # ... until the burst is over
    monkeypatch.setattr(library_module, "MASTER_CV_COALESCE", timedelta(0))
    assert library.update_master_cv(cv_id, MasterCV(full_name="Ada L.")) == 3
    # sessions: one version per session
    assert library.update_master_cv(cv_id, MasterCV(full_name="Ada 1"), session_id="a") == 4
    assert library.update_master_cv(cv_id, MasterCV(full_name="Ada 2"), session_id="a") == 4
    assert library.update_master_cv(cv_id, MasterCV(full_name="Ada 2"), session_id="b") == 4  # unchanged
    assert library.update_master_cv(cv_id, MasterCV(full_name="Ada 3"), session_id="b") == 5
    assert library.get_master_cv(cv_id).full_name == "Ada 3"
    assert library.get_master_cv_version(cv_id, 1).cv.full_name == "Ada"
    assert library.get_master_cv_version(cv_id, 4).cv.full_name == "Ada 2"
    with pytest.raises(NotFoundError):
        library.get_master_cv_version(cv_id, 9)
    with pytest.raises(NotFoundError):
        library.master_cv_versions(99)


def test_several_master_cvs_one_primary_and_the_original_file(library: Library) -> None:
    a = library.save_master_cv(MasterCV(full_name="A"), name="A", source_filename="a.pdf", source_bytes=b"%PDF-1")
    b = library.save_master_cv(MasterCV(full_name="B"), name="B")
    assert library.primary_master_cv() == (b, MasterCV(full_name="B"))
    library.set_primary_master_cv(a)
    assert library.primary_master_cv() == (a, MasterCV(full_name="A"))
    assert library.master_cv_file(a) == ("a.pdf", b"%PDF-1")
    assert library.master_cv_file(b) is None


# --------------------------------------------------------------------------------------------------- sent
def test_mark_sent_freezes_the_package(library: Library, tmp_path: Path) -> None:
    cv_id = library.save_master_cv(MasterCV(full_name="Ada"), name="Main")
    app_id = library.create_application(Application(company="Acme", master_cv_id=cv_id)).id or 0
    _generated(library, app_id)
    library.add_artifact_version(app_id, ArtifactType.TAILORED_CV, {"full_name": "Ada"}, Provenance(provider="x"))
    library.save_artifact_edit(app_id, LETTER, _letter("Final."), session_id="s")
    pdf = tmp_path / "cover_letter.pdf"
    pdf.write_bytes(b"%PDF letter")

    package = library.mark_sent(app_id, exported_files={"cover_letter.pdf": pdf})

    assert package.letter_version == 2
    assert package.cv_version == 1
    assert (package.master_cv_id, package.master_cv_version) == (cv_id, 1)
    assert [(f.name, f.sha256, f.size) for f in package.files] == [
        ("cover_letter.pdf", hashlib.sha256(b"%PDF letter").hexdigest(), 11)
    ]
    app = library.get_application(app_id)
    assert app.status is ApplicationStatus.SENT
    assert app.applied_at == package.sent_at
    # later edits do not change what was sent
    library.save_artifact_edit(app_id, LETTER, _letter("After sending."), session_id="t")
    assert library.sent_packages(app_id) == [package]

    with pytest.raises(BadInputError, match="Cannot read the exported file"):
        library.mark_sent(app_id, exported_files={"x.pdf": tmp_path / "missing.pdf"})
    assert len(library.sent_packages(app_id)) == 1


def test_marking_a_document_final_keeps_its_words_and_an_edit_makes_it_edited_again(library: Library) -> None:
    app_id = _app(library)
    _generated(library, app_id)
    final = library.set_artifact_status(app_id, LETTER, ArtifactStatus.FINAL)
    assert (final.version, final.status) == (1, ArtifactStatus.FINAL)
    assert library.latest_artifacts(app_id)[LETTER].status == ArtifactStatus.FINAL
    assert library.set_artifact_status(app_id, LETTER, ArtifactStatus.DRAFT).status == ArtifactStatus.DRAFT
    edited = library.save_artifact_edit(app_id, LETTER, _letter("Mine."), session_id="s")
    library.set_artifact_status(app_id, LETTER, ArtifactStatus.FINAL)
    # the same editing session goes on: the final version becomes an edited draft again
    again = library.save_artifact_edit(app_id, LETTER, _letter("Mine, changed."), session_id="s")
    assert (again.version, again.status) == (edited.version, ArtifactStatus.EDITED)
    # taking "final" back from the user's own version leaves it EDITED, not DRAFT
    library.set_artifact_status(app_id, LETTER, ArtifactStatus.FINAL)
    assert library.set_artifact_status(app_id, LETTER, ArtifactStatus.DRAFT).status == ArtifactStatus.EDITED
    with pytest.raises(NotFoundError, match="no application 999"):
        library.set_artifact_status(999, LETTER, ArtifactStatus.FINAL)
    with pytest.raises(NotFoundError, match="generate it first"):
        library.set_artifact_status(app_id, ArtifactType.VPR, ArtifactStatus.FINAL)
