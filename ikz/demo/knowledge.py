"""Knowledge and network of the demo: the documents the seeds mention (as short texts written
for the demo, generated as PDF, DOCX or text at load time, not copies of the seed), the reuse
network of seed 000 ("Mitglied 1 möchte Projekt umsetzen, Mitglied 2 hat eine Best Practice
Lösung, Mitglied 3 ist an Nachnutzung interessiert") with K4K members, news, and what the office
published on the portal. Idempotent: what exists (by title) is left alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from ikz.cooperation.models import Cooperation, CooperationField, ParticipantStatus
from ikz.demo import citations, operating
from ikz.demo.context import DemoContext
from ikz.documents.generate import docx_bytes, pdf_bytes, text_bytes
from ikz.documents.models import DocType, Document, Visibility
from ikz.documents.services import Upload, upload_document
from ikz.network import services as network
from ikz.network.models import Need, ReuseInterest, Solution
from ikz.portal import services as portal
from ikz.portal.models import News, PublishedCooperation
from ikz.search import index

SEED_003 = f"{citations.TALK_SHORT}; Text für die Demo neu geschrieben"
SEED_000 = f"{citations.GUIDE} (Interkommunales Netzwerk); Inhalt für die Demo frei gewählt"
ILLUSTRATIVE = "Illustrativ: Datum und Wortlaut für die Demo gewählt"
MAKERS = {"pdf": pdf_bytes, "docx": docx_bytes, "txt": text_bytes}


@dataclass(frozen=True)
class DemoDocument:
    title: str
    doc_type: str
    date: dt.date
    visibility: str
    kind: str
    fields: tuple[str, ...]
    paragraphs: tuple[str, ...]
    source: str
    owner_key: str | None = None


CHARTER_TITLE = "Charta der Beschaffungskooperation im Kreis Groß-Gerau"
KOINNO_TITLE = "Interkommunales Vergabezentrum – KOINNO-Praxisbeispiel"

DOCUMENTS: list[DemoDocument] = [
    DemoDocument(
        CHARTER_TITLE,
        DocType.CHARTER,
        dt.date(2015, 3, 1),
        Visibility.PUBLIC,
        "pdf",
        ("Beschaffungen",),
        (
            "Die Städte und Gemeinden des Kreises und der Kreis vereinbaren, ihre Beschaffung "
            "gemeinsam zu organisieren: Bedarfe werden gebündelt, Ausschreibungen gemeinsam vorbereitet.",
            "Ziel ist eine wirtschaftliche und rechtssichere Beschaffung, die Mengeneffekte nutzt "
            "und das Wissen der Vergabestellen teilt.",
        ),
        f"{SEED_003}, Abschnitt Beschaffungswesen; {ILLUSTRATIVE}",
    ),
    DemoDocument(
        KOINNO_TITLE,
        DocType.REPORT,
        dt.date(2019, 6, 1),
        Visibility.PUBLIC,
        "pdf",
        ("Vergabezentrum",),
        (
            "Seit dem 1.7.2017 führt das Kommunale Vergabezentrum Vergabeverfahren für die beteiligten "
            "Kommunen durch. Geregelt sind die Geschäftsprozesse zwischen Kommunen und Vergabezentrum "
            "sowie ein jährliches Berichtswesen.",
            "Kostenreduzierung und Professionalisierung: gleichbleibende Qualität der Vergabeverfahren, "
            "weniger rechtliche und finanzielle Risiken.",
        ),
        f"{SEED_003}, 2. Beispiel: Kommunales Vergabezentrum (KOINNO-Praxisbeispiel)",
    ),
    DemoDocument(
        "Im Verbund kostengünstiger (Mainspitze, 25.10.2013)",
        DocType.PRESS,
        dt.date(2013, 10, 25),
        Visibility.PUBLIC,
        "txt",
        (),
        (
            "Zusammenfassung für die Demo: Raunheim stellt das Projekt „Interkommunale Zusammenarbeit“ "
            "vor. Eine Bestandsaufnahme der bestehenden Kooperationen und eine Abfrage der Wünsche und "
            "Bedarfe aller 14 Städte und Gemeinden und des Kreises schaffen Übersicht.",
            "Beispiel: Die Gehaltsabrechnung Raunheims läuft über eine gemeinsame Abrechnungsstelle "
            "in Büttelborn.",
        ),
        f"{SEED_003}, Presseartikel Mainspitze 25.10.2013",
    ),
    DemoDocument(
        "Naturschutz als Gemeinschaft: Landschaftspflegeverband geplant",
        DocType.PRESS,
        dt.date(2020, 3, 1),
        Visibility.PUBLIC,
        "txt",
        ("Landschaftspflege",),
        (
            "Zusammenfassung für die Demo: Zwölf der 14 Kommunen und der Kreis wollen einen "
            "Landschaftspflegeverband gründen, um wertvolle und naturnahe Lebensräume zu bewahren.",
            "Die gemeinsame Beschaffung von Büromaterial und Feuerwehrausrüstung spart den Beteiligten "
            "jährlich rund eine halbe Million Euro.",
        ),
        f"{SEED_003}, Presseartikel zur Landschaftspflege; {ILLUSTRATIVE}",
    ),
    DemoDocument(
        "Kommunen kooperieren bei Prostituiertenschutzgesetz",
        DocType.PRESS,
        dt.date(2018, 9, 1),
        Visibility.PUBLIC,
        "txt",
        ("Umsetzung ProstSchG",),
        (
            "Zusammenfassung für die Demo: Zehn Städte und Gemeinden und der Kreis nehmen die Aufgaben "
            "aus dem Prostituiertenschutzgesetz gemeinsam wahr; der Kreis übernimmt sie mit einer "
            "öffentlich-rechtlichen Vereinbarung für zunächst fünf Jahre.",
        ),
        f"{SEED_003}, Presseartikel; {ILLUSTRATIVE}",
    ),
    DemoDocument(
        "Großkontrolle an der Mainspitze (17.7.2023)",
        DocType.PRESS,
        dt.date(2023, 7, 17),
        Visibility.PUBLIC,
        "txt",
        ("Überwachung Gaststättenrecht und Geldspielgeräte",),
        (
            "Zusammenfassung für die Demo: Der gemeinsame Verwaltungsbehördenbezirk kontrolliert mit "
            "Ordnungsämtern und Polizei Gaststätten und Spielhallen in Bischofsheim und "
            "Ginsheim-Gustavsburg; illegale Geldspielgeräte werden sichergestellt.",
        ),
        f"{SEED_003}, Presseartikel Mainspitze 17.7.2023",
    ),
    DemoDocument(
        "Jahresbericht IKZ 2022",
        DocType.REPORT,
        dt.date(2023, 3, 31),
        Visibility.REGION,
        "docx",
        (),
        (
            "Bericht der IKZ-Stabsstelle an die Lenkungsgruppe: laufende Kooperationen, neue Projekte, "
            "Einsparungen und die Gebühren der gemeinsamen Stellen.",
        ),
        f"{SEED_003} (Berichtswesen); {ILLUSTRATIVE}",
    ),
    DemoDocument(
        "Muster: öffentlich-rechtliche Vereinbarung (Aufgabenübertragung)",
        DocType.MODEL_DRAFT,
        dt.date(2018, 5, 1),
        Visibility.REGION,
        "docx",
        ("Umsetzung ProstSchG",),
        (
            "§ 1 Gegenstand: Die Kommunen übertragen die Aufgabe auf den Kreis.",
            "§ 2 Kosten: Die Kosten werden nach Einwohnern verteilt.",
            "§ 3 Laufzeit und Kündigung.",
        ),
        f"Vorlage für die Demo; {ILLUSTRATIVE}",
    ),
    DemoDocument(
        "Vermerk Raunheim: Bedarf Straßenreinigung",
        DocType.OTHER,
        dt.date(2026, 10, 1),
        Visibility.INTERNAL,
        "txt",
        (),
        ("Interner Vermerk der Stadt Raunheim zur Straßenreinigung (nur Raunheim und die Geschäftsstelle).",),
        ILLUSTRATIVE,
        owner_key="06433010",
    ),
]

# Seed 000's three members, played by K4K members (seed 000 lists them; who plays which part is
# illustrative): Wetzlar has the solution, Bad Vilbel the need, Friedberg wants to reuse it.
SOLUTION_OWNER, NEED_OWNER, INTERESTED = "06532023", "06440003", "06440008"
SOLUTION_TITLE = "E-Akte mit gemeinsamem Dokumentenmanagement"
NEED_TITLE = "E-Akte und Dokumentenmanagement einführen"

NEWS = [
    ("Kommunales Vergabezentrum nimmt die Arbeit auf", dt.date(2017, 7, 1), True,
     "Seit dem 1. Juli 2017 führt das Kommunale Vergabezentrum Vergabeverfahren für die Kommunen durch."),
    ("Großkontrolle an der Mainspitze", dt.date(2023, 7, 17), True,
     "Der gemeinsame Verwaltungsbehördenbezirk hat Gaststätten und Spielhallen kontrolliert."),
    ("Landschaftspflegeverband in Vorbereitung", dt.date(2020, 3, 1), True,
     "Zwölf Kommunen und der Kreis wollen gemeinsam naturnahe Lebensräume bewahren (Datum illustrativ)."),
    ("Entwurf: Fachtagung 2027", dt.date(2026, 11, 20), False,
     "Noch nicht veröffentlicht (Entwurf der Geschäftsstelle)."),
]  # fmt: skip


def _documents(ctx: DemoContext) -> dict[str, Document]:
    actor = ctx.users.get("geschaeftsstelle")
    found = {}
    for spec in DOCUMENTS:
        existing = Document.objects.filter(title=spec.title, region=ctx.region).first()
        if existing is None:
            fields = list(CooperationField.objects.filter(name__in=spec.fields))
            existing = upload_document(
                {
                    "title": spec.title,
                    "doc_type": spec.doc_type,
                    "date": spec.date,
                    "visibility": spec.visibility,
                    "region": ctx.region,
                    "owner": ctx.units[spec.owner_key] if spec.owner_key else None,
                    "source": spec.source,
                },
                fields,
                Upload(
                    filename=f"{spec.title[:40].replace('/', '-').replace(':', '')}.{spec.kind}",
                    data=MAKERS[spec.kind](spec.title, list(spec.paragraphs)),
                ),
                actor=actor,
            )
            ctx.summary.add("Dokumente")
        found[spec.title] = existing
    return found


def _network(ctx: DemoContext, documents: dict[str, Document]) -> None:
    actor = ctx.users.get("geschaeftsstelle")
    vergabe = CooperationField.objects.get(name="Vergabezentrum")
    eakte = CooperationField.objects.get(name="Einführung e-Akte/DMS")
    if not Solution.objects.filter(title="Kommunales Vergabezentrum").exists():
        spec = operating.by_title("Kommunales Vergabezentrum")
        by_label = {m.short_label: m.municipality for m in ctx.region.members.select_related("municipality")}
        network.publish_solution(
            {
                "title": "Kommunales Vergabezentrum",
                "description": "Ein Vergabezentrum führt Vergabeverfahren und Ausschreibungen für mehrere "
                "Kommunen durch; Muster für Geschäftsprozesse und Berichtswesen zur Nachnutzung.",
                "field": vergabe,
                "since": dt.date(2017, 7, 1),
                "owner": ctx.units["06433"],
                "contact": "IKZ-Stabsstelle des Kreises Groß-Gerau",
                "source": SEED_003,
            },
            [by_label[label] for label in spec.participants],
            [documents[KOINNO_TITLE]],
            actor=actor,
        )
        ctx.summary.add("Lösungen")
    solution = Solution.objects.filter(title=SOLUTION_TITLE).first()
    if solution is None:
        solution = network.publish_solution(
            {
                "title": SOLUTION_TITLE,
                "description": "Elektronische Akte mit Dokumentenmanagement (DMS) für die ganze Verwaltung: "
                "Aktenplan, Scanstelle, Schulungen; Konzept und Leistungsbeschreibung zur Nachnutzung.",
                "field": eakte,
                "since": dt.date(2021, 1, 1),
                "owner": ctx.units[SOLUTION_OWNER],
                "contact": "Digitalisierung, Stadt Wetzlar (Demo)",
                "source": SEED_000,
            },
            [ctx.units[SOLUTION_OWNER]],
            [],
            actor=actor,
        )
        ctx.summary.add("Lösungen")
    if not Need.objects.filter(title=NEED_TITLE).exists():
        network.publish_need(
            {
                "title": NEED_TITLE,
                "description": "Wir möchten die elektronische Akte mit Dokumentenmanagement einführen "
                "und suchen ein erprobtes Konzept mit Aktenplan und Scanstelle.",
                "field": eakte,
                "owner": ctx.units[NEED_OWNER],
                "source": SEED_000,
            },
            actor=actor,
        )
        ctx.summary.add("Bedarfe")
    if not ReuseInterest.objects.filter(solution=solution, municipality=ctx.units[INTERESTED]).exists():
        network.declare_interest(
            solution, ctx.units[INTERESTED], "Interesse an Nachnutzung (Demo)", actor=actor
        )
        ctx.summary.add("Interessen an Nachnutzung")


def _portal(ctx: DemoContext) -> None:
    """Publish the region's cooperations in which at least one municipality takes part today: the
    2013 inventory's existing ones and the operating ones of seed 003 part B where another demo
    part created them (this part does not create cooperations of its own)."""
    actor = ctx.users.get("geschaeftsstelle")
    operating_titles = [spec.title for spec in operating.OPERATING]
    existing = Cooperation.objects.filter(region=ctx.region).filter(
        Q(participants__status=ParticipantStatus.EXISTS) | Q(title__in=operating_titles)
    )
    for cooperation in existing.distinct().order_by("pk"):
        if not PublishedCooperation.objects.filter(cooperation=cooperation).exists():
            portal.set_cooperation_published(cooperation, True, actor=actor)
            ctx.summary.add("veröffentlichte Kooperationen")
    for title, date, published, text in NEWS:
        # written and published through the office's news pages' services (decision 120)
        if not News.objects.filter(region=ctx.region, title=title).exists():
            news = portal.save_news(ctx.region, {"title": title, "date": date, "text": text}, actor=actor)
            if published:
                portal.set_news_published(news, True, expected_version=news.version, actor=actor)
            ctx.summary.add("Neuigkeiten")


def load(ctx: DemoContext) -> None:
    documents = _documents(ctx)
    _network(ctx, documents)
    _portal(ctx)
    # Cooperations come from other apps' services, which do not index: index them here.
    index.rebuild(["cooperation"])
