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
    from careervp_desktop.ingest.cv_import import import_cv_file

    path = _existing_file(args.file, "CV file")
    cv = import_cv_file(path, password=args.password)
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


def _run_generation(
    ws: Workspace,
    *,
    cv_path: Path,
    jd_text: str,
    out_dir: Path,
    provider_name: str,
    company: str | None,
    title: str | None,
) -> tuple[GenerationOutcome, list[Path]]:
    from careervp_desktop import workflow

    provider = workflow.select_provider(provider_name)
    cv_id, _cv = workflow.import_master_cv(ws, cv_path)
    app = workflow.create_application(ws, jd_text=jd_text, master_cv_id=cv_id, company=company, title=title)
    assert app.id is not None
    outcome = workflow.generate_application(ws, app.id, provider=provider)
    written = workflow.export_artifacts(ws, app.id, out_dir)
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
    )
    _print_generation_summary(outcome, written, out_dir)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """The whole pipeline on the bundled sample, offline, in a throw-away library (the user's is untouched)."""
    from careervp_desktop.resources import resource_path
    from careervp_desktop.workflow import Workspace, read_job_text

    out_dir = Path(args.out).expanduser()
    ws = Workspace.open(_data_dir(args), in_memory=True)
    outcome, written = _run_generation(
        ws,
        cv_path=resource_path("samples", "sample_cv.md"),
        jd_text=read_job_text(resource_path("samples", "sample_jd.txt")),
        out_dir=out_dir,
        provider_name="offline",
        company=None,
        title=None,
    )
    _print_generation_summary(outcome, written, out_dir)
    return EXIT_OK


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
        _print_json([a.model_dump(mode="json", exclude={"jd_text"}) for a in apps])
    elif not apps:
        sys.stdout.write("No applications yet: run 'careervp generate' or open the app with 'careervp'.\n")
    else:
        for a in apps:
            sys.stdout.write(f"#{a.id:<5} {a.status.value:<12} {a.updated_at:%Y-%m-%d}  {a.display_name}\n")
    return EXIT_OK


# --------------------------------------------------------------------------------------------------- parser
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

    demo = sub.add_parser("demo", help="run the whole pipeline on the bundled sample, offline")
    demo.add_argument("--out", default="careervp-demo", help="output folder (default: ./careervp-demo)")
    demo.set_defaults(func=cmd_demo)

    gen = sub.add_parser("generate", help="create an application and write all its documents")
    gen.add_argument("--cv", required=True, help="your CV file")
    gen.add_argument("--jd", required=True, help="the job description file")
    gen.add_argument("--out", required=True, help="output folder")
    gen.add_argument("--company", help="company name (default: taken from the job description)")
    gen.add_argument("--title", help="job title (default: taken from the job description)")
    gen.add_argument("--provider", choices=("offline", "anthropic"), default="offline")
    gen.set_defaults(func=cmd_generate)

    imp = sub.add_parser("import-cv", help="import a CV file as your primary master CV")
    imp.add_argument("file")
    imp.add_argument("--name", help="a name for this master CV")
    imp.add_argument("--password", help="password of an encrypted PDF")
    imp.set_defaults(func=cmd_import_cv)

    lst = sub.add_parser("list", help="list your applications")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)
    return parser


def _configure_logging(args: argparse.Namespace) -> Path | None:
    from careervp_desktop.logs import configure_logging

    try:
        return configure_logging(_data_dir(args), verbose=args.verbose)
    except Exception:  # logging must never be the reason a command fails
        return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
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
