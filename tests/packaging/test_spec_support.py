"""What the spec puts into the frozen app: version, trimming rules, icons, platform metadata, and that the
installer scripts and the release workflow agree with them."""

from __future__ import annotations

import email.parser
import importlib.util
import os
import struct
import subprocess
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from careervp_desktop import __version__

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"careervp_test_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


support = _load("spec_support")
icons = _load("icons")
build = _load("build")


def test_version_comes_from_pyproject_and_matches_the_package() -> None:
    assert support.read_version() == __version__


def test_read_version_refuses_a_missing_or_odd_version(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n')
    with pytest.raises(ValueError, match="no \\[project\\] version"):
        support.read_version(pyproject)
    pyproject.write_text('[project]\nversion = "dev"\n')
    with pytest.raises(ValueError, match="does not start with numbers"):
        support.read_version(pyproject)
    pyproject.write_text('[project]\nversion = "2.10.1rc3"\n')
    assert support.read_version(pyproject) == "2.10.1rc3"


@pytest.mark.parametrize(
    ("version", "parts", "expected"),
    [("0.1.0", 4, (0, 1, 0, 0)), ("2.10.1rc3", 4, (2, 10, 1, 0)), ("3", 3, (3, 0, 0)), ("1.2.3.4.5", 4, (1, 2, 3, 4))],
)
def test_numeric_version(version: str, parts: int, expected: tuple[int, ...]) -> None:
    assert support.numeric_version(version, parts) == expected


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6\\plugins\\tls\\qschannelbackend.dll", False),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6\\translations\\qtbase_he.qm", True),  # Hebrew UI: Qt's own buttons in Hebrew too
        ("PySide6/Qt/translations/qt_he.qm", False),
        ("resources/icons/app.svg", True),
        ("sqlalchemy/plugins/whatever.so", True),  # only Qt's plugins are filtered
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", False),
        ("PySide6/Qt/plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so", True),
        ("PySide6/Qt/plugins/wayland-graphics-integration-client/libdmabuf-server.so", False),
        # system libraries every Linux desktop has: left to the system
        ("libstdc++.so.6", False),
        ("libX11.so.6", False),
        ("libfontconfig.so.1", False),
        ("libdbus-1.so.3", False),
        ("libglib-2.0.so.0", False),
        # bundled on purpose: often missing or of varying versions
        ("libxcb-cursor.so.0", True),
        ("libxkbcommon.so.0", True),
        ("libssl.so.3", True),
        ("libcrypto.so.3", True),
        ("libsqlite3.so.0", True),
        ("libzstd.so.1", True),
        ("libpython3.11.so.1.0", True),
        # rapidfuzz: the AVX2 copies go, the generic builds it falls back to stay
        ("rapidfuzz/fuzz_cpp_avx2.cpython-311-x86_64-linux-gnu.so", False),
        ("rapidfuzz/distance/metrics_cpp_avx2.cpython-311-x86_64-linux-gnu.so", False),
        ("rapidfuzz/fuzz_cpp.cpython-311-x86_64-linux-gnu.so", True),
        ("rapidfuzz/distance/metrics_cpp.cpython-311-x86_64-linux-gnu.so", False),
        ("rapidfuzz/process_cpp_impl.cpython-311-x86_64-linux-gnu.so", True),
        ("rapidfuzz/distance/_initialize_cpp.cpython-311-x86_64-linux-gnu.so", True),  # fuzz_cpp imports it
        ("rapidfuzz/utils_cpp.cpython-311-x86_64-linux-gnu.so", False),
        ("rapidfuzz/utils_py.py", True),
        ("docx/templates/default.docx", True),
        ("docx/templates/default-styles.xml", True),
        ("docx/templates/default-docx-template/word/styles.xml", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/imageformats/libqico.so", False),  # Linux: nothing reads .ico
        ("PySide6/Qt/plugins/imageformats/libqicns.so", False),
        ("PySide6\\plugins\\imageformats\\qico.dll", True),  # Windows/macOS builds keep them
        ("PySide6/Qt/plugins/imageformats/libqicns.dylib", True),
        ("rapidfuzz\\fuzz_cpp_avx2.cp311-win_amd64.pyd", False),
    ],
)
def test_trimming_rules(dest: str, kept: bool) -> None:
    assert support.keep_entry(dest) is kept
    assert support.trim([(dest, "/src", "BINARY")]) == ([(dest, "/src", "BINARY")] if kept else [])


def test_modules_left_out_are_the_ones_never_imported() -> None:
    excluded = set(support.EXCLUDED_MODULES)
    assert {"lxml.sax", "lxml.builder", "pydantic.v1", "_pydecimal", "sqlalchemy.dialects.mysql", "smtplib"} <= excluded
    # what the app's own imports reach: SQLite, Alembic's PostgreSQL impl, lxml.etree, pydantic 2, decimal
    for needed in ("sqlalchemy.dialects.sqlite", "sqlalchemy.dialects.postgresql", "lxml.etree", "pydantic",
                   "decimal", "_decimal", "sqlalchemy.ext", "xml.dom.minidom", "xml.sax",
                   "httpx2", "logging.handlers", "urllib.request", "multiprocessing.connection"):  # fmt: skip
        assert needed not in excluded, needed


def test_the_pydantic_hook_leaves_out_what_the_spec_excludes() -> None:
    hook = (PACKAGING / "hooks" / "hook-pydantic.py").read_text()
    assert '"pydantic.v1", "pydantic.mypy"' in hook
    assert {"pydantic.v1", "pydantic.mypy"} <= set(support.EXCLUDED_MODULES)


def test_base_library_zip_deflates_the_codecs_a_start_does_not_read(tmp_path: Path) -> None:
    src = tmp_path / "base_library.zip"
    members = {
        "encodings/__init__.pyc": b"\x01" * 3000,
        "encodings/utf_8.pyc": b"\x02" * 3000,
        "encodings/cp1255.pyc": b"\x00" * 4000,
        "encodings/mac_roman.pyc": bytes(range(256)) * 20,
        "codecs.pyc": b"\x03" * 3000,
        "os.pyc": b"\x04" * 3000,
    }
    with zipfile.ZipFile(src, "w") as zf:  # stored, as PyInstaller writes it
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data)
    out = support.deflate_zip(src, tmp_path / "slim" / "base_library.zip")
    with zipfile.ZipFile(out) as zf:
        assert [i.filename for i in zf.infolist()] == list(members)
        deflated = {i.filename for i in zf.infolist() if i.compress_type == zipfile.ZIP_DEFLATED}
        assert deflated == {"encodings/cp1255.pyc", "encodings/mac_roman.pyc"}
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())  # still reproducible
        assert {name: zf.read(name) for name in members} == members
    assert out.stat().st_size < src.stat().st_size - 5000
    assert not support.is_cold_base_module("encodings/aliases.pyc")
    assert support.is_cold_base_module("encodings/iso8859_8.pyc")


def test_metadata_keeps_the_headers_importlib_reads(tmp_path: Path) -> None:
    text = (
        "Metadata-Version: 2.4\r\nName: pydantic\r\nVersion: 2.14.4\r\nRequires-Dist: typing-extensions>=4.14\r\n"
        "License-File: LICENSE\r\n\r\n# Pydantic\r\n\r\nA long README and changelog.\r\n"
    )
    slim = support.metadata_headers(text)
    assert slim == (
        "Metadata-Version: 2.4\nName: pydantic\nVersion: 2.14.4\nRequires-Dist: typing-extensions>=4.14\n"
        "License-File: LICENSE\n"
    )
    parsed = email.parser.HeaderParser().parsestr(slim)
    assert parsed["Version"] == "2.14.4" and parsed.get_all("Requires-Dist") == ["typing-extensions>=4.14"]
    # what the spec replaces, and with what
    meta = tmp_path / "site" / "pydantic-2.14.4.dist-info" / "METADATA"
    meta.parent.mkdir(parents=True)
    meta.write_text(text)
    datas = [
        ("pydantic-2.14.4.dist-info/METADATA", str(meta), "DATA"),
        ("pydantic-2.14.4.dist-info/licenses/LICENSE", "/site/LICENSE", "DATA"),
        ("base_library.zip", "/work/base_library.zip", "DATA"),  # deflated on Linux only
        ("resources/samples/METADATA", "/repo/x", "DATA"),  # not a dist-info
    ]
    slimmed = support.slimmed_datas(datas, tmp_path / "slim", "darwin")
    assert [d for d, _s, _k in slimmed] == [d for d, _s, _k in datas]
    assert Path(slimmed[0][1]).read_text() == slim
    assert slimmed[1:] == datas[1:]


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libX11.so.6", "libx11-6"),
        ("libEGL.so.1", "libegl1"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("oddname", "oddname"),
    ],
)
def test_apt_package_of_a_library(soname: str, package: str) -> None:
    assert support.apt_package(soname) == package


LDD_MISSING = """\
\tlinux-vdso.so.1 (0x00007ffc8a5f2000)
\tlibQt6XcbQpa.so.6 => /opt/CareerVP/_internal/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x7f7c)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-cursor.so.0 => /opt/CareerVP/_internal/libxcb-cursor.so.0 (0x00007f7c4a1e0000)
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f7c49e00000)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f7c4a6c0000)
"""


def test_ldd_output_names_the_missing_libraries_once_each() -> None:
    assert support.ldd_not_found(LDD_MISSING) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0"]
    assert support.ldd_not_found("\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n") == []
    assert support.ldd_not_found("\tnot a dynamic executable\n") == []
    assert support.ldd_not_found("") == []


def test_the_xcb_warning_is_one_line_naming_the_apt_packages() -> None:
    assert support.xcb_warning([]) is None
    warning = support.xcb_warning(support.ldd_not_found(LDD_MISSING))
    assert warning is not None and "\n" not in warning
    assert warning.startswith("warning: ")
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1, libxkbcommon-x11.so.0" in warning
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0," in warning
    assert "X11" in warning


def test_the_build_reports_missing_xcb_libraries_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plugin = tmp_path / "CareerVP" / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    plugin.parent.mkdir(parents=True)
    plugin.write_bytes(b"")
    calls: list[tuple[list[str], dict[str, str]]] = []

    def fake_run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        env = kwargs["env"]
        assert isinstance(env, dict)
        calls.append((cmd, env))
        return subprocess.CompletedProcess(cmd, 0, stdout=LDD_MISSING, stderr="")

    monkeypatch.setattr(build.subprocess, "run", fake_run)
    assert build.check_xcb_libraries(tmp_path) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0"]
    ((cmd, env),) = calls
    assert cmd == ["ldd", str(plugin)]
    assert env["LD_LIBRARY_PATH"].split(os.pathsep)[0] == str(tmp_path / "CareerVP" / "_internal")  # as the bootloader
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("warning: Qt's xcb plugin needs libxcb-icccm.so.4")

    def no_ldd(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        raise FileNotFoundError(2, "No such file or directory", "ldd")

    monkeypatch.setattr(build.subprocess, "run", no_ldd)
    assert build.check_xcb_libraries(tmp_path) == []
    assert capsys.readouterr().out.startswith("note: could not check")


def test_prune_keeps_what_is_linked_and_drops_what_only_a_dropped_plugin_needed() -> None:
    toc = [
        ("PySide6/QtGui.abi3.so", "", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "", "BINARY"),
        ("libicudata.so.73", "", "BINARY"),
        ("libgtk-3.so.0", "", "BINARY"),  # was needed by libqgtk3 only, which trim() removed
        ("libatk-1.0.so.0", "", "BINARY"),
        ("libdbus-1.so.3", "", "BINARY"),  # dlopen()ed by Qt: kept by name
        ("libpython3.11.so.1.0", "", "BINARY"),
    ]
    imports_of = {
        "PySide6/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "PySide6/Qt/lib/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "PySide6/Qt/lib/libQt6Core.so.6": ["libicudata.so.73"],
        "libgtk-3.so.0": ["libatk-1.0.so.0"],
    }
    kept = [dest for dest, _s, _k in support.prune_unreferenced_libraries(toc, imports_of)]
    assert kept == [
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "libicudata.so.73",
        "libdbus-1.so.3",
        "libpython3.11.so.1.0",
    ]


def test_platform_metadata() -> None:
    plist = support.mac_info_plist("1.4.2rc1")
    assert plist["NSHighResolutionCapable"] is True
    assert plist["CFBundleShortVersionString"] == "1.4.2"
    text = support.windows_version_info("1.4.2")
    assert "filevers=(1, 4, 2, 0)" in text and "StringStruct('ProductVersion', '1.4.2')" in text
    assert support.installer_basename("1.4.2", "win32") == "CareerVP-Setup-1.4.2"
    assert support.installer_basename("1.4.2", "darwin") == "CareerVP-1.4.2"


def test_icons_are_valid_ico_and_icns(tmp_path: Path) -> None:
    paths = icons.write_icons(tmp_path)
    ico = paths["ico"].read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    for i in range(count):
        width, _h, _c, _r, _planes, _bpp, size, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * i : 22 + 16 * i])
        assert width == sorted(icons.ICO_SIZES)[i] % 256  # 0 stands for 256
        assert ico[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + size <= len(ico)
    icns = paths["icns"].read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    pos, found = 8, []
    while pos < len(icns):
        kind_bytes, length = icns[pos : pos + 4], struct.unpack(">I", icns[pos + 4 : pos + 8])[0]
        assert icns[pos + 8 : pos + 16] == b"\x89PNG\r\n\x1a\n"
        found.append(kind_bytes)
        pos += length
    assert pos == len(icns) and set(found) == set(icons.ICNS_TYPES.values())


def test_inno_setup_gets_the_version_and_paths_from_the_build(tmp_path: Path) -> None:
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "careervp.ico").write_bytes(b"")
    cmd = build.inno_command("ISCC.exe", tmp_path, tmp_path, "1.4.2")
    assert f"/DIconFile={tmp_path / 'icons' / 'careervp.ico'}" in cmd
    assert "/DAppVersion=1.4.2" in cmd and "/DOutputBaseFilename=CareerVP-Setup-1.4.2" in cmd
    iss = (PACKAGING / "windows" / "careervp.iss").read_text(encoding="utf-8")
    for define in ("AppVersion", "SourceDir", "OutputDir", "OutputBaseFilename"):
        assert f"{{#{define}}}" in iss, define
    assert "PrivilegesRequired=lowest" in iss  # per-user, no admin
    assert f"{support.APP_NAME}.exe" in iss


def test_notarisation_runs_only_with_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CAREERVP_NOTARY_PROFILE", "CAREERVP_NOTARY_APPLE_ID", "CAREERVP_NOTARY_TEAM_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CAREERVP_NOTARY_PASSWORD", "secret")
    assert build.notary_args() is None
    monkeypatch.setenv("CAREERVP_NOTARY_APPLE_ID", "me@example.com")
    monkeypatch.setenv("CAREERVP_NOTARY_TEAM_ID", "TEAM123")
    assert build.notary_args() == ["--apple-id", "me@example.com", "--team-id", "TEAM123", "--password", "secret"]
    monkeypatch.setenv("CAREERVP_NOTARY_PROFILE", "careervp")
    assert build.notary_args() == ["--keychain-profile", "careervp"]


def test_the_release_workflow_runs_the_frozen_selftest_on_every_os() -> None:
    workflow = (PACKAGING.parent / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    for runner in ("windows-latest", "macos-latest", "ubuntu-"):
        assert runner in workflow
    assert "packaging/build.py" in workflow and "--selftest" in workflow
    assert "uv sync --locked" in workflow


def test_release_workflow_steps_do_not_test_secrets_or_their_own_env_in_if() -> None:
    """A step's `if` cannot read `secrets`, and its own `env` is not there yet when `if` is evaluated: a signing
    step guarded that way never runs. Conditions must use job-level variables."""
    import re

    workflow = (PACKAGING.parent / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    steps = re.split(r"\n      - ", workflow)[1:]  # the steps of the jobs (6 spaces, then "- ")
    assert len(steps) > 5
    for step in steps:
        condition = next((line for line in step.splitlines() if line.strip().startswith("if:")), "")
        assert "secrets." not in condition, step.splitlines()[0]
        own_env = re.findall(r"^          ([A-Z0-9_]+):", step, flags=re.MULTILINE)  # the step's env: block
        for name in own_env:
            assert f"env.{name}" not in condition, step.splitlines()[0]
    assert "HAS_MACOS_CERTIFICATE: ${{ secrets.MACOS_CERTIFICATE_P12 != '' }}" in workflow
    assert "env.HAS_MACOS_CERTIFICATE == 'true'" in workflow
