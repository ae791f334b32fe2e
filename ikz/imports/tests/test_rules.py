"""Reading files (ikz.lib.tables_in) and the pure rules of an import, without a database."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from ikz.imports import rules
from ikz.lib.exports import Table, to_csv, to_xlsx
from ikz.lib.tables_in import (
    Column,
    TableError,
    parse_date,
    parse_decimal,
    parse_flag,
    read_table,
    records,
    separator,
)

COLUMNS = (Column("AGS"), Column("Kommune", required=False), Column("Jahr"), Column("Fälle"))


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_csv_the_german_way_with_bom_semicolon_and_row_numbers() -> None:
    data = "\ufeffAGS;Kommune;Jahr;Fälle\r\n06433010;Raunheim, Stadt;2023;1.250\r\n\r\n06433007;Kelsterbach;2023;12,5\r\n"
    found = records(read_table("f.csv", data.encode("utf-8")), COLUMNS)
    assert found.rows[0] == {
        "AGS": "06433010",
        "Kommune": "Raunheim, Stadt",
        "Jahr": "2023",
        "Fälle": "1.250",
    }
    assert found.numbers == [2, 4]  # the empty line 3 is skipped, numbers stay as in the file
    assert (found.missing, found.unknown) == ([], [])


def test_windows_1252_and_comma_or_tab_separators_are_detected() -> None:
    data = "ags,Kommune,JAHR , fälle\n06433010,Groß-Gerau,2023,5\n".encode("cp1252")
    found = records(read_table("f.csv", data), COLUMNS)
    assert found.rows[0]["Kommune"] == "Groß-Gerau"
    assert found.rows[0]["Fälle"] == "5"
    assert separator("a\tb\tc") == "\t"
    assert separator("a;b,c") == ";"


def test_missing_and_unknown_columns_are_named() -> None:
    found = records(read_table("f.csv", b"AGS;Jahre;Faelle\n1;2;3\n"), COLUMNS)
    assert found.missing == ["Jahr", "Fälle"]
    assert found.unknown == ["Jahre", "Faelle"]
    problems = rules.header_problems(found.missing, found.unknown, found.header_row)
    assert problems[0].text() == "Zeile 1, Spalte „Jahr“: Diese Pflichtspalte fehlt in der Kopfzeile."


def test_xlsx_cells_read_as_the_csv_export_writes_them() -> None:
    data = _xlsx([["AGS", "Jahr", "Fälle", "Stichtag"], ["06433010", 2023, 12.5, dt.datetime(2024, 1, 31)]])
    found = records(read_table("x.xlsx", data), (*COLUMNS, Column("Stichtag")))
    assert found.rows[0] | {} == {
        "AGS": "06433010",
        "Kommune": "",
        "Jahr": "2023",
        "Fälle": "12,5",
        "Stichtag": "2024-01-31",
    }


def test_an_export_with_title_subtitle_and_notes_reads_back() -> None:
    table = Table(
        title="Fallzahlen",
        subtitle="Vergabestelle",
        columns=["AGS", "Kommune", "Jahr", "Fälle"],
        rows=[["06433010", "=Raunheim", 2023, Decimal("12.5")], ["06433007", "Kelsterbach", 2024, 7]],
        notes=["Quelle: Fachverfahren", "zweite Anmerkung"],
    )
    for name, data in (("e.xlsx", to_xlsx(table)), ("e.csv", to_csv(table))):
        found = records(read_table(name, data), COLUMNS)
        assert [r["Kommune"] for r in found.rows] == ["=Raunheim", "Kelsterbach"], name
        assert [r["Fälle"] for r in found.rows] == ["12,5", "7"], name


def test_unreadable_files_are_refused_in_german() -> None:
    with pytest.raises(TableError, match="keine lesbare Excel"):
        read_table("x.xlsx", b"PK\x03\x04kaputt")
    with pytest.raises(TableError, match=r"\.xls"):
        read_table("alt.xls", b"\xd0\xcf\x11\xe0")
    with pytest.raises(TableError, match="leer"):
        read_table("x.csv", b"")
    with pytest.raises(TableError, match=r"\(\.xlsx\) oder eine CSV"):
        read_table("bild.png", b"\x89PNG")
    with pytest.raises(TableError, match="Blatt „Fehlt“"):
        read_table("x.xlsx", _xlsx([["AGS"]]), sheet="Fehlt")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.250", Decimal(1250)),
        ("12,5", Decimal("12.5")),
        ("1.234,56", Decimal("1234.56")),
        ("7.5", Decimal("7.5")),
        ("1 000", Decimal(1000)),
    ],
)
def test_german_numbers(text: str, value: Decimal) -> None:
    assert parse_decimal(text) == value


def test_unreadable_values() -> None:
    for bad in ("", "zwölf", "1,2,3", "NaN"):
        with pytest.raises(ValueError):
            parse_decimal(bad)
    assert parse_date("31.01.2024") == parse_date("2024-01-31") == dt.date(2024, 1, 31)
    with pytest.raises(ValueError):
        parse_date("31.02.2024")
    assert (parse_flag("x"), parse_flag(""), parse_flag("vielleicht")) == (True, False, None)


def test_duplicates_counts_and_stale_entries() -> None:
    a = rules.Entry(2, rules.CREATE, "A", "k1", "new:1", "")
    b = rules.Entry(3, rules.CHANGE, "B", "k2", "x:5", "10.00")
    c = rules.Entry(9, rules.UNCHANGED, "C", "k1")
    assert [p.text() for p in rules.duplicates([a, b, c])] == [
        "Zeile 9: Dieselbe Angabe steht bereits in Zeile 2 (k1)."
    ]
    assert rules.duplicates([b], {"k2": 1})[0].row == 3
    assert rules.counts([a, b, c]) == {"create": 1, "change": 1, "unchanged": 1}
    assert rules.stale([a, b], {"x:5": "10.00"}) == []
    assert rules.stale([a, b], {"x:5": "11.00", "new:1": "3.00"}) == [a, b]
    assert rules.Entry.from_json(b.as_json()) == b
    assert (rules.progress(250, 1000), rules.progress(0, 0)) == (25, 100)
