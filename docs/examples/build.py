"""Write the example documents in this folder from the offline engine (no API key, no network).

    uv run python docs/examples/build.py [--out DIR]

English: the bundled sample CV × a real job ad from the dev set (`../shared/eval/jds/rm_e2e_backend-eng.txt`,
skipped with a note when that folder is not beside the repository). Hebrew (`he/`): the bundled Hebrew sample CV ×
the bundled Hebrew job ad. Each document is written as Markdown (`domain.artifact_text`; the letter as its text);
`--out` also keeps the Word and PDF exports. Prints the match score and the fact check's findings per document.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from careervp_desktop import workflow
from careervp_desktop.domain.artifact_text import artifact_text
from careervp_desktop.domain.models import ArtifactType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLES = ROOT / "resources" / "samples"
TITLES = {
    "en": {
        ArtifactType.GAP_QUESTIONS: "Gap questions",
        ArtifactType.VPR: "Value proposition report",
        ArtifactType.TAILORED_CV: "Tailored CV",
        ArtifactType.COVER_LETTER: "Cover letter",
        ArtifactType.INTERVIEW_PREP: "Interview prep",
    },
    "he": {
        ArtifactType.GAP_QUESTIONS: "שאלות פער",
        ArtifactType.VPR: "דוח הצעת ערך",
        ArtifactType.TAILORED_CV: "קורות חיים מותאמים",
        ArtifactType.COVER_LETTER: "מכתב מקדים",
        ArtifactType.INTERVIEW_PREP: "הכנה לראיון",
    },
}
SETS = (
    ("en", SAMPLES / "sample_cv.md", ROOT.parent / "shared" / "eval" / "jds" / "rm_e2e_backend-eng.txt", HERE),
    ("he", SAMPLES / "sample_cv_he.md", SAMPLES / "sample_jd_he.txt", HERE / "he"),
)


def build(language: str, cv_path: Path, jd_path: Path, target: Path, out: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = workflow.Workspace.open(Path(tmp))
        cv_id, _ = workflow.import_master_cv(ws, cv_path)
        app = workflow.create_application(ws, jd_text=jd_path.read_text(encoding="utf-8"), master_cv_id=cv_id)
        assert app.id is not None
        outcome = workflow.generate_application(ws, app.id, provider=workflow.select_provider("offline"))
        target.mkdir(parents=True, exist_ok=True)
        findings = {t.value: len(a.violations) for t, a in outcome.artifacts.items()}
        print(f"{language}: match {outcome.match.score}/100, fact-check findings {findings}")
        for art_type, artifact in outcome.artifacts.items():
            if art_type is ArtifactType.COVER_LETTER:
                body = str(artifact.content.get("text", ""))
                head = [artifact.content.get("greeting", ""), ""]
                tail = ["", artifact.content.get("closing", ""), artifact.content.get("signature", "")]
                text = "\n".join([*map(str, head), body, *map(str, tail)])
            else:
                text = artifact_text(art_type, artifact.content)
            title = TITLES[language][art_type]
            engine = "offline engine" if language == "en" else "מנוע לא מקוון"
            fence = "text" if art_type is not ArtifactType.COVER_LETTER else ""
            body = f"```{fence}\n{text.strip()}\n```\n" if fence else text.strip() + "\n"
            page = f"# {title} — {engine}\n\n" + body
            (target / f"{art_type.value}.md").write_text(page, encoding="utf-8")
        if out is not None:
            package = workflow.export_package(ws, app.id, out / language)
            print(f"  exported to {package.folder}")
        ws.library.engine.dispose()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="also export Word and PDF files here")
    args = parser.parse_args(argv)
    for language, cv_path, jd_path, target in SETS:
        if not jd_path.exists():
            print(f"{language}: skipped, {jd_path} is not there")
            continue
        build(language, cv_path, jd_path, target, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
