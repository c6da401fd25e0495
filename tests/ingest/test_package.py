"""A cover letter + CV (+ attachments) in one file yields the CV part."""

from __future__ import annotations

from pathlib import Path

from careervp_desktop.ingest.cv_import import import_cv_file
from careervp_desktop.ingest.cv_parser import parse_cv_text
from careervp_desktop.ingest.package import strip_cover_letter

from .conftest import ENGLISH_CV, column, make_layout_pdf

LETTER = """Ada Quill
12 Wharf Street, Leeds LS1 4AP
14 March 2024

Hiring Team
Brightwater Logistics

Dear Hiring Manager,
I am writing to apply for the Staff Platform Engineer role advertised on your careers page last week.
Over the past seven years I have built and run the platforms that product teams at two companies rely on,
and I would welcome the chance to bring that experience to Brightwater.
Thank you for considering my application; I look forward to hearing from you.
Kind regards,
Ada Quill"""

LETTER_DE = """Sehr geehrte Frau Berg,
mit großem Interesse habe ich Ihre Ausschreibung für die Stelle als Plattform-Ingenieurin gelesen.
In den letzten Jahren habe ich Plattformen aufgebaut, auf die sich Produktteams täglich verlassen.
Über eine Einladung zu einem persönlichen Gespräch freue ich mich sehr.
Mit freundlichen Grüßen
Ada Quill"""


def test_letter_on_its_own_page_is_dropped() -> None:
    text = LETTER + "\n\f\n" + ENGLISH_CV
    assert strip_cover_letter(text).startswith("Ada Quill\nada.quill@example.org")
    cv = parse_cv_text(text)
    assert cv.full_name == "Ada Quill"
    assert cv.contact_info.email == "ada.quill@example.org"
    assert cv.professional_summary == "Platform engineer who likes boring, reliable systems."
    assert [e.company for e in cv.experience] == ["Fernwick Systems Ltd", "Oakmere Data"]


def test_letter_without_page_break_and_in_german() -> None:
    text = LETTER_DE + "\n\n" + ENGLISH_CV
    assert strip_cover_letter(text).startswith("Ada Quill\nada.quill@example.org")


def test_letter_after_the_cv_is_dropped_too() -> None:
    text = ENGLISH_CV + "\n\f\n" + LETTER
    cv = parse_cv_text(text)
    assert cv.languages == ["English", "French"]
    assert not any("apply" in s for s in cv.skills + cv.languages)


def test_a_cv_without_a_letter_is_untouched() -> None:
    assert strip_cover_letter(ENGLISH_CV) == ENGLISH_CV
    # "Dear" inside a CV, with sections after it, is not a letter
    text = ENGLISH_CV.replace("Profile\n", "Profile\nDear colleagues call me the calm one in an outage.\n")
    assert strip_cover_letter(text) == text


def test_application_package_pdf(tmp_path: Path) -> None:
    pages = [column(50, 800, LETTER.splitlines()), column(50, 800, ENGLISH_CV.splitlines())]
    pages.append(column(50, 800, ["Reference", "Ada worked with us for three years and we recommend her warmly."]))
    path = tmp_path / "package.pdf"
    path.write_bytes(make_layout_pdf(pages))
    cv = import_cv_file(path)
    assert cv.full_name == "Ada Quill"
    assert cv.contact_info.email == "ada.quill@example.org"
    assert cv.experience[0].company == "Fernwick Systems Ltd"
