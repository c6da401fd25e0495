"""The `careervp` command.

Exit codes: 0 success; 2 bad input or usage (one line on stderr: what is wrong and what to do); 1 unexpected
internal error (one line with the log file's path; the traceback goes to the log, never to the terminal).
Only `gui` touches the ui package. Heavy modules are imported inside the commands that need them.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from careervp_desktop import __version__
from careervp_desktop.domain.errors import BadInputError, UserFacingError

if TYPE_CHECKING:
    from careervp_desktop.domain.models import MasterCV
    from careervp_desktop.workflow import GenerationOutcome, Workspace

log = logging.getLogger("careervp.cli")

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (exit 2) instead of printing the whole usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _data_dir(args: argparse.Namespace) -> Path:
    from careervp_desktop.storage.paths import default_data_dir

    return Path(args.data_dir).expanduser() if args.data_dir else default_data_dir()


def _open_workspace(args: argparse.Namespace) -> Workspace:
    from careervp_desktop.workflow import Workspace

    return Workspace.open(_data_dir(args))


def _existing_file(value: str, what: str) -> Path:
    path = Path(value).expanduser()
    if not path.exists():
        raise BadInputError(f"{what} {value} does not exist: check the path.")
    if path.is_dir():
        raise BadInputError(f"{what} {value} is a folder: give the path of a file.")
    return path


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------------------------------- commands
def cmd_gui(args: argparse.Namespace) -> int:
    from careervp_desktop.app import run_gui

    data_dir = Path(args.data_dir).expanduser() if args.data_dir else None
    return run_gui(data_dir, exit_after_show=args.exit_after_show)


def cmd_parse(args: argparse.Namespace) -> int:
    from careervp_desktop.ingest.cv_import import DEFAULT_TIMEOUT, import_cv_file

    path = _existing_file(args.file, "CV file")
    cv = import_cv_file(path, password=args.password, timeout=DEFAULT_TIMEOUT)
    if args.json:
        _print_json(cv.to_parse_json())
    else:
        sys.stdout.write(_describe_cv(cv))
    return EXIT_OK


def _describe_cv(cv: MasterCV) -> str:
    contact = cv.contact_info
    lines = [cv.full_name or "(no name found)"]
    lines += [f"  {label}: {value}" for label, value in contact.model_dump().items() if value]
    if cv.professional_summary:
        lines += ["", "Summary", f"  {cv.professional_summary}"]
    if cv.experience:
        lines += ["", "Experience"]
        for job in cv.experience:
            dates = " – ".join(d for d in (job.start_date, job.end_date) if d)
            lines.append(f"  {job.role or '?'} — {job.company or '?'}" + (f"  ({dates})" if dates else ""))
            lines += [f"    • {bullet}" for bullet in job.achievements]
    if cv.education:
        lines += ["", "Education"]
        for edu in cv.education:
            dates = " – ".join(d for d in (edu.start_date, edu.end_date) if d)
            lines.append(f"  {edu.degree or '?'} — {edu.institution or '?'}" + (f"  ({dates})" if dates else ""))
    for title, items in (
        ("Skills", cv.skills),
        ("Certifications", [c.name for c in cv.certifications]),
        ("Languages", cv.languages),
    ):
        if items:
            lines += ["", title, "  " + ", ".join(items)]
    return "\n".join(lines) + "\n"


def cmd_analyze_jd(args: argparse.Namespace) -> int:
    from careervp_desktop.workflow import analyse_job, read_job_text

    text = sys.stdin.read() if args.file == "-" else read_job_text(_existing_file(args.file, "Job description"))
    job = analyse_job(text)
    if args.json:
        _print_json(job.model_dump(mode="json", exclude={"raw_text"}))
    else:
        out = [f"{job.title or '(no title found)'} — {job.company or '(no company found)'}"]
        out += [f"  {k}: {v}" for k, v in (("location", job.location), ("seniority", job.seniority)) if v]
        if job.years_required is not None:
            out.append(f"  years required: {job.years_required}")
        out += ["", "Requirements"] + [f"  [{r.kind.value}] {r.text}" for r in job.requirements]
        sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK


def cmd_match(args: argparse.Namespace) -> int:
    from careervp_desktop.analysis.match import match_cv_to_job
    from careervp_desktop.ingest.cv_import import import_cv_file
    from careervp_desktop.workflow import analyse_job, read_job_text

    cv = import_cv_file(_existing_file(args.cv, "CV file"))
    job = analyse_job(read_job_text(_existing_file(args.jd, "Job description")))
    result = match_cv_to_job(cv, job)
    if args.json:
        _print_json(result.model_dump(mode="json"))
    else:
        out = [f"Match: {result.score}/100"]
        out += [f"  {name}: {value:.0f}" for name, value in result.breakdown.items()]
        out.append("")
        for req in result.requirements:
            out.append(f"  [{req.status.value:>7}] {req.requirement.text}")
            out += [f"            ↳ {ev.text}" for ev in req.evidence[:1]]
        sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK


FVS_KINDS = ("tailored_cv", "cover_letter", "vpr", "interview_answer", "interview_prep", "gap_questions", "text")


def _load_fvs_cv(path: Path) -> MasterCV:
    """A CV file (parsed) or a MasterCV JSON in the `parse --json` shape."""
    from careervp_desktop.domain.models import MasterCV
    from careervp_desktop.ingest.cv_import import import_cv_file

    if path.suffix.lower() == ".json":
        data = _read_json(path, "CV")
        if not isinstance(data, dict) or not {"full_name", "experience", "contact_info"} & data.keys():
            raise BadInputError(f"{path.name} is not a CV in the 'parse --json' shape: give a CV file or such a JSON.")
        return MasterCV.model_validate(data)
    return import_cv_file(path)


def _read_json(path: Path, what: str) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BadInputError(
            f"{what} {path.name} is not valid JSON ({type(exc).__name__}): fix or re-export it."
        ) from None


def _read_fvs_text(path: Path) -> str:
    """The document text exactly as stored (offsets index it): .txt/.md as UTF-8, .docx paragraphs joined by \\n."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        import docx  # python-docx

        try:
            return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        except Exception as exc:  # python-docx raises many types for a broken package
            raise BadInputError(f"{path.name} is not a readable Word document ({type(exc).__name__}).") from None
    if suffix not in (".txt", ".md", ".text", ""):
        raise BadInputError(f"Document {path.name} must be .txt, .md, .docx or a tailored CV .json.")
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return fh.read()
    except UnicodeDecodeError:
        raise BadInputError(f"Document {path.name} is not UTF-8 text: save it again as UTF-8.") from None
    except OSError as exc:
        raise BadInputError(f"Cannot read document {path.name} ({exc.strerror or type(exc).__name__}).") from None


def cmd_fvs(args: argparse.Namespace) -> int:
    from careervp_desktop.analysis.fvs import FactSources, check_artifact, check_text
    from careervp_desktop.domain.artifacts import content_model
    from careervp_desktop.domain.models import ArtifactType, Severity

    cv = _load_fvs_cv(_existing_file(args.cv, "CV file"))
    doc_path = _existing_file(args.doc, "Document")
    sources = FactSources.from_cv(cv)
    target = {"target_company": args.target_company, "target_title": args.target_title}
    if doc_path.suffix.lower() == ".json":
        data = _read_json(doc_path, "Document")
        kinds = {t.value: t for t in ArtifactType}
        artifact_type = kinds.get(args.kind or "", ArtifactType.TAILORED_CV)
        model = content_model(artifact_type)
        if not isinstance(data, dict) or not data.keys() & set(model.model_fields):
            raise BadInputError(f"Document {doc_path.name} is not a {artifact_type.label} in the 'parse --json' shape.")
        try:
            content = model.model_validate(data)
        except ValueError:
            raise BadInputError(f"Document {doc_path.name} is not a valid {artifact_type.label}.") from None
        # Offsets would index an internal rendering, not the JSON file: report the field text only.
        found = [
            v.model_copy(update={"start": None, "end": None})
            for v in check_artifact(artifact_type, content, sources, **target)
        ]
    else:
        found = check_text(_read_fvs_text(doc_path), sources, **target)
    if args.json:
        _print_json({"violations": [v.model_dump(mode="json") for v in found]})
    elif not found:
        sys.stdout.write("No unsupported facts found.\n")
    else:
        for v in found:
            where = f" [{v.start}–{v.end}]" if v.start is not None else ""
            sys.stdout.write(f"{v.severity.value:<8} {v.type.value:<13} “{v.text}”{where}: {v.message}\n")
            sys.stdout.write(f"{'':<23}your CV: {v.source}\n")
    return 3 if any(v.severity is Severity.CRITICAL for v in found) else EXIT_OK


def _run_generation(
    ws: Workspace,
    *,
    cv_path: Path,
    jd_text: str,
    out_dir: Path,
    provider_name: str,
    company: str | None,
    title: str | None,
    page_size: str | None = None,
) -> tuple[GenerationOutcome, list[Path]]:
    from careervp_desktop import workflow

    # Fails fast (no API key) before anything is stored; offline-only mode (Settings ▸ General) makes "anthropic"
    # the offline engine, with a notice saying so.
    provider = workflow.select_provider(provider_name, ws)
    cv_id, _cv = workflow.import_master_cv(ws, cv_path)
    app = workflow.create_application(ws, jd_text=jd_text, master_cv_id=cv_id, company=company, title=title)
    assert app.id is not None
    provider = workflow.for_application(provider, app.id)
    try:
        outcome = workflow.generate_application(ws, app.id, provider=provider)
    finally:
        close = getattr(provider, "close", None)  # Claude: its HTTP connections
        if callable(close):
            close()
    for notice in getattr(provider, "notices", ()):  # offline fallbacks, model warnings, offline-only: a line each
        sys.stderr.write(f"careervp: note: {notice}\n")
    written = workflow.export_artifacts(ws, app.id, out_dir, page_size=page_size)
    summary = {
        "application_id": app.id,
        "company": outcome.application.company,
        "title": outcome.application.title,
        "match_score": outcome.match.score,
        "match_breakdown": outcome.match.breakdown,
        "artifacts": {
            art_type.value: {
                "version": artifact.version,
                "provider": artifact.provenance.provider,
                "model": artifact.provenance.model,
                "input_tokens": artifact.provenance.input_tokens,
                "output_tokens": artifact.provenance.output_tokens,
                "cost_usd": artifact.provenance.cost_usd,
                "violations": [v.model_dump(mode="json") for v in artifact.violations],
                "files": sorted(p.name for p in written if p.stem == art_type.value),
            }
            for art_type, artifact in outcome.artifacts.items()
        },
    }
    summary_path = out_dir / "summary.json"
    summary_path.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(summary_path)
    return outcome, written


def _print_generation_summary(outcome: GenerationOutcome, written: list[Path], out_dir: Path) -> None:
    app = outcome.application
    critical = sum(1 for a in outcome.artifacts.values() for v in a.violations if v.severity == "critical")
    warnings = sum(1 for a in outcome.artifacts.values() for v in a.violations if v.severity == "warning")
    lines = [
        f"Application #{app.id}: {app.display_name}",
        f"Match score: {outcome.match.score}/100",
        f"Artifacts: {len(outcome.artifacts)} written to {out_dir} ({len(written)} files)",
    ]
    for art_type, artifact in outcome.artifacts.items():
        lines.append(
            f"  {art_type.label:<16} v{artifact.version}  {artifact.provenance.provider:<9} "
            f"{len(artifact.violations)} FVS finding(s)"
        )
    verdict = "no unsupported claims" if not (critical or warnings) else f"{critical} critical, {warnings} warning"
    lines.append(f"Fact check: {verdict}")
    provenances = [a.provenance for a in outcome.artifacts.values()]
    if any(p.provider == "anthropic" for p in provenances):
        tokens_in = sum(p.input_tokens for p in provenances)
        cached = sum(p.cache_read_tokens + p.cache_write_tokens for p in provenances)
        tokens_out = sum(p.output_tokens for p in provenances)
        cost = sum(p.cost_usd for p in provenances)
        lines.append(f"Claude: {tokens_in:,} tokens in (+{cached:,} cached), {tokens_out:,} out, ${cost:.4f}")
    sys.stdout.write("\n".join(lines) + "\n")


def cmd_generate(args: argparse.Namespace) -> int:
    from careervp_desktop.workflow import read_job_text

    cv_path = _existing_file(args.cv, "CV file")
    jd_text = read_job_text(_existing_file(args.jd, "Job description"))
    out_dir = Path(args.out).expanduser()
    ws = _open_workspace(args)
    outcome, written = _run_generation(
        ws,
        cv_path=cv_path,
        jd_text=jd_text,
        out_dir=out_dir,
        provider_name=args.provider,
        company=args.company,
        title=args.title,
        page_size=args.page_size,
    )
    _print_generation_summary(outcome, written, out_dir)
    return EXIT_OK


def _run_demo(ws: Workspace, out_dir: Path, page_size: str | None = None) -> tuple[GenerationOutcome, list[Path]]:
    """The whole pipeline on the bundled sample, offline (`demo` and `--selftest`)."""
    from careervp_desktop.resources import resource_path
    from careervp_desktop.workflow import read_job_text

    return _run_generation(
        ws,
        cv_path=resource_path("samples", "sample_cv.md"),
        jd_text=read_job_text(resource_path("samples", "sample_jd.txt")),
        out_dir=out_dir,
        provider_name="offline",
        company=None,
        title=None,
        page_size=page_size,
    )


def cmd_demo(args: argparse.Namespace) -> int:
    """The whole pipeline on the bundled sample, offline, in a throw-away library (the user's is untouched)."""
    from careervp_desktop.workflow import Workspace

    out_dir = Path(args.out).expanduser()
    ws = Workspace.open(_data_dir(args), in_memory=True)
    outcome, written = _run_demo(ws, out_dir, args.page_size)
    _print_generation_summary(outcome, written, out_dir)
    return EXIT_OK


def cmd_selftest(args: argparse.Namespace) -> int:
    """Demo + export + read-back in a temporary data folder; `selftest ok` or one line on what broke."""
    from careervp_desktop import selftest

    return selftest.main(_run_demo)


def cmd_import_cv(args: argparse.Namespace) -> int:
    from careervp_desktop.workflow import import_master_cv

    ws = _open_workspace(args)
    cv_id, cv = import_master_cv(ws, _existing_file(args.file, "CV file"), password=args.password, name=args.name)
    sys.stdout.write(f"Imported master CV #{cv_id}: {cv.full_name or '(no name found)'}\n")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    ws = _open_workspace(args)
    apps = ws.library.list_applications()
    if args.json:
        versions = ws.library.artifact_version_numbers()
        _print_json(
            [
                a.model_dump(mode="json", exclude={"jd_text"})
                | {"artifact_versions": {t.value: v for t, v in versions.get(a.id or 0, {}).items()}}
                for a in apps
            ]
        )
    elif not apps:
        sys.stdout.write("No applications yet: run 'careervp generate' or open the app with 'careervp'.\n")
    else:
        for a in apps:
            sys.stdout.write(f"#{a.id:<5} {a.status.value:<12} {a.updated_at:%Y-%m-%d}  {a.display_name}\n")
    return EXIT_OK


def _confirm(question: str, *, yes: bool) -> bool:
    """True with --yes; asks on a terminal; without a terminal to ask, a one-line error (exit 2)."""
    if yes:
        return True
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise BadInputError(f"{question.rstrip('?')}: add --yes to confirm (there is no terminal to ask).")
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in ("y", "yes")


def cmd_show(args: argparse.Namespace) -> int:
    ws = _open_workspace(args)
    app = ws.library.get_application(args.application_id)
    latest = ws.library.latest_artifacts(args.application_id)
    versions = ws.library.artifact_version_numbers([args.application_id]).get(args.application_id, {})
    sent = ws.library.sent_packages(args.application_id)
    if args.json:
        _print_json(
            {
                "application": app.model_dump(mode="json"),
                "artifacts": {
                    t.value: {
                        "version": a.version,
                        "versions": versions.get(t, []),
                        "status": a.status.value,
                        "provenance": a.provenance.model_dump(mode="json"),
                        "violations": len(a.violations),
                        "critical_violations": sum(1 for v in a.violations if v.severity == "critical"),
                        "content": a.content,
                    }
                    for t, a in latest.items()
                },
                "sent_packages": [p.model_dump(mode="json") for p in sent],
            }
        )
        return EXIT_OK
    lines = [f"#{app.id} {app.display_name}", f"  status: {app.status.value}", f"  created: {app.created_at:%Y-%m-%d}"]
    if app.applied_at:
        lines.append(f"  applied: {app.applied_at:%Y-%m-%d}")
    if app.source_url:
        lines.append(f"  url: {app.source_url}")
    for label, text in (("notes", app.notes), ("company notes", app.company_notes)):
        if text.strip():
            lines.append(f"  {label}: {' '.join(text.split())[:200]}")
    if latest:
        lines += ["", "Documents"]
        for t, a in latest.items():
            critical = sum(1 for v in a.violations if v.severity == "critical")
            all_versions = ", ".join(f"v{n}" for n in versions.get(t, []))
            lines.append(
                f"  {t.label:<18} v{a.version:<3} {a.status.value:<7} {a.provenance.provider:<9} "
                f"{len(a.violations)} FVS finding(s) ({critical} critical)  [{all_versions}]"
            )
    else:
        lines += ["", "No documents yet."]
    for package in sent:
        lines.append(f"  sent {package.sent_at:%Y-%m-%d}: {len(package.files)} file(s)")
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    ws = _open_workspace(args)
    hits = ws.library.search(args.query, limit=args.limit)
    if args.json:
        _print_json([h.model_dump(mode="json") for h in hits])
    elif not hits:
        sys.stdout.write("No matches.\n")
    else:
        for h in hits:
            where = h.artifact_type.label if h.artifact_type else "application"
            name = " — ".join(p for p in (h.title, h.company) if p) or "Untitled application"
            sys.stdout.write(f"#{h.application_id:<5} {name}  [{where}]\n        {h.snippet}\n")
    return EXIT_OK


def cmd_delete(args: argparse.Namespace) -> int:
    ws = _open_workspace(args)
    app = ws.library.get_application(args.application_id)  # a bad id fails before asking
    if not _confirm(f"Delete application #{app.id} ({app.display_name}) and all its documents?", yes=args.yes):
        sys.stdout.write("Nothing deleted.\n")
        return EXIT_OK
    ws.library.delete_application(args.application_id)
    sys.stdout.write(f"Deleted application #{args.application_id}.\n")
    return EXIT_OK


def cmd_delete_all_data(args: argparse.Namespace) -> int:
    from careervp_desktop.workflow import delete_all_data

    data_dir = _data_dir(args)
    question = f"Delete ALL your CareerVP data in {data_dir} (CVs, applications, documents, backups)?"
    if not _confirm(question, yes=args.yes):
        sys.stdout.write("Nothing deleted.\n")
        return EXIT_OK
    removed = delete_all_data(data_dir)
    sys.stdout.write(
        f"Deleted all CareerVP data ({len(removed)} file(s)) in {data_dir}. Exports you saved elsewhere are kept; "
        "an API key, if any, stays in your system keychain.\n"
    )
    return EXIT_OK


def _read_secret(prompt: str) -> str:
    """A secret from the terminal without echo, or one line of stdin when piped (never from the command line,
    where it would land in the shell's history)."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return sys.stdin.readline().strip()


def cmd_key(args: argparse.Namespace) -> int:
    from careervp_desktop.keychain import KeySource, default_store

    store = default_store()
    if args.action == "set":
        try:
            status = store.set(_read_secret("Anthropic API key (input hidden): "))
        except ValueError as exc:
            raise BadInputError(str(exc)) from None
        if status.source is KeySource.SESSION:  # no keychain: a CLI session ends with this command
            raise BadInputError(
                "No system keychain on this computer, so the key cannot be kept: set ANTHROPIC_API_KEY instead."
            )
    elif args.action == "remove":
        status = store.remove()
    elif args.action == "test":
        from careervp_desktop.workflow import claude_service, offline_only_mode

        if offline_only_mode():  # "never send anything to Claude": not even a test call
            raise BadInputError(
                "Offline-only mode is on (Settings ▸ General), so nothing is sent to Claude: turn it off to test "
                "the key."
            )
        service = claude_service(_open_workspace(args), store=store)
        try:
            result = service.test_connection()
        finally:
            service.close()
        sys.stdout.write(result.message + "\n")
        if not result.ok:
            return EXIT_BAD_INPUT
        return EXIT_OK
    else:
        status = store.status()
    masked = f" Key: {status.masked}" if status.masked else ""
    sys.stdout.write(f"{status.message}{masked}\n")
    return EXIT_OK


def cmd_usage(args: argparse.Namespace) -> int:
    from careervp_desktop.workflow import claude_service

    ws = _open_workspace(args)
    service = claude_service(ws)
    month, total = service.usage(this_month=True), service.usage()
    budget = service.monthly_budget()
    per_app = []
    for app in ws.library.list_applications():
        assert app.id is not None
        spent = service.usage(app.id)
        if spent.calls:
            per_app.append((app, spent))
    if args.json:
        _print_json(
            {
                "this_month": month.model_dump(),
                "all_time": total.model_dump(),
                "monthly_budget_usd": budget,
                "applications": [{"id": a.id, "name": a.display_name, **u.model_dump()} for a, u in per_app],
            }
        )
        return EXIT_OK
    cap = f" of your ${budget:,.2f} budget" if budget is not None else " (no monthly budget set)"
    sys.stdout.write(f"This month: ${month.cost_usd:,.4f}{cap}, {month.calls} Claude calls\n")
    sys.stdout.write(
        f"All time:   ${total.cost_usd:,.4f}, {total.calls} calls, {total.input_tokens:,} tokens in "
        f"(+{total.cache_read_tokens:,} cache reads, {total.cache_write_tokens:,} cache writes), "
        f"{total.output_tokens:,} out\n"
    )
    for app, spent in per_app:
        sys.stdout.write(f"  #{app.id} {app.display_name}: ${spent.cost_usd:,.4f} ({spent.calls} calls)\n")
    return EXIT_OK


def _import_mode(args: argparse.Namespace) -> str | None:
    return "merge" if args.merge else "replace" if args.replace else None


def cmd_export_library(args: argparse.Namespace) -> int:
    from careervp_desktop.workflow import export_library

    path = export_library(_open_workspace(args), Path(args.file).expanduser())
    sys.stdout.write(f"Library exported to {path}\n")
    return EXIT_OK


def cmd_import_library(args: argparse.Namespace) -> int:
    from careervp_desktop.workflow import import_library

    report = import_library(_open_workspace(args), Path(args.file).expanduser(), mode=_import_mode(args))
    skipped = f", {report.skipped_applications} already present" if report.skipped_applications else ""
    sys.stdout.write(
        f"Imported {report.applications} application(s){skipped}, {report.master_cvs} master CV(s), "
        f"{report.knowledge_facts} knowledge fact(s).\n"
    )
    return EXIT_OK


def cmd_export_application(args: argparse.Namespace) -> int:
    from careervp_desktop.workflow import export_application

    path = export_application(_open_workspace(args), args.application_id, Path(args.file).expanduser())
    sys.stdout.write(f"Application #{args.application_id} exported to {path}\n")
    return EXIT_OK


def cmd_import_application(args: argparse.Namespace) -> int:
    from careervp_desktop.workflow import import_application

    report = import_application(_open_workspace(args), Path(args.file).expanduser(), mode=_import_mode(args))
    ids = ", ".join(f"#{i}" for i in report.application_ids)
    sys.stdout.write(f"Imported application {ids} ({report.artifact_versions} document version(s)).\n")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write an application's documents as DOCX/PDF named `First_Last_CV_Company.pdf` into a folder."""
    from careervp_desktop.workflow import export_package

    out_dir = Path(args.out).expanduser()
    formats = ("docx", "pdf") if args.format == "both" else (args.format,)
    package = export_package(
        _open_workspace(args),
        args.application,
        out_dir,
        types=[args.type],
        formats=formats,
        template=args.template,
        page_size=args.page_size,
        ascii_names=args.ascii_names,
        mark_sent=args.mark_sent,
        allow_critical=args.force,
    )
    if args.json:
        _print_json(
            {
                "application_id": package.application_id,
                "folder": str(package.folder),
                "files": [str(p) for p in package.files],
                "template": package.template,
                "page_size": package.page_size,
                "cv_pages": package.cv_pages,
                "warnings": package.warnings,
                "sent": package.sent is not None,
            }
        )
    else:
        lines = [str(p) for p in package.files]
        count = len(package.files)
        lines.append(
            f"Exported {count} file{'s' if count != 1 else ''} to {package.folder} "
            f"({package.template} template, {package.page_size})."
        )
        if package.sent is not None:
            lines.append(f"Application #{package.application_id} marked as sent.")
        sys.stdout.write("\n".join(lines) + "\n")
    for warning in package.warnings:
        sys.stderr.write(f"careervp: warning: {warning}\n")
    return EXIT_OK


# --------------------------------------------------------------------------------------------------- parser
def _add_page_size_option(parser: argparse.ArgumentParser) -> None:
    """`--page-size` of the commands that write PDF and Word files; None leaves it to `workflow.export_package`
    (Settings ▸ General, then by locale)."""
    parser.add_argument(
        "--page-size",
        type=str.lower,
        choices=("a4", "letter", "auto"),
        help="paper of the PDF and Word files (default: your setting in Settings ▸ General, or by locale: Letter "
        "in the US and Canada, else A4; auto: by locale)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="careervp",
        description="CareerVP: turn your CV and a job description into a value proposition, a tailored CV, "
        "a cover letter, gap questions and interview prep — nothing invented. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"careervp {__version__}")
    parser.add_argument(
        "--data-dir",
        default=os.environ.get("CAREERVP_DATA_DIR"),
        help="where the library lives (default: $CAREERVP_DATA_DIR or the platform's user data folder)",
    )
    parser.add_argument("--verbose", action="store_true", help="log debug details to the log file")
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="check this installation offline in a temporary folder (demo, export, read back); prints 'selftest ok'",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    gui = sub.add_parser("gui", help="open the main window (the default)")
    gui.add_argument("--exit-after-show", action="store_true", help="quit as soon as the window is shown")
    gui.set_defaults(func=cmd_gui)

    parse = sub.add_parser("parse", help="parse a CV file and print it")
    parse.add_argument("file", help="CV as .pdf, .docx, .txt or .md")
    parse.add_argument("--json", action="store_true", help="print the structured CV as JSON")
    parse.add_argument("--password", help="password of an encrypted PDF")
    parse.set_defaults(func=cmd_parse)

    analyze = sub.add_parser("analyze-jd", help="extract requirements from a job description")
    analyze.add_argument("file", help="job description file (.txt, .md, .pdf, .docx) or - for standard input")
    analyze.add_argument("--json", action="store_true")
    analyze.set_defaults(func=cmd_analyze_jd)

    match = sub.add_parser("match", help="explain how well a CV matches a job description")
    match.add_argument("--cv", required=True)
    match.add_argument("--jd", required=True)
    match.add_argument("--json", action="store_true")
    match.set_defaults(func=cmd_match)

    fvs = sub.add_parser("fvs", help="check a document against your CV for invented facts (exit 3 if critical)")
    fvs.add_argument("--cv", required=True, help="your CV file, or a CV JSON in the 'parse --json' shape")
    fvs.add_argument("--doc", required=True, help="the document: .txt, .md, .docx, or a tailored CV .json")
    fvs.add_argument("--target-company", help="the company you apply to (named as such, it is not flagged)")
    fvs.add_argument("--target-title", help="the job title you apply for")
    fvs.add_argument("--kind", choices=FVS_KINDS, help="what the document is (default: from the file type)")
    fvs.add_argument("--json", action="store_true", help='print {"violations": [...]} as JSON')
    fvs.set_defaults(func=cmd_fvs)

    demo = sub.add_parser("demo", help="run the whole pipeline on the bundled sample, offline")
    demo.add_argument("--out", default="careervp-demo", help="output folder (default: ./careervp-demo)")
    _add_page_size_option(demo)
    demo.set_defaults(func=cmd_demo)

    gen = sub.add_parser("generate", help="create an application and write all its documents")
    gen.add_argument("--cv", required=True, help="your CV file")
    gen.add_argument("--jd", required=True, help="the job description file")
    gen.add_argument("--out", required=True, help="output folder")
    gen.add_argument("--company", help="company name (default: taken from the job description)")
    gen.add_argument("--title", help="job title (default: taken from the job description)")
    gen.add_argument(
        "--provider",
        choices=("offline", "anthropic"),
        default="offline",
        help="who writes (default: offline); offline-only mode in Settings ▸ General makes it always offline",
    )
    _add_page_size_option(gen)
    gen.set_defaults(func=cmd_generate)

    imp = sub.add_parser("import-cv", help="import a CV file as your primary master CV")
    imp.add_argument("file")
    imp.add_argument("--name", help="a name for this master CV")
    imp.add_argument("--password", help="password of an encrypted PDF")
    imp.set_defaults(func=cmd_import_cv)

    lst = sub.add_parser("list", help="list your applications")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)

    show = sub.add_parser("show", help="show one application, its documents and their versions")
    show.add_argument("application_id", type=int, metavar="APPLICATION_ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)

    search = sub.add_parser("search", help="search your applications and documents")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=int, default=20, help="at most this many results (default 20)")
    search.add_argument("--json", action="store_true")
    search.set_defaults(func=cmd_search)

    delete = sub.add_parser("delete", help="delete an application and all its documents")
    delete.add_argument("application_id", type=int, metavar="APPLICATION_ID")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    delete.set_defaults(func=cmd_delete)

    wipe = sub.add_parser("delete-all-data", help="delete your whole library (database and its backups)")
    wipe.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    wipe.set_defaults(func=cmd_delete_all_data)

    exp = sub.add_parser("export-library", help="back up your whole library to a .zip")
    exp.add_argument("file", metavar="FILE.zip")
    exp.set_defaults(func=cmd_export_library)

    for name, helptext, func in (
        ("import-library", "restore or merge a library backup (.zip)", cmd_import_library),
        ("import-application", "import one application exported with export-application", cmd_import_application),
    ):
        imp_cmd = sub.add_parser(name, help=helptext)
        imp_cmd.add_argument("file", metavar="FILE.zip")
        how = imp_cmd.add_mutually_exclusive_group()
        how.add_argument("--merge", action="store_true", help="add to what is already there")
        how.add_argument("--replace", action="store_true", help="replace what is already there")
        imp_cmd.set_defaults(func=func)

    exp_app = sub.add_parser("export-application", help="export one application to a .zip")
    exp_app.add_argument("application_id", type=int, metavar="APPLICATION_ID")
    exp_app.add_argument("file", metavar="FILE.zip")
    exp_app.set_defaults(func=cmd_export_application)
    key = sub.add_parser("key", help="the Anthropic API key in your system keychain: status, set, remove, test")
    key.add_argument(
        "action",
        nargs="?",
        choices=("status", "set", "remove", "test"),
        default="status",
        help="set reads the key from the terminal (hidden) or stdin, never from the command line",
    )
    key.set_defaults(func=cmd_key)
    usage = sub.add_parser("usage", help="what Claude cost: this month, all time, per application")
    usage.add_argument("--json", action="store_true", help="print as JSON")
    usage.set_defaults(func=cmd_usage)

    export = sub.add_parser("export", help="write an application's documents as Word and PDF files")
    export.add_argument("--application", required=True, type=int, metavar="ID", help="the application's id")
    export.add_argument(
        "--type",
        type=str.lower,
        choices=("cv", "letter", "vpr", "interview", "gaps", "all"),
        default="all",
        help="which document (default: all that exist)",
    )
    export.add_argument(
        "--format", type=str.lower, choices=("docx", "pdf", "both"), default="both", help="default: both"
    )
    export.add_argument("--out", required=True, metavar="DIR", help="folder to write into (created if missing)")
    export.add_argument(
        "--template", type=str.lower, choices=("classic", "modern"), help="layout (default: your setting, or classic)"
    )
    _add_page_size_option(export)
    export.add_argument("--ascii-names", action="store_true", help="transliterate file names to plain ASCII")
    export.add_argument("--mark-sent", action="store_true", help="record the CV and cover letter as sent")
    export.add_argument("--force", action="store_true", help="export even with critical unsupported claims")
    export.add_argument("--json", action="store_true", help="print what was written as JSON")
    export.set_defaults(func=cmd_export)
    return parser


def _configure_logging(args: argparse.Namespace) -> Path | None:
    from careervp_desktop.logs import configure_logging, release_early_records

    try:
        return configure_logging(_data_dir(args), verbose=args.verbose)
    except Exception:  # logging must never be the reason a command fails
        release_early_records()
        return None


def main(argv: Sequence[str] | None = None) -> int:
    from careervp_desktop.logs import hold_early_records

    hold_early_records()  # finding the data folder reads preferences.ini: what it says waits for the log file
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.selftest:
        args.command, args.func = "selftest", cmd_selftest
    elif args.command is None:
        args.command, args.func, args.exit_after_show = "gui", cmd_gui, False
    func: Callable[[argparse.Namespace], int] = args.func
    log_path = _configure_logging(args)
    try:
        return func(args)
    except UserFacingError as exc:
        sys.stderr.write(f"careervp: {exc.message}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("careervp: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        log.exception("internal error in %s", args.command)
        where = f"details in {log_path}" if log_path else "run again with --verbose"
        sys.stderr.write(f"careervp: internal error ({type(exc).__name__}); {where}\n")
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
