"""`careervp --selftest`: passes on a healthy install, and each broken piece makes it fail with one line."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from careervp_desktop import cli
from careervp_desktop.selftest import SELFTEST_OK, SelftestError, run_selftest, verify_exports

if TYPE_CHECKING:
    from careervp_desktop.workflow import GenerationOutcome, Workspace


def test_selftest_passes_and_names_its_steps(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--selftest"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(SELFTEST_OK)
    assert "from source" in out
    assert "schema migrations ran" in out
    assert "10 DOCX/PDF files read back, each names Maya Lindqvist" in out


def test_selftest_uses_a_temporary_folder_and_leaves_the_library_alone(tmp_path: Path) -> None:
    root = tmp_path / "scratch"
    report = run_selftest(cli._run_demo, root=root)
    assert (root / "data" / "careervp.db").is_file()
    assert {p.suffix for p in report.files_checked} == {".docx", ".pdf"}
    assert all(p.is_relative_to(root / "out") for p in report.files_checked)


def test_a_missing_format_fails_with_one_line_and_exit_4(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_demo = cli._run_demo

    def demo_without_pdf(ws: Workspace, out_dir: Path) -> tuple[GenerationOutcome, list[Path]]:
        outcome, written = real_demo(ws, out_dir)
        return outcome, [p for p in written if p.suffix != ".pdf"]

    monkeypatch.setattr(cli, "_run_demo", demo_without_pdf)
    assert cli.main(["--selftest"]) == 4
    err = capsys.readouterr().err
    assert err == "careervp: the export wrote no PDF file.\n"


def _docx(path: Path, text: str) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def test_verify_exports_reads_the_text_of_each_file(tmp_path: Path) -> None:
    good = _docx(tmp_path / "good.docx", "Maya Lindqvist, engineer")
    other = _docx(tmp_path / "other.docx", "Somebody Else")
    fake_pdf = tmp_path / "cv.pdf"
    fake_pdf.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(SelftestError, match=r"other\.docx does not contain 'Maya Lindqvist'"):
        verify_exports([good, other, fake_pdf], "Maya Lindqvist")
    with pytest.raises(SelftestError, match=r"cv\.pdf is not a PDF"):
        verify_exports([good, fake_pdf], "Maya Lindqvist")


def test_a_broken_docx_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "cv.docx"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("nothing.txt", "no word document here")
    with pytest.raises(SelftestError, match=r"cv\.docx is not a readable Word document"):
        verify_exports([broken, tmp_path / "x.pdf"], "Maya")


def test_a_pdf_without_the_name_in_its_text_fails(tmp_path: Path) -> None:
    """A PDF written without fonts has no text layer: the read-back in a child process must notice."""
    run_selftest(cli._run_demo, root=tmp_path / "first")
    pdf = next((tmp_path / "first" / "out").glob("*.pdf"))
    docx_file = _docx(tmp_path / "ok.docx", "Someone Else")
    with pytest.raises(SelftestError, match=r"does not contain 'Someone Else'"):
        verify_exports([docx_file, pdf], "Someone Else")
