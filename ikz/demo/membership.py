"""Seed 000, K4K eG: the cooperative, its ten members, the service catalogue, one commission with an
offer for Stadt Wetzlar (demo user ``mitglied``) and three candidates on their way in.

Facts from the seed: the name, seat and address, the share of 500 € (one per member, no further
contributions), the audit association, the board, the ten members and the services. Invented and
marked as illustrative: member numbers and entry dates (the seed only says "10 kommunale
Mitglieder", founded 2016), payment dates, the commission and its prices, and the three candidates
(dates computed from the day the demo is loaded, so the earliest execution date of the candidate
in step 3 lies in the future).

Idempotent: what exists is left alone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ikz.accounts.models import User
from ikz.audit.services import update_versioned
from ikz.demo import citations
from ikz.demo.context import DemoContext
from ikz.membership import services
from ikz.membership.models import Cooperative, Member, Onboarding, Service, ServiceRequest, Step
from ikz.municipalities.models import Level, Municipality

SEED = citations.GUIDE
ILLUSTRATIVE_ENTRY = f"{SEED} (Mitgliederliste); Mitgliedsnummer und Eintrittsdatum illustrativ"

COOPERATIVE = {
    "name": "K4K Kompetenz für kommunale Innovation und Digitalisierung eG",
    "short_name": "K4K eG",
    "street": "Laufdorfer Weg 4",
    "postal_code": "35578",
    "city": "Wetzlar",
    "share_amount": Decimal("500.00"),
    "min_shares": 1,
    "additional_contributions_excluded": True,
    "audit_association": "PDG Genossenschaftlicher Prüfungsverband e.V.",
    "board": "Maximilian Großmann",
    "statutes_version": "Satzung der K4K eG (Fassung nicht im Seed; Kündigungsfrist: gesetzliche Frist)",
    "source": SEED,
}

# The ten members of seed 000 in its order; entry dates invented (founded 2016, growing until 2024).
MEMBERS: list[tuple[str, dt.date]] = [
    ("06434", dt.date(2019, 7, 1)),  # Hochtaunuskreis
    ("Kommunales Center für Arbeit – Jobcenter", dt.date(2020, 1, 1)),
    ("Kommunales Jobcenter Groß-Gerau", dt.date(2021, 4, 1)),
    ("Kommunales Jobcenter Lahn-Dill", dt.date(2016, 11, 1)),
    ("06631", dt.date(2022, 1, 1)),  # Landkreis Fulda (inkl. KJC)
    ("06534", dt.date(2022, 7, 1)),  # Landkreis Marburg-Biedenkopf (inkl. KJC)
    ("06440003", dt.date(2023, 1, 1)),  # Stadt Bad Vilbel
    ("06440008", dt.date(2023, 7, 1)),  # Stadt Friedberg
    ("06413000", dt.date(2024, 1, 1)),  # Stadt Offenbach am Main (inkl. MainArbeit)
    ("06532023", dt.date(2016, 11, 1)),  # Stadt Wetzlar
]

# (category, name, description) — seed 000, "Mitgliedsvorteile" and "Produktportfolio"
SERVICES: list[tuple[str, str, str]] = [
    ("advisory", "Interkommunale Kooperationsberatung", ""),
    ("advisory", "Operative Umsetzungsberatung", ""),
    ("advisory", "Strategische Digitalisierungsberatung", ""),
    ("implementation", "Projektmanagement", ""),
    ("implementation", "Produktbetreuung", ""),
    ("implementation", "Managed Services", ""),
    ("implementation", "Schulung und Qualifizierung", ""),
    ("implementation", "Themenkoordination", ""),
    (
        "product",
        "Datenschutz",
        "Bereitstellung eines Datenschutzbeauftragten, einer Online-Plattform sowie passgenaue Beratung "
        "und Unterstützung",
    ),
    (
        "product",
        "Hinweisgeberschutz",
        "Bereitstellung der internen Meldestelle, professionelle Erstbearbeitung durch Juristen und ein "
        "digitaler Meldekanal",
    ),
    (
        "product",
        "SpitzabrechnungPro",
        "Business-Intelligence-Lösung (BI) für eine effiziente BMAS-Abrechnung",
    ),
    (
        "product",
        "Chat- und Voicebot",
        "KI-basierter Chat- und Voicebot, in Entwicklung für die Kommunalen Jobcenter Hessen",
    ),
]

COMMISSION_TEXT = (
    "Illustrativ: Wir möchten die interne Meldestelle nach dem Hinweisgeberschutzgesetz ab dem "
    "1. Januar an die Genossenschaft übertragen (ca. 1.200 Beschäftigte)."
)

CANDIDATE_NOTE = "Illustrativ: Interessent und Termine sind für die Demo gewählt (relativ zum Ladetag)."
# The three candidates and the step each is brought to.
CANDIDATES: list[tuple[str, Step]] = [
    ("06433010", Step.INTENT),  # Raunheim
    ("06433", Step.COMMITTEES),  # Kreis Groß-Gerau
    ("06433007", Step.RESOLUTION),  # Kelsterbach
]


def _cooperative(ctx: DemoContext) -> Cooperative:
    cooperative = Cooperative.objects.filter(short_name=COOPERATIVE["short_name"]).first()
    if cooperative is None:
        from ikz.audit.services import create_object

        cooperative = create_object(Cooperative(**COOPERATIVE), actor=None, message="Demodaten")
        ctx.summary.add("Genossenschaften")
    return cooperative


def _unit(ctx: DemoContext, ref: str) -> Municipality:
    if ref in ctx.units:
        return ctx.units[ref]
    return Municipality.objects.get(name=ref, level=Level.ORGANISATION)


def _members(ctx: DemoContext, cooperative: Cooperative) -> None:
    for number, (ref, admitted) in enumerate(MEMBERS, start=1):
        unit = _unit(ctx, ref)
        if Member.objects.filter(cooperative=cooperative, municipality=unit).exists():
            continue
        member = services.enter_member(
            cooperative,
            unit,
            number=f"{number:03d}",
            admitted_on=admitted,
            source=ILLUSTRATIVE_ENTRY,
            actor=None,
        )
        services.record_payment(
            member,
            {
                "amount": cooperative.share_amount,
                "paid_on": admitted + dt.timedelta(days=14),
                "reference": "Geschäftsanteil (Zahlungsdatum illustrativ)",
            },
            actor=None,
        )
        ctx.summary.add("Mitglieder der Genossenschaft")


def _services(ctx: DemoContext, cooperative: Cooperative) -> None:
    """The catalogue of seed 000, taken in by the cooperative's team through the catalogue page's
    service (decision 118)."""
    team = ctx.users.get("genossenschaft")
    for position, (category, name, description) in enumerate(SERVICES, start=1):
        if not Service.objects.filter(cooperative=cooperative, name=name).exists():
            services.save_service(
                cooperative,
                {
                    "category": category,
                    "name": name,
                    "description": description,
                    "position": position,
                    "source": SEED,
                },
                actor=team,
            )
            ctx.summary.add("Leistungen")


def _commission(ctx: DemoContext, cooperative: Cooperative, today: dt.date) -> None:
    wetzlar = ctx.units["06532023"]
    if ServiceRequest.objects.filter(cooperative=cooperative, member__municipality=wetzlar).exists():
        return
    user = ctx.users.get("mitglied")
    service = Service.objects.get(cooperative=cooperative, name="Hinweisgeberschutz")
    request = services.request_service(
        cooperative,
        wetzlar,
        {"service": service, "description": COMMISSION_TEXT, "is_illustrative": True},
        actor=user,
        today=today,
    )
    lines = [
        services.LineInput(
            "Interne Meldestelle: Bereitstellung und Betrieb", Decimal("12"), "Monat", Decimal("390.00")
        ),
        services.LineInput(
            "Erstbearbeitung von Meldungen durch Juristen", Decimal("10"), "Stunde", Decimal("135.00")
        ),
        services.LineInput("Digitaler Meldekanal: Einrichtung", Decimal("1"), "pauschal", Decimal("850.00")),
    ]
    services.save_offer(
        request,
        {
            "title": "Interne Meldestelle nach HinSchG (illustrativ)",
            "vat_treatment": "standard",
            "valid_until": today + dt.timedelta(days=60),
            "note": "Preise und Mengen sind für die Demo frei gewählt.",
        },
        lines,
        expected_version=request.version,
        actor=ctx.users.get("genossenschaft"),
        today=today,
    )
    request.refresh_from_db()
    services.send_offer(
        request, expected_version=request.version, actor=ctx.users.get("genossenschaft"), today=today
    )
    ctx.summary.add("Anfragen mit Angebot")


def _candidates(ctx: DemoContext, cooperative: Cooperative, today: dt.date) -> None:
    """Enter the candidates that are not on their way yet and bring each to its step."""
    office = ctx.users.get("genossenschaft")
    for key, step in CANDIDATES:
        unit = ctx.units[key]
        if Onboarding.objects.filter(cooperative=cooperative, municipality=unit).exists():
            continue
        onboarding = services.start_onboarding(
            cooperative,
            unit,
            {"note": CANDIDATE_NOTE, "is_illustrative": True, "kickoff_on": today + dt.timedelta(days=9)},
            actor=office,
        )
        ctx.summary.add("Beitritte")
        if step == Step.INTENT:
            continue
        onboarding = _advance(onboarding, step, office, today)
        if step == Step.RESOLUTION:
            _resolution_taken(ctx, onboarding, office, today)
        if step == Step.COMMITTEES:
            _committees_under_way(onboarding, office, today)


def _advance(onboarding: Onboarding, step: Step, office: User | None, today: dt.date) -> Onboarding:
    """The candidate at ``step``, with the dates of the steps before it (kick-off … resolution)."""
    values: dict[str, object] = {
        "kickoff_on": today - dt.timedelta(days=80),
        "kickoff_participants": "Verwaltungsspitze, Hauptamt, Kämmerei, Digitalisierung (illustrativ)",
        "presentation_on": today - dt.timedelta(days=70),
        "draft_resolution_on": today - dt.timedelta(days=60),
    }
    if step == Step.RESOLUTION:
        values |= {
            "resolution_on": today - dt.timedelta(days=20),
            "resolution_body": "Stadtverordnetenversammlung",
            "notice_sent_on": today - dt.timedelta(days=10),
            "declaration_sent_on": today - dt.timedelta(days=9),
            "agreement_sent_on": today - dt.timedelta(days=9),
        }
    return update_versioned(
        Onboarding,
        onboarding.pk,
        values | {"step": step},
        expected_version=onboarding.version,
        actor=office,
        message="Demodaten",
    )


def _resolution_taken(ctx: DemoContext, onboarding: Onboarding, office: User | None, today: dt.date) -> None:
    """The council's session that approved joining, and the documents sent out afterwards."""
    session = {
        "body": "Stadtverordnetenversammlung",
        "date": today - dt.timedelta(days=20),
        "outcome": "approved",
    }
    services.save_item(
        onboarding, "sitzung", None, session, expected_version=onboarding.version, actor=office
    )
    # The documents sent out (letter, declaration, agreement); they land in the library too.
    for kind in ("anzeige", "beitrittserklaerung", "kooperationsvereinbarung"):
        services.generate_document(onboarding, kind, actor=office, today=today)
        ctx.summary.add("Erzeugte Beitrittsdokumente")


def _committees_under_way(onboarding: Onboarding, office: User | None, today: dt.date) -> None:
    """Three committee sessions (one held, two planned), a check-in and an open question."""
    sessions = [
        ("Haupt- und Finanzausschuss", today - dt.timedelta(days=12), "approved"),
        ("Kreisausschuss", today + dt.timedelta(days=6), "planned"),
        ("Kreistag", today + dt.timedelta(days=27), "planned"),
    ]
    for body, date, outcome in sessions:
        services.save_item(
            onboarding,
            "sitzung",
            None,
            {"body": body, "date": date, "outcome": outcome, "note": "illustrativ"},
            expected_version=onboarding.version,
            actor=office,
        )
        onboarding.refresh_from_db()
    checkin = {"date": today - dt.timedelta(days=5), "note": "Stand Gremienlauf"}
    services.save_item(
        onboarding, "check-in", None, checkin, expected_version=onboarding.version, actor=office
    )
    onboarding.refresh_from_db()
    question = {
        "question": "Fallen neben dem Geschäftsanteil laufende Kosten an?",
        "asked_on": today - dt.timedelta(days=5),
    }
    services.save_item(onboarding, "frage", None, question, expected_version=onboarding.version, actor=office)


def load(ctx: DemoContext) -> None:
    today = dt.date.today()
    cooperative = _cooperative(ctx)
    _members(ctx, cooperative)
    _services(ctx, cooperative)
    _commission(ctx, cooperative, today)
    _candidates(ctx, cooperative, today)
