"""The skill vocabulary: canonical names with aliases (JS → JavaScript, k8s → Kubernetes, Postgres → PostgreSQL,
Golang → Go), canonicalisation, and detection of skills in free text.

The data lives in `resources/analysis/skills.json` and is loaded once (`load_vocabulary()` is cached; it is the
only module-level state of the domain layer). Detection is token based, not one giant regex: the text is split
into tokens that keep `C++`, `C#`, `.NET`, `Node.js`, `CI/CD`, `P&L` whole, and n-grams of up to five tokens are
looked up in a dict, so it costs a few microseconds per token however large the vocabulary grows.

Forms that are also ordinary words (Go, R, Excel, Swift…) are listed as `exact` in the data and only match with
that capitalisation; one-letter forms (C, R) additionally need a programming context ("in R", "Python, R, SQL").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from careervp_desktop.domain.folding import fold
from careervp_desktop.resources import resource_path

# Categories whose mention in running prose is a claim worth checking. Methods ("microservices", "agile"),
# business and soft skills read as prose and are only checked in explicit skill lists.
HARD_CATEGORIES = frozenset({"language", "framework", "database", "cloud", "devops", "data", "tool"})

_TOKEN = re.compile(r"(?<![\w.])\.?[^\W_][\w+#.&/'’-]*")
_TRAIL = ".,'’-/&:;"
_MAX_NGRAM = 5
_LETTER_CONTEXT = frozenset({"in", "with", "using", "and", "or", "language", "programming", "of", "like", "use"})


@dataclass(frozen=True, slots=True)
class Skill:
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()

    @property
    def is_hard(self) -> bool:
        return self.category in HARD_CATEGORIES


@dataclass(frozen=True, slots=True)
class SkillMention:
    """A skill found in a text: canonical name and where it is (`text[start:end]` is the surface form)."""

    skill: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int


@dataclass
class SkillVocabulary:
    skills: dict[str, Skill]
    _folded: dict[str, str] = field(default_factory=dict)  # folded form -> canonical
    _exact: dict[str, str] = field(default_factory=dict)  # exact-case form -> canonical
    _by_lower_name: dict[str, str] = field(default_factory=dict)
    _heads: set[str] = field(default_factory=set)  # folded first words of multi-word forms

    @classmethod
    def from_data(cls, data: dict[str, object]) -> SkillVocabulary:
        raw = data.get("skills")
        if not isinstance(raw, list):
            raise ValueError("skills.json: 'skills' must be a list")
        vocab = cls(skills={})
        for item in raw:
            name = str(item["name"])
            skill = Skill(
                name=name,
                category=str(item.get("category", "tool")),
                aliases=tuple(str(a) for a in item.get("aliases", [])),
                implies=tuple(str(a) for a in item.get("implies", [])),
            )
            vocab.skills[name] = skill
            vocab._by_lower_name[fold(name)] = name
            exact = {str(e) for e in item.get("exact", [])}
            for form in (name, *skill.aliases):
                for variant in _variants(form):
                    if form in exact:
                        vocab._exact.setdefault(variant, name)
                    else:
                        vocab._folded.setdefault(fold(variant), name)
                    if " " in variant:
                        vocab._heads.add(fold(variant.split(" ", 1)[0]))
        return vocab

    # ----------------------------------------------------------------------------------------- lookups
    def canonical(self, name: str) -> str | None:
        """The canonical name of a skill written any known way ("k8s" → "Kubernetes"), else None."""
        clean = " ".join(name.strip().strip(_TRAIL).split())
        if not clean:
            return None
        if clean in self._exact:
            return self._exact[clean]
        return self._folded.get(fold(clean))

    def canonical_or_self(self, name: str) -> str:
        return self.canonical(name) or " ".join(name.split())

    def get(self, canonical: str) -> Skill | None:
        return self.skills.get(canonical)

    def with_implied(self, names: set[str]) -> set[str]:
        """`names` plus every skill they imply, transitively (FastAPI → Python)."""
        out = set(names)
        todo = list(names)
        while todo:
            skill = self.skills.get(todo.pop())
            for implied in skill.implies if skill else ():
                if implied not in out:
                    out.add(implied)
                    todo.append(implied)
        return out

    # ----------------------------------------------------------------------------------------- detection
    def find(self, text: str) -> list[SkillMention]:
        """Every skill mention in `text`, left to right, longest match first, non-overlapping."""
        tokens = _tokens(text)
        folded = [fold(t.text) for t in tokens]
        found: list[SkillMention] = []
        i = 0
        while i < len(tokens):
            hit = self._match_at(text, tokens, folded, i)
            if hit is not None:
                mention, used = hit
                found.append(mention)
                i += used
                continue
            found.extend(self._match_parts(tokens[i]))
            i += 1
        return self._filter_letters(text, tokens, found)

    def _match_at(self, text: str, tokens: list[_Token], folded: list[str], i: int) -> tuple[SkillMention, int] | None:
        limit = 1
        while (
            folded[i] in self._heads
            and limit < _MAX_NGRAM
            and i + limit < len(tokens)
            and text[tokens[i + limit - 1].end : tokens[i + limit].start] in (" ", "\u00a0")
        ):
            limit += 1
        for n in range(limit, 0, -1):
            surface = " ".join(t.text for t in tokens[i : i + n])
            canonical = self._exact.get(surface) or self._folded.get(" ".join(folded[i : i + n]))
            if canonical is None and n == 1 and len(surface) > 4 and surface[-1] in "sS":
                hit = self._folded.get(fold(surface[:-1]))
                canonical = hit if hit and self.skills[hit].category not in HARD_CATEGORIES else None
            if canonical is not None:
                start, end = tokens[i].start, tokens[i + n - 1].end
                return SkillMention(canonical, start, end, text[start:end]), n
        return None

    def _match_parts(self, token: _Token) -> list[SkillMention]:
        """`Python/FastAPI`, `Python-based`: look at the parts. Exact-case forms are not taken from hyphenated
        words ("Go-to-market" is not Go)."""
        if not any(c in token.text for c in "/-"):
            return []
        out: list[SkillMention] = []
        for m in re.finditer(r"[^/-]+", token.text):
            part = m.group(0).strip(_TRAIL)
            if not part:
                continue
            canonical = self._folded.get(fold(part))
            if canonical is None and "/" in token.text and "-" not in token.text:
                canonical = self._exact.get(part)
            if canonical is not None:
                start = token.start + m.start()
                out.append(SkillMention(canonical, start, start + len(part), part))
        return out

    def _filter_letters(self, text: str, tokens: list[_Token], found: list[SkillMention]) -> list[SkillMention]:
        if not any(len(m.text) == 1 for m in found):
            return found
        by_start = {t.start: idx for idx, t in enumerate(tokens)}
        kept: list[SkillMention] = []
        for m in found:
            if len(m.text) != 1:
                kept.append(m)
                continue
            idx = by_start.get(m.start)
            prev = fold(tokens[idx - 1].text) if idx else ""
            near = any(
                o is not m and len(o.text) > 1 and abs(o.start - m.start) < 40 and self.skills[o.skill].is_hard
                for o in found
            )
            listed = text[m.end : m.end + 1] in (",", "/") or text[max(0, m.start - 2) : m.start] == ", "
            if (prev in _LETTER_CONTEXT and (near or listed or prev in {"in", "using", "language", "programming"})) or (
                near and listed
            ):
                kept.append(m)
        return kept


def _variants(form: str) -> set[str]:
    """A form and its hyphen/space spellings ("event-driven" / "event driven")."""
    out = {form}
    if "-" in form and len(form) > 3:
        out.add(form.replace("-", " "))
    return out


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        start, end = m.start(), m.end()
        while end > start and raw[end - start - 1] in _TRAIL:
            end -= 1
        piece = text[start:end]
        if piece.endswith(("'s", "’s")):
            end -= 2
            piece = piece[:-2]
        if piece:
            out.append(_Token(piece, start, end))
    return out


@cache
def load_vocabulary(path: Path | None = None) -> SkillVocabulary:
    """The bundled vocabulary (cached). Works from a source checkout and from an installed wheel."""
    source = path or resource_path("analysis", "skills.json")
    with source.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return SkillVocabulary.from_data(data)


def canonical_skill(name: str) -> str | None:
    return load_vocabulary().canonical(name)


def find_skills(text: str) -> list[SkillMention]:
    return load_vocabulary().find(text)
