"""The checks panel: everything CareerVP checked about the document on screen, in one place.

For a document tab: its fact check (each unsupported claim, why, and how to fix it), its writing checks, its ATS
score with the keywords it misses (tailored CV), and how the CV matches the job. For the CV and Job tabs: the match
and a line per document. `checks_html` builds the page from plain values (tested without widgets);
`ChecksPanelView` shows it in a dock on the right of the window.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from careervp_desktop.domain.enums import ArtifactType, MatchStatus, Severity
from careervp_desktop.ui.i18n import is_rtl, isolate, tr, tr_finding, tr_section
from careervp_desktop.ui.style import colours

Ink = Mapping[str, str]  # a theme's colour table (careervp_desktop.ui.style.colours)

if TYPE_CHECKING:
    from careervp_desktop.analysis.quality import QualityReport
    from careervp_desktop.domain.models import MatchResult, Violation

_UL = "<ul style='margin-left:0px; -qt-list-indent:1;'>"  # the default indent wastes a narrow panel
MAX_REQUIREMENTS = 12  # the match list stays a summary; the Job tab has all of them


@dataclass(frozen=True)
class DocumentSummary:
    """One document's line on the CV and Job tabs."""

    label: str
    state: str  # "not started" | "draft" | "edited" | "final"
    unsupported: int
    critical: int
    writing_to_check: int | None  # None: not checked yet


def checks_html(
    title: str,
    *,
    violations: Sequence[Violation] | None = None,
    quality: QualityReport | None = None,
    match: MatchResult | None = None,
    documents: Sequence[DocumentSummary] = (),
    pending: bool = False,
    dark: bool = False,
) -> str:
    """The panel's page. `violations` None: the tab has no document to check (the CV or Job tab). `dark`: the
    colours of the dark theme (the panel is not a white page)."""
    ink = colours(dark)
    parts = [f"<h3 style='margin:0 0 6px 0'>{escape(title)}</h3>"]
    if pending:
        checking = escape(tr("Checking against your CV and facts…"))
        parts.append(f"<p style='color:{ink['muted']}'><i>{checking}</i></p>")
    if violations is not None:
        parts.append(_fact_check(violations, ink))
    if quality is not None:
        parts.append(_writing(quality, ink))
        if quality.ats is not None:
            parts.append(_ats(quality, ink))
    if documents:
        parts.append(_documents(documents, ink))
    parts.append(_match(match, ink))
    return "".join(parts)


def _own(text: str) -> str:
    """Document or job text inside the (possibly right-to-left) page, escaped: in its own direction."""
    return escape(str(isolate(text)) if is_rtl() else text)


def _end() -> str:
    """The side numbers line up on: the end of a line in the UI's direction."""
    return "left" if is_rtl() else "right"


def _breakdown_label(name: str) -> str:
    """A part of the match score (`analysis.match` breakdown keys), in the UI language."""
    return {
        "must_haves": tr("Must haves"),
        "nice_to_haves": tr("Nice to haves"),
        "title": tr("Title"),
        "years": tr("Years"),
    }.get(name, name.replace("_", " ").capitalize())


def _section(name: str) -> str:
    return f"<h4 style='margin:14px 0 4px 0'>{escape(name)}</h4>"


def _fact_check(violations: Sequence[Violation], ink: Ink) -> str:
    out = [_section(tr("Fact check"))]
    if not violations:
        backed = escape(tr("Every claim is backed by your CV or your confirmed facts."))
        out.append(f"<p style='color:{ink['ok_fg']}'>✓ {backed}</p>")
        return "".join(out)
    critical = sum(1 for v in violations if v.severity == Severity.CRITICAL)
    n = len(violations)
    if n == 1:
        found = tr("1 unsupported claim, 1 critical.") if critical else tr("1 unsupported claim.")
    elif critical:
        found = tr("{n} unsupported claims, {critical} critical.").format(n=n, critical=critical)
    else:
        found = tr("{n} unsupported claims.").format(n=n)
    fix = escape(tr("Reword it, or use “It is true” under the document."))
    out.append(f"<p>{escape(found)} <span style='color:{ink['muted']}'>{fix}</span></p>" + _UL)
    for v in violations:
        mark, colour = ("●", ink["critical_fg"] if v.severity == Severity.CRITICAL else ink["warning_fg"])
        out.append(
            f"<li><span style='color:{colour}'>{mark}</span> <b>“{_own(v.text)}”</b> — {_own(tr_finding(v.message))}"
            f"<br><span style='color:{ink['muted']}'>{_own(tr_finding(v.source))}</span></li>"
        )
    out.append("</ul>")
    return "".join(out)


def _section_name(section: str) -> str:
    """A word count's section ("the whole letter", "the STAR outline of question 3") as the start of a line."""
    name = tr_section(section)
    return name[:1].upper() + name[1:]


def _writing(report: QualityReport, ink: Ink) -> str:
    out = [_section(tr("Writing"))]
    shown = [f for f in report.findings if f.severity.value in ("error", "warning")]
    notes = [f for f in report.findings if f.severity.value not in ("error", "warning")]
    if not shown:
        clean = escape(tr("No clichés, placeholders or lengths to fix."))
        out.append(f"<p style='color:{ink['ok_fg']}'>✓ {clean}</p>")
    else:
        out.append(_UL)
        for f in shown:
            colour = ink["critical_fg"] if f.severity.value == "error" else ink["warning_fg"]
            hint = (
                f"<br><span style='color:{ink['muted']}'>{_own(tr_finding(f.suggestion))}</span>"
                if f.suggestion
                else ""
            )
            out.append(f"<li><span style='color:{colour}'>●</span> {_own(tr_finding(f.message))}{hint}</li>")
        out.append("</ul>")
    for f in notes:
        out.append(f"<p style='color:{ink['muted']}'>{_own(tr_finding(f.message))}</p>")
    counts = [
        escape(
            tr("{section}: {n} words").format(section=_section_name(w.section), n=w.words)
            if w.in_range
            else tr("{section}: {n} words (aim for {low}–{high})").format(
                section=_section_name(w.section), n=w.words, low=w.low, high=w.high
            )
            if w.low
            else tr("{section}: {n} words (at most {high})").format(
                section=_section_name(w.section), n=w.words, high=w.high
            )
        )
        for w in report.word_counts
    ]
    if counts:
        out.append(f"<p style='color:{ink['muted']}'>{' · '.join(counts)}</p>")
    return "".join(out)


def _ats(report: QualityReport, ink: Ink) -> str:
    ats = report.ats
    assert ats is not None
    rows = [
        (tr("Keywords"), ats.keywords, 40),
        (tr("Formatting"), ats.formatting, 30),
        (tr("Sections"), ats.sections, 20),
        (tr("Fonts"), ats.fonts, 10),
    ]
    cells = "".join(
        f"<tr><td>{escape(name)}</td><td align='{_end()}'>{'—' if value is None else round(value)}/{top}</td></tr>"
        for name, value, top in rows
    )
    out = [
        _section(tr("ATS score {total}/100").format(total=ats.total)),
        f"<table cellspacing='0' cellpadding='2'>{cells}</table>",
    ]
    if ats.missing_keywords:
        missing = ", ".join(ats.missing_keywords[:15])
        advice = escape(tr("Add them only where your experience backs them."))
        out.append(
            "<p>"
            + escape(tr("Keywords of the ad not in this CV: {keywords}.").format(keywords=missing))
            + f" <span style='color:{ink['muted']}'>{advice}</span></p>"
        )
    return "".join(out)


def _documents(documents: Sequence[DocumentSummary], ink: Ink) -> str:
    from careervp_desktop.ui.views import pane_state_label

    out = [_section(tr("Documents")), "<table cellspacing='0' cellpadding='2' width='100%'>"]
    for d in documents:
        if d.state == "not started":
            checks = f"<span style='color:{ink['muted']}'>{escape(tr('not written yet'))}</span>"
        else:
            fact = (
                f"<span style='color:{ink['ok_fg']}'>✓ {escape(tr('facts'))}</span>"
                if not d.unsupported
                else f"<span style='color:{ink['critical_fg' if d.critical else 'warning_fg']}'>"
                + escape(tr("{n} unsupported").format(n=d.unsupported))
                + "</span>"
            )
            writing = (
                ""
                if d.writing_to_check is None
                else " · ✓ " + escape(tr("writing"))
                if not d.writing_to_check
                else " · " + escape(tr("{n} to check").format(n=d.writing_to_check))
            )
            checks = fact + writing
        state = escape(pane_state_label(d.state).lower())
        out.append(f"<tr><td>{escape(d.label)}</td><td style='color:{ink['muted']}'>{state}</td><td>{checks}</td></tr>")
    out.append("</table>")
    return "".join(out)


def _match(match: MatchResult | None, ink: Ink) -> str:
    out = [_section(tr("Match with the job"))]
    if match is None:
        hint = escape(tr("Paste the job ad on the Job tab (with your CV imported) to see it."))
        out.append(f"<p style='color:{ink['muted']}'>{hint}</p>")
        return "".join(out)
    out.append(f"<p><b>{match.score}/100</b></p>")
    if match.breakdown:
        cells = "".join(
            f"<tr><td>{escape(_breakdown_label(name))}</td><td align='{_end()}'>{round(value)}</td></tr>"
            for name, value in match.breakdown.items()
        )
        out.append(f"<table cellspacing='0' cellpadding='2'>{cells}</table>")
    marks = {MatchStatus.MATCHED: ("✓", ink["ok_fg"]), MatchStatus.PARTIAL: ("◐", ink["warning_fg"])}
    rows = []
    for r in match.requirements[:MAX_REQUIREMENTS]:
        mark, colour = marks.get(r.status, ("✗", ink["critical_fg"]))
        rows.append(f"<li><span style='color:{colour}'>{mark}</span> {_own(r.requirement.text)}</li>")
    if rows:
        more = len(match.requirements) - MAX_REQUIREMENTS
        and_more = escape(tr("…and {n} more on the Job tab.").format(n=more))
        tail = f"<p style='color:{ink['muted']}'>{and_more}</p>" if more > 0 else ""
        out.append(_UL + "".join(rows) + "</ul>" + tail)
    return "".join(out)


class ChecksPanelView(QWidget):
    """A read-only page of checks (see `checks_html`); the window decides what it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checksPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 6, 8)
        layout.setSpacing(4)
        self.browser = QTextBrowser()
        self.browser.setObjectName("checksView")
        self.browser.setAccessibleName(tr("Checks"))
        self.browser.setOpenLinks(False)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout.addWidget(self.browser, 1)
        self._html = ""

    def show_html(self, html: str) -> None:
        if html != self._html:  # unchanged pages are not laid out again (this follows every keystroke check)
            self._html = html
            scroll = self.browser.verticalScrollBar().value()
            self.browser.setHtml(html)
            if is_rtl():  # the page is the UI's: right to left throughout, as the panel around it
                option = self.browser.document().defaultTextOption()
                option.setTextDirection(Qt.LayoutDirection.RightToLeft)
                self.browser.document().setDefaultTextOption(option)
            self.browser.verticalScrollBar().setValue(scroll)

    def text(self) -> str:
        return self.browser.toPlainText()


def document_summaries(
    labels: Mapping[ArtifactType, str],
    states: Mapping[ArtifactType, str],
    violations: Mapping[ArtifactType, Sequence[Violation]],
    writing: Mapping[ArtifactType, int | None],
) -> list[DocumentSummary]:
    return [
        DocumentSummary(
            label=label,
            state=states.get(t, "not started"),
            unsupported=len(violations.get(t, ())),
            critical=sum(1 for v in violations.get(t, ()) if v.severity == Severity.CRITICAL),
            writing_to_check=writing.get(t),
        )
        for t, label in labels.items()
    ]
