"""The project list as an office keeps it in Excel (the import kind "Projekte", decision 151): the
column names, one row's history in comparable terms, and the cells of the participation matrix
with the day a participation began ("X (PL, PG) ab 01.06.2014"). Pure: no database."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ikz.lib.stand import german
from ikz.lib.tables_in import parse_date
from ikz.projects.rules import charter, lifecycle
from ikz.projects.rules.charter import NOT_PARTICIPATING, NOT_RESPONSIBLE, ROLES

TITLE, FIELD, YEAR, LEAD = "Titel", "Kooperationsfeld", "Projektjahr", "Projektleitung (Kommune)"
STAGE_COLUMNS = {
    lifecycle.PROPOSAL: "Vorschlag am",
    lifecycle.PRIORITISED: "priorisiert am",
    lifecycle.COMMISSIONED: "beauftragt am",
    lifecycle.FEASIBILITY: "Prüfung begonnen am",
    lifecycle.VERDICT: "Prüfergebnis am",
    lifecycle.IMPLEMENTATION: "Umsetzung beschlossen am",
}
VERDICT_COLUMN, REASONS = "Prüfergebnis", "Gründe für das Ergebnis"
FINAL, FINAL_DATE, CLOSING = "Ergebnis des Projekts", "beendet am", "Grund für den Abschluss ohne Umsetzung"
SUCCESSOR = "Träger oder Folgeprojekt"
CELL = re.compile(r"^(?P<mark>x(?:\s*\((?P<roles>[^)]*)\))?|–|-|∅|keine)(?:\s+ab\s+(?P<day>\S+))?$", re.I)
MARKS = {"–": NOT_PARTICIPATING, "-": NOT_PARTICIPATING, "keine": NOT_PARTICIPATING}
MARKS["∅"] = NOT_RESPONSIBLE

CellValue = tuple[str, tuple[str, ...], str]  # status, roles, joined ISO ("" from the start)


@dataclass
class History:
    """A project as the file has it, comparable with a stored one (dates ISO, ids, choice values)."""

    title: str
    field_id: int | None = None
    year: int | None = None
    lead: int | None = None
    stages: dict[str, str] = field(default_factory=dict)
    verdict: str = ""
    verdict_reasons: str = ""
    final_state: str = ""
    date_final: str = ""
    closing_reason: str = ""
    successor: str = ""
    cells: dict[int, CellValue] = field(default_factory=dict)


def cell_mark(value: CellValue) -> str:
    """The cell as the export writes it: the matrix's mark, "ab TT.MM.JJJJ" for a later start."""
    status, roles, joined = value
    mark = {NOT_PARTICIPATING: "–", NOT_RESPONSIBLE: "∅"}.get(status) or charter.cell_text(status, roles)
    return f"{mark} ab {german(dt.date.fromisoformat(joined))}" if joined else mark


def parse_cell(text: str) -> CellValue | None:
    """ "X (PL, PG) ab 01.06.2014" → (with_staff, (PL, PG), 2014-06-01); None when unreadable."""
    found = CELL.match(" ".join(text.split()))
    if found is None:
        return None
    mark = found["mark"]
    roles = tuple(r.strip().upper() for r in (found["roles"] or "").split(",") if r.strip())
    if mark.casefold().startswith("x"):
        status = charter.WITH_STAFF if roles else charter.WITHOUT_STAFF
    else:
        status = MARKS[mark.casefold()]
    joined = ""
    if found["day"]:
        try:
            joined = parse_date(found["day"]).isoformat()
        except ValueError:
            return None
    if any(r not in ROLES for r in roles):
        return None
    return status, tuple(r for r in ROLES if r in roles), joined


def day_text(value: str) -> str:
    """ "2014-01-15" → "15.01.2014"; empty stays empty."""
    return german(dt.date.fromisoformat(value)) if value else ""


COLUMNS = [
    TITLE,
    FIELD,
    YEAR,
    LEAD,
    *STAGE_COLUMNS.values(),
    VERDICT_COLUMN,
    REASONS,
    FINAL,
    FINAL_DATE,
    CLOSING,
    SUCCESSOR,
]
