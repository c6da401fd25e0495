"""One small document model for every export format, and the builders that turn artifact content into it.

A `Document` is a title plus a flat list of blocks. The writers (`docx_writer`, `pdf_writer`) know how to lay
each block out; the builders here decide *what* goes on the page and in which order. Everything here is pure:
models in, a `Document` out, no I/O and no Qt.

The layout is deliberately ATS-safe: one column, real headings with standard section names ("Professional
Summary", "Professional Experience", "Education", "Skills", ..., in the document's language: see `labels`),
plain-text contact details in the body, no tables in a CV (only the VPR's evidence matrix is a table), and every
character a reader needs is real text in reading order. A document knows its language and writing direction;
Hebrew documents are laid out right-to-left by both writers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
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
from careervp_desktop.export.labels import (
    ENGLISH,
    Direction,
    Labels,
    direction_of,
    format_letter_date,
    labels_for,
    script_language,
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
    """A CV entry: a bold title followed on its line by the dates ("Senior Engineer | Mar 2021 – Present"), a
    subtitle line (organisation, place), bullets. The dates follow the title rather than sitting flush right: a
    far-right column is read out of order by position-based text extractors (pdftotext put the last entry's
    dates after the whole page)."""

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
    footer: str = ""  # a short footer for continuation pages, e.g. "Maya Lindqvist — CV"
    language: str = "en"  # ISO 639-1
    direction: Direction = "ltr"

    @property
    def labels(self) -> Labels:
        return labels_for(self.language)

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

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
        head = f"{block.title}{ENTRY_SEPARATOR}{block.dates}" if block.dates else block.title
        return "\n".join(p for p in (head, block.subtitle, *block.bullets) if p)
    return ""


CONTACT_SEPARATOR = " | "
ENTRY_SEPARATOR = " | "


# --------------------------------------------------------------------------------------------------- text helpers
def clean(text: str | None) -> str:
    """One line of text: whitespace (tabs, newlines, NBSP) collapsed to single spaces."""
    return " ".join((text or "").split())


def paragraphs_of(text: str | None) -> list[str]:
    """Split free text into paragraphs at blank lines."""
    raw = (text or "").replace("\r\n", "\n").split("\n\n")
    return [p for p in (clean(chunk) for chunk in raw) if p]


def format_cv_date(value: str | None, labels: Labels = ENGLISH) -> str:
    """A CV date for display: 2021-03 -> Mar 2021, 2021 -> 2021, present -> Present; else kept as written."""
    text = clean(value)
    if not text:
        return ""
    if text.lower() in {"present", "current", "now", "today"}:
        return labels.present
    parts = text.split("-")
    if len(parts) >= 2 and parts[0].isdigit() and len(parts[0]) == 4 and parts[1].isdigit():
        month = int(parts[1])
        if 1 <= month <= 12:
            return f"{labels.months[month - 1]} {parts[0]}"
    return text


def format_date_range(start: str | None, end: str | None, raw: str | None = None, labels: Labels = ENGLISH) -> str:
    """Mar 2021 – Present, from normalized dates; falls back to the dates as the CV wrote them."""
    first, last = format_cv_date(start, labels), format_cv_date(end, labels)
    if first and last:
        return first if first == last else f"{first} – {last}"
    return clean(raw) or first or last


def _join(parts: list[str | None], sep: str) -> str:
    return sep.join(p for p in (clean(x) for x in parts) if p)


# --------------------------------------------------------------------------------------------------- language
def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def document_language(content: BaseModel, *, cv: MasterCV | None = None, stated: str | None = None) -> str:
    """The language a document is laid out in: `stated` if given; else the script of the content's own text
    decides ("he" when most letters are Hebrew); else the CV's detected language, unless that language is written
    right-to-left while the content is not (an English letter for a Hebrew CV stays left-to-right)."""
    if stated:
        return stated.strip().lower().replace("-", "_").split("_")[0] or "en"
    text = " ".join(_strings(content))
    by_script = script_language(text)
    if by_script:
        return by_script
    candidates = [getattr(content, "language", None), cv.language if cv is not None else None]
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip() and direction_of(candidate) == "ltr":
            return candidate.strip().lower()
    return "en"


# --------------------------------------------------------------------------------------------------- builders
def build_document(
    artifact_type: ArtifactType,
    content: BaseModel,
    *,
    cv: MasterCV | None = None,
    job: JobPosting | None = None,
    today: date | None = None,
    language: str | None = None,
) -> Document:
    """The document for one artifact. `cv` supplies the candidate's name and contact details (the cover letter's
    sender block, metadata); `job` the role and company named in titles. `today` dates the cover letter.
    `language` overrides the language the content is written in (see `document_language`); it chooses the
    headings and labels, and right-to-left layout for Hebrew."""
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
    lang = document_language(content, cv=cv, stated=language)
    ctx = _Context(labels_for(lang), cv, job)
    if isinstance(content, MasterCV):
        doc = _tailored_cv(content, ctx)
    elif isinstance(content, CoverLetter):
        doc = _cover_letter(content, ctx, today=today or date.today())
    elif isinstance(content, VPR):
        doc = _vpr(content, ctx)
    elif isinstance(content, GapQuestions):
        doc = _gap_questions(content, ctx)
    else:
        assert isinstance(content, InterviewPrep)
        doc = _interview_prep(content, ctx)
    return replace(doc, kind=artifact_type, language=lang, direction=direction_of(lang))


@dataclass(frozen=True)
class _Context:
    labels: Labels
    cv: MasterCV | None
    job: JobPosting | None

    @property
    def name(self) -> str:
        return _candidate_name(self.cv)

    def role_line(self) -> str:
        """Senior Backend Engineer at Acme (or whichever half is known)."""
        if self.job is None:
            return ""
        title, company = clean(self.job.title), clean(self.job.company)
        if title and company:
            return self.labels.role_at.format(title=title, company=company)
        return title or company

    def subject(self, what: str) -> str:
        role = self.role_line()
        return self.labels.for_role.format(what=what, role=role) if role else what

    def titled(self, what: str) -> str:
        role = self.role_line()
        return f"{what} — {role}" if role else what


def _candidate_name(*cvs: MasterCV | None) -> str:
    for one in cvs:
        if one is not None and clean(one.full_name):
            return clean(one.full_name)
    return ""


def _contact_items(cv: MasterCV | None) -> tuple[str, ...]:
    if cv is None:
        return ()
    info = cv.contact_info
    parts = (info.email, info.phone, info.location, info.linkedin, info.website)
    return tuple(p for p in (clean(x) for x in parts) if p)


def _experience_entry(entry: ExperienceEntry, labels: Labels) -> Entry:
    role, company = clean(entry.role), clean(entry.company)
    title = role or company or labels.role
    subtitle_parts: list[str | None] = [company if role else None, entry.location]
    return Entry(
        title=title,
        dates=format_date_range(entry.start_date, entry.end_date, entry.dates_raw, labels),
        subtitle=_join(subtitle_parts, CONTACT_SEPARATOR),
        bullets=tuple(b for b in (clean(a) for a in entry.achievements) if b),
    )


def _education_entry(entry: EducationEntry, labels: Labels) -> Entry:
    degree = clean(entry.degree)
    field_of_study = clean(entry.field_of_study)
    if degree and field_of_study and field_of_study.lower() not in degree.lower():
        degree = f"{degree}, {field_of_study}"
    institution = clean(entry.institution)
    title = degree or field_of_study or institution or labels.education
    return Entry(
        title=title,
        dates=format_date_range(entry.start_date, entry.end_date, entry.dates_raw, labels),
        subtitle=institution if title != institution else "",
    )


def _certification_line(cert: Certification) -> str:
    return _join([cert.name, cert.issuer, cert.date], ", ")


def _named(name: str, what: str) -> str:
    return f"{name} — {what}" if name else what


def _tailored_cv(doc: MasterCV, ctx: _Context) -> Document:
    labels = ctx.labels
    name = _candidate_name(doc, ctx.cv)
    blocks: list[Block] = [Heading(1, name or labels.curriculum_vitae)]
    contact = _contact_items(doc) or _contact_items(ctx.cv)
    if contact:
        blocks.append(ContactLine(contact))
    summary = paragraphs_of(doc.professional_summary)
    if summary:
        blocks.append(Heading(2, labels.summary))
        blocks.extend(Paragraph(p) for p in summary)
    if doc.experience:
        blocks.append(Heading(2, labels.experience))
        blocks.extend(_experience_entry(e, labels) for e in doc.experience)
    if doc.education:
        blocks.append(Heading(2, labels.education))
        blocks.extend(_education_entry(e, labels) for e in doc.education)
    skills = [s for s in (clean(x) for x in doc.skills) if s]
    if skills:
        blocks.append(Heading(2, labels.skills))
        blocks.append(Paragraph(", ".join(skills)))
    certs = [line for line in (_certification_line(c) for c in doc.certifications) if line]
    if certs:
        blocks.append(Heading(2, labels.certifications))
        blocks.append(BulletList(tuple(certs)))
    languages = [s for s in (clean(x) for x in doc.languages) if s]
    if languages:
        blocks.append(Heading(2, labels.languages))
        blocks.append(Paragraph(", ".join(languages)))
    return Document(
        title=_named(name, labels.cv),
        blocks=tuple(blocks),
        author=name,
        subject=ctx.subject(labels.cv),
        footer=_named(name, labels.cv),
    )


def _cover_letter(letter: CoverLetter, ctx: _Context, *, today: date) -> Document:
    labels = ctx.labels
    name = ctx.name or clean(letter.signature)
    blocks: list[Block] = []
    if name:
        blocks.append(Heading(1, name))
    contact = _contact_items(ctx.cv)
    if contact:
        blocks.append(ContactLine(contact))
    blocks.append(Spacer(10))
    blocks.append(Paragraph(format_letter_date(today, labels)))
    company = clean(ctx.job.company) if ctx.job else ""
    if company:
        blocks.append(Paragraph(labels.hiring_team.format(company=company)))
    title = clean(ctx.job.title) if ctx.job else ""
    if title:
        blocks.append(Paragraph(labels.application_for.format(title=title), style="strong"))
    blocks.append(Spacer(4))
    blocks.append(Paragraph(clean(letter.greeting) or labels.greeting))
    for chunk in letter.paragraphs:
        blocks.extend(Paragraph(p) for p in paragraphs_of(chunk))
    blocks.append(Spacer(4))
    blocks.append(Paragraph(clean(letter.closing) or labels.closing))
    signature = clean(letter.signature) or name
    if signature:
        blocks.append(Paragraph(signature, style="strong"))
    return Document(
        title=_named(name, labels.cover_letter),
        blocks=tuple(blocks),
        author=name,
        subject=ctx.subject(labels.cover_letter),
        footer=_named(name, labels.cover_letter),
    )


def _report_header(title: str, ctx: _Context, extra: tuple[tuple[str, str], ...] = ()) -> list[Block]:
    labels = ctx.labels
    blocks: list[Block] = [Heading(1, title)]
    rows: list[tuple[str, str]] = []
    if ctx.name:
        rows.append((labels.candidate, ctx.name))
    if ctx.job is not None and clean(ctx.job.title):
        rows.append((labels.role, clean(ctx.job.title)))
    if ctx.job is not None and clean(ctx.job.company):
        rows.append((labels.company, clean(ctx.job.company)))
    rows.extend(extra)
    if rows:
        blocks.append(KeyValue(tuple(rows)))
    return blocks


def _bullet_section(blocks: list[Block], heading: str, items: list[str]) -> None:
    cleaned = tuple(i for i in (clean(x) for x in items) if i)
    if cleaned:
        blocks.append(Heading(2, heading))
        blocks.append(BulletList(cleaned))


def _vpr(vpr: VPR, ctx: _Context) -> Document:
    labels = ctx.labels
    score = ((labels.match_score, f"{vpr.match_score}/100"),) if vpr.match_score else ()
    blocks = _report_header(labels.vpr, ctx, score)
    if clean(vpr.headline):
        blocks.append(Paragraph(clean(vpr.headline), style="lead"))
    summary = paragraphs_of(vpr.summary)
    if summary:
        blocks.append(Heading(2, labels.report_summary))
        blocks.extend(Paragraph(p) for p in summary)
    _bullet_section(blocks, labels.key_strengths, vpr.strengths)
    if vpr.evidence_matrix:
        blocks.append(Heading(2, labels.evidence_matrix))
        rows = tuple(
            (
                clean(r.requirement),
                _with_impact(clean(r.evidence), clean(r.business_impact), labels.impact),
                clean(r.source) or "—",
                labels.strength(clean(r.strength)),
            )
            for r in vpr.evidence_matrix
        )
        blocks.append(Table(labels.matrix_header, rows, (3, 4, 2.2, 1.2)))
    _bullet_section(blocks, labels.gaps, vpr.gaps)
    _bullet_section(blocks, labels.differentiators, vpr.differentiators)
    _bullet_section(blocks, labels.recommendations, vpr.recommendations)
    _bullet_section(blocks, labels.cultural_fit, vpr.cultural_fit)
    _bullet_section(blocks, labels.vpr_talking_points, vpr.talking_points)
    keywords = [k for k in (clean(x) for x in vpr.ats_keywords) if k]
    if keywords:
        blocks.append(Heading(2, labels.ats_keywords))
        blocks.append(Paragraph(", ".join(keywords)))
    return Document(
        title=ctx.titled(labels.vpr),
        blocks=tuple(blocks),
        author=ctx.name,
        subject=ctx.subject(labels.vpr),
        footer=_join([ctx.name, labels.vpr], " — "),
    )


def _with_impact(evidence: str, impact: str, label: str) -> str:
    """The evidence cell: the CV line, and its measurable result when the writer phrased it apart from the line."""
    if not evidence:
        return "—"
    return f"{evidence} ({label}: {impact})" if impact and impact not in evidence else evidence


def _gap_questions(gq: GapQuestions, ctx: _Context) -> Document:
    labels = ctx.labels
    blocks = _report_header(labels.gap_questions, ctx)
    blocks.append(Paragraph(labels.gap_intro, style="muted"))
    for number, q in enumerate(gq.questions, start=1):
        blocks.append(Heading(3, f"{number}. {clean(q.question)}"))
        if clean(q.requirement):
            blocks.append(Paragraph(clean(q.requirement), label=labels.requirement))
        if clean(q.why):
            blocks.append(Paragraph(clean(q.why), label=labels.why_we_ask))
        skills = [s for s in (clean(x) for x in q.skills) if s]
        if skills:
            blocks.append(Paragraph(", ".join(skills), label=labels.skills_label))
        answer = clean(q.answer)
        blocks.append(Paragraph(answer or labels.not_answered, label=labels.your_answer))
    if not gq.questions:
        blocks.append(Paragraph(labels.no_gap_questions))
    return Document(
        title=ctx.titled(labels.gap_questions),
        blocks=tuple(blocks),
        author=ctx.name,
        subject=ctx.subject(labels.gap_questions),
        footer=_join([ctx.name, labels.gap_questions], " — "),
    )


def _interview_prep(prep: InterviewPrep, ctx: _Context) -> Document:
    labels = ctx.labels
    blocks = _report_header(labels.interview_prep, ctx)
    if clean(prep.pitch):
        blocks.append(Heading(2, labels.pitch))
        blocks.append(Paragraph(clean(prep.pitch)))
    if prep.questions:
        blocks.append(Heading(2, labels.likely_questions))
    for number, q in enumerate(prep.questions, start=1):
        blocks.append(Heading(3, f"{number}. {clean(q.question)}"))
        category = clean(q.category)
        if category:
            blocks.append(Paragraph(category.capitalize(), label=labels.category))
        if clean(q.why_asked):
            blocks.append(Paragraph(clean(q.why_asked), label=labels.why_they_ask))
        if clean(q.evaluates):
            blocks.append(Paragraph(clean(q.evaluates), label=labels.evaluates))
        star = (
            ()
            if q.star is None
            else tuple(
                f"{name} — {text}"
                for name, text in zip(
                    labels.star_parts,
                    (clean(q.star.situation), clean(q.star.task), clean(q.star.action), clean(q.star.result)),
                    strict=True,
                )
                if text
            )
        )
        if star:
            blocks.append(Paragraph("", label=labels.star_outline))
            blocks.append(BulletList(star))
        points = tuple(p for p in (clean(x) for x in q.talking_points) if p)
        if points:
            blocks.append(Paragraph("", label=labels.talking_points))
            blocks.append(BulletList(points))
        evidence = tuple(e for e in (clean(x) for x in q.evidence) if e)
        if evidence:
            blocks.append(Paragraph("", label=labels.evidence_from_cv))
            blocks.append(BulletList(evidence))
        follow_ups = tuple(f for f in (clean(x) for x in q.follow_ups) if f)
        if follow_ups:
            blocks.append(Paragraph("", label=labels.follow_ups))
            blocks.append(BulletList(follow_ups))
    to_ask = tuple(a for a in (clean(x) for x in prep.questions_to_ask) if a)
    if to_ask:
        blocks.append(Heading(2, labels.questions_to_ask))
        blocks.append(BulletList(to_ask, numbered=True))
    return Document(
        title=ctx.titled(labels.interview_prep),
        blocks=tuple(blocks),
        author=ctx.name,
        subject=ctx.subject(labels.interview_prep),
        footer=_join([ctx.name, labels.interview_prep], " — "),
    )
