"""Plain text of an artifact's content (for diffs and history views): pure functions over content dicts.

`artifact_text(type, content)` renders the JSON content of any artifact version as readable lines (headings for
keys, `- ` for list items), in the content's own key order, so two versions of the same artifact line up for
`difflib`. `diff_versions(a, b)` is the unified diff of two artifact versions.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from careervp_desktop.domain.models import Artifact, ArtifactType

# Keys that only repeat other keys (the cover letter's `text` is its paragraphs joined).
_DERIVED_KEYS: dict[ArtifactType, frozenset[str]] = {ArtifactType.COVER_LETTER: frozenset({"text"})}


def artifact_text(artifact_type: ArtifactType, content: Mapping[str, object]) -> str:
    """Readable text of an artifact's content; deterministic, one fact per line."""
    skip = _DERIVED_KEYS.get(ArtifactType(artifact_type), frozenset())
    lines: list[str] = []
    _render(lines, {k: v for k, v in content.items() if k not in skip}, 0)
    return "\n".join(lines).strip("\n") + "\n"


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _render(lines: list[str], value: object, depth: int) -> None:
    pad = "  " * depth
    if isinstance(value, Mapping):
        for key, item in value.items():
            if item is None or item == [] or item == {} or item == "":
                continue
            if isinstance(item, Mapping | list):
                lines.append(f"{pad}{_label(str(key))}:")
                _render(lines, item, depth + 1)
            else:
                lines.append(f"{pad}{_label(str(key))}: {_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, Mapping):
                start = len(lines)
                _render(lines, item, depth + 1)
                if len(lines) > start:  # mark the start of each entry
                    lines[start] = f"{pad}- {lines[start].lstrip()}"
            elif isinstance(item, list):
                _render(lines, item, depth + 1)
            elif item is not None:
                lines.append(f"{pad}- {_scalar(item)}")
    elif value is not None:
        lines.append(f"{pad}{_scalar(value)}")


def diff_versions(a: Artifact, b: Artifact, *, context: int = 3) -> list[str]:
    """Unified diff (lines without trailing newlines) from version `a` to version `b` of an artifact; [] when
    their text is the same."""
    old = artifact_text(a.type, a.content).splitlines()
    new = artifact_text(b.type, b.content).splitlines()
    return list(
        difflib.unified_diff(
            old,
            new,
            fromfile=f"{a.type.value} v{a.version}",
            tofile=f"{b.type.value} v{b.version}",
            n=context,
            lineterm="",
        )
    )


DiffKind = Literal["same", "changed", "added", "removed"]
Segment = tuple[str, bool]  # (text, changed)


@dataclass(frozen=True)
class DiffRow:
    """One row of a side-by-side comparison: the old line (left) and the new line (right), as segments whose
    flag says whether that part changed. An added line has no left side; a removed one no right side."""

    kind: DiffKind
    left: tuple[Segment, ...]
    right: tuple[Segment, ...]


_WORDS = re.compile(r"\s+|\w+|[^\w\s]")


def side_by_side(old: Sequence[str], new: Sequence[str]) -> list[DiffRow]:
    """Line-aligned comparison of two texts (as lines). Replaced lines are paired one to one and compared word
    by word, so a reworded bullet shows exactly which words changed."""
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [DiffRow("same", ((line, False),), ((line, False),)) for line in old[i1:i2]]
        elif tag == "delete":
            rows += [DiffRow("removed", ((line, True),), ()) for line in old[i1:i2]]
        elif tag == "insert":
            rows += [DiffRow("added", (), ((line, True),)) for line in new[j1:j2]]
        else:
            pairs = min(i2 - i1, j2 - j1)
            for k in range(pairs):
                left, right = _word_diff(old[i1 + k], new[j1 + k])
                rows.append(DiffRow("changed", left, right))
            rows += [DiffRow("removed", ((line, True),), ()) for line in old[i1 + pairs : i2]]
            rows += [DiffRow("added", (), ((line, True),)) for line in new[j1 + pairs : j2]]
    return rows


def _word_diff(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if i2 > i1:
            left.append(("".join(a[i1:i2]), tag != "equal"))
        if j2 > j1:
            right.append(("".join(b[j1:j2]), tag != "equal"))
    return tuple(left), tuple(right)
