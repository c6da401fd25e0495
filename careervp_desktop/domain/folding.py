"""Folding: the one normalisation that makes two spellings of the same word compare equal (case, diacritics,
dash and quote variants, runs of whitespace). A pure function shared by every layer above."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

DASH_TABLE = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
QUOTE_TABLE = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032`"), "'") | dict.fromkeys(
    map(ord, "\u201c\u201d\u201e\u201f\u2033"), '"'
)
_WS = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case, strip diacritics, unify dashes/quotes and whitespace."""
    text = text.translate(DASH_TABLE).translate(QUOTE_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WS.sub(" ", stripped).strip().lower()
