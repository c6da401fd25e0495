"""Screenshots of every pane of the real window, for people to look at (and for the README).

    uv run python -m benchmarks.screenshots [OUT_DIR] [--dark] [--language he]
                                                          (default: benchmarks/results/screenshots, English)

A fresh library in a temporary folder: the welcome screen is grabbed, then "Try the sample" loads the bundled
sample CV and job posting (offscreen, 1400×900), the offline engine writes the five documents through the
window's own Generate path, and each tab is grabbed. One more shot is taken while the value proposition report
is being written (the writer is held at its synthesis stage, so the five-stage progress is on screen), and one of
the tailored CV side by side with the master CV, and one of Settings ▸ General. `--language he` renders the Hebrew UI
(right to left), as a Hebrew start would. Prints the files written.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
SIZE = (1400, 900)
EXAMPLE_ANSWER = (
    "In the end event latency fell from 15 minutes to 40 seconds. At Nordlane Logistics the shipment-tracking "
    "pipeline could not keep up with the volume. I rebuilt it on Kafka and PostgreSQL."
)


def _wait(app: object, until: Callable[[], bool], timeout_s: float = 30.0) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    end = time.monotonic() + timeout_s
    while not until():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):  # let layouts and repaints settle
        app.processEvents()


def take(out_dir: Path, theme: str = "light", language: str = "en") -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from careervp_desktop.domain.models import ArtifactType
    from careervp_desktop.generation.offline import OfflineProvider
    from careervp_desktop.ui import i18n
    from careervp_desktop.ui.main_window import MainWindow
    from careervp_desktop.ui.style import apply_theme
    from careervp_desktop.ui.views import stage_label

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    i18n.install(app, language)  # as splash.application does at start-up: before any window
    app.setStyle("Fusion")
    apply_theme(app, theme)  # as run_gui does: "light" or "dark" (--dark)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shot(window: MainWindow, name: str) -> None:
        path = out_dir / f"{len(written) + 1:02d}-{name}.png"
        window.grab().save(str(path))
        written.append(path)

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        # The writer waits at the VPR until the stage shot is taken; everything else is the real offline engine.
        entered, release = threading.Event(), threading.Event()
        write = OfflineProvider.generate

        def held(self: OfflineProvider, artifact_type: ArtifactType, ctx: object) -> object:
            if artifact_type is ArtifactType.VPR:
                entered.set()
                release.wait(30)
            return write(self, artifact_type, ctx)  # type: ignore[arg-type]

        OfflineProvider.generate = held  # type: ignore[assignment,method-assign]
        try:
            window = MainWindow(data_dir=data_dir)
            window.resize(*SIZE)
            window.show()
            _wait(app, window.is_library_open)
            shot(window, "welcome")  # a first run: no CV yet
            window.try_sample()  # "Try the sample": the sample CV, and the sample job ad on the Job tab
            _wait(app, lambda: window.master_cv() is not None)
            window.tabs.setCurrentWidget(window.cv_pane)
            _wait(app, lambda: True)
            shot(window, "cv")
            window.tabs.setCurrentWidget(window.job_pane)
            time.sleep(1.0)  # the live match is computed in the background after typing stops
            _wait(app, lambda: True)
            shot(window, "job-and-match")
            window.generate()
            _wait(app, entered.is_set)
            _wait(app, lambda: stage_label("Synthesising") in window.progress.stages.text())
            shot(window, "vpr-stages")
            release.set()
            _wait(app, lambda: not window.is_generating(), 60)
        finally:
            OfflineProvider.generate = write  # type: ignore[method-assign]
            release.set()
        for art_type, name in (
            (ArtifactType.GAP_QUESTIONS, "gap-questions"),
            (ArtifactType.VPR, "vpr"),
            (ArtifactType.TAILORED_CV, "tailored-cv"),
            (ArtifactType.COVER_LETTER, "cover-letter"),
            (ArtifactType.INTERVIEW_PREP, "interview-prep"),
        ):
            window.tabs.setCurrentWidget(window.artifact_panes[art_type])
            if art_type is ArtifactType.INTERVIEW_PREP:  # an answer of the user's, polished into STAR
                window.interview_answers.pick(0)
                window.interview_answers_view.editor.setPlainText(EXAMPLE_ANSWER)
                window.interview_answers.polish()
            _wait(app, lambda: True)
            shot(window, name)
        window.tabs.setCurrentWidget(window.artifact_panes[ArtifactType.TAILORED_CV])
        window.compare_tailored_cv()
        dialog = window._compare_dialog
        assert dialog is not None
        dialog.resize(1300, 800)
        _wait(app, dialog.isVisible)
        path = out_dir / f"{len(written) + 1:02d}-compare-tailored-cv.png"
        dialog.grab().save(str(path))
        written.append(path)
        dialog.close()
        settings = window.open_general_settings()
        _wait(app, settings.isVisible)
        path = out_dir / f"{len(written) + 1:02d}-general-settings.png"
        settings.grab().save(str(path))
        written.append(path)
        settings.close()
        window.close()
        window.wait_for_background_work(10_000)
    return written


def main(argv: list[str]) -> int:
    """`python -m benchmarks.screenshots [DIR] [--dark] [--language he]`."""
    argv = list(argv)
    language = "en"
    if "--language" in argv:
        at = argv.index("--language")
        language = argv[at + 1] if at + 1 < len(argv) else "en"
        del argv[at : at + 2]
    theme = "dark" if "--dark" in argv else "light"
    paths = [a for a in argv if not a.startswith("--")]
    out_dir = Path(paths[0]) if paths else ROOT / "benchmarks" / "results" / "screenshots"
    for path in take(out_dir, theme, language):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
