"""Contact details in a CV's header: e-mail, phone, LinkedIn (as linkedin.com/in/<handle>), website, location."""

from __future__ import annotations

import re
from collections.abc import Sequence

from careervp_desktop.domain.models import ContactInfo
from careervp_desktop.ingest import vocab
from careervp_desktop.ingest.dates import find_date_ranges

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_PHONE_RE = re.compile(r"(?<![\w/])(?:\+|00)?\(?\+?\d[\d\s().\-‐‑–]{6,}\d(?![\w/])")
_LINKEDIN_URL_RE = re.compile(r"linkedin\.com/(?:in|pub)/([\w\-%.]+)", re.IGNORECASE)
_LINKEDIN_ICON_RE = re.compile(
    r"(?:^|[\s|/•·])(?:linkedin(?:-in|-square)?)\s*[:/]?\s*([A-Za-z0-9][\w\-.]{1,60})(?=$|\s)", re.IGNORECASE
)
_GITHUB_ICON_RE = re.compile(
    r"(?:^|[\s|/•·])(?:github(?:-square|-alt)?)\s*[:/]?\s*([A-Za-z0-9][\w\-.]{1,40})(?=$|\s)", re.IGNORECASE
)
_URL_RE = re.compile(
    r"(?<![@\w.])(?:https?://)?(?:www\.)?[A-Za-z0-9][\w\-]*(?:\.[\w\-]+)*\.(?:com|net|org|io|dev|me|de|fr|es|ru|il|co|uk|info|app|ai|tech|site|page|eu|ch|at|nl|us|ca|xyz|blog)(?:/[\w\-./~%#?=&]*)?(?![\w@])",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(
    r"^(?:e-?mail|phone|tel(?:efon|ephone)?|mobile|cell|mob|location|address|adresse|адрес|местоположение|телефон|"
    r"город|почта|טלפון|כתובת|נייד|דוא\"ל|מייל|ort|wohnort|dirección|ubicación|teléfono|téléphone|portable|"
    r"linkedin|github|website|web|site|portfolio|homepage)\s*[:：]\s*",
    re.IGNORECASE,
)
_LOCATION_LABEL_RE = re.compile(
    r"(?:location|address|adresse|адрес|местоположение|город|כתובת|מגורים|ort|wohnort|dirección|ubicación|"
    r"lieu|residence)\s*[:：]\s*(.+)$",
    re.IGNORECASE,
)


def looks_like_contact(text: str) -> bool:
    return bool(EMAIL_RE.search(text) or _URL_RE.search(text) or _phone_in(text) or _LABEL_RE.match(text.strip()))


def _phone_in(text: str) -> str | None:
    for m in _PHONE_RE.finditer(text):
        cand = m.group().strip(" -–.")
        digits = re.sub(r"\D", "", cand)
        if not 7 <= len(digits) <= 15:
            continue
        if find_date_ranges(cand) and len(digits) <= 8:
            continue
        if re.fullmatch(r"\d{4}\s*[-–]\s*\d{4}", cand):
            continue
        return cand
    return None


def _segments(line: str) -> list[str]:
    return [s.strip() for s in re.split(r"\s{3,}|\s[|•·▪◆♦/]\s|\s\|\s?|\|", line) if s.strip()]


def extract_contact(header: Sequence[str], full_text: str, links: Sequence[str] = ()) -> ContactInfo:
    head = "\n".join(header)
    search_space = head if head.strip() else full_text[:1500]
    email = None
    m = EMAIL_RE.search(search_space) or EMAIL_RE.search(full_text)
    if m:
        email = m.group()
    else:
        for link in links:
            if link.lower().startswith("mailto:"):
                email = link[7:].split("?")[0]
                break

    phone = None
    for line in header:
        clean = line.replace("\u00ad", "")
        for seg in _segments(clean):
            seg_wo_email = EMAIL_RE.sub(" ", seg)
            seg_wo_url = _URL_RE.sub(" ", seg_wo_email)
            p = _phone_in(seg_wo_url)
            if p:
                phone = p
                break
        if phone:
            break
    if phone is None:
        for line in full_text.split("\n")[:40]:
            if re.search(r"(?i)phone|tel|mobile|телефон|טלפון|handy", line):
                phone = _phone_in(EMAIL_RE.sub(" ", line.replace("\u00ad", "")))
                if phone:
                    break

    linkedin = None
    m2 = _LINKEDIN_URL_RE.search(full_text)
    if m2:
        linkedin = f"linkedin.com/in/{m2.group(1).rstrip('/.')}"
    else:
        for link in links:
            ml = _LINKEDIN_URL_RE.search(link)
            if ml:
                linkedin = f"linkedin.com/in/{ml.group(1).rstrip('/.')}"
                break
    if linkedin is None:
        mi = _LINKEDIN_ICON_RE.search(head)
        if mi and "." not in mi.group(1):
            linkedin = f"linkedin.com/in/{mi.group(1)}"

    website = None
    github = None
    for m3 in _URL_RE.finditer(EMAIL_RE.sub(" ", head)):
        url = re.sub(r"^https?://", "", m3.group()).rstrip("/.")
        low = url.lower()
        if "linkedin.com" in low:
            continue
        if "github.com" in low:
            github = github or url
            continue
        website = website or url
    if github is None:
        mg = _GITHUB_ICON_RE.search(head)
        if mg and "." not in mg.group(1):
            github = f"github.com/{mg.group(1)}"
    if github is None:
        for link in links:
            if "github.com/" in link.lower():
                github = re.sub(r"^https?://(www\.)?", "", link).rstrip("/")
                break
    website = website or github

    location = _location(header)
    return ContactInfo(email=email, phone=phone, location=location, linkedin=linkedin, website=website)


def _location(header: Sequence[str]) -> str | None:
    for line in header:
        m = _LOCATION_LABEL_RE.search(line)
        if m:
            return m.group(1).strip(" |")
    for line in header:
        for seg in _segments(line.replace("\u00ad", "")):
            seg = re.sub(r"^[^\w(]+", "", seg).strip()
            if not seg or EMAIL_RE.search(seg) or _URL_RE.search(seg) or _phone_in(seg):
                continue
            if "," not in seg or len(seg) > 60 or find_date_ranges(seg):
                continue
            parts = [p.strip() for p in seg.split(",")]
            if vocab.role_score(seg) and not vocab.is_region(parts[-1]):
                continue
            if len(seg.split()) > 8:
                continue
            last = re.sub(r"\s+\d{4,6}$", "", parts[-1])
            if vocab.is_region(last) or vocab.is_region(parts[-1]) or all(p[:1].isupper() for p in parts if p):
                return seg
    return None
