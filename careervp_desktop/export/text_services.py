"""Qt's locale services that read ICU data on Linux: checked by `careervp --selftest`, because the frozen app
ships a trimmed ICU data library. Lives in the export layer (the one that uses Qt's text and fonts) so the
self-test itself stays free of Qt imports."""

from __future__ import annotations


def text_service_problems() -> list[str]:
    """Hebrew collation puts Hebrew before Latin (only `he` collation data does that; root puts Latin first),
    English collation ignores case, Turkish upper-casing maps i to İ, the Hebrew code page opens, dates are written
    in Hebrew and English, and Jerusalem's time zone has its English name. Returns what failed (empty: all good)."""
    from PySide6.QtCore import QCollator, QDate, QLocale, QStringDecoder, Qt, QTimeZone

    problems: list[str] = []

    def expect(what: str, got: object, wanted: object) -> None:
        if got != wanted:
            problems.append(f"{what} gave {got!r}, expected {wanted!r}")

    hebrew = QCollator(QLocale("he_IL"))
    expect(
        "Hebrew sort order", sorted(["Zed", "תמר", "adam", "אבי"], key=hebrew.sortKey), ["אבי", "תמר", "adam", "Zed"]
    )
    english = QCollator(QLocale("en_US"))
    english.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    expect("case-insensitive comparison", english.compare("Résumé", "RÉSUMÉ"), 0)
    expect("Turkish upper case", QLocale("tr_TR").toUpper("istanbul"), "İSTANBUL")
    expect("German upper case", QLocale("en_US").toUpper("straße"), "STRASSE")
    expect("windows-1255 decoder", QStringDecoder("windows-1255").isValid(), True)
    date = QDate(2024, 3, 1)
    expect("Hebrew date", "מרץ" in QLocale("he_IL").toString(date, QLocale.FormatType.LongFormat), True)
    expect("English date", "March" in QLocale("en_US").toString(date, QLocale.FormatType.LongFormat), True)
    zone = QTimeZone(b"Asia/Jerusalem")
    if zone.isValid():  # needs the system's time-zone database
        name = zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("en_US"))
        expect("Jerusalem time-zone name", "Israel" in name, True)
    return problems
