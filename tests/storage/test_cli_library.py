"""The library commands of `careervp`: list/show/search --json, delete, delete-all-data, export/import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careervp_desktop.cli import main
from careervp_desktop.domain.models import Application, ArtifactType, Provenance
from careervp_desktop.workflow import Workspace, data_files


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    ws = Workspace.open(directory)
    app = ws.library.create_application(Application(company="Acme", title="Engineer", jd_text="Kafka and Rust"))
    for n in (1, 2):
        ws.library.add_artifact_version(
            app.id or 0, ArtifactType.VPR, {"headline": f"v{n} Zeppelin"}, Provenance(provider="offline")
        )
    ws.library.engine.dispose()
    return directory


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_list_show_search_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "list", "--json")
    assert code == 0
    [app] = json.loads(out)
    assert app["artifact_versions"] == {"vpr": [1, 2]}

    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "show", "1", "--json")
    shown = json.loads(out)
    assert shown["application"]["company"] == "Acme"
    assert shown["artifacts"]["vpr"]["version"] == 2
    assert shown["artifacts"]["vpr"]["versions"] == [1, 2]
    assert shown["artifacts"]["vpr"]["violations"] == 0

    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "show", "1")
    assert code == 0 and "Value proposition" in out and "[v1, v2]" in out

    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "search", "zeppelin", "--json")
    assert [h["artifact_type"] for h in json.loads(out)] == ["vpr"]
    code, out, err = _run(capsys, "--data-dir", str(data_dir), "search", 'AND( "*')
    assert code == 0 and err == ""


@pytest.mark.parametrize(
    "argv", [["show", "99"], ["show", "x"], ["delete", "99", "--yes"], ["export-application", "7", "a.zip"]]
)
def test_bad_ids_exit_2_with_one_line(data_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = _run(capsys, "--data-dir", str(data_dir), *argv)
    assert code == 2
    assert err.count("\n") == 1


def test_delete_needs_confirmation(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--data-dir", str(data_dir), "delete", "1")  # stdin is not a terminal
    assert code == 2 and "--yes" in err and err.count("\n") == 1
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "delete", "1", "--yes")
    assert code == 0
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "list", "--json")
    assert json.loads(out) == []


def test_export_import_commands(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "backup.zip"
    assert _run(capsys, "--data-dir", str(data_dir), "export-library", str(backup))[0] == 0
    code, _, err = _run(capsys, "--data-dir", str(data_dir), "import-library", str(backup))
    assert code == 2 and "--merge" in err and "--replace" in err and err.count("\n") == 1
    assert _run(capsys, "--data-dir", str(data_dir), "import-library", str(backup), "--replace")[0] == 0
    code, _, err = _run(capsys, "--data-dir", str(data_dir), "import-library", str(backup), "--merge", "--replace")
    assert code == 2

    fresh = tmp_path / "fresh"
    assert _run(capsys, "--data-dir", str(fresh), "import-library", str(backup))[0] == 0
    one = tmp_path / "one.zip"
    assert _run(capsys, "--data-dir", str(data_dir), "export-application", "1", str(one))[0] == 0
    code, out, _ = _run(capsys, "--data-dir", str(fresh), "import-application", str(one), "--merge")
    assert code == 0 and "#2" in out

    broken = tmp_path / "broken.zip"
    broken.write_bytes(backup.read_bytes()[:100])
    code, _, err = _run(capsys, "--data-dir", str(fresh), "import-library", str(broken), "--replace")
    assert code == 2 and "damaged or truncated" in err and err.count("\n") == 1


def test_delete_all_data(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "mine.zip"
    _run(capsys, "--data-dir", str(data_dir), "export-library", str(export))
    (data_dir / "careervp.db.bak-1-20240101-000000").write_bytes(b"old backup")
    assert data_files(data_dir)
    code, _, err = _run(capsys, "--data-dir", str(data_dir), "delete-all-data")
    assert code == 2 and "--yes" in err
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "delete-all-data", "--yes")
    assert code == 0 and "Deleted all CareerVP data" in out
    assert data_files(data_dir) == []
    assert export.exists()  # the user's own exports are never touched
    code, out, _ = _run(capsys, "--data-dir", str(data_dir), "list", "--json")
    assert json.loads(out) == []
