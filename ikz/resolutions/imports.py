"""Import kind "Beschlüsse": the resolutions of a region's members, one row per municipality and
subject (body, date, outcome, note, source), in the format of the overview's own export, which
imports back unchanged. New resolutions are created and changed ones updated through the
resolutions services; the date of a decided resolution is corrected with the reason given in the
column "Begründung der Berichtigung", as on the resolution's page (decision 150)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ikz.accounts.models import User
from ikz.imports.registry import ImportKind, Link, Row, Scope, refused_at_row, register
from ikz.imports.rules import CHANGE, CREATE, UNCHANGED, Entry, Problem
from ikz.lib.exports import Table
from ikz.lib.stand import german
from ikz.lib.tables_in import Column, parse_choice, parse_date
from ikz.municipalities.models import Municipality, RegionMember
from ikz.resolutions import access, rules, services
from ikz.resolutions.exports import (
    AGS,
    BODY,
    DATE,
    LABEL,
    MEMBER,
    NOTE,
    OUTCOME,
    SOURCE,
    SUBJECT,
    resolutions_table,
)
from ikz.resolutions.models import Body, Outcome, Resolution, Subject
from ikz.resolutions.queries import outcome_label

REASON = "Begründung der Berichtigung"
COLUMN_OF = {
    "subject": SUBJECT,
    "subject_text": SUBJECT,
    "body": BODY,
    "date": DATE,
    "outcome": OUTCOME,
    "note": NOTE,
    "source": SOURCE,
}
COMPARED = ("body", "date", "outcome", "note", "source")


def fingerprint(resolution: Resolution | None) -> str:
    return "" if resolution is None else f"v{resolution.version}"


def subject_key(subject: str, text: str) -> str:
    return f"{subject}:{text}" if subject == Subject.OTHER else subject


@dataclass
class Context:
    members: dict[str, Municipality]  # AGS → member of the region
    starts: dict[int, dt.date | None]  # municipality → the start of its IKZ process
    stored: dict[tuple[int, str], Resolution]  # (municipality, subject key) → resolution
    today: dt.date


def _subject(text: str) -> tuple[str, str]:
    """(subject, subject text): a subject by its label, empty for the IKZ principle resolution, any
    other text a subject of its own ("anderer Gegenstand")."""
    if not text:
        return str(Subject.PRINCIPLE), ""
    found = parse_choice(text, Subject.choices)
    if found is not None:
        return found, ""
    return str(Subject.OTHER), text


def _values(row: Row, problems: list[Problem]) -> dict[str, Any]:
    """The row's values as the service takes them; unreadable cells are problems."""
    subject, subject_text = _subject(row.get(SUBJECT))
    values: dict[str, Any] = {
        "subject": subject,
        "subject_text": subject_text,
        "note": row.get(NOTE),
        "source": row.get(SOURCE),
    }
    if len(subject_text) > 300 or len(values["source"]) > 500:
        column = SUBJECT if len(subject_text) > 300 else SOURCE
        problems.append(Problem(row.number, column, _("Der Text ist zu lang.")))
    outcome = row.get(OUTCOME)
    values["outcome"] = (
        rules.NO_ENTRY
        if outcome and outcome.casefold() == outcome_label(rules.NO_ENTRY).casefold()
        else parse_choice(outcome, Outcome.choices)
    )
    if values["outcome"] is None:
        message = _("„%(v)s“ ist kein Ergebnis der Liste.") % {"v": outcome}
        problems.append(
            Problem(row.number, OUTCOME, message if outcome else _("Bitte das Ergebnis angeben."))
        )
    if values["outcome"] == rules.NO_ENTRY:
        return values
    values["body"] = parse_choice(row.get(BODY), Body.choices)
    if values["body"] is None:
        problems.append(
            Problem(row.number, BODY, _("„%(v)s“ ist kein Gremium der Liste.") % {"v": row.get(BODY)})
        )
    values["date"] = None
    if row.get(DATE):
        try:
            values["date"] = parse_date(row.get(DATE))
        except ValueError:
            problems.append(
                Problem(row.number, DATE, _("„%(v)s“ ist kein Datum (TT.MM.JJJJ).") % {"v": row.get(DATE)})
            )
    return values


def _rule_problems(
    row: Row, municipality: Municipality, values: dict[str, Any], context: Context
) -> list[Problem]:
    errors = rules.resolution_errors(
        kind=municipality.kind,
        kind_label=str(municipality.get_kind_display()),
        subject=values["subject"],
        subject_text=values["subject_text"],
        body=values["body"],
        body_labels={k: str(v) for k, v in Body.choices},
        date=values["date"],
        outcome=values["outcome"],
        today=context.today,
        process_start=context.starts.get(municipality.pk),
    )
    return [Problem(row.number, COLUMN_OF[name], message) for name, message in errors.items()]


def _changed(stored: Resolution, values: dict[str, Any]) -> list[str]:
    return [name for name in COMPARED if getattr(stored, name) != values[name]]


def _describe(values: dict[str, Any]) -> str:
    parts = [str(Body(values["body"]).label), str(Outcome(values["outcome"]).label)]
    if values["date"]:
        parts.insert(1, german(values["date"]))
    return ", ".join(parts)


def check_row(row: Row, context: Context) -> tuple[Entry | None, list[Problem]]:
    """The plan entry of one row, or its problems (pure, given the context)."""
    problems: list[Problem] = []
    municipality = context.members.get(row.get(AGS))
    if municipality is None:
        problems.append(
            Problem(row.number, AGS, _("„%(v)s“ ist kein Mitglied der Region.") % {"v": row.get(AGS)})
        )
    values = _values(row, problems)
    if problems or municipality is None:
        return None, problems
    key = subject_key(values["subject"], values["subject_text"])
    stored = context.stored.get((municipality.pk, key))
    subject = values["subject_text"] or str(Subject(values["subject"]).label)
    what = f"{municipality.name} ({municipality.key}), {subject}"
    ref = f"resolutions.resolution:{stored.pk}" if stored else f"new:{municipality.pk}:{key}"
    entry_key = f"{municipality.key}/{key}"
    if values["outcome"] == rules.NO_ENTRY:
        if stored is not None:
            return None, [
                Problem(
                    row.number,
                    OUTCOME,
                    _("Gespeichert ist ein Beschluss (%(stored)s); ein Import löscht keine Beschlüsse.")
                    % {"stored": _describe({k: getattr(stored, k) for k in COMPARED})},
                )
            ]
        return Entry(row.number, UNCHANGED, _("%(what)s: kein Eintrag") % {"what": what}, entry_key), []
    problems = _rule_problems(row, municipality, values, context)
    data = {"municipality": municipality.pk, **values, "date": values["date"] and values["date"].isoformat()}
    if stored is None:
        summary = _("%(what)s: %(new)s") % {"what": what, "new": _describe(values)}
        return (None if problems else Entry(row.number, CREATE, summary, entry_key, ref, "", data)), problems
    changed = _changed(stored, values)
    summary = _("%(what)s: %(old)s → %(new)s") % {
        "what": what,
        "old": _describe({k: getattr(stored, k) for k in COMPARED}),
        "new": _describe(values),
    }
    moved = rules.date_change_errors(
        old_outcome=stored.outcome,
        new_outcome=values["outcome"],
        old_date=stored.date,
        new_date=values["date"],
    )
    if moved:
        data["reason"] = row.get(REASON)
        if not data["reason"]:
            problems.append(
                Problem(
                    row.number,
                    REASON,
                    _(
                        "Das Sitzungsdatum eines gefassten Beschlusses (%(date)s) wird mit einer "
                        "Begründung berichtigt; bitte hier angeben, warum das gespeicherte Datum falsch ist."
                    )
                    % {"date": german(stored.date) if stored.date else ""},
                )
            )
    if problems:
        return None, problems
    action = CHANGE if changed else UNCHANGED
    return Entry(row.number, action, summary, entry_key, ref, fingerprint(stored), data), []


class Resolutions(ImportKind):
    slug = "beschluesse"
    label = _lazy("Beschlüsse der Mitglieder")
    description = _lazy(
        "Eine Zeile je Kommune und Gegenstand (leer: IKZ-Grundsatzbeschluss). Neue Beschlüsse werden "
        "angelegt, geänderte geändert; Beschlüsse, die nicht in der Datei stehen, bleiben erhalten. "
        "Der Export der Übersicht (CSV/XLSX) kann bearbeitet und wieder hochgeladen werden."
    )
    columns = (
        Column(LABEL, required=False, help=_lazy("Kürzel in der Region; nur zur Orientierung")),
        Column(MEMBER, required=False, help=_lazy("Name der Kommune; nur zur Orientierung")),
        Column(AGS, help=_lazy("Amtlicher Gemeindeschlüssel eines Mitglieds der Region")),
        Column(
            SUBJECT,
            required=False,
            help=_lazy(
                "leer: IKZ-Grundsatzbeschluss; sonst Mitgliedschaft, Vereinbarung oder ein eigener Text"
            ),
        ),
        Column(BODY, help=_lazy("z. B. Stadtverordnetenversammlung, Magistrat, Gemeindevertretung")),
        Column(DATE, help=_lazy("Tag, an dem der Beschluss gefasst wurde (wirksam), TT.MM.JJJJ")),
        Column(OUTCOME, help=_lazy("z. B. Beschluss der Vertretung gefasst, abgelehnt, noch offen")),
        Column(NOTE, required=False),
        Column(SOURCE, required=False, help=_lazy("z. B. Drucksache, Niederschrift")),
        Column(
            REASON,
            required=False,
            help=_lazy("nur wenn das Datum eines gefassten Beschlusses berichtigt wird: warum"),
        ),
    )
    exports = True

    def scope(self, user: User, pk: int, *, write: bool) -> Scope:
        region = access.get_region_for_import(user, pk, write=write)
        return Scope(
            region,
            region.pk,
            _("Beschlüsse: %(region)s") % {"region": region.name},
            reverse("resolutions:overview", args=[region.slug]),
        )

    def prepare(self, scope: Scope) -> Context:
        members = list(
            RegionMember.objects.filter(region=scope.obj).select_related("municipality").order_by("position")
        )
        ids = [m.municipality_id for m in members]
        established: dict[int, list[dt.date | None]] = {}
        for municipality, day in RegionMember.objects.filter(municipality_id__in=ids).values_list(
            "municipality_id", "region__established_on"
        ):
            established.setdefault(municipality, []).append(day)
        return Context(
            {m.municipality.key: m.municipality for m in members if m.municipality.key},
            {pk: rules.process_start_of(days) for pk, days in established.items()},
            {
                (r.municipality_id, subject_key(r.subject, r.subject_text)): r
                for r in Resolution.objects.filter(municipality_id__in=ids)
            },
            timezone.localdate(),
        )

    def check_row(self, row: Row, context: Any) -> tuple[Entry | None, list[Problem]]:
        return check_row(row, context)

    def current(self, scope: Scope, refs: Sequence[str]) -> dict[str, str]:
        result = {}
        for (municipality, key), resolution in self.prepare(scope).stored.items():
            result[f"resolutions.resolution:{resolution.pk}"] = fingerprint(resolution)
            result[f"new:{municipality}:{key}"] = fingerprint(resolution)
        return result

    def audit_object(self, scope: Scope, ref: str) -> Model | None:
        """The resolution (also the one recorded meanwhile for a new row's member and subject)."""
        if ref.startswith("new:"):
            _new, municipality, key = ref.split(":", 2)
            return next(
                (
                    r
                    for r in Resolution.objects.filter(municipality_id=int(municipality))
                    if subject_key(r.subject, r.subject_text) == key
                ),
                None,
            )
        return super().audit_object(scope, ref)

    def apply(self, scope: Scope, entries: Sequence[Entry], *, actor: User) -> list[Link]:
        municipalities = Municipality.objects.in_bulk([e.data["municipality"] for e in entries])
        stored = Resolution.objects.in_bulk([int(e.ref.split(":")[1]) for e in entries if e.action == CHANGE])
        for entry in entries:
            values = {k: entry.data[k] for k in services.FIELDS} | {
                "date": entry.data["date"] and dt.date.fromisoformat(entry.data["date"])
            }
            try:
                if entry.action == CREATE:
                    services.create_resolution(
                        municipalities[entry.data["municipality"]], values, actor=actor
                    )
                    continue
                resolution = stored[int(entry.ref.split(":")[1])]
                if entry.data.get("reason"):
                    resolution = services.correct_resolution_date(
                        resolution,
                        date=values["date"],
                        reason=entry.data["reason"],
                        expected_version=resolution.version,
                        actor=actor,
                    )
                services.update_resolution(
                    resolution, values, expected_version=resolution.version, actor=actor
                )
            except ValidationError as exc:
                raise refused_at_row(entry.row, exc) from exc
        return [Link(_("Übersicht der Beschlüsse"), scope.back_url)]

    def example(self) -> list[list[str]]:
        return [
            [
                "Raun",
                "Raunheim, Stadt",
                "06433010",
                "",
                "Stadtverordnetenversammlung",
                "12.12.2013",
                "Beschluss der Vertretung gefasst",
                "",
                "Drucksache 123/2013",
                "",
            ]
        ]

    def export(self, scope: Scope) -> Table:
        return resolutions_table(scope.obj)


register(Resolutions())
