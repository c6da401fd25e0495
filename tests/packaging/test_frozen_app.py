"""The frozen app, built here with PyInstaller exactly as users get it (Linux onedir + .tar.gz), then run.

Slow (a build takes ~35-60 s on two cores) and needs the `packaging` dependency group, so it runs only when
CAREERVP_FROZEN_TEST=1 (`.ci/run` sets it). Locally:
    uv sync --group packaging && CAREERVP_FROZEN_TEST=1 uv run pytest tests/packaging -m slow -s
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "packaging" / "build.py"
MAX_UNPACKED_MB = 120  # issue 10's goal: 189 MB at first, 119.6 MB after it

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("CAREERVP_FROZEN_TEST") != "1", reason="set CAREERVP_FROZEN_TEST=1 to build"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the frozen build is tested on Linux here"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail("PyInstaller is missing: uv sync --group packaging")
    root = tmp_path_factory.mktemp("frozen")
    dist, work = root / "dist", root / "build"
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(BUILD), "--dist", str(dist), "--work", str(work)],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    measured = json.loads((dist / "build-measurements.json").read_text())
    measured["wall_seconds"] = round(time.perf_counter() - started, 1)
    measured["dist"] = dist
    return measured


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "CAREERVP_DATA_DIR": str(tmp_path)}


def test_the_frozen_selftest_passes(built: dict[str, object], tmp_path: Path) -> None:
    exe = Path(str(built["dist"])) / "CareerVP" / "careervp-cli"
    proc = subprocess.run([str(exe), "--selftest"], capture_output=True, text=True, env=_env(tmp_path), timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "(frozen, " in proc.stdout
    assert proc.stdout.rstrip().endswith("selftest ok")


def test_bad_input_in_the_frozen_app_is_one_line(built: dict[str, object], tmp_path: Path) -> None:
    exe = Path(str(built["dist"])) / "CareerVP" / "careervp-cli"
    proc = subprocess.run(
        [str(exe), "parse", str(tmp_path / "missing.pdf")], capture_output=True, text=True, env=_env(tmp_path)
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_the_frozen_window_opens_and_measures_start_up(
    built: dict[str, object], tmp_path: Path, record_property: pytest.RecordProperty
) -> None:
    exe = Path(str(built["dist"])) / "CareerVP" / "CareerVP"
    env = {**_env(tmp_path), "CAREERVP_REPORT_SHOWN": "1"}
    timings = []
    for _ in range(3):  # the first run also creates the library
        t0 = time.time()
        proc = subprocess.run(
            [str(exe), "--data-dir", str(tmp_path / "lib"), "gui", "--exit-after-show"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        shown = [float(line.split()[1]) for line in proc.stdout.splitlines() if line.startswith("SHOWN ")]
        assert shown, f"the window never reported being shown: {proc.stdout!r} {proc.stderr!r}"
        timings.append((shown[0] - t0) * 1000)
    record_property("frozen_startup_ms", sorted(timings)[1])
    sys.stdout.write(f"\nfrozen start-up to window shown: {[round(t) for t in timings]} ms\n")


def test_the_bundle_is_trimmed_and_packed(built: dict[str, object], record_property: pytest.RecordProperty) -> None:
    dist = Path(str(built["dist"]))
    internal = dist / "CareerVP" / "_internal"
    assert (internal / "resources" / "samples" / "sample_cv.md").is_file()
    assert (internal / "careervp_desktop" / "storage" / "migrations" / "versions").is_dir()
    assert {p.name for p in internal.rglob("*.qm")} <= {"qtbase_he.qm"}, "Qt translations but Hebrew left out"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert {p.name for p in plugins.iterdir()} <= {
        "platforms", "imageformats", "iconengines", "platformthemes", "platforminputcontexts", "xcbglintegrations",
        "wayland-decoration-client", "wayland-shell-integration", "wayland-graphics-integration-client",
    }  # fmt: skip
    assert not list(internal.rglob("libqgtk3*")) and not list(internal.rglob("libgtk-3*"))
    assert (dist / "CareerVP" / "careervp-cli").is_symlink()  # one executable, one copy of the Python archive
    for system_lib in ("libstdc++.so.6", "libX11.so.6", "libfontconfig.so.1", "libglib-2.0.so.0"):
        assert not list(internal.rglob(system_lib)), system_lib
    icudata = next(internal.rglob("libicudata.so.*"))
    assert icudata.stat().st_size < 5_000_000, "the trimmed ICU data library (31 MB untrimmed)"
    for dev_tool in ("mypy", "hypothesis", "_pytest", "PySide6/QtNetwork.abi3.so"):
        assert not (internal / dev_tool).exists(), dev_tool
    for unused in ("lxml/sax.*.so", "lxml/builder.*.so", "rapidfuzz/utils_cpp.*.so"):
        assert not list(internal.glob(unused)), unused
    with zipfile.ZipFile(internal / "base_library.zip") as zf:
        kinds = {i.filename: i.compress_type for i in zf.infolist()}
    assert kinds["encodings/cp1255.pyc"] == zipfile.ZIP_DEFLATED and kinds["os.pyc"] == zipfile.ZIP_STORED
    pydantic_meta = next(internal.glob("pydantic-*.dist-info/METADATA")).read_text()
    assert "\nVersion: " in pydantic_meta and "\n\n" not in pydantic_meta  # headers only
    assert built["xcb_missing"] == [], f"this machine lacks the xcb plugin's libraries: {built['xcb_missing']}"
    unpacked_mb = int(str(built["unpacked_bytes"])) / 1e6
    archive = Path(str(built["package"]))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert any(n.endswith("/careervp-cli") for n in names)
    assert any(n.endswith("/careervp.desktop") for n in names)
    record_property("unpacked_mb", round(unpacked_mb, 1))
    record_property("archive_mb", round(archive.stat().st_size / 1e6, 1))
    sys.stdout.write(
        f"\nbuild {built['build_seconds']} s (wall {built['wall_seconds']} s); unpacked {unpacked_mb:.1f} MB; "
        f"{archive.name} {archive.stat().st_size / 1e6:.1f} MB\n"
    )
    assert unpacked_mb <= MAX_UNPACKED_MB
