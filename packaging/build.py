"""Build this platform's CareerVP package: `uv run --group packaging python packaging/build.py [--selftest]`.

1. PyInstaller one-folder build from `careervp.spec` into `dist/CareerVP/` (macOS: `dist/CareerVP.app`).
2. The package users download, into `dist/`:
   - Linux:   `CareerVP-<version>-linux-x86_64.tar.gz` (the folder, with a .desktop file and the icon)
   - Windows: `CareerVP-Setup-<version>.exe` with Inno Setup 6 (`ISCC.exe` on PATH, in its default folder, or
              `$ISCC`); skipped with a note when Inno Setup is missing
   - macOS:   `CareerVP-<version>.dmg` with `hdiutil`; signed when `CAREERVP_CODESIGN_IDENTITY` is set and
              notarised when `CAREERVP_NOTARY_PROFILE` (a `notarytool store-credentials` profile) or
              `CAREERVP_NOTARY_APPLE_ID` + `CAREERVP_NOTARY_TEAM_ID` + `CAREERVP_NOTARY_PASSWORD` are set
3. `--selftest` runs the frozen app's `--selftest` (offscreen) before packaging.

Prints what it measured (build time, unpacked size, package size) and writes it as JSON next to the package.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"careervp_{name}", HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


support = _load("spec_support")

DESKTOP_ENTRY = """[Desktop Entry]
Type=Application
Name=CareerVP
Comment=Your CV and a job ad in; a value proposition, tailored CV, cover letter and interview prep out
Exec=CareerVP %F
Icon=careervp
Terminal=false
Categories=Office;
"""


class BuildError(Exception):
    pass


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, text=True, **kwargs)  # type: ignore[call-overload,no-any-return]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def frozen_root(dist: Path, system: str) -> Path:
    """The folder that holds the executables."""
    if system == "darwin":
        return dist / f"{support.APP_NAME}.app" / "Contents" / "MacOS"
    return dist / support.APP_NAME


def cli_executable(dist: Path, system: str) -> Path:
    return frozen_root(dist, system) / (support.CLI_NAME + (".exe" if system == "win32" else ""))


def pyinstaller(dist: Path, work: Path) -> float:
    started = time.perf_counter()
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            *(["--clean"] if os.environ.get("CAREERVP_CLEAN") else []),
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(HERE / "careervp.spec"),
        ],
        cwd=REPO,
        # the Python archive's modules at zlib level 9, not PyInstaller's 6: 0.12 MB smaller, same start-up
        env={**os.environ, "PYINSTALLER_ZLIB_COMPRESSION_LEVEL": "9"},
    )
    return time.perf_counter() - started


def check_xcb_libraries(dist: Path) -> list[str]:
    """Linux: the libraries Qt's X11 plugin links that neither the bundle nor this machine has (`ldd`, with the
    bundle's folder on the library path as the bootloader sets it); one warning line when there are any."""
    internal = frozen_root(dist, "linux") / "_internal"
    plugin = internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        print("warning: Qt's xcb plugin (libqxcb.so) is not in the bundle: it will not start on X11")
        return ["libqxcb.so"]
    env = {
        **os.environ,
        "LD_LIBRARY_PATH": os.pathsep.join(filter(None, [str(internal), os.environ.get("LD_LIBRARY_PATH")])),
    }
    try:
        proc = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"note: could not check the xcb plugin's libraries (ldd: {exc})")
        return []
    missing: list[str] = support.ldd_not_found(proc.stdout)
    warning = support.xcb_warning(missing)
    if warning:
        print(warning, flush=True)
    return missing


def selftest(dist: Path, system: str) -> None:
    env = {**os.environ}
    if system == "linux" and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    proc = subprocess.run(
        [str(cli_executable(dist, system)), "--selftest"], capture_output=True, text=True, env=env, timeout=300
    )
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0 or "selftest ok" not in proc.stdout:
        raise BuildError(f"frozen selftest failed (exit {proc.returncode}): {proc.stderr.strip()[-800:]}")


# --------------------------------------------------------------------------------------------------- Linux
def package_linux(dist: Path, work: Path, version: str) -> Path:
    base = support.installer_basename(version, "linux")
    out = dist / f"{base}.tar.gz"
    folder = frozen_root(dist, "linux")
    icon = work / "icons" / "careervp.png"  # written by the spec
    (folder / "careervp.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    if icon.exists():
        shutil.copy2(icon, folder / "careervp.png")
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=f"CareerVP-{version}")
    return out


# --------------------------------------------------------------------------------------------------- Windows
def find_iscc() -> str | None:
    candidates = [
        os.environ.get("ISCC", ""),
        shutil.which("iscc") or "",
        shutil.which("ISCC") or "",
        r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe",
        r"C:\Program Files\Inno Setup 6\ISCC.exe",
        r"C:\Program Files\Inno Setup 7\ISCC.exe",
        r"C:\Program Files (x86)\Inno Setup 7\ISCC.exe",
    ]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def inno_command(iscc: str, dist: Path, work: Path, version: str) -> list[str]:
    icon = work / "icons" / "careervp.ico"  # written by the spec
    return [
        iscc,
        *([f"/DIconFile={icon}"] if icon.is_file() else []),
        f"/DAppVersion={version}",
        f"/DSourceDir={frozen_root(dist, 'win32')}",
        f"/DOutputDir={dist}",
        f"/DOutputBaseFilename={support.installer_basename(version, 'win32')}",
        str(HERE / "windows" / "careervp.iss"),
    ]


def package_windows(dist: Path, work: Path, version: str) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        print("note: Inno Setup 6 (ISCC.exe) not found: no installer built; set ISCC or install it")
        return None
    run(inno_command(iscc, dist, work, version))
    return dist / f"{support.installer_basename(version, 'win32')}.exe"


# --------------------------------------------------------------------------------------------------- macOS
def notary_args() -> list[str] | None:
    """`notarytool` credentials from the environment, or None to skip notarisation."""
    profile = os.environ.get("CAREERVP_NOTARY_PROFILE")
    if profile:
        return ["--keychain-profile", profile]
    names = ("CAREERVP_NOTARY_APPLE_ID", "CAREERVP_NOTARY_TEAM_ID", "CAREERVP_NOTARY_PASSWORD")
    values = [os.environ.get(n, "") for n in names]
    if all(values):
        return ["--apple-id", values[0], "--team-id", values[1], "--password", values[2]]
    return None


def package_macos(dist: Path, version: str) -> Path:
    app = dist / f"{support.APP_NAME}.app"
    identity = os.environ.get("CAREERVP_CODESIGN_IDENTITY")
    entitlements = HERE / "macos" / "entitlements.plist"
    if identity:
        # Hardened runtime (required for notarisation); --deep signs every nested binary inside the bundle.
        run(
            [
                "codesign",
                "--force",
                "--deep",
                "--timestamp",
                "--options",
                "runtime",
                "--entitlements",
                str(entitlements),
                "--sign",
                identity,
                str(app),
            ]
        )
        run(["codesign", "--verify", "--deep", "--strict", "--verbose=2", str(app)])
    else:
        print("note: CAREERVP_CODESIGN_IDENTITY not set: the app is not signed (Gatekeeper will warn)")
    staging = dist / "dmg"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    shutil.copytree(app, staging / app.name, symlinks=True)
    (staging / "Applications").symlink_to("/Applications")  # drag the app onto this to install
    dmg = dist / f"{support.installer_basename(version, 'darwin')}.dmg"
    dmg.unlink(missing_ok=True)
    run(
        [
            "hdiutil",
            "create",
            "-volname",
            f"CareerVP {version}",
            "-srcfolder",
            str(staging),
            "-fs",
            "HFS+",
            "-format",
            "UDZO",
            "-ov",
            str(dmg),
        ]
    )
    shutil.rmtree(staging, ignore_errors=True)
    if identity:
        run(["codesign", "--force", "--timestamp", "--sign", identity, str(dmg)])
    credentials = notary_args()
    if identity and credentials:
        run(["xcrun", "notarytool", "submit", str(dmg), "--wait", *credentials])
        run(["xcrun", "stapler", "staple", str(dmg)])
    elif identity:
        print("note: no notarisation credentials set: the DMG is signed but not notarised")
    return dmg


# --------------------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build CareerVP for this platform.")
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=REPO / "build", help="PyInstaller's work folder")
    parser.add_argument("--selftest", action="store_true", help="run the frozen app's --selftest")
    parser.add_argument("--no-package", action="store_true", help="stop after the PyInstaller folder")
    args = parser.parse_args(argv)
    system = support.current_system()
    version = support.read_version()
    dist, work = args.dist.resolve(), args.work.resolve()
    try:
        build_s = pyinstaller(dist, work)
        xcb_missing = check_xcb_libraries(dist) if system == "linux" else []
        if args.selftest:
            selftest(dist, system)
        bundle = dist / (f"{support.APP_NAME}.app" if system == "darwin" else support.APP_NAME)
        package: Path | None = None
        if not args.no_package:
            if system == "linux":
                package = package_linux(dist, work, version)
            elif system == "win32":
                package = package_windows(dist, work, version)
            else:
                package = package_macos(dist, version)
    except (BuildError, subprocess.CalledProcessError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    measured = {
        "version": version,
        "system": system,
        "build_seconds": round(build_s, 1),
        "unpacked_bytes": folder_size(bundle),
        "package": str(package) if package else None,
        "package_bytes": package.stat().st_size if package else None,
        "xcb_missing": xcb_missing,
    }
    (dist / "build-measurements.json").write_text(json.dumps(measured, indent=2) + "\n", encoding="utf-8")
    print(
        f"built CareerVP {version} for {system} in {build_s:.0f} s: {measured['unpacked_bytes'] / 1e6:.1f} MB "
        f"unpacked" + (f", {package.name} {package.stat().st_size / 1e6:.1f} MB" if package else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
