"""A smaller ICU data library for the Linux bundle: the 31 MB `libicudata.so.73` cut to what CareerVP can use.

PySide6's Qt on Linux links its own ICU (libicuuc/libicui18n/libicudata 73). `libicudata` is nothing but one
exported symbol, `icudt73_dat`: an ICU "common data" package (a table of contents, then ~3900 items). Qt Core
calls ICU for four things only (its undefined ICU symbols, checked with `nm -D`): collation (`ucol_*`: QCollator,
locale-aware sorting in file dialogs), locale case mapping (`u_strToUpper/Lower`; the casing tables themselves
are compiled into libicuuc), time-zone display names (`ucal_*`) and legacy text codecs (`ucnv_*`:
QStringConverter for non-Unicode encodings). Qt's QLocale data (dates, numbers), Unicode properties, bidi and
line breaking are Qt's own and do not read ICU data. The Python side never touches ICU.

So the package keeps what those four read: collation (`coll/`: the UCA base, root, English, Hebrew), time-zone
rules and names (`zoneinfo64`, `metaZones`, `timezoneTypes`, `zone/` and `region/` for the names' fallback
forms), calendar and locale data of root, English and Hebrew (`iw` is Hebrew's old code), the supplemental and
locale-alias tables ICU consults on any locale lookup (`supplementalData`, `likelySubtags`, `metadata`,
`keyTypeData`...), normalisation, the converter alias table and the single-byte code pages (Windows-125x,
ISO-8859-x, KOI8...: 2-6 KB each). It drops other locales' data (their users get root collation and English zone
names), multi-byte CJK code pages, and the services Qt never calls: break iteration and its dictionaries
(`brkitr/`), transliteration, number spell-out (`rbnf/`), currency/language/unit display names (`curr/`, `lang/`,
`unit/`: Qt has its own CLDR tables), StringPrep and IDNA (`*.spp`, `uts46.nrm`: Qt has its own punycode), locale
matching (`langInfo`), character names and confusables.
A locale that is missing falls back to root inside ICU: no error.

The trimmed package is written with the standard library and linked into a data-only shared library with the
same soname and symbol by the C compiler (`cc`, an `.incbin` in an assembler file): nothing ICU-specific to
install. Standard library only; loaded by file path like `spec_support.py`.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

KEPT_LOCALES = ("root", "en", "he", "iw")
# Trees whose items are per-locale resource bundles (plus a few shared files, kept).
LOCALE_TREES = ("", "coll/", "region/", "zone/")
DROPPED_TREES = ("translit/", "brkitr/", "rbnf/", "curr/", "lang/", "unit/")  # services Qt never calls
DROPPED_ITEMS = frozenset({"unames.icu", "confusables.cfu", "uts46.nrm", "langInfo.res"})
DROPPED_SUFFIXES = (".spp", ".dict")  # StringPrep profiles; break-iterator dictionaries
ALIGN = 16


class CommonData(NamedTuple):  # not a dataclass: this module is loaded by path, without a sys.modules entry
    """An ICU common-data package: the header (copied verbatim) and its items, in table-of-contents order."""

    header: bytes
    items: list[tuple[str, bytes]]


# --------------------------------------------------------------------------------------------------- format
def read_common_data(data: bytes) -> CommonData:
    """Parse a little-endian `CmnD` package (what `icupkg` writes and `libicudata` embeds)."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27):
        raise ValueError("not ICU data: bad magic")
    if data[8] != 0:
        raise ValueError("big-endian ICU data is not supported")
    if data[12:16] != b"CmnD":
        raise ValueError(f"not an ICU common-data package: format {data[12:16]!r}")
    toc = header_size
    (count,) = struct.unpack_from("<I", data, toc)
    entries = [struct.unpack_from("<II", data, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(entries):
        end_name = data.index(b"\0", toc + name_off)
        name = data[toc + name_off : end_name].decode("ascii")
        end = toc + entries[i + 1][1] if i + 1 < count else len(data)
        items.append((name, data[toc + data_off : end]))
    return CommonData(data[:header_size], items)


def _pad(n: int) -> int:
    return -n % ALIGN


def write_common_data(package: CommonData) -> bytes:
    """The package as bytes: header, table of contents (names sorted, ICU looks items up by binary search),
    names, then each item aligned to 16 bytes."""
    items = sorted(package.items, key=lambda item: item[0].encode("ascii"))
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    offset = toc_size + len(names)
    offset += _pad(offset)
    entries, name_off, blobs = [], toc_size, []
    for name, blob in items:
        entries.append((name_off, offset))
        name_off += len(name) + 1
        blobs.append(blob + b"\xaa" * _pad(len(blob)))
        offset += len(blobs[-1])
    toc = struct.pack("<I", len(items)) + b"".join(struct.pack("<II", *e) for e in entries) + names
    return package.header + toc + b"\xaa" * _pad(len(toc)) + b"".join(blobs)


# --------------------------------------------------------------------------------------------------- policy
def _is_locale_bundle(base: str) -> bool:
    """`he_IL`, `zh_Hant_TW`, `root` are locales; `supplementalData`, `pool`, `res_index` are not."""
    if base in ("pool", "res_index"):
        return False
    return base == "root" or re.fullmatch(r"[a-z]{2,3}(_[A-Za-z0-9]*)*", base) is not None


def _single_byte_converter(blob: bytes) -> bool:
    """A `.cnv` whose UConverterStaticData says at most one byte per character (after its own data header)."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    # structSize int32, name char[60], codepage int32, platform, conversionType, minBytesPerChar, maxBytesPerChar
    return len(blob) > header_size + 71 and blob[header_size + 71] == 1


def keep_item(name: str, blob: bytes) -> bool:
    """Whether an item (its name without the `icudt73l/` prefix) stays in the trimmed package."""
    if name in DROPPED_ITEMS or name.startswith(DROPPED_TREES):
        return False
    if name.endswith(".cnv"):
        return _single_byte_converter(blob)
    if name.endswith(DROPPED_SUFFIXES):
        return False
    tree, _, file = name.rpartition("/")
    tree = tree + "/" if tree else ""
    if tree in LOCALE_TREES and file.endswith(".res"):
        base = file.removesuffix(".res")
        if _is_locale_bundle(base):
            return base.split("_")[0] in KEPT_LOCALES
    return True


def trim(package: CommonData, keep: Callable[[str, bytes], bool] = keep_item) -> CommonData:
    kept = [(name, blob) for name, blob in package.items if keep(name.partition("/")[2] or name, blob)]
    return CommonData(package.header, kept)


# --------------------------------------------------------------------------------------------------- ELF
def find_data_symbol(library: bytes) -> tuple[str, bytes]:
    """The `icudtNN_dat` symbol of a little-endian ELF64 `libicudata`: its name and its bytes."""
    if library[:4] != b"\x7fELF" or library[4] != 2 or library[5] != 1:
        raise ValueError("not a little-endian 64-bit ELF file")
    shoff = struct.unpack_from("<Q", library, 0x28)[0]
    shentsize, shnum = struct.unpack_from("<HH", library, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", library, shoff + i * shentsize) for i in range(shnum)]
    for _name, sh_type, _flags, _addr, sym_off, sym_size, link, _info, _align, entsize in sections:
        if sh_type != 11:  # SHT_DYNSYM
            continue
        str_off = sections[link][4]
        for i in range(sym_size // entsize):
            st_name, _st_info, _st_other, shndx, value, size = struct.unpack_from(
                "<IBBHQQ", library, sym_off + i * entsize
            )
            end = library.index(b"\0", str_off + st_name)
            symbol = library[str_off + st_name : end].decode("ascii")
            if re.fullmatch(r"icudt\d+_dat", symbol):
                section = sections[shndx]
                start = section[4] + value - section[3]
                return symbol, library[start : start + size]
    raise ValueError("no icudtNN_dat symbol: not an ICU data library")


def link_data_library(data: bytes, symbol: str, soname: str, out: Path, cc: str | None = None) -> Path:
    """A shared library exporting `symbol` = `data`, nothing else (what ICU's own build makes of a .dat)."""
    compiler = cc or shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        raise RuntimeError("no C compiler (cc/gcc) to link the trimmed ICU data library")
    with tempfile.TemporaryDirectory() as tmp:
        dat = Path(tmp) / "icudata.dat"
        dat.write_bytes(data)
        asm = Path(tmp) / "icudata.S"
        asm.write_text(
            f"""    .section .rodata
    .globl {symbol}
    .type {symbol}, @object
    .balign 16
{symbol}:
    .incbin "{dat}"
    .size {symbol}, . - {symbol}
    .section .note.GNU-stack,"",@progbits
""",
            encoding="ascii",
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [compiler, "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-Wl,-z,noexecstack", "-o", str(out), str(asm)],
            check=True,
        )
    return out


def trimmed_library(original: Path, out_dir: Path) -> tuple[Path, int, int]:
    """Write the trimmed `libicudata` next to nothing else in `out_dir`; returns (path, items before, after)."""
    symbol, data = find_data_symbol(original.read_bytes())
    package = read_common_data(data)
    kept = trim(package)
    out = link_data_library(write_common_data(kept), symbol, original.name, out_dir / original.name)
    return out, len(package.items), len(kept.items)
