"""Plain text of an artifact's content (for diffs and history views): pure functions over content dicts.

`artifact_text(type, content)` renders the JSON content of any artifact version as readable lines (headings for
keys, `- ` for list items), in the content's own key order, so two versions of the same artifact line up for
`difflib`. `diff_versions(a, b)` is the unified diff of two artifact versions.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

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
