"""Seed 003's grants in the Fördermitteldatenbank: Hessen's IKZ programme and the three grants of
the Kreis Groß-Gerau (100.000 € Vergabezentrum, 100.000 € ProstSchG, 150.000 € Fördermittelmanagement)
as group applications of the cooperations' participants, led by the Kreis, with their shares
through the cooperations' cost keys, the notice and its obligations.

From the seed: the programme, the three amounts, the Fördermittelmanagement since 1.4.2023. Not in
the seed and marked illustrative: the dates of application and notice, the funded period and the
Zweckbindung of five years (the programme's minimum duration). Idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from ikz.costs.models import GrantProgramme
from ikz.demo import citations, operating
from ikz.demo.context import DemoContext
from ikz.demo.costs import GRANTS, HESSEN
from ikz.funding import services
from ikz.funding.models import Application, ObligationKind, Programme
from ikz.projects.models import Project

NOTE = (
    "Vermerk (Demodaten): Der Verwendungsnachweis für „{title}“ wurde eingereicht. "
    "Das Dokument selbst ist nicht in der Quelle (Vortrag „IKZ mit System“ 2023)."
)
ILLUSTRATIVE = (
    "Antrags- und Bescheiddaten illustrativ (nicht in der Quelle); Betrag aus Vortrag „IKZ mit System“ 2023."
)
PROGRAMME = {
    "name": HESSEN["name"],
    "short": "Zuwendungen des Landes Hessen für neue interkommunale Zusammenarbeit: Regelzuwendung "
    "nach Zahl der beteiligten Kommunen (2: 50.000 €, 3: 75.000 €, mehr als 3: 100.000 €), "
    "weitreichende Kooperationen mit "
    "Modellcharakter auch mehr.",
    "giver": "land",
    "giver_name": HESSEN["giver"],
    "kinds": ["zuschuss"],
    "areas": ["regional"],
    "eligible": ["kommune"],
    "territories": ["06"],
    "all_fields": True,
    "bodies": [],
    "min_partners": 3,
    "exclusions": "Zusammenarbeit auf Dauer, mindestens 5 Jahre; Einsparung mindestens 15 % der "
    "Personal- und Sachausgaben je Jahr; 2 Kommunen nur in begründeten Ausnahmen.",
    "resolution_required": False,
    "url": "https://beratungszentrum.hessen.de",
}
# (cooperation, amount, submitted, notice, funded until) — dates illustrative
DATES = {
    "Kommunales Vergabezentrum": (dt.date(2016, 9, 1), dt.date(2016, 12, 1), dt.date(2018, 12, 31)),
    "Umsetzung ProstSchG": (dt.date(2018, 3, 1), dt.date(2018, 6, 1), dt.date(2020, 5, 31)),
    "Fördermittelmanagement": (dt.date(2022, 11, 1), dt.date(2023, 3, 1), dt.date(2025, 3, 31)),
}


def _programme(ctx: DemoContext) -> Programme:
    programme = Programme.objects.filter(name=PROGRAMME["name"]).first()
    if programme is None:
        legacy = GrantProgramme.objects.filter(name=HESSEN["name"]).first()
        programme = services.save_programme(
            {**PROGRAMME, "region": None, "legacy": legacy},
            [],
            actor=None,
            message=f"Demodaten ({citations.TALK_SHORT})",
        )
        ctx.summary.add("Förderprogramme (Datenbank)")
    return programme


def _application(ctx: DemoContext, programme: Programme, title: str, amount: Decimal) -> None:
    coop = operating.ensure_cooperation(ctx, operating.by_title(title))
    if Application.objects.filter(programme=programme, cooperation=coop).exists():
        return
    submitted, awarded, until = DATES[title]
    partners = list(coop.participants.select_related("municipality"))
    lead = ctx.units["06433"]
    application = services.create_application(
        programme,
        {
            "title": f"IKZ-Förderung {title}",
            "region": ctx.region,
            "lead": lead,
            "group": True,
            "cooperation": coop,
            "project": Project.objects.filter(cooperation=coop).order_by("pk").first(),
            "amount_requested": amount,
            "note": ILLUSTRATIVE,
        },
        [p.municipality for p in partners],
        actor=None,
        message="Demodaten",
    )
    services.shares_from_key(application, expected_version=application.version, actor=None)
    application.refresh_from_db()
    application = services.submit_application(
        application, submitted_on=submitted, expected_version=application.version, actor=None
    )
    services.record_notice(
        application,
        {"awarded_on": awarded, "amount_awarded": amount, "funded_until": until, "binding_years": 5},
        expected_version=application.version,
        actor=None,
    )
    _settle_past(application)
    ctx.summary.add("Förderanträge (Datenbank)")


def _settle_past(application: Application) -> None:
    """What fell due before today is marked done on its due day (the grants are history); the
    Verwendungsnachweis with a note as its file, since the source has none."""
    today = timezone.localdate()
    for obligation in application.obligations.filter(due_on__lt=today).order_by("due_on", "pk"):
        evidence = None
        if obligation.kind == ObligationKind.PROOF:
            evidence = ("verwendungsnachweis-vermerk.txt", NOTE.format(title=application.title).encode())
        services.complete_obligation(
            obligation,
            done_on=obligation.due_on,
            evidence=evidence,
            note="Demodaten: als erledigt angenommen",
            expected_version=obligation.version,
            actor=None,
        )


def load(ctx: DemoContext) -> None:
    programme = _programme(ctx)
    for title, amount in GRANTS:
        _application(ctx, programme, title, amount)
