"""export_artifact: both formats side by side; the package keeps Qt out until a PDF is written."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.export import export_artifact, parse_formats
from tests.export.samples import sample_content, sample_cv, sample_job

EXPORT_DIR = Path(__file__).resolve().parents[2] / "careervp_desktop" / "export"


@pytest.mark.usefixtures("qapp")
def test_writes_both_formats(tmp_path: Path) -> None:
    stem = tmp_path / "out" / "maya.lindqvist_cv_v1.2"  # dots in the stem are kept
    result = export_artifact(
        ArtifactType.TAILORED_CV,
        sample_content(ArtifactType.TAILORED_CV),
        stem,
        cv=sample_cv(),
        job=sample_job(),
    )
    paths = result.paths
    assert [p.name for p in paths] == ["maya.lindqvist_cv_v1.2.docx", "maya.lindqvist_cv_v1.2.pdf"]
    assert docx.Document(str(paths[0])).paragraphs[0].text == "Maya Lindqvist"
    assert pypdf.PdfReader(paths[1]).pages[0].extract_text().startswith("Maya Lindqvist\n")
    assert (result.pages, result.warnings) == (1, ())
    assert result.document.kind == ArtifactType.TAILORED_CV


def test_docx_only_and_unknown_format(tmp_path: Path) -> None:
    content = sample_content(ArtifactType.GAP_QUESTIONS)
    result = export_artifact(ArtifactType.GAP_QUESTIONS, content, tmp_path / "gaps", formats=["DOCX"])
    assert [p.name for p in result.paths] == ["gaps.docx"]
    assert result.pages is None  # not counted: no PDF, not a CV
    with pytest.raises(BadInputError, match="choose one or more of docx, pdf"):
        export_artifact(ArtifactType.GAP_QUESTIONS, content, tmp_path / "gaps", formats=["odt"])
    with pytest.raises(BadInputError, match="Unknown template"):
        export_artifact(ArtifactType.GAP_QUESTIONS, content, tmp_path / "x", template="fancy")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gaps.docx"]  # nothing written for a bad request


def test_parse_formats() -> None:
    assert parse_formats("both") == ("docx", "pdf")
    assert parse_formats([".PDF", "docx", "pdf"]) == ("pdf", "docx")
    with pytest.raises(BadInputError):
        parse_formats([])


def test_importing_export_does_not_load_qt() -> None:
    code = "import sys, careervp_desktop.export; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_only_qtgui_and_qtcore_are_imported() -> None:
    """The PDF writer uses QtGui; the paper default may ask QtCore for the system locale; the self-test's text
    services check asks QtCore's ICU-backed locale services; nothing else uses Qt."""
    allowed = {
        "pdf_writer.py": {"PySide6.QtCore", "PySide6.QtGui"},
        "page.py": {"PySide6.QtCore"},
        "text_services.py": {"PySide6.QtCore"},
    }
    for path in EXPORT_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.startswith("PySide6"):
                    assert name in allowed.get(path.name, set()), (path, name)
