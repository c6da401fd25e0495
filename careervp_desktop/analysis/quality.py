"""Quality checks on every generated document: local, deterministic, a few milliseconds.

`check_quality(type, content, *, job=None, job_text=None) -> QualityReport` runs every check that applies to the
artifact type; `revision_feedback(report)` turns the errors and warnings into a short instruction list a writer
(an LLM, or the user) can act on in one revision round.

Checks and severities (`QualityFinding.check`)
    banned_phrase     a stock phrase or AI cliché ("leverage", "passionate about", "I am writing to express my
                      interest") in generated prose                                                  warning
                      … also in the job ad passed as `job_text` (quoting the employer is fine)         info
    placeholder       a template token left in any field: {{CANDIDATE_NAME}}, [Company], <your name>,
                      Lorem ipsum, XX%, TBD                                                           error
    word_count        a section outside its target range (table below): inside the tolerance (±15%)  info
                      beyond it                                                                     warning
                      more than 50% beyond it, or a required section missing                          error
                      more questions than the limit                                        warning (error at +50%)
    sentence_variety  ≥ 4 sentences of near-equal length (coefficient of variation < 0.3) in the letter,
                      a summary; a sentence over 40 words in any generated prose                       warning
    ats               tailored CV only: missing contact details, sections, unparseable dates, markup,
                      over-long bullets, characters our fonts cannot render, a job without bullets   warning
                      a job with one bullet; the posting's must-have keywords missing (warning when
                      fewer than half of them appear)                                                 info
`QualityReport.passed` is False when any error-severity finding exists. The phrase lists, placeholder patterns,
limits and font coverage are data, in `resources/analysis/quality.json`, compiled once (`load_rules()` is cached).

Where the targets apply (the content models have no "hook" or "STAR" fields; this is the mapping)
    cover letter     whole letter (greeting … signature) ≤ 400 words; `paragraphs` are the body: 3 expected —
                     paragraphs[0] = hook 80–100, paragraphs[1] = proof 120–140, paragraphs[-1] = close 60–80;
                     with more than 3 the middle ones together are the proof; fewer → the missing part is an error
    VPR              `summary` (the executive summary) 200–250
    interview prep   ≤ 10 questions, ≤ 4 per `category`; the STAR outline of a technical, behavioural or gap
                     question is its `star` (else its `talking_points`; `evidence` quotes the CV) 150–300 words
    gap questions    ≤ 10 questions
Which fields count as generated prose (clichés, long sentences): the letter's greeting, paragraphs and closing; the
VPR's headline, summary, strengths, differentiators, recommendations and talking points; questions and their
why/why_asked, talking points and questions to ask; the CV's summary and achievements. Fields that quote the
posting (requirements) or the CV (evidence, business impact), names, dates and ids are not judged for style;
every field is searched for placeholders.

ATS score of a tailored CV (`AtsScore`, 0–100)
    keywords 40    share of the posting's must-have skills (`Requirement.skills` of MUST requirements; the
                   posting's `keywords` when it has none) that appear in the CV: the posting's spelling (case,
                   spaces and hyphens aside) or a vocabulary alias of it (Postgres for PostgreSQL); implied skills
                   do not count — an ATS reads words. A Latin-script keyword may touch Hebrew letters ("בPython").
                   Without a job the part is None and the total is the other three scaled to 100.
    formatting 30  contact 8 (name 2, e-mail 3, phone 3), bullets under every job 6, bullets ≤ 35 words 6,
                   dates that parse 6, no markup or table residue (#-headings, **, |…|, tabs, box drawing) 4
    sections 20    summary, experience, education, skills: 5 each. A structured CV's headings are written by our
                   exporter in the CV's language, so presence of the content is what is checked — a Hebrew CV is
                   judged exactly like an English one.
    fonts 10       the exported CV uses our bundled fonts (Carlito, Noto Sans Hebrew); −2 per distinct character
                   neither renders (emoji, CJK…). The ranges were measured from the font files.

Offsets: `QualityFinding.span` indexes `QualityReport.text`, which is `domain.artifact_text.artifact_text(type,
content)` — the readable text of the document; `QualityFinding.field` names the content field ("paragraphs[1]").
"""

from __future__ import annotations

import bisect
import json
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache

from pydantic import BaseModel

from careervp_desktop.analysis.dates import parse_point, parse_range
from careervp_desktop.analysis.textnorm import fold, fold_chars, sentences
from careervp_desktop.domain.artifact_text import artifact_text
from careervp_desktop.domain.artifacts import content_model
from careervp_desktop.domain.models import ArtifactType, JobPosting, MasterCV, RequirementKind
from careervp_desktop.domain.skills import load_vocabulary
from careervp_desktop.resources import resource_path


class QualityCheck(StrEnum):
    BANNED_PHRASE = "banned_phrase"
    SENTENCE_VARIETY = "sentence_variety"
    WORD_COUNT = "word_count"
    PLACEHOLDER = "placeholder"
    ATS = "ats"


class QualitySeverity(StrEnum):
    ERROR = "error"  # must be fixed: the document is not ready (`QualityReport.passed` is False)
    WARNING = "warning"  # should be fixed; goes into the revision feedback
    INFO = "info"  # worth knowing; not in the feedback


@dataclass(frozen=True, slots=True)
class QualityFinding:
    check: QualityCheck
    severity: QualitySeverity
    message: str  # one line for the user
    span: tuple[int, int] | None = None  # (start, end) in `QualityReport.text`
    suggestion: str = ""
    field: str | None = None  # the content field, e.g. "paragraphs[1]", "experience[0].achievements[2]"
    instruction: str = ""  # one imperative line for the writer (see `revision_feedback`)


@dataclass(frozen=True, slots=True)
class WordCount:
    """Actual words of one section against its target (`low` is 0 for a maximum-only target)."""

    section: str  # "hook", "whole letter", "summary", "question 3 outline", "questions", …
    words: int
    low: int
    high: int
    field: str | None = None

    @property
    def in_range(self) -> bool:
        return self.low <= self.words <= self.high


@dataclass(frozen=True, slots=True)
class AtsScore:
    keywords: float | None  # 0–40 (None: no job, or a job without keywords)
    formatting: float  # 0–30
    sections: float  # 0–20
    fonts: float  # 0–10
    matched_keywords: tuple[str, ...] = ()
    missing_keywords: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        rest = self.formatting + self.sections + self.fonts
        if self.keywords is None:
            return round(rest * 100 / 60)
        return round(self.keywords + rest)


@dataclass(frozen=True)
class QualityReport:
    artifact_type: ArtifactType
    text: str  # the document text every span indexes
    findings: list[QualityFinding] = field(default_factory=list)
    word_counts: list[WordCount] = field(default_factory=list)
    ats: AtsScore | None = None

    @property
    def passed(self) -> bool:
        return not any(f.severity is QualitySeverity.ERROR for f in self.findings)

    @property
    def errors(self) -> list[QualityFinding]:
        return [f for f in self.findings if f.severity is QualitySeverity.ERROR]

    @property
    def warnings(self) -> list[QualityFinding]:
        return [f for f in self.findings if f.severity is QualitySeverity.WARNING]

    def by_check(self, check: QualityCheck) -> list[QualityFinding]:
        return [f for f in self.findings if f.check is check]

    def check_passed(self, check: QualityCheck) -> bool:
        """No error or warning of this check."""
        return not any(f.check is check and f.severity is not QualitySeverity.INFO for f in self.findings)


# =========================================================================================== the rules (data)
@dataclass(frozen=True, slots=True)
class PhraseFamily:
    forms: tuple[str, ...]
    suggestion: str
    not_before: frozenset[str] = frozenset()  # next words that make it a technical term ("dynamic programming")

    @property
    def name(self) -> str:
        return self.forms[0]


@dataclass(frozen=True, slots=True)
class Placeholder:
    name: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class QualityRules:
    families: tuple[PhraseFamily, ...]
    phrase_re: re.Pattern[str]  # every form of every family, one alternation
    family_of: Mapping[str, int]  # phrase key (see `_phrase_key`) -> index in `families`
    placeholders: tuple[Placeholder, ...]
    placeholder_re: re.Pattern[str]  # any placeholder (a quick pre-filter)
    sentences: Mapping[str, float]
    word_counts: Mapping[str, object]
    ats: Mapping[str, object]
    markup_re: re.Pattern[str]
    font_starts: tuple[int, ...]
    font_ends: tuple[int, ...]

    def limit(self, *keys: str) -> object:
        node: object = self.word_counts
        for k in keys:
            assert isinstance(node, Mapping)
            node = node[k]
        return node


_SEP = r"[\s\-\u2010\u2011]+"  # a space or a hyphen between the words of a phrase matches either
_NEXT_WORD = re.compile(r"[\s\-]+([^\W\d_]+)")


def _phrase_key(text: str) -> str:
    return re.sub(_SEP, " ", text.casefold().replace("’", "'")).strip()


def _trie_pattern(forms: Iterable[str]) -> str:
    """One pattern for many phrases, factored by common prefixes ("leverag(?:e(?:d|s)?|ing)"): the regex engine
    tries one branch per letter instead of every phrase at every position (≈ 7× faster than a flat alternation)."""
    trie: dict[str, object] = {}
    for form in forms:
        node = trie
        for ch in _phrase_key(form):
            child = node.setdefault(ch, {})
            assert isinstance(child, dict)
            node = child
        node[""] = {}
    return _trie_branch(trie)


def _trie_branch(node: Mapping[str, object]) -> str:
    alts: list[str] = []
    for ch, child in sorted(node.items()):
        if ch == "":
            continue
        assert isinstance(child, Mapping)
        piece = _SEP if ch == " " else "['’]" if ch == "'" else re.escape(ch)
        alts.append(piece + _trie_branch(child))
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:  # a phrase ends here; longer ones go on
        return f"(?:{body})?" if len(alts) == 1 else body + "?"
    return body


@cache
def load_rules() -> QualityRules:
    """The phrase lists, patterns and limits of `resources/analysis/quality.json`, compiled (cached)."""
    with resource_path("analysis", "quality.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    families: list[PhraseFamily] = []
    family_of: dict[str, int] = {}
    for raw in data["banned_phrases"]:
        fam = PhraseFamily(
            tuple(raw["forms"]), raw["suggestion"], frozenset(w.casefold() for w in raw.get("not_before", ()))
        )
        for form in fam.forms:
            family_of[_phrase_key(form)] = len(families)
        families.append(fam)
    forms = [f for fam in families for f in fam.forms]
    phrase_re = re.compile(r"(?<![\w\-])" + _trie_pattern(forms) + r"(?!\w)(?!-\w)", re.IGNORECASE)
    placeholders = tuple(Placeholder(p["name"], re.compile(p["pattern"])) for p in data["placeholders"])
    any_placeholder = "|".join(f"(?:{p.pattern.pattern})" for p in placeholders)
    starts: list[int] = []
    ends: list[int] = []
    for r in sorted(data["fonts"]["ranges"], key=lambda s: int(s.split("-")[0], 16)):
        lo, _, hi = r.partition("-")
        starts.append(int(lo, 16))
        ends.append(int(hi or lo, 16))
    return QualityRules(
        families=tuple(families),
        phrase_re=phrase_re,
        family_of=family_of,
        placeholders=placeholders,
        placeholder_re=re.compile(any_placeholder),
        sentences=data["sentences"],
        word_counts=data["word_counts"],
        ats=data["ats"],
        markup_re=re.compile(data["ats"]["markup"], re.MULTILINE),
        font_starts=tuple(starts),
        font_ends=tuple(ends),
    )


# =========================================================================================== fields in the text
@dataclass(frozen=True, slots=True)
class _Field:
    path: str  # "paragraphs[1]"
    keys: tuple[str | int, ...]
    start: int
    end: int

    @property
    def name(self) -> str:
        """The last key name: what kind of field it is ("paragraphs", "talking_points", "summary")."""
        return next((k for k in reversed(self.keys) if isinstance(k, str)), "")


def _path(keys: Sequence[str | int]) -> str:
    out = ""
    for k in keys:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else k)
    return out


def _locate_fields(data: Mapping[str, object], text: str) -> list[_Field]:
    """Every non-empty string value of the content with its offsets in `artifact_text(type, data)`: the rendering
    writes fields in key order as "Label: value" or "- value", so each is found after the previous one."""
    found: list[_Field] = []
    cursor = 0

    def walk(value: object, keys: tuple[str | int, ...]) -> None:
        nonlocal cursor
        if isinstance(value, Mapping):
            for k, item in value.items():
                if item is None or item == [] or item == {} or item == "":
                    continue
                walk(item, (*keys, str(k)))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if item is not None:
                    walk(item, (*keys, i))
        elif isinstance(value, str):
            last = keys[-1] if keys else ""
            prefix = f"{str(last).replace('_', ' ').capitalize()}: " if isinstance(last, str) else "- "
            pos = text.find(prefix + value, cursor)
            if pos >= 0:
                pos += len(prefix)
            else:  # not expected; fall back to the bare value
                pos = text.find(value, cursor)
            if pos >= 0:
                found.append(_Field(_path(keys), keys, pos, pos + len(value)))
                cursor = pos + len(value)

    walk(data, ())
    return found


_PLACE_NAMES = {
    "experience": "job",
    "achievements": "bullet",
    "evidence_matrix": "evidence row",
    "talking_points": "talking point",
    "questions_to_ask": "question to ask",
    "paragraphs": "paragraph",
}


def _place(keys: Sequence[str | int]) -> str:
    """A field in the user's words: "paragraph 2", "job 1, bullet 3", "question 4, talking point 1"."""
    parts: list[str] = []
    for i, k in enumerate(keys):
        if isinstance(k, int):
            continue
        name = _PLACE_NAMES.get(k) or k.replace("_", " ")
        nxt = keys[i + 1] if i + 1 < len(keys) else None
        if isinstance(nxt, int):
            if name not in _PLACE_NAMES.values() and name.endswith("s"):
                name = name[:-1]
            parts.append(f"{name} {nxt + 1}")
        else:
            parts.append(name)
    if len(parts) == 1 and not any(isinstance(k, int) for k in keys):
        return f"the {parts[0]}"  # "the summary", "the greeting"
    return ", ".join(parts) or "the document"


# Generated prose: judged for clichés and long sentences (see the module docstring).
_PROSE: dict[ArtifactType, frozenset[str]] = {
    ArtifactType.COVER_LETTER: frozenset({"greeting", "paragraphs", "closing"}),
    ArtifactType.VPR: frozenset(
        {"headline", "summary", "strengths", "differentiators", "recommendations", "talking_points"}
    ),
    ArtifactType.GAP_QUESTIONS: frozenset({"question", "why"}),
    ArtifactType.INTERVIEW_PREP: frozenset({"question", "why_asked", "talking_points", "questions_to_ask"}),
    ArtifactType.TAILORED_CV: frozenset({"professional_summary", "achievements"}),
}
# Running prose whose sentence rhythm is judged (the letter body is judged as a whole).
_RHYTHM: dict[ArtifactType, frozenset[str]] = {
    ArtifactType.VPR: frozenset({"summary"}),
    ArtifactType.TAILORED_CV: frozenset({"professional_summary"}),
}

_WORD = re.compile(r"[^\W_]+(?:['’.\-/&][^\W_]+)*")


def count_words(text: str) -> int:
    """Words as a reader counts them: "5+" and "CI/CD" are one, dashes and bullets none."""
    return len(_WORD.findall(text))


# =========================================================================================== entry point
def check_quality(
    artifact_type: ArtifactType,
    content: BaseModel | Mapping[str, object],
    *,
    job: JobPosting | None = None,
    job_text: str | None = None,
) -> QualityReport:
    """Every quality check that applies to the artifact. `content` is the content model (or its JSON dict);
    `job_text` (default: `job.raw_text`) exempts clichés the posting itself uses; `job` feeds the ATS keywords."""
    artifact_type = ArtifactType(artifact_type)
    model = content if isinstance(content, BaseModel) else content_model(artifact_type).model_validate(content)
    data: dict[str, object] = model.model_dump(mode="json")
    text = artifact_text(artifact_type, data)
    fields = _locate_fields(data, text)
    rules = load_rules()
    if job_text is None and job is not None:
        job_text = job.raw_text
    findings: list[QualityFinding] = []
    findings += _check_placeholders(text, fields, rules)
    prose = [f for f in fields if f.name in _PROSE[artifact_type]]
    findings += _check_phrases(text, prose, rules, job_text or "")
    findings += _check_long_sentences(text, prose, rules)
    rhythm = _RHYTHM.get(artifact_type, frozenset())
    for f in prose:
        if f.name in rhythm:
            findings += _check_rhythm(text, [f], _place(f.keys), f.path, rules)
    counts: list[WordCount] = []
    ats: AtsScore | None = None
    if artifact_type is ArtifactType.COVER_LETTER:
        body = [f for f in fields if f.name == "paragraphs"]
        findings += _check_rhythm(text, body, "the letter", None, rules)
        findings += _letter_counts(text, fields, body, rules, counts)
    elif artifact_type is ArtifactType.VPR:
        findings += _vpr_counts(text, fields, rules, counts)
    elif artifact_type is ArtifactType.INTERVIEW_PREP:
        findings += _interview_counts(text, data, fields, rules, counts)
    elif artifact_type is ArtifactType.GAP_QUESTIONS:
        questions = data.get("questions")
        n = len(questions) if isinstance(questions, list) else 0
        findings += _count_limit(n, _int(rules.limit("gap_questions", "max_questions")), "questions", rules, counts)
    elif artifact_type is ArtifactType.TAILORED_CV:
        assert isinstance(model, MasterCV)
        ats, ats_findings = _ats(model, job, text, fields, rules)
        findings += ats_findings
    order = {QualitySeverity.ERROR: 0, QualitySeverity.WARNING: 1, QualitySeverity.INFO: 2}
    findings.sort(key=lambda f: (order[f.severity], f.span[0] if f.span else -1))
    return QualityReport(artifact_type, text, findings, counts, ats)


def revision_feedback(report: QualityReport, *, limit: int = 15) -> str:
    """The errors and warnings as a short instruction list for one revision round ("" when there is nothing to
    do), errors first."""
    lines: list[str] = []
    for f in report.findings:
        if f.severity is QualitySeverity.INFO:
            continue
        line = f.instruction or f.message
        if line not in lines:
            lines.append(line)
    if not lines:
        return ""
    extra = len(lines) - limit
    lines = lines[:limit] + ([f"… and {extra} more."] if extra > 0 else [])
    return "\n".join(f"- {line}" for line in lines)


# =========================================================================================== placeholders
def _check_placeholders(text: str, fields: Iterable[_Field], rules: QualityRules) -> list[QualityFinding]:
    if not rules.placeholder_re.search(text):  # the usual case: one pass over the whole text
        return []
    out: list[QualityFinding] = []
    for f in fields:
        if f.name == "id" or not rules.placeholder_re.search(text, f.start, f.end):
            continue
        for p in rules.placeholders:
            for m in p.pattern.finditer(text, f.start, f.end):
                place = _place(f.keys)
                out.append(
                    QualityFinding(
                        QualityCheck.PLACEHOLDER,
                        QualitySeverity.ERROR,
                        f"A placeholder is left in {place}: “{m.group(0)}” ({p.name}).",
                        (m.start(), m.end()),
                        "Replace it with the real text, or remove it.",
                        f.path,
                        f"Fill in or remove the placeholder “{m.group(0)}” in {place}.",
                    )
                )
    return _without_overlaps(out)


def _without_overlaps(found: list[QualityFinding]) -> list[QualityFinding]:
    found.sort(key=lambda f: (f.span or (0, 0))[0])
    out: list[QualityFinding] = []
    end = -1
    for f in found:
        s, e = f.span or (0, 0)
        if s < end:
            continue
        out.append(f)
        end = e
    return out


# =========================================================================================== clichés
@lru_cache(maxsize=8)
def _families_in(job_text: str) -> frozenset[int]:
    """The phrase families the job ad itself uses (one job ad is checked against five documents)."""
    rules = load_rules()
    return frozenset(i for m in rules.phrase_re.finditer(job_text) if (i := _family(rules, m)) is not None)


def _family(rules: QualityRules, m: re.Match[str]) -> int | None:
    index = rules.family_of.get(_phrase_key(m.group(0)))
    if index is None:
        return None
    blockers = rules.families[index].not_before
    if blockers:
        nxt = _NEXT_WORD.match(m.string, m.end())
        if nxt and nxt.group(1).casefold() in blockers:
            return None
    return index


def _check_phrases(text: str, prose: Iterable[_Field], rules: QualityRules, job_text: str) -> list[QualityFinding]:
    exempt = _families_in(job_text) if job_text else frozenset()
    out: list[QualityFinding] = []
    fields = sorted(prose, key=lambda f: f.start)
    starts = [f.start for f in fields]
    for m in rules.phrase_re.finditer(text):  # one pass; hits outside generated prose are dropped
        k = bisect.bisect_right(starts, m.start()) - 1
        if k < 0 or m.end() > fields[k].end:
            continue
        f = fields[k]
        index = _family(rules, m)
        if index is None:
            continue
        fam = rules.families[index]
        place = _place(f.keys)
        phrase = m.group(0)
        if index in exempt:
            out.append(
                QualityFinding(
                    QualityCheck.BANNED_PHRASE,
                    QualitySeverity.INFO,
                    f"“{phrase}” in {place} is a stock phrase, but the job ad uses it too.",
                    (m.start(), m.end()),
                    fam.suggestion,
                    f.path,
                )
            )
            continue
        out.append(
            QualityFinding(
                QualityCheck.BANNED_PHRASE,
                QualitySeverity.WARNING,
                f"“{phrase}” in {place} is a stock phrase; say it plainly ({fam.suggestion}).",
                (m.start(), m.end()),
                fam.suggestion,
                f.path,
                f"Replace “{phrase}” in {place} (instead: {fam.suggestion}).",
            )
        )
    return out


# =========================================================================================== sentences
def _sentence_words(text: str, f: _Field) -> list[tuple[int, int, int]]:
    """(start, end, words) of each sentence of a field, offsets in `text`."""
    chunk = text[f.start : f.end]
    return [(f.start + s.start, f.start + s.end, count_words(s.text)) for s in sentences(chunk) if s.text.strip()]


def _check_long_sentences(text: str, prose: Iterable[_Field], rules: QualityRules) -> list[QualityFinding]:
    limit = int(rules.sentences["max_words"])
    out: list[QualityFinding] = []
    for f in prose:
        for start, end, n in _sentence_words(text, f):
            if n <= limit:
                continue
            place = _place(f.keys)
            opening = " ".join(text[start:end].split()[:6])
            out.append(
                QualityFinding(
                    QualityCheck.SENTENCE_VARIETY,
                    QualitySeverity.WARNING,
                    f"A sentence in {place} has {n} words (more than {limit}): “{opening} …”.",
                    (start, end),
                    "Split it in two.",
                    f.path,
                    f"Split the {n}-word sentence in {place} that starts “{opening}”; keep sentences under {limit} "
                    "words.",
                )
            )
    return out


def _check_rhythm(
    text: str, parts: Sequence[_Field], place: str, path: str | None, rules: QualityRules
) -> list[QualityFinding]:
    lengths = [n for f in parts for _, _, n in _sentence_words(text, f)]
    min_n = int(rules.sentences["min_sentences"])
    min_cv = float(rules.sentences["min_variation"])
    if len(lengths) < min_n:
        return []
    mean = statistics.fmean(lengths)
    variation = statistics.pstdev(lengths) / mean if mean else 0.0
    if variation >= min_cv:
        return []
    return [
        QualityFinding(
            QualityCheck.SENTENCE_VARIETY,
            QualitySeverity.WARNING,
            f"The sentences in {place} are all about the same length: {len(lengths)} sentences of "
            f"{min(lengths)}–{max(lengths)} words (mean {mean:.0f}, variation {variation:.2f}, aim for "
            f"{min_cv:.2f} or more).",
            (parts[0].start, parts[-1].end),
            "Mix short sentences with longer ones.",
            path,
            f"Vary sentence length in {place}: it has {len(lengths)} sentences of {min(lengths)}–{max(lengths)} "
            "words; mix short ones with longer ones.",
        )
    ]


# =========================================================================================== word counts
def _int(value: object) -> int:
    assert isinstance(value, int | float)
    return int(value)


def _pair(value: object) -> tuple[int, int]:
    assert isinstance(value, list) and len(value) == 2
    return _int(value[0]), _int(value[1])


def _range_severity(n: int, low: int, high: int, rules: QualityRules) -> QualitySeverity | None:
    if low <= n <= high:
        return None
    deviation = (low - n) / low if n < low else (n - high) / max(high, 1)
    if deviation <= float(_num(rules.limit("tolerance"))):
        return QualitySeverity.INFO
    if deviation <= float(_num(rules.limit("far"))):
        return QualitySeverity.WARNING
    return QualitySeverity.ERROR


def _num(value: object) -> float:
    assert isinstance(value, int | float)
    return float(value)


def _target(low: int, high: int) -> str:
    return f"at most {high}" if low == 0 else f"{low}–{high}"


def _count_finding(
    section: str,
    n: int,
    low: int,
    high: int,
    rules: QualityRules,
    counts: list[WordCount],
    span: tuple[int, int] | None,
    path: str | None,
) -> list[QualityFinding]:
    counts.append(WordCount(section, n, low, high, path))
    severity = _range_severity(n, low, high, rules)
    if severity is None:
        return []
    short = n < low
    delta = low - n if short else n - high
    verb = "Add" if short else "Cut"
    return [
        QualityFinding(
            QualityCheck.WORD_COUNT,
            severity,
            f"{section[0].upper()}{section[1:]} has {n} words; the target is {_target(low, high)}.",
            span,
            f"{verb} about {delta} words.",
            path,
            f"{section[0].upper()}{section[1:]} has {n} words; aim for {_target(low, high)} "
            f"({verb.lower()} about {delta}).",
        )
    ]


def _count_limit(
    n: int, limit: int, what: str, rules: QualityRules, counts: list[WordCount], per: str = ""
) -> list[QualityFinding]:
    label = f"{what}{per}"
    counts.append(WordCount(label, n, 0, limit))
    if n <= limit:
        return []
    severity = QualitySeverity.ERROR if n > limit * (1 + _num(rules.limit("far"))) else QualitySeverity.WARNING
    return [
        QualityFinding(
            QualityCheck.WORD_COUNT,
            severity,
            f"There are {n} {label}; keep at most {limit}.",
            None,
            f"Drop the {n - limit} weakest.",
            None,
            f"Keep at most {limit} {label} (there are {n}): drop the {n - limit} weakest.",
        )
    ]


_LETTER_PARTS = ("hook", "proof", "close")


def _letter_counts(
    text: str, fields: Sequence[_Field], body: Sequence[_Field], rules: QualityRules, counts: list[WordCount]
) -> list[QualityFinding]:
    limits = rules.limit("cover_letter")
    assert isinstance(limits, Mapping)
    letter = [f for f in fields if f.name in ("greeting", "paragraphs", "closing", "signature")]
    total = sum(count_words(text[f.start : f.end]) for f in letter)
    span = (letter[0].start, letter[-1].end) if letter else None
    out = _count_finding("the whole letter", total, 0, _int(limits["total_max"]), rules, counts, span, None)
    expected = _int(limits["paragraphs"])
    parts: dict[str, list[_Field]] = {}
    if len(body) >= 3:
        parts = {"hook": [body[0]], "proof": list(body[1:-1]), "close": [body[-1]]}
    elif len(body) == 2:
        parts = {"hook": [body[0]], "close": [body[1]]}
    elif len(body) == 1:
        parts = {"hook": [body[0]]}
    if len(body) != expected:
        missing = [p for p in _LETTER_PARTS if p not in parts]
        severity = QualitySeverity.ERROR if missing else QualitySeverity.WARNING
        what = f"; the {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing" if missing else ""
        out.append(
            QualityFinding(
                QualityCheck.WORD_COUNT,
                severity,
                f"The letter has {len(body)} body paragraphs; aim for {expected}: hook, proof, close{what}.",
                span,
                "One paragraph each: why this role (hook), your evidence (proof), the honest gap and a call to "
                "action (close).",
                "paragraphs",
                f"Write the body as {expected} paragraphs — hook, proof, close (it has {len(body)}).",
            )
        )
    for name, part in parts.items():
        low, high = _pair(limits[name])
        n = sum(count_words(text[f.start : f.end]) for f in part)
        first, last = body.index(part[0]) + 1, body.index(part[-1]) + 1
        label = f"the {name} (paragraph {first})" if first == last else f"the {name} (paragraphs {first}–{last})"
        path = part[0].path if len(part) == 1 else "paragraphs"
        out += _count_finding(label, n, low, high, rules, counts, (part[0].start, part[-1].end), path)
    return out


def _vpr_counts(
    text: str, fields: Sequence[_Field], rules: QualityRules, counts: list[WordCount]
) -> list[QualityFinding]:
    low, high = _pair(rules.limit("vpr", "summary"))
    summary = next((f for f in fields if f.keys == ("summary",)), None)
    if summary is None:
        counts.append(WordCount("the executive summary", 0, low, high, "summary"))
        return [
            QualityFinding(
                QualityCheck.WORD_COUNT,
                QualitySeverity.ERROR,
                "The value proposition has no executive summary.",
                None,
                f"Write one of {low}–{high} words.",
                "summary",
                f"Write an executive summary of {low}–{high} words.",
            )
        ]
    n = count_words(text[summary.start : summary.end])
    return _count_finding(
        "the executive summary", n, low, high, rules, counts, (summary.start, summary.end), summary.path
    )


def _interview_counts(
    text: str, data: Mapping[str, object], fields: Sequence[_Field], rules: QualityRules, counts: list[WordCount]
) -> list[QualityFinding]:
    questions = data.get("questions")
    assert isinstance(questions, list)
    out = _count_limit(len(questions), _int(rules.limit("interview_prep", "max_questions")), "questions", rules, counts)
    per_type = _int(rules.limit("interview_prep", "max_per_category"))
    categories = Counter(_category(q) for q in questions)
    for category, n in categories.items():
        out += _count_limit(n, per_type, f"{category} questions", rules, counts)
    low, high = _pair(rules.limit("interview_prep", "star"))
    star = rules.limit("interview_prep", "star_categories")
    assert isinstance(star, list)
    star_categories = {_norm_category(str(c)) for c in star}
    for i, q in enumerate(questions):
        if _category(q) not in star_categories:
            continue
        # The outline is the question's `star` (situation, task, action, result) when the writer gave one, else
        # its talking points (a writer without the STAR fields puts the outline there).
        star_parts = [f for f in fields if f.keys[:3] == ("questions", i, "star")]
        where = "star" if star_parts else "talking_points"
        points = star_parts or [f for f in fields if f.keys[:3] == ("questions", i, "talking_points")]
        n = sum(count_words(text[f.start : f.end]) for f in points)
        span = (points[0].start, points[-1].end) if points else None
        label = f"the STAR outline of question {i + 1}"
        out += _count_finding(label, n, low, high, rules, counts, span, f"questions[{i}].{where}")
    return out


def _norm_category(category: str) -> str:
    c = category.strip().casefold()
    return "behavioural" if c == "behavioral" else c


def _category(question: object) -> str:
    value = question.get("category", "") if isinstance(question, Mapping) else ""
    return _norm_category(str(value)) or "other"


# =========================================================================================== ATS
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")


def _ats(
    cv: MasterCV, job: JobPosting | None, text: str, fields: Sequence[_Field], rules: QualityRules
) -> tuple[AtsScore, list[QualityFinding]]:
    by_path = {f.path: f for f in fields}
    out: list[QualityFinding] = []

    def finding(message: str, instruction: str, path: str | None = None, *, info: bool = False) -> None:
        f = by_path.get(path) if path else None
        out.append(
            QualityFinding(
                QualityCheck.ATS,
                QualitySeverity.INFO if info else QualitySeverity.WARNING,
                message,
                (f.start, f.end) if f else None,
                instruction,
                path,
                instruction,
            )
        )

    keywords, matched, missing = _ats_keywords(cv, job)
    if missing:
        names = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
        finding(
            f"{len(missing)} of the posting's {len(matched) + len(missing)} must-have keywords are not in the CV: "
            f"{names}.",
            f"Use the posting's words where your CV supports them ({names}); never claim one you lack.",
            info=len(matched) >= len(missing),
        )

    # formatting (30)
    contact = 0.0
    if cv.full_name and cv.full_name.strip():
        contact += 2
    else:
        finding("The CV has no name at the top.", "Put your full name at the top of the CV.")
    email = (cv.contact_info.email or "").strip()
    if _EMAIL.match(email):
        contact += 3
    else:
        finding(
            "The CV has no valid e-mail address." if not email else f"The e-mail “{email}” does not look valid.",
            "Add a working e-mail address to the contact line.",
            "contact_info.email" if email else None,
        )
    phone = cv.contact_info.phone or ""
    if len(re.sub(r"\D", "", phone)) >= 7:
        contact += 3
    else:
        finding("The CV has no phone number.", "Add a phone number to the contact line.", None)

    jobs = cv.experience
    with_bullets = sum(1 for e in jobs if e.achievements)
    bullets_score = 6 * with_bullets / len(jobs) if jobs else 0.0
    min_bullets = _int(rules.ats["min_bullets_per_job"])
    for i, e in enumerate(jobs):
        if len(e.achievements) < min_bullets:
            finding(
                f"Job {i + 1} ({e.role or e.company or 'untitled'}) has {len(e.achievements)} bullet"
                f"{'' if len(e.achievements) == 1 else 's'}; ATS and readers expect at least {min_bullets}.",
                f"Give job {i + 1} at least {min_bullets} result bullets from your CV.",
                f"experience[{i}]" if not e.achievements else f"experience[{i}].achievements[0]",
                info=bool(e.achievements),
            )
    max_words = _int(rules.ats["max_bullet_words"])
    bullets = [(i, j, a) for i, e in enumerate(jobs) for j, a in enumerate(e.achievements)]
    long_bullets = [(i, j, n) for i, j, a in bullets if (n := count_words(a)) > max_words]
    for i, j, n in long_bullets:
        finding(
            f"Job {i + 1}, bullet {j + 1} has {n} words (more than {max_words}).",
            f"Shorten job {i + 1}, bullet {j + 1} to {max_words} words or fewer.",
            f"experience[{i}].achievements[{j}]",
        )
    length_score = 6 * (1 - len(long_bullets) / len(bullets)) if bullets else 0.0

    dated = 0
    entries: list[tuple[str, str | None, str | None, str | None]] = [
        (f"experience[{i}]", e.start_date, e.end_date, e.dates_raw) for i, e in enumerate(cv.experience)
    ] + [(f"education[{i}]", e.start_date, e.end_date, e.dates_raw) for i, e in enumerate(cv.education)]
    for path, start, _end, raw in entries:
        if parse_point(start) or parse_range(raw)[0]:
            dated += 1
            continue
        what = _place([path.split("[")[0], int(path.split("[")[1].rstrip("]"))])
        finding(
            f"The dates of {what} cannot be read{f': “{raw}”' if raw else ' (none given)'}.",
            f"Give {what} dates such as “Mar 2021 – Present”.",
            f"{path}.dates_raw" if raw else None,
        )
    dates_score = 6 * dated / len(entries) if entries else 0.0

    markup_fields = 0
    for f in fields:
        m = rules.markup_re.search(text[f.start : f.end])
        if m is None or f.name == "language":
            continue
        markup_fields += 1
        finding(
            f"Formatting residue in {_place(f.keys)}: “{m.group(0).strip()}” (ATS read it as text).",
            f"Remove “{m.group(0).strip()}” from {_place(f.keys)}.",
            f.path,
        )
    markup_score = max(0.0, 4.0 - markup_fields)
    formatting = contact + bullets_score + length_score + dates_score + markup_score

    # sections (20)
    sections = 0.0
    for present, name in (
        (bool(cv.professional_summary and cv.professional_summary.strip()), "summary"),
        (bool(cv.experience), "experience"),
        (bool(cv.education), "education"),
        (bool([s for s in cv.skills if s.strip()]), "skills"),
    ):
        if present:
            sections += 5
        else:
            finding(f"The CV has no {name} section; ATS look for it.", f"Add a {name} section.")

    # fonts (10)
    unsupported = _unsupported_characters(text, rules)
    if unsupported:
        shown = " ".join(f"“{c}” (U+{ord(c):04X})" for c in unsupported[:5])
        first = min(text.index(c) for c in unsupported)
        out.append(
            QualityFinding(
                QualityCheck.ATS,
                QualitySeverity.WARNING,
                f"{len(unsupported)} character{'s' if len(unsupported) > 1 else ''} our fonts cannot show: {shown}.",
                (first, first + 1),
                "Remove them or use plain letters.",
                None,
                f"Remove characters the export fonts cannot render: {shown}.",
            )
        )
    fonts = max(0.0, 10.0 - 2 * len(unsupported))
    score = AtsScore(
        keywords=None if keywords is None else round(keywords, 1),
        formatting=round(formatting, 1),
        sections=sections,
        fonts=fonts,
        matched_keywords=tuple(matched),
        missing_keywords=tuple(missing),
    )
    return score, out


def _must_keywords(job: JobPosting) -> list[str]:
    found: list[str] = []
    seen: set[str] = set()
    names = [s for r in job.requirements if r.kind is RequirementKind.MUST for s in r.skills] or list(job.keywords)
    for s in names:
        key = _phrase_key(s)
        if key and key not in seen:
            seen.add(key)
            found.append(s.strip())
    return found


def _cv_keyword_text(cv: MasterCV) -> str:
    parts: list[str | None] = [cv.professional_summary, *cv.skills, *cv.languages]
    for e in cv.experience:
        parts += [e.role, e.company, *e.achievements]
    for s in cv.education:
        parts += [s.degree, s.field_of_study, s.institution]
    parts += [c.name for c in cv.certifications]
    return "\n".join(p for p in parts if p)


_LATIN = "0-9a-z"


@lru_cache(maxsize=512)
def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    """The keyword in `fold_chars` text, spaces and hyphens interchangeable. A Latin-script keyword only needs
    no Latin letter or digit around it, so a Hebrew prefix letter may touch it ("בPython", "ל-AWS")."""
    folded = fold(keyword)
    body = _SEP.join(re.escape(t) for t in re.split(r"[\s\-]+", folded) if t)
    left = (
        rf"(?<![{_LATIN}])"
        if re.match(rf"[{_LATIN}]", folded)
        else r"(?<![^\W\u05d1\u05d4\u05d5\u05db\u05dc\u05de\u05e9])"
    )
    right = rf"(?![{_LATIN}])" if re.search(rf"[{_LATIN}]$", folded) else r"(?!\w)"
    return re.compile(left + body + right)


def _ats_keywords(cv: MasterCV, job: JobPosting | None) -> tuple[float | None, list[str], list[str]]:
    if job is None:
        return None, [], []
    wanted = _must_keywords(job)
    if not wanted:
        return None, [], []
    cv_text = _cv_keyword_text(cv)
    folded = fold_chars(cv_text)
    vocab = load_vocabulary()
    canon = {m.skill for m in vocab.find(cv_text)} | {c for s in cv.skills if (c := vocab.canonical(s))}
    matched: list[str] = []
    missing: list[str] = []
    for k in wanted:
        c = vocab.canonical(k)
        if _keyword_pattern(k).search(folded) or (c is not None and c in canon):
            matched.append(k)
        else:
            missing.append(k)
    return 40 * len(matched) / len(wanted), matched, missing


def _unsupported_characters(text: str, rules: QualityRules) -> list[str]:
    out: list[str] = []
    for ch in sorted(set(text)):
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        cp = ord(ch)
        i = bisect.bisect_right(rules.font_starts, cp) - 1
        if i < 0 or cp > rules.font_ends[i]:
            out.append(ch)
    return out
