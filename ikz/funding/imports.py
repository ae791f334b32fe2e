"""Import kind "Förderprogramme": programmes from an XLSX or CSV table (e.g. an export of the
federal Förderdatenbank completed by hand), one row per programme, the value lists by their
federal labels ("Zuschuss; Darlehen"). A row whose programme exists changes it; a new name
creates one, kept by the importing office's region. Through ``services.save_programme``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ikz.accounts.models import User
from ikz.funding import access, rules, services
from ikz.funding.models import Programme
from ikz.imports.registry import ImportKind, Link, Row, Scope, register
from ikz.imports.rules import CHANGE, CREATE, UNCHANGED, Entry, Problem
from ikz.lib.exports import Table
from ikz.lib.tables_in import Column, parse_decimal

NAME, SHORT, GIVER, GIVER_NAME = "Programm", "Kurzbeschreibung", "Fördergeber", "Zuwendungsgeber"
KINDS, AREAS, ELIGIBLE, TERRITORIES = "Förderart", "Förderbereich", "Förderberechtigte", "Fördergebiet"
RATE, MAXIMUM, MIN_POP, MAX_POP = "Förderquote (%)", "Höchstbetrag", "Einwohner ab", "Einwohner bis"
PARTNERS, EXCLUSIONS, URL = "Mindestzahl Kommunen", "Ausschlüsse", "Fundstelle"
LIST_COLUMNS = {KINDS: "kinds", AREAS: "areas", ELIGIBLE: "eligible", TERRITORIES: "territories"}
FIELDS = ["short", "giver", "giver_name", *LIST_COLUMNS.values(), "rate_percent", "max_amount"]
FIELDS += ["min_population", "max_population", "min_partners", "exclusions", "url"]


def _list(row: Row, column: str, problems: list[Problem]) -> list[str]:
    values = rules.LISTS[LIST_COLUMNS[column]]
    codes = []
    for part in row.get(column).replace(",", ";").split(";"):
        if not part.strip():
            continue
        code = rules.code_of(part, values)
        if code is None:
            problems.append(
                Problem(
                    row.number,
                    column,
                    _("„%(v)s“ steht nicht in der Werteliste des Bundes.") % {"v": part.strip()},
                )
            )
        else:
            codes.append(code)
    return codes


def _number(row: Row, column: str, problems: list[Problem], *, whole: bool = False) -> str | None:
    text = row.get(column)
    if not text:
        return None
    try:
        value = parse_decimal(text)
    except ValueError:
        problems.append(Problem(row.number, column, _("„%(v)s“ ist keine Zahl.") % {"v": text[:40]}))
        return None
    if value < 0 or (whole and value != value.to_integral_value()):
        problems.append(Problem(row.number, column, _("Bitte eine Zahl ab 0 angeben.")))
        return None
    return str(int(value)) if whole else str(value)


def values_of(programme: Programme) -> dict[str, Any]:
    return {
        name: str(getattr(programme, name)) if getattr(programme, name) is not None else None
        for name in FIELDS
        if name not in LIST_COLUMNS.values()
    } | {name: list(getattr(programme, name)) for name in LIST_COLUMNS.values()}


def _norm(value: Any) -> str:
    """Numbers as the same text whether stored ("100000.00") or read ("100000")."""
    if isinstance(value, str):
        try:
            return str(Decimal(value).normalize())
        except ArithmeticError:
            return value
    return str(value)


def fingerprint(data: dict[str, Any]) -> str:
    return repr(sorted((k, _norm(v)) for k, v in data.items() if k != "name"))


@dataclass
class Context:
    stored: dict[str, Programme]  # by name, casefolded


def check_row(row: Row, context: Context) -> tuple[Entry | None, list[Problem]]:
    problems: list[Problem] = []
    name = row.get(NAME)
    if not name:
        problems.append(Problem(row.number, NAME, _("Bitte den Namen des Programms angeben.")))
    giver = rules.code_of(row.get(GIVER), rules.GIVERS)
    if giver is None:
        problems.append(Problem(row.number, GIVER, _("Bitte „Bund“, „EU“ oder „Land“ angeben.")))
    data: dict[str, Any] = {
        "short": row.get(SHORT),
        "giver": giver,
        "giver_name": row.get(GIVER_NAME),
        **{field: _list(row, column, problems) for column, field in LIST_COLUMNS.items()},
        "rate_percent": _number(row, RATE, problems),
        "max_amount": _number(row, MAXIMUM, problems),
        "min_population": _number(row, MIN_POP, problems, whole=True),
        "max_population": _number(row, MAX_POP, problems, whole=True),
        "min_partners": _number(row, PARTNERS, problems, whole=True) or "0",
        "exclusions": row.get(EXCLUSIONS),
        "url": row.get(URL),
    }
    if data["rate_percent"] is not None and Decimal(data["rate_percent"]) > 100:
        problems.append(Problem(row.number, RATE, _("Die Förderquote liegt zwischen 0 und 100 %.")))
    if problems:
        return None, problems
    existing = context.stored.get(name.casefold())
    data["name"] = name
    if existing is None:
        return Entry(
            row.number, CREATE, _("Neues Programm: %(n)s") % {"n": name}, name, f"new:{name}", "", data
        ), []
    old = values_of(existing)
    new = {k: v for k, v in data.items() if k != "name"}
    action = UNCHANGED if fingerprint(old) == fingerprint(new) else CHANGE
    ref = f"funding.programme:{existing.pk}"
    return Entry(
        row.number, action, _("Programm: %(n)s") % {"n": name}, name, ref, fingerprint(old), data
    ), []


class Programmes(ImportKind):
    slug = "foerderprogramme"
    label = _lazy("Förderprogramme")
    description = _lazy(
        "Eine Zeile je Programm; Förderart, Förderbereich, Förderberechtigte und Fördergebiet mit den "
        "Bezeichnungen der Förderdatenbank des Bundes, mehrere durch Semikolon getrennt."
    )
    columns = (
        Column(NAME),
        Column(SHORT, required=False),
        Column(GIVER, help=_lazy("Bund, EU oder Land")),
        Column(GIVER_NAME, required=False),
        Column(KINDS, required=False, help=_lazy("z. B. Zuschuss; Darlehen")),
        Column(AREAS, required=False, help=_lazy("z. B. Digitalisierung; Regionalförderung")),
        Column(ELIGIBLE, required=False, help=_lazy("z. B. Kommune")),
        Column(TERRITORIES, required=False, help=_lazy("bundesweit oder Länder, z. B. Hessen")),
        Column(RATE, required=False),
        Column(MAXIMUM, required=False),
        Column(MIN_POP, required=False),
        Column(MAX_POP, required=False),
        Column(PARTNERS, required=False, help=_lazy("0: auch Einzelanträge")),
        Column(EXCLUSIONS, required=False),
        Column(URL, required=False),
    )
    exports = True

    def scope(self, user: User, pk: int, *, write: bool) -> Scope:
        region = access.get_import_region_for(user, pk, write=write)
        return Scope(
            region,
            region.pk,
            _("Förderprogramme: %(r)s") % {"r": region.name},
            reverse("funding:programme_list"),
        )

    def prepare(self, scope: Scope) -> Context:
        return Context({p.name.casefold(): p for p in Programme.objects.all()})

    def check_row(self, row: Row, context: Any) -> tuple[Entry | None, list[Problem]]:
        return check_row(row, context)

    def current(self, scope: Scope, refs: Sequence[str]) -> dict[str, str]:
        result = {}
        for programme in Programme.objects.all():
            result[f"funding.programme:{programme.pk}"] = fingerprint(values_of(programme))
            result[f"new:{programme.name}"] = fingerprint(values_of(programme))
        return result

    def apply(self, scope: Scope, entries: Sequence[Entry], *, actor: User) -> list[Link]:
        links = []
        for entry in entries:
            data: dict[str, Any] = dict(entry.data)
            for name in ("rate_percent", "max_amount"):
                data[name] = None if data[name] is None else Decimal(str(data[name]))
            for name in ("min_population", "max_population", "min_partners"):
                data[name] = None if data[name] is None else int(str(data[name]))
            existing = Programme.objects.filter(name__iexact=data["name"]).first()
            if existing is None:
                saved = services.save_programme(
                    {**data, "region": scope.obj}, actor=actor, message=_("Import von Förderprogrammen")
                )
            else:
                saved = services.save_programme(
                    data,
                    existing.cooperation_fields.all(),
                    actor=actor,
                    programme=existing,
                    expected_version=existing.version,
                    message=_("Import von Förderprogrammen"),
                )
            links.append(Link(saved.name, saved.get_absolute_url()))
        return links

    def example(self) -> list[list[str]]:
        return [
            [
                "Förderung der Interkommunalen Zusammenarbeit in Hessen",
                "Zuwendungen für neue IKZ",
                "Land",
                "Hessisches Ministerium des Innern",
                "Zuschuss",
                "Regionalförderung",
                "Kommune",
                "Hessen",
                "",
                "100.000",
                "",
                "",
                "3",
                "mindestens 5 Jahre",
                "https://beratungszentrum.hessen.de",
            ]
        ]

    def export(self, scope: Scope) -> Table:
        rows: list[list[Any]] = []
        for p in Programme.objects.order_by("name"):
            rows.append(
                [
                    p.name,
                    p.short,
                    rules.GIVERS.get(p.giver, p.giver),
                    p.giver_name,
                    *("; ".join(rules.labels(getattr(p, f), rules.LISTS[f])) for f in LIST_COLUMNS.values()),
                    p.rate_percent if p.rate_percent is not None else "",
                    p.max_amount if p.max_amount is not None else "",
                    p.min_population if p.min_population is not None else "",
                    p.max_population if p.max_population is not None else "",
                    p.min_partners,
                    p.exclusions,
                    p.url,
                ]
            )
        return Table(
            title=_("Förderprogramme"),
            subtitle=scope.label,
            columns=[c.name for c in self.columns],
            rows=rows,
        )


register(Programmes())
