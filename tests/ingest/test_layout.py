"""Reading order from positions: synthetic PDFs whose content-stream order differs from the visual layout."""

from __future__ import annotations

from pathlib import Path

from careervp_desktop.ingest.cv_import import import_cv_file
from careervp_desktop.ingest.extract import extract_text

from .conftest import Run, column, interleave, make_layout_pdf

SIDEBAR = [
    "Contact",
    "mara.lind@example.org",
    "+49 30 1234 5678",
    "Berlin, Germany",
    "",
    "Skills",
    "Python",
    "Kubernetes",
    "PostgreSQL",
    "Terraform",
    "",
    "Languages",
    "German",
    "English",
]
MAIN = [
    "Profile",
    "Backend engineer building payment systems that stay up.",
    "",
    "Experience",
    "Senior Backend Engineer, Quellwerk GmbH   Mar 2021 - Present",
    "• Moved the ledger to PostgreSQL with zero downtime",
    "• Cut p99 latency of the payment API by 40%",
    "Backend Engineer, Nordlicht Labs   Jan 2018 - Feb 2021",
    "• Built the settlement service in Python",
    "",
    "Education",
    "Technische Universität Berlin",
    "M.Sc. in Computer Science   2015 - 2017",
]


def _sidebar_page(order: str) -> list[Run]:
    name: list[Run] = [(220, 800, 24, "Mara Lind")]
    side = column(40, 760, SIDEBAR, size=9, leading=13)
    main = column(220, 760, MAIN, size=10, leading=15)
    if order == "rows":
        return name + interleave(side, main)
    return side + name + main  # the sidebar written first


def _write(tmp_path: Path, pages: list[list[Run]], name: str = "cv.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(make_layout_pdf(pages))
    return path


def _assert_block(lines: list[str], block: list[str]) -> None:
    """`block` (blank entries skipped) appears as consecutive lines."""
    wanted = [b for b in block if b]
    start = lines.index(wanted[0])
    assert lines[start : start + len(wanted)] == wanted


def test_sidebar_written_row_by_row_is_read_column_by_column(tmp_path: Path) -> None:
    path = _write(tmp_path, [_sidebar_page("rows")])
    lines = [ln.strip() for ln in extract_text(path).splitlines()]
    assert lines[0] == "Mara Lind"
    _assert_block(lines, SIDEBAR[5:10])
    assert lines.index("Experience") < lines.index("Education")
    cv = import_cv_file(path)
    assert cv.full_name == "Mara Lind"
    assert cv.skills == ["Python", "Kubernetes", "PostgreSQL", "Terraform"]
    assert [e.company for e in cv.experience] == ["Quellwerk GmbH", "Nordlicht Labs"]
    assert cv.experience[0].achievements == [
        "Moved the ledger to PostgreSQL with zero downtime",
        "Cut p99 latency of the payment API by 40%",
    ]
    assert cv.contact_info.email == "mara.lind@example.org"
    assert cv.languages == ["German", "English"]


def test_sidebar_written_first_keeps_the_name_on_top(tmp_path: Path) -> None:
    path = _write(tmp_path, [_sidebar_page("sidebar-first")])
    cv = import_cv_file(path)
    assert cv.full_name == "Mara Lind"
    assert cv.skills == ["Python", "Kubernetes", "PostgreSQL", "Terraform"]
    assert [e.role for e in cv.experience] == ["Senior Backend Engineer", "Backend Engineer"]


def test_two_equal_columns_with_aligned_baselines(tmp_path: Path) -> None:
    left = [
        "Experience",
        "Data Analyst, Brightfield Analytics   2019 - 2023",
        "• Built weekly revenue dashboards",
        "• Automated the churn report",
        "Junior Analyst, Copperleaf Ltd   2017 - 2019",
        "• Cleaned CRM data for 3 regions",
    ]
    right = [
        "Skills",
        "SQL",
        "Tableau",
        "Python",
        "Education",
        "University of Leeds",
        "BSc Mathematics   2014 - 2017",
    ]
    header: list[Run] = [
        (50, 800, 22, "Tom Ashby"),
        (50, 775, 10, "tom.ashby@example.com | +44 7700 900123 | Leeds, UK | linkedin.com/in/tom-ashby-test"),
    ]
    page = header + interleave(column(50, 740, left), column(320, 740, right))
    path = _write(tmp_path, [page])
    lines = [ln.strip() for ln in extract_text(path).splitlines()]
    _assert_block(lines, left)
    _assert_block(lines, right)
    cv = import_cv_file(path)
    assert cv.full_name == "Tom Ashby"
    assert [e.company for e in cv.experience] == ["Brightfield Analytics", "Copperleaf Ltd"]
    assert cv.skills == ["SQL", "Tableau", "Python"]
    assert cv.education[0].institution == "University of Leeds"


def test_date_gutter_and_right_aligned_dates_stay_on_their_lines(tmp_path: Path) -> None:
    runs: list[Run] = [(50, 800, 20, "Ines Duarte"), (50, 780, 10, "ines.duarte@example.com  +351 912 345 678")]
    runs.append((50, 750, 12, "Experience"))
    entries = [
        ("2020 - Present", "Product Manager, Solaris Mobility", ["Launched the rider app in 4 cities"]),
        ("2017 - 2020", "Product Owner, Vela Systems", ["Ran discovery with 40 customers"]),
        ("2015 - 2017", "Business Analyst, Marisco SA", ["Mapped the claims process"]),
    ]
    y = 730.0
    for dates, title, bullets in entries:
        runs.append((50, y, 10, dates))  # left gutter
        runs.append((150, y, 10, title))
        for b in bullets:
            y -= 14
            runs.append((150, y, 10, "• " + b))
        y -= 20
    runs.append((50, y, 12, "Education"))
    y -= 18
    runs.append((50, y, 10, "Universidade de Lisboa"))
    runs.append((480, y, 10, "2011 - 2015"))  # right-aligned date, written after the bullets of its row
    runs.append((50, y - 14, 10, "BSc in Economics"))
    path = _write(tmp_path, [runs])
    lines = extract_text(path).splitlines()
    assert any(ln.startswith("2020 - Present") and "Solaris" in ln for ln in lines)
    assert any("Universidade de Lisboa" in ln and "2011 - 2015" in ln for ln in lines)
    cv = import_cv_file(path)
    assert [(e.company, e.start_date, e.end_date) for e in cv.experience] == [
        ("Solaris Mobility", "2020", "present"),
        ("Vela Systems", "2017", "2020"),
        ("Marisco SA", "2015", "2017"),
    ]


def test_running_headers_page_numbers_and_hyphenation(tmp_path: Path) -> None:
    def page(number: int, body: list[str]) -> list[Run]:
        return [
            (50, 820, 8, "Lena Vogt - Curriculum Vitae"),
            *column(50, 790, body),
            (280, 30, 8, f"Page {number} of 2"),
        ]

    first = [
        "Lena Vogt",
        "lena.vogt@example.de | +49 170 1234567",
        "Experience",
        "Site Reliability Engineer, Fernblick AG   Apr 2019 - Present",
        "• Introduced service-level objectives for every customer-facing ser-",
        "vice and cut pages by half",
    ]
    second = [
        "Education",
        "Universität Hamburg",
        "B.Sc. Informatik   2014 - 2018",
        "Skills",
        "Go, Prometheus, Kubernetes",
    ]
    path = _write(tmp_path, [page(1, first), page(2, second)])
    cv = import_cv_file(path)
    assert cv.full_name == "Lena Vogt"
    assert cv.experience[0].achievements == [
        "Introduced service-level objectives for every customer-facing service and cut pages by half"
    ]
    assert cv.skills == ["Go", "Prometheus", "Kubernetes"]
    assert cv.education[0].institution == "Universität Hamburg"
    text = extract_text(path)
    assert "Page 2 of 2" in text  # extraction keeps it; the parser drops it


def test_glyph_widths_are_never_taken_from_another_font_that_had_the_same_id() -> None:
    """The width cache once keyed fonts by id(): a font freed after one file could hand its widths to a new font
    that reused its address (a flaky column split in long runs). Each font gets its own widths."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject

    from careervp_desktop.ingest.pdf_layout import font_widths

    for n in range(200):
        width = 300 + n % 400  # a different width each time
        font = DictionaryObject(
            {
                NameObject("/FirstChar"): NumberObject(97),
                NameObject("/Widths"): ArrayObject([FloatObject(width)] * 26),
            }
        )
        table, _avg = font_widths(font)
        assert table[97] == width / 1000, n
        del font
