"""Optional LLM assist for CV structuring, with a grounding check.

A model (the future Claude provider, or any callable) may structure a CV the rules found hard. Nothing it
returns is trusted: the answer is validated into a `MasterCV`, and every string value that does not occur in
the source text is rejected (emptied, or its list item dropped). Comparison ignores case, whitespace runs,
dash and quote styles. Dates may be normalised ("2020-03", "present"): a date is accepted when it is one of
the normalised dates the date parser finds in the text. The rules result stays the default; the caller
decides whether to offer the assisted one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from careervp_desktop.domain.models import MasterCV
from careervp_desktop.ingest.dates import find_date_ranges

StructureFn = Callable[[str, MasterCV], dict[str, object]]

_DATE_FIELDS = {"start_date", "end_date", "date"}
_FREE_FIELDS = {"language"}  # document language code: not text from the CV
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"), "-")
_QUOTES = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032"} | {ord(c): '"' for c in "\u201c\u201d\u201e\u2033"}


@dataclass
class Rejection:
    """A value the model returned that the source text does not contain."""

    path: str  # e.g. "experience[0].company"
    value: str


@dataclass
class AssistResult:
    cv: MasterCV  # the model's structure with every ungrounded value removed
    rejected: list[Rejection] = field(default_factory=list)
    error: str | None = None  # set when the model's answer could not be used at all (then `cv` is the rules CV)

    @property
    def accepted(self) -> bool:
        return self.error is None


def normalise_for_match(text: str) -> str:
    """Case, whitespace, dash, quote and compatibility forms folded away."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES).casefold()
    text = re.sub(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]", "", text)
    return re.sub(r"\s+", " ", text).strip()


class SourceText:
    """The source text prepared for "does this value occur in it?" questions."""

    def __init__(self, text: str) -> None:
        self.flat = normalise_for_match(text)
        self.squashed = re.sub(r"[\s\-]+", "", self.flat)  # wrapped/hyphenated line breaks
        self.dates: set[str] = set()
        for line in text.splitlines():
            for span in find_date_ranges(line):
                for value in (span.start, span.end):
                    if value:
                        self.dates.add(value)
                        self.dates.add(value[:4])

    def contains(self, value: str) -> bool:
        needle = normalise_for_match(value)
        if not needle:
            return True
        return needle in self.flat or re.sub(r"[\s\-]+", "", needle) in self.squashed

    def has_date(self, value: str) -> bool:
        return value.strip().casefold() in self.dates or self.contains(value)


def assist_structure(text: str, rules_cv: MasterCV, structure: StructureFn) -> AssistResult:
    """Ask `structure` (text, rules CV) for a CV in the parse shape and keep only what the text grounds.

    A failing callable or an answer that does not validate gives the rules CV back with `error` set."""
    try:
        raw = structure(text, rules_cv)
    except Exception as exc:  # the provider's failures are the caller's signal, not a crash
        return AssistResult(cv=rules_cv, error=f"the assistant failed: {type(exc).__name__}")
    if not isinstance(raw, dict):
        return AssistResult(cv=rules_cv, error="the assistant did not return an object")
    source = SourceText(text)
    rejected: list[Rejection] = []
    cleaned = _filter(raw, source, "", rejected)
    try:
        cv = MasterCV.model_validate(cleaned)
    except ValidationError as exc:
        return AssistResult(
            cv=rules_cv, rejected=rejected, error=f"the assistant's answer is invalid: {exc.error_count()} errors"
        )
    return AssistResult(cv=cv, rejected=rejected)


def _filter(value: Any, source: SourceText, path: str, rejected: list[Rejection]) -> Any:
    key = path.rsplit(".", 1)[-1].split("[", 1)[0]
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            sub = f"{path}.{k}" if path else str(k)
            kept = _filter(v, source, sub, rejected)
            if kept is _DROP:
                out[k] = None
            else:
                out[k] = kept
        # a certification without a grounded name is no certification
        return out
    if isinstance(value, list):
        items = []
        for i, item in enumerate(value):
            kept = _filter(item, source, f"{path}[{i}]", rejected)
            if kept is _DROP or (isinstance(kept, dict) and not _has_content(kept)):
                continue
            items.append(kept)
        return items
    if isinstance(value, str):
        if key in _FREE_FIELDS:
            return value
        ok = source.has_date(value) if key in _DATE_FIELDS else source.contains(value)
        if ok:
            return value
        rejected.append(Rejection(path=path, value=value))
        return _DROP
    return value


def _has_content(item: dict[str, Any]) -> bool:
    return any(isinstance(v, str) and v.strip() for v in item.values()) and (
        "name" not in item or bool(item.get("name"))
    )


class _Drop:
    def __repr__(self) -> str:
        return "<dropped>"


_DROP: Any = _Drop()
