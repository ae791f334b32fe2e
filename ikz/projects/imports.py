"""Import kind "Projekte": past projects of a region with their history, one row per project as an
office keeps its project list in Excel (decision 151): title, field, year, lead, one column per
stage with the day it took effect, the verdict with its reasons, how the project ended, and one
column per member of the region with its cell of the participation matrix ("X (PL, PG)", "X", "–",
"∅", optionally "ab TT.MM.JJJJ").

Each new project is entered through the back-capture service ``record_history`` (the same checks,
audit entries and log rows as the page "Vergangenes Projekt nacherfassen"). The preview runs that
service for each row and rolls it back, so every refusal of the service is shown at its row and
column before anything is written (decision 152). A project whose title already exists in the
region is compared with the file: the same history is "unverändert", a different one is refused at
the differing columns (a recorded history is corrected on the project's page, with reasons)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ikz.accounts.models import User
from ikz.cooperation.models import CooperationField
from ikz.imports.exports import template_table
from ikz.imports.registry import ImportKind, Link, Row, Scope, refused_at_row, register
from ikz.imports.rules import CREATE, UNCHANGED, Entry, Problem
from ikz.lib.exports import Table
from ikz.lib.tables_in import Column, normalise, parse_choice, parse_date
from ikz.municipalities.models import Municipality, RegionMember
from ikz.projects import access, exports, queries, rules, services
from ikz.projects.models import Project, Status, Verdict
from ikz.projects.rules.history_rows import (
    CLOSING,
    FIELD,
    FINAL,
    FINAL_DATE,
    LEAD,
    REASONS,
    STAGE_COLUMNS,
    SUCCESSOR,
    TITLE,
    VERDICT_COLUMN,
    YEAR,
    History,
    cell_mark,
    day_text,
    parse_cell,
)

FINAL_CHOICES = [(v, label) for v, label in Status.choices if v in rules.FINAL_STATES]
# the service's fields → the file's columns
COLUMN_OF = {
    "title": TITLE,
    "field": FIELD,
    "year": YEAR,
    "lead_municipality": LEAD,
    **{f"date_{s}": c for s, c in STAGE_COLUMNS.items()},
    "verdict": VERDICT_COLUMN,
    "verdict_reasons": REASONS,
    "date_final": FINAL_DATE,
    "closing_reason": CLOSING,
    "final_state": FINAL,
    **dict.fromkeys(("body", "body_unit", "follow_up", "follow_up_title", "cooperations"), SUCCESSOR),
}


@dataclass
class Context:
    region: Any
    members: list[RegionMember]
    headings: dict[str, Municipality]  # a member column's heading (normalised) → member
    fields: dict[str, list[CooperationField]]  # name and "area: name" (normalised) → those fields
    field_labels: dict[int, str]  # field → its name, "area: name" where the name is not unique
    stored: dict[str, tuple[Project, History]]  # title (normalised) → project and its history
    today: dt.date


def _date(row: Row, column: str, problems: list[Problem]) -> str:
    if not row.get(column):
        return ""
    try:
        return parse_date(row.get(column)).isoformat()
    except ValueError:
        problems.append(
            Problem(row.number, column, _("„%(v)s“ ist kein Datum (TT.MM.JJJJ).") % {"v": row.get(column)})
        )
        return ""


def _choice(row: Row, column: str, choices: Sequence[tuple[str, Any]], problems: list[Problem]) -> str:
    if not row.get(column):
        return ""
    found = parse_choice(row.get(column), choices)
    if found is None:
        names = ", ".join(f"„{label}“" for _v, label in choices)
        problems.append(
            Problem(
                row.number,
                column,
                _("„%(v)s“ ist keiner von %(names)s.") % {"v": row.get(column), "names": names},
            )
        )
    return found or ""


def _project_values(row: Row, context: Context, history: History, problems: list[Problem]) -> None:
    if not history.title or len(history.title) > 200:
        problems.append(Problem(row.number, TITLE, _("Bitte den Titel angeben (höchstens 200 Zeichen).")))
    if row.get(FIELD):
        fields = context.fields.get(normalise(row.get(FIELD)), [])
        message = _("„%(v)s“ ist kein Kooperationsfeld des Katalogs.")
        if len(fields) > 1:
            message = _(
                "„%(v)s“ gibt es in mehreren Aufgabenbereichen; bitte „Aufgabenbereich: Feld“ angeben."
            )
        if len(fields) == 1:
            history.field_id = fields[0].pk
        else:
            problems.append(Problem(row.number, FIELD, message % {"v": row.get(FIELD)}))
    if row.get(YEAR):
        year = int(row.get(YEAR)) if row.get(YEAR).isdigit() else 0
        if not 1990 <= year <= 2100:
            problems.append(
                Problem(row.number, YEAR, _("„%(v)s“ ist kein Jahr (1990–2100).") % {"v": row.get(YEAR)})
            )
        history.year = year
    if row.get(LEAD):
        lead = context.headings.get(normalise(row.get(LEAD)))
        if lead is None:
            problems.append(
                Problem(row.number, LEAD, _("„%(v)s“ ist kein Mitglied der Region.") % {"v": row.get(LEAD)})
            )
        history.lead = lead.pk if lead else None


def _cells(row: Row, context: Context, history: History, problems: list[Problem]) -> None:
    known = {c.name for c in Projects.columns}
    for heading, text in row.values.items():
        if heading in known or not text.strip():
            continue
        member = context.headings.get(normalise(heading))
        if member is None:
            problems.append(
                Problem(row.number, heading, _("„%(v)s“ ist kein Mitglied der Region.") % {"v": heading})
            )
            continue
        value = parse_cell(text)
        if value is None:
            problems.append(
                Problem(
                    row.number,
                    heading,
                    _(
                        "„%(v)s“: bitte „X (PL, PG)“, „X“, „–“ oder „∅“, gefolgt von „ab TT.MM.JJJJ“, "
                        "wenn die Beteiligung später begann."
                    )
                    % {"v": text},
                )
            )
        elif member.pk in history.cells:
            problems.append(
                Problem(row.number, heading, _("Diese Kommune steht schon in einer anderen Spalte."))
            )
        else:
            history.cells[member.pk] = value


def read_row(row: Row, context: Context) -> tuple[History, list[Problem]]:
    """The row as a history, and what cannot be read (pure, given the context)."""
    problems: list[Problem] = []
    history = History(title=row.get(TITLE))
    _project_values(row, context, history, problems)
    history.stages = {s: d for s, c in STAGE_COLUMNS.items() if (d := _date(row, c, problems))}
    if not row.get(STAGE_COLUMNS[rules.PROPOSAL]):
        problems.append(
            Problem(
                row.number, STAGE_COLUMNS[rules.PROPOSAL], _("Bitte das Datum des Projektvorschlags angeben.")
            )
        )
    history.verdict = _choice(row, VERDICT_COLUMN, Verdict.choices, problems)
    history.verdict_reasons = row.get(REASONS)
    history.final_state = _choice(row, FINAL, FINAL_CHOICES, problems)
    history.date_final = _date(row, FINAL_DATE, problems)
    if history.final_state and not row.get(FINAL_DATE):
        problems.append(
            Problem(row.number, FINAL_DATE, _("Bitte angeben, an welchem Tag das Projekt beendet wurde."))
        )
    if row.get(FINAL_DATE) and not row.get(FINAL):
        problems.append(Problem(row.number, FINAL, _("Bitte das Ergebnis des Projekts wählen.")))
    history.closing_reason = row.get(CLOSING)
    history.successor = row.get(SUCCESSOR)
    if history.successor and history.final_state not in (rules.TRANSFERRED, rules.FOLLOWED_UP):
        problems.append(
            Problem(
                row.number,
                SUCCESSOR,
                _("Nur bei „übertragen“ (Träger) oder „Folgeprojekt“ (Titel) anzugeben."),
            )
        )
    _cells(row, context, history, problems)
    return history, problems


def differences(row: Row, file: History, stored: History, context: Context) -> list[Problem]:
    """The columns in which the file differs from the stored project, each as a problem naming
    what is stored."""
    names = context.field_labels
    labels = {m.municipality_id: queries.unit_label(m.municipality) for m in context.members}
    verdicts, finals = dict(Verdict.choices), dict(FINAL_CHOICES)
    columns: dict[str, tuple[Any, Any, str]] = {
        FIELD: (file.field_id, stored.field_id, names.get(stored.field_id or 0, "")),
        YEAR: (file.year, stored.year, str(stored.year or "")),
        LEAD: (file.lead, stored.lead, labels.get(stored.lead or 0, "")),
        **{
            c: (file.stages.get(s, ""), stored.stages.get(s, ""), day_text(stored.stages.get(s, "")))
            for s, c in STAGE_COLUMNS.items()
        },
        VERDICT_COLUMN: (file.verdict, stored.verdict, str(verdicts.get(stored.verdict, ""))),
        REASONS: (file.verdict_reasons, stored.verdict_reasons, stored.verdict_reasons),
        FINAL: (file.final_state, stored.final_state, str(finals.get(stored.final_state, ""))),
        FINAL_DATE: (file.date_final, stored.date_final, day_text(stored.date_final)),
        CLOSING: (file.closing_reason, stored.closing_reason, stored.closing_reason),
        SUCCESSOR: (file.successor, stored.successor, stored.successor),
    }
    for member in context.members:
        mine, theirs = file.cells.get(member.municipality_id), stored.cells.get(member.municipality_id)
        shown = cell_mark(theirs) if theirs else ""
        columns[labels[member.municipality_id]] = (mine and cell_mark(mine), shown, shown)
    message = _(
        "Das Projekt „%(title)s“ ist schon erfasst, hier mit „%(stored)s“. Eine erfasste Geschichte wird "
        "auf der Seite des Projekts berichtigt, nicht durch einen Import."
    )
    return [
        Problem(row.number, column, message % {"title": stored.title, "stored": shown})
        for column, (mine, theirs, shown) in columns.items()
        if (mine or None) != (theirs or None)
    ]


# --- the service's arguments, the dry run and the kind ---------------------------------------------


def plan_data(history: History, context: Context) -> dict[str, Any]:
    """What ``apply`` needs (JSON): the history with the follow-up resolved to a stored project."""
    follow_up = (
        context.stored.get(normalise(history.successor)) if history.final_state == rules.FOLLOWED_UP else None
    )
    return {
        "title": history.title,
        "field": history.field_id,
        "year": history.year,
        "lead": history.lead,
        "stages": history.stages,
        "verdict": history.verdict,
        "verdict_reasons": history.verdict_reasons,
        "final_state": history.final_state,
        "date_final": history.date_final,
        "closing_reason": history.closing_reason,
        "successor": history.successor,
        "follow_up": follow_up[0].pk if follow_up else None,
        "cells": [[pk, *value] for pk, value in history.cells.items()],
    }


def arguments(data: dict[str, Any], objects: dict[str, dict[int, Any]]) -> dict[str, Any]:
    """The keyword arguments of ``services.record_history`` (as the back-capture form builds
    them); ``objects``: fields, municipalities and projects by id."""
    day = dt.date.fromisoformat
    steps = [services.HistoryStep(s, day(d)) for s in STAGE_COLUMNS if (d := data["stages"].get(s))]
    if data["final_state"]:
        steps.append(
            services.HistoryStep(
                data["final_state"],
                day(data["date_final"] or data["stages"][rules.PROPOSAL]),
                data["closing_reason"],
            )
        )
    transferred, followed = data["final_state"] == rules.TRANSFERRED, data["final_state"] == rules.FOLLOWED_UP
    follow_up = objects["projects"].get(data["follow_up"] or 0)
    return {
        "values": {
            "title": data["title"],
            "field": objects["fields"].get(data["field"] or 0),
            "year": data["year"],
            "lead_municipality": objects["units"].get(data["lead"] or 0),
        },
        "steps": steps,
        "participants": [
            services.HistoryParticipant(
                objects["units"][pk], status, list(roles), day(joined) if joined else None
            )
            for pk, status, roles, joined in data["cells"]
        ],
        "outcome": services.Outcome(
            body=data["successor"] if transferred else "",
            follow_up=follow_up,
            follow_up_title=data["successor"] if followed and follow_up is None else "",
        ),
        "verdict": data["verdict"],
        "verdict_reasons": data["verdict_reasons"],
    }


def follow_ups_first(entries: Sequence[Entry]) -> list[Entry]:
    """The new projects in an order in which a follow-up project named by another row of the file
    is entered before the row that names it (a chain A → B → C as C, B, A), so that it is linked
    instead of created anew as a proposal; otherwise the file's order."""
    by_key = {e.key: e for e in entries}
    placed: list[Entry] = []
    done: set[str] = set()

    def place(entry: Entry, seen: frozenset[str]) -> None:
        if entry.key in done or entry.key in seen:
            return
        successor = (
            normalise(entry.data["successor"]) if entry.data["final_state"] == rules.FOLLOWED_UP else ""
        )
        if successor in by_key and not entry.data["follow_up"]:
            place(by_key[successor], seen | {entry.key})
        done.add(entry.key)
        placed.append(entry)

    for entry in entries:
        place(entry, frozenset())
    return placed


class _DryRun(Exception):
    pass


def service_problems(row: Row, region: Any, kwargs: dict[str, Any], context: Context) -> list[Problem]:
    """Run the back-capture for this row and roll it back: its refusals at the row's columns."""
    headings = {m.municipality_id: queries.unit_label(m.municipality) for m in context.members}
    try:
        with transaction.atomic():
            services.record_history(region, **kwargs, actor=None, today=context.today)
            raise _DryRun
    except _DryRun:
        return []
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    problems = []
    for name, messages in errors.items():
        found = re.fullmatch(r"p(\d+)_\w+", name)
        column = headings.get(int(found[1]), "") if found else COLUMN_OF.get(name, "")
        problems += [Problem(row.number, column, message) for message in messages]
    return problems


def _summary(history: History, context: Context) -> str:
    stages = [f"{STAGE_COLUMNS[s].removesuffix(' am')} {day_text(d)}" for s, d in history.stages.items()]
    if history.final_state:
        stages.append(f"{dict(FINAL_CHOICES)[history.final_state]} {day_text(history.date_final)}")
    taking_part = sum(1 for status, _r, _j in history.cells.values() if status in rules.PARTICIPATING)
    return _("%(title)s: %(stages)s; %(n)d Beteiligte") % {
        "title": history.title,
        "stages": ", ".join(stages),
        "n": taking_part,
    }


def check_row(row: Row, context: Context) -> tuple[Entry | None, list[Problem]]:
    history, problems = read_row(row, context)
    if problems:
        return None, problems
    key = normalise(history.title)
    stored = context.stored.get(key)
    if stored is not None:
        problems = differences(row, history, stored[1], context)
        summary = _summary(history, context)
        return (None if problems else Entry(row.number, UNCHANGED, summary, key, "", "", {})), problems
    data = plan_data(history, context)
    objects: dict[str, dict[int, Any]] = {
        "fields": {f.pk: f for fields in context.fields.values() for f in fields},
        "units": {m.municipality_id: m.municipality for m in context.members},
        "projects": {p.pk: p for p, _h in context.stored.values()},
    }
    problems = service_problems(row, context.region, arguments(data, objects), context)
    if problems:
        return None, problems
    return Entry(row.number, CREATE, _summary(history, context), key, f"new:{key}", "", data), []


class Projects(ImportKind):
    slug = "projekte"
    label = _lazy("Vergangene Projekte mit ihrer Geschichte")
    description = _lazy(
        "Eine Zeile je Projekt: je Stufe der Tag, an dem sie wirksam wurde, das Prüfergebnis, wie das "
        "Projekt endete, und je Mitglied der Region eine Spalte mit der Zelle der Beteiligungsmatrix "
        "(„X (PL, PG)“ mit personeller Vertretung, „X“ ohne, „–“ keine Beteiligung, „∅“ keine "
        "Zuständigkeit; „ab TT.MM.JJJJ“ wenn später beteiligt). Neue Projekte werden wie mit "
        "„Vergangenes Projekt nacherfassen“ angelegt; schon erfasste Projekte bleiben unverändert."
    )
    columns = (
        Column(TITLE),
        Column(
            FIELD,
            required=False,
            help=_lazy(
                "ein Kooperationsfeld des Katalogs; gibt es den Namen mehrfach: „Aufgabenbereich: Feld“"
            ),
        ),
        Column(YEAR, required=False, help=_lazy("Jahr des Projektbeginns, z. B. 2014")),
        Column(LEAD, required=False, help=_lazy("Mitglied der Region, das die Projektleitung stellt")),
        Column(STAGE_COLUMNS[rules.PROPOSAL], help=_lazy("TT.MM.JJJJ")),
        *(Column(c, required=False) for s, c in STAGE_COLUMNS.items() if s != rules.PROPOSAL),
        Column(
            VERDICT_COLUMN,
            required=False,
            help=_lazy("IKZ vorteilhaft, nicht oder teilweise vorteilhaft"),
        ),
        Column(REASONS, required=False),
        Column(FINAL, required=False, help=_lazy("leer: noch nicht beendet")),
        Column(FINAL_DATE, required=False),
        Column(CLOSING, required=False),
        Column(
            SUCCESSOR,
            required=False,
            help=_lazy("bei Übertragung der Träger, beim Folgeprojekt dessen Titel"),
        ),
    )
    extra_columns = True
    exports = True

    def scope(self, user: User, pk: int, *, write: bool) -> Scope:
        region = access.get_region_for_import(user, pk, write=write)
        return Scope(
            region,
            region.pk,
            _("Projekte: %(region)s") % {"region": region.name},
            reverse("projects:project_list", args=[region.slug]),
        )

    def prepare(self, scope: Scope) -> Context:
        region = scope.obj
        members = list(
            RegionMember.objects.filter(region=region).select_related("municipality").order_by("position")
        )
        headings: dict[str, Municipality] = {}
        for m in members:
            unit = m.municipality
            for name in (unit.key or "", unit.name, unit.short_name, m.short_label, queries.unit_label(unit)):
                if name:
                    headings.setdefault(normalise(name), unit)
        fields: dict[str, list[CooperationField]] = {}
        for f in CooperationField.objects.select_related("task_area"):
            fields.setdefault(normalise(f.name), []).append(f)
            fields.setdefault(normalise(f"{f.task_area.name}: {f.name}"), []).append(f)
        labels = {
            f.pk: f.name if len(fields[normalise(f.name)]) == 1 else f"{f.task_area.name}: {f.name}"
            for same in fields.values()
            for f in same
        }
        stored = {normalise(p.title): (p, h) for p, h in queries.project_histories(region)}
        return Context(region, members, headings, fields, labels, stored, timezone.localdate())

    def check_row(self, row: Row, context: Any) -> tuple[Entry | None, list[Problem]]:
        return check_row(row, context)

    def current(self, scope: Scope, refs: Sequence[str]) -> dict[str, str]:
        titles = Project.objects.filter(region=scope.obj).values_list("title", flat=True)
        return {f"new:{normalise(title)}": "exists" for title in titles}

    def audit_object(self, scope: Scope, ref: str) -> Model | None:
        """The project that now has the title a new row would take."""
        key = ref.removeprefix("new:")
        return next((p for p in Project.objects.filter(region=scope.obj) if normalise(p.title) == key), None)

    def apply(self, scope: Scope, entries: Sequence[Entry], *, actor: User) -> list[Link]:
        objects: dict[str, dict[int, Any]] = {
            "fields": CooperationField.objects.in_bulk([e.data["field"] for e in entries if e.data["field"]]),
            "units": Municipality.objects.in_bulk(
                [pk for e in entries for pk in [e.data["lead"], *(c[0] for c in e.data["cells"])] if pk]
            ),
            "projects": Project.objects.in_bulk(
                [e.data["follow_up"] for e in entries if e.data["follow_up"]]
            ),
        }
        created: dict[str, Project] = {}
        for entry in follow_ups_first(entries):
            data = dict(entry.data)
            follow_up = (
                created.get(normalise(data["successor"]))
                if data["final_state"] == rules.FOLLOWED_UP
                else None
            )
            if follow_up is not None and not data["follow_up"]:
                data["follow_up"] = follow_up.pk
                objects["projects"][follow_up.pk] = follow_up
            try:
                created[entry.key] = services.record_history(
                    scope.obj, **arguments(data, objects), actor=actor
                )
            except ValidationError as exc:
                raise refused_at_row(entry.row, exc) from exc
        return [Link(_("Projekte der Region"), scope.back_url)]

    def example(self) -> list[list[str]]:
        return [
            [
                "Prüfung elektrischer Anlagen",
                "",
                "2014",
                "Raunheim",
                "15.01.2014",
                "01.02.2014",
                "01.03.2014",
                "15.03.2014",
                "30.06.2015",
                "01.09.2015",
                "IKZ vorteilhaft",
                "Mengeneffekte",
                "",
                "",
                "",
                "",
            ]
        ]

    def template(self, scope: Scope) -> Table:
        """The generic template with one column per member of the region; the example's lead and
        cells name the region's first members."""
        table = template_table(self)
        labels = [queries.unit_label(m.municipality) for m in self.prepare(scope).members]
        cells = ["X (PL, PG)", "X ab 01.06.2014", "–", "∅"]
        lead = [c.name for c in self.columns].index(LEAD)
        for row in table.rows:
            row[lead] = labels[0] if labels else ""
            row += [cells[i] if i < len(cells) else "" for i in range(len(labels))]
        table.columns += labels
        table.notes.insert(
            len(self.columns),
            _(
                "je Mitglied eine Spalte (optional): „X (PL, PG)“ mit personeller Vertretung und Rollen, "
                "„X“ ohne, „–“ keine Beteiligung, „∅“ keine Aufgabenzuständigkeit, leer keine Angabe; "
                "„ab TT.MM.JJJJ“, wenn die Beteiligung später begann"
            ),
        )
        return table

    def export(self, scope: Scope) -> Table:
        context = self.prepare(scope)
        return exports.projects_table(
            context.region,
            context.members,
            [h for _p, h in context.stored.values()],
            context.field_labels,
        )


register(Projects())
