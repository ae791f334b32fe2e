"""Import kind "Kooperationsmatrix": the inventory of a region as offices keep it in Excel — one row
per cooperation field, one column per member municipality, in each cell the symbols of the
cooperations that municipality takes part in — in the layout of the platform's own matrix export.

A cell holds one or more symbols, each optionally followed by cue letters or details in brackets:
``■`` (exists), ``□g`` (planned), ``◇n`` (considered, not realised), ``■f`` (lead); or as the
export writes them ``■ (Kooperation existiert, federführend)``; details ``bis 31.12.2026``
(planned by), ``seit 01.03.2024`` (joined on), ``Grund: …`` (why not realised). A cooperation is
its field and symbol; a new one takes its title from the legend line ``▲ = Titel (Feld)`` below
the table. The import creates cooperations, adds participants and changes their status and lead
through ``cooperation.services.save_cooperation``; it never removes a participant (leaving has its
own date, recorded on the cooperation's page). Decision 145.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ikz.accounts.models import User
from ikz.cooperation import access, queries, services
from ikz.cooperation.models import Cooperation, CooperationField, Participant, ParticipantStatus, TaskArea
from ikz.imports.registry import ImportKind, Link, Row, Scope, register
from ikz.imports.rules import CHANGE, CREATE, UNCHANGED, Entry, Problem
from ikz.lib.exports import Table
from ikz.lib.stand import german
from ikz.lib.tables_in import Column, normalise, parse_date
from ikz.municipalities.access import get_region_for
from ikz.municipalities.models import Municipality, Region, RegionMember

FIELD = "Kooperationsfeld"
EXISTS, PLANNED, CONSIDERED = (
    ParticipantStatus.EXISTS.value,
    ParticipantStatus.PLANNED.value,
    ParticipantStatus.CONSIDERED.value,
)
_TOKEN = re.compile(r"([^\w\s();,.:'\"/–-])([gnf]*)\s*(?:\(([^)]*)\))?")
_LEGEND = re.compile(r"^(\S{1,4}) = (.+?)(?: \(([^()]*)\))?$")
_AGS = re.compile(r"\((\d{2,12})\)\s*$")


@dataclass(frozen=True)
class Mark:
    """One symbol of a cell as read."""

    symbol: str
    status: str = EXISTS
    lead: bool = False
    planned_by: dt.date | None = None
    joined_on: dt.date | None = None
    reason: str = ""


def _details(inner: str, mark: Mark) -> tuple[Mark, list[str]]:
    errors = []
    values: dict[str, Any] = {}
    head, _sep, reason = inner.partition("Grund:")
    if reason.strip():
        values["reason"] = reason.strip()
    for item in (part.strip() for part in head.split(",")):
        low = item.casefold()
        if not low:
            continue
        if low.startswith(("bis ", "seit ")):
            word, _space, day = item.partition(" ")
            try:
                values["planned_by" if word.casefold() == "bis" else "joined_on"] = parse_date(day)
            except ValueError:
                errors.append(_("„%(v)s“ ist kein Datum (TT.MM.JJJJ).") % {"v": day})
        elif "federführend" in low:
            values["lead"] = True
        elif "existiert" in low:
            values["status"] = EXISTS
        elif "geplant" in low:
            values["status"] = PLANNED
        elif "erwogen" in low or "zustande" in low:
            values["status"] = CONSIDERED
        else:
            errors.append(_("„%(v)s“ ist keine bekannte Angabe.") % {"v": item})
    return Mark(**{**mark.__dict__, **values}), errors


def parse_cell(text: str) -> tuple[list[Mark], list[str]]:
    """The symbols of a matrix cell, and German messages for what cannot be read."""
    marks: list[Mark] = []
    errors: list[str] = []
    rest = text
    for match in _TOKEN.finditer(text):
        symbol, cues, inner = match.group(1), match.group(2), match.group(3)
        mark = Mark(
            symbol,
            PLANNED if "g" in cues else CONSIDERED if "n" in cues else EXISTS,
            lead="f" in cues,
        )
        if inner is not None:
            mark, found = _details(inner, mark)
            errors += found
        if any(m.symbol == symbol for m in marks):
            errors.append(_("Das Symbol „%(s)s“ steht doppelt in der Zelle.") % {"s": symbol})
        marks.append(mark)
        rest = rest.replace(match.group(0), " ", 1)
    leftover = rest.replace(";", " ").replace(",", " ").split()
    if leftover:
        errors.append(
            _(
                "„%(v)s“ ist kein Symbol der Matrix (z. B. ■, □g für geplant, ◇n für erwogen, "
                "■f für federführend)."
            )
            % {"v": " ".join(leftover)}
        )
    return marks, errors


def mark_problems(mark: Mark, before: Participant | None, today: dt.date) -> list[str]:
    """What the participant would lack with this mark (the rules of the cooperation form)."""
    planned_by = mark.planned_by or (before.planned_by if before is not None else None)
    reason = mark.reason or (before.reason if before is not None else "")
    errors = []
    if mark.status == PLANNED and planned_by is None:
        errors.append(
            _("Bei „geplant“ bitte angeben, bis wann: z. B. „%(s)sg (bis 31.12.2027)“.") % {"s": mark.symbol}
        )
    if mark.status == PLANNED and planned_by is not None and planned_by < today:
        errors.append(
            _("Das Datum „voraussichtlich bis“ (%(d)s) liegt in der Vergangenheit.")
            % {"d": german(planned_by)}
        )
    if mark.status == CONSIDERED and not reason.strip():
        errors.append(
            _("Bei „erwogen“ bitte den Grund angeben: z. B. „%(s)sn (Grund: zu teuer)“.") % {"s": mark.symbol}
        )
    if mark.status == CONSIDERED and mark.lead:
        errors.append(_("Eine nicht zustande gekommene Kooperation hat keine Federführung."))
    return errors


def _changed(mark: Mark, before: Participant) -> bool:
    return (
        mark.status != before.status
        or mark.lead != before.is_lead
        or (mark.planned_by is not None and mark.planned_by != before.planned_by)
        or (bool(mark.reason) and mark.reason != before.reason)
        or (mark.joined_on is not None and mark.joined_on != before.joined_on)
    )


@dataclass
class Context:
    region: Region
    today: dt.date
    members: list[tuple[Municipality, str]]  # municipality, short label
    fields: dict[str, list[CooperationField]]  # normalised name → fields of that name
    cooperations: dict[tuple[int, str], Cooperation]  # (field id, symbol) → with participants
    labels: dict[str, str] = field(default_factory=dict)

    def municipality(self, heading: str) -> Municipality | None:
        found = _AGS.search(heading)
        key = found.group(1) if found else heading.strip()
        wanted = normalise(heading)
        for municipality, label in self.members:
            if (
                municipality.key == key
                or normalise(label) == wanted
                or normalise(municipality.name) == wanted
            ):
                return municipality
        return None


def _participants(cooperation: Cooperation) -> dict[int, Participant]:
    return {p.municipality_id: p for p in cooperation.participants.all()}


def _legend(rows: Sequence[Row]) -> dict[tuple[str, str], str]:
    """(symbol, normalised field or "") → title, from the lines ``■ = Titel (Feld)`` below the table."""
    found: dict[tuple[str, str], str] = {}
    for row in rows:
        if any(v.strip() for k, v in row.values.items() if k != FIELD):
            continue
        match = _LEGEND.match(row.get(FIELD))
        if match:
            found[(match.group(1), normalise(match.group(3) or ""))] = match.group(2).strip()
    return found


def _title_problem(symbol: str, field_name: str, title: str | None) -> str | None:
    if title is None:
        return _(
            "Neue Kooperation „%(s)s“ im Feld „%(f)s“: bitte unter der Tabelle eine Zeile "
            "„%(s)s = Bezeichnung“ ergänzen."
        ) % {"s": symbol, "f": field_name}
    if len(title) > 200:
        return _("Die Bezeichnung „%(s)s“ ist länger als 200 Zeichen.") % {"s": symbol}
    return None


def _row_entries(
    row: Row, context: Context, columns: dict[str, Municipality], legend: dict[tuple[str, str], str]
) -> tuple[list[Entry], list[Problem]]:
    """The entries of one row of the matrix: one per symbol (cooperation) in its cells."""
    problems: list[Problem] = []
    by_symbol: dict[str, dict[int, Mark]] = {}
    for heading, municipality in columns.items():
        marks, errors = parse_cell(row.get(heading))
        problems += [Problem(row.number, heading, e) for e in errors]
        for mark in marks:
            by_symbol.setdefault(mark.symbol, {})[municipality.pk] = mark
    if not by_symbol:
        return [], problems
    name = row.get(FIELD)
    fields = context.fields.get(normalise(name), [])
    if len(fields) != 1:
        text = (
            _("„%(v)s“ ist kein Kooperationsfeld des Katalogs.")
            if not fields
            else _("Das Kooperationsfeld „%(v)s“ gibt es in mehreren Aufgabengebieten.")
        )
        return [], [*problems, Problem(row.number, FIELD, text % {"v": name})]
    coop_field = fields[0]
    headings = {m.pk: h for h, m in columns.items()}
    entries = []
    for symbol, cell_marks in by_symbol.items():
        cooperation = context.cooperations.get((coop_field.pk, symbol))
        title = (
            cooperation.title
            if cooperation is not None
            else legend.get((symbol, normalise(coop_field.name))) or legend.get((symbol, ""))
        )
        refusal = _title_problem(symbol, coop_field.name, title)
        if refusal is not None or title is None:
            problems.append(Problem(row.number, FIELD, refusal or ""))
            continue
        entry, found = _entry(row.number, context, coop_field, symbol, title, cooperation, cell_marks)
        problems += [Problem(row.number, headings[m], text) for m, text in found]
        entries.append(entry)
    return entries, problems


def _entry(
    number: int,
    context: Context,
    coop_field: CooperationField,
    symbol: str,
    title: str,
    cooperation: Cooperation | None,
    cell_marks: dict[int, Mark],
) -> tuple[Entry, list[tuple[int, str]]]:
    """The plan entry of one cooperation in one row, and the problems by municipality."""
    before = _participants(cooperation) if cooperation is not None else {}
    names = {m.pk: label for m, label in context.members}
    problems: list[tuple[int, str]] = []
    parts, changes = [], []
    for municipality_id, mark in cell_marks.items():
        old = before.get(municipality_id)
        problems += [(municipality_id, e) for e in mark_problems(mark, old, context.today)]
        now = context.labels[mark.status] + (", " + _("federführend") if mark.lead else "")
        if old is None:
            changes.append({"municipality": municipality_id, **_mark_json(mark)})
            parts.append(_("%(m)s neu: %(now)s") % {"m": names[municipality_id], "now": now})
        elif _changed(mark, old):
            changes.append({"municipality": municipality_id, **_mark_json(mark)})
            was = context.labels[old.status] + (", " + _("federführend") if old.is_lead else "")
            parts.append(f"{names[municipality_id]}: {was} → {now}")
    action = CREATE if cooperation is None else CHANGE if changes else UNCHANGED
    summary = f"{coop_field.name} {symbol} „{title}“" + (": " + "; ".join(parts) if parts else "")
    ref = (
        f"cooperation.cooperation:{cooperation.pk}"
        if cooperation is not None
        else f"new:{coop_field.pk}:{symbol}"
    )
    seen = str(cooperation.version) if cooperation is not None else ""
    data = {"field": coop_field.pk, "symbol": symbol, "title": title, "participants": changes}
    return Entry(number, action, summary, f"{coop_field.name}/{symbol}", ref, seen, data), problems


def _mark_json(mark: Mark) -> dict[str, Any]:
    return {
        "status": mark.status,
        "lead": mark.lead,
        "planned_by": mark.planned_by.isoformat() if mark.planned_by else None,
        "joined_on": mark.joined_on.isoformat() if mark.joined_on else None,
        "reason": mark.reason,
    }


class CooperationMatrix(ImportKind):
    slug = "kooperationsmatrix"
    label = _lazy("Kooperationen mit Beteiligten (Matrix)")
    description = _lazy(
        "Zeilen: Kooperationsfelder; Spalten: die Kommunen der Region (Kürzel, Name oder AGS); in den "
        "Zellen die Symbole der Kooperationen: ■ existiert, □g geplant (bis …), ◇n erwogen (Grund: …), "
        "■f federführend. Neue Kooperationen erhalten ihre Bezeichnung aus einer Zeile „▲ = "
        "Bezeichnung (Feld)“ unter der Tabelle. Beteiligungen werden angelegt und geändert, nie entfernt."
    )
    columns = (Column(FIELD, help=_lazy("Name des Kooperationsfelds wie im Katalog")),)
    extra_columns = True
    keep_notes = True
    chunk = 100_000  # a matrix is read whole: its legend stands below it
    exports = True

    def scope(self, user: User, pk: int, *, write: bool) -> Scope:
        slug = Region.objects.filter(pk=pk).values_list("slug", flat=True).first()
        if slug is None:
            raise Http404
        region = get_region_for(user, slug)
        if write and not access.can_edit_inventory(user, region):
            raise PermissionDenied(
                _("Die Matrix einer Region importiert nur die Geschäftsstelle der Region.")
            )
        return Scope(
            region,
            region.pk,
            _("Bestand der Kooperationen: %(r)s") % {"r": region.name},
            reverse("cooperation:inventory_overview", args=[region.slug]),
        )

    def prepare(self, scope: Scope) -> Context:
        region = scope.obj
        fields: dict[str, list[CooperationField]] = {}
        for coop_field in CooperationField.objects.all():
            fields.setdefault(normalise(coop_field.name), []).append(coop_field)
        cooperations = {
            (c.field_id, c.symbol): c
            for c in Cooperation.objects.filter(region=region)
            .prefetch_related(
                Prefetch("participants", queryset=Participant.objects.select_related("municipality"))
            )
            .order_by("-pk")
        }
        members = [
            (m.municipality, m.short_label)
            for m in RegionMember.objects.filter(region=region)
            .select_related("municipality")
            .order_by("position")
        ]
        return Context(region, timezone.localdate(), members, fields, cooperations, queries.status_labels())

    def check(self, rows: Sequence[Row], context: Any) -> tuple[list[Entry], list[Problem]]:
        problems: list[Problem] = []
        columns: dict[str, Municipality] = {}
        for heading in rows[0].values if rows else {}:
            if heading == FIELD:
                continue
            municipality = context.municipality(heading)
            if municipality is None:
                problems.append(
                    Problem(
                        0, heading, _("Diese Spalte ist keine Kommune der Region (Kürzel, Name oder AGS).")
                    )
                )
            else:
                columns[heading] = municipality
        # in the region's order (PostgreSQL's jsonb does not keep the order of the file's columns)
        position = {m.pk: i for i, (m, _label) in enumerate(context.members)}
        columns = dict(sorted(columns.items(), key=lambda item: position[item[1].pk]))
        problems.sort(key=lambda p: p.column)
        legend = _legend(rows)
        entries: list[Entry] = []
        for row in rows:
            found, errors = _row_entries(row, context, columns, legend)
            entries += found
            problems += errors
        return entries, problems

    def current(self, scope: Scope, refs: Sequence[str]) -> dict[str, str]:
        result = {}
        for pk, field_id, symbol, version in Cooperation.objects.filter(region=scope.obj).values_list(
            "pk", "field_id", "symbol", "version"
        ):
            result[f"cooperation.cooperation:{pk}"] = str(version)
            result[f"new:{field_id}:{symbol}"] = str(version)
        return result

    def apply(self, scope: Scope, entries: Sequence[Entry], *, actor: User) -> list[Link]:
        region = scope.obj
        ids = {c["municipality"] for e in entries for c in e.data["participants"]}
        municipalities = Municipality.objects.in_bulk(ids)
        message = _("Import der Kooperationsmatrix")
        links = []
        for entry in entries:
            changes = {c["municipality"]: c for c in entry.data["participants"]}
            if entry.action == CREATE:
                rows = [_row(municipalities[m], c, None) for m, c in changes.items()]
                saved = services.save_cooperation(
                    region,
                    {
                        "field": CooperationField.objects.get(pk=entry.data["field"]),
                        "title": entry.data["title"],
                        "symbol": entry.data["symbol"],
                    },
                    rows,
                    actor=actor,
                    message=message,
                )
            else:
                cooperation = Cooperation.objects.get(pk=int(entry.ref.rsplit(":", 1)[1]))
                before = {
                    p.municipality_id: p for p in cooperation.participants.select_related("municipality")
                }
                rows = [_row(p.municipality, changes.get(m), p) for m, p in before.items()]
                rows += [_row(municipalities[m], c, None) for m, c in changes.items() if m not in before]
                saved = services.save_cooperation(
                    region,
                    {},
                    rows,
                    cooperation=cooperation,
                    expected_version=int(entry.seen),
                    actor=actor,
                    message=message,
                )
            links.append(
                Link(
                    f"{saved.field.name} {saved.symbol} {saved.title}",
                    reverse("cooperation:cooperation_detail", args=[saved.pk]),
                )
            )
        return links[:50]

    def template(self, scope: Scope) -> Table:
        """The region's matrix as it stands: the columns of its members, a row per field."""
        return self.export(scope)

    def export(self, scope: Scope) -> Table:
        region = scope.obj
        tables = [
            queries.matrix_table(region, area, queries.matrix_for(region, area))
            for area in TaskArea.objects.order_by("position", "name")
        ]
        legend = queries.legend_lines()
        notes = [n for t in tables for n in t.notes if n not in legend]
        return Table(
            title=_("Kooperationsmatrix – alle Aufgabengebiete"),
            subtitle=region.name,
            columns=tables[0].columns if tables else [FIELD],
            rows=[r for t in tables for r in t.rows],
            notes=legend + notes,
        )


def _row(
    municipality: Municipality, change: dict[str, Any] | None, before: Participant | None
) -> services.ParticipantRow:
    if change is None:
        assert before is not None
        return services.ParticipantRow(
            municipality,
            before.status,
            before.planned_by,
            before.reason,
            before.is_lead,
            before.joined_on,
            before.left_on,
        )
    planned_by = (
        dt.date.fromisoformat(change["planned_by"])
        if change["planned_by"]
        else (before.planned_by if before else None)
    )
    joined_on = (
        dt.date.fromisoformat(change["joined_on"])
        if change["joined_on"]
        else (before.joined_on if before else None)
    )
    return services.ParticipantRow(
        municipality,
        change["status"],
        planned_by if change["status"] == PLANNED else None,
        (change["reason"] or (before.reason if before else "")) if change["status"] == CONSIDERED else "",
        bool(change["lead"]),
        joined_on,
        before.left_on if before else None,
    )


register(CooperationMatrix())
