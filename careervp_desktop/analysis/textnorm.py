"""Text normalisation shared by matching and FVS: case/diacritic folding, word tokens, sentences.

Pure functions, no state. "Folding" makes two spellings of the same thing compare equal: case, diacritics
(Café → cafe), dash and quote variants, and runs of whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from careervp_desktop.domain.folding import DASH_TABLE, QUOTE_TABLE
from careervp_desktop.domain.folding import fold as fold  # re-exported: folding lives in the domain layer

_WORD = re.compile(r"[^\W_]+(?:['.&+#][^\W_]+)*[+#]*")


def wordset(words_text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read than a list literal)."""
    return frozenset(words_text.split())


# Words that carry no identity in names of organisations and titles.
STOPWORDS = wordset("a an the of and & in at for to on with by from as its their his her our your my")
# Legal-form suffixes: "Kassa Payments AB" is "Kassa Payments".
LEGAL_SUFFIXES = wordset(
    "inc incorporated ltd limited llc llp plc gmbh ag ab sa sas sarl bv nv oy as asa spa srl pty pte co "
    "corp corporation company kk"
)


_TRANSLIT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ø": "oe", "Ø": "Oe",
     "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "å": "aa", "Å": "Aa"}
)  # fmt: skip
_PLAIN = str.maketrans({"ø": "o", "Ø": "O", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"})


def transliterate(text: str) -> str:
    """The spelling a name takes without its special letters: "Müller" → "Mueller", "Søren" → "Soeren"
    (folding already gives the other common form, "Muller")."""
    return text.translate(_TRANSLIT)


def plain_letters(text: str) -> str:
    """Letters that folding keeps (ø, ß, ł…) replaced by their plain look-alikes: "Søren" → "Soren"."""
    return text.translate(_PLAIN)


def words(text: str) -> list[str]:
    """Folded word tokens ("C++", "P&L", "Node.js" stay whole; possessive 's dropped)."""
    out: list[str] = []
    for m in _WORD.finditer(fold(text)):
        w = m.group(0)
        if w.endswith("'s"):
            w = w[:-2]
        out.append(w.strip("'."))
    return [w for w in out if w]


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS]


def org_key(name: str) -> tuple[str, ...]:
    """Identity of an organisation name: folded words without stop words and legal suffixes."""
    toks = [w.replace(".", "") for w in content_words(name.replace("/", " "))]
    while len(toks) > 1 and toks[-1] in LEGAL_SUFFIXES:
        toks.pop()
    return tuple(toks)


def contains_phrase(haystack_folded: str, phrase: str) -> bool:
    """Whether `phrase` occurs in an already folded text on word boundaries."""
    p = fold(phrase)
    if not p:
        return False
    return re.search(r"(?<![\w])" + re.escape(p) + r"(?![\w])", haystack_folded) is not None


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(\[])|\n\s*\n|\n(?=\s*[-•*]|\s*[A-Z][^\n]{0,40}:)")
_ABBREV_END = re.compile(r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Dr|Mr|Mrs|Ms|Jr|Sr|St|Inc|Ltd|Co|Corp|vs|etc|e\.g|i\.e|No))\.$")


def sentences(text: str) -> Iterator[Span]:
    """Sentence spans. Splits after . ! ? before a capital, at blank lines and before list items; does not split
    after abbreviations such as "B.S." or "Dr."."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        candidate = text[start : m.start()]
        if _ABBREV_END.search(candidate) and "\n" not in m.group(0):
            continue
        if candidate.strip():
            yield _trimmed(text, start, m.start())
        start = m.end()
    if text[start:].strip():
        yield _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def fold_chars(text: str) -> str:
    """Like `fold` but keeps every character in place (same length), so offsets found in the result index the
    original text. Whitespace is not collapsed."""
    out: list[str] = []
    for ch in text.translate(DASH_TABLE).translate(QUOTE_TABLE):
        if ch.isascii():
            out.append(ch.lower())
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
        out.append(base if len(base) == 1 else ch.lower())
    return "".join(out)


def phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    """A pattern that finds `phrase` in `fold_chars` text: folded words separated by any whitespace or dashes,
    on word boundaries, with an optional possessive."""
    toks = [re.escape(w) for w in fold(phrase).replace("-", " ").split()]
    if not toks:
        return None
    body = r"[\s\-]+".join(toks)
    return re.compile(r"(?<![\w])" + body + r"(?:'s|')?(?![\w])")
