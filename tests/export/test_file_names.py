"""File names: `First_Last_CV_Company.docx`, safe on Windows, macOS and Linux (see `export.file_names`)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.export.file_names import (
    MAX_STEM_BYTES,
    MAX_STEM_CHARS,
    export_file_name,
    not_reserved,
    package_folder_name,
    safe_file_stem,
    safe_part,
    transliterate,
)

CV, LETTER = ArtifactType.TAILORED_CV, ArtifactType.COVER_LETTER
WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


@pytest.mark.parametrize(
    ("kind", "name", "company", "expected"),
    [
        (CV, "Maya Lindqvist", "Acme Freight", "Maya_Lindqvist_CV_Acme_Freight.docx"),
        (LETTER, "Maya Lindqvist", "Acme Freight", "Maya_Lindqvist_Cover_Letter_Acme_Freight.docx"),
        (ArtifactType.VPR, "Maya Lindqvist", "Acme", "Maya_Lindqvist_VPR_Acme.docx"),
        (ArtifactType.INTERVIEW_PREP, "Maya Lindqvist", "Acme", "Maya_Lindqvist_Interview_Prep_Acme.docx"),
        (ArtifactType.GAP_QUESTIONS, "Maya Lindqvist", "Acme", "Maya_Lindqvist_Gap_Questions_Acme.docx"),
        (CV, "  Maya   van der  Berg ", "Acme, Inc.", "Maya_van_der_Berg_CV_Acme_Inc.docx"),
        (CV, "Seán O'Brien", "AT&T", "Seán_OBrien_CV_AT_T.docx"),  # apostrophes dropped, & separates
        (CV, "Anna-Lena Koch", "Foo/Bar: Baz?", "Anna-Lena_Koch_CV_Foo_Bar_Baz.docx"),
        (CV, "Zoë Ångström", "Café Müller", "Zoë_Ångström_CV_Café_Müller.docx"),  # non-ASCII kept
        (CV, "נועה כהן", "נתיב לוגיסטיקה", "נועה_כהן_CV_נתיב_לוגיסטיקה.docx"),
        (CV, "Maya Lindqvist", "", "Maya_Lindqvist_CV.docx"),
        (CV, "", "Acme", "CV_Acme.docx"),
        (CV, None, None, "CV.docx"),
        (CV, "Ｍａｙａ 🚀 Lindqvist", "ﬁnance\u200fco.", "Maya_Lindqvist_CV_finance_co.docx"),  # NFKC, emoji, RLM
        (CV, "...", " . ", "CV.docx"),  # nothing but dots and spaces
    ],
)
def test_file_names(kind: ArtifactType, name: str | None, company: str | None, expected: str) -> None:
    assert export_file_name(kind, name, company, "docx") == expected


def test_ascii_names_transliterate() -> None:
    assert export_file_name(LETTER, "Zoë Ångström", "Straße & Søn", "pdf", ascii_only=True) == (
        "Zoe_Angstrom_Cover_Letter_Strasse_Son.pdf"
    )
    assert export_file_name(CV, "נועה Cohen", "Łódź Œuvre", ".PDF", ascii_only=True) == "Cohen_CV_Lodz_OEuvre.pdf"
    assert transliterate("Æsir ß Ø ł") == "AEsir ss O l"


def test_nothing_unsafe_ever_gets_through() -> None:
    nasty = 'CON: <a>|b?"c*\\d/e\x00\x1f\t\n. '
    name = export_file_name(CV, nasty, nasty, "pdf")
    assert not set(name) & WINDOWS_FORBIDDEN
    assert not name.startswith((".", " ", "_", "-"))
    stem = name.rsplit(".", 1)[0]
    assert not stem.endswith((".", " ", "_"))
    assert unicodedata.is_normalized("NFC", name)


@pytest.mark.parametrize("reserved", ["CON", "con", "PRN", "AUX", "NUL", "COM1", "lpt9", "COM¹", " con "])
def test_windows_reserved_names(reserved: str) -> None:
    stem = safe_file_stem(reserved)
    assert stem.upper() == f"{unicodedata.normalize('NFKC', reserved).strip().upper()}_"  # COM¹ -> COM1_


def test_reserved_check_looks_at_the_part_before_the_first_dot() -> None:
    assert not_reserved("nul.txt") == "nul.txt_"
    assert not_reserved("NUL ") == "NUL _"
    assert not_reserved("null.txt") == "null.txt"
    assert safe_file_stem("nul.txt") == "nul_txt"  # dots separate words, so the name is no longer reserved


def test_reserved_words_inside_a_name_are_fine() -> None:
    assert export_file_name(CV, "Con Nul", "Aux", "pdf") == "Con_Nul_CV_Aux.pdf"
    assert safe_file_stem("Console") == "Console"


def test_long_names_are_trimmed_company_first_and_label_kept() -> None:
    name = export_file_name(CV, "Maya Lindqvist", "International Business Machines Corporation of America", "pdf")
    assert name == "Maya_Lindqvist_CV_International_Business_Machines.pdf"
    huge = export_file_name(LETTER, "x" * 500, "y" * 500, "docx")
    stem = huge.rsplit(".", 1)[0]
    assert "_Cover_Letter_" in stem
    assert len(stem) <= MAX_STEM_CHARS and len(stem.encode()) <= MAX_STEM_BYTES
    hebrew = export_file_name(CV, "ש" * 300, "ת" * 300, "pdf")  # two bytes a letter
    assert len(hebrew.rsplit(".", 1)[0].encode()) <= MAX_STEM_BYTES and "_CV_" in hebrew


def test_safe_part_and_folder_name() -> None:
    assert safe_part("  --Anna--Lena-- ") == "Anna--Lena"
    assert package_folder_name("Maya Lindqvist", "Acme Freight") == "Maya_Lindqvist_Acme_Freight"
    assert package_folder_name(None, "") == "Application"


def test_names_can_be_written(tmp_path: Path) -> None:
    """Every name the rule makes is a plain file name here (no separators, not too long for the file system)."""
    for name, company in (("Zoë Ångström", "Café/Müller"), ("נועה כהן", "ש" * 300), ("CON", "NUL"), ("", "")):
        for kind in ArtifactType:
            path = tmp_path / export_file_name(kind, name, company, "pdf")
            path.write_bytes(b"%PDF")
            assert path.parent == tmp_path and path.read_bytes() == b"%PDF"
