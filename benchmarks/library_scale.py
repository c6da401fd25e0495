"""Library at scale: 10,000 applications × 5 artifacts × 3 versions (JD ~3 KB, artifacts ~2-5 KB).

Reports the file size, the time to open the library and fetch the first page of the list (what the GUI does at
start-up), and full-text search latency (median over 50 queries of four kinds), each next to a baseline measured
in the same run: a bare `sqlite3` connection running the same page query, and a bare FTS5 MATCH without
snippets or the join. Goals: open + first page ≤ 200 ms, search ≤ 20 ms.

The library is generated through the real schema (Alembic head, triggers and all) with `executemany` in a few
transactions; versions are inserted newest first so the search triggers index each artifact once (as the app
would end up). `CAREERVP_SCALE_APPS` overrides the number of applications (quick tries).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.registry import BenchmarkResult, benchmark, median_ms

PAGE = 50
TYPES = ("gap_questions", "vpr", "tailored_cv", "cover_letter", "interview_prep")
STATUSES = ("draft", "analysed", "generated", "sent", "interviewing", "offer", "rejected", "withdrawn")
SKILLS = [
    f"{base}{suffix}"
    for base in [
        "Python",
        "Kubernetes",
        "Terraform",
        "Postgres",
        "Kafka",
        "Spark",
        "Airflow",
        "Snowflake",
        "React",
        "TypeScript",
        "Golang",
        "Rust",
        "Java",
        "Scala",
        "Docker",
        "Ansible",
        "Grafana",
        "Prometheus",
        "Elasticsearch",
        "Redis",
        "GraphQL",
        "Django",
        "FastAPI",
        "Flask",
        "Pandas",
        "PyTorch",
        "TensorFlow",
        "Tableau",
        "Looker",
        "dbt",
        "BigQuery",
        "Redshift",
        "Azure",
        "GCP",
        "AWS",
        "Lambda",
        "Jenkins",
        "GitLab",
        "Linux",
        "Kotlin",
        "Swift",
        "Figma",
        "Salesforce",
        "SAP",
        "Excel",
        "PowerBI",
        "Hadoop",
        "Cassandra",
        "MongoDB",
        "Neo4j",
    ]
    for suffix in ("", "ops", "ware", "lab")
]
WORDS = [
    "team",
    "platform",
    "customers",
    "delivery",
    "ownership",
    "stakeholders",
    "roadmap",
    "reliability",
    "pipeline",
    "migration",
    "latency",
    "quality",
    "mentoring",
    "architecture",
    "design",
    "review",
    "incident",
    "security",
    "compliance",
    "data",
    "analytics",
    "reporting",
    "growth",
    "revenue",
    "experience",
    "years",
    "product",
    "engineering",
    "services",
    "infrastructure",
    "automation",
    "testing",
    "monitoring",
    "scale",
    "cloud",
    "budget",
    "hiring",
    "strategy",
    "process",
    "improvement",
    "collaboration",
    "research",
    "insight",
    "dashboard",
    "model",
    "release",
]


def _sentences(rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        words = rng.choices(WORDS, k=rng.randint(8, 14)) + rng.choices(SKILLS, k=2)
        rng.shuffle(words)
        out.append(" ".join(words).capitalize() + ".")
    return out


class _Text:
    """Fast realistic-ish text: random picks from a pool of pre-made sentences."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pool = _sentences(rng, 4000)

    def words(self, size: int) -> str:
        parts: list[str] = []
        length = 0
        while length < size:
            s = self.rng.choice(self.pool)
            parts.append(s)
            length += len(s) + 1
        return " ".join(parts)

    def items(self, n: int, size: int) -> list[str]:
        return [self.words(size) for _ in range(n)]


def _content(kind: str, text: _Text, company: str) -> dict[str, object]:
    size = text.rng.randint(2000, 5000)
    if kind == "gap_questions":
        return {
            "questions": [
                {"id": f"q{i}", "requirement": text.words(60), "question": text.words(80), "why": text.words(80)}
                for i in range(size // 300)
            ]
        }
    if kind == "vpr":
        return {"headline": text.words(60), "summary": text.words(400), "strengths": text.items(size // 400, 300)}
    if kind == "tailored_cv":
        return {
            "full_name": "Jane Doe",
            "professional_summary": text.words(300),
            "experience": [
                {"company": f"Employer {i}", "role": "Engineer", "achievements": text.items(4, size // 20)}
                for i in range(4)
            ],
            "skills": text.rng.sample(SKILLS, 12),
        }
    if kind == "cover_letter":
        paragraphs = text.items(4, size // 4)
        return {"greeting": f"Dear {company} team,", "paragraphs": paragraphs, "closing": "Kind regards,"}
    return {
        "questions": [{"question": text.words(80), "category": "technical", "why_asked": text.words(120)}]
        * (size // 250)
    }


def generate(db_path: Path, n_apps: int, *, seed: int = 1) -> dict[str, float]:
    """Create the library at `db_path` (real schema) and fill it. Returns timings."""
    from careervp_desktop.storage.database import open_engine

    open_engine(db_path).dispose()
    rng = random.Random(seed)
    text = _Text(rng)
    companies = [
        f"{rng.choice(['Nord', 'Fjord', 'Acme', 'Globex', 'Initech', 'Umbra', 'Vale'])}"
        f"{rng.choice(['haven', 'tek', 'soft', 'works', 'ly', 'ora'])} {i}"
        for i in range(800)
    ]
    started = time.perf_counter()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = ON")
    cv = json.dumps({"full_name": "Jane Doe", "skills": SKILLS[:20]})
    base = datetime(2023, 1, 1)
    with conn:
        conn.execute(
            "INSERT INTO master_cv (id, name, is_primary, source_filename, content, created_at, updated_at) "
            "VALUES (1, 'Main', 1, 'cv.pdf', ?, ?, ?)",
            (cv, base, base),
        )
        conn.execute(
            "INSERT INTO master_cv_version (master_cv_id, version, content, created_at, updated_at) "
            "VALUES (1, 1, ?, ?, ?)",
            (cv, base, base),
        )
    batch = 1000
    for start in range(1, n_apps + 1, batch):
        apps = []
        artifacts = []
        for app_id in range(start, min(start + batch, n_apps + 1)):
            created = base + timedelta(minutes=app_id * 37)
            company = rng.choice(companies)
            apps.append(
                (
                    app_id,
                    company,
                    f"{rng.choice(['Senior', 'Lead', 'Staff', ''])} {rng.choice(SKILLS)} Engineer".strip(),
                    text.words(3000),
                    f"https://jobs.example.com/{app_id}",
                    rng.choice(STATUSES),
                    1,
                    text.words(rng.choice([0, 0, 200])),
                    "",
                    created,
                    created + timedelta(days=rng.randint(0, 60), seconds=app_id),
                )
            )
            for kind in TYPES:
                for version in (3, 2, 1):  # newest first: the search trigger indexes each artifact once
                    artifacts.append(
                        (
                            app_id,
                            kind,
                            version,
                            "edited" if version == 3 else "draft",
                            json.dumps(_content(kind, text, company)),
                            "anthropic" if version == 1 else "user",
                            "claude-sonnet-5-5" if version == 1 else None,
                            1200,
                            900,
                            0,
                            0,
                            0.01,
                            "[]",
                            created + timedelta(hours=version),
                        )
                    )
        with conn:
            conn.executemany(
                "INSERT INTO application (id, company, title, jd_text, source_url, status, master_cv_id, notes, "
                "company_notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                apps,
            )
            conn.executemany(
                "INSERT INTO artifact (application_id, type, version, status, content, provider, model, "
                "input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd, violations, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                artifacts,
            )
    generated = time.perf_counter() - started
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"generate_s": generated, "companies": float(len(companies))}


def _queries(rng: random.Random, db_path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db_path)
    companies = [c for (c,) in conn.execute("SELECT DISTINCT company FROM application LIMIT 200")]
    conn.close()
    queries: list[tuple[str, str]] = []
    for i in range(50):
        kind = ("company", "skill", "two words", "prefix", "common word")[i % 5]
        if kind == "company":
            q = rng.choice(companies)
        elif kind == "skill":
            q = rng.choice(SKILLS)
        elif kind == "two words":
            q = f"{rng.choice(SKILLS)} {rng.choice(WORDS)}"
        elif kind == "prefix":
            q = rng.choice(SKILLS)[:4]
        else:
            q = rng.choice(WORDS)
        queries.append((kind, q))
    return queries


@benchmark("library_scale")
def library_scale(runs: int | None) -> BenchmarkResult:
    runs = runs or 20
    n_apps = int(os.environ.get("CAREERVP_SCALE_APPS", "10000"))
    from careervp_desktop.domain.models import ApplicationStatus
    from careervp_desktop.storage.database import open_engine
    from careervp_desktop.storage.library import Library, fts_query

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "careervp.db"
        info = generate(db_path, n_apps)
        size_mb = db_path.stat().st_size / 1e6

        def open_and_list() -> None:
            engine = open_engine(db_path)
            try:
                page = Library(engine).list_applications(limit=PAGE)
                assert len(page) == min(PAGE, n_apps)
            finally:
                engine.dispose()

        def bare_page() -> None:
            conn = sqlite3.connect(db_path)
            try:
                rows = conn.execute(
                    "SELECT * FROM application ORDER BY updated_at DESC, id DESC LIMIT ?", (PAGE,)
                ).fetchall()
                assert len(rows) == min(PAGE, n_apps)
            finally:
                conn.close()

        open_and_list()  # warm the OS cache like a second start would
        bare_page()
        open_ms, open_max = median_ms(open_and_list, runs)
        bare_ms, bare_max = median_ms(bare_page, runs)

        engine = open_engine(db_path)
        library = Library(engine)
        page_ms, _ = median_ms(lambda: library.list_applications(limit=PAGE, offset=PAGE * 10), runs)
        sent_ms, _ = median_ms(lambda: library.list_applications(limit=PAGE, status=ApplicationStatus.SENT), runs)
        counts_ms, _ = median_ms(library.status_counts, runs)
        first_id = library.list_applications(limit=1)[0].id or 0
        latest_ms, _ = median_ms(lambda: library.latest_artifacts(first_id), runs)
        all_ms, _ = median_ms(lambda: library.list_applications(), 3)

        queries = _queries(random.Random(7), db_path)
        for _kind, q in queries[:5]:
            library.search(q)  # warm-up
        per_query: list[tuple[str, float, int]] = []
        for kind, q in queries:
            t = time.perf_counter()
            hits = library.search(q)
            per_query.append((kind, (time.perf_counter() - t) * 1000, len(hits)))
        raw = sqlite3.connect(db_path)
        bare_search: list[float] = []
        for _kind, q in queries:
            match = fts_query(q)
            t = time.perf_counter()
            raw.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT 20", (match,)
            ).fetchall()
            bare_search.append((time.perf_counter() - t) * 1000)
        raw.close()
        engine.dispose()

    search_ms = statistics.median(ms for _, ms, _ in per_query)
    rows = [
        {"case": "open + first page (50), Library", "median_ms": open_ms, "max_ms": open_max, "goal_ms": 200},
        {"case": "baseline: bare sqlite3 same page", "median_ms": bare_ms, "max_ms": bare_max, "goal_ms": ""},
        {"case": "page 11 (offset 500)", "median_ms": page_ms, "max_ms": "", "goal_ms": ""},
        {"case": "first page, status=sent", "median_ms": sent_ms, "max_ms": "", "goal_ms": ""},
        {"case": "status counts (filters)", "median_ms": counts_ms, "max_ms": "", "goal_ms": ""},
        {"case": "latest artifacts of one app", "median_ms": latest_ms, "max_ms": "", "goal_ms": ""},
        {"case": f"all {n_apps} applications (no paging)", "median_ms": all_ms, "max_ms": "", "goal_ms": ""},
        {
            "case": "search, median of 50 queries",
            "median_ms": search_ms,
            "max_ms": max(ms for _, ms, _ in per_query),
            "goal_ms": 20,
        },
        {
            "case": "baseline: bare FTS5 MATCH, no snippet",
            "median_ms": statistics.median(bare_search),
            "max_ms": max(bare_search),
            "goal_ms": "",
        },
    ]
    for kind in ("company", "skill", "two words", "prefix", "common word"):
        samples = [ms for k, ms, _ in per_query if k == kind]
        rows.append(
            {"case": f"search: {kind}", "median_ms": statistics.median(samples), "max_ms": max(samples), "goal_ms": ""}
        )
    return BenchmarkResult(
        name="library_scale",
        description=f"{n_apps} applications × 5 artifacts × 3 versions: size, open + first page, FTS search",
        rows=rows,
        summary={
            "applications": n_apps,
            "artifact_versions": n_apps * 15,
            "db_size_mb": round(size_mb, 1),
            "generate_s": round(info["generate_s"], 1),
            "search_median_ms": round(search_ms, 2),
            "open_and_first_page_median_ms": round(open_ms, 2),
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )
