"""The trimmed ICU data library of the Linux bundle (`packaging/icu_data.py`): the package format round-trips
byte for byte, the policy keeps what Qt reads for English and Hebrew, and the linked library exports the symbol."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("careervp_test_icu_data", PACKAGING / "icu_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


icu = _load()


def _pyside_icudata() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 has no bundled ICU (only the Linux wheels do)")
    return found[0]


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("root.res", True),
        ("en.res", True),
        ("en_GB.res", True),
        ("he.res", True),
        ("he_IL.res", True),
        ("iw_IL.res", True),  # Hebrew's old code, an alias
        ("de.res", False),
        ("zh_Hant_TW.res", False),
        ("coll/root.res", True),
        ("coll/he.res", True),
        ("coll/zh.res", False),
        ("coll/de_.res", False),  # an alias bundle of a dropped locale
        ("coll/ucadata.icu", True),
        ("coll/res_index.res", True),
        ("zone/en.res", True),
        ("zone/fr.res", False),
        ("pool.res", True),
        ("res_index.res", True),
        ("supplementalData.res", True),
        ("zoneinfo64.res", True),
        ("metaZones.res", True),
        ("likelySubtags.res", True),
        ("nfkc.nrm", True),
        ("brkitr/line.brk", False),
        ("curr/en.res", False),
        ("region/he.res", True),
        ("rfc3491.spp", False),
        ("keyTypeData.res", True),
        ("brkitr/cjdict.dict", False),
        ("translit/root.res", False),
        ("unames.icu", False),
    ],
)
def test_what_the_trimmed_package_keeps(name: str, kept: bool) -> None:
    assert icu.keep_item(name, b"") is kept


def _cnv(max_bytes_per_char: int) -> bytes:
    header = b"\x20\x00\xda\x27" + b"\0" * 28  # headerSize 32
    static = bytearray(100)
    static[71] = max_bytes_per_char
    return header + bytes(static)


def test_only_single_byte_code_pages_stay() -> None:
    assert icu.keep_item("ibm-5351_P100-1998.cnv", _cnv(1))  # windows-1255, Hebrew
    assert not icu.keep_item("gb18030.cnv", _cnv(4))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundles ICU")
def test_the_real_package_round_trips_and_trims(tmp_path: Path) -> None:
    library = _pyside_icudata()
    symbol, data = icu.find_data_symbol(library.read_bytes())
    assert symbol.startswith("icudt") and symbol.endswith("_dat")
    package = icu.read_common_data(data)
    assert icu.write_common_data(package) == data  # the same layout icupkg writes
    small = icu.trim(package)
    names = {name.partition("/")[2] for name, _ in small.items}
    assert {"coll/he.res", "coll/en.res", "coll/root.res", "coll/ucadata.icu", "zone/en.res", "pool.res"} <= names
    assert "ibm-5351_P100-1998.cnv" in names and "cnvalias.icu" in names  # windows-1255 and the alias table
    assert not any(n.startswith("coll/zh") or n.endswith(".dict") for n in names)
    again = icu.read_common_data(icu.write_common_data(small))
    assert again.items == sorted(small.items, key=lambda item: item[0].encode())
    assert len(icu.write_common_data(small)) < len(data) // 4

    if shutil.which("cc") is None and shutil.which("gcc") is None:
        pytest.skip("no C compiler to link the library")
    out, before, after = icu.trimmed_library(library, tmp_path)
    assert before == len(package.items) and after == len(small.items)
    assert out.name == library.name
    symbol_again, data_again = icu.find_data_symbol(out.read_bytes())
    assert symbol_again == symbol
    assert data_again == icu.write_common_data(small)
