"""Seed 003 parts A e)–f), B and C: the IKZ projects of Kreis Groß-Gerau with the facts the seed
gives, the procurement charter as a full Projektauftrag, and the 2023 participation matrix cell by
cell ("Beteiligung an IKZ-Projekten und –Umsetzungsmaßnahmen 2023", Stand Sept. 2023).

Every project is entered as an office captures a past project (``services.record_history``): its
stages with the days they took effect (``project_steps.STEPS``), the verdict, the cells of the 2023
matrix and the outcome of decision 93 — operating (linked to the inventory entry of
``operating.py``, found or created by ``ensure_cooperation``), transferred to an existing body
(Strom/Gas to the Zweckverband Riedwerke with its cooperation, the Bezügeabrechnung to the
Versorgungskasse Darmstadt), local cooperations (Standesamtswesen) or a follow-up project (the
chain Beschaffungswesen → Beschaffungsgemeinschaften → Kompetenzzentrum → Vergabezentrum). What
the seed does not give (the days within its years, the lead of the old pilots, the state of the
2023 projects, milestones and decisions) is illustrative and says so in the project's ``source``.
Blank cells of the seed's matrix are "keine Projektbeteiligung" (decision 29). The demo user
``projektleitung`` leads "Informationssicherheit / IT-Sicherheit" (seed: PL Büttelborn and
Raunheim).

Idempotent: a project found by title is left alone."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from ikz.accounts.models import User
from ikz.cooperation.models import CooperationField
from ikz.demo import citations, project_steps
from ikz.demo.context import DemoContext
from ikz.demo.operating import ILLUSTRATIVE, by_title, ensure_cooperation
from ikz.municipalities.models import Municipality
from ikz.projects import rules, services
from ikz.projects.models import LessonLearned, Milestone, Project, Status, SteeringDecision
from ikz.projects.services import HistoryParticipant, Outcome

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
    facts: list[str]
    outcome: str = ""  # the final state (rules.FINAL_STATES), "" while running (project_steps.STEPS)
    operating: str | None = None  # title of the inventory cooperation (operating.OPERATING)
    body: str = ""  # transferred: the existing body
    follow_up: str | None = None  # followed_up: title of the follow-up project (created before)
    outcome_note: str = ""
    lead_label: str | None = None  # member short label of the lead municipality
    illustrative: str = ""  # what is not in the seed
    charter: dict[str, object] = dataclasses.field(default_factory=dict)


V = rules.ADVANTAGEOUS
STEP_DAYS = "Tage der Projektschritte innerhalb der Jahre der Quelle"
FOLLOW_UPS = "IKZ-Beschaffungsgemeinschaften Papier und Büromaterial"
# Follow-ups come before the projects that lead to them (an outcome names an existing project).
PROJECTS: list[DemoProject] = [
    DemoProject(
        "Strom- und Gaseinkauf",
        "Strom- und Gaseinkauf",
        2014,
        [
            "IKZ-Pilotprojekt 2014/15 => IKZ vorteilhaft",
            "Teilnahme von 12 Kreiskommunen + 11 kommunalen Unternehmen",
            "finanzielle Einsparung 2016/17: 4,482 Mio. €",
            "Verstetigung (Übertragung auf Zweckverband Riedwerke), Begleitung durch "
            "interkommunale Arbeitsgruppe",
        ],
        outcome=Status.TRANSFERRED,
        operating="Strom- und Gaseinkauf",
        body="Zweckverband Riedwerke",
        outcome_note="Verstetigung der IKZ-Organisation für Strom- und Gaseinkauf (Übertragung auf "
        "Zweckverband Riedwerke); seit 2015 viermalige interkommunale Ausschreibung",
        illustrative=STEP_DAYS,
    ),
    DemoProject(
        "Kompetenzzentrum Beschaffungswesen",
        "Vergabezentrum",
        2016,
        [
            "IKZ-Projekt „Kompetenzzentrum Beschaffungswesen“, 15 Kreiskommunen (2016)",
            "Arbeitsstart Kommunales Vergabezentrum: 1.7.2017, Start mit 11, heute 13 Kreiskommunen",
            "öffentlich-rechtlicher Vertrag; gemeinsame Finanzierung + 100.000 € IKZ-Fördermittel",
        ],
        outcome=Status.OPERATING,
        operating="Kommunales Vergabezentrum",
        illustrative=STEP_DAYS,
    ),
    DemoProject(
        FOLLOW_UPS,
        "Beschaffungen",
        2015,
        [
            "IKZ-Beschaffungsgemeinschaften Papier und Büromaterial, 13 Kreiskommunen (2015, 2016)",
            "Projektgruppe Kompetenzzentrum Beschaffungswesen (interkommunal)",
        ],
        outcome=Status.FOLLOWED_UP,
        follow_up="Kompetenzzentrum Beschaffungswesen",
        outcome_note="Projektgruppe Kompetenzzentrum Beschaffungswesen (interkommunal)",
        illustrative=STEP_DAYS,
    ),
    DemoProject(
        "Beschaffungswesen",
        "Beschaffungen",
        2014,
        [
            "IKZ-Prüfprojekt „Beschaffungswesen“, 13 Kreiskommunen (2014/15)",
            "IKZ-Beschaffungsgemeinschaften Papier und Büromaterial, 13 Kreiskommunen (2015, 2016)",
            "Folgeprojekt „Kompetenzzentrum Beschaffungswesen“ (2016)",
        ],
        outcome=Status.FOLLOWED_UP,
        follow_up=FOLLOW_UPS,
        outcome_note="Variante A: Beschaffungsgemeinschaften; Variante B im Kompetenzzentrum vertiefen",
        lead_label="Raun",
        illustrative="Projektleitung Raunheim, Tage innerhalb 2014/15 und Projektkosten",
        charter=PROCUREMENT_CHARTER,
    ),
    DemoProject(
        "Landschaftspflege",
        "Landschaftspflege",
        2018,
        ["IKZ-Projekt 2018/19 => IKZ vorteilhaft", "Gründung Landschaftspflegeverband"],
        outcome=Status.OPERATING,
        operating="Landschaftspflegeverband",
        illustrative=STEP_DAYS + ", Tag der Gründung",
    ),
    DemoProject(
        "Fördermittelmanagement",
        "Fördermittelmanagement",
        2021,
        [
            "IKZ-Projekt 2021/22 => IKZ vorteilhaft",
            "Erarbeitung Realisierungsvorschlag (Organisation, Standort, Finanzierung etc.)",
            "Arbeitsstart: 1.4.2023, 13 Kreiskommunen",
        ],
        outcome=Status.OPERATING,
        operating="Fördermittelmanagement",
        illustrative=STEP_DAYS,
    ),
    DemoProject(
        "Überwachung Gaststättenrecht und Geldspielgeräte",
        "Überwachung Gaststättenrecht und Geldspielgeräte",
        2019,
        [
            "IKZ-Prüfprojekt 2019 - 2021 => IKZ vorteilhaft (Unterbrechungen wg. Corona-Pandemie)",
            "IKZ-Umsetzungsprojekt 2022 => Bildung Verwaltungsbehördenbezirk (§ 82 HSOG)",
            "Arbeitsstart: 1.5.2023, 8 Kreiskommunen",
        ],
        outcome=Status.OPERATING,
        operating="Verwaltungsbehördenbezirk Gaststätten und Spielhallen",
        illustrative=STEP_DAYS + " und der Unterbrechungen",
    ),
    DemoProject(
        "Umsetzung ProstSchG",
        "Umsetzung ProstSchG",
        2018,
        [
            "IKZ-Projekt 2018/19, Fazit: Zusammenarbeit vorteilhaft",
            "seit 2020 interkommunale Umsetzung durch Übertragung auf Kreisverwaltung",
            "Öffentlich-rechtliche Vereinbarung; 100.000 € IKZ-Fördermittel",
        ],
        outcome=Status.OPERATING,
        operating="Umsetzung ProstSchG",
        illustrative=STEP_DAYS,
    ),
    DemoProject(
        "Prüfung elektrischer Anlagen",
        "Prüfung elektrischer Anlagen",
        2014,
        [
            "IKZ-Prüfprojekt 2014/15, Fazit: Zusammenarbeit vorteilhaft",
            "12 Kreiskommunen, 8 kommunale Unternehmen",
            "seit 2015 interkommunale Aufgabenwahrnehmung durch gemeinsame Beauftragung",
        ],
        outcome=Status.OPERATING,
        operating="Prüfung elektrischer Anlagen",
        illustrative=STEP_DAYS,
    ),
    DemoProject(
        "Bezügeabrechnung",
        "Bezügeabrechnung",
        2014,
        [
            "IKZ-Prüfprojekt 2014/15, Fazit: Zusammenarbeit vorteilhaft",
            "7 Kreiskommunen",
            "aus individuellen örtlichen Gründen keine kreisweite IKZ-Umsetzung",
        ],
        outcome=Status.TRANSFERRED,
        body="Versorgungskasse Darmstadt",
        outcome_note="Aufgabenübertragung durch einzelne Kommunen auf Versorgungskasse Darmstadt; "
        "aus individuellen örtlichen Gründen keine kreisweite IKZ-Umsetzung",
        illustrative=STEP_DAYS,
    ),
    DemoProject(
        "Standesamtswesen",
        "Standesamtswesen",
        2014,
        ["IKZ-Prüfprojekt 2014/15, Fazit: Zusammenarbeit vorteilhaft", "12 Kreiskommunen"],
        outcome=Status.LOCAL,
        outcome_note="seit 2016 Bildung mehrerer lokaler Kooperationen nach Bedarf",
        illustrative=STEP_DAYS,
    ),
    DemoProject(
        MATRIX_COLUMNS[0],
        "Beschaffung Feuerwehrbedarf, Organisation Instandhaltung",
        2022,
        [
            "IKZ-Projekt 2022 - 2024, Fazit: Zusammenarbeit vorteilhaft",
            "14 Kreiskommunen; kreisweite Kooperation bei Beschaffung von Feuerwehrbedarf",
        ],
        outcome=Status.OPERATING,
        operating="Beschaffung Feuerwehrbedarf",
        lead_label="Kreis",
        illustrative=STEP_DAYS + ", Beginn des Betriebs",
    ),
    DemoProject(
        "Klimaschutz",
        "Klimaschutz",
        2023,
        ["Beteiligung 2023: 15 Kreiskommunen"],
        lead_label="Kreis",
        illustrative="Projektjahr, Stand, " + STEP_DAYS,
    ),
    DemoProject(
        MATRIX_COLUMNS[2],
        "Reinigung kommunaler Liegenschaften",
        2023,
        ["Reinigung kommunaler Liegenschaften: 8 Kreiskommunen"],
        lead_label="Kreis",
        illustrative="Projektjahr, Stand, " + STEP_DAYS,
    ),
    DemoProject(
        MATRIX_COLUMNS[3],
        "Informationssicherheit / IT-Sicherheit",
        2023,
        [
            "Digitalisierung: Informationssicherheit / IT-Sicherheit 2023 - 2024",
            "Projektleitung Büttelborn und Raunheim",
        ],
        lead_label="Raun",
        illustrative="Stand, Projektauftrag, Meilensteine und Beschlüsse, " + STEP_DAYS,
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
        ["Umsetzung Hinweisgeberschutzgesetz: 13 Kreiskommunen"],
        lead_label="MöWa",
        illustrative="Projektjahr, Stand, " + STEP_DAYS,
    ),
    DemoProject(
        MATRIX_COLUMNS[5],
        "Smart Cities / Smart Region",
        2023,
        ["Digitalisierung: Smart Cities / Smart Region 2023 ff."],
        lead_label="Kreis",
        illustrative="Stand, " + STEP_DAYS,
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
    """The seed's facts, and what is illustrative first (the field holds 300 characters)."""
    text = SOURCE
    if spec.illustrative:
        text += f". {ILLUSTRATIVE}: {spec.illustrative}"
    return (text + ". " + "; ".join(spec.facts))[:300]


def _participants(spec: DemoProject, members: dict[str, Municipality]) -> list[HistoryParticipant]:
    """The cells of the 2023 matrix for its six projects (from the project's start), else none."""
    if spec.title not in MATRIX_COLUMNS:
        return []
    column = MATRIX_COLUMNS.index(spec.title)
    rows = []
    for label, cells in MATRIX_2023:
        status, roles = _cell(cells[column])
        rows.append(HistoryParticipant(members[label], status, roles))
    return rows


def _outcome(ctx: DemoContext, spec: DemoProject) -> Outcome:
    cooperations = [ensure_cooperation(ctx, by_title(spec.operating))] if spec.operating else []
    follow_up = Project.objects.get(region=ctx.region, title=spec.follow_up) if spec.follow_up else None
    return Outcome(cooperations=cooperations, body=spec.body, follow_up=follow_up, note=spec.outcome_note)


def _record(
    ctx: DemoContext, spec: DemoProject, members: dict[str, Municipality], office: User | None
) -> Project:
    """The project with its dated steps, participants and outcome, in one back-capture."""
    values: dict[str, object] = {
        "title": spec.title,
        "field": CooperationField.objects.get(name=spec.field),
        "year": spec.year,
        "source": _source(spec),
        "lead_municipality": members[spec.lead_label] if spec.lead_label else None,
        "lead": ctx.users.get("projektleitung") if spec.title == MATRIX_COLUMNS[3] else None,
        **spec.charter,
    }
    participants = _participants(spec, members)
    project = services.record_history(
        ctx.region,
        values,
        steps=project_steps.STEPS[spec.title],
        participants=participants,
        outcome=_outcome(ctx, spec),
        verdict=V,
        verdict_reasons="; ".join(spec.facts),
        actor=office,
    )
    ctx.summary.add("IKZ-Projekte")
    if participants:
        ctx.summary.add("Projektbeteiligungen", len(participants))
    return project


def load(ctx: DemoContext) -> None:
    office = ctx.users.get("geschaeftsstelle")
    members = {m.short_label: m.municipality for m in ctx.region.members.select_related("municipality")}
    for spec in PROJECTS:
        project = Project.objects.filter(region=ctx.region, title=spec.title).first()
        if project is None:
            project = _record(ctx, spec, members, office)
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
