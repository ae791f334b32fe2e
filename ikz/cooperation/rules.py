"""Pure rules of the inventory: participants' validity, matrix symbols and the matrix itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.translation import gettext as _

# Symbols handed out in this order to the cooperations of one field (seed 003 uses the first five).
SYMBOLS = ["■", "□", "◇", "●", "+", "▲", "◆", "○", "★", "◎", "▼", "✚"]

EXISTS, PLANNED, CONSIDERED = "exists", "planned", "considered"
# The second cue besides colour (WCAG 1.4.1): a letter after the symbol. "exists" has none.
STATUS_CUE = {EXISTS: "", PLANNED: "g", CONSIDERED: "n"}
STATUS_CLASS = {
    EXISTS: "ikz-status-exists",
    PLANNED: "ikz-status-planned",
    CONSIDERED: "ikz-status-considered",
}


class ParticipantLike(Protocol):
    municipality_id: int
    status: str
    planned_by: dt.date | None
    reason: str
    is_lead: bool


@dataclass(frozen=True)
class Row:
    """A participant as the rules see it (no database)."""

    municipality_id: int
    label: str
    status: str
    planned_by: dt.date | None = None
    reason: str = ""
    is_lead: bool = False


def participant_errors(rows: Sequence[Row], member_ids: set[int], today: dt.date) -> list[str]:
    """German messages for every problem of a participant list; empty when it is valid."""
    errors: list[str] = []
    if not rows:
        errors.append(_("Eine Kooperation braucht mindestens eine beteiligte Kommune."))
    seen: set[int] = set()
    for row in rows:
        if row.municipality_id not in member_ids:
            errors.append(
                _(
                    "%(name)s gehört nicht zur Region; externe Partner bitte unter "
                    "„externe Partner“ eintragen."
                )
                % {"name": row.label}
            )
        if row.municipality_id in seen:
            errors.append(_("%(name)s ist doppelt aufgeführt.") % {"name": row.label})
        seen.add(row.municipality_id)
        if row.status == PLANNED:
            if row.planned_by is None:
                errors.append(
                    _(
                        "%(name)s: Bei einer geplanten Kooperation bitte angeben, bis wann sie "
                        "voraussichtlich zustande kommt."
                    )
                    % {"name": row.label}
                )
            elif row.planned_by < today:
                errors.append(
                    _("%(name)s: Das Datum „voraussichtlich bis“ (%(date)s) liegt in der Vergangenheit.")
                    % {"name": row.label, "date": row.planned_by.strftime("%d.%m.%Y")}
                )
        if row.status == CONSIDERED:
            if not row.reason.strip():
                errors.append(
                    _("%(name)s: Bitte angeben, warum die Kooperation nicht zustande gekommen ist.")
                    % {"name": row.label}
                )
            if row.is_lead:
                errors.append(
                    _("%(name)s: Eine nicht zustande gekommene Kooperation hat keine Federführung.")
                    % {"name": row.label}
                )
    return errors


def next_symbol(used: Iterable[str]) -> str:
    """The first symbol not yet used in the field (so every cooperation of a row is distinguishable)."""
    taken = set(used)
    for symbol in SYMBOLS:
        if symbol not in taken:
            return symbol
    return SYMBOLS[len(taken) % len(SYMBOLS)]


# --- the matrix ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One symbol in one cell."""

    symbol: str
    status: str
    is_lead: bool
    title: str

    @property
    def cue(self) -> str:
        return STATUS_CUE[self.status]

    @property
    def css(self) -> str:
        return STATUS_CLASS[self.status]


@dataclass
class MatrixRow:
    field_id: int
    field_name: str
    cells: list[list[Mark]] = field(default_factory=list)


@dataclass
class Footnote:
    symbol: str
    title: str
    description: str
    field_name: str


@dataclass
class Matrix:
    columns: list[tuple[int, str, str, str]]  # municipality id, short label, name, AGS
    rows: list[MatrixRow]
    footnotes: list[Footnote]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows for cell in row.cells for mark in cell if mark.status == status)


@dataclass(frozen=True)
class CooperationView:
    """What the matrix needs of a cooperation."""

    field_id: int
    symbol: str
    title: str
    description: str
    participants: tuple[tuple[int, str, bool], ...]  # municipality id, status, lead


def build_matrix(
    fields: Sequence[tuple[int, str]],
    columns: Sequence[tuple[int, str, str, str]],
    cooperations: Sequence[CooperationView],
    status_labels: dict[str, str],
) -> Matrix:
    """Rows = fields, columns = members; each cell lists the symbols of the cooperations of that
    field in which the member takes part, in the order of the cooperations."""
    position = {municipality_id: i for i, (municipality_id, *_rest) in enumerate(columns)}
    rows = {field_id: MatrixRow(field_id, name, [[] for _ in columns]) for field_id, name in fields}
    names = dict(fields)
    footnotes = []
    for coop in cooperations:
        row = rows.get(coop.field_id)
        if row is None:
            continue
        shown = False
        for municipality_id, status, lead in coop.participants:
            index = position.get(municipality_id)
            if index is None:
                continue
            title = f"{coop.title}: {status_labels[status]}" + (_(", federführend") if lead else "")
            row.cells[index].append(Mark(coop.symbol, status, lead, title))
            shown = True
        if shown:
            footnotes.append(Footnote(coop.symbol, coop.title, coop.description, names[coop.field_id]))
    return Matrix(list(columns), [rows[field_id] for field_id, _name in fields], footnotes)


def cell_text(cell: Sequence[Mark], status_labels: dict[str, str]) -> str:
    """A cell for exports: "■ (existiert, federführend)"."""
    parts = []
    for mark in cell:
        details = [status_labels[mark.status]] + ([_("federführend")] if mark.is_lead else [])
        parts.append(f"{mark.symbol} ({', '.join(details)})")
    return "; ".join(parts)
