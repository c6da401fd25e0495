"""FVS speed: time to check a 2-page tailored CV and a 350-word cover letter (it runs per keystroke).

The master CV is the bundled sample (`resources/samples/sample_cv.md`) grown to two pages (six jobs, ~30
bullets); the tailored CV is a faithful rewrite of it (jobs and bullets reordered, dates re-formatted, skills
cut); the letter is ~350 words of faithful prose about the same CV. Each document is checked `runs` times
(default 200) with `FactSources` built once, as the editor does, and again with `FactSources.from_cv` inside
the timed call. Every run edits the text a little (as typing does): "per keystroke" re-checks the edited
paragraph or field and reuses the remembered findings for the rest (as the editor does); "whole check" clears
that memo first, so every paragraph and bullet is checked from scratch. The baseline is a
plain `re.findall(r"\\w+")` tokenisation of the same text in the same run; the ratio shows what FVS costs over
merely reading the text. Goal: median ≤ 2 ms per document.

    uv run python -m benchmarks fvs [--runs N]
    uv run python -m benchmarks.fvs --profile      # cProfile of the letter and CV checks, top 25
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date

from benchmarks.registry import BenchmarkResult, benchmark
from careervp_desktop.analysis.fvs import FactSources, check_tailored_cv, check_text, render_cv
from careervp_desktop.domain.models import ExperienceEntry, MasterCV
from careervp_desktop.ingest.cv_parser import parse_cv_text
from careervp_desktop.resources import resource_path

GOAL_MS = 2.0
TODAY = date(2026, 6, 1)
_EXTRA_JOBS = [
    ("Harbor Freight Analytics", "Data Engineer", "2015-01", "2017-05", "Jan 2015 – May 2017"),
    ("Silverpine Retail AB", "Software Developer", "2013-03", "2014-12", "Mar 2013 – Dec 2014"),
    ("Quanta Robotics GmbH", "Software Engineering Intern", "2012-06", "2013-02", "Jun 2012 – Feb 2013"),
    ("Lumen Health", "Research Assistant", "2011-01", "2012-05", "Jan 2011 – May 2012"),
    ("Cloudline Software", "IT Support Technician", "2009-09", "2010-12", "Sep 2009 – Dec 2010"),
]
_EXTRA_BULLETS = [
    "Built an ingestion service in Python that loads 40 million sensor readings a day into PostgreSQL.",
    "Reduced nightly batch runtime by 35% by partitioning tables and rewriting the slowest SQL queries.",
    "Introduced Docker-based development environments for a team of 6 engineers.",
    "Designed a reporting API used by 120 store managers across 3 countries.",
    "Automated data-quality checks in Airflow, catching 90% of bad loads before they reached reports.",
    "Wrote internal documentation and ran onboarding sessions for new developers.",
]


def master_cv() -> MasterCV:
    """The sample CV grown to two pages."""
    cv = parse_cv_text(resource_path("samples", "sample_cv.md").read_text(encoding="utf-8"))
    for company, role, start, end, raw in _EXTRA_JOBS:
        cv.experience.append(
            ExperienceEntry(
                company=company,
                role=role,
                location="Stockholm, Sweden",
                start_date=start,
                end_date=end,
                dates_raw=raw,
                achievements=list(_EXTRA_BULLETS),
            )
        )
    return cv


def tailored_cv(cv: MasterCV) -> MasterCV:
    """A faithful tailored CV: reordered bullets, numeric dates, a shorter skills list."""
    doc = cv.model_copy(deep=True)
    for job in doc.experience:
        job.achievements = list(reversed(job.achievements))
        if job.start_date and job.end_date:
            start = "/".join(reversed(job.start_date.split("-")))
            end = "Present" if job.end_date == "present" else "/".join(reversed(job.end_date.split("-")))
            job.dates_raw = f"{start} – {end}"
    doc.skills = doc.skills[: max(1, len(doc.skills) * 2 // 3)]
    return doc


def cover_letter(cv: MasterCV, words: int = 350) -> str:
    """About `words` words of faithful prose built from the CV's own facts."""
    first = cv.experience[0]
    paras = [
        "Dear Hiring Team at Acme Logistics,",
        f"I am applying for the Staff Data Engineer role at Acme Logistics. I currently work as {first.role} at "
        f"{first.company}, and I would love to bring that experience to your platform team.",
    ]
    body: list[str] = []
    for job in cv.experience:
        for bullet in job.achievements:
            body.append(f"At {job.company}, as {job.role}, I {bullet[0].lower()}{bullet[1:]}")
    closing = ["I look forward to discussing how I can help.", f"Kind regards,\n{cv.full_name}"]
    text = ""
    for n in range(1, len(body) + 1):
        middle = [" ".join(body[k : min(k + 3, n)]) for k in range(0, n, 3)]  # paragraphs of three sentences
        text = "\n\n".join([*paras, *middle, *closing])
        if len(text.split()) >= words:
            break
    return text


def _time(fn: Callable[[int], object], runs: int) -> list[float]:
    fn(-1)  # warm-up: imports, vocabulary, compiled patterns
    samples = []
    for i in range(runs):
        t0 = time.perf_counter_ns()
        fn(i)
        samples.append((time.perf_counter_ns() - t0) / 1e6)
    return samples


def _row(case: str, samples: list[float], baseline: list[float] | None = None) -> dict[str, object]:
    median = statistics.median(samples)
    p95 = statistics.quantiles(samples, n=20)[-1] if len(samples) >= 20 else max(samples)
    row: dict[str, object] = {"case": case, "median_ms": median, "p95_ms": p95, "runs": len(samples)}
    row["x_baseline"] = "-" if baseline is None else round(median / max(statistics.median(baseline), 1e-6), 1)
    return row


def _edit(text: str, i: int) -> str:
    """A keystroke-sized change, different in every run: a neutral word typed into the middle paragraph."""
    word = "".join(chr(ord("a") + int(d)) for d in str(i + 1))
    paras = text.split("\n\n")
    mid = len(paras) // 2
    paras[mid] = f"{paras[mid]} {word}"
    return "\n\n".join(paras)


@benchmark("fvs")
def fvs(runs: int | None) -> BenchmarkResult:
    runs = runs or 200
    cv = master_cv()
    doc = tailored_cv(cv)
    letter = cover_letter(cv)
    cv_text = render_cv(doc).text
    sources = FactSources.from_cv(cv, today=TODAY)
    kw = {"target_company": "Acme Logistics", "target_title": "Staff Data Engineer"}
    found_cv = check_tailored_cv(doc, sources, **kw)
    found_letter = check_text(letter, sources, **kw)

    def tailored(i: int) -> None:
        edited = doc.model_copy(update={"professional_summary": _edit(doc.professional_summary or "", i)})
        check_tailored_cv(edited, sources, **kw)

    def tailored_with_sources(i: int) -> None:
        edited = doc.model_copy(update={"professional_summary": _edit(doc.professional_summary or "", i)})
        check_tailored_cv(edited, FactSources.from_cv(cv, today=TODAY), **kw)

    def letter_check(i: int) -> None:
        check_text(_edit(letter, i), sources, **kw)

    def letter_with_sources(i: int) -> None:
        check_text(_edit(letter, i), FactSources.from_cv(cv, today=TODAY), **kw)

    def tailored_cold(i: int) -> None:
        sources._memo.clear()
        tailored(i)

    def letter_cold(i: int) -> None:
        sources._memo.clear()
        letter_check(i)

    token_re = re.compile(r"\w+")
    base_cv = _time(lambda i: token_re.findall(_edit(cv_text, i)), runs)
    base_letter = _time(lambda i: token_re.findall(_edit(letter, i)), runs)
    cv_s = _time(tailored, runs)
    letter_s = _time(letter_check, runs)
    rows = [
        _row("tailored CV (2 pages), per keystroke", cv_s, base_cv),
        _row("tailored CV, whole check (memo cleared)", _time(tailored_cold, runs), base_cv),
        _row("tailored CV, incl. FactSources.from_cv", _time(tailored_with_sources, runs), base_cv),
        _row("cover letter (350 words), per keystroke", letter_s, base_letter),
        _row("cover letter, whole check (memo cleared)", _time(letter_cold, runs), base_letter),
        _row("cover letter, incl. FactSources.from_cv", _time(letter_with_sources, runs), base_letter),
        _row("FactSources.from_cv alone", _time(lambda i: FactSources.from_cv(cv, today=TODAY), runs)),
        _row("baseline: re.findall tokens, CV text", base_cv),
        _row("baseline: re.findall tokens, letter", base_letter),
    ]
    worst = max(statistics.median(cv_s), statistics.median(letter_s))
    return BenchmarkResult(
        name="fvs",
        description="FVS check time per document (median/p95 over runs; goal ≤ 2 ms with sources prebuilt)",
        rows=rows,
        summary={
            "cv_words": len(cv_text.split()),
            "letter_words": len(letter.split()),
            "violations_on_faithful_docs": len(found_cv) + len(found_letter),
            "goal_ms": GOAL_MS,
            "meets_goal": worst <= GOAL_MS,
        },
    )


def _profile() -> None:
    import cProfile
    import pstats

    cv = master_cv()
    doc, letter = tailored_cv(cv), cover_letter(cv)
    sources = FactSources.from_cv(cv, today=TODAY)
    prof = cProfile.Profile()
    prof.enable()
    for i in range(200):
        check_text(_edit(letter, i), sources, target_company="Acme Logistics")
        check_tailored_cv(doc, sources, target_company="Acme Logistics")
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":  # pragma: no cover
    if "--profile" in sys.argv:
        _profile()
    else:
        from benchmarks.__main__ import main

        sys.exit(main(["fvs", *sys.argv[1:]]))
