"""Export of a whole application (`workflow.export_package`): the package in a folder, its file names, the
settings, the CV length warning, "mark as sent", and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careervp_desktop.domain.artifacts import content_json
from careervp_desktop.domain.errors import BadInputError, NotFoundError
from careervp_desktop.domain.models import (
    Application,
    ApplicationStatus,
    ArtifactType,
    Provenance,
    Severity,
    Violation,
    ViolationType,
)
from careervp_desktop.workflow import Workspace, export_artifacts, export_package
from tests.conftest import SAMPLES
from tests.export.samples import long_cv, sample_content, sample_cv

pytestmark = pytest.mark.usefixtures("qapp")
ALL_NAMES = [
    "Maya_Lindqvist_CV_Fjordhaven_Energy",
    "Maya_Lindqvist_Cover_Letter_Fjordhaven_Energy",
    "Maya_Lindqvist_VPR_Fjordhaven_Energy",
    "Maya_Lindqvist_Interview_Prep_Fjordhaven_Energy",
    "Maya_Lindqvist_Gap_Questions_Fjordhaven_Energy",
]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.open(tmp_path / "data", in_memory=True)


def _application(ws: Workspace, *types: ArtifactType, company: str = "Fjordhaven Energy") -> int:
    cv_id = ws.library.save_master_cv(sample_cv(), name="Maya")
    jd = (SAMPLES / "sample_jd.txt").read_text(encoding="utf-8")
    app = ws.library.create_application(
        Application(company=company, title="Data Engineer", jd_text=jd, master_cv_id=cv_id)
    )
    assert app.id is not None
    for art_type in types or tuple(ArtifactType):
        content = sample_content(art_type)
        ws.library.add_artifact_version(
            app.id, art_type, content_json(art_type, content), Provenance(provider="offline")
        )
    return app.id


def test_export_all_writes_the_package(ws: Workspace, tmp_path: Path) -> None:
    app_id = _application(ws)
    out = tmp_path / "out" / "nested"
    package = export_package(ws, app_id, out, template="modern", page_size="a4")
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.{ext}" for n in ALL_NAMES for ext in ("docx", "pdf"))
    assert [p.stem for p in package.files][::2] == ALL_NAMES  # the CV and the letter first
    assert package.by_type[ArtifactType.TAILORED_CV] == [out / f"{ALL_NAMES[0]}.docx", out / f"{ALL_NAMES[0]}.pdf"]
    assert (package.template, package.page_size, package.cv_pages, package.warnings) == ("modern", "A4", 1, [])
    assert package.exported_files == {p.name: p for p in package.files}
    assert set(package.files_to_send()) == {f"{n}.{ext}" for n in ALL_NAMES[:2] for ext in ("docx", "pdf")}
    assert package.sent is None
    assert ws.library.get_application(app_id).status != ApplicationStatus.SENT


def test_mark_sent_records_the_cv_and_letter(ws: Workspace, tmp_path: Path) -> None:
    app_id = _application(ws)
    package = export_package(ws, app_id, tmp_path, types=["cv", "letter"], formats=["pdf"], mark_sent=True)
    assert package.sent is not None
    assert sorted(f.name for f in package.sent.files) == sorted(p.name for p in package.files)
    assert ws.library.get_application(app_id).status == ApplicationStatus.SENT
    for types, formats in ((["vpr"], ["pdf"]), (["cv"], ["json"])):
        with pytest.raises(BadInputError, match="Nothing to mark as sent"):
            export_package(ws, app_id, tmp_path / "none", types=types, formats=formats, mark_sent=True)
    assert not (tmp_path / "none").exists()  # refused before anything was written


def test_one_type_and_formats(ws: Workspace, tmp_path: Path) -> None:
    app_id = _application(ws)
    package = export_package(ws, app_id, tmp_path, types=["letter"], formats=["docx", "json"], ascii_names=True)
    assert [p.name for p in package.files] == [
        "Maya_Lindqvist_Cover_Letter_Fjordhaven_Energy.json",
        "Maya_Lindqvist_Cover_Letter_Fjordhaven_Energy.docx",
    ]
    data = json.loads(package.files[0].read_text(encoding="utf-8"))
    assert data["greeting"] == "Dear Hiring Team,"
    assert package.cv_pages is None


def test_type_names_for_generate_and_demo(ws: Workspace, tmp_path: Path) -> None:
    app_id = _application(ws, ArtifactType.VPR, ArtifactType.COVER_LETTER)
    written = export_artifacts(ws, app_id, tmp_path)
    assert sorted(p.name for p in written) == sorted(
        f"{t}.{ext}" for t in ("vpr", "cover_letter") for ext in ("json", "docx", "pdf")
    )


def test_settings_choose_template_and_paper(ws: Workspace, tmp_path: Path) -> None:
    app_id = _application(ws, ArtifactType.TAILORED_CV)
    ws.library.set_setting("export.template", "modern")
    ws.library.set_setting("export.page_size", "Letter")
    package = export_package(ws, app_id, tmp_path / "a")
    assert (package.template, package.page_size) == ("modern", "Letter")
    explicit = export_package(ws, app_id, tmp_path / "b", template="classic", page_size="A4")
    assert (explicit.template, explicit.page_size) == ("classic", "A4")


def test_long_cv_warning_reaches_the_caller(ws: Workspace, tmp_path: Path) -> None:
    app_id = _application(ws, ArtifactType.COVER_LETTER)
    ws.library.add_artifact_version(
        app_id,
        ArtifactType.TAILORED_CV,
        content_json(ArtifactType.TAILORED_CV, long_cv(12)),
        Provenance(provider="user"),
    )
    package = export_package(ws, app_id, tmp_path, formats=["docx"])
    assert package.cv_pages is not None and package.cv_pages >= 3
    assert len(package.warnings) == 1 and "recruiters" in package.warnings[0]


def test_critical_claims_block_unless_allowed(ws: Workspace, tmp_path: Path) -> None:
    app_id = _application(ws, ArtifactType.TAILORED_CV)
    letter = sample_content(ArtifactType.COVER_LETTER)
    claim = Violation(type=ViolationType.EMPLOYER, severity=Severity.CRITICAL, text="Google", message="not in your CV")
    ws.library.add_artifact_version(
        app_id, ArtifactType.COVER_LETTER, content_json(ArtifactType.COVER_LETTER, letter),
        Provenance(provider="offline"), violations=[claim],
    )  # fmt: skip
    with pytest.raises(BadInputError, match="1 critical unsupported claim in the cover letter") as info:
        export_package(ws, app_id, tmp_path / "blocked", allow_critical=False)
    assert not (tmp_path / "blocked").exists()  # nothing written
    assert "--force" in str(info.value)
    assert export_package(ws, app_id, tmp_path / "cv", types=["cv"], allow_critical=False).files
    assert export_package(ws, app_id, tmp_path / "all").files  # allowed by default (the GUI asks first)


def test_errors_are_one_line(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        export_package(ws, 99, tmp_path)
    app_id = _application(ws, ArtifactType.VPR)
    bare = ws.library.create_application(Application(company="Bare", jd_text="Backend engineer, Python"))
    assert bare.id is not None
    problems = [
        (lambda: export_package(ws, bare.id, tmp_path), "has no documents yet"),  # type: ignore[arg-type]
        (lambda: export_package(ws, app_id, tmp_path, types=["letter"]), "has no cover letter yet"),
        (lambda: export_package(ws, app_id, tmp_path, types=["poem"]), "Unknown document type 'poem'"),
        (lambda: export_package(ws, app_id, tmp_path, formats=["odt"]), "choose one or more of docx, pdf"),
        (lambda: export_package(ws, app_id, tmp_path, template="fancy"), "Unknown template"),
        (lambda: export_package(ws, app_id, tmp_path, page_size="A3"), "Unknown page size"),
    ]
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    problems += [
        (lambda: export_package(ws, app_id, blocker), "is a file, not a folder"),
        (lambda: export_package(ws, app_id, blocker / "sub"), "Cannot create the output folder"),
    ]
    for call, message in problems:
        with pytest.raises(BadInputError, match=message) as info:
            call()
        assert "\n" not in str(info.value)
