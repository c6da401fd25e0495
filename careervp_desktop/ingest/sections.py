"""Section headings of CVs in English, German, French, Spanish, Russian and Hebrew."""

from __future__ import annotations

import functools
import re
import unicodedata

SUMMARY = "summary"
EXPERIENCE = "experience"
EDUCATION = "education"
SKILLS = "skills"
CERTIFICATIONS = "certifications"
LANGUAGES = "languages"
CONTACT = "contact"
OTHER = "other"

_HEADINGS: dict[str, tuple[str, ...]] = {
    SUMMARY: (
        "summary",
        "professional summary",
        "career summary",
        "executive summary",
        "profile",
        "professional profile",
        "personal profile",
        "about me",
        "about",
        "objective",
        "career objective",
        "personal statement",
        "overview",
        "summary of qualifications",
        "qualifications summary",
        "professional overview",
        "introduction",
        "profil",
        "zusammenfassung",
        "kurzprofil",
        "über mich",
        "berufsziel",
        "persönliches profil",
        "profil professionnel",
        "résumé",
        "résumé professionnel",
        "à propos",
        "à propos de moi",
        "objectif",
        "perfil",
        "perfil profesional",
        "resumen",
        "resumen profesional",
        "sobre mí",
        "objetivo",
        "extracto",
        "о себе",
        "профиль",
        "резюме",
        "профессиональное резюме",
        "цель",
        "краткая информация",
        "обо мне",
        "תקציר",
        "פרופיל",
        "על עצמי",
        "סיכום",
        "מטרה",
        "אודות",
        "פרופיל מקצועי",
        "תמצית",
    ),
    EXPERIENCE: (
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "relevant experience",
        "professional background",
        "career",
        "experience and employment",
        "positions",
        "professional history",
        "job experience",
        "industry experience",
        "research experience",
        "teaching experience",
        "military service",
        "work",
        "appointments",
        "berufserfahrung",
        "berufliche erfahrung",
        "berufspraxis",
        "arbeitserfahrung",
        "beruflicher werdegang",
        "werdegang",
        "erfahrung",
        "praktische erfahrung",
        "berufliche laufbahn",
        "beschäftigungsverlauf",
        "expérience",
        "expériences",
        "expérience professionnelle",
        "expériences professionnelles",
        "parcours professionnel",
        "emplois",
        "experiencia",
        "experiencia laboral",
        "experiencia profesional",
        "historial laboral",
        "trayectoria profesional",
        "опыт работы",
        "опыт",
        "профессиональный опыт",
        "трудовая деятельность",
        "места работы",
        "ניסיון",
        "ניסיון תעסוקתי",
        "ניסיון מקצועי",
        "היסטוריה תעסוקתית",
        "תעסוקה",
        "ניסיון בעבודה",
        "שירות צבאי",
        "ניסיון צבאי",
    ),
    EDUCATION: (
        "education",
        "academic background",
        "education and training",
        "academic qualifications",
        "studies",
        "educational background",
        "academics",
        "education and certifications",
        "degrees",
        "ausbildung",
        "bildung",
        "bildungsweg",
        "studium",
        "schulbildung",
        "akademischer werdegang",
        "akademische ausbildung",
        "formation",
        "formations",
        "éducation",
        "études",
        "parcours académique",
        "diplômes",
        "formation académique",
        "educación",
        "formación",
        "formación académica",
        "estudios",
        "образование",
        "השכלה",
        "לימודים",
        "השכלה אקדמית",
    ),
    SKILLS: (
        "skills",
        "technical skills",
        "core skills",
        "key skills",
        "core competencies",
        "competencies",
        "areas of expertise",
        "expertise",
        "technologies",
        "tech stack",
        "tools",
        "skills and tools",
        "technical proficiencies",
        "skills and abilities",
        "hard skills",
        "soft skills",
        "it skills",
        "computer skills",
        "key qualifications",
        "skills and interests",
        "skills and expertise",
        "technical expertise",
        "skill set",
        "skillset",
        "qualifications",
        "strengths",
        "tools and technologies",
        "kenntnisse",
        "fähigkeiten",
        "fachkenntnisse",
        "kompetenzen",
        "it-kenntnisse",
        "edv-kenntnisse",
        "technische kenntnisse",
        "fähigkeiten und kenntnisse",
        "compétences",
        "compétences techniques",
        "savoir-faire",
        "outils",
        "compétences clés",
        "habilidades",
        "competencias",
        "conocimientos",
        "aptitudes",
        "habilidades técnicas",
        "навыки",
        "ключевые навыки",
        "технические навыки",
        "умения",
        "компетенции",
        "профессиональные навыки",
        "כישורים",
        "מיומנויות",
        "כישורים טכניים",
        "טכנולוגיות",
        "יכולות",
        "כלים",
    ),
    CERTIFICATIONS: (
        "certifications",
        "certificates",
        "certification",
        "licenses and certifications",
        "certifications and licenses",
        "licenses",
        "professional certifications",
        "accreditations",
        "zertifikate",
        "zertifizierungen",
        "certificats",
        "certificaciones",
        "certificados",
        "сертификаты",
        "сертификация",
        "הסמכות",
        "תעודות",
    ),
    LANGUAGES: (
        "languages",
        "language skills",
        "spoken languages",
        "language",
        "sprachen",
        "sprachkenntnisse",
        "langues",
        "compétences linguistiques",
        "idiomas",
        "lenguas",
        "языки",
        "знание языков",
        "владение языками",
        "иностранные языки",
        "שפות",
    ),
    CONTACT: (
        "contact",
        "contact information",
        "contact info",
        "contact details",
        "personal information",
        "personal details",
        "personal data",
        "kontakt",
        "persönliche daten",
        "kontaktdaten",
        "coordonnées",
        "informations personnelles",
        "contacto",
        "datos personales",
        "información de contacto",
        "контакты",
        "контактная информация",
        "личная информация",
        "פרטים אישיים",
        "פרטי קשר",
        "יצירת קשר",
    ),
    OTHER: (
        "projects",
        "project",
        "personal projects",
        "selected projects",
        "academic projects",
        "publications",
        "awards",
        "honors",
        "honours",
        "honors and awards",
        "awards and honors",
        "volunteer",
        "volunteering",
        "volunteer experience",
        "volunteer work",
        "interests",
        "hobbies",
        "references",
        "activities",
        "extracurricular activities",
        "leadership",
        "on campus involvement",
        "involvement",
        "patents",
        "talks",
        "presentations",
        "conferences",
        "memberships",
        "affiliations",
        "additional information",
        "other",
        "achievements",
        "accomplishments",
        "courses",
        "coursework",
        "relevant coursework",
        "training",
        "research",
        "teaching",
        "selected honors",
        "scholarships",
        "extracurricular",
        "community service",
        "projekte",
        "publikationen",
        "auszeichnungen",
        "ehrenamt",
        "interessen",
        "hobbys",
        "referenzen",
        "weiterbildung",
        "sonstiges",
        "projets",
        "prix",
        "distinctions",
        "bénévolat",
        "centres d'intérêt",
        "loisirs",
        "références",
        "proyectos",
        "publicaciones",
        "premios",
        "voluntariado",
        "intereses",
        "referencias",
        "проекты",
        "публикации",
        "награды",
        "достижения",
        "волонтерство",
        "интересы",
        "хобби",
        "рекомендации",
        "курсы",
        "פרויקטים",
        "פרסומים",
        "פרסים",
        "התנדבות",
        "תחביבים",
        "המלצות",
        "קורסים",
        "הישגים",
    ),
}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("&", " and ").replace("/", " and ").replace("+", " and ")
    text = re.sub(r"[\s:：.|•·▪◦*#_=\-–—]+$", "", text.strip())
    text = re.sub(r"^[\s:•·▪◦*#_=\-–—]+", "", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip()


_LOOKUP: dict[str, str] = {}
for _kind, _names in _HEADINGS.items():
    for _name in _names:
        _LOOKUP.setdefault(_norm(_name), _kind)
_KEYWORDS = sorted(_LOOKUP, key=len, reverse=True)
_HEADING_WORDS = {w for key in _LOOKUP for w in key.split()} | {
    "my",
    "the",
    "of",
    "and",
    "other",
    "selected",
    "additional",
    "relevant",
    "key",
    "main",
    "recent",
    "full",
    "list",
    "summary",
    "section",
    "meine",
    "mes",
    "mis",
    "мои",
    "i",
    "y",
    "und",
    "et",
    "и",
    "ו",
    "de",
    "la",
    "le",
    "les",
    "el",
    "los",
    "der",
    "die",
    "das",
    "работы",
    "professionnelle",
    "professionnelles",
}


def _unspace(text: str) -> str:
    """ "E X P E R I E N C E" → "EXPERIENCE" (letter-spaced headings)."""
    if re.fullmatch(r"(?:\w ){2,}\w(?:\s{2,}(?:\w ){1,}\w)*", text.strip()):
        return re.sub(r"(?<=\w) (?=\w)", "", re.sub(r"\s{2,}", "  ", text.strip())).replace("  ", " ")
    return text


@functools.lru_cache(maxsize=8192)
def heading_kind(line: str) -> str | None:
    """The section a heading line opens, or None when the line is not a heading."""
    raw = line.strip()
    if not raw or len(raw) > 60:
        return None
    raw = _unspace(raw)
    key = _norm(raw)
    if not key or re.search(r"\d", key):
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    words = key.split()
    if len(words) > 5 or raw.endswith((".", ",", ";")):
        return None
    letters = [c for c in raw if c.isalpha()]
    shouty = bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    titled = all(
        w[0].isupper() or w in ("and", "of", "&", "und", "et", "de", "y", "и") for w in raw.split() if w[0].isalpha()
    )
    if not (shouty or titled or raw.rstrip().endswith(":") or not any(c.isascii() for c in letters)):
        return None
    for kw in _KEYWORDS:
        if re.search(rf"(?<!\w){re.escape(kw)}(?!\w)", key):
            residual = re.sub(rf"(?<!\w){re.escape(kw)}(?!\w)", " ", key)
            if any(w not in _HEADING_WORDS for w in re.findall(r"\w[\w'-]*", residual)):
                return None
            kind = _LOOKUP[kw]
            if kind == EXPERIENCE and re.search(r"volunteer|bénévol|ehrenamt|voluntari|волонт|התנדב", key):
                return OTHER
            return kind
    return None


def inline_heading(line: str) -> tuple[str, str] | None:
    """ "Skills: Python, Go" → ("skills", "Python, Go"); None when the line does not start with a heading."""
    m = re.match(r"^\s*([^:：]{2,40})[:：]\s*(\S.*)$", line)
    if not m:
        return None
    kind = _LOOKUP.get(_norm(m.group(1)))
    if kind is None:
        return None
    return kind, m.group(2).strip()
