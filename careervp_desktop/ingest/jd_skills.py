"""Skills named in a line of a job description: the vocabulary's skills (aliases → canonical names) plus skill
phrases the vocabulary does not know, taken from where postings name them ("experience with X", "knowledge of Y",
"proficiency in Z", lists after "such as", parenthesised tool lists) and tech-looking tokens (RxJava, HTML5, ITSM).
Phrases are kept short and clean: no "strong", "hands-on", "experience"."""

from __future__ import annotations

import re

from careervp_desktop.domain.folding import fold
from careervp_desktop.domain.skills import SkillVocabulary, load_vocabulary

_TRIGGER = re.compile(
    r"\b(?:experience|expertise|background|skills?|exposure|grounding|track record)\s+(?:with|in|of|using|on)\b|"
    r"\b(?:knowledge|understanding|command|grasp|mastery|insight|awareness)\s+(?:of|in)\b|"
    r"\bproficien(?:cy|t)\s+(?:in|with)\b|\bfamiliar(?:ity)?\s+with\b|\bfluen(?:cy|t)\s+in\b|"
    r"\b(?:skilled|versed|competent|comfortable|expert|experienced)\s+(?:in|with)\b|"
    r"\b(?:degree|bachelor(?:['’]?s)?|master(?:['’]?s)?|bs|ba|ms|msc|bsc|phd)\s+(?:degree\s+)?in\b|"
    r"\b(?:such as|like|including|e\.g\.?|especially|particularly|for example)\s|"
    r"\b(?:working|work)\s+(?:with|on)\b|\b(?:using|via|in-depth)\s|"
    r"\b(?:kenntnisse|erfahrung)\s+(?:in|mit|im)\b|\bconnaissances?\s+(?:en|de|des|du)\b|"
    r"\bma[iî]trise\s+(?:de|des|du)\b|\bexp[ée]rience\s+(?:en|de|avec|sur)\b|"
    r"\b(?:experiencia|conocimientos?|dominio|manejo)\s+(?:en|de|con)\b",
    re.IGNORECASE,
)
# Where a phrase after a trigger ends.
_STOP = re.compile(
    r"[.;:!?](?=\s|$)|\s[-–—]\s|\s(?:to|for|that|which|who|where|when|while|across|within|from|at|is|are|was|will|would|"
    r"should|can|as well as|in order|(?:or )?(?:similar|equivalent|related|comparable)|preferred|preferably|"
    r"ideally|is a plus|plus|required|necessary|"
    r"um|pour|afin|para|que|qui|die|der|das)\s",
    re.IGNORECASE,
)
_LIST_SPLIT = re.compile(
    r"\s*,\s*(?:and/or\s+|and\s+|or\s+)?|\s+(?:and/or|and|or|&|und|oder|et|ou|y|o)\s+|\s*/\s*(?![A-Za-z]{1,2}\b)|"
    r"\s+(?:with|in|of|via|using|through|on|such as|like|including|e\.g\.?|mit|avec|con)\s+",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:(?:the|a|an|another|and/or|and|or|including|such as|like|e\.g\.?|especially|any|all|some|one|two|"
    r"three|more|most|other|others|either|both|each|our|your|their|its|"
    r"modern|strong|solid|deep|good|great|excellent|advanced|basic|proven|professional|relevant|practical|"
    r"working|in-depth|expert|expert-level|hands-on|rock-solid|sound|thorough|broad|extensive|demonstrated|"
    r"demonstrable|significant|substantial|previous|prior|recent|current|latest|popular|common|various|key|"
    r"fundamental|fundamentals|general|applied|production|real-world|commercial|at least|least|or more|more|"
    r"similar|related|equivalent|several|multiple|many|different|new|emerging|industry-standard|standard|"
    r"well-known|leading|major|large-scale|high|highly|very|of|with|in|on|for|as|using|via|to|der|die|das|"
    r"le|la|les|des|du|de|el|los|las|un|une|una|gute|sehr|fundierte|solides?|bonnes?|buenos?|amplia|"
    r"\d+\+?|years?|yrs)\s+)+",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(?:\s+(?:experience|experiences|skills?|knowledge|background|expertise|proficiency|etc\.?|and so on|"
    r"concepts?|principles|fundamentals|basics|environment|environments|ecosystem|tools?|tooling|"
    r"technologies|technology|frameworks?|libraries|library|platforms?|languages?|stack|is a plus|a plus|"
    r"preferred|required|essential|desirable|plus|or similar|or equivalent|or related|and similar|"
    r"kenntnisse|erfahrung|souhaitée?s?|requise?s?|deseable|using|with|in|of|for|via|and|or|to|on|at|by))+$",
    re.IGNORECASE,
)
# Phrases that are not skills however they are cleaned.
_GENERIC = frozenset(
    [
        "similar",
        "equivalent",
        "others",
        "other",
        "related",
        "field",
        "fields",
        "area",
        "areas",
        "one",
        "team",
        "teams",
        "environment",
        "role",
        "company",
        "experience",
        "knowledge",
        "skills",
        "skill",
        "tools",
        "tool",
        "technologies",
        "technology",
        "ability",
        "abilities",
        "work",
        "working",
        "job",
        "jobs",
        "role",
        "people",
        "things",
        "thing",
        "something",
        "anything",
        "everything",
        "stuff",
        "candidate",
        "candidates",
        "customers",
        "clients",
        "users",
        "product",
        "products",
        "business",
        "businesses",
        "opportunity",
        "opportunities",
        "etc",
        "understanding",
        "it",
        "them",
        "this",
        "that",
        "these",
        "those",
        "focus",
        "passion",
        "interest",
        "desire",
        "willingness",
        "attitude",
        "mindset",
        "years",
        "year",
        "months",
        "life",
        "level",
        "levels",
        "degree",
        "equivalent",
        "practical",
        "combination",
        "fast-paced",
        "environment",
        "a",
        "related",
        "field",
        "related",
        "field",
        "similar",
        "field",
        "relevant",
        "field",
        "computer",
        "requirements",
        "requirement",
        "responsibilities",
        "team",
        "player",
        "part",
        "detail",
        "details",
        "issues",
        "problems",
        "scratch",
        "least",
        "more",
        "most",
        "us",
        "you",
        "we",
        "our",
        "your",
        "their",
        "way",
        "ways",
        "expertise",
        "proficiency",
        "exposure",
        "familiarity",
        "capability",
        "capabilities",
        "web",
        "subject",
        "study",
        "in-depth",
        "expert-level",
        "hands-on",
        "advanced",
        "strong",
        "solid",
        "proven",
        "libraries",
        "solutions",
        "technical",
        "non-technical",
        "stakeholders",
        "stakeholder",
        "practices",
        "best",
        "practices",
        "fundamentals",
        "concepts",
        "systems",
        "system",
        "applications",
        "application",
    ]
)
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "be",
        "was",
        "were",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "our",
        "your",
        "their",
        "you",
        "we",
        "they",
        "he",
        "she",
        "i",
        "my",
        "me",
        "us",
        "them",
        "not",
        "no",
        "nor",
        "but",
        "if",
        "then",
        "than",
        "so",
        "such",
        "via",
        "per",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "across",
        "any",
        "all",
        "some",
        "each",
        "every",
        "both",
        "either",
        "neither",
        "etc",
        "e.g",
        "i.e",
    ]
)
# Tokens that look technical: mixed case (RxJava), letters with digits (HTML5), acronyms (ITSM), dotted (Vue.js).
_TECHY = re.compile(
    r"(?<![\w.#+/<-])(?:[A-Za-z]+[a-z][A-Z][\w]*|[A-Z][A-Za-z]*\d+[A-Za-z\d]*|[A-Z]{2,6}s?|[A-Za-z]+(?:\.[A-Za-z]+)+|"
    r"[A-Za-z]+[#+]+)(?![\w#+/>-])"
)
_ACRONYM_STOP = frozenset(
    [
        "BS",
        "BA",
        "MS",
        "MA",
        "MSc",
        "BSc",
        "PhD",
        "MBA",
        "BEng",
        "MEng",
        "US",
        "USA",
        "UK",
        "EU",
        "EMEA",
        "APAC",
        "CV",
        "CVs",
        "OK",
        "AM",
        "PM",
        "HR",
        "IT",
        "CEO",
        "CTO",
        "CFO",
        "COO",
        "VP",
        "FAQ",
        "ASAP",
        "TBD",
        "ETA",
        "NA",
        "LLC",
        "GmbH",
        "AG",
        "SA",
        "AB",
        "INC",
        "LTD",
        "FULL_TIME",
        "PART_TIME",
        "EOE",
        "EEO",
        "DEI",
        "OR",
        "AND",
        "THE",
        "YOU",
        "WE",
        "OUR",
        "NOT",
        "NO",
        "TO",
        "IN",
        "ON",
        "AT",
        "FOR",
        "OF",
        "A",
        "I",
        "II",
        "III",
        "IV",
    ]
)


def _clean(phrase: str) -> str:
    p = phrase.strip().lstrip("()[]{}\"'“”‘’*•·,;:-–— ").rstrip("()[]{}\"'“”‘’*•·,;:.-–— ")
    p = re.sub(r"^\d+\s*\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs)\s+(?:of\s+)?", "", p, flags=re.IGNORECASE)
    prev = None
    while prev != p:
        prev = p
        p = _LEADING.sub("", p).strip()
        p = _TRAILING.sub("", p).strip()
        p = p.lstrip("()[]{}\"'“”‘’*•·,;:-–— ").rstrip("()[]{}\"'“”‘’*•·,;:.-–— ")
    if p.count("(") != p.count(")"):
        p = p.replace("(", "").replace(")", "").strip()
    return " ".join(p.split())


# -ing words that name a discipline, not an action ("streaming", "machine learning").
_ING_NOUNS = frozenset(
    [
        "streaming",
        "programming",
        "testing",
        "processing",
        "modeling",
        "modelling",
        "learning",
        "marketing",
        "accounting",
        "computing",
        "networking",
        "scripting",
        "engineering",
        "caching",
        "monitoring",
        "logging",
        "rendering",
        "messaging",
        "banking",
        "trading",
        "pricing",
        "planning",
        "reporting",
        "forecasting",
        "budgeting",
        "recruiting",
        "consulting",
        "routing",
        "indexing",
        "debugging",
        "profiling",
        "scheduling",
        "training",
        "tuning",
        "mining",
        "warehousing",
        "clustering",
        "hosting",
        "billing",
        "bookkeeping",
        "copywriting",
        "branding",
        "sourcing",
        "onboarding",
        "prototyping",
        "wireframing",
        "labeling",
        "labelling",
        "tracing",
        "auditing",
    ]
)


_ING_VERBS = frozenset(
    [
        "designing",
        "developing",
        "building",
        "working",
        "using",
        "writing",
        "creating",
        "managing",
        "implementing",
        "maintaining",
        "leading",
        "delivering",
        "supporting",
        "deploying",
        "taking",
        "integrating",
        "making",
        "doing",
        "having",
        "being",
        "getting",
        "solving",
    ]
)


def _acceptable(p: str) -> bool:
    if not p or len(p) < 2 or len(p) > 40:
        return False
    words = p.split()
    first = fold(words[0])
    action = first.endswith("ing") and "-" not in first and first not in _ING_NOUNS and words[0][:1].islower()
    if action and (len(words) > 1 or first in _ING_VERBS):
        return False  # "deploying models", "designing": an action
    if len(words) > 4 or not re.match(r"[\w.#]", p):
        return False
    low = fold(p)
    if low in _GENERIC or all(w in _STOPWORDS or w in _GENERIC for w in low.split()):
        return False
    if re.fullmatch(r"[\d\s+.,%-]+", p):
        return False
    # a clause, not a phrase: a pronoun or a finite verb inside
    return not re.search(r"\b(?:you|we|our|your|is|are|be|have|has|will|can|must|should)\b", low)


def _phrases_after_triggers(text: str) -> list[str]:
    out: list[str] = []
    for m in _TRIGGER.finditer(text):
        tail = text[m.end() :]
        tail = re.sub(r"\s*\([^()]*\)", ",", tail)  # parenthesised lists are read below
        stop = _STOP.search(tail)
        chunk = tail[: stop.start()] if stop else tail
        chunk = chunk[:120]
        for item in _LIST_SPLIT.split(chunk):
            out.append(item)
    for m in re.finditer(r"\(([^()]{2,120})\)", text):
        inner = m.group(1)
        if re.match(r"(?:e\.g\.?|i\.e\.?|such as|like|including)\s", inner, re.IGNORECASE):
            inner = inner.split(None, 1)[1] if " " in inner else ""
        if re.search(r"\b(?:years?|preferred|plus|optional|required|m/f|f/m|remote|hybrid)\b", inner, re.I):
            continue
        parts = _LIST_SPLIT.split(inner)
        if (
            len(parts) == 1
            and len(inner.split()) >= 2
            and all(_TECHY.fullmatch(w) or w[:1].isupper() for w in inner.split())
        ):
            parts = inner.split()  # "(LESS SCSS PostCSS)"
        out.extend(parts)
    return out


def _techy_tokens(text: str, taken: list[tuple[int, int]]) -> list[str]:
    out: list[str] = []
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.5 * len(letters):
        return out  # a line in capitals: every word looks like an acronym
    for m in _TECHY.finditer(text):
        tok = m.group(0)
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if tok in _ACRONYM_STOP or tok.rstrip("s") in _ACRONYM_STOP or re.fullmatch(r"[A-Z]\d+|\d+\w*", tok):
            continue
        if (tok.isupper() and re.search(r"(?:\b[A-Z]{3,}\)?\s+\(?$)", text[: m.start()])) or (
            tok.isupper() and re.match(r"\)?\s+\(?[A-Z]{3,}\b", text[m.end() :])
        ):
            continue  # words in capitals ("SENIOR ANDROID DEVELOPER"), not acronyms
        phrase = tok
        if tok.isupper():  # a run of capitalised words around an acronym: "MID Server", "Google Awareness API"
            start, end = m.start(), m.end()
            left = re.search(r"(?:\b[A-Z][a-z][\w.#+-]*\s){1,2}$", text[:start])
            right = re.match(r"(?:\s[A-Z][a-z][\w.#+-]*){1,2}", text[end:])
            if left and not _is_sentence_start(text, start - len(left.group(0))):
                phrase = left.group(0) + phrase
            if right:
                phrase = phrase + right.group(0)
        out.append(phrase if len(phrase.split()) <= 3 else tok)
    return out


def _is_sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?:;•*-–—("


def canonical_phrase(phrase: str, vocab: SkillVocabulary) -> str:
    """A phrase's canonical vocabulary name when it is a known skill written another way ("Node JS" → Node.js,
    "CI/CD pipelines" → CI/CD), else the phrase itself."""
    hit = vocab.canonical(phrase)
    if hit:
        return hit
    variants = [phrase.replace(" ", ""), phrase.replace(" ", "."), phrase.replace(" ", "-"), phrase.replace("-", "")]
    if phrase.endswith("s") and len(phrase) > 4:
        variants.append(phrase[:-1])
    for v in variants:
        hit = vocab.canonical(v)
        if hit:
            return hit
    return phrase


def skills_in_line(
    text: str, vocab: SkillVocabulary | None = None, *, exclude: frozenset[str] = frozenset(), item: bool = True
) -> list[str]:
    """Canonical vocabulary skills, then other skill phrases of one requirement line (deduplicated, in order).
    `exclude`: folded names that are not skills here (the company, the location); `item`: the line is a list
    item, so a short bare line ("Node JS", "React or Vue") is itself a list of skills."""
    vocab = vocab or load_vocabulary()
    found: list[str] = []
    seen: set[str] = set()
    mentions = vocab.find(text)
    known_words: set[str] = set()
    for mention in mentions:
        known_words.update(fold(mention.text).split())
        if fold(mention.skill) not in seen:
            seen.add(fold(mention.skill))
            found.append(mention.skill)
    candidates = _phrases_after_triggers(text) + _techy_tokens(text, [(m.start, m.end) for m in mentions])
    bare = re.sub(r"\([^()]*\)", "", text).strip(" .;")
    if item and 0 < len(bare.split()) <= 4 and not re.search(r"\b(?:is|are|be|have|has|you|we)\b", bare, re.I):
        candidates += [  # "Node JS", "React"; not a Hebrew phrase that names a tool ("ניסיון עם Docker")
            p for p in _LIST_SPLIT.split(bare) if re.search(r"[A-Z\d]", p) and not re.search(r"[\u0590-\u05ff]", p)
        ]
    toks = bare.split()
    if item and 3 <= len(toks) <= 10 and all(t[:1].isupper() or _TECHY.fullmatch(t) for t in toks):
        # a list that lost its commas: "Java Spring Boot NoSQL Message Cloud"
        covered = {w for m in mentions for w in m.text.split()}
        candidates += [t for t in toks if t not in covered]
    expanded: list[str] = []
    for raw in candidates:
        toks = raw.split()
        capitalised = len(toks) >= 2 and all(t[:1].isupper() for t in toks)
        if capitalised and any(vocab.canonical(t) for t in toks) and canonical_phrase(raw, vocab) == raw:
            expanded += toks  # "Kotlin RxJava" is two skills
            continue
        expanded.append(raw)
    for raw in expanded:
        phrase = _clean(raw)
        if not _acceptable(phrase):
            continue
        canonical = canonical_phrase(phrase, vocab)
        key = fold(canonical)
        if key in seen or key in exclude:
            continue
        if canonical == phrase:
            rest = [w for w in fold(phrase).split() if w not in known_words and w not in _STOPWORDS]
            if not rest:  # "professional Python" → Python, already there
                continue
        seen.add(key)
        found.append(canonical)
    return found[:15]
