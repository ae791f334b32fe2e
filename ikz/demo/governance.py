"""Seed 000, K4K eG: its organs, the growth goal, letters of intent and one held ordinary general
assembly — through the same services the cooperative's team uses.

Facts from the seed: the Vorstand (Maximilian Großmann) and the Aufsichtsrat (Frank Dworsky, Reiner
Gail, Beate Langhammer); "über 15 Kommunen mit Letter of Intent"; "bis zu 50 Mitglieder bis 2025".
Invented and marked as illustrative: the beginning of the terms, which bodies signed a letter of
intent and when (the seed gives only the number), and the assembly with its agenda, attendance and
votes (the seed names none); persons at the assembly appear by their role, not by name.

Idempotent: what exists is left alone."""

from __future__ import annotations

import datetime as dt

from ikz.audit.services import update_versioned
from ikz.demo import citations
from ikz.demo.context import DemoContext
from ikz.governance import services
from ikz.governance.models import Assembly, AssemblyKind, Organ, OrganSeat
from ikz.membership import services as membership_services
from ikz.membership.models import Cooperative, LetterOfIntent, Member, Onboarding

SEED = citations.GUIDE
TERM_NOTE = f"{SEED} („Über uns“); Beginn der Amtszeit illustrativ"
SEATS: list[tuple[str, str, str]] = [
    (Organ.BOARD, "Maximilian Großmann", "Vorstand | CEO"),
    (Organ.SUPERVISORY, "Frank Dworsky", ""),
    (Organ.SUPERVISORY, "Reiner Gail", ""),
    (Organ.SUPERVISORY, "Beate Langhammer", ""),
]
TERMS_FROM = dt.date(2024, 1, 1)
# 16 bodies with a letter of intent ("über 15"): the Kreis Groß-Gerau with its 14 towns and
# municipalities (the three candidates among them) and the Main-Kinzig-Kreis — illustrative.
LETTER_KEYS = [
    "06433",
    "06433001",
    "06433002",
    "06433003",
    "06433004",
    "06433005",
    "06433006",
    "06433007",
    "06433008",
    "06433009",
    "06433010",
    "06433011",
    "06433012",
    "06433013",
    "06433014",
    "06435",
]
LETTER_NOTE = "Illustrativ: Der Seed nennt die Zahl (über 15), nicht die Kommunen und Daten."
ASSEMBLY_NOTE = (
    "Illustrativ: Der Seed nennt die Generalversammlung als Organ, aber keine Versammlung; Tag, "
    "Tagesordnung, Teilnahme und Abstimmungen sind für die Demo gewählt."
)
# (title, resolution kind, motion); the votes below follow the numbers
ITEMS: list[tuple[str, str, str]] = [
    ("Bericht des Vorstands und des Aufsichtsrats", "none", ""),
    ("Feststellung des Jahresabschlusses", "simple", "Der Jahresabschluss wird festgestellt."),
    (
        "Entlastung des Vorstands und des Aufsichtsrats",
        "simple",
        "Vorstand und Aufsichtsrat werden entlastet.",
    ),
    (
        "Änderung der Satzung: Einladung zur Generalversammlung in Textform",
        "statute",
        "Die Satzung wird so geändert, dass zur Generalversammlung in Textform (E-Mail) eingeladen wird.",
    ),
]


def _goal(cooperative: Cooperative) -> Cooperative:
    if cooperative.growth_goal:
        return cooperative
    return update_versioned(
        Cooperative,
        cooperative.pk,
        {"growth_goal": 50, "growth_goal_by": dt.date(2025, 12, 31)},
        expected_version=cooperative.version,
        actor=None,
        message=f"Demodaten: {SEED} („bis zu 50 Mitglieder bis 2025“)",
    )


def _seats(ctx: DemoContext, cooperative: Cooperative) -> None:
    team = ctx.users.get("genossenschaft")
    for organ, person, function in SEATS:
        if not OrganSeat.objects.filter(cooperative=cooperative, person=person).exists():
            services.add_seat(
                cooperative,
                {
                    "organ": organ,
                    "person": person,
                    "function": function,
                    "started_on": TERMS_FROM,
                    "source": TERM_NOTE,
                },
                actor=team,
            )
            ctx.summary.add("Organmitglieder")


def _letters(ctx: DemoContext, cooperative: Cooperative) -> None:
    team = ctx.users.get("genossenschaft")
    for n, key in enumerate(LETTER_KEYS):
        unit = ctx.units[key]
        if LetterOfIntent.objects.filter(cooperative=cooperative, municipality=unit).exists():
            continue
        letter = membership_services.record_letter(
            cooperative,
            {
                "municipality": unit,
                "signed_on": dt.date(2024, 2, 1) + dt.timedelta(days=21 * n),
                "note": LETTER_NOTE,
                "is_illustrative": True,
            },
            actor=team,
        )
        onboarding = Onboarding.objects.filter(
            cooperative=cooperative, municipality=unit, status="active"
        ).first()
        if onboarding is not None:
            update_versioned(
                LetterOfIntent,
                letter.pk,
                {"onboarding": onboarding},
                expected_version=letter.version,
                actor=team,
            )
        ctx.summary.add("Absichtserklärungen")


def _held_on(today: dt.date) -> dt.date:
    """The last 18 June that lies at least a week back (the ordinary assembly of the demo)."""
    year = today.year if today >= dt.date(today.year, 6, 25) else today.year - 1
    return dt.date(year, 6, 18)


def _assembly(ctx: DemoContext, cooperative: Cooperative, today: dt.date) -> None:
    held_on = _held_on(today)
    if Assembly.objects.filter(cooperative=cooperative, kind=AssemblyKind.ORDINARY, date=held_on).exists():
        return
    team = ctx.users.get("genossenschaft")
    invited_on = held_on - dt.timedelta(days=21)
    assembly = services.convene(
        cooperative,
        {
            "kind": AssemblyKind.ORDINARY,
            "form": "hybrid",
            "date": held_on,
            "time": "14:00",
            "place": "Wetzlar, Laufdorfer Weg 4, und Videokonferenz",
            "convened_by": "board",
            "invited_on": invited_on,
            "business_year": held_on.year - 1,
            "accounts_available_on": invited_on,
            "universal": False,
            "note": ASSEMBLY_NOTE,
        },
        actor=team,
    )
    items = [
        services.add_item(
            assembly,
            {"title": title, "resolution_kind": kind, "motion": motion, "announced_on": invited_on},
            actor=team,
        )
        for title, kind, motion in ITEMS
    ]
    services.send_invitations(assembly, actor=team, today=invited_on)
    members = list(
        Member.objects.filter(cooperative=cooperative, admitted_on__lte=held_on).not_left_by(held_on)
    )
    present, proxied = members[:-2], members[-2]  # the last member is not represented
    for member in present:
        services.record_attendance(
            assembly,
            {"member": member, "mode": "representative", "person": "gesetzliche Vertretung"},
            actor=team,
        )
    services.record_attendance(
        assembly,
        {
            "member": proxied,
            "mode": "proxy",
            "person": "Bevollmächtigte Person (illustrativ)",
            "text_form": True,
        },
        actor=team,
    )
    voters = [*present, proxied]
    services.record_votes(items[1], {m.pk: "yes" for m in voters}, actor=team)
    services.record_votes(
        items[2], {m.pk: ("abstain" if m == voters[0] else "yes") for m in voters}, actor=team
    )
    services.record_votes(items[3], {m.pk: ("no" if m == voters[-1] else "yes") for m in voters}, actor=team)
    assembly.refresh_from_db()
    assembly = services.close_assembly(
        assembly,
        {"chair": "Vorsitz des Aufsichtsrats", "minute_taker": "Geschäftsstelle der K4K eG"},
        expected_version=assembly.version,
        actor=team,
        today=today,
    )
    board = OrganSeat.objects.get(cooperative=cooperative, organ=Organ.BOARD, person=SEATS[0][1])
    services.sign_minutes(
        assembly,
        {"board_signatory": board, "minutes_signed_on": held_on + dt.timedelta(days=2)},
        expected_version=assembly.version,
        actor=team,
        today=today,
    )
    ctx.summary.add("Generalversammlungen")


def load(ctx: DemoContext) -> None:
    cooperative = Cooperative.objects.filter(short_name="K4K eG").first()
    if cooperative is None:
        return
    today = dt.date.today()
    cooperative = _goal(cooperative)
    _seats(ctx, cooperative)
    _letters(ctx, cooperative)
    _assembly(ctx, cooperative, today)
