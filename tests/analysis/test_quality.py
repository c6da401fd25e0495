"""Quality checks (analysis/quality.py): clichés with spans, the job-ad exemption, placeholders, word counts per
section, sentence variety, the ATS score (English and Hebrew), the bundled font coverage, and what the checks say
about the offline engine's five documents for the sample application."""

from __future__ import annotations

import statistics
import time
from functools import cache

import pytest

from careervp_desktop.analysis.quality import (
    QualityCheck,
    QualityReport,
    QualitySeverity,
    check_quality,
    count_words,
    load_rules,
    revision_feedback,
)
from careervp_desktop.domain.artifact_text import artifact_text
from careervp_desktop.domain.artifacts import (
    VPR,
    CoverLetter,
    EvidenceRow,
    GapQuestion,
    GapQuestions,
    InterviewPrep,
    InterviewQuestion,
)
from careervp_desktop.domain.models import (
    ArtifactType,
    ContactInfo,
    EducationEntry,
    ExperienceEntry,
    JobPosting,
    MasterCV,
    Requirement,
)
from careervp_desktop.resources import resource_path
from tests.analysis.samples import TODAY, sample_cv

LETTER = ArtifactType.COVER_LETTER
W, E, INFO = QualitySeverity.WARNING, QualitySeverity.ERROR, QualitySeverity.INFO

# Filler words for made-up paragraphs: a sentence of n words, lengths varied so rhythm checks stay quiet.
_FILLER = (
    "we", "moved", "the", "nightly", "batch", "into", "a", "stream", "and", "the", "team", "shipped", "it", "on",
    "time", "with", "tests",
)  # fmt: skip


def _sentence(n: int) -> str:
    words = [_FILLER[i % len(_FILLER)] for i in range(n)]
    return " ".join(words).capitalize() + "."


def _paragraph(words: int) -> str:
    """A paragraph of exactly `words` words in sentences of varied length (5, 17, 9, 23, … words)."""
    pattern = [5, 17, 9, 23, 12, 7, 19]
    out: list[str] = []
    left, k = words, 0
    while left > 0:
        n = min(pattern[k % len(pattern)], left)
        if 0 < left - n < 3:  # no one- or two-word tail
            n = left
        out.append(_sentence(n))
        left -= n
        k += 1
    return " ".join(out)


def _letter(*paragraphs: str, greeting: str = "Dear hiring team,", signature: str = "Maya") -> CoverLetter:
    return CoverLetter(greeting=greeting, paragraphs=list(paragraphs), closing="Kind regards,", signature=signature)


def _good_letter(**parts: str) -> CoverLetter:
    hook = parts.get("hook", _paragraph(90))
    proof = parts.get("proof", _paragraph(130))
    close = parts.get("close", _paragraph(70))
    return _letter(hook, proof, close)


def _spans(report: QualityReport, check: QualityCheck) -> list[str]:
    return [report.text[f.span[0] : f.span[1]] for f in report.by_check(check) if f.span]


# =========================================================================================== banned phrases
FAMILIES = [
    ("We leveraged Kafka for it.", "leveraged", "use, build on"),
    ("Let us delve into the logs.", "delve", "look at, study"),
    ("I spearheaded the migration.", "spearheaded", "led, started"),
    ("It created synergies between teams.", "synergies", "say what works better together, and how"),
    ("We used cutting edge tools.", "cutting edge", "name the technology"),
    ("It was a game-changer for us.", "game-changer", "say what changed, with a number"),
    ("This was a paradigm shift.", "paradigm shift", "say what changed"),
    ("I built a robust pipeline.", "robust", "reliable, tested (say how)"),
    ("I streamlined onboarding.", "streamlined", "simplified, sped up (say by how much)"),
    ("I utilised Python daily.", "utilised", "use"),
    ("I UTILIZE Python daily.", "UTILIZE", "use"),
    ("I am passionate about data.", "passionate about", "say what you did about it"),
    ("I have a proven track record.", "proven track record", "name the results"),
    (
        "I am writing to express my interest in the role.",
        "I am writing to express my interest",
        "open with why this role, in one concrete sentence",
    ),
    ("I’m writing to express my interest here.", "I’m writing to express my interest", None),
    ("A results-driven engineer.", "results-driven", "name a result"),
    ("I am a team player.", "team player", "show one thing you did with a team"),
    ("I am a go-getter.", "go-getter", "show what you started"),
    ("I like to think outside the box.", "think outside the box", "describe the idea"),
    ("I want to join a dynamic team.", "dynamic", "name what changes, or drop it"),
    ("It rolled out seamlessly.", "seamlessly", "smooth, without downtime (say what)"),
    ("I will hit the ground running.", "hit the ground running", "say what you can do in the first weeks"),
    ("I was thrilled to see it.", "thrilled", "glad, or drop it"),
    ("Your esteemed company.", "esteemed", "drop it"),
    ("A rich tapestry of systems.", "tapestry", "drop it"),
    ("It is a testament to the team.", "testament to", "shows"),
    ("I thrive in a fast-paced environment.", "fast-paced environment", "say what the pace is"),
    ("In a startup I wore many hats.", "wore many hats", "name the roles"),
    ("I am detail-oriented.", "detail-oriented", "show one detail you caught"),
    ("I am a self-starter.", "self-starter", "show what you started on your own"),
    ("We built best-in-class tooling.", "best-in-class", "say how it compares, with a number"),
    ("A world-class platform.", "world-class", "say how it compares, with a number"),
]


@pytest.mark.parametrize(("sentence", "hit", "suggestion"), FAMILIES)
def test_each_cliche_family_is_found_with_its_span_and_suggestion(
    sentence: str, hit: str, suggestion: str | None
) -> None:
    report = check_quality(LETTER, _letter(f"Some words first. {sentence} More words after."))
    found = report.by_check(QualityCheck.BANNED_PHRASE)
    assert [report.text[f.span[0] : f.span[1]] for f in found if f.span] == [hit]
    assert found[0].severity is W
    assert found[0].field == "paragraphs[0]"
    if suggestion is not None:
        assert found[0].suggestion == suggestion


@pytest.mark.parametrize(
    "sentence",
    [
        "We measured the robustness of the parser.",  # the noun is a real property, not the cliché adjective
        "I studied team dynamics.",  # "dynamics" is not "dynamic"
        "Python is dynamically typed.",
        "I solved it with dynamic programming.",  # technical terms: listed as not_before in the data
        "We fitted a robust regression.",
        "CPU utilization dropped.",  # the noun is a metric, not the verb
        "The delver found it.",
        "It is unleveraged.",
        "We held them in high esteem.",
    ],
)
def test_cliches_are_not_found_inside_other_words_or_technical_terms(sentence: str) -> None:
    report = check_quality(LETTER, _letter(sentence))
    assert report.by_check(QualityCheck.BANNED_PHRASE) == []


def test_spans_index_the_document_text_and_name_the_paragraph() -> None:
    letter = _letter("I build data pipelines.", "At Kassa I leveraged Redis to cut costs by 22%.", "Thank you.")
    report = check_quality(LETTER, letter)
    assert report.text == artifact_text(LETTER, letter.model_dump(mode="json"))
    [finding] = report.by_check(QualityCheck.BANNED_PHRASE)
    start, end = finding.span or (0, 0)
    assert report.text[start:end] == "leveraged"
    assert report.text.index("At Kassa I leveraged") + len("At Kassa I ") == start
    assert "paragraph 2" in finding.message
    assert "- Replace “leveraged” in paragraph 2 (instead: use, build on)." in revision_feedback(report).splitlines()


def test_quoting_the_job_ad_is_not_penalised() -> None:
    letter = _letter("You describe a fast-paced environment, and I have worked in one for six years.")
    plain = check_quality(LETTER, letter)
    assert [f.severity for f in plain.by_check(QualityCheck.BANNED_PHRASE)] == [W]

    ad = "We are a fast-paced environment where engineers own their services."
    quoted = check_quality(LETTER, letter, job_text=ad)
    [finding] = quoted.by_check(QualityCheck.BANNED_PHRASE)
    assert finding.severity is INFO and "job ad uses it too" in finding.message
    assert "fast-paced" not in revision_feedback(quoted)
    # `job.raw_text` is the default job text
    via_job = check_quality(LETTER, letter, job=JobPosting(raw_text=ad))
    assert [f.severity for f in via_job.by_check(QualityCheck.BANNED_PHRASE)] == [INFO]
    # the exemption covers only what the ad says
    other = check_quality(LETTER, _letter("I leveraged a fast-paced environment."), job_text=ad)
    assert sorted((f.severity, _text(other, f.span)) for f in other.by_check(QualityCheck.BANNED_PHRASE)) == [
        (INFO, "fast-paced environment"),
        (W, "leveraged"),
    ]


def _text(report: QualityReport, span: tuple[int, int] | None) -> str:
    return report.text[span[0] : span[1]] if span else ""


def test_only_generated_prose_is_judged_for_style() -> None:
    """A VPR's evidence quotes the CV and requirements quote the posting: not the writer's words."""
    vpr = VPR(
        headline="Backend engineer for the data platform",
        summary="I leveraged Kafka to cut latency.",
        evidence_matrix=[
            EvidenceRow(
                requirement="A proven track record with Kafka",
                evidence="Leveraged Kafka for tracking.",
                source="Nordlane — bullet 1",
                strength="strong",
            )
        ],
    )
    report = check_quality(ArtifactType.VPR, vpr)
    assert [(f.field, _text(report, f.span)) for f in report.by_check(QualityCheck.BANNED_PHRASE)] == [
        ("summary", "leveraged")
    ]


# =========================================================================================== placeholders
@pytest.mark.parametrize(
    "token",
    ["{{CANDIDATE_NAME}}", "[Company]", "[Your Name]", "<placeholder>", "<your name>", "Lorem ipsum", "XX%", "TBD"],
)
def test_placeholders_are_errors(token: str) -> None:
    report = check_quality(LETTER, _letter(f"I would love to join {token} next year."))
    assert _spans(report, QualityCheck.PLACEHOLDER) == [token]
    assert report.by_check(QualityCheck.PLACEHOLDER)[0].severity is E
    assert not report.passed
    assert f"Fill in or remove the placeholder “{token}” in paragraph 1." in revision_feedback(report)


@pytest.mark.parametrize("text", ["It grew by 30%.", "Size XXL.", "See [1] and [sic].", "Python >= 3.11 <4", "ATBD"])
def test_ordinary_text_is_not_a_placeholder(text: str) -> None:
    assert check_quality(LETTER, _letter(text)).by_check(QualityCheck.PLACEHOLDER) == []


def test_placeholders_are_found_in_every_field() -> None:
    letter = _letter("Fine text.", greeting="Dear [Hiring Manager],", signature="{{CANDIDATE_NAME}}")
    report = check_quality(LETTER, letter)
    assert _spans(report, QualityCheck.PLACEHOLDER) == ["[Hiring Manager]", "{{CANDIDATE_NAME}}"]
    cv = sample_cv().model_copy(update={"full_name": "{{CANDIDATE_NAME}}"})
    cv_report = check_quality(ArtifactType.TAILORED_CV, cv)
    assert [(f.field, _text(cv_report, f.span)) for f in cv_report.by_check(QualityCheck.PLACEHOLDER)] == [
        ("full_name", "{{CANDIDATE_NAME}}")
    ]


# =========================================================================================== word counts
def test_paragraph_helper_counts_exactly() -> None:
    assert [count_words(_paragraph(n)) for n in (90, 130, 70, 142, 3)] == [90, 130, 70, 142, 3]
    assert count_words("5+ years of CI/CD — in Python, at Nordlane.") == 8


def test_a_letter_within_every_range_passes() -> None:
    report = check_quality(LETTER, _good_letter())
    assert report.findings == []
    assert report.passed
    assert [(c.section, c.words, c.low, c.high) for c in report.word_counts] == [
        ("the whole letter", 296, 0, 400),  # 290 + greeting 3, closing 2, signature 1
        ("the hook (paragraph 1)", 90, 80, 100),
        ("the proof (paragraph 2)", 130, 120, 140),
        ("the close (paragraph 3)", 70, 60, 80),
    ]


@pytest.mark.parametrize(
    ("hook_words", "severity"),
    [(100, None), (110, INFO), (142, W), (160, E), (80, None), (70, INFO), (50, W), (30, E)],
)
def test_hook_length_tiers(hook_words: int, severity: QualitySeverity | None) -> None:
    report = check_quality(LETTER, _good_letter(hook=_paragraph(hook_words)))
    found = report.by_check(QualityCheck.WORD_COUNT)
    assert [f.severity for f in found] == ([] if severity is None else [severity])
    if severity is not None:
        assert found[0].message == f"The hook (paragraph 1) has {hook_words} words; the target is 80–100."
        assert found[0].field == "paragraphs[0]"
    assert report.passed is (severity is not E)


def test_word_count_feedback_for_the_writer() -> None:
    report = check_quality(LETTER, _good_letter(hook=_paragraph(142)))
    assert revision_feedback(report) == "- The hook (paragraph 1) has 142 words; aim for 80–100 (cut about 42)."


def test_letter_total_and_paragraph_structure() -> None:
    long = check_quality(LETTER, _letter(_paragraph(100), _paragraph(140), _paragraph(140), _paragraph(80)))
    messages = [f.message for f in long.by_check(QualityCheck.WORD_COUNT)]
    assert "The whole letter has 466 words; the target is at most 400." in messages  # 460 + greeting … signature
    assert any(m.startswith("The letter has 4 body paragraphs; aim for 3") for m in messages)
    assert "The proof (paragraphs 2–3) has 280 words; the target is 120–140." in messages

    two = check_quality(LETTER, _letter(_paragraph(90), _paragraph(70)))
    [structure] = [f for f in two.by_check(QualityCheck.WORD_COUNT) if "body paragraphs" in f.message]
    assert structure.severity is E and "the proof is missing" in structure.message
    assert not two.passed


def test_vpr_summary_range() -> None:
    ok = check_quality(ArtifactType.VPR, VPR(headline="Backend engineer", summary=_paragraph(220)))
    assert ok.by_check(QualityCheck.WORD_COUNT) == []
    short = check_quality(ArtifactType.VPR, VPR(headline="Backend engineer", summary=_paragraph(40)))
    [finding] = short.by_check(QualityCheck.WORD_COUNT)
    assert (finding.severity, finding.message) == (E, "The executive summary has 40 words; the target is 200–250.")


def _question(category: str, outline_words: int) -> InterviewQuestion:
    return InterviewQuestion(
        question="Tell me about a time you improved a pipeline.",
        category=category,
        why_asked="The posting asks for streaming.",
        talking_points=[_paragraph(outline_words)],
    )


def test_interview_prep_counts() -> None:
    good = InterviewPrep(questions=[_question(c, 200) for c in ("technical", "behavioral", "gap", "motivation")])
    assert check_quality(ArtifactType.INTERVIEW_PREP, good).by_check(QualityCheck.WORD_COUNT) == []

    short = InterviewPrep(questions=[_question("behavioural", 40), _question("motivation", 20)])
    report = check_quality(ArtifactType.INTERVIEW_PREP, short)
    assert [(f.severity, f.message) for f in report.by_check(QualityCheck.WORD_COUNT)] == [
        (E, "The STAR outline of question 1 has 40 words; the target is 150–300.")  # motivation has no STAR
    ]

    many = InterviewPrep(questions=[_question("technical", 200)] * 6 + [_question("gap", 200)] * 5)
    messages = sorted((f.severity, f.message) for f in check_quality(ArtifactType.INTERVIEW_PREP, many).findings)
    assert messages == [
        (W, "There are 11 questions; keep at most 10."),
        (W, "There are 5 gap questions; keep at most 4."),
        (W, "There are 6 technical questions; keep at most 4."),
    ]


def test_gap_question_count() -> None:
    def questions(n: int) -> GapQuestions:
        return GapQuestions(
            questions=[
                GapQuestion(id=f"q{i}", requirement="Kafka", question="Have you used Kafka?", why="-") for i in range(n)
            ]
        )

    assert check_quality(ArtifactType.GAP_QUESTIONS, questions(10)).findings == []
    assert [f.severity for f in check_quality(ArtifactType.GAP_QUESTIONS, questions(11)).findings] == [W]
    assert [f.severity for f in check_quality(ArtifactType.GAP_QUESTIONS, questions(16)).findings] == [E]


# =========================================================================================== sentence variety
def test_uniform_sentences_are_flagged_with_their_numbers() -> None:
    uniform = " ".join(_sentence(12) for _ in range(6))
    report = check_quality(LETTER, _letter(uniform))
    [finding] = [f for f in report.by_check(QualityCheck.SENTENCE_VARIETY)]
    assert finding.severity is W
    assert finding.message == (
        "The sentences in the letter are all about the same length: 6 sentences of 12–12 words (mean 12, "
        "variation 0.00, aim for 0.30 or more)."
    )
    assert _text(report, finding.span) == uniform


def test_varied_sentences_pass_and_three_sentences_are_too_few_to_judge() -> None:
    varied = " ".join(_sentence(n) for n in (5, 22, 9, 31, 14, 7))
    assert check_quality(LETTER, _letter(varied)).by_check(QualityCheck.SENTENCE_VARIETY) == []
    three = " ".join(_sentence(12) for _ in range(3))
    assert check_quality(LETTER, _letter(three)).by_check(QualityCheck.SENTENCE_VARIETY) == []


def test_very_long_sentences_are_flagged() -> None:
    long = _sentence(45)
    report = check_quality(LETTER, _letter(f"Short one. {long} Another short one."))
    [finding] = report.by_check(QualityCheck.SENTENCE_VARIETY)
    assert finding.message.startswith("A sentence in paragraph 1 has 45 words (more than 40)")
    assert _text(report, finding.span) == long
    assert check_quality(LETTER, _letter(_sentence(40))).by_check(QualityCheck.SENTENCE_VARIETY) == []


# =========================================================================================== ATS
@cache
def _parsed_sample() -> tuple[MasterCV, JobPosting]:
    from careervp_desktop.ingest.cv_parser import parse_cv_text
    from careervp_desktop.ingest.jd_parser import parse_job_posting

    cv = parse_cv_text(resource_path("samples", "sample_cv.md").read_text(encoding="utf-8"))
    job = parse_job_posting(resource_path("samples", "sample_jd.txt").read_text(encoding="utf-8"))
    return cv, job


MUST_MATCHED = ("Python", "PostgreSQL", "SQL", "Kafka", "AWS", "Docker", "CI/CD")
MUST_MISSING = ("SQL query optimisation", "event-streaming", "Infrastructure as Code", "Terraform", "Kubernetes")


def test_ats_score_of_the_sample_cv_is_high() -> None:
    cv, job = _parsed_sample()
    ats = check_quality(ArtifactType.TAILORED_CV, cv, job=job).ats
    assert ats is not None
    assert (ats.matched_keywords, ats.missing_keywords) == (MUST_MATCHED, MUST_MISSING)
    assert ats.keywords == 23.3  # 7 of 12 must-have skills
    assert (ats.sections, ats.fonts) == (20, 10)
    assert ats.formatting >= 24
    assert ats.total >= 77

    clean = check_quality(ArtifactType.TAILORED_CV, sample_cv(), job=job)  # the same CV, built field by field
    assert clean.ats is not None and clean.ats.formatting == 30 and clean.ats.total == 83
    assert [f.severity for f in clean.findings] == [INFO]  # only the missing must-haves, as information
    assert clean.passed


def test_ats_score_drops_without_skills_sections_or_bullets() -> None:
    _, job = _parsed_sample()
    cv = sample_cv()
    base = check_quality(ArtifactType.TAILORED_CV, cv, job=job).ats
    no_skills = check_quality(ArtifactType.TAILORED_CV, cv.model_copy(update={"skills": []}), job=job).ats
    no_education = check_quality(ArtifactType.TAILORED_CV, cv.model_copy(update={"education": []}), job=job).ats
    bare_jobs = [e.model_copy(update={"achievements": []}) for e in cv.experience]
    no_bullets = check_quality(ArtifactType.TAILORED_CV, cv.model_copy(update={"experience": bare_jobs}), job=job)
    assert base is not None and no_skills is not None and no_education is not None and no_bullets.ats is not None
    assert no_skills.sections == 15 and no_skills.keywords is not None and no_skills.keywords < (base.keywords or 0)
    assert set(no_skills.missing_keywords) - set(base.missing_keywords) == {"SQL", "Docker"}  # only skills name them
    assert no_education.sections == 15 and no_education.total == base.total - 5
    assert no_bullets.ats.formatting == 30 - 12  # no bullets, no bullet lengths to credit
    assert no_bullets.ats.total == 68  # 83 − 12 formatting − 3.3 keywords ("CI pipeline" was in a bullet)
    assert "Give job 1 at least 2 result bullets from your CV." in revision_feedback(no_bullets)
    contactless = cv.model_copy(update={"contact_info": ContactInfo()})
    report = check_quality(ArtifactType.TAILORED_CV, contactless, job=job)
    assert report.ats is not None and report.ats.formatting == 30 - 6
    assert {"The CV has no valid e-mail address.", "The CV has no phone number."} <= {
        f.message for f in report.findings
    }


def test_ats_findings_name_markup_long_bullets_dates_and_fonts() -> None:
    cv = sample_cv()
    jobs = list(cv.experience)
    jobs[0] = jobs[0].model_copy(
        update={"role": "### Senior Backend Engineer", "achievements": [_sentence(38), "Shipped it 🚀 on time."]}
    )
    jobs[1] = jobs[1].model_copy(update={"start_date": None, "dates_raw": "a while ago"})
    report = check_quality(ArtifactType.TAILORED_CV, cv.model_copy(update={"experience": jobs}))
    assert report.ats is not None and report.ats.keywords is None  # no job: scaled over the other 60 points
    by_message = {f.message: f for f in report.by_check(QualityCheck.ATS)}
    markup = by_message["Formatting residue in job 1, role: “###” (ATS read it as text)."]
    assert _text(report, markup.span) == "### Senior Backend Engineer"
    assert _text(report, by_message["Job 1, bullet 1 has 38 words (more than 35)."].span) == _sentence(38)
    dates = by_message["The dates of job 2 cannot be read: “a while ago”."]
    assert _text(report, dates.span) == "a while ago"
    assert "1 character our fonts cannot show: “🚀” (U+1F680)." in by_message
    assert (report.ats.fonts, report.ats.sections) == (8, 20)
    assert report.ats.formatting == pytest.approx(
        30 - 1 - 6 / 7 - 6 / 5, abs=0.05
    )  # markup, 1 of 7 bullets, 1 of 5 dates


def _hebrew_cv() -> MasterCV:
    """The sample CV written in Hebrew, tools named in Latin letters as Israeli CVs do."""
    return MasterCV(
        full_name="מאיה לינדקוויסט",
        contact_info=ContactInfo(email="maya@example.com", phone="+972 52 555 0142", location="חיפה"),
        professional_summary=(
            "מהנדסת Backend שבונה שירותי Python עתירי נתונים ללוגיסטיקה ולתשלומים מאז 2017. אני אוהבת להפוך "
            "עבודות אצווה איטיות ושבירות למערכות streaming אמינות, ואני מלווה את האנשים סביבי."
        ),
        experience=[
            ExperienceEntry(
                company="נורדליין לוגיסטיקה",
                role="מהנדסת Backend בכירה",
                start_date="2021-03",
                end_date="present",
                dates_raw="03/2021 – היום",
                achievements=[
                    "בניתי מחדש את צינור מעקב המשלוחים על Kafka ו-PostgreSQL, וקיצרתי את זמן האירוע מ-15 דקות "
                    "ל-40 שניות.",
                    "הובלתי צוות של 4 מהנדסים בהעברת 30 משימות cron ל-Airflow בלי משלוח אחד שהוחמץ.",
                    "הכנסתי בדיקות חוזה וצינור CI/CD ב-GitHub Actions, והעליתי את תדירות הפריסה משבועית ליומית.",
                    "ליוויתי 3 מפתחים צעירים; שניים קודמו בתוך שנה.",
                ],
            ),
            ExperienceEntry(
                company="קסה תשלומים",
                role="מהנדסת Backend",
                start_date="2018-08",
                end_date="2021-02",
                dates_raw="08/2018 – 02/2021",
                achievements=[
                    "בניתי ממשקי REST בPython וב-FastAPI שמעבדים 1.2 מיליון תשלומי כרטיס בחודש.",
                    "הורדתי את חשבון ה-AWS החודשי ב-22% בעזרת עותקי קריאה ומטמון ב-Redis.",
                    "כתבתי את מנוע חוקי ההונאה של צוות הסיכונים, עם 95% כיסוי בדיקות יחידה.",
                ],
            ),
            ExperienceEntry(
                company="ברייטפילד ייעוץ",
                role="מפתחת זוטרה",
                start_date="2017-06",
                end_date="2018-07",
                dates_raw="06/2017 – 07/2018",
                achievements=[
                    "תחזקתי אפליקציות Django לשלוש רשויות מקומיות.",
                    "הפכתי דוחות Excel שבועיים לאוטומטיים עם סקריפטים ב-Python, וחסכתי 6 שעות עבודה בשבוע.",
                ],
            ),
        ],
        education=[
            EducationEntry(institution="האוניברסיטה העברית", degree="M.Sc. מדעי המחשב", dates_raw="2015 – 2017"),
            EducationEntry(institution="הטכניון", degree="B.Sc. הנדסת תוכנה", dates_raw="2012 – 2015"),
        ],
        skills=list(sample_cv().skills),
        languages=["עברית", "אנגלית", "שוודית"],
        language="he",
    )


def test_a_hebrew_cv_scores_like_the_english_one() -> None:
    _, job = _parsed_sample()
    english = check_quality(ArtifactType.TAILORED_CV, sample_cv(), job=job)
    hebrew = check_quality(ArtifactType.TAILORED_CV, _hebrew_cv(), job=job)
    assert english.ats is not None and hebrew.ats is not None
    assert hebrew.ats == english.ats  # every part, and the same keywords found and missed
    assert [f.message for f in hebrew.findings] == [f.message for f in english.findings]


def test_latin_keywords_may_touch_hebrew_prefix_letters() -> None:
    job = JobPosting(requirements=[Requirement(text="Python, AWS and Go", skills=["Python", "AWS", "Go"])])
    cv = _hebrew_cv().model_copy(update={"skills": [], "professional_summary": "פיתחתי בPython ועברתי ל-AWS."})
    cv = cv.model_copy(update={"experience": [e.model_copy(update={"achievements": []}) for e in cv.experience]})
    ats = check_quality(ArtifactType.TAILORED_CV, cv, job=job).ats
    assert ats is not None
    assert (ats.matched_keywords, ats.missing_keywords) == (("Python", "AWS"), ("Go",))


def test_font_ranges_match_the_bundled_fonts() -> None:
    """The data's ranges are what both faces of a bundled family render (QRawFont reads the font files)."""
    from PySide6.QtGui import QRawFont

    fonts = resource_path("export", "fonts")
    families = [
        [QRawFont(str(fonts / f"{family}-{face}.ttf"), 11) for face in ("Regular", "Bold")]
        for family in ("Carlito", "NotoSansHebrew")
    ]
    assert all(f.isValid() for faces in families for f in faces)

    def renders(cp: int) -> bool:
        return any(all(f.supportsCharacter(cp) for f in faces) for faces in families)

    rules = load_rules()
    for lo, hi in zip(rules.font_starts, rules.font_ends, strict=True):
        assert all(renders(cp) for cp in {lo, (lo + hi) // 2, hi}), f"{lo:04X}-{hi:04X}"
        assert not renders(hi + 1), f"{hi + 1:04X} is rendered but not listed"
    for ch in "🚀中あ한ع":
        assert not renders(ord(ch))


# =========================================================================================== the offline engine
@cache
def _offline_reports() -> dict[ArtifactType, QualityReport]:
    from careervp_desktop.generation.offline import OfflineProvider
    from careervp_desktop.generation.pipeline import generate_all

    cv, job = _parsed_sample()
    result = generate_all(cv, job, provider=OfflineProvider(), today=TODAY)
    return {t: check_quality(t, a.content, job=job) for t, a in result.artifacts.items()}


def test_offline_documents_have_no_placeholders_or_cliches_and_spans_index_their_text() -> None:
    reports = _offline_reports()
    assert set(reports) == set(ArtifactType)
    for report in reports.values():
        assert report.by_check(QualityCheck.PLACEHOLDER) == []
        assert report.by_check(QualityCheck.BANNED_PHRASE) == []
        for f in report.findings:
            if f.span:
                assert 0 <= f.span[0] < f.span[1] <= len(report.text)


def test_offline_cover_letter_gap_questions_and_cv_pass() -> None:
    reports = _offline_reports()
    letter = reports[ArtifactType.COVER_LETTER]
    assert letter.passed and all(c.in_range for c in letter.word_counts), letter.word_counts
    assert reports[ArtifactType.GAP_QUESTIONS].passed
    cv = reports[ArtifactType.TAILORED_CV]
    assert cv.passed and cv.ats is not None and cv.ats.total >= 75


def test_offline_vpr_summary_is_within_range() -> None:
    assert _offline_reports()[ArtifactType.VPR].passed


def test_offline_interview_prep_outlines_are_within_range() -> None:
    assert _offline_reports()[ArtifactType.INTERVIEW_PREP].passed


# =========================================================================================== API and speed
def test_content_may_be_a_dict_and_rules_are_loaded_once() -> None:
    letter = _letter("I leveraged Redis.")
    as_model = check_quality(LETTER, letter)
    as_dict = check_quality(
        LETTER, {**letter.model_dump(mode="json"), "text": "derived"}
    )  # as `content_json` stores it
    assert as_dict == as_model
    assert load_rules() is load_rules()


def test_a_letter_is_checked_in_well_under_five_milliseconds() -> None:
    letter = _good_letter(proof=_paragraph(130) + " I leveraged Kafka.")
    job_text = resource_path("samples", "sample_jd.txt").read_text(encoding="utf-8")
    check_quality(LETTER, letter, job_text=job_text)
    times = []
    for _ in range(30):
        start = time.perf_counter()
        check_quality(LETTER, letter, job_text=job_text)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.005
