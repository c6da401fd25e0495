from __future__ import annotations

import pytest

from careervp_desktop.domain.skills import canonical_skill, find_skills, load_vocabulary


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [("JS", "JavaScript"), ("k8s", "Kubernetes"), ("Postgres", "PostgreSQL"), ("Golang", "Go"),
     ("nodejs", "Node.js"), ("Amazon Web Services", "AWS"), ("c#", "C#")],
)  # fmt: skip
def test_aliases_canonicalise(alias: str, canonical: str) -> None:
    assert canonical_skill(alias) == canonical


def test_vocabulary_is_a_few_hundred_skills_loaded_once() -> None:
    vocab = load_vocabulary()
    assert len(vocab.skills) >= 300
    assert load_vocabulary() is vocab


def _found(text: str) -> list[str]:
    return [m.skill for m in find_skills(text)]


def test_word_boundaries_and_symbols() -> None:
    assert _found("I write C++, C# and .NET code, plus ASP.NET sites.") == ["C++", "C#", ".NET", "ASP.NET"]
    assert _found("I am good at going to meetings.") == []
    assert _found("Go-to-market strategy") == []
    assert "Go" in _found("Services written in Go and Python.")
    assert "R" in _found("A forecast I wrote in R.")
    assert "R" not in _found("We spent on R&D.")
    assert _found("Excel") == ["Excel"] and _found("I excel at teamwork") == ["Teamwork"]


def test_offsets_point_at_the_surface_form() -> None:
    text = "Built Python/FastAPI services on k8s."
    for m in find_skills(text):
        assert text[m.start : m.end] == m.text
    assert [m.text for m in find_skills(text)] == ["Python", "FastAPI", "k8s"]


def test_implied_skills() -> None:
    assert "Python" in load_vocabulary().with_implied({"FastAPI"})
