"""Import kind "GV100AD": the platform office updates the municipal register from the Destatis file
through the pages (upload → check in chunks with a progress bar → preview of what changes →
confirm). The fixed-width file is read by ``ikz.lib.gv100ad``; the update itself is the same
service as ``manage.py import_gv100ad`` (``services.import_register``), with the whole file, so
sums, historical units and population figures come out exactly as on the command line
(decision 134)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ikz.accounts.models import User
from ikz.imports.registry import ImportKind, Link, Row, Scope, register
from ikz.imports.rules import CHANGE, CREATE, UNCHANGED, Entry, Problem
from ikz.lib import gv100ad
from ikz.lib.money import format_number
from ikz.lib.tables_in import Column, Records, TableError
from ikz.municipalities import access
from ikz.municipalities.models import Municipality
from ikz.municipalities.services.register import VERBANDSFREI, import_register

LINE = "Satz"
REGISTER_SCOPE = 0  # the register is one: every import of it has the scope 0
REF = "municipalities.municipality:"


@dataclass(frozen=True)
class Unit:
    """What the preview compares of a stored unit."""

    pk: int
    name: str
    area_ha: int | None
    population: int | None
    is_historical: bool

    @property
    def fingerprint(self) -> str:
        return f"{self.name}|{self.area_ha}|{self.population}|{self.is_historical}"


def units(**where: Any) -> dict[str, Unit]:
    """The stored units by key (one query)."""
    rows = Municipality.objects.filter(key__isnull=False, **where).values_list(
        "pk", "key", "name", "area_ha", "current_population__total", "is_historical"
    )
    return {
        key or "": Unit(pk, name, area, population, historical)
        for pk, key, name, area, population, historical in rows
    }


def _n(value: int | None) -> str:
    return "–" if value is None else format_number(value, 0)


def changes_of(record: gv100ad.Record, unit: Unit) -> list[str]:
    """What the file changes at a stored unit, in words (empty: nothing)."""
    changes = []
    if record.name != unit.name:
        changes.append(_("Name „%(old)s“ → „%(new)s“") % {"old": unit.name, "new": record.name})
    if record.satzart == "60" and record.area_ha is not None and record.area_ha != unit.area_ha:
        changes.append(
            _("Fläche %(old)s → %(new)s ha") % {"old": _n(unit.area_ha), "new": _n(record.area_ha)}
        )
    if record.satzart == "60" and record.population is not None and record.population != unit.population:
        changes.append(
            _("Einwohner %(old)s → %(new)s") % {"old": _n(unit.population), "new": _n(record.population)}
        )
    if unit.is_historical:
        changes.append(_("wieder im aktuellen Gebietsstand"))
    return changes


def check_record(row: Row, record: gv100ad.Record, by_key: dict[str, Unit]) -> Entry:
    """The plan entry of one record of the file."""
    label = f"{record.name} ({record.key})"
    key = f"{record.satzart}:{record.key}"
    data = {"line": row.values.get(LINE, "")}
    if record.satzart == "50" and record.textkennzeichen == VERBANDSFREI:
        return Entry(
            row.number,
            UNCHANGED,
            _("%(unit)s: verbandsfrei, die Gemeinde selbst") % {"unit": label},
            key,
            data=data,
        )
    unit = by_key.get(record.key)
    if unit is None:
        summary = _("neu: %(unit)s, %(level)s") % {
            "unit": label,
            "level": gv100ad.LEVEL_OF_SATZART[record.satzart],
        }
        return Entry(row.number, CREATE, summary, key, f"new:{record.key}", "", data)
    changes = changes_of(record, unit)
    action = CHANGE if changes else UNCHANGED
    summary = f"{label}: {'; '.join(changes)}" if changes else label
    return Entry(row.number, action, summary, key, f"{REF}{unit.pk}", unit.fingerprint, data)


class RegisterUpdate(ImportKind):
    slug = "gv100ad"
    label = _lazy("Gemeindeverzeichnis (GV100AD)")
    description = _lazy(
        "Die Datei GV100AD des Statistischen Bundesamtes (Festbreitenformat, z. B. GV100AD_30112025.txt) "
        "aktualisiert Namen, Flächen, Einwohnerzahlen und den Gebietsstand aller Kommunen. Die Vorschau "
        "zeigt, welche Einheiten neu sind und was sich ändert; Einheiten, die in einer neueren Datei "
        "fehlen, werden als nicht mehr bestehend markiert."
    )
    columns = (Column(LINE),)
    template_offered = False
    whole_file = True
    upload_hint = _lazy("Die GV100AD-Datei als Text (UTF-8 oder ISO-8859-1), wie Destatis sie liefert.")

    def scope(self, user: User, pk: int, *, write: bool) -> Scope:
        if pk != REGISTER_SCOPE:
            raise Http404
        access.check_update_register(user)
        return Scope(None, REGISTER_SCOPE, str(self.label), reverse("municipalities:municipality_list"))

    def read(self, filename: str, data: bytes) -> Records:
        """Every record of the file, checked as a whole first (a bad record: its line and reason)."""
        try:
            gv100ad.read(data)
        except gv100ad.RegisterError as exc:
            raise TableError(str(exc)) from exc
        text, _encoding = gv100ad.decode(data)
        numbered = [
            (number, line.removesuffix("\r"))
            for number, line in enumerate(text.split("\n"), start=1)
            if line.strip()
        ]
        return Records(
            header=[LINE],
            rows=[{LINE: line} for _number, line in numbered],
            numbers=[number for number, _line in numbered],
        )

    def prepare(self, scope: Scope) -> dict[str, Unit]:
        return units()

    def check(self, rows: Sequence[Row], context: Any) -> tuple[list[Entry], list[Problem]]:
        entries: list[Entry] = []
        problems: list[Problem] = []
        for row in rows:
            try:
                record = gv100ad.parse_line(row.number, row.values.get(LINE, ""))
            except gv100ad.RegisterError as exc:
                problems.append(Problem(row.number, LINE, exc.reason))
                continue
            entries.append(check_record(row, record, context))
        return entries, problems

    def current(self, scope: Scope, refs: Sequence[str]) -> dict[str, str]:
        pks = {int(ref.removeprefix(REF)) for ref in refs if ref.startswith(REF)}
        new = {ref.removeprefix("new:") for ref in refs if ref.startswith("new:")}
        stored = {unit.pk: unit for unit in units(pk__in=pks).values()} if pks else {}
        created = units(key__in=new) if new else {}
        now: dict[str, str] = {}
        for ref in refs:
            if ref.startswith(REF):
                unit = stored.get(int(ref.removeprefix(REF)))
                now[ref] = unit.fingerprint if unit else ""
            else:
                unit = created.get(ref.removeprefix("new:"))
                now[ref] = unit.fingerprint if unit else ""
        return now

    def apply(self, scope: Scope, entries: Sequence[Entry], *, actor: User) -> list[Link]:
        """The whole file through the register service (every record, in file order)."""
        text = "\n".join(e.data["line"] for e in sorted(entries, key=lambda e: e.row))
        try:
            summary = import_register(text.encode("utf-8"), actor=actor, file_name="(Seite Importe)")
        except gv100ad.RegisterError as exc:
            raise ValidationError(str(exc)) from exc
        return [
            Link(
                _("Kommunen (Gebietsstand %(day)s)") % {"day": f"{summary.gebietsstand:%d.%m.%Y}"},
                reverse("municipalities:municipality_list"),
            )
        ]


register(RegisterUpdate())
