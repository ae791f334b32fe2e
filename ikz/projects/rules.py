"""Pure rules of IKZ projects: no database, no request.

* the lifecycle as ONE declared transition table (:data:`TRANSITIONS`): from which state to which,
  who may take the step (steering group, project lead, office) and what the step needs
  (a complete charter, a verdict with reasons, a reason for closing);
* the charter (Projektauftrag) and its seven standard elements of seed 003 (A e);
* date checks (end before start), the overdue rule of milestones;
* the participation matrix: which cell states count for the SUMME row (seed 003, part C).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

# --- states (values of models.Status) and verdicts (models.Verdict) --------------------------------

PROPOSAL = "proposal"
PRIORITISED = "prioritised"
COMMISSIONED = "commissioned"
FEASIBILITY = "feasibility"
VERDICT = "verdict"
IMPLEMENTATION = "implementation"
OPERATING = "operating"
CLOSED = "closed"
STATES = (PROPOSAL, PRIORITISED, COMMISSIONED, FEASIBILITY, VERDICT, IMPLEMENTATION, OPERATING, CLOSED)
FINAL_STATES = frozenset({OPERATING, CLOSED})

ADVANTAGEOUS = "advantageous"
NOT_ADVANTAGEOUS = "not_advantageous"
PARTLY = "partly"
VERDICTS = (ADVANTAGEOUS, NOT_ADVANTAGEOUS, PARTLY)

# who takes a step: the roles a person has *for one project*
OFFICE = "office"  # the office of the project's region (or the platform-wide office)
STEERING = "steering"  # the steering group (Lenkungsgruppe) of the project's region
LEAD = "lead"  # the project lead (Projektleitung) of this project


@dataclass(frozen=True)
class Transition:
    name: str
    source: str
    target: str
    roles: frozenset[str]
    label: str  # the button's text (German msgid)
    needs_charter: bool = False  # commissioning: all seven elements of the charter
    needs_verdict: bool = False  # the verdict (vorteilhaft / nicht vorteilhaft / teilweise) and reasons
    needs_reason: bool = False  # closing: why there is no implementation
    verdicts: frozenset[str] = frozenset()  # allowed only after one of these verdicts (empty: any)


_DECIDERS = frozenset({STEERING, OFFICE})
_RUNNERS = frozenset({LEAD, OFFICE})
_CLOSABLE = (PROPOSAL, PRIORITISED, COMMISSIONED, FEASIBILITY, VERDICT, IMPLEMENTATION)

TRANSITIONS: tuple[Transition, ...] = (
    Transition("prioritise", PROPOSAL, PRIORITISED, _DECIDERS, N_("Priorisieren")),
    Transition(
        "commission", PRIORITISED, COMMISSIONED, _DECIDERS, N_("Projektauftrag erteilen"), needs_charter=True
    ),
    Transition("start_study", COMMISSIONED, FEASIBILITY, _RUNNERS, N_("Prüfung beginnen")),
    Transition(
        "record_verdict",
        FEASIBILITY,
        VERDICT,
        _RUNNERS,
        N_("Ergebnis der Prüfung festhalten"),
        needs_verdict=True,
    ),
    Transition(
        "implement",
        VERDICT,
        IMPLEMENTATION,
        _DECIDERS,
        N_("Umsetzung beschließen"),
        verdicts=frozenset({ADVANTAGEOUS, PARTLY}),
    ),
    Transition("operate", IMPLEMENTATION, OPERATING, _DECIDERS, N_("Kooperation in Betrieb nehmen")),
    *(
        Transition("close", source, CLOSED, _DECIDERS, N_("Ohne Umsetzung abschließen"), needs_reason=True)
        for source in _CLOSABLE
    ),
)


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == state]


def next_states(state: str) -> list[str]:
    """The states reachable in one step from ``state`` (table order, no duplicates)."""
    return list(dict.fromkeys(t.target for t in transitions_from(state)))


def find_transition(state: str, target: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == state and t.target == target), None)


def offered(state: str, roles: Iterable[str], verdict: str = "") -> list[Transition]:
    """The steps a person with ``roles`` may take now (the buttons on the project page)."""
    have = frozenset(roles)
    return [
        t for t in transitions_from(state) if t.roles & have and (not t.verdicts or verdict in t.verdicts)
    ]


STATE_LABELS: dict[str, object] = {
    PROPOSAL: gettext_lazy("Vorschlag"),
    PRIORITISED: gettext_lazy("priorisiert"),
    COMMISSIONED: gettext_lazy("beauftragt"),
    FEASIBILITY: gettext_lazy("Prüfung läuft"),
    VERDICT: gettext_lazy("Prüfergebnis liegt vor"),
    IMPLEMENTATION: gettext_lazy("in Umsetzung"),
    OPERATING: gettext_lazy("Kooperation in Betrieb"),
    CLOSED: gettext_lazy("abgeschlossen ohne Umsetzung"),
}
ROLE_LABELS: dict[str, object] = {
    OFFICE: gettext_lazy("Geschäftsstelle"),
    STEERING: gettext_lazy("Lenkungsgruppe"),
    LEAD: gettext_lazy("Projektleitung"),
}


def transition_errors(
    state: str,
    target: str,
    roles: Iterable[str],
    *,
    verdict: str = "",
    verdict_reasons: str = "",
    reason: str = "",
    charter_missing: Sequence[str] = (),
) -> dict[str, list[str]]:
    """Why the step from ``state`` to ``target`` is refused, by field (``__all__`` for the step)."""
    errors: dict[str, list[str]] = {}
    labels = {k: str(v) for k, v in STATE_LABELS.items()}
    step = find_transition(state, target)
    if step is None:
        allowed = ", ".join(f"„{labels[s]}“" for s in next_states(state)) or _("keiner")
        errors["__all__"] = [
            _("Von „%(from)s“ geht es nicht zu „%(to)s“. Möglich ist: %(allowed)s.")
            % {"from": labels.get(state, state), "to": labels.get(target, target), "allowed": allowed}
        ]
        return errors
    if not step.roles & frozenset(roles):
        who = ", ".join(sorted(str(ROLE_LABELS[r]) for r in step.roles))
        errors["__all__"] = [
            _("Diesen Schritt („%(step)s“) dürfen nur: %(who)s.") % {"step": _(step.label), "who": who}
        ]
        return errors
    if step.verdicts and verdict not in step.verdicts:
        errors["__all__"] = [
            _("Eine Umsetzung setzt das Prüfergebnis „IKZ vorteilhaft“ oder „teilweise vorteilhaft“ voraus.")
        ]
    if step.needs_charter and charter_missing:
        errors["__all__"] = [
            _("Der Projektauftrag ist unvollständig; es fehlen: %(missing)s.")
            % {"missing": ", ".join(charter_missing)}
        ]
    if step.needs_verdict:
        if verdict not in VERDICTS:
            errors["verdict"] = [_("Bitte das Ergebnis der Prüfung wählen.")]
        if not verdict_reasons.strip():
            errors["verdict_reasons"] = [_("Bitte die Gründe für das Ergebnis angeben.")]
    if step.needs_reason and not reason.strip():
        errors["reason"] = [_("Bitte angeben, warum das Projekt ohne Umsetzung abgeschlossen wird.")]
    return errors


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
