"""What the lines of a job description are: section headings (en, de, fr, es, he) and the noise that must never become a
requirement (salary, benefits, equal-opportunity statements, application instructions, cookie banners, job-board
navigation). Patterns are matched against folded text (lower case, no diacritics, straight quotes)."""

from __future__ import annotations

import re
from enum import StrEnum

from careervp_desktop.domain.folding import fold


class SectionKind(StrEnum):
    TOP = "top"  # before the first heading
    MUST = "must"
    NICE = "nice"
    RESP = "resp"
    INTRO = "intro"  # job description / overview / about the role: prose about the job
    ABOUT = "about"  # the company's boilerplate
    BENEFITS = "benefits"
    APPLY = "apply"
    EEO = "eeo"
    STACK = "stack"  # "Tech stack", "Technologies": a list of skills
    SKIP = "skip"  # "Similar jobs" and the rest of a job-board page
    OTHER = "other"  # an unknown heading


NOISE_KINDS = frozenset({SectionKind.ABOUT, SectionKind.BENEFITS, SectionKind.APPLY, SectionKind.EEO, SectionKind.SKIP})

_YOU = r"(?:you(?:'ll| will|'d| would| should| must)?)"
_HEADINGS: dict[SectionKind, list[str]] = {
    SectionKind.NICE: [
        r"nice[- ]?to[- ]?haves?(?: skills| qualifications| requirements)?",
        r"good to have|bonus(?: points| skills| qualifications)?|(?:pluses|(?:a |big |extra )?plus)",
        r"extra credit|even better(?: if)?(?: you(?: have| bring)?)?",
        r"(?:it )?would be (?:great|nice|a plus|even better)(?: if)?(?: you(?: have| had| bring)?)?",
        r"it(?:'s| is) (?:great|a plus|a bonus) if(?: you(?: have)?)?|ideally(?: you(?: have| bring| are)?)?",
        r"(?:preferred|desired|desirable|additional|optional|bonus|nice to have) "
        r"(?:qualifications?|skills?|experience|requirements?|knowledge)",
        r"preferred|desired|desirable|what (?:would|will|could) make you stand out|you(?:'ll)? stand out if",
        r"wunschenswert(?:e qualifikationen)?|von vorteil(?: ist| sind| waren)?|(?:ein )?pluspunkt|idealerweise"
        r"|(?:das )?(?:ist )?ein plus|kein muss",
        r"(?:ce (?:qui )?)?(?:serait|est|sont|seraient) (?:un|des) plus|les plus|un plus|atouts?|(?:competences )?"
        r"(?:souhaitees?|souhaitables?)|(?:ce )?qui fera la difference",
        r"(?:se )?valorara|valorable|(?:requisitos )?deseables?|(?:es|sera) un plus|suma puntos",
        r"(?:דרישות |כישורי )?יתרון|יתרונות|(?:יהווה|מהווה|יהוו|מהווים) יתרון|יתרון משמעותי",  # Hebrew
        r"נחמד שיהיה|נשמח אם",  # Hebrew
    ],
    SectionKind.MUST: [
        r"(?:minimum|basic|required|key|essential|core|mandatory|main|job|professional|technical)?\s*"
        r"(?:requirements?|qualifications?)(?: (?:and|&) (?:skills|experience|qualifications|requirements))?",
        r"(?:(?:required|key|technical|core|essential|relevant|your) )?(?:skills?|experience|competenc(?:y|ies)|"
        r"knowledge|expertise)(?: (?:and|&|/) (?:experience|qualifications?|skills|requirements|knowledge|expertise|"
        r"abilities))?",
        r"what (?:we are|we're|were|we re) looking for(?: in you)?|who (?:we are|we're) looking for",
        r"what we (?:look for|expect|need)(?: from you)?",
        rf"what {_YOU} (?:need|bring|have)(?: to succeed| to the (?:table|team|role))?",
        r"what you need to (?:succeed|have|bring)|who you are|about you|is this you|are you",
        rf"{_YOU} (?:have|bring|are|need|possess)|you should have|you will have",
        r"must[- ]?haves?(?: skills| requirements)?|must have",
        r"(?:your |the |candidate |ideal )?(?:profile|background)|(?:the )?ideal candidate",
        r"(?:to be successful|to succeed)(?: in this role)?(?: you (?:will |should |must )?(?:have|need|bring))?",
        r"anforderungen(?:sprofil)?|(?:ihr|dein|unser|das) profil|profil|(?:deine |ihre )?qualifikationen|"
        r"voraussetzungen|(?:was|das) (?:du|sie) mitbring(?:st|en)(?: solltest| sollten| musst| mussen)?|"
        r"das bringst du mit|das bringen sie mit|was wir (?:erwarten|suchen)|was wir von (?:dir|ihnen) erwarten|"
        r"(?:dein|ihr) skillset|kenntnisse|fachliche anforderungen|deine skills",
        r"(?:le |votre )?profil(?: recherche| souhaite| requis| du candidat)?|exigences|qualifications requises|"
        r"competences(?: requises| techniques| attendues| cles)?|ce que nous recherchons|ce que (?:vous|tu) apportez?|"
        r"(?:vous|tu) (?:avez|etes|es|as)|prerequis|pre-requis",
        r"requisitos(?: minimos| imprescindibles| del puesto)?|(?:tu |el )?perfil(?: buscado| requerido| deseado)?|"
        r"(?:que|lo que) buscamos|(?:que|lo que) necesitas|cualificaciones|habilidades|conocimientos|"
        r"experiencia requerida|imprescindibles?",
        r"דרישות(?: ה?תפקיד| ה?משרה| חובה| סף| ה?מועמד)?|כישורים(?: נדרשים| ודרישות)?",  # Hebrew
        r"ניסיון נדרש|(?:מה|את מי|מי) (?:אנחנו|אנו) מחפשים|אנחנו מחפשים|פרופיל(?: ה?מועמד)?",  # Hebrew
        r"מה (?:את|אתה|אתם|את/ה|אתה/את) (?:מביא|מביאה|מביאים|מביא/ה)",  # Hebrew
    ],
    SectionKind.RESP: [
        r"(?:key |main |your |core |job |primary |the )?responsibilit(?:y|ies)(?: and duties)?",
        rf"what {_YOU} (?:do|be doing|work on|be working on|achieve)(?: here| in this role| day to day)?",
        r"what you get to do(?: in this role)?|(?:your|the) role|role description|(?:your |main )?duties",
        r"(?:your |key |main )?tasks|(?:your )?mission|in this role(?: you(?: will|'ll))?|(?:a )?day in the life",
        r"day[- ]to[- ]day|what the job involves|job duties|your impact|what you(?:'ll| will) own",
        r"(?:deine|ihre|die) aufgaben|aufgaben(?:gebiet|bereich)?|(?:das|was) erwartet (?:dich|sie)|"
        r"(?:was )?(?:dich|sie) erwartet|(?:deine|ihre) rolle|tatigkeiten|(?:ihr|dein) aufgabengebiet|deine mission",
        r"(?:vos |les |tes )?missions?(?: principales)?|(?:vos |tes )?responsabilites|ce que (?:vous ferez|tu feras)|"
        r"(?:votre|ton) role|(?:votre|ton) quotidien",
        r"responsabilidades|(?:tus |las )?funciones|(?:que|lo que) haras|(?:tus )?tareas|(?:tu|el) rol|(?:tu )?mision",
        r"תחומי (?:ה)?אחריות|מה (?:תעשו|תעשה|תעשי|תעשה/י)|(?:ה)?תפקיד כולל|במסגרת (?:ה)?תפקיד",  # Hebrew
        r"מה (?:ב|כולל ה)תפקיד|האחריות שלך|(?:תיאור|פירוט) (?:ה)?(?:תפקיד|משרה)",  # Hebrew
    ],
    SectionKind.INTRO: [
        r"(?:the )?(?:job|role|position)(?: description)?|description|(?:job |role |position )?overview|summary",
        r"about (?:the|this) (?:role|job|position|opportunity)|the (?:position|opportunity|job)|introduction",
        r"stellenbeschreibung|(?:die )?stelle|(?:description|descriptif) du poste|le poste|(?:votre|ton) poste",
        r"descripcion(?: del puesto| de la oferta| del empleo)?|(?:el )?puesto|la oferta",
        r"על (?:ה)?(?:תפקיד|משרה)|(?:ה)?משרה",  # Hebrew
    ],
    SectionKind.ABOUT: [
        r"about (?:us|the company|the team|our company|the employer|our team)|who we are|company (?:description|"
        r"overview|profile|info)",
        r"(?:our|the) (?:company|story|mission|team|culture|values)|uber uns|wer wir sind|(?:das |unser )?unternehmen",
        r"a propos(?: de nous)?|qui sommes[- ]nous|l'entreprise|(?:sobre|acerca de) nosotros|quienes somos|la empresa",
        r"על (?:ה)?חברה|מי אנחנו|אודות(?: (?:ה)?חברה| ?אנחנו)?|על הצוות|קצת עלינו",  # Hebrew
    ],
    SectionKind.BENEFITS: [
        r"(?:our |job |the |your )?benefits(?: (?:and|&) perks)?|perks(?: (?:and|&) benefits)?|what we offer",
        r"we offer|what(?:'s| is) in it for you|why (?:join us|work (?:with|for|at) us|you'll love (?:working )?"
        r"(?:here|with us))",
        r"compensation(?: (?:and|&) benefits)?|salary(?: range)?|pay(?: range)?|our offer|what (?:you(?:'ll)?|we) get",
        r"this and more (?:is )?awaiting you|what you can expect(?: from us)?|(?:we|what we) (?:give|provide)",
        r"(?:was )?wir (?:dir |ihnen )?bieten|das bieten wir(?: dir| ihnen)?|unser angebot|(?:deine|ihre) vorteile|"
        r"(?:ce que )?nous (?:offrons|proposons)|avantages|pourquoi nous rejoindre|(?:que |lo que )?"
        r"(?:te )?ofrecemos|beneficios",
        r"(?:מה )?(?:אנחנו|אנו) מציעים|הטבות|(?:למה|מדוע) (?:לעבוד|להצטרף) (?:אלינו|אצלנו)",  # Hebrew
    ],
    SectionKind.APPLY: [
        r"how to apply|to apply|application(?: process)?|apply(?: now| today)?|next steps|interested|"
        r"(?:interview|hiring|recruitment|recruiting) process",
        r"bewerbung(?:sprozess)?|so bewirbst du dich|interesse|candidature|comment postuler|postula(?:te)?|"
        r"como (?:postularse|aplicar)|proceso de seleccion",
        r"(?:איך|כיצד) (?:להגיש|להצטרף)|להגשת מועמדות|הגשת מועמדות|(?:ה)?שלבים הבאים",  # Hebrew
    ],
    SectionKind.EEO: [
        r"equal (?:employment )?opportunit(?:y|ies)(?: employer| statement)?|eeo(?: statement)?",
        r"diversity(?:,? equity)?(?: (?:and|&) inclusion)?|our commitment to diversity|accessibility statement",
    ],
    SectionKind.STACK: [
        r"(?:our |the )?(?:tech(?:nology)? stack|technologies|stack|tools(?: (?:and|&) technologies)?|tech)",
        r"technologies we use|our tools|technologien|technologies utilisees|tecnologias",
    ],
    SectionKind.SKIP: [
        r"similar (?:jobs|positions|roles|offers)|(?:more |other |related |recommended )?jobs (?:you may like|"
        r"like this|for you)|people also (?:viewed|applied)|more jobs|recommended jobs|jobs similar to this",
        r"you may also like|other jobs|explore more jobs|related jobs|weitere jobs|ahnliche jobs|offres similaires|"
        r"empleos similares",
    ],
}
# Words a colon-ended heading line can contain (searched, earliest wins): "To be successful in this role you have:".
_SEARCH: dict[SectionKind, str] = {
    SectionKind.NICE: r"nice[- ]?to[- ]?have|bonus|(?:a |big )?plus\b|preferred|desired|desirable|would be great|"
    r"ideally|stand out|von vorteil|wunschenswert|un plus|atout|deseable|valorara",
    SectionKind.MUST: r"requirements?|qualifications?|skills|experiences?|looking for|you have|you bring|"
    r"you need|you'll need|who you are|about you|requires?|required|we need|to be successful|must have|"
    r"anforderungen|profil|mitbring|qualifikation|requisitos|perfil|buscamos|exigences|competences",
    SectionKind.RESP: r"responsibilit|what you(?:'ll| will)? (?:do|be doing|work on|be working on)|"
    r"what you get to do|your role|the role|duties|tasks|in this role you|aufgaben|missions?|funciones|"
    r"responsab",
    SectionKind.BENEFITS: r"benefits|perks|we offer|awaiting you|awaits you|in it for you|wir bieten|"
    r"nous offrons|ofrecemos",
    SectionKind.APPLY: r"how to apply|to apply|apply now|bewerb|postuler|postula",
    SectionKind.ABOUT: r"about us|who we are|company description|uber uns|a propos|sobre nosotros",
    SectionKind.STACK: r"tech stack|technologies|our stack",
    SectionKind.SKIP: r"similar jobs|people also viewed|more jobs",
}
_PREFIX = r"(?:\d{1,2}[.)]\s*)?(?:[#*=_>\-–—]+\s*)?"
_COMPILED = {kind: re.compile(rf"{_PREFIX}(?:{'|'.join(pats)})", re.IGNORECASE) for kind, pats in _HEADINGS.items()}
_SEARCH_RE = {kind: re.compile(rf"(?<![\w])(?:{pat})", re.IGNORECASE) for kind, pat in _SEARCH.items()}
_TRAILING = re.compile(r"[\s:：.…!?*_#=\-–—]+$|\s*\((?:[^()]*)\)$")
_ORDER = [
    SectionKind.NICE,
    SectionKind.RESP,
    SectionKind.MUST,
    SectionKind.BENEFITS,
    SectionKind.APPLY,
    SectionKind.EEO,
    SectionKind.ABOUT,
    SectionKind.STACK,
    SectionKind.SKIP,
    SectionKind.INTRO,
]
# "About Fjordhaven" / "Über Acme" / "À propos de Acme": a heading that names the company.
ABOUT_NAME_RE = re.compile(
    r"^(?:about|uber|über|à propos de|a propos de|sobre|acerca de)\s+(?P<name>[A-Z0-9][\w&.'’\- ]{1,60}?)\s*[:：]?$"
)


def heading_text(line: str) -> str:
    """A heading line reduced to its words: folded, without decoration and trailing punctuation."""
    text = fold(line).strip().strip("*_#=").strip()
    prev = None
    while prev != text:
        prev = text
        text = _TRAILING.sub("", text).strip()
    return text


def heading_kind(line: str, *, is_bullet: bool = False) -> SectionKind | None:
    """The kind of section a line opens, or None when it is not a heading."""
    raw = line.strip()
    if not raw or is_bullet or len(raw) > 90:
        return None
    text = heading_text(raw)
    if not text or len(text.split()) > 14:
        return None
    colon_end = bool(re.search(r"(?:[:：]|…|\.\.\.)\s*$", raw))
    if (raw.endswith(".") and not raw.endswith("...")) or re.search(r"[.!?]\s+\S", raw):
        return None
    for kind in _ORDER:
        if _COMPILED[kind].fullmatch(text):
            return kind
    if ABOUT_NAME_RE.match(raw) and len(raw.split()) <= 6:
        return SectionKind.ABOUT
    if colon_end:
        hits: list[tuple[int, int, SectionKind]] = []
        for kind, rx in _SEARCH_RE.items():
            m = rx.search(text)
            if m:
                hits.append((m.start(), -(m.end() - m.start()), kind))
        if hits:
            return min(hits)[2]
        if len(text.split()) <= 8:
            return SectionKind.OTHER
    return None


def inline_heading(line: str) -> tuple[SectionKind, str] | None:
    """ "Requirements: 4+ years of Python; …" → (MUST, "4+ years of Python; …")."""
    m = re.match(r"^\s*([^:：]{2,60})[:：]\s+(\S.*)$", line)
    if not m or len(m.group(1).split()) > 7:
        return None
    kind = heading_kind(m.group(1) + ":")
    if kind is None or kind in (SectionKind.OTHER,):
        return None
    return kind, m.group(2).strip()


# --------------------------------------------------------------------------------------------------- noise
_NAV = re.compile(
    r"(?:sign ?in|log ?in|sign ?up|join now|register|apply(?: now| here| for this job| on company website)?|"
    r"easy apply|save(?: job| this job)?|saved|share(?: this job| job)?|report(?: this)? job|"
    r"show (?:more|less)|see (?:more|less|all)|read more|back to (?:search|jobs|results|top)|"
    r"skip to (?:main )?content|home|jobs|menu|careers|next|previous|print|follow|message|copy link|"
    r"promoted|be an early applicant|actively (?:recruiting|hiring)|(?:\d+|over \d+) applicants|"
    r"posted \d+\+? (?:minutes?|hours?|days?|weeks?|months?) ago|\d+\+? (?:minutes?|hours?|days?|weeks?) ago|"
    r"reposted.*ago|accept(?: all)?(?: cookies)?|reject(?: all)?|manage (?:cookies|preferences)|"
    r"jetzt bewerben|bewerben|merken|teilen|postuler|postular|aplicar|guardar|compartir|anmelden|connexion)"
    r"[\s.!»›>]*",
    re.IGNORECASE,
)
_COOKIE = re.compile(r"\bcookies?\b|\bprivacy (?:policy|settings)\b|datenschutz|\bconsent\b", re.IGNORECASE)
_SALARY = re.compile(
    r"\b(?:salary|salaries|compensation|pay (?:range|band|scale)|base pay|remuneration|total rewards|"
    r"gehalt|verguetung|vergütung|salaire|rémunération|remuneration|salario|sueldo|retribución)\b|"
    r"(?:[$€£¥₪]\s?\d|\b(?:USD|EUR|GBP|NOK|SEK|DKK|CHF|CAD|AUD|ILS|PLN|INR)\s?\d|"
    r"\d[\d,.]*\s?[kK]?\s?(?:[$€£₪]|USD|EUR|GBP|NOK|SEK|DKK|CHF|CAD|AUD)\b)|"
    r"\bper (?:annum|year|hour|month)\b|\b(?:brutto|netto)\b",
    re.IGNORECASE,
)
_BENEFIT = re.compile(
    r"\b(?:we offer|we provide|our offer|you(?:'ll| will) (?:get|receive|enjoy)|paid (?:holidays?|vacation|"
    r"time off|leave|parental leave)|vacation days|weeks (?:of )?(?:paid )?(?:vacation|holidays?)|pto\b|"
    r"health(?:care)? insurance|dental|vision insurance|life insurance|401\s?\(?k\)?|pension|retirement "
    r"(?:plan|savings)|gym|stock options|equity package|learning budget|training budget|parental leave|"
    r"wellness|free (?:lunch|snacks|coffee|fruit)|team (?:events|lunches)|company car|job ticket|"
    r"urlaubstage|wir bieten|nous offrons|ofrecemos|tickets? restaurant|mutuelle)\b",
    re.IGNORECASE,
)
_EEO = re.compile(
    r"equal (?:employment )?opportunit|without regard to|regardless of (?:race|gender|age|sex|religion|their)|"
    r"\bdiscriminat|protected (?:veteran|characteristic|attribute|status)|reasonable accommodation|"
    r"celebrate diversity|(?:diverse|inclusive) (?:workplace|environment|team)|affirmative action|"
    r"chancengleich|unabhängig von (?:geschlecht|alter|herkunft)|égalité des chances|igualdad de oportunidades",
    re.IGNORECASE,
)
_APPLY = re.compile(
    r"\bhow to apply\b|\bto apply\b|\bapply (?:now|today|here|online|via|through|for this|by)\b|"
    r"\bplease (?:send|submit|apply|upload|email)\b|\bsend (?:us )?your (?:cv|resume|résumé|application)\b|"
    r"\bsubmit your (?:cv|resume|résumé|application)\b|\b(?:your|an) application\b|\bupload your\b|"
    r"\blooking forward to (?:your application|hearing from you)\b|\bcontact person\b|"
    r"\bbewirb dich\b|\bbewerben sie sich\b|\bihre bewerbung\b|\bdeine bewerbung\b|"
    r"\benvoyez votre\b|\bvotre candidature\b|\benvía tu\b|\btu candidatura\b",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?$", re.IGNORECASE)
_PAGE = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?$", re.IGNORECASE)
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_BOARD_CRUFT = re.compile(r"^[\w .&'-]{1,40}\s(?:jobs|careers|job search|stellenangebote|offres d'emploi)$", re.I)


def is_navigation(line: str) -> bool:
    """Job-board chrome: navigation buttons, cookie banners, page numbers, timestamps, bare links."""
    s = line.strip()
    if not s:
        return False
    if _PAGE.fullmatch(s) or _TIMESTAMP.match(s) or _URL_ONLY.match(s) or _BOARD_CRUFT.match(s):
        return True
    if len(s) <= 60 and _NAV.fullmatch(s):
        return True
    return bool(_COOKIE.search(s))


def noise_reason(line: str) -> str | None:
    """Why a line is not about the job itself (salary, benefits, equal opportunity, application, navigation)."""
    if is_navigation(line):
        return "navigation"
    if _SALARY.search(line):
        return "salary"
    if _EEO.search(line):
        return "equal-opportunity"
    if _APPLY.search(line):
        return "application"
    if _BENEFIT.search(line):
        return "benefits"
    return None


# Metadata rows of job-board pages ("Job type: Full-time"): never requirements.
META_LABEL = re.compile(
    r"^(?:date posted|posted(?: on)?|likes|salary|job type|employment type|contract(?: type)?|experience level|"
    r"seniority(?: level)?|career level|industry|company size|company type|job id|job ref(?:erence)?|reference|"
    r"ref|req(?:uisition)?(?: id)?|workplace(?: type)?|work model|department|function|job function|reports to|"
    r"start date|deadline|closing date|vertragsart|anstellungsart|arbeitszeit|type de contrat|tipo de contrato|"
    r"jornada|remote|location|standort|arbeitsort|ort|lieu|localisation|ubicación|ubicacion|company|employer|"
    r"unternehmen|firma|entreprise|empresa|organi[sz]ation|job title|title|position|role|poste|puesto|stelle)"
    r"\s*[:：]\s*",
    re.IGNORECASE,
)
