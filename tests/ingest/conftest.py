"""Helpers for the ingest tests: small synthetic CVs and PDFs/DOCX files built on the fly."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with one text line per entry, Helvetica, built by hand (no writer dependency)."""
    content = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
    for line in lines:
        content.append(f"({_esc(line)}) Tj T*")
    content.append("ET")
    return pdf_from_streams(["\n".join(content).encode("latin-1")])


# One positioned run of text: (x, y, font size, text). Each run is its own BT … ET block, in list order, so a
# test decides the content-stream order (e.g. row by row across two columns) independently of the layout.
Run = tuple[float, float, float, str]


def make_layout_pdf(pages: list[list[Run]]) -> bytes:
    """A PDF whose pages hold text runs at given positions (Helvetica, WinAnsi)."""
    streams = []
    for runs in pages:
        ops = [f"BT /F1 {size:g} Tf {x:g} {y:g} Td ({_esc(text)}) Tj ET" for x, y, size, text in runs]
        streams.append("\n".join(ops).encode("cp1252"))
    return pdf_from_streams(streams)


def column(x: float, top: float, lines: list[str], size: float = 10, leading: float = 14) -> list[Run]:
    """Runs for a block of lines set at `x` from `top` downwards."""
    return [(x, top - i * leading, size, text) for i, text in enumerate(lines) if text]


def interleave(*blocks: list[Run]) -> list[Run]:
    """Runs ordered by position, top to bottom and left to right (a generator that writes row by row)."""
    return sorted((r for b in blocks for r in b), key=lambda r: (-r[1], r[0]))


def pdf_from_streams(streams: list[bytes], *, compress: bool = False) -> bytes:
    """A PDF with one page per content stream, all sharing Helvetica as /F1 (streams Flate-compressed on
    request)."""
    n = len(streams)
    font_id = 3 + 2 * n
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
    ]
    for i, stream in enumerate(streams):
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        if compress:
            packed = zlib.compress(stream)
            objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
        else:
            objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
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
