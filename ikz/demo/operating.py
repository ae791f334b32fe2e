"""Seed 003, part B: the operating cooperations that came out of IKZ projects, as data.

One shared source for every part of the demo that needs them: the projects demo creates them in
the inventory (with legal form, host, start, term, staff, participants), the money demo attaches
cost keys, grants and savings to them by ``title``. Only this module names them.

What the seed states is marked in ``facts``; what the seed does not give (which 13 of the 15
municipalities, the host where none is named, the notice period, the year two members joined)
is illustrative, chosen once here and marked ``ILLUSTRATIVE`` so that pages and notes can say so.
Labels are the member short labels of ``data.REGION_MEMBERS`` (Rüss, Raun, …, Kreis).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ikz.cooperation.models import Cooperation, CooperationField, ParticipantStatus
from ikz.cooperation.services import ParticipantRow, save_cooperation
from ikz.demo import citations
from ikz.demo.context import DemoContext

SOURCE = citations.talk("B) IKZ-Projekte und realisierte Kooperationen")
ILLUSTRATIVE = "Illustrativ (nicht in der Quelle)"

ALL_LABELS = [
    "Rüss",
    "Raun",
    "Kelst",
    "GiGu",
    "Bisch",
    "MöWa",
    "GG",
    "Bütt",
    "Treb",
    "Nau",
    "Ried",
    "Gerns",
    "Bieb",
    "Stock",
    "Kreis",
]


def _without(*labels: str) -> list[str]:
    return [label for label in ALL_LABELS if label not in labels]


@dataclass(frozen=True)
class Joining:
    """A participant that joined after the start (seed: "Start mit 11 …, heute: 13")."""

    label: str
    joined_on: dt.date
    illustrative: bool = True


@dataclass(frozen=True)
class OperatingCooperation:
    title: str  # the cooperation's title in the inventory (unique within the region)
    field: str  # the CooperationField name (data.TASK_AREAS)
    legal_form: str  # a value of ikz.cooperation.models.LegalForm
    start: dt.date
    participants: list[str]  # labels of the participants today
    host: str | None  # label of the host municipality (Sitzkommune / übernehmende Kommune)
    host_illustrative: bool
    participants_illustrative: bool
    facts: list[str]  # what the seed says, word for word where possible
    joined_later: list[Joining] = dataclasses.field(default_factory=list)
    staff_positions: Decimal | None = None
    advisory_board: bool = False
    reporting_duty: bool = False
    term_years: int | None = None  # initial term
    auto_renewal: bool = False
    renewal_years: int | None = None  # each renewal extends by this many years
    notice_months: int | None = None  # notice must be given this many months before a term ends
    notice_illustrative: bool = False
    external_host: str = ""  # e.g. Zweckverband Riedwerke (not a member of the region)
    member_companies: int = 0  # municipal companies taking part besides the municipalities
    grant_eur: Decimal | None = None  # IKZ-Fördermittel (seed 003)
    periods: list[tuple[dt.date, dt.date]] = dataclasses.field(default_factory=list)  # tender periods
    period_lead_months: int | None = None  # the next period is prepared so many months before the end


OPERATING: list[OperatingCooperation] = [
    OperatingCooperation(
        title="Strom- und Gaseinkauf",
        field="Strom- und Gaseinkauf",
        # transferred to the EXISTING Zweckverband Riedwerke: no new Zweckverband (decision 96)
        legal_form="transfer",
        start=dt.date(2016, 1, 1),
        participants=_without("Rüss", "Kelst", "Kreis"),
        host=None,
        host_illustrative=False,
        participants_illustrative=True,
        external_host="Zweckverband Riedwerke",
        member_companies=11,
        facts=[
            "IKZ-Pilotprojekt 2014/15 => IKZ vorteilhaft",
            "Teilnahme von 12 Kreiskommunen + 11 kommunalen Unternehmen",
            "finanzielle Einsparung 2016/17: 4,482 Mio. €",
            "Verstetigung der IKZ-Organisation (Übertragung auf Zweckverband Riedwerke)",
            "seit 2015 viermalige interkommunale Ausschreibung",
        ],
        periods=[
            (dt.date(2016, 1, 1), dt.date(2017, 12, 31)),
            (dt.date(2018, 1, 1), dt.date(2020, 12, 31)),
            (dt.date(2021, 1, 1), dt.date(2023, 12, 31)),
            (dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
        ],
        period_lead_months=9,  # illustrative: the tender for 2027 is prepared from 1.4.2026
    ),
    OperatingCooperation(
        title="Kommunales Vergabezentrum",
        field="Vergabezentrum",
        legal_form="public_contract",
        start=dt.date(2017, 7, 1),
        participants=_without("Rüss", "MöWa"),
        joined_later=[Joining("Bieb", dt.date(2019, 1, 1)), Joining("Stock", dt.date(2021, 1, 1))],
        host="Kreis",
        host_illustrative=True,
        participants_illustrative=True,
        staff_positions=Decimal("2.75"),
        reporting_duty=True,
        grant_eur=Decimal("100000"),
        facts=[
            "Arbeitsstart: 1.7.2017",
            "Start mit 11 Kreiskommunen, heute: 13 Kreiskommunen",
            "öffentlich-rechtlicher Vertrag",
            "gemeinsame Finanzierung + 100.000 € IKZ-Fördermittel",
            "die für das KVZ zusätzlich erforderlichen 2,75 Stellen",
            "Kosten … im Verhältnis zu ihrer Einwohnerzahl",
            "Regelungen zum jährlichen Berichtswesen des KVZ an die Kommunen",
        ],
    ),
    OperatingCooperation(
        title="Fördermittelmanagement",
        field="Fördermittelmanagement",
        legal_form="public_contract",
        start=dt.date(2023, 4, 1),
        participants=_without("Rüss", "MöWa"),
        host="Kreis",
        host_illustrative=False,
        participants_illustrative=True,
        staff_positions=Decimal("1.0"),
        advisory_board=True,
        reporting_duty=True,
        grant_eur=Decimal("150000"),
        facts=[
            "Arbeitsstart: 1.4.2023",
            "13 Kreiskommunen",
            "öffentlich-rechtlicher Vertrag",
            "1,0 Planstelle (bei Kreis)",
            "gemeinsame Finanzierung (10 % Sockelbetrag + 90 % EW-Größenklasse)",
            "Beirat",
            "Berichtswesen",
            "150.000 € IKZ-Fördermittel",
        ],
    ),
    OperatingCooperation(
        title="Verwaltungsbehördenbezirk Gaststätten und Spielhallen",
        field="Überwachung Gaststättenrecht und Geldspielgeräte",
        legal_form="vb_bezirk",
        start=dt.date(2023, 5, 1),
        participants=["Raun", "Kelst", "GiGu", "Bisch", "GG", "Bütt", "Treb", "Nau"],
        host="Raun",
        host_illustrative=True,
        participants_illustrative=True,
        staff_positions=Decimal("1.5"),
        facts=[
            "IKZ-Prüfprojekt 2019 - 2021 => IKZ vorteilhaft",
            "Bildung Verwaltungsbehördenbezirk (§ 82 HSOG)",
            "Arbeitsstart: 1.5.2023",
            "8 Kreiskommunen",
            "öffentlich-rechtliche Vereinbarung",
            "1 ½ Planstellen",
            "gemeinsame Finanzierung; IKZ-Fördermittel in Aussicht",
        ],
    ),
    OperatingCooperation(
        title="Umsetzung ProstSchG",
        field="Umsetzung ProstSchG",
        legal_form="public_agreement",
        start=dt.date(2020, 10, 1),
        # Named in the press article of seed 003; Biebesheim and Stockstadt have fewer than 7,500
        # inhabitants, so the task is not theirs (Hessen assigned it to towns from 7,500).
        participants=["Bütt", "Gerns", "GiGu", "GG", "Kelst", "Nau", "Raun", "Ried", "Rüss", "Treb", "Kreis"],
        host="Kreis",
        host_illustrative=False,
        participants_illustrative=False,
        term_years=5,
        auto_renewal=True,
        renewal_years=5,
        notice_months=6,
        notice_illustrative=True,
        grant_eur=Decimal("100000"),
        facts=[
            "Zehn kreisangehörige Städte und Gemeinden und der Kreis Groß-Gerau",
            "Am 1. Oktober [2020] … Aufgaben auf den Kreis Groß-Gerau übertragen",
            "Öffentlich-rechtliche Vereinbarung",
            "für zunächst fünf Jahre geschlossen und verlängert sich, wenn sie nicht gekündigt wird",
            "Kosten … aus Gebühreneinnahmen, Verwarnungs- und Bußgeldern gemeinsam gedeckt",
            "100.000 € IKZ-Fördermittel",
        ],
    ),
    OperatingCooperation(
        title="Landschaftspflegeverband",
        field="Landschaftspflege",
        legal_form="verband",
        start=dt.date(2020, 7, 1),
        participants=_without("Rüss", "Kelst"),
        host="Kreis",
        host_illustrative=True,
        participants_illustrative=True,
        facts=[
            "IKZ-Projekt 2018/19 => IKZ vorteilhaft",
            "Gründung Landschaftspflegeverband",
            "zwölf der 14 Kommunen sowie der Kreis",
        ],
    ),
    OperatingCooperation(
        title="Prüfung elektrischer Anlagen",
        field="Prüfung elektrischer Anlagen",
        legal_form="contract",
        start=dt.date(2015, 1, 1),
        participants=_without("Rüss", "MöWa", "Kreis"),
        host=None,
        host_illustrative=False,
        participants_illustrative=True,
        member_companies=8,
        facts=[
            "12 Kreiskommunen, 8 kommunale Unternehmen",
            "IKZ-Prüfprojekt 2014/15, Fazit: Zusammenarbeit vorteilhaft",
            "seit 2015 interkommunale Aufgabenwahrnehmung durch gemeinsame Beauftragung",
        ],
        periods=[
            (dt.date(2017, 1, 1), dt.date(2020, 12, 31)),
            (dt.date(2020, 1, 1), dt.date(2021, 12, 31)),
            (dt.date(2022, 1, 1), dt.date(2024, 12, 31)),
        ],
    ),
    OperatingCooperation(
        title="Beschaffung Feuerwehrbedarf",
        field="Beschaffung Feuerwehrbedarf, Organisation Instandhaltung",
        legal_form="informal",
        start=dt.date(2024, 1, 1),
        participants=_without("GG"),
        host="Kreis",
        host_illustrative=True,
        participants_illustrative=False,
        facts=[
            "14 Kreiskommunen",
            "IKZ-Projekt 2022 - 2024, Fazit: Zusammenarbeit vorteilhaft",
            "kreisweite Kooperation bei Beschaffung von Feuerwehrbedarf",
        ],
    ),
]


def by_title(title: str) -> OperatingCooperation:
    for coop in OPERATING:
        if coop.title == title:
            return coop
    raise KeyError(title)


def ensure_cooperation(ctx: DemoContext, spec: OperatingCooperation) -> Cooperation:
    """The inventory entry of ``spec`` in the demo region: found by title, else created bare
    (field, legal form, start, participants as "exists" with the day those who came later joined,
    host as lead) through the inventory service.

    Every demo part that needs an operating cooperation calls this, so that the order in which
    the parts run does not matter; the projects demo then adds the operating details.
    """
    existing = Cooperation.objects.filter(region=ctx.region, title=spec.title).first()
    if existing is not None:
        return existing
    field = CooperationField.objects.get(name=spec.field)
    by_label = {m.short_label: m.municipality for m in ctx.region.members.select_related("municipality")}
    joined = {j.label: j.joined_on for j in spec.joined_later}
    rows = [
        ParticipantRow(
            by_label[label], ParticipantStatus.EXISTS, is_lead=label == spec.host, joined_on=joined.get(label)
        )
        for label in spec.participants
    ]
    cooperation = save_cooperation(
        ctx.region,
        {
            "field": field,
            "title": spec.title,
            "legal_form": spec.legal_form,
            "since_year": spec.start.year,
            "started_on": spec.start,
            "external_partners": spec.external_host,
            "description": "; ".join(spec.facts),
            "source": SOURCE,
        },
        rows,
        actor=None,
        message="Demodaten",
        produced_by_process=True,  # a result of the IKZ process: not before the region's start
    )
    ctx.summary.add("Kooperationen im Bestand")
    return cooperation
