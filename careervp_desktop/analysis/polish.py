"""Polish a user's own interview answer into STAR order — their sentences, rearranged and labelled, nothing added.

Each sentence is scored for the part it most likely belongs to (situation, task, action, result) from cue
words; then the best labelling of the whole answer is chosen (a small dynamic programme in which going back to
an earlier part costs a little, so neighbours stay together unless a clear cue moves a sentence — a result told
first goes last). Within each part the user's sentences keep their order. A part with no sentence is reported
as missing, with what to add: the polish never writes it for the user. Labels from an earlier polish
("Situation:") are read back, so polishing twice changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from careervp_desktop.domain.artifacts import StarOutline

PARTS = ("situation", "task", "action", "result")
_HINTS = {
    "situation": "where and when this was, and what was at stake",
    "task": "what you were responsible for",
    "action": "what you did yourself, step by step",
    "result": "what changed because of it (a number only if you can stand behind it)",
}
_LABEL = re.compile(r"^\s*(situation|task|action|result)\s*:\s*", re.IGNORECASE)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_CUES: dict[str, tuple[re.Pattern[str], ...]] = {
    "situation": (
        re.compile(
            r"\b(when|at the time|back in|in (?:19|20)\d\d|our (?:team|company|product|system|customers?)|the "
            r"(?:team|company|business|system|product|project) (?:was|had|were)|there (?:was|were)|we had|while|"
            r"struggl\w*|problem|issue|was failing|kept (?:failing|breaking)|could not|couldn't|was not|wasn't|"
            r"did not|didn't|had no|context)\b",
            re.IGNORECASE,
        ),
        re.compile(r"^(?:at|in|during|on|for)\s+(?:[A-Z]|my\s|our\s|a\s|the\s)(?!end\b)"),  # "At Nordlane, …"
    ),
    "task": (
        re.compile(
            r"\b(i was (?:asked|responsible|tasked|hired|brought in)|my (?:job|role|task|goal|responsibility|"
            r"mandate)|i (?:needed|had) to|we (?:needed|had) to|the (?:goal|task|aim|target) was|in charge of|"
            r"owned? the|it was (?:my|up to me))\b",
            re.IGNORECASE,
        ),
    ),
    "action": (
        re.compile(  # "I" or "we" and a verb in the past: what the candidate did
            r"\b(?:i|we)\s+(?:then\s+|first\s+|also\s+|finally\s+|\w+ly\s+)?(?:\w+ed|built|rebuilt|led|wrote|"
            r"rewrote|ran|made|got|put|set|took|gave|met|sent|spent|brought|taught|found|began|chose|drove|cut|"
            r"split|sat|held|kept|told|sold|bought|paid|read|rolled out|set up)\b",
            re.IGNORECASE,
        ),
        re.compile(r"^(first|then|next|after that|finally|so i|to do that)\b", re.IGNORECASE),
    ),
    "result": (
        re.compile(
            r"\b(as a result|in the end|result(?:ed|s)?|outcome|which (?:cut|reduced|saved|raised|increased|"
            r"improved|meant)|reduc\w+|increas\w+|improv\w+|saved|cut|fell|rose|grew|dropped|halved|doubled|"
            r"tripled|faster|fewer|promoted|won|since then|afterwards|now (?:runs|takes|is))\b",
            re.IGNORECASE,
        ),
        re.compile(r"\d\s*(?:%|percent|x\b|×)", re.IGNORECASE),
    ),
}


_WEIGHT = {"situation": 2.0, "task": 3.0, "action": 2.0, "result": 2.0}  # "I was responsible…" names the task


@dataclass(frozen=True)
class PolishedAnswer:
    """The user's answer in STAR order: each part holds their own sentences (in their order), or "" when the
    answer has nothing for it (`missing`)."""

    star: StarOutline
    missing: tuple[str, ...]

    def text(self) -> str:
        """The answer as the user will read it back: one labelled paragraph per part that has sentences."""
        return "\n\n".join(
            f"{part.capitalize()}: {getattr(self.star, part)}" for part in PARTS if getattr(self.star, part)
        )

    def advice(self) -> str:
        """What to add, in one line ("" when all four parts are there)."""
        if not self.missing:
            return ""
        wanted = "; ".join(f"{p} — {_HINTS[p]}" for p in self.missing)
        return f"Your answer does not say: {wanted}. Add it in your own words; the polish never writes it for you."


def sentences_of(answer: str) -> list[str]:
    """The sentences of an answer, labels of an earlier polish removed."""
    out = []
    for raw in _SENTENCES.split(answer.strip()):
        sentence = _LABEL.sub("", " ".join(raw.split()))
        if sentence:
            out.append(sentence)
    return out


def _scores(sentence: str, position: int, total: int) -> list[float]:
    scores = [0.0, 0.0, 0.0, 0.0]
    for n, part in enumerate(PARTS):
        scores[n] += _WEIGHT[part] * sum(bool(p.search(sentence)) for p in _CUES[part])
    if position == 0:
        scores[0] += 0.5  # stories start with the scene
    if position == total - 1 and total > 1:
        scores[3] += 0.5  # and end with what came of it
    scores[2] += 0.25  # with no cue at all, a sentence is most likely something the candidate did
    return scores


def _labelled(answer: str) -> list[tuple[str, str]] | None:
    """An answer polished before (every paragraph labelled): its labels, so a second polish changes nothing."""
    paragraphs = [p.strip() for p in answer.strip().split("\n\n") if p.strip()]
    if not paragraphs or not all(_LABEL.match(p) for p in paragraphs):
        return None
    out = []
    for p in paragraphs:
        m = _LABEL.match(p)
        assert m is not None
        out += [(m.group(1).lower(), s) for s in sentences_of(p[m.end() :])]
    return out


def polish_answer(answer: str) -> PolishedAnswer:
    """The answer in STAR order (see the module's doc). Every sentence of the result is one of the user's."""
    labelled = _labelled(answer)
    if labelled is None:
        sentences = sentences_of(answer)
        labels = _best_labels([_scores(s, i, len(sentences)) for i, s in enumerate(sentences)])
        labelled = [(PARTS[label], s) for label, s in zip(labels, sentences, strict=True)]
    parts = {p: " ".join(s for label, s in labelled if label == p) for p in PARTS}
    star = StarOutline(**parts)
    return PolishedAnswer(star=star, missing=tuple(p for p in PARTS if not parts[p]))


_BACKWARDS = 1.0  # the cost of a sentence belonging to an earlier part than the one before it


def _best_labels(scores: list[list[float]]) -> list[int]:
    """The labels (0–3) with the highest total score, where going back to an earlier part costs `_BACKWARDS`:
    a story told in STAR order keeps its neighbours together, and a clear cue (a result told first) still moves."""
    if not scores:
        return []
    best = [list(scores[0])]
    back: list[list[int]] = [[0, 1, 2, 3]]
    for row in scores[1:]:
        prev = best[-1]
        here, links = [], []
        for label in range(4):
            origin = max(range(4), key=lambda k: prev[k] - (_BACKWARDS if label < k else 0.0))
            here.append(prev[origin] - (_BACKWARDS if label < origin else 0.0) + row[label])
            links.append(origin)
        best.append(here)
        back.append(links)
    label = max(range(4), key=lambda k: best[-1][k])
    out = [label]
    for links in reversed(back[1:]):
        label = links[label]
        out.append(label)
    return out[::-1]
