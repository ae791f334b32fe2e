"""Seed 003 parts A e)–f), B and C: the IKZ projects of Kreis Groß-Gerau with the facts the seed
gives, the procurement charter as a full Projektauftrag, and the 2023 participation matrix cell by
cell ("Beteiligung an IKZ-Projekten und –Umsetzungsmaßnahmen 2023", Stand Sept. 2023).

Projects that ran before the platform existed are recorded in their state (Nacherfassung, see
``services.create_project``); projects that became operating cooperations go through
``services.start_operation`` and are linked to the inventory entries of ``operating.py`` (found or
created by ``ensure_cooperation``). What the seed does not give (exact dates, the lead of the old
pilots, the state of the 2023 projects, milestones and decisions) is illustrative and says so in
the project's ``source``. Blank cells of the seed's matrix are "keine Projektbeteiligung"
(decision 29). The demo user ``projektleitung`` leads "Informationssicherheit / IT-Sicherheit"
(seed: PL Büttelborn and Raunheim).

Idempotent: a project found by title is left alone."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from ikz.accounts.models import User
from ikz.cooperation.models import CooperationField
from ikz.demo import citations
from ikz.demo.context import DemoContext
from ikz.demo.operating import ILLUSTRATIVE, by_title, ensure_cooperation
from ikz.projects import rules, services
from ikz.projects.models import LessonLearned, Milestone, Project, Status, SteeringDecision

SOURCE = citations.talk("B) IKZ-Projekte und realisierte Kooperationen")
MATRIX_SOURCE = citations.talk(
    "C) Beteiligung an IKZ-Projekten und –Umsetzungsmaßnahmen 2023 (Stand Sept. 2023)"
)
OFFICE = frozenset({rules.OFFICE})

# the seed's column order and the matrix as printed (rows: the seed's order of municipalities)
MATRIX_COLUMNS = [
    "Beschaffung Feuerwehrbedarf, Organisation Instandhaltung",
    "Klimaschutz",
    "Organisation der Reinigung kommunaler Liegenschaften",
    "Informationssicherheit / IT-Sicherheit",
    "Umsetzung Hinweisgeberschutzgesetz",
    "Smart Cities / Smart Region",
]
PG, X, PL, PGL = "X (PG)", "X", "X (PL)", "X (PG, LKG)"
MATRIX_2023: list[tuple[str, list[str]]] = [
    ("Bieb", [PG, PG, PG, PG, "", ""]),
    ("Bisch", [PG, X, "", PG, PG, PG]),
    ("Bütt", [PG, PG, "", PL, PG, PG]),
    ("Gerns", [PG, PG, PG, PG, PG, PG]),
    ("GiGu", [PG, X, "", PG, PG, PG]),
    ("GG", ["", PG, "", PG, PG, PG]),
    ("Kelst", [PG, X, "", PG, PG, PG]),
    ("MöWa", [PG, PL, "", PG, PL, PG]),
    ("Nau", [PG, PG, PG, PG, PG, PG]),
    ("Raun", [PGL, PGL, PGL, "X (PL, LKG)", PGL, PGL]),
    ("Ried", [PL, PG, PG, PG, PG, PG]),
    ("Rüss", [PG, PG, "", PG, PL, PG]),
    ("Stock", [X, X, X, PG, "", PG]),
    ("Treb", [PG, X, X, PG, X, PG]),
    ("Kreis", [PL, PL, PL, PG, PG, PL]),
]

PROCUREMENT_CHARTER = {
    "introduction": (
        "Die Städte und Gemeinden des Kreises Groß-Gerau und der Kreis Groß-Gerau haben sich in einem "
        "gemeinschaftlichen Prozess auf den Weg gemacht, ihre interkommunale Zusammenarbeit nachdringlich "
        "auszubauen. Nach einer flächendeckenden Bestandsaufnahme und einem kreisweiten "
        "Interessensbündelungsverfahren zu den möglichen Handlungsfeldern interkommunaler Kooperationen im "
        "Kreisgebiet haben sie exemplarisch zunächst fünf Aufgabenfelder ausgewählt, für die im Jahr 2014 "
        "konkrete Pilotprojekte starten. Nach Abschluss dieser Pilot-Projekte werden systematische "
        "Untersuchungen auf weiteren Aufgabenfeldern folgen. Der vorliegende Projektauftrag beschreibt Ziele "
        "und Inhalt des interkommunalen Pilotprojekts auf dem Gebiet des Beschaffungswesens."
    ),
    "goals": "\n".join(
        [
            "leistungsfähige und wirtschaftliche Organisation des Beschaffungswesens in den "
            "projektbeteiligten Kommunen",
            "dienstleistungsorientierter Service in allen Belangen des Beschaffungswesens für die "
            "beteiligten Kommunen",
            "mitarbeiterorientierte Arbeitsgestaltung unter Berücksichtigung der o.g. Ziele, z.B. "
            "flexibilisierte Arbeitszeitmodelle, erweiterte Möglichkeiten der Spezialisierung, Fortbildung "
            "und Personalentwicklung",
            "Beachtung des Aspektes der örtlichen bzw. regionalen Wirtschaftsförderung",
        ]
    ),
    "deliverables": "\n".join(
        [
            "Projektplan (Arbeitspakete, Projekt-Meilensteine, Termin- und Ressourcenplanung)",
            "IST-Analyse: Vergleichende Gegenüberstellung der aktuellen Organisation des Beschaffungswesens "
            "in den projektbeteiligten Kommunen (z. a. Aufbau- und Ablauforganisation, Ressourceneinsatz, "
            "örtliche Besonderheiten)",
            "IST-Analyse: Erhebung der Bedarfslage vor Ort bzw. Organisation des Beschaffungswesens (z. B. "
            "bereits bekannte Handlungsbedarfe „kurz- und mittelfristige Zielsetzungen“)",
            "IST-Analyse: Einbeziehung von bereits bekannten Beschaffungskooperationen in die "
            "Bestandsaufnahme",
            "Prüfung der Vorteilhaftigkeit der Kooperationsmöglichkeiten der Kommunen im Beschaffungswesen "
            "(Varianten A und B)",
        ]
    ),
    "variants": "\n".join(
        [
            "Variante A) Bildung von Beschaffungsgemeinschaften (gemeinsame Durchführung von Beschaffungen "
            "zur Erzielung von Mengeneffekten)",
            "Variante B) Bildung einer zentralen Stelle als Interkommunales Kompetenzzentrum für "
            "Vergabewesen, das sowohl Beschaffungen im Auftrag von Kommunen durchführen kann als auch diesen "
            "mit Rat und Tat bei eigenen Beschaffungen zur Seite steht",
        ]
    ),
    "project_group": "Projektgruppe Beschaffungswesen (interkommunal), 13 Kreiskommunen",
    "information_management": (
        "regelmäßige und einheitliche, mit allen projektbeteiligten Kommunen zeitlich und inhaltlich "
        "abgestimmte Kommunikation der Projektinhalte und -ergebnisse vor Ort; Info-Management in der "
        "Bürgermeister-Dienstversammlung"
    ),
    # not in the seed (illustrative): dates within "2014/15", costs
    "start": dt.date(2014, 3, 1),
    "end": dt.date(2015, 6, 30),
    "costs": "Personalaufwand der Projektgruppe im Rahmen der vorhandenen Stellen; keine externen Kosten "
    "(illustrativ)",
}


@dataclass(frozen=True)
class DemoProject:
    title: str
    field: str  # CooperationField name (data.TASK_AREAS)
    year: int | None
    status: str
    facts: list[str]
    verdict: str = ""
    closing_reason: str = ""
    finished_on: dt.date | None = None
    operating: str | None = None  # title of the inventory cooperation (operating.OPERATING)
    lead_label: str | None = None  # member short label of the lead municipality
    illustrative: str = ""  # what is not in the seed
    charter: dict[str, object] = dataclasses.field(default_factory=dict)


V = rules.ADVANTAGEOUS
PROJECTS: list[DemoProject] = [
    DemoProject(
        "Strom- und Gaseinkauf",
        "Strom- und Gaseinkauf",
        2014,
        Status.OPERATING,
        [
            "IKZ-Pilotprojekt 2014/15 => IKZ vorteilhaft",
            "Teilnahme von 12 Kreiskommunen + 11 kommunalen Unternehmen",
            "finanzielle Einsparung 2016/17: 4,482 Mio. €",
            "Verstetigung (Übertragung auf Zweckverband Riedwerke), Begleitung durch "
            "interkommunale Arbeitsgruppe",
        ],
        verdict=V,
        operating="Strom- und Gaseinkauf",
    ),
    DemoProject(
        "Beschaffungswesen",
        "Beschaffungen",
        2014,
        Status.VERDICT,
        [
            "IKZ-Prüfprojekt „Beschaffungswesen“, 13 Kreiskommunen (2014/15)",
            "IKZ-Beschaffungsgemeinschaften Papier und Büromaterial, 13 Kreiskommunen (2015, 2016)",
            "Folgeprojekt „Kompetenzzentrum Beschaffungswesen“ (2016)",
        ],
        verdict=V,
        lead_label="Raun",
        illustrative="Projektleitung Raunheim, Daten innerhalb 2014/15 und Projektkosten",
        charter=PROCUREMENT_CHARTER,
    ),
    DemoProject(
        "Kompetenzzentrum Beschaffungswesen",
        "Vergabezentrum",
        2016,
        Status.OPERATING,
        [
            "IKZ-Projekt „Kompetenzzentrum Beschaffungswesen“, 15 Kreiskommunen (2016)",
            "Arbeitsstart Kommunales Vergabezentrum: 1.7.2017, Start mit 11, heute 13 Kreiskommunen",
            "öffentlich-rechtlicher Vertrag; gemeinsame Finanzierung + 100.000 € IKZ-Fördermittel",
        ],
        verdict=V,
        operating="Kommunales Vergabezentrum",
    ),
    DemoProject(
        "Landschaftspflege",
        "Landschaftspflege",
        2018,
        Status.OPERATING,
        ["IKZ-Projekt 2018/19 => IKZ vorteilhaft", "Gründung Landschaftspflegeverband"],
        verdict=V,
        operating="Landschaftspflegeverband",
    ),
    DemoProject(
        "Fördermittelmanagement",
        "Fördermittelmanagement",
        2021,
        Status.OPERATING,
        [
            "IKZ-Projekt 2021/22 => IKZ vorteilhaft",
            "Erarbeitung Realisierungsvorschlag (Organisation, Standort, Finanzierung etc.)",
            "Arbeitsstart: 1.4.2023, 13 Kreiskommunen",
        ],
        verdict=V,
        operating="Fördermittelmanagement",
    ),
    DemoProject(
        "Überwachung Gaststättenrecht und Geldspielgeräte",
        "Überwachung Gaststättenrecht und Geldspielgeräte",
        2019,
        Status.OPERATING,
        [
            "IKZ-Prüfprojekt 2019 - 2021 => IKZ vorteilhaft (Unterbrechungen wg. Corona-Pandemie)",
            "IKZ-Umsetzungsprojekt 2022 => Bildung Verwaltungsbehördenbezirk (§ 82 HSOG)",
            "Arbeitsstart: 1.5.2023, 8 Kreiskommunen",
        ],
        verdict=V,
        operating="Verwaltungsbehördenbezirk Gaststätten und Spielhallen",
    ),
    DemoProject(
        "Umsetzung ProstSchG",
        "Umsetzung ProstSchG",
        2018,
        Status.OPERATING,
        [
            "IKZ-Projekt 2018/19, Fazit: Zusammenarbeit vorteilhaft",
            "seit 2020 interkommunale Umsetzung durch Übertragung auf Kreisverwaltung",
            "Öffentlich-rechtliche Vereinbarung; 100.000 € IKZ-Fördermittel",
        ],
        verdict=V,
        operating="Umsetzung ProstSchG",
    ),
    DemoProject(
        "Prüfung elektrischer Anlagen",
        "Prüfung elektrischer Anlagen",
        2014,
        Status.OPERATING,
        [
            "IKZ-Prüfprojekt 2014/15, Fazit: Zusammenarbeit vorteilhaft",
            "12 Kreiskommunen, 8 kommunale Unternehmen",
            "seit 2015 interkommunale Aufgabenwahrnehmung durch gemeinsame Beauftragung",
        ],
        verdict=V,
        operating="Prüfung elektrischer Anlagen",
    ),
    DemoProject(
        "Bezügeabrechnung",
        "Bezügeabrechnung",
        2014,
        Status.CLOSED,
        [
            "IKZ-Prüfprojekt 2014/15, Fazit: Zusammenarbeit vorteilhaft",
            "7 Kreiskommunen",
            "Aufgabenübertragung durch einzelne Kommunen auf Versorgungskasse Darmstadt",
        ],
        verdict=V,
        closing_reason="aus individuellen örtlichen Gründen keine kreisweite IKZ-Umsetzung",
        finished_on=dt.date(2015, 12, 31),
        illustrative="Datum des Abschlusses",
    ),
    DemoProject(
        "Standesamtswesen",
        "Standesamtswesen",
        2014,
        Status.CLOSED,
        ["IKZ-Prüfprojekt 2014/15, Fazit: Zusammenarbeit vorteilhaft", "12 Kreiskommunen"],
        verdict=V,
        closing_reason=(
            "keine kreisweite Kooperation; seit 2016 Bildung mehrerer lokaler Kooperationen nach Bedarf"
        ),
        finished_on=dt.date(2016, 1, 1),
        illustrative="Abschluss als Projekt ohne kreisweite Umsetzung, Datum",
    ),
    DemoProject(
        MATRIX_COLUMNS[0],
        "Beschaffung Feuerwehrbedarf, Organisation Instandhaltung",
        2022,
        Status.OPERATING,
        [
            "IKZ-Projekt 2022 - 2024, Fazit: Zusammenarbeit vorteilhaft",
            "14 Kreiskommunen; kreisweite Kooperation bei Beschaffung von Feuerwehrbedarf",
        ],
        verdict=V,
        operating="Beschaffung Feuerwehrbedarf",
        lead_label="Kreis",
    ),
    DemoProject(
        "Klimaschutz",
        "Klimaschutz",
        2023,
        Status.FEASIBILITY,
        ["Beteiligung 2023: 15 Kreiskommunen"],
        lead_label="Kreis",
        illustrative="Projektjahr und Stand",
    ),
    DemoProject(
        MATRIX_COLUMNS[2],
        "Reinigung kommunaler Liegenschaften",
        2023,
        Status.FEASIBILITY,
        ["Reinigung kommunaler Liegenschaften: 8 Kreiskommunen"],
        lead_label="Kreis",
        illustrative="Projektjahr und Stand",
    ),
    DemoProject(
        MATRIX_COLUMNS[3],
        "Informationssicherheit / IT-Sicherheit",
        2023,
        Status.FEASIBILITY,
        [
            "Digitalisierung: Informationssicherheit / IT-Sicherheit 2023 - 2024",
            "Projektleitung Büttelborn und Raunheim",
        ],
        lead_label="Raun",
        illustrative="Stand, Projektauftrag, Meilensteine und Beschlüsse",
        charter={
            "goals": (
                "gemeinsames Niveau der Informationssicherheit in allen beteiligten Kommunen (illustrativ)"
            ),
            "deliverables": "IST-Analyse der Informationssicherheit\nRealisierungsvorschlag (illustrativ)",
            "start": dt.date(2023, 1, 1),
            "end": dt.date(2024, 12, 31),
            "costs": "Personalaufwand der Projektgruppe; externe Beratung nach Bedarf (illustrativ)",
            "project_group": "15 Kreiskommunen, Projektleitung Büttelborn und Raunheim",
            "information_management": "Berichte in der Bürgermeister-Dienstversammlung (illustrativ)",
        },
    ),
    DemoProject(
        MATRIX_COLUMNS[4],
        "Umsetzung Hinweisgeberschutzgesetz",
        2023,
        Status.FEASIBILITY,
        ["Umsetzung Hinweisgeberschutzgesetz: 13 Kreiskommunen"],
        lead_label="MöWa",
        illustrative="Projektjahr und Stand",
    ),
    DemoProject(
        MATRIX_COLUMNS[5],
        "Smart Cities / Smart Region",
        2023,
        Status.FEASIBILITY,
        ["Digitalisierung: Smart Cities / Smart Region 2023 ff."],
        lead_label="Kreis",
        illustrative="Stand",
    ),
]

# illustrative milestones (title, planned, forecast, reached) and decisions (date, text, milestone)
MILESTONES: dict[str, list[tuple[str, dt.date, dt.date | None, dt.date | None]]] = {
    MATRIX_COLUMNS[3]: [
        ("IST-Analyse Informationssicherheit", dt.date(2023, 9, 30), None, dt.date(2023, 10, 12)),
        ("Realisierungsvorschlag", dt.date(2024, 12, 31), dt.date(2025, 6, 30), None),  # overdue
        ("Abschlussbericht an die Lenkungsgruppe", dt.date(2030, 6, 30), None, None),
    ],
    "Beschaffungswesen": [
        ("Projektplan", dt.date(2014, 4, 30), None, dt.date(2014, 4, 28)),
        ("IST-Analyse", dt.date(2014, 10, 31), None, dt.date(2014, 11, 20)),
        ("Prüfung der Varianten A und B", dt.date(2015, 6, 30), None, dt.date(2015, 6, 30)),
    ],
}
DECISIONS: dict[str, list[tuple[dt.date, str, str | None]]] = {
    "Beschaffungswesen": [
        (
            dt.date(2014, 3, 1),
            "Projektauftrag „Prüfung einer interkommunalen Kooperation im Beschaffungswesen“ "
            "erteilt (illustrativ)",
            None,
        ),
        (
            dt.date(2015, 7, 15),
            "Variante A umsetzen: Beschaffungsgemeinschaften Papier und Büromaterial; "
            "Variante B im Projekt „Kompetenzzentrum Beschaffungswesen“ vertiefen (illustrativ)",
            "Prüfung der Varianten A und B",
        ),
    ],
    MATRIX_COLUMNS[3]: [
        (
            dt.date(2023, 1, 16),
            "Projektauftrag Informationssicherheit / IT-Sicherheit erteilt (illustrativ)",
            None,
        ),
        (dt.date(2023, 10, 23), "IST-Analyse abgenommen (illustrativ)", "IST-Analyse Informationssicherheit"),
    ],
}


def _cell(text: str) -> tuple[str, list[str]]:
    """ "X (PG, LKG)" → ("with_staff", ["PG", "LKG"]); "X" → without staff; "" → no participation."""
    if not text:
        return rules.NOT_PARTICIPATING, []
    if text == "X":
        return rules.WITHOUT_STAFF, []
    return rules.WITH_STAFF, [r.strip() for r in text[3:-1].split(",")]


def _source(spec: DemoProject) -> str:
    text = SOURCE + ": " + "; ".join(spec.facts)
    if spec.illustrative:
        text += f". {ILLUSTRATIVE}: {spec.illustrative}"
    return text[:300]


def load(ctx: DemoContext) -> None:
    office = ctx.users.get("geschaeftsstelle")
    lead_user = ctx.users.get("projektleitung")
    members = {m.short_label: m.municipality for m in ctx.region.members.select_related("municipality")}
    for spec in PROJECTS:
        if Project.objects.filter(region=ctx.region, title=spec.title).exists():
            continue
        values: dict[str, object] = {
            "title": spec.title,
            "field": CooperationField.objects.get(name=spec.field),
            "year": spec.year,
            "source": _source(spec),
            "lead_municipality": members[spec.lead_label] if spec.lead_label else None,
            "lead": lead_user if spec.title == MATRIX_COLUMNS[3] else None,
            **spec.charter,
        }
        operating = spec.status == Status.OPERATING
        values |= {
            "verdict": spec.verdict,
            "verdict_reasons": "; ".join(spec.facts) if spec.verdict else "",
            "closing_reason": spec.closing_reason,
            "finished_on": spec.finished_on,
        }
        project = services.create_project(
            ctx.region,
            values,
            actor=office,
            status=Status.IMPLEMENTATION if operating else spec.status,
            message="Demodaten (Nacherfassung)",
        )
        ctx.summary.add("IKZ-Projekte")
        if spec.title in MATRIX_COLUMNS:
            column = MATRIX_COLUMNS.index(spec.title)
            for label, cells in MATRIX_2023:
                status, roles = _cell(cells[column])
                services.declare_participation(
                    project, members[label], status, roles, actor=office, confirm=True
                )
            ctx.summary.add("Projektbeteiligungen", len(MATRIX_2023))
        if operating:
            assert spec.operating is not None
            op = by_title(spec.operating)
            project.refresh_from_db()
            services.start_operation(
                project,
                actor=office,
                roles=OFFICE,
                expected_version=project.version,
                cooperation=ensure_cooperation(ctx, op),
                reason="Demodaten: " + op.facts[0],
                today=op.start,
            )
        for title, planned, forecast, reached in MILESTONES.get(spec.title, []):
            if not Milestone.objects.filter(project=project, title=title).exists():
                services.add_milestone(
                    project,
                    {"title": title, "planned": planned, "forecast": forecast, "reached": reached},
                    actor=office,
                )
                ctx.summary.add("Meilensteine")
        for date, text, milestone_title in DECISIONS.get(spec.title, []):
            if not SteeringDecision.objects.filter(project=project, date=date).exists():
                milestone = (
                    Milestone.objects.get(project=project, title=milestone_title) if milestone_title else None
                )
                services.record_decision(
                    project,
                    {"date": date, "text": text, "milestone": milestone},
                    actor=ctx.users.get("lenkungsgruppe"),
                )
                ctx.summary.add("Beschlüsse der Lenkungsgruppe")
    _lessons(ctx, office)
    _publish(ctx, office)


# Lessons learned (seed 003: "gelungene und misslungene Beispiele", "Erfolgsfaktoren"): the
# wording is the seed's; the dates and what is marked illustrative are ours.
LESSONS: dict[str, dict[str, object]] = {
    "Strom- und Gaseinkauf": {
        "title": "Zentraler Know-how-Aufbau und einheitliches Vertragsmanagement",
        "worked": "Reduzierung Personal- und Verwaltungsaufwand in den Kommunen durch zentralen "
        "Know-how-Aufbau und zentrale Durchführung des komplexen Verfahrens\n"
        "einheitliches Vertragsmanagement für alle Kommunen möglich\n"
        "finanzielle Einsparung 2016/17: 4,482 Mio. €",
        "failed": "",
        "success_factors": "Verstetigung der IKZ-Organisation für Strom- und Gaseinkauf (Übertragung auf "
        "Zweckverband Riedwerke)\nBegleitung durch interkommunale Arbeitsgruppe\n"
        "seit 2015 viermalige interkommunale Ausschreibung => Fortsetzung der vorteilhaften "
        "Einkaufskonditionen",
        "date": dt.date(2017, 12, 31),  # illustrative: after the savings of 2016/17
    },
    "Bezügeabrechnung": {
        "title": "Vorteilhaft geprüft, aber keine kreisweite Umsetzung",
        "worked": "IKZ-Prüfprojekt 2014/15 mit 7 Kreiskommunen, Fazit: „Zusammenarbeit vorteilhaft“",
        "failed": "aus individuellen örtlichen Gründen keine kreisweite IKZ-Umsetzung; "
        "Aufgabenübertragung nur durch einzelne Kommunen auf die Versorgungskasse Darmstadt",
        "success_factors": f"{ILLUSTRATIVE}: örtliche Gründe gegen eine Übertragung früh im Projekt "
        "erfragen; ein vorteilhaftes Prüfergebnis allein trägt noch keine kreisweite Umsetzung",
        "date": dt.date(2015, 12, 31),  # illustrative: the demo's closing date of the project
    },
}

# the five projects the demo office put on the public portal (issue 7: "a published portal with
# five projects"): four operating cooperations and one closed without district-wide implementation
PUBLISHED = [
    "Strom- und Gaseinkauf",
    "Kompetenzzentrum Beschaffungswesen",
    "Umsetzung ProstSchG",
    "Prüfung elektrischer Anlagen",
    "Bezügeabrechnung",
]


def _lessons(ctx: DemoContext, office: User | None) -> None:
    for title, values in LESSONS.items():
        project = Project.objects.get(region=ctx.region, title=title)
        if not LessonLearned.objects.filter(project=project, title=values["title"]).exists():
            services.add_lesson(project, values, actor=office)
            ctx.summary.add("Erfahrungen (Lessons Learned)")


def _publish(ctx: DemoContext, office: User | None) -> None:
    for project in Project.objects.filter(region=ctx.region, title__in=PUBLISHED, published_at__isnull=True):
        services.set_published(project, True, actor=office, expected_version=project.version)
        ctx.summary.add("im Portal veröffentlichte Projekte")
