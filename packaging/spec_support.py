"""What goes into the frozen app, as plain functions the spec calls and the tests check.

Loaded by file path (`careervp.spec`, `build.py`, tests): the folder is not a package, because a package named
`packaging` would shadow the PyPI library of that name. Standard library only.
"""

from __future__ import annotations

import re
import sys
import tomllib
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parents[1]
APP_NAME = "CareerVP"
CLI_NAME = "careervp-cli"
BUNDLE_ID = "com.careervp.desktop"
PUBLISHER = "CareerVP"

# Python packages the app never imports at run time, but that some hook or a dev tool in the same environment
# could drag in (PyInstaller follows every import it can see).
EXCLUDED_MODULES = (
    "tkinter",
    "_tkinter",
    "unittest",
    "pydoc",
    "pdb",
    "doctest",
    "lib2to3",
    "setuptools",
    "pkg_resources",
    "pip",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "mypyc",
    "ast_serialize",
    "ruff",
    "IPython",
    "readline",
    "curses",
    "_curses",
    "pygments",  # only mako.exceptions imports it, in a try: for syntax-highlighted template errors (Alembic)
    "lxml.objectify",  # python-docx uses lxml.etree only
    "lxml.html",
    "lxml.isoschematron",
    "lxml.sax",  # 0.18 MB compiled; nothing bundled imports it (lxml.etree does not)
    "lxml.builder",  # 0.12 MB compiled; only lxml.html (left out) uses it
    "lxml.doctestcompare",
    "lxml.usedoctest",
    # Never imported at run time (not by the self-test, the GUI, a Claude call or the whole test suite; checked
    # against sys.modules). SQLAlchemy's MS SQL/MySQL/Oracle dialects: Alembic's alembic.ddl.{mssql,mysql,oracle}
    # import them under TYPE_CHECKING only (PostgreSQL's it imports for real: kept); the app opens SQLite only.
    "sqlalchemy.dialects.mssql",
    "sqlalchemy.dialects.mysql",
    "sqlalchemy.dialects.oracle",
    "sqlalchemy.ext.asyncio",  # Alembic imports it inside run_async() only, which the app's migrations never call
    "pydantic.v1",  # the pydantic 1 API, imported only by name; anthropic uses it under `if PYDANTIC_V1` only
    "pydantic.mypy",  # the mypy plugin
    "_pydecimal",  # decimal's pure-Python fallback, imported only when the compiled _decimal is missing
    "httpx2._main",  # the `httpx` command: imports click (not installed) inside a try, so it never loads
    "httpx2.websockets",  # nothing imports it
    # standard library reached only from functions the app never calls: logging's SMTPHandler, urllib's ftp://
    # handler, multiprocessing's XML-RPC listener (not xml.sax, 33 KB: PyInstaller's xml hook asks for it)
    "smtplib",
    "ftplib",
    "xmlrpc",
    # Qt modules the app does not use (it imports QtCore, QtGui and QtWidgets only; SVG icons load via plugins)
    "PySide6.QtNetwork",
    "PySide6.QtDBus",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtUiTools",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
)

# Qt plugins, by folder: the names kept (None = all of that folder). Folders not listed are dropped
# (generic input devices, network information, TLS, SQL drivers, print support, QML tooling, EGL devices...).
KEPT_PLUGINS: dict[str, frozenset[str] | None] = {
    # windowing: X11, Wayland, Windows, macOS; offscreen for the self-test and headless runs
    "platforms": frozenset(
        {"qxcb", "qwayland", "qwayland-generic", "qwayland-egl", "qoffscreen", "qminimal", "qwindows", "qcocoa"}
    ),
    "imageformats": frozenset({"qsvg", "qico", "qicns"}),  # the icons are SVG; nothing reads JPEG or GIF
    "iconengines": None,
    "styles": None,  # Windows 11 / Vista look
    "platformthemes": frozenset({"qxdgdesktopportal"}),  # not qgtk3: it alone pulls GTK, Pango, Cairo, ATK
    "platforminputcontexts": None,  # input methods, dead keys
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    # xdg-shell is what desktop compositors speak; not ivi-shell (cars), fullscreen-shell (kiosks), wl-shell
    # (deprecated, gone from GNOME and KDE), qt-shell (Qt's own compositors)
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    # client buffers: EGL (OpenGL windows); shared memory is built in. Not the *-server plugins: those take
    # buffers from a Qt-made compositor's server-buffer extension
    "wayland-graphics-integration-client": frozenset({"qt-plugin-wayland-egl"}),
}
# Linux only (the `.so` builds): ICO and ICNS readers. The app's icons are SVG, desktops' icon themes PNG/SVG;
# the Windows .exe and the macOS .app carry their own icon, read by the system, so those builds keep them untested.
LINUX_DROPPED_PLUGINS = frozenset({("imageformats", "qico"), ("imageformats", "qicns")})

# Linux: libraries PyInstaller collects from the build machine that every Linux desktop has, left to the user's
# system (our own list, checked against AppImage's well-known `excludelist`). Bundling them is not only bigger:
# a copy older than the system's breaks whatever the system loads into the process next (Mesa's GL drivers need
# the system's libstdc++; fontconfig's config files must match its library; X11/D-Bus speak to the system's
# servers). PyInstaller already leaves out glibc (libc, libm, libdl, libpthread, librt, ld-linux) and the GL/EGL
# and xcb core libraries. Kept on purpose: libxkbcommon and the xcb-util libraries (xcb-cursor, -image,
# -render-util... are missing on many systems, Qt's famous "could not load the xcb plugin"), the xcb extension
# libraries Qt needs, OpenSSL 3, SQLite, libffi, liblzma, libbz2, libzstd (versions and presence vary).
SYSTEM_LIBRARIES: dict[str, str] = {
    # GCC runtime: on every system (everything in C++ needs it); the wheels were built against old baselines
    "libstdc++.so.6": "gcc runtime",
    "libgcc_s.so.1": "gcc runtime",
    # X11 client side: any X11 or XWayland session has it
    "libX11.so.6": "X11",
    "libX11-xcb.so.1": "X11",
    "libXau.so.6": "X11 (libX11's dependency)",
    "libXdmcp.so.6": "X11 (libX11's dependency)",
    "libbsd.so.0": "libXdmcp's dependency",
    "libmd.so.0": "libbsd's dependency",
    # fonts: must match the system's font configuration
    "libfontconfig.so.1": "fonts",
    "libfreetype.so.6": "fonts",
    "libexpat.so.1": "fontconfig's dependency",
    "libpng16.so.16": "freetype's dependency",
    "libbrotlidec.so.1": "freetype's dependency",
    "libbrotlicommon.so.1": "freetype's dependency",
    "libz.so.1": "zlib: on every system",
    # GLib: Qt's event loop integrates with it; every desktop runs on it
    "libglib-2.0.so.0": "GLib",
    "libgthread-2.0.so.0": "GLib",
    "libpcre2-8.so.0": "GLib's dependency",
    # D-Bus: talks to the session bus of the system it runs on
    "libdbus-1.so.3": "D-Bus",
    "libsystemd.so.0": "libdbus's dependency",
    "libgcrypt.so.20": "libsystemd's dependency",
    "libgpg-error.so.0": "libgcrypt's dependency",
    "liblz4.so.1": "libsystemd's dependency",
    "libcap.so.2": "libsystemd's dependency",
    "libuuid.so.1": "util-linux: on every system",
}


# --------------------------------------------------------------------------------------------------- version
def read_version(pyproject: Path = REPO / "pyproject.toml") -> str:
    """The project's version, from `[project] version` (the one place it is written)."""
    with pyproject.open("rb") as fh:
        data = tomllib.load(fh)
    try:
        version = data["project"]["version"]
    except KeyError:
        raise ValueError(f"{pyproject} has no [project] version") from None
    if not isinstance(version, str) or not re.match(r"^\d+(\.\d+)*", version):
        raise ValueError(f"{pyproject}: version {version!r} does not start with numbers")
    return version


def numeric_version(version: str, parts: int = 4) -> tuple[int, ...]:
    """`1.2.3rc1` -> (1, 2, 3, 0): what Windows file versions and the macOS bundle version accept."""
    match = re.match(r"^\d+(?:\.\d+)*", version)
    if not match:
        raise ValueError(f"version {version!r} does not start with numbers")
    numbers = [int(n) for n in match.group(0).split(".")][:parts]
    return tuple(numbers + [0] * (parts - len(numbers)))


def installer_basename(version: str, system: str) -> str:
    """The file name (without extension for the archive) users download, per platform."""
    if system == "win32":
        return f"CareerVP-Setup-{version}"
    if system == "darwin":
        return f"CareerVP-{version}"
    return f"CareerVP-{version}-linux-x86_64"


# --------------------------------------------------------------------------------------------------- trimming
def _plugin_of(dest: str) -> tuple[str, str] | None:
    """('platforms', 'qxcb') for `PySide6/Qt/plugins/platforms/libqxcb.so` (any OS's layout), else None."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if not parts or parts[0] != "PySide6" or "plugins" not in parts:
        return None
    i = len(parts) - 1 - parts[::-1].index("plugins")
    if len(parts) - i < 3:  # a file directly in plugins/
        return None
    name = re.sub(r"\.(so(\.\d+)*|dll|dylib)$", "", parts[-1])
    return parts[i + 1], name.removeprefix("lib")


def keep_plugin(dest: str) -> bool:
    where = _plugin_of(dest)
    if where is None:
        return True
    folder, name = where
    if folder not in KEPT_PLUGINS or (dest.endswith(".so") and (folder, name) in LINUX_DROPPED_PLUGINS):
        return False
    names = KEPT_PLUGINS[folder]
    return names is None or name in names


# Qt's translations of its own standard buttons and dialogs for the UI languages CareerVP has (ui/i18n.py):
# qtbase_he.qm is 139 KB; every other .qm (~20 MB in all) goes.
KEPT_QT_TRANSLATIONS = frozenset({"qtbase_he.qm"})


def is_qt_translation(dest: str) -> bool:
    """Qt's own .qm files that are dropped: all but those of the app's UI languages (`KEPT_QT_TRANSLATIONS`),
    whose OK/Cancel/Save and file dialog text then follow the UI language; English needs none."""
    path = PurePosixPath(dest.replace("\\", "/"))
    return path.suffix == ".qm" and "translations" in path.parts and path.name not in KEPT_QT_TRANSLATIONS


def is_system_library(dest: str) -> bool:
    """A library in `SYSTEM_LIBRARIES` (by file name, wherever PyInstaller put it)."""
    return PurePosixPath(dest.replace("\\", "/")).name in SYSTEM_LIBRARIES


def is_dropped_rapidfuzz_build(dest: str) -> bool:
    """rapidfuzz builds the app does not need (8 MB); every rapidfuzz module imports its compiled build inside
    `contextlib.suppress(ImportError)` and falls back to the next one, down to pure Python.
    - the AVX2 copies (`fuzz_cpp_avx2`, `metrics_cpp_avx2`): the generic builds, kept, run the same on CareerVP's
      short strings (measured: ratio 0.42 µs both, partial_ratio 14.2 vs 13.1 µs);
    - `distance/metrics_cpp` (3 MB): the `rapidfuzz.distance` metrics (Levenshtein, Jaro...), which CareerVP
      never calls (it uses `fuzz.*` scorers and `process.extractOne`, compiled into `fuzz_cpp` and
      `process_cpp_impl`); `rapidfuzz.distance` then imports its pure-Python metrics, which nothing runs;
    - `utils_cpp` (0.2 MB): `utils.default_process` only, a string preprocessor CareerVP never passes (the scorers'
      `processor` defaults to None and `fuzz_cpp` does not import it); `rapidfuzz.utils` falls back to Python.
    Not `distance/_initialize_cpp`: `fuzz_cpp` imports it, without it every scorer drops to pure Python."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if path.parts[:1] != ("rapidfuzz",):
        return False
    return "_avx2." in path.name or path.name.startswith(("metrics_cpp", "utils_cpp"))


def is_unused_package_data(dest: str) -> bool:
    """python-docx's unpacked template source (1 MB): at run time it reads `templates/default.docx` and the
    `default-*.xml` parts only."""
    return dest.replace("\\", "/").startswith("docx/templates/default-docx-template/")


def keep_entry(dest: str) -> bool:
    """Whether a file PyInstaller collected belongs in the app."""
    return (
        keep_plugin(dest)
        and not is_qt_translation(dest)
        and not is_system_library(dest)
        and not is_dropped_rapidfuzz_build(dest)
        and not is_unused_package_data(dest)
    )


def trim(toc: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [entry for entry in toc if keep_entry(entry[0])]


# Members of base_library.zip every start-up reads: left stored (inflating costs time at each start).
BASE_LIBRARY_STARTUP_CODECS = frozenset({"encodings/__init__.pyc", "encodings/aliases.pyc", "encodings/utf_8.pyc"})


def is_cold_base_module(name: str) -> bool:
    """A `base_library.zip` member a start-up does not read: the ~110 codecs (cp1255, mac_roman, koi8_r...), which
    Python imports only when text in that encoding is decoded. Everything else in it (os, re, enum, collections,
    codecs...) is imported by every start."""
    return name.startswith("encodings/") and name not in BASE_LIBRARY_STARTUP_CODECS


def deflate_zip(src: Path, dst: Path, deflate: Callable[[str], bool] = is_cold_base_module) -> Path:
    """`src` rewritten into `dst` with the members `deflate` picks deflated (zlib level 9), the others stored;
    same names, dates, attributes and order.

    For PyInstaller's `base_library.zip` (the standard-library modules Python needs while it starts), which
    PyInstaller stores uncompressed (1.42 MB): its cold codecs deflated save 0.32 MB at no start-up cost. Deflating
    every member would save 0.82 MB but costs ~6 ms at each start (measured: the window shows 398 vs 388 ms,
    median of 10), because a start imports the other ~40 modules from it. zipimport inflates with `zlib`, which
    PyInstaller's archive reader has loaded by then."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w") as new:
        for info in old.infolist():
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.compress_type = zipfile.ZIP_DEFLATED if deflate(info.filename) else zipfile.ZIP_STORED
            copy.external_attr = info.external_attr
            new.writestr(copy, old.read(info), compresslevel=9)
    return dst


def is_dist_metadata(dest: str) -> bool:
    path = PurePosixPath(dest.replace("\\", "/"))
    return path.name == "METADATA" and len(path.parts) == 2 and path.parts[0].endswith(".dist-info")


def metadata_headers(text: str) -> str:
    """A `METADATA` file (email-header format) without its body, the long description (pydantic's alone is
    144 KB of changelog): `importlib.metadata` reads the headers (Name, Version, Requires-Dist...) only."""
    head, _sep, _body = text.replace("\r\n", "\n").partition("\n\n")
    return head.rstrip("\n") + "\n"


def slimmed_datas(datas: Sequence[tuple[str, str, str]], workdir: Path, system: str) -> list[tuple[str, str, str]]:
    """Data files replaced by smaller copies written under `workdir`: dist-info METADATA without the long
    description (every system) and, on Linux, `base_library.zip` with its cold codecs deflated."""
    out = []
    for dest, src, kind in datas:
        if is_dist_metadata(dest):
            slim = workdir / "metadata" / dest
            slim.parent.mkdir(parents=True, exist_ok=True)
            slim.write_text(metadata_headers(Path(src).read_text(encoding="utf-8")), encoding="utf-8")
            src = str(slim)
        elif dest == "base_library.zip" and system == "linux":
            src = str(deflate_zip(Path(src), workdir / "base_library.zip"))
        out.append((dest, src, kind))
    return out


def prune_unreferenced_libraries(
    toc: Sequence[tuple[str, str, str]], imports_of: dict[str, Sequence[str]]
) -> list[tuple[str, str, str]]:
    """Drop shared libraries nothing left in the bundle links to (those that only a dropped plugin needed).

    `imports_of[dest]` lists the library names each binary links to (DT_NEEDED). Roots are every binary that
    is not a plain shared library: Python extension modules, the kept Qt plugins, libpython. Linux only: there
    the collected libraries are all `lib*.so*`, and Qt's optional dlopen() targets (libGL, libEGL, libdbus) come
    from the system, not from the bundle (dbus is kept by name anyway).
    """

    def is_library(dest: str) -> bool:
        name = PurePosixPath(dest).name
        return (
            bool(re.match(r"^lib.*\.so(\.\d+)*$", name))
            and _plugin_of(dest) is None
            and not name.startswith(("libpython", "libdbus", "libshiboken", "libpyside"))
        )

    by_name: dict[str, list[str]] = {}
    for dest, _src, _kind in toc:
        by_name.setdefault(PurePosixPath(dest).name, []).append(dest)
    reached = {dest for dest, _src, _kind in toc if not is_library(dest)}
    todo = list(reached)
    while todo:
        for needed in imports_of.get(todo.pop(), ()):
            for dest in by_name.get(PurePosixPath(needed).name, ()):
                if dest not in reached:
                    reached.add(dest)
                    todo.append(dest)
    return [entry for entry in toc if entry[0] in reached]


# --------------------------------------------------------------------------------------------------- xcb check
# Debian/Ubuntu package of a library, where the soname rule in `apt_package` gets it wrong.
APT_PACKAGE_OF: dict[str, str] = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgcc_s.so.1": "libgcc-s1",
}


def ldd_not_found(ldd_output: str) -> list[str]:
    """The libraries `ldd` could not resolve (`libxcb-icccm.so.4 => not found`), in order, once each."""
    missing: list[str] = []
    for line in ldd_output.splitlines():
        name, arrow, where = line.strip().partition("=>")
        if arrow and where.strip() == "not found" and name.strip() not in missing:
            missing.append(name.strip())
    return missing


def apt_package(soname: str) -> str:
    """`libxcb-icccm.so.4` -> `libxcb-icccm4`, `libxkbcommon-x11.so.0` -> `libxkbcommon-x11-0` (Debian's rule:
    the soname's name, lower case, then its major version, after a hyphen when the name ends in a digit)."""
    if soname in APT_PACKAGE_OF:
        return APT_PACKAGE_OF[soname]
    match = re.match(r"^(.+?)\.so\.(\d+)", soname)
    if not match:
        return soname
    name, major = match.group(1).lower(), match.group(2)
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def xcb_warning(missing: Sequence[str]) -> str | None:
    """One line for the build log when Qt's X11 platform plugin links libraries neither the bundle nor the build
    machine has (PyInstaller collects them from the build machine; without them the bundle fails on X11 with
    Qt's 'could not load the Qt platform plugin "xcb"', while the offscreen self-test still passes)."""
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(apt_package(name) for name in missing))
    return (
        f"warning: Qt's xcb plugin needs {', '.join(missing)}, missing on this build machine, so the bundle lacks "
        f"them and will not start on X11: sudo apt-get install {packages}, then build again"
    )


# --------------------------------------------------------------------------------------------------- platforms
def mac_info_plist(version: str) -> dict[str, object]:
    """Info.plist keys beyond what PyInstaller's BUNDLE writes."""
    short = ".".join(str(n) for n in numeric_version(version, 3))
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleShortVersionString": short,
        "CFBundleVersion": short,
        "CFBundleDevelopmentRegion": "en",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follows dark mode
        "LSMinimumSystemVersion": "12.0",
        "LSApplicationCategoryType": "public.app-category.productivity",
        "NSHumanReadableCopyright": f"© {PUBLISHER}",
    }


def windows_version_info(version: str) -> str:
    """The text of a PyInstaller version resource (Explorer's Details tab; Windows Defender likes one)."""
    numbers = numeric_version(version, 4)
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', '{PUBLISHER}'),
      StringStruct('FileDescription', '{APP_NAME}'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', '{APP_NAME}'),
      StringStruct('OriginalFilename', '{APP_NAME}.exe'),
      StringStruct('ProductName', '{APP_NAME}'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def current_system() -> str:
    return "win32" if sys.platform == "win32" else "darwin" if sys.platform == "darwin" else "linux"
