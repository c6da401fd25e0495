"""The launcher: a window-only launch shows the start-up card before anything heavy loads, and the card is gone
once the main window is up; every other command line goes to the CLI untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from careervp_desktop.launch import opens_window


@pytest.mark.parametrize(
    "args",
    [[], ["gui"], ["--data-dir", "/tmp/x"], ["--data-dir=/tmp/x", "gui", "--exit-after-show"], ["-v", "gui"]],
)
def test_window_launches(args: list[str]) -> None:
    assert opens_window(args)


@pytest.mark.parametrize(
    "args",
    [["parse", "cv.pdf"], ["--help"], ["--version"], ["--selftest"], ["gui", "--bogus"], ["--data-dir"], ["demo"]],
)
def test_everything_else_goes_to_the_cli(args: list[str]) -> None:
    assert not opens_window(args)


def test_the_card_comes_first_and_is_gone_when_the_window_is_up(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from careervp_desktop import launch\n"
        "from careervp_desktop.ui import splash\n"
        f"code = launch.main(['--data-dir', {str(tmp_path / 'lib')!r}, 'gui', '--exit-after-show'])\n"
        "from PySide6.QtWidgets import QApplication\n"
        "visible = [w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible()]\n"
        "print('VISIBLE', visible, 'CARD', splash._shown is not None)\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CAREERVP_REPORT_SHOWN="1")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    events = [line.split()[0] for line in done.stdout.splitlines() if line.split()]
    assert events[:3] == ["FIRST", "SHOWN", "LOADED"], done.stdout
    assert "'startupSplash'" not in done.stdout and "CARD False" in done.stdout


def test_the_cli_shows_no_card(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CAREERVP_REPORT_SHOWN="1")
    done = subprocess.run(
        [sys.executable, "-m", "careervp_desktop", "--version"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "FIRST" not in done.stdout
