"""Allocate a total to municipalities on the command line (nothing is stored).

    python manage.py allocate --total 80000 --base 10 --by population --stichtag 2024-12-31 06433010 06433007
    python manage.py allocate --total 80000 --by class --region SLUG --stichtag 2024-12-31 AGS …
    python manage.py allocate --total 5000 --by cases faelle.csv   # CSV: AGS;Fälle or AGS;Jahr;Fälle
    python manage.py allocate --total 100000 --by equal AGS AGS AGS --json

Bad input: the German message on stderr and exit status 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ikz.costs import rules
from ikz.costs.queries import populations_at
from ikz.lib.money import format_eur, format_number, to_decimal
from ikz.municipalities.models import Municipality, Region

KINDS = {
    "equal": rules.EQUAL,
    "population": rules.POPULATION,
    "class": rules.SIZE_CLASS,
    "cases": rules.CASES,
}


class Command(BaseCommand):
    help = (
        "Verteilt einen Betrag centgenau nach einem Umlageschlüssel und gibt die Tabelle aus "
        "(speichert nichts)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "ags", nargs="*", help="AGS der beteiligten Kommunen (bei --by cases zuerst die CSV-Datei)"
        )
        parser.add_argument("--total", required=True, help="Gesamtkosten in Euro, z. B. 80000 oder 80000,00")
        parser.add_argument("--base", default="0", help="Sockelbetrag in Prozent (zu gleichen Teilen)")
        parser.add_argument(
            "--by", required=True, choices=sorted(KINDS), help="Schlüssel nach dem Sockelbetrag"
        )
        parser.add_argument("--stichtag", help="Stichtag der Einwohnerzahl (JJJJ-MM-TT)")
        parser.add_argument("--region", help="Größenklassen dieser Region (Kurzname) für --by class")
        parser.add_argument("--classes", help="Größenklassen als von-bis=Gewicht, durch Komma getrennt")
        parser.add_argument("--fees", default="0", help="Gebühreneinnahmen, vorab abgezogen")
        parser.add_argument("--fines", default="0", help="Verwarnungs- und Bußgelder, vorab abgezogen")
        parser.add_argument("--grants", default="0", help="Fördermittel, vorab abgezogen")
        parser.add_argument(
            "--cap", action="append", default=[], help="Höchstbetrag AGS=Betrag (0 = befreit)"
        )
        parser.add_argument("--json", action="store_true", help="maschinenlesbare Ausgabe")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = self._calculate(options)
        except (rules.AllocationError, ValueError) as exc:
            messages = exc.messages if isinstance(exc, rules.AllocationError) else [str(exc)]
            raise CommandError("\n".join(messages)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(_as_json(result, options), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_as_table(result, options))

    def _calculate(self, options: dict[str, Any]) -> rules.Result:
        kind = KINDS[options["by"]]
        ags_list = list(options["ags"])
        cases: dict[str, dict[int, Decimal]] = {}
        if kind == rules.CASES:
            if not ags_list:
                raise ValueError("Bei --by cases bitte die CSV-Datei mit den Fallzahlen angeben (AGS;Fälle).")
            cases = _read_cases(Path(ags_list.pop(0)))
            ags_list = ags_list or list(cases)
        if not ags_list:
            raise ValueError("Bitte die AGS der beteiligten Kommunen angeben.")
        total, base = _amount(options["total"], "--total"), _amount(options["base"], "--base")
        stichtag = _date(options["stichtag"]) if options["stichtag"] else None
        if kind in (rules.POPULATION, rules.SIZE_CLASS) and stichtag is None:
            raise ValueError("Bitte mit --stichtag angeben, welcher Stichtag der Einwohnerzahl gilt.")
        units = {m.key: m for m in Municipality.objects.filter(key__in=ags_list)}
        unknown = [a for a in dict.fromkeys(ags_list) if a not in units]
        if unknown:
            raise ValueError(f"Unbekannter AGS: {', '.join(unknown)}")
        populations = populations_at(list(units.values()), stichtag)
        caps = _caps(options["cap"])
        parties = [
            rules.Party(
                ags=a,
                name=units[a].name,
                population=populations.get(units[a].pk),
                cases=cases.get(a, {}),
                cap=caps.get(a),
            )
            for a in ags_list
        ]
        key = rules.Key(
            components=(rules.Component(kind),),
            base_percent=base,
            classes=_classes(options) if kind == rules.SIZE_CLASS else (),
            case_years=tuple(sorted({y for years in cases.values() for y in years})),
        )
        income = rules.Income(
            fees=_amount(options["fees"], "--fees"),
            fines=_amount(options["fines"], "--fines"),
            grants=_amount(options["grants"], "--grants"),
        )
        return rules.calculate(total, key, parties, income)


def _amount(text: str, name: str) -> Decimal:
    try:
        return to_decimal(text)
    except ValueError as exc:
        raise ValueError(f"{name}: „{text}“ ist kein Betrag.") from exc


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"--stichtag: „{text}“ ist kein Datum (JJJJ-MM-TT).") from exc


def _caps(values: list[str]) -> dict[str, Decimal]:
    caps = {}
    for value in values:
        ags, _sep, amount = value.partition("=")
        if not amount:
            raise ValueError(f"--cap: bitte AGS=Betrag angeben, nicht „{value}“.")
        caps[ags.strip()] = _amount(amount, "--cap")
    return caps


def _read_cases(path: Path) -> dict[str, dict[int, Decimal]]:
    """``AGS;Fälle`` per line, or ``AGS;Jahr;Fälle`` for several years (their average counts)."""
    if not path.exists():
        raise ValueError(f"Datei nicht gefunden: {path}")
    cases: dict[str, dict[int, Decimal]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter=";"), start=1):
            cells = [cell.strip() for cell in row]
            if not cells or not cells[0] or cells[0].upper() == "AGS":
                continue
            if len(cells) not in (2, 3):
                raise ValueError(f"{path}, Zeile {number}: bitte AGS;Fälle oder AGS;Jahr;Fälle.")
            ags, value = cells[0], cells[-1]
            year = 0
            if len(cells) == 3:
                if not cells[1].isdigit():
                    raise ValueError(f"{path}, Zeile {number}: „{cells[1]}“ ist kein Jahr.")
                year = int(cells[1])
            if year in cases.get(ags, {}):
                raise ValueError(f"Der AGS {ags} ist doppelt angegeben ({path}, Zeile {number}).")
            try:
                cases.setdefault(ags, {})[year] = to_decimal(value)
            except (ValueError, InvalidOperation) as exc:
                raise ValueError(f"{path}, Zeile {number}: „{value}“ ist keine Zahl.") from exc
    return cases


def _classes(options: dict[str, Any]) -> tuple[rules.SizeClass, ...]:
    if options["classes"]:
        classes = []
        for part in options["classes"].split(","):
            bounds, _sep, weight = part.partition("=")
            lower, _dash, upper = bounds.partition("-")
            try:
                classes.append(
                    rules.SizeClass(
                        bounds.strip(), int(lower), int(upper) if upper.strip() else None, to_decimal(weight)
                    )
                )
            except ValueError as exc:
                raise ValueError(f"--classes: „{part}“ bitte als von-bis=Gewicht angeben.") from exc
        return tuple(classes)
    if options["region"]:
        region = Region.objects.filter(slug=options["region"]).first()
        if region is None:
            raise ValueError(f"Unbekannte Region: {options['region']}")
        return rules.contiguous_classes(
            [(row.label, row.lower) for row in region.size_classes.order_by("lower")]
        )
    raise ValueError("Für --by class bitte --region oder --classes angeben.")


def _as_json(result: rules.Result, options: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": result.description,
        "stichtag": options["stichtag"],
        "total": str(result.total),
        "income": str(result.income.total),
        "net": str(result.net),
        "sum": str(result.sum),
        "shares": [
            {
                "ags": s.ags,
                "name": s.name,
                "key_value": s.key_value,
                "percent": str(s.percent),
                "exact": str(s.exact_display),
                "amount": str(s.amount),
                "adjustment": str(s.adjustment),
                "formula": s.formula,
            }
            for s in result.shares
        ],
    }


def _as_table(result: rules.Result, options: dict[str, Any]) -> str:
    head = ["AGS", "Kommune", "Schlüsselwert", "Anteil", "exakt", "Betrag", "Rundung"]
    rows = [
        [
            s.ags,
            s.name,
            s.key_value,
            f"{format_number(s.percent, 4)} %",
            format_eur(s.exact_display, 4),
            format_eur(s.amount),
            format_eur(s.adjustment, 4),
        ]
        for s in result.shares
    ]
    rows.append(["", "Summe", "", "", "", format_eur(result.sum), ""])
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    numeric = {3, 4, 5, 6}
    lines = [
        f"Schlüssel: {result.description}",
        f"Stichtag der Einwohnerzahl: {options['stichtag'] or '–'}",
        f"Gesamtkosten {format_eur(result.total)} − Einnahmen {format_eur(result.income.total)} = "
        f"zu verteilen {format_eur(result.net)}",
        "",
    ]
    for row in [head, *rows]:
        lines.append(
            "  ".join(
                str(cell).rjust(widths[i]) if i in numeric else str(cell).ljust(widths[i])
                for i, cell in enumerate(row)
            ).rstrip()
        )
    return "\n".join(lines)
