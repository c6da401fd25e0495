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

from careervp_desktop.domain.models import ArtifactType, MatchResult, MatchStatus, Severity, Violation
from careervp_desktop.ui.style import colours

Ink = Mapping[str, str]  # a theme's colour table (careervp_desktop.ui.style.colours)

if TYPE_CHECKING:
    from careervp_desktop.analysis.quality import QualityReport

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
        parts.append(f"<p style='color:{ink['muted']}'><i>Checking against your CV and facts…</i></p>")
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


def _section(name: str) -> str:
    return f"<h4 style='margin:14px 0 4px 0'>{escape(name)}</h4>"


def _fact_check(violations: Sequence[Violation], ink: Ink) -> str:
    out = [_section("Fact check")]
    if not violations:
        out.append(f"<p style='color:{ink['ok_fg']}'>✓ Every claim is backed by your CV or your confirmed facts.</p>")
        return "".join(out)
    critical = sum(1 for v in violations if v.severity == Severity.CRITICAL)
    noun = "claim" if len(violations) == 1 else "claims"
    out.append(
        f"<p>{len(violations)} unsupported {noun}" + (f", {critical} critical" if critical else "") + ". "
        f"<span style='color:{ink['muted']}'>Reword it, or use “It is true” under the document.</span></p>" + _UL
    )
    for v in violations:
        mark, colour = ("●", ink["critical_fg"] if v.severity == Severity.CRITICAL else ink["warning_fg"])
        out.append(
            f"<li><span style='color:{colour}'>{mark}</span> <b>“{escape(v.text)}”</b> — {escape(v.message)}"
            f"<br><span style='color:{ink['muted']}'>{escape(v.source)}</span></li>"
        )
    out.append("</ul>")
    return "".join(out)


def _writing(report: QualityReport, ink: Ink) -> str:
    out = [_section("Writing")]
    shown = [f for f in report.findings if f.severity.value in ("error", "warning")]
    notes = [f for f in report.findings if f.severity.value not in ("error", "warning")]
    if not shown:
        out.append(f"<p style='color:{ink['ok_fg']}'>✓ No clichés, placeholders or lengths to fix.</p>")
    else:
        out.append(_UL)
        for f in shown:
            colour = ink["critical_fg"] if f.severity.value == "error" else ink["warning_fg"]
            hint = f"<br><span style='color:{ink['muted']}'>{escape(f.suggestion)}</span>" if f.suggestion else ""
            out.append(f"<li><span style='color:{colour}'>●</span> {escape(f.message)}{hint}</li>")
        out.append("</ul>")
    for f in notes:
        out.append(f"<p style='color:{ink['muted']}'>{escape(f.message)}</p>")
    counts = [
        f"{escape(w.section[:1].upper() + w.section[1:])}: {w.words} words"
        + ("" if w.in_range else f" (aim for {w.low}–{w.high})" if w.low else f" (at most {w.high})")
        for w in report.word_counts
    ]
    if counts:
        out.append(f"<p style='color:{ink['muted']}'>{' · '.join(counts)}</p>")
    return "".join(out)


def _ats(report: QualityReport, ink: Ink) -> str:
    ats = report.ats
    assert ats is not None
    rows = [
        ("Keywords", ats.keywords, 40),
        ("Formatting", ats.formatting, 30),
        ("Sections", ats.sections, 20),
        ("Fonts", ats.fonts, 10),
    ]
    cells = "".join(
        f"<tr><td>{name}</td><td align='right'>{'—' if value is None else round(value)}/{top}</td></tr>"
        for name, value, top in rows
    )
    out = [_section(f"ATS score {ats.total}/100"), f"<table cellspacing='0' cellpadding='2'>{cells}</table>"]
    if ats.missing_keywords:
        missing = ", ".join(escape(k) for k in ats.missing_keywords[:15])
        out.append(
            f"<p>Keywords of the ad not in this CV: {missing}. "
            f"<span style='color:{ink['muted']}'>Add them only where your experience backs them.</span></p>"
        )
    return "".join(out)


def _documents(documents: Sequence[DocumentSummary], ink: Ink) -> str:
    out = [_section("Documents"), "<table cellspacing='0' cellpadding='2' width='100%'>"]
    for d in documents:
        if d.state == "not started":
            checks = f"<span style='color:{ink['muted']}'>not written yet</span>"
        else:
            fact = (
                f"<span style='color:{ink['ok_fg']}'>✓ facts</span>"
                if not d.unsupported
                else f"<span style='color:{ink['critical_fg' if d.critical else 'warning_fg']}'>"
                f"{d.unsupported} unsupported</span>"
            )
            writing = (
                ""
                if d.writing_to_check is None
                else " · ✓ writing"
                if not d.writing_to_check
                else f" · {d.writing_to_check} to check"
            )
            checks = fact + writing
        out.append(
            f"<tr><td>{escape(d.label)}</td><td style='color:{ink['muted']}'>{escape(d.state)}</td>"
            f"<td>{checks}</td></tr>"
        )
    out.append("</table>")
    return "".join(out)


def _match(match: MatchResult | None, ink: Ink) -> str:
    out = [_section("Match with the job")]
    if match is None:
        hint = "Paste the job ad on the Job tab (with your CV imported) to see it."
        out.append(f"<p style='color:{ink['muted']}'>{hint}</p>")
        return "".join(out)
    out.append(f"<p><b>{match.score}/100</b></p>")
    if match.breakdown:
        cells = "".join(
            f"<tr><td>{escape(name.replace('_', ' ').capitalize())}</td><td align='right'>{round(value)}</td></tr>"
            for name, value in match.breakdown.items()
        )
        out.append(f"<table cellspacing='0' cellpadding='2'>{cells}</table>")
    marks = {MatchStatus.MATCHED: ("✓", ink["ok_fg"]), MatchStatus.PARTIAL: ("◐", ink["warning_fg"])}
    rows = []
    for r in match.requirements[:MAX_REQUIREMENTS]:
        mark, colour = marks.get(r.status, ("✗", ink["critical_fg"]))
        rows.append(f"<li><span style='color:{colour}'>{mark}</span> {escape(r.requirement.text)}</li>")
    if rows:
        more = len(match.requirements) - MAX_REQUIREMENTS
        tail = f"<p style='color:{ink['muted']}'>…and {more} more on the Job tab.</p>" if more > 0 else ""
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
        self.browser.setAccessibleName("Checks")
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
