"""The layer rule of DESIGN.md, enforced: imports only point down the list, and nothing below ui/ imports
PySide6 (export's PDF writer may use QtGui, never QtWidgets)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "careervp_desktop"

# layer -> the layers of ours it may import (besides itself). Leaf modules usable everywhere: resources, logs,
# keychain.
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "ingest": {"domain"},
    "analysis": {"domain"},
    "generation": {"domain", "analysis"},
    "storage": {"domain"},
    "export": {"domain"},
    "workflow": {"domain", "ingest", "analysis", "generation", "storage", "export"},
    "ui": {"domain", "ingest", "analysis", "generation", "storage", "export", "workflow", "app"},
    "selftest": {"domain", "ingest", "analysis", "generation", "storage", "export", "workflow"},
    "cli": {"domain", "ingest", "analysis", "generation", "storage", "export", "workflow", "app", "selftest"},
    "app": {"domain", "ingest", "analysis", "generation", "storage", "export", "workflow", "ui", "cli"},
    "launch": {"app", "cli", "ui"},  # the entry point: the start-up card (ui.splash) before the CLI
    "__main__": {"launch"},
}
LEAVES = {"resources", "logs", "keychain", "__init__"}
QT_FREE = {"domain", "ingest", "analysis", "generation", "storage", "workflow", "cli", "selftest"}


def _layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if "_resources" not in p.parts)


def _violations(path: Path, layer: str) -> list[str]:
    allowed = set() if layer in LEAVES else ALLOWED.get(layer)
    if allowed is None:
        return [f"{path.name}: module {layer!r} has no place in the layer map; add it"]
    problems: list[str] = []
    for lineno, module in _imports(path):
        parts = module.split(".")
        where = f"{path.name}:{lineno} ({layer}) imports {module}"
        if parts[0] == "careervp_desktop" and len(parts) > 1:
            target = parts[1]
            if target not in LEAVES and target != layer and target not in allowed:
                problems.append(where)
        if parts[0] == "PySide6":
            if layer in QT_FREE or layer in LEAVES:
                problems.append(where)
            elif layer == "export" and module not in ("PySide6", "PySide6.QtGui", "PySide6.QtCore"):
                problems.append(where + " (export may use QtGui/QtCore only)")
    return problems


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path) -> None:
    assert _violations(path, _layer_of(path)) == []


def test_the_rule_catches_violations(tmp_path: Path) -> None:
    """The checker itself must be able to fail."""
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\nimport careervp_desktop.storage\n")
    assert len(_violations(bad, "domain")) == 2
    assert len(_violations(bad, "analysis")) == 2
    assert _violations(bad, "ui") == []
    assert len(_violations(bad, "export")) == 2
    assert _violations(bad, "nowhere") != []
