"""Tables as downloads: CSV, XLSX and PDF from one description, so every export says the same.

A :class:`Table` is what a page shows: a title, column headings, rows, and the notes below the
table (legend, footnotes, sources). Text that a spreadsheet would run as a formula (it begins
with ``=``, ``+``, ``-`` or ``@``, or a tab or carriage return) is neutralised with a leading
apostrophe in CSV and XLSX (OWASP "CSV injection"). Numbers stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify

Cell = str | int | float | Decimal | dt.date | None

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)
    subtitle: str = ""


def neutralise(value: Cell) -> Cell:
    """Text that a spreadsheet would evaluate is prefixed with an apostrophe; the rest unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float | Decimal):
        return f"{value:,}".replace(",", "\u202f").replace(".", ",")
    return str(value)


def to_csv(table: Table) -> bytes:
    """UTF-8 with BOM and semicolons, as German spreadsheet programs expect it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in table.columns])
    for row in table.rows:
        writer.writerow(
            [neutralise(c) if isinstance(c, str) else "" if c is None else _csv_value(c) for c in row]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(value: Cell) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace(".", ",") if isinstance(value, float | Decimal) else str(value)


def to_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _sheet_title(table.title)
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    start = 2
    if table.subtitle:
        sheet.append([neutralise(table.subtitle)])
        start += 1
    sheet.append([neutralise(c) for c in table.columns])
    header_row = start
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        sheet.append([neutralise(c) for c in row])
    for row in sheet.iter_rows(min_row=header_row):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            elif isinstance(cell.value, dt.date):
                cell.number_format = "DD.MM.YYYY"
    if table.notes:
        sheet.append([])
        for note in table.notes:
            sheet.append([neutralise(note)])
            sheet.cell(row=sheet.max_row, column=1).data_type = "s"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    _print_setup(workbook, sheet, table.title, header_row)
    for index, heading in enumerate(table.columns, start=1):
        width = max([len(str(heading))] + [len(_text(r[index - 1])) for r in table.rows if len(r) >= index])
        sheet.column_dimensions[sheet.cell(row=header_row, column=index).column_letter].width = min(
            max(width + 2, 6), 60
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _print_setup(workbook: Any, sheet: Any, title: str, header_row: int) -> None:
    """A4 landscape, as wide as the page (as many pages down as it takes), the title and heading
    rows on every printed page; the workbook's title and language say what it is."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{header_row}"
    workbook.properties.title = title
    workbook.properties.language = "de-DE"


def _sheet_title(title: str) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\")
    return cleaned[:31] or "Tabelle"


def to_pdf(table: Table, *, landscape: bool = True) -> bytes:
    """A4 (landscape by default) with the heading row repeated on every page, notes below."""
    from fpdf.fonts import FontFace

    from ikz.lib.pdfdoc import new_pdf

    pdf = new_pdf(table.title, landscape=landscape, margin=12)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 13)
    with pdf.tagged("H1"):
        pdf.multi_cell(0, 7, table.title, new_x="LMARGIN", new_y="NEXT")
    if table.subtitle:
        pdf.set_font("DejaVu", "", 9)
        with pdf.tagged("P"):
            pdf.multi_cell(0, 5, table.subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    size = 8 if len(table.columns) <= 10 else 6.5
    pdf.set_font("DejaVu", "", size)
    widths = _column_widths(table, pdf.epw)
    with pdf.table(
        col_widths=widths,
        width=pdf.epw,
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        line_height=size * 0.55,
        repeat_headings=1,
        text_align="LEFT",
    ) as pdf_table:
        heading = pdf_table.row()
        for column in table.columns:
            heading.cell(column)
        for row in table.rows:
            pdf_row = pdf_table.row()
            for value in row:
                pdf_row.cell(_text(value))
    if table.notes:
        pdf.ln(3)
        pdf.set_font("DejaVu", "", 8)
        for note in table.notes:
            with pdf.tagged("P"):
                pdf.multi_cell(0, 4.2, note, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _column_widths(table: Table, total: float) -> tuple[float, ...]:
    """The first column (the row label) gets more room; the rest share equally."""
    n = len(table.columns)
    if n == 1:
        return (total,)
    first = min(total * 0.3, max(total / n, 45.0))
    rest = (total - first) / (n - 1)
    return (first, *([rest] * (n - 1)))


def download(table: Table, fmt: str, filename: str | None = None) -> HttpResponse:
    """The table as a file in ``fmt`` (csv, xlsx, pdf); an unknown format is a 404 for the caller."""
    renderers: dict[str, Callable[[Table], bytes]] = {
        "csv": to_csv,
        "xlsx": to_xlsx,
        "pdf": lambda t: to_pdf(t),
    }
    response = HttpResponse(renderers[fmt](table), content_type=FORMATS[fmt])
    response["Content-Disposition"] = attachment(filename or table.title, fmt)
    return response


_GERMAN = str.maketrans(
    {"ß": "ss", "ẞ": "SS", "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)
_NOT_IN_NAMES = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def file_slug(text: str) -> str:
    """A file name in ASCII that keeps places apart: umlauts and ß spelled out before slugifying,
    "Groß-Gerau, Stadt" → "gross-gerau-stadt", "Kreis Groß-Gerau" → "kreis-gross-gerau"
    (decision 178)."""
    return slugify(unicodedata.normalize("NFC", text).translate(_GERMAN))


def attachment(name: str, extension: str, *, fallback: str = "export") -> str:
    """The ``Content-Disposition`` of a download: the ASCII name (:func:`file_slug`) for every
    client, and the name as written, UTF-8 (RFC 6266 ``filename*``), which browsers prefer."""
    slug = file_slug(name)[:100].strip("-") or fallback
    value = f'attachment; filename="{slug}.{extension}"'
    readable = " ".join(_NOT_IN_NAMES.sub("-", unicodedata.normalize("NFC", name)).split())[:150].strip(" .")
    if readable and readable != slug:
        value += f"; filename*=UTF-8''{quote(f'{readable}.{extension}', safe='')}"
    return value


def requested_format(request: HttpRequest) -> str | None:
    """``?format=xlsx|csv|pdf`` of a page that also downloads; None for the page itself.

    An unknown format is a 404 (Http404), not a silent fallback to the page."""
    fmt = request.GET.get("format")
    if fmt is not None and fmt not in FORMATS:
        from django.http import Http404

        raise Http404
    return fmt
