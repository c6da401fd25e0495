"""Every document, both templates, both formats: what pypdf, pdftotext and python-docx read back is exactly the
document's text (words, punctuation and order; only line breaks and runs of spaces may differ)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from careervp_desktop.domain.models import ArtifactType, MasterCV
from careervp_desktop.export import ExportResult, export_artifact
from careervp_desktop.export.templates import TEMPLATES
from tests.export.extract import (
    PDFTOTEXT,
    docx_text,
    expected_text,
    normalise,
    pdftotext,
    pypdf_pages,
    without_footers,
)
from tests.export.samples import hebrew_cv, ligature_cv, sample_content, sample_cv, sample_job

pytestmark = pytest.mark.usefixtures("qapp")

SOFFICE = shutil.which("soffice")
HEBREW_WORD = re.compile(r"[\u0590-\u05ff]+")
LATIN_WORD = re.compile(r"[A-Za-z]+")
NUMBER = re.compile(r"[0-9]+")
CASES = [(template, kind) for template in TEMPLATES for kind in ArtifactType]


@dataclass(frozen=True)
class Exported:
    result: ExportResult

    @property
    def docx(self) -> Path:
        return self.result.paths[0]

    @property
    def pdf(self) -> Path:
        return self.result.paths[1]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> dict[tuple[str, str], Exported]:
    """Each case written once for the whole module (PDF rendering is the slow part)."""
    folder = tmp_path_factory.mktemp("roundtrip")
    out: dict[tuple[str, str], Exported] = {}
    for template, kind in CASES:
        result = export_artifact(
            kind, sample_content(kind), folder / f"{template}_{kind.value}", cv=sample_cv(), job=sample_job(),
            template=template,
        )  # fmt: skip
        out[(template, kind.value)] = Exported(result)
    for template in TEMPLATES:
        hebrew: MasterCV = hebrew_cv()
        result = export_artifact(
            ArtifactType.TAILORED_CV, hebrew, folder / f"{template}_he", cv=hebrew, template=template
        )
        out[(template, "hebrew")] = Exported(result)
    ligatures = export_artifact(ArtifactType.TAILORED_CV, ligature_cv(), folder / "ligatures", cv=sample_cv())
    out[("classic", "ligatures")] = Exported(ligatures)
    return out


def _ids(case: tuple[str, ArtifactType]) -> str:
    return f"{case[0]}-{case[1].value}"


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_pypdf_reads_every_pdf_exactly(
    exported: dict[tuple[str, str], Exported], case: tuple[str, ArtifactType]
) -> None:
    one = exported[(case[0], case[1].value)]
    pages = pypdf_pages(one.pdf)
    assert len(pages) == one.result.pages
    text = without_footers("\n".join(pages), one.result.document, len(pages))
    assert "\t" not in text
    assert normalise(text) == expected_text(one.result.document, "pdf")


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_pdftotext_reads_every_pdf_exactly(
    exported: dict[tuple[str, str], Exported], case: tuple[str, ArtifactType]
) -> None:
    one = exported[(case[0], case[1].value)]
    text = without_footers(pdftotext(one.pdf), one.result.document, one.result.pages or 1)
    assert normalise(text) == expected_text(one.result.document, "pdf")


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_python_docx_reads_every_docx_exactly(
    exported: dict[tuple[str, str], Exported], case: tuple[str, ArtifactType]
) -> None:
    one = exported[(case[0], case[1].value)]
    assert normalise(docx_text(one.docx)) == expected_text(one.result.document, "docx")


def test_page_counts(exported: dict[tuple[str, str], Exported]) -> None:
    pages = {key: one.result.pages for key, one in exported.items()}
    for template in TEMPLATES:
        assert pages[(template, ArtifactType.TAILORED_CV.value)] == 1  # the sample CV fits one page in both
        assert pages[(template, ArtifactType.COVER_LETTER.value)] == 1
        assert pages[(template, "hebrew")] == 1
        assert all(n is not None and 1 <= n <= 2 for n in pages.values())
        assert not exported[(template, ArtifactType.TAILORED_CV.value)].result.warnings


def test_hebrew_pdf_reads_in_logical_order(exported: dict[tuple[str, str], Exported]) -> None:
    """pypdf reads the Hebrew CV exactly, words and punctuation in reading order: each right-to-left word is drawn
    with its glyphs left to right, which pypdf reverses. pdftotext orders by position and gives every word in
    reading order too, but places neutral characters at the edge of an embedded Latin run ("ב-Python") and
    number ranges by its own bidi rules, so only the words are compared."""
    for template in TEMPLATES:
        one = exported[(template, "hebrew")]
        expected = expected_text(one.result.document, "pdf")
        assert "נועה כהן" in expected and "ב-Python ו-Kafka," in expected
        (page,) = pypdf_pages(one.pdf)
        assert normalise(page) == expected
        if PDFTOTEXT:
            poppler = normalise(pdftotext(one.pdf))
            assert HEBREW_WORD.findall(poppler) == HEBREW_WORD.findall(expected)
            assert LATIN_WORD.findall(poppler) == LATIN_WORD.findall(expected)
            assert sorted(NUMBER.findall(poppler)) == sorted(NUMBER.findall(expected))


def test_hebrew_docx_reads_in_logical_order(exported: dict[tuple[str, str], Exported]) -> None:
    for template in TEMPLATES:
        one = exported[(template, "hebrew")]
        assert normalise(docx_text(one.docx)) == expected_text(one.result.document, "docx")


def test_no_ligature_surprises(exported: dict[tuple[str, str], Exported]) -> None:
    one = exported[("classic", "ligatures")]
    text = normalise(pypdf_pages(one.pdf)[0])
    assert "An efficient engineer whose workflow is official and affiliated with fluffy offline tooling." in text
    assert "Attention to detail." in text
    if PDFTOTEXT:
        assert "efficient engineer whose workflow is official and affiliated with fluffy offline" in normalise(
            pdftotext(one.pdf)
        )


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed")
def test_libreoffice_reads_the_docx_exactly(exported: dict[tuple[str, str], Exported], tmp_path: Path) -> None:
    """LibreOffice (what many ATS use to convert Word files) reads the same text, with the plain "•" bullets."""
    keys = [("classic", ArtifactType.TAILORED_CV.value), ("modern", ArtifactType.INTERVIEW_PREP.value)]
    keys += [("classic", ArtifactType.VPR.value), ("modern", "hebrew")]
    assert SOFFICE is not None
    sources = [str(exported[key].docx) for key in keys]
    command = [SOFFICE, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), *sources]
    subprocess.run(command, capture_output=True, check=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    for key in keys:
        one = exported[key]
        text = (tmp_path / one.docx.with_suffix(".txt").name).read_text(encoding="utf-8-sig")
        assert normalise(text) == expected_text(one.result.document, "pdf"), key
