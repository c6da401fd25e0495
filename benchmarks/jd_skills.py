"""JD skill extraction against human annotations: recall of SkillSpan KNOWLEDGE spans.

For every `skillspan_*.txt` with its `*.spans.json` in the eval folder, the JD is parsed and its extracted skills
(`JobPosting.keywords` ∪ every requirement's skills) are compared with the annotated knowledge spans. A span is
recalled when an extracted skill equals it (case-insensitive, after alias canonicalisation: "reactjs" = React) or
equals one of its core words (a non-stopword token of the span, also canonicalised). Every annotated occurrence
counts (a span annotated twice counts twice); the unique-span figure is reported too.

    uv run python -m benchmarks.jd_skills [EVAL_DIR]      # default: ../shared/eval/jds next to the repo
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from benchmarks.registry import BenchmarkResult, benchmark
from careervp_desktop.domain.folding import fold
from careervp_desktop.domain.skills import load_vocabulary
from careervp_desktop.ingest.jd_parser import parse_job_posting

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "jds"
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "be",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "our",
        "your",
        "their",
        "you",
        "we",
        "etc",
        "e.g",
        "i.e",
        "such",
        "other",
        "any",
        "all",
        "some",
    ]
)


def _key(text: str) -> str:
    vocab = load_vocabulary()
    clean = text.strip().strip("()[]{}*.,;:").strip()
    return fold(vocab.canonical(clean) or clean)


def _core_words(span: str) -> set[str]:
    tokens = re.findall(r"[\w+#.]+(?:/[\w+#.]+)*", span)
    out: set[str] = set()
    for tok in tokens:
        tok = tok.strip(".")
        if tok and fold(tok) not in _STOPWORDS:
            out.add(_key(tok))
            out.update(_key(part) for part in tok.split("/") if part and fold(part) not in _STOPWORDS)
    return out


def span_recalled(span: str, extracted: set[str]) -> bool:
    """Whether an extracted skill (already keyed) matches the span or one of its core words."""
    return _key(span) in extracted or bool(_core_words(span) & extracted)


def skillspan_recall(eval_dir: Path | str = DEFAULT_EVAL_DIR) -> dict[str, Any]:
    """Recall of the KNOWLEDGE spans per file and overall (micro: every annotated occurrence; unique spans)."""
    folder = Path(eval_dir)
    rows: list[dict[str, Any]] = []
    hit_total = span_total = uniq_hit = uniq_total = 0
    for spans_file in sorted(folder.glob("skillspan_*.spans.json")):
        text_file = spans_file.with_name(spans_file.name.removesuffix(".spans.json") + ".txt")
        if not text_file.exists():
            continue
        data = json.loads(spans_file.read_text(encoding="utf-8"))
        spans = [s for sentence in data.get("sentences", []) for s in sentence.get("knowledge", [])]
        job = parse_job_posting(text_file.read_text(encoding="utf-8"))
        skills = set(job.keywords) | {s for r in job.requirements for s in r.skills}
        extracted = {_key(s) for s in skills}
        hits = [s for s in spans if span_recalled(s, extracted)]
        missed = sorted({s for s in spans if s not in hits})
        unique = {fold(s) for s in spans}
        unique_hits = {fold(s) for s in hits}
        rows.append(
            {
                "file": text_file.name,
                "spans": len(spans),
                "recalled": len(hits),
                "recall": round(len(hits) / len(spans), 3) if spans else None,
                "extracted": len(skills),
                "missed": missed,
            }
        )
        hit_total += len(hits)
        span_total += len(spans)
        uniq_hit += len(unique_hits)
        uniq_total += len(unique)
    return {
        "rows": rows,
        "spans": span_total,
        "recalled": hit_total,
        "recall": round(hit_total / span_total, 3) if span_total else None,
        "unique_spans": uniq_total,
        "unique_recall": round(uniq_hit / uniq_total, 3) if uniq_total else None,
        "files": len(rows),
    }


@benchmark("jd_skills")
def jd_skills(runs: int | None) -> BenchmarkResult:
    del runs  # deterministic: one run
    result = skillspan_recall(DEFAULT_EVAL_DIR)
    rows = [{"case": r["file"]} | {k: v for k, v in r.items() if k not in ("file", "missed")} for r in result["rows"]]
    return BenchmarkResult(
        name="jd_skills",
        description="recall of SkillSpan KNOWLEDGE spans by the JD parser's skills (keywords ∪ requirement skills)",
        rows=rows,
        summary={k: v for k, v in result.items() if k != "rows"}
        | {"missed": {r["file"]: r["missed"] for r in result["rows"]}, "eval_dir": str(DEFAULT_EVAL_DIR)},
    )


if __name__ == "__main__":
    out = skillspan_recall(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_EVAL_DIR)
    for row in out["rows"]:
        print(f"{row['file']:34} {row['recalled']:3}/{row['spans']:<3} recall={row['recall']}  missed={row['missed']}")
    print(
        f"overall recall={out['recall']} ({out['recalled']}/{out['spans']}) unique={out['unique_recall']} "
        f"files={out['files']}"
    )
