"""Findings in the UI language (ui/i18n.py `tr_finding`): the fact check's and the writing checks' English
messages (built in analysis/, stored in English) are matched against the templates of
`resources/i18n/he_findings.json` at display time. The catalog must cover every message the analysis layer can
build: the AST of analysis/fvs.py, quality.py and polish.py (the answer advice) is read for them, so a new
English message fails here."""

from __future__ import annotations

import ast
import json
import re
import string
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from careervp_desktop.ui import i18n
from tests.conftest import REPO

ANALYSIS = REPO / "careervp_desktop" / "analysis"
FINDINGS = REPO / "resources" / "i18n" / "he_findings.json"

# Builders of user-visible finding texts: call name -> positional indexes and keyword names of text arguments.
MESSAGE_CALLS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    # fvs.py
    "Violation": ((), ("message", "source")),
    "add": ((4, 5), ("message", "source")),  # _Checker.add(vtype, severity, start, end, message, source)
    "flag": ((2, 3), ()),  # _check_contact_fields.flag(path, value, message, source)
    "_violation": ((5, 6), ("message", "source")),
    # quality.py: message, suggestion (shown) and instruction (for the writer)
    "QualityFinding": ((2, 4, 6), ("message", "suggestion", "instruction")),
    "finding": ((0, 1), ("message", "instruction")),  # _ats's finding(message, instruction)
}
# Texts inserted into those messages that are themselves translated (places, sections, counted things).
FRAGMENT_CALLS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "_count_finding": ((0,), ()),  # section label: "the whole letter", "the STAR outline of question {}"
    "_count_limit": ((2,), ()),  # counted things: "questions", "{} questions"
    "WordCount": ((0,), ()),
}
# Functions whose returned strings are messages, sources or fragments.
RETURNING = {"_closest_quantity": "message", "_place": "fragment", "_target": "fragment", "advice": "message"}
# Module-level constants that are sources.
CONSTANTS = {"NOT_FOUND"}


def template(node: ast.AST) -> Iterator[str]:
    """The text template(s) of an argument: a literal as is, an f-string with `{}` for each expression, both
    branches of a conditional; anything else (a variable) yields nothing."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if node.value:  # "" is no message ("nothing to advise")
            yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(
            v.value.replace("{", "{{").replace("}", "}}") if isinstance(v, ast.Constant) else "{}" for v in node.values
        )
    elif isinstance(node, ast.IfExp):
        yield from template(node.body)
        yield from template(node.orelse)


def _name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def analysis_templates() -> tuple[set[str], set[str]]:
    """(message templates, fragment templates) built in analysis/fvs.py, quality.py and polish.py (advice)."""
    messages: set[str] = set()
    fragments: set[str] = set()
    for path in (ANALYSIS / "fvs.py", ANALYSIS / "quality.py", ANALYSIS / "polish.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for table, out in ((MESSAGE_CALLS, messages), (FRAGMENT_CALLS, fragments)):
                    spec = table.get(_name(node.func))
                    if spec is None:
                        continue
                    args = [a for i, a in enumerate(node.args) if i in spec[0]]
                    args += [k.value for k in node.keywords if k.arg in spec[1]]
                    for a in args:
                        out.update(template(a))
            elif isinstance(node, ast.FunctionDef) and node.name in RETURNING:
                out = messages if RETURNING[node.name] == "message" else fragments
                for r in ast.walk(node):
                    if isinstance(r, ast.Return) and r.value is not None:
                        out.update(template(r.value))
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in CONSTANTS for t in node.targets
            ):
                messages.update(template(node.value))
    return messages, fragments


# Templates the AST finds that are not translated: they only join or quote CV text ("Acme: 2021 – 2023").
UNTRANSLATED = {"{}: {}", "“{}”"}
# Templates the AST finds whose one field is a word the translation needs to see (a verb, a plural "s"): each is
# covered by the catalog's spelled-out entries listed here.
SPELLED_OUT = {
    "{} about {} words.": ("Add about {delta} words.", "Cut about {delta} words."),
    "{} has {} words; aim for {} ({} about {}).": (
        "{section} has {n} words; aim for {target} (add about {delta}).",
        "{section} has {n} words; aim for {target} (cut about {delta}).",
    ),
    "{} of the posting's {} must-have keywords are not in the CV: {}.": (
        "{missing_n} of the posting's {total} must-have keywords are not in the CV: {names}.",
    ),
    "{} character{} our fonts cannot show: {}.": ("{n} character{_s} our fonts cannot show: {shown}.",),
    "the {}": (),  # _place's one named field: the names _place uses, below
}
# Texts built in ways the AST test cannot see (a label assigned to a variable before the call, _place's parts
# from field names, a joined list): each must translate to a text with no English word left.
BUILT_ELSEWHERE = [
    "the hook (paragraph 1)",
    "the proof (paragraph 2)",
    "the proof (paragraphs 2–3)",
    "the close (paragraph 4)",
    "; the hook is missing",
    "; the proof is missing",
    "; the close is missing",
    "; the proof and close are missing",
    "; the hook and proof and close are missing",
    "the STAR outline of question 3",
    "technical questions",
    "behavioural questions",
    "situational questions",
    "motivation questions",
    "gap questions",
    "other questions",
    "the document",
    "the summary",
    "the greeting",
    "the closing",
    "the headline",
    "paragraph 2",
    "job 1, bullet 3",
    "education 2",
    "strength 1",
    "differentiator 2",
    "recommendation 1",
    "talking point 3",
    "question 4, talking point 1",
    "question 2, star, situation",
    "question to ask 1",
    "evidence row 2",
    " (none given)",
    "the signature",
    "the pitch",
    "certification 1, name",
    "job 2, dates raw",
    "evidence row 1, business impact",
    "question 3, why asked",
    "contact info, email",
]


def _blank(template: str) -> str:
    """A catalog template with `{}` for each field, as `template()` writes an f-string."""
    out = "".join(
        literal.replace("{", "{{").replace("}", "}}") + ("{}" if field is not None else "")
        for literal, field, _spec, _conv in string.Formatter().parse(template)
    )
    return out


def _collapsed(template: str) -> str:
    """Adjacent fields as one ("{section[0].upper()}{section[1:]}" is one text to match)."""
    while "{}{}" in template:
        template = template.replace("{}{}", "{}")
    return template


def findings() -> dict[str, dict[str, str]]:
    data = json.loads(FINDINGS.read_text(encoding="utf-8"))
    assert set(data) == {"messages", "fragments"}
    return data


def _fields(text: str) -> list[str]:
    return [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]


HEBREW = re.compile(r"[\u0590-\u05ff]")


def test_templates_compile_and_keep_their_fields() -> None:
    for section, table in findings().items():
        for english, translated in table.items():
            pattern = i18n.finding_pattern(english)
            fields = _fields(english)
            assert len(fields) == len(set(fields)), f"{section}: a field twice in {english!r}"
            assert all(f.isidentifier() for f in fields), f"{section}: unnamed field in {english!r}"
            assert set(pattern.groupindex) == set(fields)
            assert set(_fields(translated)) <= set(fields), f"{section}: {translated!r} has a field {english!r} lacks"
            left_out = set(fields) - set(_fields(translated))
            assert all(f.startswith("_") for f in left_out), f"{section}: {translated!r} drops {left_out}"
            assert HEBREW.search(translated) or not re.sub(r"\{\w+\}|[–\s]|STAR", "", translated), (section, english)


def test_every_message_the_analysis_builds_has_a_hebrew_template() -> None:
    messages, fragments = analysis_templates()
    assert len(messages) > 50 and fragments, "the AST walk found nothing: has the analysis code moved?"
    data = findings()
    keys = {_collapsed(_blank(k)) for table in data.values() for k in table}
    missing = []
    for found in sorted(messages | fragments):
        collapsed = _collapsed(found)
        if collapsed in UNTRANSLATED or collapsed in keys:
            continue
        if collapsed in SPELLED_OUT:
            assert all(k in data["messages"] or k in data["fragments"] for k in SPELLED_OUT[collapsed])
            continue
        missing.append(found)
    assert not missing, "English findings without a Hebrew template in he_findings.json:\n" + "\n".join(missing)


@pytest.fixture
def hebrew_ui(qapp: QApplication) -> Iterator[None]:
    """The UI in Hebrew as `install` sets it at start-up (as tests/ui/test_i18n.py's `hebrew`); English after."""
    assert i18n.install(qapp, "he") == "he"
    try:
        yield
    finally:
        i18n.install(qapp, "en")


@pytest.fixture
def hebrew_findings() -> Iterator[None]:
    i18n.set_language("he")
    try:
        yield
    finally:
        i18n.set_language("en")


def _plain(text: str) -> str:
    return text.replace(i18n.FSI, "").replace(i18n.PDI, "")


@pytest.mark.parametrize("text", BUILT_ELSEWHERE)
def test_texts_built_elsewhere_translate_whole(text: str, hebrew_findings: None) -> None:
    out = _plain(i18n.tr_section(text))
    assert HEBREW.search(out), text
    assert not re.search(r"[A-Za-z]{2,}", out.replace("STAR", "")), f"{text!r} -> {out!r}"


@pytest.mark.parametrize(
    ("english", "translated"),
    [
        ("Your CV does not mention Kubernetes.", "קורות החיים שלך לא מזכירים את Kubernetes."),
        ("not found in your CV", "לא מופיע"),
        ("your CV covers about 3.5 years of work", "כ-3.5 שנות עבודה"),
        ("Job 2, bullet 3 has 41 words (more than 30).", "במשרה 2, סעיף 3 יש 41 מילים (יותר מ-30)."),
        (
            "A sentence in job 2, bullet 3 has 40 words (more than 30): “Led the …”.",
            "משרה 2, סעיף 3: משפט של 40 מילים (יותר מ-30): ״Led the …״.",
        ),
        (
            "The hook (paragraph 1) has 120 words; aim for 40–80 (cut about 40).",
            "הפתיחה (פסקה 1): 120 מילים; היעד: 40–80 (לקצר בכ-40).",
        ),
        ("There are 6 technical questions; keep at most 4.", "יש 6 שאלות טכניות; מומלץ 4 לכל היותר."),
        ("Job 1 (Engineer) has 1 bullet; ATS and readers expect at least 3.", "במשרה 1 (Engineer) יש סעיף אחד;"),
        ("The dates of job 1 cannot be read (none given).", "לא ניתן לקרוא את התאריכים של משרה 1 (לא צוינו)."),
        ("This website address is not the one in your CV.", "כתובת האתר הזו אינה זו שבקורות החיים שלך."),
        ("“60%” (it counts something else)", "״60%״ (שם הוא סופר משהו אחר)"),
        (
            "Your answer does not say: task — what you were responsible for; result — what changed because of it (a"
            " number only if you can stand behind it). Add it in your own words; the polish never writes it for you.",
            "התשובה שלך לא מזכירה: משימה — מה היה באחריותך; תוצאה — מה השתנה בזכות זה (מספר רק אם אפשר לעמוד"
            " מאחוריו). כדאי להוסיף",
        ),
    ],
)
def test_hebrew_fills_the_template(english: str, translated: str, hebrew_findings: None) -> None:
    assert _plain(i18n.tr_finding(english)).startswith(translated)


def test_every_star_hint_of_the_polish_advice_translates(hebrew_findings: None) -> None:
    from careervp_desktop.analysis.polish import _HINTS

    for part, hint in _HINTS.items():
        out = _plain(i18n.tr_section(f"{part} — {hint}"))
        assert HEBREW.search(out) and not re.search(r"[A-Za-z]", out), f"{part} — {hint}"


def test_inserted_text_is_isolated_and_unknown_text_is_kept(hebrew_findings: None) -> None:
    out = i18n.tr_finding("Your CV does not mention Kubernetes.")
    assert f"{i18n.FSI}Kubernetes{i18n.PDI}" in out
    assert i18n.tr_finding("Acme Corp — Senior Engineer") == "Acme Corp — Senior Engineer"
    assert i18n.tr_finding("") == ""
    assert i18n.tr_finding("Summary, experience") == "Summary, experience", "a source is not taken for a place"


def test_english_returns_the_text_itself() -> None:
    i18n.set_language("en")
    text = "Your CV does not mention Kubernetes."
    assert i18n.tr_finding(text) is text
    assert i18n.tr_section("the whole letter") == "the whole letter"


def test_a_fabricated_claim_reads_in_hebrew_in_the_panels(qtbot, hebrew_ui: None) -> None:
    from careervp_desktop.analysis.fvs import FactSources, check_text
    from careervp_desktop.ui.checks_panel import checks_html
    from careervp_desktop.ui.fvs_highlight import tooltip_html
    from careervp_desktop.ui.violations_panel import ViolationsPanelView, violation_line
    from tests.analysis.samples import TODAY, sample_cv

    found = check_text("I run Kubernetes clusters in production.", FactSources.from_cv(sample_cv(), today=TODAY))
    assert [v.text for v in found] == ["Kubernetes"]
    assert found[0].message == "Your CV does not mention Kubernetes.", "stored and checked in English"
    message = "קורות החיים שלך לא מזכירים את"
    for shown in (tooltip_html(found), violation_line(found[0]), checks_html("T", violations=found)):
        assert message in _plain(shown) and "לא מופיע" in _plain(shown)
        assert "does not mention" not in shown
    panel = ViolationsPanelView("violations")
    qtbot.addWidget(panel)
    panel.set_violations(found)
    assert message in _plain(panel.list.item(0).toolTip())


def test_a_fabricated_claim_stays_english_in_english(qapp: QApplication) -> None:
    from careervp_desktop.analysis.fvs import FactSources, check_text
    from careervp_desktop.ui.fvs_highlight import tooltip_html
    from tests.analysis.samples import TODAY, sample_cv

    found = check_text("I run Kubernetes clusters in production.", FactSources.from_cv(sample_cv(), today=TODAY))
    assert "Your CV does not mention Kubernetes." in tooltip_html(found)
    assert "not found in your CV" in tooltip_html(found)


if __name__ == "__main__":
    m, f = analysis_templates()
    print(json.dumps({"messages": sorted(m), "fragments": sorted(f)}, ensure_ascii=False, indent=1))
