"""Job description text → `JobPosting` (pure), and reading a JD file to text."""

from __future__ import annotations

import re
from pathlib import Path

from careervp_desktop.domain.errors import BadInputError
from careervp_desktop.domain.models import JobPosting, Requirement, RequirementKind
from careervp_desktop.ingest.extract import extract_text
from careervp_desktop.ingest.language import detect_language
from careervp_desktop.ingest.skills import split_skills

_BULLET_RE = re.compile(r"^\s*[•·▪◦●○■►▶➢✓✔*\-–—]\s*")
_REQ_HEAD = re.compile(
    r"requirements|qualifications|what you(?:'|’)ll need|what we(?:'|’)re looking for|must have|you have|"
    r"about you|skills|profile|who you are|anforderungen|dein profil|ihr profil|qualifikationen|profil recherché|"
    r"exigences|requisitos|требования|דרישות",
    re.IGNORECASE,
)
_NICE_HEAD = re.compile(
    r"nice to have|nice-to-have|bonus|preferred|plus|desirable|would be great|wünschenswert|von vorteil|"
    r"souhaité|un plus|deseable|будет плюсом|יתרון",
    re.IGNORECASE,
)
_RESP_HEAD = re.compile(
    r"responsibilities|what you(?:'|’)ll do|the role|your role|duties|your tasks|aufgaben|deine aufgaben|"
    r"missions|responsabilités|responsabilidades|обязанности|תפקיד|תחומי אחריות",
    re.IGNORECASE,
)
_NICE_INLINE = re.compile(
    r"\b(?:nice to have|a plus|bonus|preferred|preferably|ideally|desirable|von vorteil|"
    r"wünschenswert|un plus|deseable|плюсом|יתרון)\b",
    re.IGNORECASE,
)
_YEARS_RE = re.compile(
    r"(\d{1,2})\s*\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs?|jahre|ans|años|лет|года|שנות|שנים)", re.IGNORECASE
)
_SENIORITY = [
    ("principal", r"\b(?:principal|distinguished)\b"),
    ("lead", r"\b(?:lead|staff|head of|team lead|tech lead)\b"),
    ("senior", r"\b(?:senior|sr\.?|experienced)\b"),
    ("junior", r"\b(?:junior|jr\.?|entry[- ]level|graduate|intern)\b"),
    ("mid", r"\b(?:mid[- ]level|intermediate|mid)\b"),
]
_TECH_RE = re.compile(
    r"\b(?:[A-Z][a-zA-Z0-9]*(?:[.#+/-][A-Za-z0-9+#]+)*(?:\s(?:[A-Z][a-zA-Z0-9]+))?|[a-z]+\.js|C\+\+|C#|\.NET)\b"
)
_COMMON_CAPS = {
    "The",
    "We",
    "You",
    "Our",
    "In",
    "And",
    "For",
    "With",
    "As",
    "A",
    "An",
    "To",
    "Of",
    "If",
    "On",
    "At",
    "Your",
    "This",
    "Experience",
    "Strong",
    "Excellent",
    "Ability",
    "Knowledge",
    "Proven",
    "Good",
    "Familiarity",
    "Understanding",
    "Bachelor",
    "Master",
    "Degree",
    "Work",
    "Team",
    "Years",
    "Responsibilities",
    "Requirements",
    "Qualifications",
    "Nice",
    "Bonus",
    "Must",
    "Preferred",
    "About",
    "Job",
    "Role",
    "Location",
    "Company",
    "Design",
    "Build",
    "Develop",
    "Collaborate",
    "Lead",
    "Senior",
    "Junior",
    "Remote",
    "Hybrid",
    "Full",
    "Part",
}


def read_job_file(path: Path) -> str:
    """The text of a job description file (.txt/.md/.pdf/.docx); `BadInputError` for bad files."""
    text = extract_text(path)
    if len(text.strip()) < 30:
        raise BadInputError(f"{path.name} has too little text to be a job description: paste the full posting.")
    return text


def parse_job_posting(text: str) -> JobPosting:
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\f", "\n").split("\n")]
    non_empty = [ln.strip() for ln in lines if ln.strip()]
    title = _labelled(non_empty, r"(?:job\s*title|title|position|role|stelle|poste|puesto|должность|תפקיד)")
    company = _labelled(non_empty, r"(?:company|employer|unternehmen|firma|entreprise|empresa|компания|חברה)")
    location = _labelled(non_empty, r"(?:location|standort|ort|lieu|ubicación|локация|город|מיקום)")
    if title is None and non_empty:
        first = non_empty[0]
        if len(first) <= 80 and not first.endswith("."):
            title = re.split(r"\s+(?:at|@|bei|chez|en)\s+|\s[|–—-]\s", first)[0].strip()
            m = re.search(r"\s(?:at|@|bei|chez)\s+(.+)$", first)
            if m and company is None:
                company = m.group(1).strip()
    if company is None:
        m = re.search(r"\b(?:at|join)\s+([A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,3})", text)
        if m:
            company = m.group(1).strip()
    requirements: list[Requirement] = []
    responsibilities: list[str] = []
    mode: str | None = None
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        is_bullet = bool(_BULLET_RE.match(line))
        body = _BULLET_RE.sub("", line).strip()
        if not is_bullet and len(body) <= 60 and not body.endswith("."):
            if _NICE_HEAD.search(body):
                mode = "nice"
                continue
            if _RESP_HEAD.search(body):
                mode = "resp"
                continue
            if _REQ_HEAD.search(body):
                mode = "must"
                continue
            if body.endswith(":"):
                mode = None
                continue
        if mode is None or len(body) < 3:
            continue
        if mode == "resp":
            responsibilities.append(body)
            continue
        kind = RequirementKind.NICE if mode == "nice" or _NICE_INLINE.search(body) else RequirementKind.MUST
        requirements.append(Requirement(text=body, kind=kind, skills=_skills_in(body)))
    years = [int(m.group(1)) for m in _YEARS_RE.finditer(text) if 0 < int(m.group(1)) < 40]
    seniority = None
    probe = f"{title or ''}\n{text[:400]}"
    for name, pattern in _SENIORITY:
        if re.search(pattern, probe, re.IGNORECASE):
            seniority = name
            break
    keywords: list[str] = []
    for req in requirements:
        for skill in req.skills:
            if skill.casefold() not in {k.casefold() for k in keywords}:
                keywords.append(skill)
    return JobPosting(
        title=title,
        company=company,
        location=location,
        seniority=seniority,
        years_required=max(years) if years else None,
        requirements=requirements,
        responsibilities=responsibilities,
        keywords=keywords,
        language=detect_language(text),
        raw_text=text,
    )


def _labelled(lines: list[str], label: str) -> str | None:
    for line in lines[:30]:
        m = re.match(rf"^\s*{label}\s*[:：]\s*(.+)$", line, re.IGNORECASE)
        if m:
            return m.group(1).strip()
    return None


def _skills_in(text: str) -> list[str]:
    """Tool and technology names in a requirement: capitalised or dotted tokens that are not common words."""
    found: list[str] = []
    for m in _TECH_RE.finditer(text):
        token = m.group().strip()
        first = token.split()[0]
        if first in _COMMON_CAPS or len(token) < 2:
            continue
        if m.start() == 0 and " " not in token and token.istitle() and not re.search(r"[.#+/\d]", token):
            continue  # a sentence-initial word
        for item in split_skills([(token, False)]):
            if item not in found:
                found.append(item)
    return found
