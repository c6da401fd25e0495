"""The words an export adds around the user's content (section headings, field labels, dates), per language, and
which way a language is written. Pure data and functions: no I/O, no Qt.

Only English and Hebrew have their own words today; every other language uses the English ones. A language in
`RTL_LANGUAGES` is laid out right-to-left whatever its labels are. ATS parsers look for standard section names,
so the CV headings are the conventional ones in each language ("Professional Experience", "ניסיון תעסוקתי").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

Direction = Literal["ltr", "rtl"]

RTL_LANGUAGES = frozenset({"he", "iw", "yi", "ar", "fa", "ur", "ps", "sd", "ug", "dv"})


@dataclass(frozen=True)
class Labels:
    language: str
    # CV sections
    summary: str
    experience: str
    education: str
    skills: str
    certifications: str
    languages: str
    present: str
    months: tuple[str, ...]  # short month names, as a CV shows dates
    long_months: tuple[str, ...]  # a letter's date
    letter_date: str  # "{day} {month} {year}"
    # document names (titles, metadata, footers)
    cv: str
    cover_letter: str
    vpr: str
    gap_questions: str
    interview_prep: str
    curriculum_vitae: str  # the title line of a CV without a name
    # letter
    greeting: str
    closing: str
    hiring_team: str  # "Hiring team, {company}"
    application_for: str  # "Application for {title}"
    # reports
    candidate: str
    role: str
    company: str
    match_score: str
    report_summary: str
    key_strengths: str
    evidence_matrix: str
    matrix_header: tuple[str, str, str, str]
    strengths: tuple[tuple[str, str], ...]  # strength value -> label
    gaps: str
    differentiators: str
    recommendations: str
    vpr_talking_points: str
    cultural_fit: str
    pitch: str
    evaluates: str
    star_outline: str
    star_parts: tuple[str, str, str, str]
    follow_ups: str
    ats_keywords: str
    impact: str
    gap_intro: str
    requirement: str
    why_we_ask: str
    skills_label: str
    your_answer: str
    not_answered: str
    no_gap_questions: str
    likely_questions: str
    category: str
    why_they_ask: str
    talking_points: str
    evidence_from_cv: str
    questions_to_ask: str
    page_of: str  # "Page {number} of {total}"
    role_at: str  # "{title} at {company}"
    for_role: str  # "{what} for {role}"

    def strength(self, value: str) -> str:
        key = value.strip().lower()
        for raw, label in self.strengths:
            if raw == key:
                return label
        return value.strip().capitalize()


ENGLISH = Labels(
    language="en",
    summary="Professional Summary",
    experience="Professional Experience",
    education="Education",
    skills="Skills",
    certifications="Certifications",
    languages="Languages",
    present="Present",
    months=tuple("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()),  # noqa: SIM905
    long_months=tuple(
        "January February March April May June July August September October November December".split()  # noqa: SIM905
    ),
    letter_date="{day} {month} {year}",
    cv="CV",
    cover_letter="Cover letter",
    vpr="Value Proposition Report",
    gap_questions="Gap Questions",
    interview_prep="Interview Preparation",
    curriculum_vitae="Curriculum Vitae",
    greeting="Dear Hiring Manager,",
    closing="Kind regards,",
    hiring_team="Hiring team, {company}",
    application_for="Application for {title}",
    candidate="Candidate",
    role="Role",
    company="Company",
    match_score="Match score",
    report_summary="Summary",
    key_strengths="Key strengths",
    evidence_matrix="Evidence matrix",
    matrix_header=("Requirement", "Evidence from your CV", "Source", "Strength"),
    strengths=(
        ("strong", "Strong"),
        ("moderate", "Moderate"),
        ("developing", "Developing"),
        ("partial", "Moderate"),
        ("gap", "Gap"),
    ),
    gaps="Gaps",
    differentiators="Differentiators",
    recommendations="Recommendations",
    vpr_talking_points="Talking points",
    cultural_fit="Cultural fit",
    pitch="Your 30-second pitch",
    evaluates="What they evaluate:",
    star_outline="Answer outline (STAR):",
    star_parts=("Situation", "Task", "Action", "Result"),
    follow_ups="Likely follow-ups:",
    ats_keywords="Keywords to use",
    impact="impact",
    gap_intro=(
        "Your CV does not yet show everything this role asks for. Answer the questions below with facts from your "
        "own experience; confirmed answers can then be used in your CV and cover letter."
    ),
    requirement="Requirement:",
    why_we_ask="Why we ask:",
    skills_label="Skills:",
    your_answer="Your answer:",
    not_answered="(not answered yet)",
    no_gap_questions="No gap questions: your CV already covers this role's requirements.",
    likely_questions="Likely questions",
    category="Category:",
    why_they_ask="Why they ask:",
    talking_points="Talking points:",
    evidence_from_cv="Evidence from your CV:",
    questions_to_ask="Questions to ask",
    page_of="Page {number} of {total}",
    role_at="{title} at {company}",
    for_role="{what} for {role}",
)

_HEBREW_MONTHS = tuple("ינואר פברואר מרץ אפריל מאי יוני יולי אוגוסט ספטמבר אוקטובר נובמבר דצמבר".split())  # noqa: SIM905

HEBREW = Labels(
    language="he",
    summary="תקציר מקצועי",
    experience="ניסיון תעסוקתי",
    education="השכלה",
    skills="כישורים",
    certifications="הסמכות",
    languages="שפות",
    present="היום",
    months=_HEBREW_MONTHS,
    long_months=_HEBREW_MONTHS,
    letter_date="{day} ב{month} {year}",
    cv="קורות חיים",
    cover_letter="מכתב מקדים",
    vpr="דוח הצעת ערך",
    gap_questions="שאלות פער",
    interview_prep="הכנה לראיון",
    curriculum_vitae="קורות חיים",
    greeting="לכבוד צוות הגיוס,",
    closing="בברכה,",
    hiring_team="צוות הגיוס, {company}",
    application_for="הנדון: מועמדות לתפקיד {title}",
    candidate="מועמד/ת",
    role="תפקיד",
    company="חברה",
    match_score="ציון התאמה",
    report_summary="תקציר",
    key_strengths="חוזקות מרכזיות",
    evidence_matrix="מטריצת ראיות",
    matrix_header=("דרישה", "ראיה מקורות החיים", "מקור", "חוזק"),
    strengths=(
        ("strong", "חזק"),
        ("moderate", "בינוני"),
        ("developing", "מתפתח"),
        ("partial", "בינוני"),
        ("gap", "פער"),
    ),
    gaps="פערים",
    differentiators="מה מבדל אותך",
    recommendations="המלצות",
    vpr_talking_points="נקודות לשיחה",
    cultural_fit="התאמה לארגון",
    pitch="הצגה עצמית ב-30 שניות",
    evaluates="מה בודקים:",
    star_outline="מבנה תשובה (STAR):",
    star_parts=("מצב", "משימה", "פעולה", "תוצאה"),
    follow_ups="שאלות המשך צפויות:",
    ats_keywords="מילות מפתח לשימוש",
    impact="השפעה",
    gap_intro=(
        "קורות החיים שלך עדיין לא מראים את כל מה שהתפקיד דורש. ענה/י על השאלות שלמטה בעובדות מהניסיון שלך; "
        "תשובות מאושרות ישמשו בקורות החיים ובמכתב המקדים."
    ),
    requirement="דרישה:",
    why_we_ask="למה אנחנו שואלים:",
    skills_label="כישורים:",
    your_answer="התשובה שלך:",
    not_answered="(טרם נענתה)",
    no_gap_questions="אין שאלות פער: קורות החיים שלך כבר מכסים את דרישות התפקיד.",
    likely_questions="שאלות צפויות",
    category="קטגוריה:",
    why_they_ask="למה שואלים:",
    talking_points="נקודות לשיחה:",
    evidence_from_cv="ראיות מקורות החיים שלך:",
    questions_to_ask="שאלות שכדאי לשאול",
    page_of="עמוד {number} מתוך {total}",
    role_at="{title} ב-{company}",
    for_role="{what} עבור {role}",
)

_BY_LANGUAGE = {"en": ENGLISH, "he": HEBREW, "iw": HEBREW}


def labels_for(language: str | None) -> Labels:
    """The labels of `language` (an ISO 639-1 code such as "he" or a locale such as "he_IL"); English otherwise."""
    return _BY_LANGUAGE.get(_base(language), ENGLISH)


def direction_of(language: str | None) -> Direction:
    return "rtl" if _base(language) in RTL_LANGUAGES else "ltr"


def _base(language: str | None) -> str:
    return (language or "").strip().lower().replace("-", "_").split("_")[0]


def script_language(text: str) -> str | None:
    """ "he" when most letters of `text` are Hebrew, "ar" when most are Arabic, else None (use what was stated).
    A CV's detected language can say "en" for a Hebrew CV with many English skill names; the letters decide."""
    hebrew = arabic = other = 0
    for ch in text:
        if not ch.isalpha():
            continue
        if "\u0590" <= ch <= "\u05ff" or "\ufb1d" <= ch <= "\ufb4f":
            hebrew += 1
        elif "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufdff":
            arabic += 1
        else:
            other += 1
    if hebrew and hebrew >= max(arabic, other):
        return "he"
    if arabic and arabic >= max(hebrew, other):
        return "ar"
    return None


def is_rtl_char(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def has_rtl(text: str) -> bool:
    return any(is_rtl_char(ch) for ch in text)


def format_month_year(year: str, month: int, labels: Labels) -> str:
    return f"{labels.months[month - 1]} {year}"


def format_letter_date(day: date, labels: Labels = ENGLISH) -> str:
    """A letter's date, e.g. 28 November 2026 (unambiguous in every English-speaking country), 28 בנובמבר 2026."""
    return labels.letter_date.format(day=day.day, month=labels.long_months[day.month - 1], year=day.year)


def bidi_runs(text: str) -> list[tuple[str, bool]]:
    """`text` split where the script's direction changes: [(chunk, is_rtl), ...]. Neutral characters (spaces,
    punctuation, digits) stay with the chunk before them. "מהנדסת Backend בכירה" -> three chunks, RTL/LTR/RTL."""
    runs: list[tuple[str, bool]] = []
    chunk: list[str] = []
    current: bool | None = None
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        strong = True if kind in ("R", "AL") else False if kind == "L" else None
        if strong is not None and current is not None and strong != current:
            runs.append(("".join(chunk), current))
            chunk = []
        if strong is not None:
            current = strong
        chunk.append(ch)
    if chunk:
        runs.append(("".join(chunk), bool(current)))
    return runs
