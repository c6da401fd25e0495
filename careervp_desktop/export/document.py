"""One small document model for every export format, and the builders that turn artifact content into it.

A `Document` is a title plus a flat list of blocks. The writers (`docx_writer`, `pdf_writer`) know how to lay
each block out; the builders here decide *what* goes on the page and in which order. Everything here is pure:
models in, a `Document` out, no I/O and no Qt.

The layout is deliberately ATS-safe: one column, real headings with standard section names ("Summary",
"Experience", "Education", "Skills", ...), plain-text contact details, no tables in a CV (only the VPR's evidence
matrix is a table), and every character a reader needs is real text in reading order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel

from careervp_desktop.domain.artifacts import VPR, CoverLetter, GapQuestions, InterviewPrep
from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import (
    ArtifactType,
    Certification,
    EducationEntry,
    ExperienceEntry,
    JobPosting,
    MasterCV,
)

ParagraphStyle = Literal["body", "lead", "muted", "strong"]


# --------------------------------------------------------------------------------------------------- blocks
@dataclass(frozen=True)
class Heading:
    """Level 1 is the document's title line (the candidate's name on a CV), 2 a section, 3 a sub-heading."""

    level: Literal[1, 2, 3]
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text. `label` is set in bold before the text ("Why we ask: ...")."""

    text: str
    style: ParagraphStyle = "body"
    label: str | None = None


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class KeyValue:
    """Label/value rows, e.g. "Role: Senior Backend Engineer"."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """A simple grid with a header row. `widths` are relative column widths (default: equal)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None


@dataclass(frozen=True)
class ContactLine:
    """Contact details on one line, separated by " | " (plain text, so ATS parsers find them)."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """A CV entry: bold title with right-aligned dates, a subtitle line (organisation, place), bullets."""

    title: str
    dates: str = ""
    subtitle: str = ""
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Spacer:
    """Extra vertical space, in points (used between letter parts)."""

    points: float = 8.0


Block = Heading | Paragraph | BulletList | KeyValue | Table | ContactLine | Entry | Spacer


@dataclass(frozen=True)
class Document:
    """A document ready to be written. `title`/`author` become the file's metadata."""

    title: str
    blocks: tuple[Block, ...]
    author: str = ""
    subject: str = ""
    kind: ArtifactType | None = None
    footer: str = ""  # a short footer for continuation pages, e.g. "Maya Lindqvist — Tailored CV"

    def plain_text(self) -> str:
        """All text in reading order, one block per paragraph (what an ATS should read)."""
        return "\n".join(block_text(block) for block in self.blocks if not isinstance(block, Spacer))

    def headings(self, level: int | None = None) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Heading) and (level is None or b.level == level)]


def block_text(block: Block) -> str:
    """The plain text of one block, as a reader should see it."""
    if isinstance(block, Heading):
        return block.text
    if isinstance(block, Paragraph):
        return f"{block.label} {block.text}".strip() if block.label else block.text
    if isinstance(block, BulletList):
        return "\n".join(block.items)
    if isinstance(block, KeyValue):
        return "\n".join(f"{k}: {v}" for k, v in block.rows)
    if isinstance(block, Table):
        return "\n".join(" | ".join(row) for row in (block.header, *block.rows))
    if isinstance(block, ContactLine):
        return CONTACT_SEPARATOR.join(block.items)
    if isinstance(block, Entry):
        head = f"{block.title}\t{block.dates}" if block.dates else block.title
        return "\n".join(p for p in (head, block.subtitle, *block.bullets) if p)
    return ""


CONTACT_SEPARATOR = " | "


# --------------------------------------------------------------------------------------------------- text helpers
def clean(text: str | None) -> str:
    """One line of text: whitespace (tabs, newlines, NBSP) collapsed to single spaces."""
    return " ".join((text or "").split())


def paragraphs_of(text: str | None) -> list[str]:
    """Split free text into paragraphs at blank lines."""
    raw = (text or "").replace("\r\n", "\n").split("\n\n")
    return [p for p in (clean(chunk) for chunk in raw) if p]


_MONTH_NAMES = (
    "January February March April May June July August September October November December".split()  # noqa: SIM905
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_cv_date(value: str | None) -> str:
    """A CV date for display: 2021-03 -> Mar 2021, 2021 -> 2021, present -> Present; else kept as written."""
    text = clean(value)
    if not text:
        return ""
    if text.lower() in {"present", "current", "now", "today"}:
        return "Present"
    parts = text.split("-")
    if len(parts) >= 2 and parts[0].isdigit() and len(parts[0]) == 4 and parts[1].isdigit():
        month = int(parts[1])
        if 1 <= month <= 12:
            return f"{_MONTHS[month - 1]} {parts[0]}"
    return text


def format_date_range(start: str | None, end: str | None, raw: str | None = None) -> str:
    """Mar 2021 – Present, from normalized dates; falls back to the dates as the CV wrote them."""
    first, last = format_cv_date(start), format_cv_date(end)
    if first and last:
        return first if first == last else f"{first} – {last}"
    return clean(raw) or first or last


def format_letter_date(day: date) -> str:
    """A letter's date, e.g. 28 November 2026 (unambiguous in every English-speaking country)."""
    month = _MONTH_NAMES[day.month - 1]
    return f"{day.day} {month} {day.year}"


def _join(parts: list[str | None], sep: str) -> str:
    return sep.join(p for p in (clean(x) for x in parts) if p)


# --------------------------------------------------------------------------------------------------- builders
def build_document(
    artifact_type: ArtifactType,
    content: BaseModel,
    *,
    cv: MasterCV | None = None,
    job: JobPosting | None = None,
    today: date | None = None,
) -> Document:
    """The document for one artifact. `cv` supplies the candidate's name and contact details (the cover letter's
    sender block, metadata); `job` the role and company named in titles. `today` dates the cover letter."""
    expected = {
        ArtifactType.TAILORED_CV: MasterCV,
        ArtifactType.COVER_LETTER: CoverLetter,
        ArtifactType.VPR: VPR,
        ArtifactType.GAP_QUESTIONS: GapQuestions,
        ArtifactType.INTERVIEW_PREP: InterviewPrep,
    }[artifact_type]
    if not isinstance(content, expected):
        raise BadInputError(
            f"Cannot export {artifact_type.label}: expected {expected.__name__} content, got "
            f"{type(content).__name__}; regenerate the document and try again."
        )
    if isinstance(content, MasterCV):
        return _tailored_cv(content, cv=cv, job=job)
    if isinstance(content, CoverLetter):
        return _cover_letter(content, cv=cv, job=job, today=today or date.today())
    if isinstance(content, VPR):
        return _vpr(content, cv=cv, job=job)
    if isinstance(content, GapQuestions):
        return _gap_questions(content, cv=cv, job=job)
    assert isinstance(content, InterviewPrep)
    return _interview_prep(content, cv=cv, job=job)


def _candidate_name(*cvs: MasterCV | None) -> str:
    for one in cvs:
        if one is not None and clean(one.full_name):
            return clean(one.full_name)
    return ""


def _role_line(job: JobPosting | None) -> str:
    """Senior Backend Engineer at Acme (or whichever half is known)."""
    if job is None:
        return ""
    title, company = clean(job.title), clean(job.company)
    if title and company:
        return f"{title} at {company}"
    return title or company


def _contact_items(cv: MasterCV | None) -> tuple[str, ...]:
    if cv is None:
        return ()
    info = cv.contact_info
    parts = (info.email, info.phone, info.location, info.linkedin, info.website)
    return tuple(p for p in (clean(x) for x in parts) if p)


def _experience_entry(entry: ExperienceEntry) -> Entry:
    role, company = clean(entry.role), clean(entry.company)
    title = role or company or "Role"
    subtitle_parts: list[str | None] = [company if role else None, entry.location]
    return Entry(
        title=title,
        dates=format_date_range(entry.start_date, entry.end_date, entry.dates_raw),
        subtitle=_join(subtitle_parts, CONTACT_SEPARATOR),
        bullets=tuple(b for b in (clean(a) for a in entry.achievements) if b),
    )


def _education_entry(entry: EducationEntry) -> Entry:
    degree = clean(entry.degree)
    field_of_study = clean(entry.field_of_study)
    if degree and field_of_study and field_of_study.lower() not in degree.lower():
        degree = f"{degree}, {field_of_study}"
    institution = clean(entry.institution)
    title = degree or field_of_study or institution or "Education"
    return Entry(
        title=title,
        dates=format_date_range(entry.start_date, entry.end_date, entry.dates_raw),
        subtitle=institution if title != institution else "",
    )


def _certification_line(cert: Certification) -> str:
    return _join([cert.name, cert.issuer, cert.date], ", ")


def _tailored_cv(doc: MasterCV, *, cv: MasterCV | None, job: JobPosting | None) -> Document:
    name = _candidate_name(doc, cv)
    blocks: list[Block] = [Heading(1, name or "Curriculum Vitae")]
    contact = _contact_items(doc) or _contact_items(cv)
    if contact:
        blocks.append(ContactLine(contact))
    summary = paragraphs_of(doc.professional_summary)
    if summary:
        blocks.append(Heading(2, "Summary"))
        blocks.extend(Paragraph(p) for p in summary)
    if doc.experience:
        blocks.append(Heading(2, "Experience"))
        blocks.extend(_experience_entry(e) for e in doc.experience)
    if doc.education:
        blocks.append(Heading(2, "Education"))
        blocks.extend(_education_entry(e) for e in doc.education)
    skills = [s for s in (clean(x) for x in doc.skills) if s]
    if skills:
        blocks.append(Heading(2, "Skills"))
        blocks.append(Paragraph(", ".join(skills)))
    certs = [line for line in (_certification_line(c) for c in doc.certifications) if line]
    if certs:
        blocks.append(Heading(2, "Certifications"))
        blocks.append(BulletList(tuple(certs)))
    languages = [s for s in (clean(x) for x in doc.languages) if s]
    if languages:
        blocks.append(Heading(2, "Languages"))
        blocks.append(Paragraph(", ".join(languages)))
    role = _role_line(job)
    return Document(
        title=f"{name} — CV" if name else "CV",
        blocks=tuple(blocks),
        author=name,
        subject=f"CV for {role}" if role else "CV",
        kind=ArtifactType.TAILORED_CV,
        footer=f"{name} — CV" if name else "CV",
    )


def _cover_letter(letter: CoverLetter, *, cv: MasterCV | None, job: JobPosting | None, today: date) -> Document:
    name = _candidate_name(cv) or clean(letter.signature)
    blocks: list[Block] = []
    if name:
        blocks.append(Heading(1, name))
    contact = _contact_items(cv)
    if contact:
        blocks.append(ContactLine(contact))
    blocks.append(Spacer(10))
    blocks.append(Paragraph(format_letter_date(today)))
    company = clean(job.company) if job else ""
    if company:
        blocks.append(Paragraph(f"Hiring team, {company}"))
    title = clean(job.title) if job else ""
    if title:
        blocks.append(Paragraph(f"Application for {title}", style="strong"))
    blocks.append(Spacer(4))
    blocks.append(Paragraph(clean(letter.greeting) or "Dear Hiring Manager,"))
    for chunk in letter.paragraphs:
        blocks.extend(Paragraph(p) for p in paragraphs_of(chunk))
    blocks.append(Spacer(4))
    blocks.append(Paragraph(clean(letter.closing) or "Kind regards,"))
    signature = clean(letter.signature) or name
    if signature:
        blocks.append(Paragraph(signature, style="strong"))
    role = _role_line(job)
    return Document(
        title=f"{name} — Cover letter" if name else "Cover letter",
        blocks=tuple(blocks),
        author=name,
        subject=f"Cover letter for {role}" if role else "Cover letter",
        kind=ArtifactType.COVER_LETTER,
        footer=f"{name} — Cover letter" if name else "Cover letter",
    )


def _report_header(title: str, cv: MasterCV | None, job: JobPosting | None) -> list[Block]:
    blocks: list[Block] = [Heading(1, title)]
    rows: list[tuple[str, str]] = []
    name = _candidate_name(cv)
    if name:
        rows.append(("Candidate", name))
    if job is not None and clean(job.title):
        rows.append(("Role", clean(job.title)))
    if job is not None and clean(job.company):
        rows.append(("Company", clean(job.company)))
    if rows:
        blocks.append(KeyValue(tuple(rows)))
    return blocks


_STRENGTH_LABELS = {"strong": "Strong", "partial": "Partial", "gap": "Gap"}


def _vpr(vpr: VPR, *, cv: MasterCV | None, job: JobPosting | None) -> Document:
    blocks = _report_header("Value Proposition Report", cv, job)
    if vpr.match_score and blocks and isinstance(blocks[-1], KeyValue):
        blocks[-1] = KeyValue((*blocks[-1].rows, ("Match score", f"{vpr.match_score}/100")))
    elif vpr.match_score:
        blocks.append(KeyValue((("Match score", f"{vpr.match_score}/100"),)))
    if clean(vpr.headline):
        blocks.append(Paragraph(clean(vpr.headline), style="lead"))
    summary = paragraphs_of(vpr.summary)
    if summary:
        blocks.append(Heading(2, "Summary"))
        blocks.extend(Paragraph(p) for p in summary)
    sections: list[tuple[str, list[str]]] = [("Key strengths", vpr.strengths)]
    for heading, items in sections:
        cleaned = tuple(i for i in (clean(x) for x in items) if i)
        if cleaned:
            blocks.append(Heading(2, heading))
            blocks.append(BulletList(cleaned))
    if vpr.evidence_matrix:
        blocks.append(Heading(2, "Evidence matrix"))
        rows = tuple(
            (
                clean(r.requirement),
                clean(r.evidence) or "—",
                clean(r.source) or "—",
                _STRENGTH_LABELS.get(clean(r.strength).lower(), clean(r.strength).capitalize()),
            )
            for r in vpr.evidence_matrix
        )
        blocks.append(Table(("Requirement", "Evidence from your CV", "Source", "Strength"), rows, (3, 4, 2.2, 1.2)))
    for heading, items in (
        ("Gaps", vpr.gaps),
        ("Differentiators", vpr.differentiators),
        ("Recommendations", vpr.recommendations),
    ):
        cleaned = tuple(i for i in (clean(x) for x in items) if i)
        if cleaned:
            blocks.append(Heading(2, heading))
            blocks.append(BulletList(cleaned))
    name = _candidate_name(cv)
    role = _role_line(job)
    return Document(
        title=f"Value Proposition Report — {role}" if role else "Value Proposition Report",
        blocks=tuple(blocks),
        author=name,
        subject=f"Value proposition for {role}" if role else "Value proposition",
        kind=ArtifactType.VPR,
        footer=_join([name, "Value Proposition Report"], " — "),
    )


def _gap_questions(gq: GapQuestions, *, cv: MasterCV | None, job: JobPosting | None) -> Document:
    blocks = _report_header("Gap Questions", cv, job)
    blocks.append(
        Paragraph(
            "Your CV does not yet show everything this role asks for. Answer the questions below with facts "
            "from your own experience; confirmed answers can then be used in your CV and cover letter.",
            style="muted",
        )
    )
    for number, q in enumerate(gq.questions, start=1):
        blocks.append(Heading(3, f"{number}. {clean(q.question)}"))
        if clean(q.requirement):
            blocks.append(Paragraph(clean(q.requirement), label="Requirement:"))
        if clean(q.why):
            blocks.append(Paragraph(clean(q.why), label="Why we ask:"))
        skills = [s for s in (clean(x) for x in q.skills) if s]
        if skills:
            blocks.append(Paragraph(", ".join(skills), label="Skills:"))
        answer = clean(q.answer)
        blocks.append(Paragraph(answer or "(not answered yet)", label="Your answer:"))
    if not gq.questions:
        blocks.append(Paragraph("No gap questions: your CV already covers this role's requirements."))
    name = _candidate_name(cv)
    role = _role_line(job)
    return Document(
        title=f"Gap Questions — {role}" if role else "Gap Questions",
        blocks=tuple(blocks),
        author=name,
        subject=f"Gap questions for {role}" if role else "Gap questions",
        kind=ArtifactType.GAP_QUESTIONS,
        footer=_join([name, "Gap Questions"], " — "),
    )


def _interview_prep(prep: InterviewPrep, *, cv: MasterCV | None, job: JobPosting | None) -> Document:
    blocks = _report_header("Interview Preparation", cv, job)
    if prep.questions:
        blocks.append(Heading(2, "Likely questions"))
    for number, q in enumerate(prep.questions, start=1):
        blocks.append(Heading(3, f"{number}. {clean(q.question)}"))
        category = clean(q.category)
        if category:
            blocks.append(Paragraph(category.capitalize(), label="Category:"))
        if clean(q.why_asked):
            blocks.append(Paragraph(clean(q.why_asked), label="Why they ask:"))
        points = tuple(p for p in (clean(x) for x in q.talking_points) if p)
        if points:
            blocks.append(Paragraph("", label="Talking points:"))
            blocks.append(BulletList(points))
        evidence = tuple(e for e in (clean(x) for x in q.evidence) if e)
        if evidence:
            blocks.append(Paragraph("", label="Evidence from your CV:"))
            blocks.append(BulletList(evidence))
    to_ask = tuple(a for a in (clean(x) for x in prep.questions_to_ask) if a)
    if to_ask:
        blocks.append(Heading(2, "Questions to ask"))
        blocks.append(BulletList(to_ask, numbered=True))
    name = _candidate_name(cv)
    role = _role_line(job)
    return Document(
        title=f"Interview Preparation — {role}" if role else "Interview Preparation",
        blocks=tuple(blocks),
        author=name,
        subject=f"Interview preparation for {role}" if role else "Interview preparation",
        kind=ArtifactType.INTERVIEW_PREP,
        footer=_join([name, "Interview Preparation"], " — "),
    )
