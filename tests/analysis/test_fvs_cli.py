"""`careervp fvs`: inputs (CV file or CV JSON; .txt/.md/.docx text or tailored CV JSON), output and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from careervp_desktop.cli import main
from tests.analysis.samples import sample_cv
from tests.conftest import SAMPLES

LETTER = (
    "Dear Acme team,\n\n"
    "I am applying for the Staff Engineer role at Acme. As a Senior Backend Engineer at Nordlane Logistics since "
    "March 2021, I rebuilt the shipment-tracking pipeline on Kafka and PostgreSQL.\n\n"
    "Kind regards,\nMaya Lindqvist\n"
)
FABRICATED = LETTER.replace("at Nordlane Logistics since", "at Spotify since")


@pytest.fixture
def cv_json(tmp_path: Path) -> Path:
    path = tmp_path / "cv.json"
    path.write_text(json.dumps(sample_cv().to_parse_json()), encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["fvs", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_faithful_letter_exits_0_with_no_violations(
    tmp_path: Path, cv_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _write(tmp_path, "letter.txt", LETTER)
    code, out, _ = _run(capsys, "--cv", str(cv_json), "--doc", str(doc), "--target-company", "Acme", "--json")
    assert code == 0
    assert json.loads(out) == {"violations": []}


def test_fabricated_employer_exits_3_and_offsets_index_the_file(
    tmp_path: Path, cv_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = FABRICATED.replace("\n", "\r\n")  # offsets index the file as given, CRLF included
    doc = _write(tmp_path, "letter.md", text)
    code, out, _ = _run(capsys, "--cv", str(cv_json), "--doc", str(doc), "--target-company", "Acme", "--json")
    assert code == 3
    (v,) = json.loads(out)["violations"]
    assert set(v) == {"type", "severity", "text", "start", "end", "message", "source"}
    assert (v["type"], v["severity"], v["text"]) == ("employer", "critical", "Spotify")
    assert text[v["start"] : v["end"]] == "Spotify"
    assert "Nordlane" in v["source"]


def test_warnings_only_exit_0(tmp_path: Path, cv_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _write(tmp_path, "letter.txt", LETTER.replace("PostgreSQL.", "PostgreSQL and Elixir."))
    code, out, _ = _run(capsys, "--cv", str(cv_json), "--doc", str(doc), "--json")
    assert code == 0
    (v,) = json.loads(out)["violations"]
    assert (v["type"], v["severity"], v["text"]) == ("skill", "warning", "Elixir")


def test_docx_document(tmp_path: Path, cv_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    document = docx.Document()
    for para in FABRICATED.split("\n"):
        document.add_paragraph(para)
    path = tmp_path / "letter.docx"
    document.save(str(path))
    code, out, _ = _run(capsys, "--cv", str(cv_json), "--doc", str(path), "--target-company", "Acme", "--json")
    assert code == 3
    (v,) = json.loads(out)["violations"]
    assert FABRICATED.rstrip("\n")[v["start"] : v["end"]] == "Spotify"


def test_tailored_cv_json_reports_field_text_without_offsets(
    tmp_path: Path, cv_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = sample_cv().to_parse_json()
    doc["experience"][0]["role"] = "Principal Backend Engineer"  # type: ignore[index]
    path = _write(tmp_path, "tailored.json", json.dumps(doc))
    code, out, _ = _run(capsys, "--cv", str(cv_json), "--doc", str(path), "--kind", "tailored_cv", "--json")
    assert code == 3
    (v,) = json.loads(out)["violations"]
    assert (v["type"], v["text"], v["start"], v["end"]) == ("title", "Principal Backend Engineer", None, None)


def test_unchanged_tailored_cv_from_a_cv_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """CV given as a file (parsed), document = that parse's JSON: nothing to report."""
    cv_file = SAMPLES / "sample_cv.md"
    assert main(["parse", str(cv_file), "--json"]) == 0
    parsed = capsys.readouterr().out
    path = _write(tmp_path, "tailored.json", parsed)
    code, out, _ = _run(capsys, "--cv", str(cv_file), "--doc", str(path), "--json")
    assert (code, json.loads(out)) == (0, {"violations": []})


def test_readable_output(tmp_path: Path, cv_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _write(tmp_path, "letter.txt", FABRICATED)
    code, out, _ = _run(capsys, "--cv", str(cv_json), "--doc", str(doc), "--target-company", "Acme")
    assert code == 3
    assert "critical" in out and "“Spotify”" in out and "your CV: " in out
    doc.write_text(LETTER, encoding="utf-8")
    assert _run(capsys, "--cv", str(cv_json), "--doc", str(doc), "--target-company", "Acme")[:2] == (
        0,
        "No unsupported facts found.\n",
    )


@pytest.mark.parametrize(
    ("cv_name", "cv_text", "doc_name", "doc_text"),
    [
        ("cv.json", "[1, 2]", "letter.txt", LETTER),  # JSON that is not a CV
        ("cv.json", "{not json", "letter.txt", LETTER),
        (None, None, "letter.pdf", "%PDF-1.4"),  # unsupported document type
        (None, None, "tailored.json", '{"greeting": "hi"}'),  # JSON that is not a tailored CV
        (None, None, "letter.txt", None),  # missing document
        (None, None, "latin1.txt", None),  # not UTF-8
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path,
    cv_json: Path,
    capsys: pytest.CaptureFixture[str],
    cv_name: str | None,
    cv_text: str | None,
    doc_name: str,
    doc_text: str | None,
) -> None:
    cv = _write(tmp_path, cv_name, cv_text) if cv_name and cv_text is not None else cv_json
    doc = tmp_path / doc_name
    if doc_text is not None:
        doc.write_text(doc_text, encoding="utf-8")
    elif doc_name == "latin1.txt":
        doc.write_bytes("Caf\xe9 cr\xe8me".encode("latin-1"))
    code, out, err = _run(capsys, "--cv", str(cv), "--doc", str(doc), "--json")
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("careervp: ")


def test_real_process_exit_code_3(tmp_path: Path, cv_json: Path) -> None:
    doc = _write(tmp_path, "letter.txt", FABRICATED)
    proc = subprocess.run(
        [sys.executable, "-m", "careervp_desktop", "fvs", "--cv", str(cv_json), "--doc", str(doc), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert proc.returncode == 3, proc.stderr
    assert [v["text"] for v in json.loads(proc.stdout)["violations"]] == ["Spotify"]
