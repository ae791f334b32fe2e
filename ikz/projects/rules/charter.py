"""The charter (Projektauftrag), milestones, the participation matrix and the annual report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# --- the charter (Projektauftrag) --------------------------------------------------------------------


@dataclass(frozen=True)
class Charter:
    goals: str = ""
    deliverables: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    costs: str = ""
    has_lead: bool = False  # a project lead person or a lead municipality
    project_group: str = ""
    information_management: str = ""


# The seven standards of project management, seed 003 part A e), in the seed's order.
CHARTER_ELEMENTS: tuple[tuple[str, object], ...] = (
    ("goals", gettext_lazy("Projektziele")),
    ("deliverables", gettext_lazy("Zu erarbeitende Ergebnisse")),
    ("start_end", gettext_lazy("Projektstart und -ende")),
    ("costs", gettext_lazy("Projektkosten")),
    ("lead", gettext_lazy("Projektleitung")),
    ("project_group", gettext_lazy("Projektgruppe")),
    ("information_management", gettext_lazy("Informationsmanagement")),
)


def charter_present(charter: Charter) -> dict[str, bool]:
    """Each of the seven elements: filled or not."""
    return {
        "goals": bool(charter.goals.strip()),
        "deliverables": bool(charter.deliverables.strip()),
        "start_end": charter.start is not None and charter.end is not None,
        "costs": bool(charter.costs.strip()),
        "lead": charter.has_lead,
        "project_group": bool(charter.project_group.strip()),
        "information_management": bool(charter.information_management.strip()),
    }


def charter_missing(charter: Charter) -> list[str]:
    """The German names of the missing elements, in the seed's order; empty when complete."""
    present = charter_present(charter)
    return [str(label) for key, label in CHARTER_ELEMENTS if not present[key]]


def date_errors(start: dt.date | None, end: dt.date | None) -> dict[str, list[str]]:
    if start is not None and end is not None and end < start:
        return {"end": [_("Das Projektende liegt vor dem Projektstart.")]}
    return {}


# --- milestones ----------------------------------------------------------------------------------


def milestone_due(planned: dt.date, forecast: dt.date | None) -> dt.date:
    """The date that counts: the forecast when there is one, else the planned date."""
    return forecast or planned


def milestone_overdue(
    planned: dt.date, forecast: dt.date | None, reached: dt.date | None, today: dt.date
) -> bool:
    """Not reached, and the date that counts (forecast, else plan) lies before today."""
    return reached is None and milestone_due(planned, forecast) < today


def milestone_errors(
    planned: dt.date | None, forecast: dt.date | None, reached: dt.date | None, today: dt.date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if planned is None:
        errors["planned"] = [_("Bitte das geplante Datum angeben.")]
    if reached is not None and reached > today:
        errors["reached"] = [_("Ein Meilenstein kann nicht in der Zukunft erreicht worden sein.")]
    return errors


# --- participation matrix (seed 003, part C) -----------------------------------------------------

WITH_STAFF = "with_staff"  # "X (PG)": participates and has staff in the project or working group
WITHOUT_STAFF = "without_staff"  # "X": participates without staff
NOT_PARTICIPATING = "none"  # keine Projektbeteiligung
NOT_RESPONSIBLE = "not_responsible"  # keine Aufgabenzuständigkeit
PARTICIPATING = frozenset({WITH_STAFF, WITHOUT_STAFF})
CELL_STATES = (WITH_STAFF, WITHOUT_STAFF, NOT_PARTICIPATING, NOT_RESPONSIBLE)
ROLES = ("PL", "PG", "AG", "LKG")  # Projektleitung, Projektgruppe, Arbeitsgruppe, Lenkungsgruppe


def participation_errors(status: str, roles: Sequence[str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        errors["roles"] = [_("Unbekannte Rolle: %s") % ", ".join(unknown)]
    if status == WITH_STAFF and not roles:
        errors["roles"] = [
            _("Mit personeller Vertretung: bitte mindestens eine Rolle wählen (PL, PG, AG oder LKG).")
        ]
    if status != WITH_STAFF and roles:
        errors["roles"] = [_("Rollen gibt es nur bei einer Beteiligung mit personeller Vertretung.")]
    return errors


def cell_text(status: str | None, roles: Sequence[str]) -> str:
    """The cell as the seed writes it: "X (PG, LKG)", "X", or empty."""
    if status == WITH_STAFF:
        return f"X ({', '.join(r for r in ROLES if r in roles)})"
    if status == WITHOUT_STAFF:
        return "X"
    return ""


def summe(statuses: Iterable[str | None]) -> int:
    """The SUMME row: municipalities that take part in the project, with or without staff."""
    return sum(1 for status in statuses if status in PARTICIPATING)


def count_by(statuses: Mapping[int, str | None]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in statuses.values():
        if status:
            counts[status] = counts.get(status, 0) + 1
    return counts


# --- the annual report -----------------------------------------------------------------------------


def in_report(year: int, project_year: int | None, finished_on: dt.date | None) -> bool:
    """A project belongs in the report of ``year`` when it had begun by then and had not ended
    (reached operation or was closed) before that year."""
    if project_year is None or project_year > year:
        return False
    return finished_on is None or finished_on.year >= year


def in_matrix(year: int, project_year: int | None, finished_on: dt.date | None) -> bool:
    """A column of the participation matrix of ``year`` (seed 003: "Beteiligung an IKZ-Projekten
    und -Umsetzungsmaßnahmen 2023"): begun by then and still running at the end of that year (a
    project that went into operation or was closed during the year has left the matrix)."""
    if project_year is None or project_year > year:
        return False
    return finished_on is None or finished_on.year > year


def unit_label(level: str, kind_label: str, short_name: str) -> str:
    """A member as the project pages name it; a Kreis with its kind, so that it is not mistaken for
    its seat town ("Landkreis Groß-Gerau" next to "Groß-Gerau")."""
    return f"{kind_label} {short_name}" if level == "kreis" else short_name


@dataclass(frozen=True)
class ActionState:
    label: str
    overdue: bool
    done: bool


def action_state(due_on: dt.date | None, done_on: dt.date | None, today: dt.date) -> ActionState:
    """Beschlusskontrolle of a decision (decision 232): done, overdue or open."""
    if done_on is not None:
        return ActionState(_("erledigt am %(day)s") % {"day": f"{done_on:%d.%m.%Y}"}, False, True)
    if due_on is not None and due_on < today:
        return ActionState(_("überfällig seit %(day)s") % {"day": f"{due_on:%d.%m.%Y}"}, True, False)
    return ActionState(_("offen"), False, False)
