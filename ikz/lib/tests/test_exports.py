"""Exports: what a spreadsheet or PDF reader gets is what the page shows, and no formula runs."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import load_workbook

from ikz.lib.exports import Table, download, neutralise, to_csv, to_pdf, to_xlsx

TABLE = Table(
    title="Interessenbekundungen 2013",
    subtitle="Region IKZ Kreis Groß-Gerau – Stand 30.06.2013",
    columns=["Kooperationsfeld", "AGS", "Anzahl"],
    rows=[
        ["Personalmanagement", "06433010", 12],
        ['=HYPERLINK("http://example.org")', "06433007", 11],
        ["-1+2", None, 0],
        ["@SUM(A1)", "06433", 4],
        ["Brand-, Zivil- und Katastrophenschutz – „Test“", "06433012", 7],
    ],
    notes=["+ = IT-Projekte (Arbeitskreis DV)", "Quelle: Seed 003"],
)


def test_neutralise_only_touches_text_that_would_be_a_formula() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+49 6142") == "'+49 6142"
    assert neutralise("-") == "'-"
    assert neutralise("@x") == "'@x"
    assert neutralise("Raunheim") == "Raunheim"
    assert neutralise(-5) == -5
    assert neutralise(None) is None


def test_xlsx_holds_the_numbers_and_no_formula() -> None:
    sheet = load_workbook(io.BytesIO(to_xlsx(TABLE))).active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "Interessenbekundungen 2013"
    header = values.index(["Kooperationsfeld", "AGS", "Anzahl"])
    body = values[header + 1 : header + 6]
    assert [r[2] for r in body] == [12, 11, 0, 4, 7]
    assert [r[1] for r in body] == ["06433010", "06433007", None, "06433", "06433012"]  # keys stay text
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"Formel in {cell.coordinate}: {cell.value}"
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
    assert body[1][0] == '\'=HYPERLINK("http://example.org")'
    assert [values[-2][0]] != ["+ = IT-Projekte (Arbeitskreis DV)"]  # the note is neutralised too
    assert values[-2][0] == "'+ = IT-Projekte (Arbeitskreis DV)"


def test_csv_is_utf8_with_semicolons_and_neutralised() -> None:
    raw = to_csv(TABLE)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Kooperationsfeld", "AGS", "Anzahl"]
    assert rows[1] == ["Personalmanagement", "06433010", "12"]
    assert rows[3][0] == "'-1+2" and rows[4][0] == "'@SUM(A1)"
    assert rows[5][0] == "Brand-, Zivil- und Katastrophenschutz – „Test“"


def test_pdf_is_a4_landscape_with_the_text() -> None:
    from fpdf import FPDF  # noqa: F401 - the dependency is there

    data = to_pdf(TABLE)
    assert data.startswith(b"%PDF-")
    assert b"/MediaBox [0 0 841.89 595.28]" in data or b"/MediaBox [0 0 841.89 595.28 ]" in data


def test_download_names_the_file() -> None:
    response = download(TABLE, "xlsx")
    assert response["Content-Disposition"] == (
        'attachment; filename="interessenbekundungen-2013.xlsx"; '
        "filename*=UTF-8''Interessenbekundungen%202013.xlsx"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_dates_are_real_dates_in_xlsx() -> None:
    table = Table(
        title="Beschlüsse", columns=["Kommune", "Datum"], rows=[["Raunheim", dt.date(2013, 10, 24)]]
    )
    sheet = load_workbook(io.BytesIO(to_xlsx(table))).active
    assert sheet is not None
    assert sheet["B3"].value == dt.datetime(2013, 10, 24)
    assert sheet["B3"].number_format == "DD.MM.YYYY"
