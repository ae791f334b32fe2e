"""Tables from uploaded files: XLSX and CSV the German way, as rows of text with their row numbers.

The counterpart of :mod:`ikz.lib.exports`. A file becomes a :class:`RawTable` (every cell as text,
each row with the number Excel shows for it); :func:`records` then finds the header row, matches it
to the columns an import expects (case and spacing do not matter) and returns one dict per row.

- XLSX: the first sheet or a named one; dates become ``JJJJ-MM-TT``, whole numbers ``12``, other
  numbers ``12,5`` (German decimal comma), so a cell reads the same as in the CSV export.
- CSV: UTF-8 with or without BOM, else Windows-1252; separator ``;`` unless the header line holds
  more ``,`` or tabs. A leading apostrophe (the exports' protection against formulas) is removed.
- The title and subtitle rows above the header and the notes below the table (legend, sources),
  as :func:`ikz.lib.exports.to_xlsx` writes them, are skipped, so an export imports back.

Errors are :class:`TableError` with a German message (for the file field of the upload form).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.functional import Promise

MAX_ROWS = 100_000
HEADER_SEARCH = 10  # the header is one of the first ten non-empty rows
_SEPARATORS = (";", ",", "\t")


class TableError(ValueError):
    """The file itself cannot be read (German message)."""


@dataclass(frozen=True)
class Column:
    """A column an import expects: its heading, whether it must be present, a hint for the template."""

    name: str
    required: bool = True
    help: str | Promise = ""


@dataclass
class RawTable:
    rows: list[tuple[int, list[str]]]  # (row number as Excel shows it, cells as text)


@dataclass
class Records:
    """The rows of a table under the matched header."""

    header: list[str]  # the headings as the file spells them
    rows: list[dict[str, str]]  # column name (as the import spells it, or the file's for extras) → text
    numbers: list[int]  # the row number of each row
    header_row: int = 0
    unknown: list[str] = field(default_factory=list)  # headings the import does not know
    missing: list[str] = field(default_factory=list)  # required columns not found


def normalise(heading: str) -> str:
    """Headings compare without case, surrounding or doubled spaces and a trailing ``*``."""
    return " ".join(heading.replace("\u00a0", " ").split()).rstrip("*").strip().casefold()


# --- reading ------------------------------------------------------------------------------------


def read_table(filename: str, data: bytes, *, sheet: str | None = None) -> RawTable:
    """The cells of an XLSX or CSV file (by its name or, failing that, its first bytes)."""
    name = filename.lower()
    if not data:
        raise TableError("Die Datei ist leer.")
    if name.endswith(".xls") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            "Das alte Excel-Format (.xls) kann nicht gelesen werden. Bitte speichern Sie die Datei "
            "als Excel-Arbeitsmappe (.xlsx) oder als CSV."
        )
    if name.endswith((".xlsx", ".xlsm")) or data.startswith(b"PK\x03\x04"):
        table = _read_xlsx(data, sheet)
    elif name.endswith((".csv", ".txt")) or not name.rpartition(".")[1]:
        table = _read_csv(data)
    else:
        raise TableError("Bitte laden Sie eine Excel-Arbeitsmappe (.xlsx) oder eine CSV-Datei hoch.")
    if len(table.rows) > MAX_ROWS:
        raise TableError(
            f"Die Datei hat mehr als {MAX_ROWS:,} Zeilen. Bitte teilen Sie sie auf.".replace(",", ".")
        )
    return table


def _read_xlsx(data: bytes, sheet: str | None) -> RawTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError("Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx).") from exc
    try:
        if sheet:
            if sheet not in workbook.sheetnames:
                raise TableError(
                    f"Die Arbeitsmappe hat kein Blatt „{sheet}“; vorhanden: {', '.join(workbook.sheetnames)}."
                )
            worksheet = workbook[sheet]
        else:
            worksheet = workbook.worksheets[0]
        rows = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            rows.append((number, cells))
            if len(rows) > MAX_ROWS + HEADER_SEARCH:
                break
    finally:
        workbook.close()
    return RawTable(rows)


def cell_text(value: object) -> str:
    """An XLSX cell as the CSV export would write it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return _unprotect(str(value).strip())


def _unprotect(text: str) -> str:
    """The exports put an apostrophe before text a spreadsheet would evaluate; take it away."""
    if text.startswith("'") and len(text) > 1 and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def separator(first_line: str) -> str:
    """``;`` unless the header line holds more commas or tabs."""
    counts = {sep: first_line.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] > counts[";"] else ";"


def _read_csv(data: bytes) -> RawTable:
    if b"\x00" in data[:4096]:
        raise TableError("Die Datei ist keine Textdatei (CSV); bitte als CSV oder XLSX speichern.")
    text = decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(first))
    rows = []
    line = 1
    try:
        for cells in reader:
            rows.append((line, [_unprotect(c.strip()) for c in cells]))
            line = reader.line_num + 1
            if len(rows) > MAX_ROWS + HEADER_SEARCH:
                break
    except csv.Error as exc:
        raise TableError(f"Die CSV-Datei ist in Zeile {line} nicht lesbar: {exc}") from exc
    return RawTable(rows)


# --- the header and the rows ------------------------------------------------------------------


def _matches(cells: Sequence[str], wanted: dict[str, str]) -> int:
    return sum(1 for c in cells if normalise(c) in wanted)


def find_header(table: RawTable, columns: Sequence[Column]) -> int:
    """Index (in ``table.rows``) of the header: among the first non-empty rows the first holding
    every required column, else the one matching most columns, else the first non-empty row."""
    wanted = {normalise(c.name): c.name for c in columns}
    required = sum(1 for c in columns if c.required)
    candidates = [i for i, (_n, cells) in enumerate(table.rows) if any(cells)][:HEADER_SEARCH]
    if not candidates:
        raise TableError("Die Datei enthält keine Zeilen.")
    best, best_count = candidates[0], 0
    for index in candidates:
        count = _matches(table.rows[index][1], wanted)
        if count >= max(required, 1) and count > 0:
            return index
        if count > best_count:
            best, best_count = index, count
    return best


def _strip_notes(rows: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """Drop the notes block the exports write below a table: after the last empty row, rows that
    have text only in their first cell."""
    last_empty = max((i for i, (_n, cells) in enumerate(rows) if not any(cells)), default=None)
    if last_empty is None:
        return rows
    tail = rows[last_empty + 1 :]
    if tail and all(not any(cells[1:]) for _n, cells in tail):
        return rows[:last_empty]
    return rows


def records(
    table: RawTable, columns: Sequence[Column], *, extra: bool = False, notes: bool = False
) -> Records:
    """The rows under the header as dicts keyed by the import's column names. With ``extra`` the
    other headings are kept under the file's spelling (e.g. one column per municipality); with
    ``notes`` the lines below the table are kept as rows too (e.g. a matrix's legend)."""
    index = find_header(table, columns)
    header_row, header = table.rows[index]
    wanted = {normalise(c.name): c.name for c in columns}
    names: list[str | None] = []
    seen: set[str] = set()
    unknown = []
    for heading in header:
        key = normalise(heading)
        name = wanted.get(key) or (heading.strip() if extra and key else None)
        if name in seen:
            name = None
        if name is None and key:
            unknown.append(heading.strip())
        if name is not None:
            seen.add(name)
        names.append(name)
    found = {n for n in names if n}
    missing = [c.name for c in columns if c.required and c.name not in found]
    result = Records([h.strip() for h in header], [], [], header_row, unknown, missing)
    below = table.rows[index + 1 :]
    for number, cells in below if notes else _strip_notes(below):
        if not any(cells):
            continue
        row = {c.name: "" for c in columns} | {name: "" for name in names if name}
        for name, value in zip(names, cells, strict=False):
            if name is not None:
                row[name] = value
        result.rows.append(row)
        result.numbers.append(number)
    return result


# --- values -----------------------------------------------------------------------------------

_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_decimal(text: str) -> Decimal:
    """``1.234,5``, ``1234,5``, ``1234.5`` and ``1 234`` as a Decimal; ValueError otherwise."""
    raw = text.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "").removesuffix("€")
    if not raw:
        raise ValueError("leer")
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(raw):
        raw = raw.replace(".", "")
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


def parse_date(text: str) -> dt.date:
    """``JJJJ-MM-TT`` or ``TT.MM.JJJJ``; ValueError otherwise."""
    raw = text.strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_flag(text: str) -> bool | None:
    """ja/nein, x, 1/0, wahr/falsch; None when unreadable."""
    raw = text.strip().casefold()
    if raw in ("ja", "j", "x", "1", "wahr", "true", "yes"):
        return True
    if raw in ("nein", "n", "", "0", "falsch", "false", "no"):
        return False
    return None


def parse_choice(text: str, choices: Sequence[tuple[str, object]]) -> str | None:
    """The value of a model choice named by its German label or its stored value (case and spacing
    do not matter); None when it names none."""
    wanted = normalise(text)
    for value, label in choices:
        if wanted in (normalise(str(label)), normalise(str(value))):
            return str(value)
    return None
