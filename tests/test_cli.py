"""The `careervp` command contract: exit codes, one-line errors, the demo and generate outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from careervp_desktop.cli import main

ARTIFACTS = ("gap_questions", "vpr", "tailored_cv", "cover_letter", "interview_prep")


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, as a user runs it."""
    env = env if env is not None else {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "careervp_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *, code: int = 2) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert proc.stdout == ""
    return lines[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.pdf", b""),
        ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
    ],
)
def test_parse_bad_files_exit_2_with_one_line(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    line = assert_one_line_error(run_cli("parse", str(path), "--json"))
    assert name in line or "empty" in line.lower() or "not a pdf" in line.lower()


def test_parse_missing_path(tmp_path: Path) -> None:
    line = assert_one_line_error(run_cli("parse", str(tmp_path / "nope.pdf")))
    assert "does not exist" in line


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland detection is Linux-only")
def test_gui_without_a_display_says_so_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    line = assert_one_line_error(run_cli("--data-dir", str(tmp_path), "gui", env=env))
    assert "No display found" in line


def test_usage_error_is_one_line() -> None:
    line = assert_one_line_error(run_cli("generate", "--cv"))
    assert "--help" in line


def test_internal_error_is_one_line_with_log_path(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import careervp_desktop.cli as cli

    def boom(args: object) -> int:
        raise RuntimeError("secret CV text must not reach the terminal")

    monkeypatch.setattr(cli, "cmd_list", boom)
    code = main(["--data-dir", str(tmp_path), "list"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "RuntimeError" in err and "secret" not in err
    log_file = tmp_path / "logs" / "careervp.log"
    assert str(log_file) in err
    assert "Traceback" in log_file.read_text()


def test_parse_json_shape(capsys: pytest.CaptureFixture[str], sample_cv_path: Path) -> None:
    assert main(["parse", str(sample_cv_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {
        "full_name", "contact_info", "professional_summary", "experience", "education",
        "skills", "certifications", "languages", "language",
    }  # fmt: skip
    assert set(data["contact_info"]) == {"email", "phone", "location", "linkedin", "website"}
    assert data["full_name"] == "Maya Lindqvist"
    assert data["contact_info"]["email"] == "maya.lindqvist@example.com"
    companies = [e["company"] for e in data["experience"]]
    assert companies == ["Nordlane Logistics", "Kassa Payments AB", "Brightfield Consulting"]
    first = data["experience"][0]
    assert (first["role"], first["start_date"], first["end_date"]) == (
        "Senior Backend Engineer",
        "2021-03",
        "present",
    )
    assert "Kafka" in data["skills"] and "PostgreSQL" in data["skills"]


def test_demo_writes_every_artifact_in_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader

    out = tmp_path / "demo"
    proc = run_cli("--data-dir", str(tmp_path / "data"), "demo", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Match score" in proc.stdout
    for name in ARTIFACTS:
        for ext in ("json", "docx", "pdf"):
            assert (out / f"{name}.{ext}").stat().st_size > 0, f"{name}.{ext}"
    pdf_text = PdfReader(out / "tailored_cv.pdf").pages[0].extract_text()
    assert "Maya Lindqvist" in pdf_text  # a real space, not the TAB Qt's PDF writer tends to emit
    letter = json.loads((out / "cover_letter.json").read_text())
    assert "Fjordhaven" in letter["text"] and letter["paragraphs"]
    tailored = json.loads((out / "tailored_cv.json").read_text())
    assert tailored["full_name"] == "Maya Lindqvist"
    assert {e["company"] for e in tailored["experience"]} <= {
        "Nordlane Logistics", "Kassa Payments AB", "Brightfield Consulting",
    }  # fmt: skip
    assert json.loads((out / "gap_questions.json").read_text())["questions"]
    assert json.loads((out / "interview_prep.json").read_text())["questions"]
    assert json.loads((out / "vpr.json").read_text())["evidence_matrix"]
    summary = json.loads((out / "summary.json").read_text())
    assert 0 <= summary["match_score"] <= 100
    assert {a["provider"] for a in summary["artifacts"].values()} == {"offline"}
    # the demo never touches the user's library
    assert main(["--data-dir", str(tmp_path / "data"), "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_generate_saves_the_application(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample_cv_path: Path, sample_jd_path: Path
) -> None:
    data = tmp_path / "data"
    out = tmp_path / "out"
    args = ["--data-dir", str(data), "generate", "--cv", str(sample_cv_path), "--jd", str(sample_jd_path)]
    assert main([*args, "--out", str(out), "--company", "Fjordhaven Energy"]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["company"] == "Fjordhaven Energy"
    assert set(summary["artifacts"]) == set(ARTIFACTS)
    for name, art in summary["artifacts"].items():
        assert art["files"] == [f"{name}.docx", f"{name}.json", f"{name}.pdf"]
        assert [v for v in art["violations"] if v["severity"] == "critical"] == []
    capsys.readouterr()
    assert main(["--data-dir", str(data), "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(a["company"], a["status"]) for a in listed] == [("Fjordhaven Energy", "generated")]


# --------------------------------------------------------------------------------------------------- export
def _library_with_documents(data: Path, *, long_cv: bool = False) -> int:
    """A library in `data` with one application and all five documents (hand-built, no generation)."""
    from careervp_desktop.domain.artifacts import content_json
    from careervp_desktop.domain.models import Application, ArtifactType, Provenance
    from careervp_desktop.workflow import Workspace
    from tests.export import samples

    ws = Workspace.open(data)
    try:
        cv_id = ws.library.save_master_cv(samples.sample_cv(), name="Maya")
        app = ws.library.create_application(
            Application(
                company="Fjordhaven Energy", title="Data Engineer", jd_text="Python engineer", master_cv_id=cv_id
            )
        )
        assert app.id is not None
        for art_type in ArtifactType:
            content = samples.long_cv(12) if long_cv and art_type == ArtifactType.TAILORED_CV else None
            content = content or samples.sample_content(art_type)
            ws.library.add_artifact_version(
                app.id, art_type, content_json(art_type, content), Provenance(provider="user")
            )
        return app.id
    finally:
        ws.library.engine.dispose()


def test_export_writes_named_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    app_id = _library_with_documents(data)
    base = ["--data-dir", str(data), "export", "--application", str(app_id), "--out", str(out)]
    assert main([*base, "--type", "cv", "--format", "pdf", "--template", "modern", "--page-size", "letter"]) == 0
    printed = capsys.readouterr()
    assert [p.name for p in out.iterdir()] == ["Maya_Lindqvist_CV_Fjordhaven_Energy.pdf"]
    assert printed.out.splitlines()[-1] == f"Exported 1 file to {out} (modern template, Letter)."
    assert printed.err == ""
    assert main([*base, "--format", "DOCX", "--json", "--mark-sent"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [Path(p).name for p in report["files"]][:2] == [
        "Maya_Lindqvist_CV_Fjordhaven_Energy.docx",
        "Maya_Lindqvist_Cover_Letter_Fjordhaven_Energy.docx",
    ]
    assert len(report["files"]) == 5 and report["sent"] is True and report["cv_pages"] == 1
    assert main(["--data-dir", str(data), "list", "--json"]) == 0
    assert [a["status"] for a in json.loads(capsys.readouterr().out)] == ["sent"]


def test_export_warns_about_a_long_cv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    app_id = _library_with_documents(data, long_cv=True)
    args = ["--data-dir", str(data), "export", "--application", str(app_id), "--type", "cv", "--format", "docx"]
    assert main([*args, "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("careervp: warning: The CV runs to ")


def test_export_bad_input_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    app_id = _library_with_documents(data)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    base = ["--data-dir", str(data), "export", "--application"]
    cases = [
        ([*base, "99", "--out", str(tmp_path / "x")], "no application 99"),
        ([*base, str(app_id), "--out", str(blocker)], "is a file, not a folder"),
        ([*base, str(app_id), "--out", str(blocker / "sub")], "Cannot create the output folder"),
    ]
    for argv, message in cases:
        assert main(argv) == 2
        printed = capsys.readouterr()
        assert printed.out == "" and message in printed.err and len(printed.err.strip().splitlines()) == 1
        assert "Traceback" not in printed.err


def test_export_usage_errors_in_a_real_process(tmp_path: Path) -> None:
    line = assert_one_line_error(run_cli("--data-dir", str(tmp_path / "data"), "export", "--application", "1"))
    assert "--out" in line
    line = assert_one_line_error(
        run_cli("--data-dir", str(tmp_path / "data"), "export", "--application", "1", "--type", "poem", "--out", "x")
    )
    assert "invalid choice: 'poem'" in line
    line = assert_one_line_error(
        run_cli("--data-dir", str(tmp_path / "data"), "export", "--application", "1", "--out", str(tmp_path / "o"))
    )
    assert "no application 1" in line


# --------------------------------------------------------------------------------------------------- preferences
def _pdf_paper(path: Path) -> str:
    from pypdf import PdfReader

    height = float(PdfReader(path).pages[0].mediabox.height)
    return "Letter" if round(height) == 792 else "A4" if round(height) == 842 else f"{height}pt"


def test_generate_and_export_use_the_paper_of_settings_unless_the_command_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample_cv_path: Path, sample_jd_path: Path
) -> None:
    from careervp_desktop.storage.preferences import Preferences, save_preferences

    save_preferences(Preferences(page_size="Letter"))  # Settings ▸ General, in $CAREERVP_CONFIG_DIR
    data = tmp_path / "data"
    gen = ["--data-dir", str(data), "generate", "--cv", str(sample_cv_path), "--jd", str(sample_jd_path)]
    assert main([*gen, "--out", str(tmp_path / "g1")]) == 0
    assert _pdf_paper(tmp_path / "g1" / "tailored_cv.pdf") == "Letter"
    assert main([*gen, "--out", str(tmp_path / "g2"), "--page-size", "a4"]) == 0
    assert _pdf_paper(tmp_path / "g2" / "tailored_cv.pdf") == "A4"

    base = ["--data-dir", str(data), "export", "--application", "1", "--type", "cv", "--format", "pdf"]
    capsys.readouterr()
    assert main([*base, "--out", str(tmp_path / "e1")]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("(classic template, Letter).")
    assert [_pdf_paper(p) for p in (tmp_path / "e1").iterdir()] == ["Letter"]
    assert main([*base, "--out", str(tmp_path / "e2"), "--page-size", "a4"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("(classic template, A4).")
    assert [_pdf_paper(p) for p in (tmp_path / "e2").iterdir()] == ["A4"]


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00garbage", b"no section header\n", b"[general]\noffline_only = maybe\npage_size = A3\n[general]\n"],
)
def test_a_corrupt_preferences_file_is_the_defaults_never_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample_cv_path: Path, sample_jd_path: Path, content: bytes
) -> None:
    from careervp_desktop.export import default_page_size
    from careervp_desktop.storage.preferences import preferences_path

    path = preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    data, out = tmp_path / "data", tmp_path / "out"
    gen = ["--data-dir", str(data), "generate", "--cv", str(sample_cv_path), "--jd", str(sample_jd_path)]
    proc = run_cli(*gen, "--out", str(out))
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert _pdf_paper(out / "tailored_cv.pdf") == default_page_size()
    proc = run_cli("--data-dir", str(data), "export", "--application", "1", "--type", "cv", "--out", str(out / "x"))
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    # Not offline-only: Claude is asked for, and with no key (no keychain in tests) that is the usual one-line error.
    assert main([*gen, "--out", str(tmp_path / "o2"), "--provider", "anthropic"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("careervp: No Anthropic API key is set:")


@pytest.mark.parametrize("command", [["list"], ["gui", "--exit-after-show"]], ids=["cli", "gui"])
def test_a_bad_preferences_file_is_one_line_in_the_log_not_on_stderr(tmp_path: Path, command: list[str]) -> None:
    """The preferences are read to find the data folder, i.e. before logging is set up: the warning waits for the
    log file instead of going bare to stderr, is written once (the file is read several times at start), and names
    neither the folder nor the value."""
    from careervp_desktop.logs import log_file
    from careervp_desktop.storage.preferences import preferences_path

    data = tmp_path / "data"
    path = preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[general]\noffline_only = maybe-not\ndata_dir = {data}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CAREERVP_DATA_DIR"}  # the folder comes from the file
    proc = run_cli(*command, env={**env, "QT_QPA_PLATFORM": "offscreen"})
    offscreen = "This plugin does not support"  # the offscreen platform's own notices (see docs/gotchas.md)
    assert proc.returncode == 0, proc.stderr
    assert [line for line in proc.stderr.splitlines() if offscreen not in line] == []
    lines = [line for line in log_file(data).read_text(encoding="utf-8").splitlines() if "references" in line]
    assert len(lines) == 1, lines
    assert "WARNING" in lines[0] and "preferences.ini: offline_only is not true or false" in lines[0]
    assert "defaults" in lines[0] and "left as it is" in lines[0]
    assert str(tmp_path) not in lines[0] and "maybe-not" not in lines[0]
    assert path.read_text(encoding="utf-8").startswith("[general]\noffline_only = maybe-not")  # kept for the user
