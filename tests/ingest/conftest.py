"""Helpers for the ingest tests: small synthetic CVs and PDFs/DOCX files built on the fly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with one text line per entry, Helvetica, built by hand (no writer dependency)."""
    content = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
    for line in lines:
        esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content.append(f"({esc}) Tj T*")
    content.append("ET")
    stream = "\n".join(content).encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


ENGLISH_CV = """Ada Quill
ada.quill@example.org | +44 20 7946 0018 | Leeds, UK
linkedin.com/in/ada-quill-test | adaquill.dev

Profile
Platform engineer who likes boring, reliable systems.

Work Experience
Senior Platform Engineer | Fernwick Systems Ltd | Mar 2020 - Present
- Moved 40 services to Kubernetes with zero downtime
- Cut cloud spend by 18% through rightsizing

Platform Engineer | Oakmere Data | Jan 2017 - Feb 2020
- Built the CI pipeline in GitHub Actions

Education
BSc Computer Science, University of Leeds | 2013 - 2016

Skills
Languages: Python, Go
Tools: Docker and Kubernetes, Terraform | HTML/CSS, CI/CD
- Angular (versions 2+)

Certifications
- Certified Kubernetes Administrator - CNCF - 2021

Languages
English (native), French - B2
"""


@pytest.fixture
def english_cv() -> str:
    return ENGLISH_CV


@pytest.fixture
def write_pdf(tmp_path: Path):  # type: ignore[no-untyped-def]
    def _write(lines: list[str], name: str = "cv.pdf") -> Path:
        path = tmp_path / name
        path.write_bytes(make_pdf(lines))
        return path

    return _write
