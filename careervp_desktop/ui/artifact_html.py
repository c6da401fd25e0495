"""Readable HTML for the read-only panes (Qt's rich-text subset). Pure functions: models in, strings out.

The documents (CV, value proposition, interview prep, letter) keep their own words: they are in the document
language, not the UI's. What CareerVP says about them — the analysed job, the fact-check badges, the comparison's
headings — is UI text (`tr`)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from html import escape

from careervp_desktop.domain.artifact_text import DiffRow, Segment
from careervp_desktop.domain.artifacts import VPR, CoverLetter, GapQuestions, InterviewPrep, content_model
from careervp_desktop.domain.models import (
    ArtifactType,
    JobPosting,
    MasterCV,
    MatchResult,
    MatchStatus,
    RequirementKind,
    Severity,
    Violation,
)
from careervp_desktop.export.labels import script_language
from careervp_desktop.ui.i18n import is_rtl, tr, tr_finding

ACCENT = "#2f5fd0"
TEXT = "#1f2430"
MUTED = "#6b7280"
STRONG = "#1d7a46"
PARTIAL = "#a4650b"
GAP = "#b42318"
SOFT_STRONG = "#e6f4ec"
SOFT_PARTIAL = "#fdf1dc"
SOFT_GAP = "#fde8e6"

_STYLE = f"""
<style>
body {{ color: {TEXT}; }}
h1 {{ font-size: 18pt; font-weight: 600; margin: 0 0 2px 0; }}
h2 {{ font-size: 12pt; font-weight: 600; color: {ACCENT}; margin: 18px 0 6px 0; }}
h3 {{ font-size: 11pt; font-weight: 600; margin: 12px 0 2px 0; }}
p {{ margin: 4px 0; line-height: 135%; }}
ul {{ margin: 2px 0 6px 0; }}
li {{ margin: 2px 0; line-height: 130%; }}
.muted {{ color: {MUTED}; }}
.lead {{ font-size: 11.5pt; }}
.chip {{ font-weight: 600; }}
td {{ padding: 5px 8px; vertical-align: top; }}
th {{ padding: 5px 8px; text-align: left; color: {MUTED}; font-weight: 600; }}
</style>
"""


def _e(text: object) -> str:
    return escape(str(text), quote=False)


def _page(body: str) -> str:
    return f"<html><head>{_STYLE}</head><body>{rtl_blocks(body)}</body></html>"


_BLOCK = re.compile(r"<(p|li|h[1-3]|td)((?:\s[^>]*)?)>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_RTL_SCRIPT = re.compile(r"[\u0590-\u06ff\ufb1d-\ufdff]")  # a fast "is there any" before the per-block look


def rtl_blocks(html_text: str) -> str:
    """Blocks whose text is mostly Hebrew (or Arabic) — `export.labels.script_language`, as the exports decide —
    laid out right to left, aligned right; the others stay as they are (a report can mix an English heading and
    Hebrew content)."""

    def mark(m: re.Match[str]) -> str:
        tag, attrs, inner = m.group(1), m.group(2), m.group(3)
        if "dir=" in attrs or script_language(html.unescape(_TAG.sub("", inner))) is None:
            return m.group(0)
        return f'<{tag}{attrs} dir="rtl" align="right">{inner}</{tag}>'

    if not _RTL_SCRIPT.search(html_text):
        return html_text  # nothing right to left: the common case costs one scan
    return _BLOCK.sub(mark, html_text)


def _bullets(items: list[str]) -> str:
    items = [i for i in items if i and i.strip()]
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>"


def _span(start: str | None, end: str | None, raw: str | None) -> str:
    if raw:
        return raw
    if end and end.lower() == "present":
        end = "Present"
    return " – ".join(p for p in (start, end) if p)


def _chip(label: str, fg: str, bg: str) -> str:
    return f'<span class="chip" style="color:{fg}; background-color:{bg};">&nbsp;{_e(label)}&nbsp;</span>'


# --------------------------------------------------------------------------------------------------- CV
def cv_html(cv: MasterCV) -> str:
    """A CV (master or tailored) as a readable page."""
    parts: list[str] = [f"<h1>{_e(cv.full_name or 'Name not found')}</h1>"]
    c = cv.contact_info
    contact = [x for x in (c.email, c.phone, c.location, c.linkedin, c.website) if x]
    if contact:
        parts.append('<p class="muted">' + " &nbsp;·&nbsp; ".join(_e(x) for x in contact) + "</p>")
    if cv.professional_summary:
        parts.append(f"<h2>Summary</h2><p>{_e(cv.professional_summary)}</p>")
    if cv.experience:
        parts.append("<h2>Experience</h2>")
        for job in cv.experience:
            title = " — ".join(_e(x) for x in (job.role, job.company) if x) or "Role"
            meta = " · ".join(_e(x) for x in (job.location, _span(job.start_date, job.end_date, job.dates_raw)) if x)
            parts.append(f"<h3>{title}</h3>")
            if meta:
                parts.append(f'<p class="muted">{meta}</p>')
            parts.append(_bullets(job.achievements))
    if cv.education:
        parts.append("<h2>Education</h2>")
        for edu in cv.education:
            degree = ", ".join(x for x in (edu.degree, edu.field_of_study) if x)
            title = " — ".join(_e(x) for x in (degree, edu.institution) if x) or "Education"
            span = _span(edu.start_date, edu.end_date, edu.dates_raw)
            parts.append(f"<h3>{title}</h3>" + (f'<p class="muted">{_e(span)}</p>' if span else ""))
    if cv.skills:
        parts.append("<h2>Skills</h2><p>" + " &nbsp;·&nbsp; ".join(_e(s) for s in cv.skills) + "</p>")
    if cv.certifications:
        parts.append("<h2>Certifications</h2>")
        parts.append(
            _bullets([", ".join(x for x in (cert.name, cert.issuer, cert.date) if x) for cert in cv.certifications])
        )
    if cv.languages:
        parts.append("<h2>Languages</h2><p>" + _e(", ".join(cv.languages)) + "</p>")
    return _page("".join(parts))


# --------------------------------------------------------------------------------------------------- job


def _match_chip(status: MatchStatus) -> tuple[str, str, str]:
    return {
        MatchStatus.MATCHED: (tr("Matched"), STRONG, SOFT_STRONG),
        MatchStatus.PARTIAL: (tr("Partial"), PARTIAL, SOFT_PARTIAL),
        MatchStatus.MISSING: (tr("Missing"), GAP, SOFT_GAP),
    }[status]


def job_html(job: JobPosting, match: MatchResult | None = None) -> str:
    """What we understood from a job description, and, with a CV, how well it matches."""
    parts: list[str] = []
    if job.title and job.company:
        title = _e(tr("{title} at {company}").format(title=job.title, company=job.company))
    else:
        title = _e(job.title or job.company or tr("Job description"))
    parts.append(f'<h1 style="font-size: 15pt;">{title}</h1>')
    meta = [x for x in (job.location, job.seniority and job.seniority.capitalize()) if x]
    if job.years_required:
        meta.append(tr("{n}+ years").format(n=job.years_required))
    if meta:
        parts.append('<p class="muted">' + " &nbsp;·&nbsp; ".join(_e(x) for x in meta) + "</p>")
    if match is not None:
        colour = STRONG if match.score >= 70 else PARTIAL if match.score >= 45 else GAP
        parts.append(
            '<p class="lead">'
            + _e(tr("Match with your CV:"))
            + f' <span style="color:{colour}; font-weight:600;">{match.score}%</span></p>'
        )
    by_req = {id(m.requirement): m for m in (match.requirements if match else [])}
    by_text = {m.requirement.text: m for m in (match.requirements if match else [])}
    for kind, heading in ((RequirementKind.MUST, tr("Requirements")), (RequirementKind.NICE, tr("Nice to have"))):
        reqs = [r for r in job.requirements if r.kind == kind]
        if not reqs:
            continue
        parts.append(f"<h2>{_e(heading)}</h2><table cellspacing='0' width='100%'>")
        for req in reqs:
            m = by_req.get(id(req)) or by_text.get(req.text)
            chip = _chip(*_match_chip(m.status)) if m else ""
            skills = f'<br><span class="muted">{_e(", ".join(req.skills))}</span>' if req.skills else ""
            parts.append(f"<tr><td width='90'>{chip}</td><td>{_e(req.text)}{skills}</td></tr>")
        parts.append("</table>")
    if job.responsibilities:
        parts.append(f"<h2>{_e(tr('Responsibilities'))}</h2>" + _bullets(job.responsibilities))
    if job.keywords:
        parts.append(f"<h2>{_e(tr('Keywords'))}</h2><p>" + " &nbsp;·&nbsp; ".join(_e(k) for k in job.keywords) + "</p>")
    if len(parts) == 1:
        parts.append(f'<p class="muted">{_e(tr("No requirements found in this text."))}</p>')
    return _page("".join(parts))


# --------------------------------------------------------------------------------------------------- artifacts
def gap_questions_html(gaps: GapQuestions) -> str:
    if not gaps.questions:
        return _page(f"<p class='muted'>{_e(tr('No gaps found: your CV covers every requirement we saw.'))}</p>")
    intro = tr(
        "Answer these to give the writer true facts it may use. Anything you do not confirm stays out of your "
        "documents."
    )
    parts = [f'<p class="muted">{_e(intro)}</p>']
    for n, q in enumerate(gaps.questions, start=1):
        parts.append(f"<h3>{n}. {_e(q.question)}</h3>")
        parts.append(f'<p class="muted">{_e(tr("About: {requirement}").format(requirement=q.requirement))}</p>')
        parts.append(f"<p>{_e(q.why)}</p>")
        if q.answer:
            label = _e(tr("Your answer:"))
            parts.append(f'<p><span style="color:{STRONG}; font-weight:600;">{label}</span> {_e(q.answer)}</p>')
    return _page("".join(parts))


_STRENGTH_CHIPS = {
    "strong": ("Strong", STRONG, SOFT_STRONG),
    "moderate": ("Moderate", PARTIAL, SOFT_PARTIAL),
    "developing": ("Developing", "#7a6a52", "#f3efe8"),
    "partial": ("Moderate", PARTIAL, SOFT_PARTIAL),  # versions written before the three grades
    "gap": ("Gap", GAP, SOFT_GAP),
}


def _bullet_sections(parts: list[str], sections: tuple[tuple[str, list[str]], ...]) -> None:
    """A heading and a bullet list for each non-empty section, in order."""
    parts.extend(f"<h2>{_e(title)}</h2>" + _bullets(items) for title, items in sections if items)


def vpr_html(vpr: VPR) -> str:
    colour = STRONG if vpr.match_score >= 70 else PARTIAL if vpr.match_score >= 45 else GAP
    parts = [
        f"<h1>{_e(vpr.headline)}</h1>",
        f'<p class="lead">Match score <span style="color:{colour}; font-weight:600;">{vpr.match_score}%</span></p>',
        *(f'<p class="lead">{_e(p.strip())}</p>' for p in vpr.summary.split("\n\n") if p.strip()),
    ]
    _bullet_sections(parts, (("Strengths", vpr.strengths), ("What sets you apart", vpr.differentiators)))
    if vpr.evidence_matrix:
        parts.append(
            "<h2>Evidence</h2><table cellspacing='0' width='100%'>"
            "<tr><th width='34%'>Requirement</th><th width='96' nowrap>Strength</th><th>From your CV</th></tr>"
        )
        for n, row in enumerate(vpr.evidence_matrix):
            chip = _chip(*_STRENGTH_CHIPS.get(row.strength.lower(), (row.strength, MUTED, "#eef0f3")))
            evidence = _e(row.evidence) if row.evidence else '<span class="muted">Nothing in your CV yet</span>'
            source = f'<br><span class="muted">{_e(row.source)}</span>' if row.source else ""
            if row.business_impact:
                source += f'<br><span class="muted">Impact: {_e(row.business_impact)}</span>'
            shade = " bgcolor='#f6f7f9'" if n % 2 == 0 else ""
            parts.append(f"<tr{shade}><td>{_e(row.requirement)}</td><td>{chip}</td><td>{evidence}{source}</td></tr>")
        parts.append("</table>")
    _bullet_sections(
        parts,
        (
            ("Gaps to address", vpr.gaps),
            ("Recommendations", vpr.recommendations),
            ("Cultural fit", vpr.cultural_fit),
            ("Talking points", vpr.talking_points),
        ),
    )
    if vpr.ats_keywords:
        parts.append(
            "<h2>Keywords to use</h2><p class='muted'>From the posting, most important first: use the ones your CV "
            f"backs in your CV and letter.</p><p>{_e(', '.join(vpr.ats_keywords))}</p>"
        )
    return _page("".join(parts))


_CATEGORY_LABELS = {
    "technical": "Technical",
    "behavioural": "Behavioural",
    "behavioral": "Behavioural",
    "motivation": "Motivation",
    "gap": "About a gap",
    "situational": "Situational",
}


def interview_prep_html(prep: InterviewPrep) -> str:
    parts: list[str] = []
    if prep.questions:
        parts.append('<p class="muted">Questions they are likely to ask, and what from your CV to answer with.</p>')
    else:
        parts.append('<p class="muted">No questions prepared.</p>')
    if prep.pitch:
        parts.append(f"<h2>Your 30-second pitch</h2><p>{_e(prep.pitch)}</p>")
    for n, q in enumerate(prep.questions, start=1):
        category = _CATEGORY_LABELS.get(q.category.lower(), q.category.capitalize())
        parts.append(f"<h3>{n}. {_e(q.question)}</h3>")
        parts.append(f'<p class="muted">{_e(category)} · {_e(q.why_asked)}</p>')
        if q.evaluates:
            parts.append(f"<p><b>What they evaluate:</b> {_e(q.evaluates)}</p>")
        if q.star is not None and q.star.text():
            parts_of_star = (q.star.situation, q.star.task, q.star.action, q.star.result)
            star = zip(("Situation", "Task", "Action", "Result"), parts_of_star, strict=True)
            items = "".join(f"<li><b>{name}</b> — {_e(text)}</li>" for name, text in star if text)
            parts.append(f"<p><b>Answer outline (STAR)</b></p><ul>{items}</ul>")
        if q.talking_points:
            parts.append("<p><b>Talking points</b></p>" + _bullets(q.talking_points))
        if q.evidence:
            parts.append("<p><b>From your CV</b></p>" + _bullets(q.evidence))
        if q.follow_ups:
            parts.append("<p><b>Likely follow-ups</b></p>" + _bullets(q.follow_ups))
        if q.user_answer.strip():
            answer = "".join(f"<p>{_e(p.strip())}</p>" for p in q.user_answer.split("\n\n") if p.strip())
            parts.append(f"<p><b>Your answer</b></p>{answer}")
    if prep.questions_to_ask:
        parts.append("<h2>Questions to ask them</h2>" + _bullets(prep.questions_to_ask))
    return _page("".join(parts))


def cover_letter_text(letter: CoverLetter) -> str:
    """The letter as plain text, for an editable text box."""
    return letter.editable_text()


# --------------------------------------------------------------------------------------------------- FVS


def _severity_chip(severity: Severity) -> tuple[str, str, str]:
    return {
        Severity.CRITICAL: (tr("Critical"), GAP, SOFT_GAP),
        Severity.WARNING: (tr("Check"), PARTIAL, SOFT_PARTIAL),
        Severity.INFO: (tr("Note"), MUTED, "#eef0f3"),
    }[severity]


def violations_summary(violations: list[Violation]) -> str:
    """One line for a badge: 'No unsupported claims', '2 unsupported claims (1 critical)'."""
    if not violations:
        return tr("No unsupported claims")
    critical = sum(1 for v in violations if v.severity == Severity.CRITICAL)
    n = len(violations)
    if n == 1:
        return tr("1 unsupported claim (1 critical)") if critical else tr("1 unsupported claim")
    if critical:
        return tr("{n} unsupported claims ({critical} critical)").format(n=n, critical=critical)
    return tr("{n} unsupported claims").format(n=n)


def violations_html(violations: list[Violation]) -> str:
    if not violations:
        return _page(
            f'<p class="muted">{_e(tr("Every claim checked against your CV. Nothing unsupported found."))}</p>'
        )
    rows = []
    for v in violations:
        chip = _chip(*_severity_chip(v.severity))
        rows.append(
            f"<tr><td width='80'>{chip}</td><td><b>“{_e(v.text)}”</b> — {_e(tr_finding(v.message))}"
            f'<br><span class="muted">{_e(tr_finding(v.source))}</span></td></tr>'
        )
    return _page("<table cellspacing='0' width='100%'>" + "".join(rows) + "</table>")


# --------------------------------------------------------------------------------------------------- any artifact
def render_artifact(art_type: ArtifactType, content: Mapping[str, object]) -> str:
    """What a pane shows for a stored version: plain text for the (editable) letter, HTML for the rest.
    Raises `pydantic.ValidationError` when the content does not fit the artifact's model."""
    model = content_model(art_type).model_validate(content)
    if isinstance(model, CoverLetter):
        return cover_letter_text(model)
    if isinstance(model, MasterCV):
        return cv_html(model)
    if isinstance(model, VPR):
        return vpr_html(model)
    if isinstance(model, GapQuestions):
        return gap_questions_html(model)
    assert isinstance(model, InterviewPrep)
    return interview_prep_html(model)


def render_artifact_html(art_type: ArtifactType, content: Mapping[str, object]) -> str:
    """`render_artifact`, always as HTML (the letter as paragraphs): for read-only views such as History."""
    rendered = render_artifact(art_type, content)
    if art_type != ArtifactType.COVER_LETTER:
        return rendered
    return _page("".join(f"<p>{_e(block).replace(chr(10), '<br>')}</p>" for block in rendered.split("\n\n")))


# --------------------------------------------------------------------------------------------------- diff
_DIFF_COLOURS = {"removed": ("#fde8e6", "#f7c6c0"), "added": ("#e6f4ec", "#bfe3cd")}


def _segments(segments: tuple[Segment, ...], side: str) -> str:
    strong = _DIFF_COLOURS[side][1]
    out = []
    for text, changed in segments:
        out.append(f"<span style='background:{strong}'>{_e(text)}</span>" if changed else _e(text))
    return "".join(out)


def _unchanged(n: int) -> str:
    return tr("… 1 unchanged line") if n == 1 else tr("… {n} unchanged lines").format(n=n)


def diff_html(rows: list[DiffRow], left_title: str, right_title: str, *, context: int | None = None) -> str:
    """A side-by-side comparison: old on the left (removed words in red), new on the right (added in green) — in a
    right-to-left UI old on the right, where reading starts (each side's text keeps its own direction).
    With `context`, runs of unchanged lines longer than twice that are folded to a "… n unchanged lines" row."""
    flip = is_rtl()

    def pair(old: str, new: str) -> str:
        return new + old if flip else old + new

    cells = [
        "<tr>" + pair(f"<th width='50%'>{_e(left_title)}</th>", f"<th width='50%'>{_e(right_title)}</th>") + "</tr>"
    ]
    changed = [i for i, r in enumerate(rows) if r.kind != "same"]
    if not changed:
        same = tr("{left} and {right} have the same text.").format(left=left_title, right=right_title)
        return _page(f"<p class='muted'>{_e(same)}</p>")
    keep = set(range(len(rows)))
    if context is not None:
        keep = {j for i in changed for j in range(i - context, i + context + 1)}
    skipped = 0
    for i, row in enumerate(rows):
        if i not in keep:
            skipped += 1
            continue
        if skipped:
            cells.append(f"<tr><td colspan='2' class='muted'>{_e(_unchanged(skipped))}</td></tr>")
            skipped = 0
        left_bg = _DIFF_COLOURS["removed"][0] if row.kind in ("removed", "changed") else "transparent"
        right_bg = _DIFF_COLOURS["added"][0] if row.kind in ("added", "changed") else "transparent"
        cells.append(
            "<tr>"
            + pair(
                f"<td style='background:{left_bg}'>{_segments(row.left, 'removed')}</td>",
                f"<td style='background:{right_bg}'>{_segments(row.right, 'added')}</td>",
            )
            + "</tr>"
        )
    if skipped:
        cells.append(f"<tr><td colspan='2' class='muted'>{_e(_unchanged(skipped))}</td></tr>")
    return _page("<table cellspacing='0' width='100%'>" + "".join(cells) + "</table>")
