"""Settings ▸ General's store (preferences.ini) and how the data folder it holds reaches `default_data_dir()`."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from careervp_desktop.storage.paths import default_data_dir, platform_data_dir
from careervp_desktop.storage.preferences import (
    CONFIG_DIR_ENV,
    Preferences,
    load_preferences,
    preferences_path,
    save_preferences,
)


def test_tests_never_see_the_real_config_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The autouse fixture of tests/conftest.py points the store at a temporary folder."""
    assert preferences_path().is_relative_to(tmp_path_factory.getbasetemp())


def test_missing_file_gives_the_defaults() -> None:
    assert not preferences_path().exists()
    assert load_preferences() == Preferences(theme="system", offline_only=False, page_size="region", data_dir=None)


def test_round_trip(tmp_path: Path) -> None:
    prefs = Preferences(theme="dark", offline_only=True, page_size="Letter", data_dir=tmp_path / "lib 100%")
    written = save_preferences(prefs)
    assert written == preferences_path()
    assert load_preferences() == prefs
    assert "offline_only = true" in written.read_text(encoding="utf-8")
    assert not written.with_name(written.name + ".tmp").exists()


@pytest.mark.parametrize(
    "content",
    [
        "\x00\x01 not an ini file [[[",
        "theme = dark\n",  # no section header
        "[general]\ntheme = purple\noffline_only = maybe\npage_size = A3\ndata_dir = relative/folder\n",
        "[general]\n[general]\n",  # duplicate section: configparser raises
    ],
)
def test_corrupt_file_gives_defaults_without_a_traceback(content: str, caplog: pytest.LogCaptureFixture) -> None:
    path = preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert load_preferences() == Preferences()
        assert default_data_dir()  # still answers
        assert load_preferences() == Preferences()  # read again: not logged again
    (warning,) = [r for r in caplog.records if r.levelno >= logging.WARNING]  # one line says it all
    assert warning.exc_info is None and "\n" not in warning.getMessage()
    assert warning.getMessage().startswith("Preferences file preferences.ini")
    assert "default" in warning.getMessage() and str(path.parent) not in warning.getMessage()


def test_undecodable_file_gives_defaults() -> None:
    path = preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"[general]\ntheme = \xff\xfe dark\n")
    assert load_preferences() == Preferences()


def test_values_are_read_leniently() -> None:
    path = preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[general]\ntheme = Light\noffline_only = yes\npage_size = letter\n", encoding="utf-8")
    assert load_preferences() == Preferences(theme="light", offline_only=True, page_size="Letter")


def test_export_page_size() -> None:
    assert Preferences(page_size="region").export_page_size is None
    assert Preferences(page_size="A4").export_page_size == "A4"
    assert Preferences(page_size="Letter").export_page_size == "Letter"


def test_saved_data_folder_is_the_default_unless_the_env_var_says_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "chosen"
    save_preferences(Preferences(data_dir=chosen))
    monkeypatch.setenv("CAREERVP_DATA_DIR", str(tmp_path / "from-env"))
    assert default_data_dir() == tmp_path / "from-env"  # the env var wins
    monkeypatch.delenv("CAREERVP_DATA_DIR")
    assert default_data_dir() == chosen  # then the saved preference
    save_preferences(Preferences(data_dir=None))
    assert default_data_dir() == platform_data_dir()  # then the platform's folder


def test_config_dir_env_var_moves_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path / "elsewhere"))
    assert preferences_path() == tmp_path / "elsewhere" / "preferences.ini"


def test_the_cli_and_paths_see_the_saved_folder_without_loading_qt(tmp_path: Path) -> None:
    """A fresh interpreter: `default_data_dir()` reads the preference, and importing paths loads no Qt."""
    chosen = tmp_path / "chosen"
    save_preferences(Preferences(data_dir=chosen))
    code = (
        "import sys; from careervp_desktop.storage.paths import default_data_dir; "
        "print(default_data_dir()); print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    import os

    env = {k: v for k, v in os.environ.items() if k != "CAREERVP_DATA_DIR"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.split("\n")[:2] == [str(chosen), "False"]
