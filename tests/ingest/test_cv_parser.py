from __future__ import annotations

from careervp_desktop.ingest.cv_parser import parse_cv_text

GERMAN_CV = """Lena Brückner
lena.brueckner@example.de | +49 30 1234 5678 | Berlin, Deutschland

Profil
Backend-Entwicklerin mit Freude an sauberen Schnittstellen und stabilen Diensten für den Mittelstand.

Berufserfahrung
Senior Softwareentwicklerin | Nordlicht Software GmbH | 04/2021 – heute
• Aufbau einer Event-Plattform mit Kafka und Java für die Abrechnung
• Einführung von Code-Reviews und automatisierten Tests im gesamten Team

Softwareentwicklerin | Havelblick AG | März 2017 – März 2021
• Entwicklung von REST-Diensten mit Spring Boot und PostgreSQL

Ausbildung
M.Sc. Informatik, Technische Universität Berlin | 2015 – 2017

Kenntnisse
Java, Kotlin, Spring Boot, PostgreSQL und Kafka

Sprachen
Deutsch (Muttersprache), Englisch – C1
"""

FRENCH_CV = """Camille Dufresne
camille.dufresne@example.fr | +33 6 12 34 56 78 | Lyon, France

Expérience professionnelle
Ingénieure logiciel | Rhôneval SAS | janv. 2020 – aujourd'hui
• Conception d'une API de facturation en Python pour les clients de la société
• Migration des services vers Kubernetes et réduction des coûts de la plateforme

Développeuse | Atelier Brume | sept. 2016 – déc. 2019
• Développement d'applications web avec Django et React pour des associations

Formation
Master Informatique, Université Lyon 1 | 2014 – 2016

Compétences
Python, Django, React, Kubernetes

Langues
Français (langue maternelle), Anglais (courant)
"""

HEBREW_CV = """נועה לוי
noa.levi@example.co.il | 054-1234567 | תל אביב, ישראל

ניסיון תעסוקתי
מפתחת תוכנה בכירה | חברת גלים טכנולוגיות | 2021 – היום
• פיתוח שירותי ענן בשפת Python עבור לקוחות ארגוניים גדולים בארץ ובעולם
• הובלת מעבר של מערכות ישנות לארכיטקטורת מיקרו-שירותים

מפתחת תוכנה | חברת אופק מערכות | 2019 – 2017
• פיתוח ממשקי משתמש ב-React עבור מערכת ניהול הזמנות

השכלה
תואר ראשון במדעי המחשב, אוניברסיטת תל אביב | 2013 – 2016

כישורים
Python, React, Docker

שפות
עברית, אנגלית
"""


def test_english(english_cv: str) -> None:
    cv = parse_cv_text(english_cv)
    assert cv.full_name == "Ada Quill"
    assert cv.contact_info.email == "ada.quill@example.org"
    assert cv.contact_info.linkedin == "linkedin.com/in/ada-quill-test"
    assert cv.contact_info.website == "adaquill.dev"
    assert cv.contact_info.phone and cv.contact_info.phone.replace(" ", "").endswith("79460018")
    assert [(e.company, e.role, e.start_date, e.end_date) for e in cv.experience] == [
        ("Fernwick Systems Ltd", "Senior Platform Engineer", "2020-03", "present"),
        ("Oakmere Data", "Platform Engineer", "2017-01", "2020-02"),
    ]
    assert cv.experience[0].achievements[1] == "Cut cloud spend by 18% through rightsizing"
    assert cv.education[0].institution == "University of Leeds"
    assert cv.education[0].end_date == "2016"
    for skill in ("Python", "Go", "Docker", "Kubernetes", "Terraform", "HTML/CSS", "CI/CD", "Angular (versions 2+)"):
        assert skill in cv.skills
    assert "Languages" not in " ".join(cv.skills)
    assert cv.certifications[0].date == "2021"
    assert cv.languages == ["English", "French"]
    assert cv.professional_summary and cv.professional_summary.startswith("Platform engineer")
    assert cv.language == "en"


def test_german() -> None:
    cv = parse_cv_text(GERMAN_CV)
    assert cv.full_name == "Lena Brückner"
    assert cv.language == "de"
    assert [(e.company, e.start_date, e.end_date) for e in cv.experience] == [
        ("Nordlicht Software GmbH", "2021-04", "present"),
        ("Havelblick AG", "2017-03", "2021-03"),
    ]
    assert cv.experience[0].role == "Senior Softwareentwicklerin"
    assert cv.education[0].institution == "Technische Universität Berlin"
    assert "Kafka" in cv.skills and "PostgreSQL" in cv.skills
    assert cv.languages == ["Deutsch", "Englisch"]


def test_french() -> None:
    cv = parse_cv_text(FRENCH_CV)
    assert cv.language == "fr"
    assert [(e.company, e.role, e.start_date, e.end_date) for e in cv.experience] == [
        ("Rhôneval SAS", "Ingénieure logiciel", "2020-01", "present"),
        ("Atelier Brume", "Développeuse", "2016-09", "2019-12"),
    ]
    assert cv.education[0].institution == "Université Lyon 1"
    assert cv.languages == ["Français", "Anglais"]


def test_hebrew_rtl_dates_in_order() -> None:
    cv = parse_cv_text(HEBREW_CV)
    assert cv.full_name == "נועה לוי"
    assert cv.language == "he"
    assert len(cv.experience) == 2
    assert (cv.experience[0].start_date, cv.experience[0].end_date) == ("2021", "present")
    assert (cv.experience[1].start_date, cv.experience[1].end_date) == ("2017", "2019")
    assert cv.experience[0].role == "מפתחת תוכנה בכירה"
    assert cv.skills == ["Python", "React", "Docker"]
    assert cv.languages == ["עברית", "אנגלית"]


def test_tabs_hyphenation_and_page_furniture() -> None:
    text = (
        "Sam\tRowe\nsam.rowe@example.com\nExperience\nData Analyst   Brookline Labs   2019 – 2021\n"
        "• Built dashboards for the finance team that replaced twelve manual spread-\nsheets every month\n"
        "Page 1 of 2\n\fSam Rowe – 2/2\nSkills\nSQL • Tableau • Excel\n"
    )
    cv = parse_cv_text(text)
    assert cv.full_name == "Sam Rowe"
    assert cv.experience[0].achievements == [
        "Built dashboards for the finance team that replaced twelve manual spreadsheets every month"
    ]
    assert cv.skills == ["SQL", "Tableau", "Excel"]


def test_dates_after_bullets_layout() -> None:
    text = """Kim Ode
kim@example.com
Experience
Harbor Robotics, Controls Engineer
• Tuned motor controllers for the warehouse fleet
Boston, MA
May 2020 – Aug 2022
2 years 3 months
Quay Analytics, Junior Analyst
• Cleaned sales data
Austin, TX
Jan 2018 – Apr 2020
"""
    cv = parse_cv_text(text)
    assert [(e.company, e.role, e.start_date) for e in cv.experience] == [
        ("Harbor Robotics", "Controls Engineer", "2020-05"),
        ("Quay Analytics", "Junior Analyst", "2018-01"),
    ]
    assert cv.experience[0].location == "Boston, MA"


def test_empty_text_gives_empty_cv() -> None:
    cv = parse_cv_text("")
    assert cv.full_name is None and cv.experience == []
