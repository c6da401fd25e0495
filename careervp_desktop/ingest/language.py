"""The main language of a text (ISO 639-1) from its script and common function words."""

from __future__ import annotations

import re

_STOP = {
    "en": [
        "the",
        "and",
        "of",
        "to",
        "in",
        "for",
        "with",
        "on",
        "at",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "have",
        "has",
        "this",
        "that",
        "our",
        "you",
        "your",
        "i",
        "my",
    ],
    "de": [
        "und",
        "der",
        "die",
        "das",
        "mit",
        "für",
        "von",
        "im",
        "zu",
        "auf",
        "bei",
        "ist",
        "sind",
        "ein",
        "eine",
        "als",
        "wir",
        "ich",
        "nicht",
        "oder",
        "auch",
        "des",
        "den",
        "dem",
    ],
    "fr": [
        "et",
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "en",
        "pour",
        "avec",
        "dans",
        "sur",
        "au",
        "aux",
        "un",
        "une",
        "est",
        "sont",
        "par",
        "nous",
        "je",
        "ou",
        "plus",
    ],
    "es": [
        "y",
        "el",
        "la",
        "los",
        "las",
        "de",
        "del",
        "en",
        "para",
        "con",
        "por",
        "un",
        "una",
        "es",
        "son",
        "al",
        "como",
        "mi",
        "su",
        "sus",
        "o",
        "más",
    ],
}


def detect_language(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "en"
    hebrew = sum("\u0590" <= c <= "\u05ff" for c in letters)
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    arabic = sum("\u0600" <= c <= "\u06ff" for c in letters)
    n = len(letters)
    if hebrew > 0.2 * n:
        return "he"
    if cyrillic > 0.3 * n:
        return "uk" if re.search(r"[іїєґ]", text) and not re.search(r"[ыэъё]", text) else "ru"
    if arabic > 0.3 * n:
        return "ar"
    words = re.findall(r"[a-zà-öø-ÿß]+", text.lower())
    scores = {lang: sum(1 for w in words if w in set(stops)) for lang, stops in _STOP.items()}
    umlauts = len(re.findall(r"[äöüß]", text.lower()))
    accents_fr = len(re.findall(r"[éèêàçùâîô]", text.lower()))
    accents_es = len(re.findall(r"[ñáíóú¿¡]", text.lower()))
    scores["de"] += umlauts // 3
    scores["fr"] += accents_fr // 3
    scores["es"] += accents_es // 3
    best = max(scores, key=lambda k: scores[k])
    if best != "en" and scores[best] < 1.2 * scores["en"]:
        return "en"
    return best
