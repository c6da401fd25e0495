from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pypdf
import pytest
from docx import Document

from careervp_desktop.domain.errors import BadInputError, PasswordRequiredError
from careervp_desktop.ingest.cv_import import import_cv_file
from careervp_desktop.ingest.extract import extract_document, extract_text, normalize_text

from .conftest import ENGLISH_CV, make_pdf


def test_text_encodings(tmp_path: Path) -> None:
    text = "Zoë Müller – CV\nÉcole, naïve café"
    for enc, prefix in (("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1252", b"")):
        p = tmp_path / f"cv-{enc}-{len(prefix)}.txt"
        p.write_bytes(prefix + text.replace("–", "-" if enc == "cp1252" else "–").encode(enc))
        assert extract_text(p).startswith("Zoë Müller")


def test_pdf_text_and_tabs(write_pdf) -> None:  # type: ignore[no-untyped-def]
    path = write_pdf(["Jane\tDoe", "jane@example.com"])
    text = extract_text(path)
    assert text.splitlines()[0] == "Jane Doe"


def test_normalize_text() -> None:
    raw = "oﬃce ﬁles\u200f\ue000 icon\r\nnext\tword\t\t\t\t\t\tcolumn  "
    assert normalize_text(raw) == "office files  icon\nnext word   column"


def _docx_with_everything(path: Path) -> None:
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Header Line"
    doc.add_paragraph("First paragraph")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "2019 – 2021"
    table.cell(0, 1).text = "Engineer at Acme"
    doc.add_paragraph("Last paragraph")
    doc.save(str(path))
    # add a text box (wps:txbx) to the body, the way Word stores it
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode()
    box = (
        '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><w:txbxContent><w:p><w:r><w:t>BOXED HEADING</w:t></w:r></w:p></w:txbxContent>'
        "</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>BOXED HEADING"
        "</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    xml = xml.replace("<w:body>", "<w:body>" + box, 1)
    parts["word/document.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            zf.writestr(n, data)


def test_docx_reads_headers_tables_text_boxes_in_order(tmp_path: Path) -> None:
    path = tmp_path / "cv.docx"
    _docx_with_everything(path)
    lines = extract_text(path).splitlines()
    assert lines.count("BOXED HEADING") == 1  # the VML fallback copy is skipped
    order = [lines.index(x) for x in ("Header Line", "BOXED HEADING", "First paragraph", "Last paragraph")]
    assert order == sorted(order)
    assert any("2019 – 2021" in ln and "Engineer at Acme" in ln for ln in lines)


def test_truncated_docx_recovers(tmp_path: Path) -> None:
    doc = Document()
    for i in range(30):
        doc.add_paragraph(f"Line number {i} of a long enough curriculum vitae")
    full = tmp_path / "full.docx"
    doc.save(str(full))
    data = full.read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(data[: data.index(b"word/styles.xml") + 40] if b"word/styles.xml" in data else data[:-200])
    try:
        text = extract_text(cut)
        assert "Line number" in text
    except BadInputError as exc:
        assert "\n" not in str(exc)


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("empty.pdf", b"", "empty"),
        ("sheet.pdf", b"PK\x03\x04mimetypeapplication/vnd.oasis.opendocument.spreadsheet" + b"\0" * 50, "not a PDF"),
        ("prog.pdf", b"MZ\x90\x00" + b"\0" * 100, "not a PDF"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "DOCX or PDF"),
        ("cv.docx", b"just some text pretending", "not a DOCX"),
        ("cv.rtf", b"{\\rtf1 hello}", "not supported"),
        ("bin.txt", b"\x00\x01\x02" * 50, "not a text file"),
        ("broken.pdf", b"%PDF-1.4\n garbage garbage", "damaged"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, match: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadInputError, match=match) as info:
        import_cv_file(path)
    assert "\n" not in str(info.value)


def test_missing_directory_and_too_big(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="does not exist"):
        import_cv_file(tmp_path / "nope.pdf")
    with pytest.raises(BadInputError, match="folder"):
        import_cv_file(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    with pytest.raises(BadInputError, match="10 MB"):
        import_cv_file(big)


def test_too_little_text(tmp_path: Path) -> None:
    p = tmp_path / "short.txt"
    p.write_text("Jane Doe\njane@example.com\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="too little text"):
        import_cv_file(p)


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b"a" * (51 * 1024 * 1024) + b"/>")
    with pytest.raises(BadInputError, match="zip bomb"):
        extract_text(path)


def _encrypt(src: bytes, user: str, owner: str, permissions: int | None = None) -> bytes:
    reader = pypdf.PdfReader(io.BytesIO(src))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    kwargs = {} if permissions is None else {"permissions_flag": permissions}
    writer.encrypt(user_password=user, owner_password=owner, algorithm="RC4-128", **kwargs)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypt(make_pdf(ENGLISH_CV.splitlines()), "s3cret", "owner"))
    with pytest.raises(PasswordRequiredError, match="password"):
        import_cv_file(path)
    with pytest.raises(PasswordRequiredError, match="Wrong password"):
        import_cv_file(path, password="nope")
    assert import_cv_file(path, password="s3cret").full_name == "Ada Quill"


def test_pdf_that_forbids_extraction(tmp_path: Path) -> None:
    path = tmp_path / "noextract.pdf"
    path.write_bytes(_encrypt(make_pdf(ENGLISH_CV.splitlines()), "", "owner", permissions=-1 & ~16))
    with pytest.raises(BadInputError, match="forbids copying"):
        import_cv_file(path)
    assert import_cv_file(path, password="owner").full_name == "Ada Quill"


def test_image_only_pdf(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    path = tmp_path / "blank.pdf"
    path.write_bytes(data)
    with pytest.raises(BadInputError, match=r"no readable text|no text layer"):
        import_cv_file(path)


def test_truncated_pdf_recovers_or_fails_cleanly(tmp_path: Path) -> None:
    data = make_pdf(ENGLISH_CV.splitlines())
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * 0.8)])
    try:
        cv = import_cv_file(path)
        assert cv.full_name == "Ada Quill"
    except BadInputError as exc:
        assert "\n" not in str(exc)


def test_timeout_runs_in_child(tmp_path: Path) -> None:
    p = tmp_path / "cv.txt"
    p.write_text(ENGLISH_CV, encoding="utf-8")
    doc = extract_document(p, timeout=30)
    assert doc.text.startswith("Ada Quill")
    with pytest.raises(BadInputError, match="does not exist"):
        extract_document(tmp_path / "missing.pdf", timeout=30)


def test_markdown_cv_reads_as_plain_text(tmp_path: Path) -> None:
    from careervp_desktop.ingest.extract import markdown_to_text

    md = (
        "# Jane Doe\n**Email:** [jane@example.com](mailto:jane@example.com) | "
        "[LinkedIn](https://www.linkedin.com/in/jane-doe/)\n---\n### Engineer — *Acme*\n- used `Python` and C++\n"
    )
    assert markdown_to_text(md).split("\n") == [
        "Jane Doe",
        "Email: jane@example.com | LinkedIn linkedin.com/in/jane-doe",
        "",
        "Engineer — Acme",
        "- used Python and C++",
        "",
    ]
    path = tmp_path / "cv.md"
    path.write_text(md + "\n## Experience\n### Engineer — Acme\nJan 2020 – Present\n- Built things " + "x" * 100)
    assert extract_text(path).startswith("Jane Doe\n")
