"""Seed 003's money: cost keys, a released allocation per key, IKZ grants, savings, a staffing sheet.

From the seed: Fördermittelmanagement "gemeinsame Finanzierung (10 % Sockelbetrag + 90 %
EW-Größenklasse)" and "150.000 € IKZ-Fördermittel"; Kommunales Vergabezentrum costs "im
Verhältnis zu ihrer Einwohnerzahl", "100.000 € IKZ-Fördermittel", "2,75 Stellen"; ProstSchG costs
"aus Gebühreneinnahmen, Verwarnungs- und Bußgeldern gemeinsam gedeckt", "100.000 €
IKZ-Fördermittel"; Strom- und Gaseinkauf "finanzielle Einsparung 2016/17: 4,482 Mio. €"; the
press article's "jährlich insgesamt … einer halben Million Euro". The Hessen programme's rules
come from domain-reference § 4.

Not in the seed, and marked illustrative wherever shown: the weights of the size classes, every
yearly total and income, the case numbers and minutes of the staffing sheet, the costs per
position (KGSt tables are sold to members; domain-reference § 7 gives only the method and the
overhead rates). Idempotent: what exists is left alone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ikz.cooperation.models import Cooperation
from ikz.costs import rules, services
from ikz.costs.forms import region_classes
from ikz.costs.models import (
    Allocation,
    AllocationKey,
    GrantApplication,
    GrantProgramme,
    PositionCost,
    SavingsEntry,
    StaffingStudy,
)
from ikz.demo import citations, operating
from ikz.demo.context import DemoContext

STICHTAG = dt.date(2024, 12, 31)
SEED = citations.talk("B) IKZ-Projekte und realisierte Kooperationen")
ILLUSTRATIVE = "Illustrativ (nicht in der Quelle)"

HESSEN = {
    "name": "Förderung der Interkommunalen Zusammenarbeit in Hessen (Rahmenvereinbarung vom 7.12.2021)",
    "giver": "Hessisches Ministerium des Innern (Landesausgleichsstock); Beratung: KIKZ",
    "min_participants": 3,
    "min_duration_years": 5,
    "min_savings_percent": Decimal(15),
    "tiers": [
        {"min_participants": 2, "amount": "50000"},
        {"min_participants": 3, "amount": "75000"},
        {"min_participants": 4, "amount": "100000"},
    ],
    "valid_from": dt.date(2021, 12, 7),
    "source": "beratungszentrum.hessen.de (Fördervoraussetzung, Förderhöhe); domain-reference § 4 (✔)",
    "notes": "In der Regel mindestens 3 Kommunen (2 nur in begründeten Ausnahmen); auf Dauer, mindestens "
    "5 Jahre; Einsparung mindestens 15 % je Jahr der Personal- und Sachausgaben; Regelzuwendung 2 Kommunen "
    "50.000 €, 3 Kommunen 75.000 €, mehr als 3 Kommunen 100.000 €; weitreichende Kooperationen mit "
    "Modellcharakter auch mehr (Groß-Gerau Fördermittelmanagement: 150.000 €). Die Förderseite kann vor den "
    "Änderungen von 2021 stehen; Prüfdatum der Angaben nicht überliefert.",
}

# (title, key values, year, total, fees, fines, grant) — totals and income illustrative
KEYS: list[tuple[str, dict[str, object], int, Decimal, Decimal, Decimal]] = [
    (
        "Fördermittelmanagement",
        {
            "kind": "size_class",
            "base_percent": Decimal(10),
            "clause": "gemeinsame Finanzierung (10 % Sockelbetrag + 90 % EW-Größenklasse) – "
            "Vortrag „IKZ mit System“ 2023; "
            "Klassen der Region lückenlos gemacht, Gewichte 1 bis 6 illustrativ",
            "illustrative": True,
        },
        2024,
        Decimal("98000.00"),
        Decimal(0),
        Decimal(0),
    ),
    (
        "Kommunales Vergabezentrum",
        {
            "kind": "population",
            "base_percent": Decimal(0),
            "caps": {"06433": "0"},
            "clause": "„Die Kosten … werden durch die Städte und Gemeinden des Kreises im Verhältnis "
            "zu ihrer Einwohnerzahl getragen“ – KOINNO-Praxisbeispiel 2018; "
            "der Kreis als Sitz des KVZ trägt keinen Anteil",
            "illustrative": False,
        },
        2024,
        Decimal("265000.00"),
        Decimal(0),
        Decimal(0),
    ),
    (
        "Umsetzung ProstSchG",
        {
            "kind": "equal",
            "base_percent": Decimal(0),
            "clause": "Kosten für Personal- und Sachmittel „von Kommunen und Kreis aus Gebühreneinnahmen, "
            "Verwarnungs- und Bußgeldern gemeinsam gedeckt“ – Presseartikel zum ProstSchG; "
            "der ungedeckte Rest zu "
            "gleichen Teilen ist illustrativ",
            "illustrative": True,
        },
        2024,
        Decimal("142000.00"),
        Decimal("38500.00"),
        Decimal("6200.00"),
    ),
]

GRANTS = [
    ("Kommunales Vergabezentrum", Decimal(100000)),
    ("Umsetzung ProstSchG", Decimal(100000)),
    ("Fördermittelmanagement", Decimal(150000)),
]

SAVINGS = [
    (
        "Strom- und Gaseinkauf",
        2016,
        2017,
        Decimal("4482000.00"),
        "prices",
        "„finanzielle Einsparung 2016/17: 4,482 Mio. €“",
        "Reduzierung Personal- und Verwaltungsaufwand in den Kommunen durch zentralen Know-how-Aufbau "
        "und zentrale Durchführung des komplexen Verfahrens; "
        "einheitliches Vertragsmanagement für alle Kommunen",
        SEED,
        False,
    ),
    (
        "Kommunales Vergabezentrum",
        2019,
        2019,
        Decimal("500000.00"),
        "prices",
        "Presseartikel: Beschaffung von Büromaterial und Feuerwehrausrüstung „unter dem Strich Einsparungen "
        "in Höhe von jährlich insgesamt einer halben Million Euro“; Auszeichnung „Spar-Euro 2019“",
        "Qualität der Beschaffungsverfahren; Rechtssicherheit; Vertretung bei Krankheit und Urlaub; "
        "eVergabe ohne Einführungsaufwand in jeder Kommune; strategische Beschaffung (Nachhaltigkeit)",
        f"{citations.PRESS_NATURE} (jährlich rd. 0,5 Mio. €); Zuordnung zum Jahr 2019 illustrativ",
        True,
    ),
]

GRADES = [
    ("EG 9b TVöD", Decimal("68500.00")),
    ("EG 10 TVöD", Decimal("73500.00")),
    ("EG 11 TVöD", Decimal("78000.00")),
]


def _key(ctx: DemoContext, coop: Cooperation, values: dict[str, object]) -> None:
    if AllocationKey.objects.filter(cooperation=coop).exists():
        return
    key_values = dict(values) | {"stichtag": STICHTAG}
    if values["kind"] == "size_class":
        key_values["size_classes"] = region_classes(coop)
    services.save_key(coop, key_values, actor=None, message="Demodaten")
    ctx.summary.add("Umlageschlüssel")


def _allocation(
    ctx: DemoContext, coop: Cooperation, year: int, total: Decimal, fees: Decimal, fines: Decimal
) -> None:
    if Allocation.objects.filter(cooperation=coop, year=year).exists():
        return
    allocation = services.create_allocation(
        coop,
        year,
        {"total": total, "fees": fees, "fines": fines, "illustrative": True, "note": ILLUSTRATIVE},
        actor=None,
        message="Demodaten",
    )
    services.release(allocation, expected_version=allocation.version, actor=None, message="Demodaten")
    ctx.summary.add("Umlagen")


def _grants(ctx: DemoContext) -> None:
    programme = GrantProgramme.objects.filter(name=HESSEN["name"]).first()
    if programme is None:  # through the programme page's service (decision 119)
        rows: Any = HESSEN["tiers"]
        tiers = [rules.GrantTier(int(t["min_participants"]), Decimal(t["amount"])) for t in rows]
        programme = services.save_programme(HESSEN, tiers, actor=None)
        ctx.summary.add("Förderprogramme")
    for title, amount in GRANTS:
        coop = operating.ensure_cooperation(ctx, operating.by_title(title))
        if GrantApplication.objects.filter(cooperation=coop, programme=programme).exists():
            continue
        services.create_grant_application(
            coop,
            {
                "programme": programme,
                "status": "awarded",
                "amount_awarded": amount,
                "duration_years": 5,
                "source": f"{citations.TALK_SHORT}: „{amount:,.0f} € IKZ-Fördermittel“".replace(",", "."),
                "note": "Antrags- und Bewilligungsdatum nicht in der Quelle.",
            },
            actor=None,
            message="Demodaten",
        )
        ctx.summary.add("Förderanträge")


def _savings(ctx: DemoContext) -> None:
    for title, start, end, amount, kind, evidence, effects, source, illustrative in SAVINGS:
        coop = operating.ensure_cooperation(ctx, operating.by_title(title))
        if SavingsEntry.objects.filter(cooperation=coop, year_from=start, year_to=end).exists():
            continue
        services.add_savings(
            coop,
            {
                "year_from": start,
                "year_to": end,
                "amount": amount,
                "kind": kind,
                "evidence": evidence,
                "non_monetary": effects,
                "source": source,
                "illustrative": illustrative,
            },
            actor=None,
            message="Demodaten",
        )
        ctx.summary.add("Einsparungen")


def _staffing(ctx: DemoContext) -> None:
    for grade, personnel in GRADES:
        if not PositionCost.objects.filter(pay_grade=grade, year=2024).exists():
            PositionCost.objects.create(
                pay_grade=grade,
                year=2024,
                personnel_cost=personnel,
                material_cost=Decimal("9900.00"),
                overhead_percent=Decimal(20),
                source="Illustrativ: Methode KGSt „Kosten eines Arbeitsplatzes“ (Gemeinkosten 10 % + 10 % ✔, "
                "domain-reference § 7); Personal- und Sachkosten nicht geprüft",
                mark="✖",
            )
    # domain-reference § 7: KGSt 2006/2007, €47.70 per hour full cost of a Beamter gehobener Dienst
    # (West) — an old value, for illustration only; as a yearly figure at the study's 1,600 hours.
    if not PositionCost.objects.filter(pay_grade="gehobener Dienst (Beamte)", year=2007).exists():
        PositionCost.objects.create(
            pay_grade="gehobener Dienst (Beamte)",
            year=2007,
            personnel_cost=Decimal("76320.00"),
            material_cost=Decimal(0),
            overhead_percent=Decimal(0),
            source="KGSt 2006/2007: 47,70 €/h Vollkosten Beamter gehobener Dienst (West), × 1.600 h; "
            "alter Wert, nur zur Veranschaulichung (domain-reference § 7)",
            mark="◐",
        )
    coop = operating.ensure_cooperation(ctx, operating.by_title("Kommunales Vergabezentrum"))
    if StaffingStudy.objects.filter(cooperation=coop).exists():
        return
    municipalities = services.participants_of(coop)
    grades = {g.pay_grade: g for g in PositionCost.objects.filter(year=2024)}
    # 440 procedures × 600 minutes = 264,000 minutes ÷ (1,600 h × 60) = 2.75 positions (the seed's figure)
    procedures = [46, 42, 40, 38, 36, 34, 32, 32, 30, 28, 28, 28, 26]
    rows = [
        services.WorkloadInput(m, Decimal(n), Decimal(600), Decimal("0.30"), grades["EG 9b TVöD"])
        for m, n in zip(municipalities, procedures, strict=False)
    ]
    services.save_staffing(
        coop,
        {
            "task": "Vergabeverfahren der Kommunen (Machbarkeitsstudie 2016)",
            "net_hours_per_fte": Decimal(1600),
            "hours_source": "Annahme (domain-reference § 7: rd. 1.600 h plausibel, "
            "kein aktueller KGSt-Wert geprüft ✖)",
            "pooled_grade": grades["EG 10 TVöD"],
            "overhead": Decimal("15000.00"),
            "fte_step": Decimal("0.25"),
            "note": "Ergebnis der Quelle: „die für das KVZ zusätzlich erforderlichen 2,75 Stellen“ "
            "(Vortrag „IKZ mit System“ 2023). Fallzahlen, Minuten und Stellenanteile heute sind illustrativ.",
            "illustrative": True,
        },
        rows,
        actor=None,
        message="Demodaten",
    )
    ctx.summary.add("Personalbemessungen")


def load(ctx: DemoContext) -> None:
    for title, values, year, total, fees, fines in KEYS:
        coop = operating.ensure_cooperation(ctx, operating.by_title(title))
        _key(ctx, coop, values)
        _allocation(ctx, coop, year, total, fees, fines)
    _grants(ctx)
    _savings(ctx)
    _staffing(ctx)
