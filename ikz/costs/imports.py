"""Import kind "Fallzahlen": the case numbers of a cooperation's cost key (AGS, Jahr, Fälle), in
the format of its own export; replaces the "AGS;Jahr;Anzahl" text box of the key form. Rows name
a participating municipality and a year; numbers already stored and not in the file stay."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ikz.accounts.models import User
from ikz.cooperation.models import Cooperation
from ikz.costs import access, queries, services
from ikz.costs.models import AllocationKey, CaseCount
from ikz.imports.registry import ImportKind, Link, Row, Scope, register
from ikz.imports.rules import CHANGE, CREATE, UNCHANGED, Entry, Problem
from ikz.lib.exports import Table
from ikz.lib.money import format_number
from ikz.lib.tables_in import Column, parse_decimal
from ikz.municipalities.models import Municipality

AGS, NAME, YEAR, CASES = "AGS", "Kommune", "Jahr", "Fälle"
MAX_CASES = Decimal("9999999999.99")


def fingerprint(value: Decimal | None) -> str:
    return "" if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def shown(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value.normalize()


@dataclass
class Context:
    cooperation: Cooperation
    by_ags: dict[str, Municipality]
    stored: dict[tuple[int, int], tuple[int, Decimal]]  # (municipality, year) → (pk, cases)


def check_row(row: Row, context: Context) -> tuple[Entry | None, list[Problem]]:
    """The plan entry of one row, or its problems (pure, given the context)."""
    problems = []
    municipality = context.by_ags.get(row.get(AGS))
    if municipality is None:
        problems.append(
            Problem(
                row.number,
                AGS,
                _("„%(v)s“ ist keine an der Kooperation beteiligte Kommune.") % {"v": row.get(AGS)},
            )
        )
    year_text = row.get(YEAR)
    year = int(year_text) if year_text.isdigit() else 0
    if not 1990 <= year <= 2100:
        problems.append(Problem(row.number, YEAR, _("„%(v)s“ ist kein Jahr (1990–2100).") % {"v": year_text}))
    try:
        cases = parse_decimal(row.get(CASES))
    except ValueError:
        problems.append(Problem(row.number, CASES, _("„%(v)s“ ist keine Zahl.") % {"v": row.get(CASES)}))
        cases = Decimal(0)
    if cases < 0 or cases > MAX_CASES or cases != cases.quantize(Decimal("0.01")):
        problems.append(
            Problem(row.number, CASES, _("Bitte eine Zahl ab 0 mit höchstens zwei Nachkommastellen."))
        )
    if problems or municipality is None:
        return None, problems
    pk, old = context.stored.get((municipality.pk, year), (0, None))
    label = f"{municipality.name} ({municipality.key}) {year}"
    if old is None:
        action, summary = (
            CREATE,
            _("%(what)s: %(new)s Fälle") % {"what": label, "new": format_number(cases, 2)},
        )
    else:
        action = UNCHANGED if old == cases else CHANGE
        summary = _("%(what)s: %(old)s → %(new)s Fälle") % {
            "what": label,
            "old": format_number(old, 2),
            "new": format_number(cases, 2),
        }
    ref = f"costs.casecount:{pk}" if pk else f"new:{municipality.pk}:{year}"
    data = {"municipality": municipality.pk, "year": year, "cases": str(cases)}
    return Entry(row.number, action, summary, f"{municipality.key}/{year}", ref, fingerprint(old), data), []


class CaseNumbers(ImportKind):
    slug = "fallzahlen"
    label = _lazy("Fallzahlen für den Umlageschlüssel")
    description = _lazy(
        "Eine Zeile je Kommune und Jahr. Bereits gespeicherte Fallzahlen, die nicht in der Datei "
        "stehen, bleiben erhalten."
    )
    columns = (
        Column(AGS, help=_lazy("Amtlicher Gemeindeschlüssel einer beteiligten Kommune, 8 Ziffern")),
        Column(NAME, required=False, help=_lazy("nur zur Orientierung, wird nicht eingelesen")),
        Column(YEAR, help=_lazy("z. B. 2023")),
        Column(CASES, help=_lazy("Anzahl der Fälle, z. B. 1.250 oder 12,5")),
    )
    exports = True

    def scope(self, user: User, pk: int, *, write: bool) -> Scope:
        cooperation, _view = access.get_cooperation_for(user, pk, write=write)
        return Scope(
            cooperation,
            cooperation.pk,
            _("Fallzahlen: %(title)s") % {"title": cooperation.title},
            reverse("costs:key_edit", args=[cooperation.pk]),
        )

    def prepare(self, scope: Scope) -> Context:
        cooperation = scope.obj
        return Context(
            cooperation,
            {m.key: m for m in queries.participants_of(cooperation) if m.key},
            {
                (m, y): (pk, cases)
                for pk, m, y, cases in CaseCount.objects.filter(cooperation=cooperation).values_list(
                    "pk", "municipality_id", "year", "cases"
                )
            },
        )

    def check_row(self, row: Row, context: Any) -> tuple[Entry | None, list[Problem]]:
        return check_row(row, context)

    def current(self, scope: Scope, refs: Sequence[str]) -> dict[str, str]:
        stored = self.prepare(scope).stored
        result = {}
        for (municipality, year), (pk, cases) in stored.items():
            result[f"costs.casecount:{pk}"] = fingerprint(cases)
            result[f"new:{municipality}:{year}"] = fingerprint(cases)
        return result

    def apply(self, scope: Scope, entries: Sequence[Entry], *, actor: User) -> list[Link]:
        by_pk = Municipality.objects.in_bulk([e.data["municipality"] for e in entries])
        rows = [
            services.CaseRow(by_pk[e.data["municipality"]], int(e.data["year"]), Decimal(e.data["cases"]))
            for e in entries
        ]
        services.import_case_counts(scope.obj, rows, actor=actor, message=_("Import von Fallzahlen"))
        return [Link(_("Umlageschlüssel und Fallzahlen"), scope.back_url)]

    def example(self) -> list[list[str]]:
        return [["06433010", "Raunheim, Stadt", "2023", "1.250"]]

    def export(self, scope: Scope) -> Table:
        return Table(
            title=_("Fallzahlen"),
            subtitle=scope.obj.title,
            columns=[c.name for c in self.columns],
            rows=[
                [c.municipality.key, c.municipality.name, c.year, shown(c.cases)]
                for c in CaseCount.objects.filter(cooperation=scope.obj)
                .select_related("municipality")
                .order_by("municipality__key", "year")
            ],
        )

    def audit_object(self, scope: Scope, ref: str) -> Model | None:
        return AllocationKey.objects.filter(cooperation=scope.obj).first() or scope.obj


register(CaseNumbers())
