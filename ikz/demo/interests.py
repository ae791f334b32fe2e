"""Seed 003, Interessenbekundungsverfahren 2013: the call and its ranking.

The seed gives the topics in its order and, per topic, the number of municipalities that
declared an interest. It does not say which ones: the demo picks them deterministically (a
window rotating through the 15 members in the seed's order) and marks every declaration as
illustrative. Dates are invented as well (the seed only places the call in 2013): the call opens on
1 July 2013, after the Bestandsaufnahme's result (30.6.2013), and the fifteen declarations are sent
every third day from 1 August 2013, the last on 12 September, before the deadline of 30 September —
so the ranking as of 31.12.2013 is the seed's table, and as of an earlier day only what was sent by
then counts (decision 103).

Idempotent: what exists is left alone."""

from __future__ import annotations

import datetime as dt

from ikz.cooperation.models import TaskArea
from ikz.demo import citations
from ikz.demo.context import DemoContext
from ikz.interests import services
from ikz.interests.models import CallStatus, InterestCall

CALL_TITLE = "kreisweites IKZ-Interessenbekundungsverfahren 2013"
SEED_SOURCE = citations.talk("A 2 b) kreisweites IKZ-Interessenbekundungsverfahren 2013")
ILLUSTRATIVE = (
    "Illustrativ: Die Quelle nennt je Thema nur die Zahl der interessierten Kommunen; welche Kommunen "
    "es waren und wer in der Arbeitsgruppe IKZ mitarbeitet, ist für die Demo frei gewählt."
)
OPENED_ON = dt.date(2013, 7, 1)  # invented
DEADLINE = dt.date(2013, 9, 30)  # invented
FIRST_SENT_ON = dt.date(2013, 8, 1)  # invented; member n sends 3 × n days later


def sent_on(index: int) -> dt.date:
    """The day the ``index``-th member (0…, the region's order) sent its declaration (invented)."""
    return FIRST_SENT_ON + dt.timedelta(days=3 * index)


# (topic as in the seed, task area of the demo catalogue, number of interested municipalities)
TOPICS: list[tuple[str, str, int]] = [
    ("Personalmanagement", "Personalmanagement", 12),
    (
        "Zentrale Angelegenheiten (v.a. Beschaffungswesen, Gebäudemanagement)",
        "Zentrale Angelegenheiten",
        11,
    ),
    ("Ver- und Entsorgung, Energie", "Ver- und Entsorgung, Energie", 8),
    ("Bauhof", "Bauhof", 8),
    ("Informations- und Kommunikationstechnologie / Digitalisierung", "Informationstechnologie", 8),
    ("Sicherheit und Ordnung", "Sicherheit und Ordnung", 7),
    ("Brand-, Zivil- und Katastrophenschutz", "Brandschutz", 7),
    ("Kultur- und Vereinsmanagement", "Kultur- und Vereinsmanagement", 7),
    (
        "Räumliche Planung und Entwicklung, Bauverwaltung, Wohnen",
        "Räumliche Planung und Entwicklung, Bauverwaltung, Wohnen",
        7,
    ),
    ("Finanzmanagement, Kasse", "Finanzmanagement, Kasse", 7),
    (
        "Soziale Leistungen, Kinder, Jugend, Familie, Schule",
        "Soziales, Kinder, Jugend, Familie, Schule",
        6,
    ),
    ("Sport, Freizeit, Erholung", "Sport, Freizeit, Erholung", 6),
    (
        "Naturschutz und Landschaftspflege, Umweltschutz",
        "Naturschutz und Landschaftspflege, Umweltschutz",
        4,
    ),
]


# the topic the demo turns into a project proposal (one without a project of the 2014 pilots)
PROPOSED_TOPIC = "Sport, Freizeit, Erholung"


def chosen(index: int, count: int, members: int) -> list[tuple[int, bool]]:
    """(member position 0…, joins the working group) for topic ``index``: ``count`` members in a
    window that starts four places further for each topic; every third of them joins the group."""
    start = (index * 4) % members
    return [((start + k) % members, k % 3 == 0) for k in range(count)]


def load(ctx: DemoContext) -> None:
    """Create what is missing, through the services (so it is audited)."""
    if InterestCall.objects.filter(region=ctx.region, title=CALL_TITLE).exists():
        return
    office = ctx.users.get("geschaeftsstelle")
    call = services.create_call(
        ctx.region,
        {
            "title": CALL_TITLE,
            "description": (
                "Die Städte und Gemeinden und der Kreis bekunden je Thema ihren Kooperationswillen "
                "und ihre Beteiligung am strukturierten Austausch in der „Arbeitsgruppe IKZ“."
            ),
            "opened_on": None,
            "deadline": DEADLINE,
            "allow_late": False,
            "source": SEED_SOURCE + "; Daten und Zuordnung der Kommunen illustrativ",
        },
        actor=office,
    )
    ctx.summary.add("Interessenbekundungsverfahren")
    areas = {a.name: a for a in TaskArea.objects.filter(name__in=[t[1] for t in TOPICS])}
    topics = []
    for position, (label, area, _count) in enumerate(TOPICS, start=1):
        topics.append(
            services.create_topic(
                call,
                {"label": label, "task_area": areas[area], "field": None, "position": position},
                actor=office,
            )
        )
    ctx.summary.add("Themen", len(topics))
    call = services.change_call_status(
        call, CallStatus.OPEN, expected_version=call.version, actor=office, today=OPENED_ON
    )
    members = list(ctx.region.members.select_related("municipality").order_by("position"))
    answers: list[dict[int, tuple[bool, bool]]] = [{} for _ in members]
    for index, (topic, (_label, _area, count)) in enumerate(zip(topics, TOPICS, strict=True)):
        for member_index, joins in chosen(index, count, len(members)):
            answers[member_index][topic.pk] = (True, joins)
    for index, (member, member_answers) in enumerate(zip(members, answers, strict=True)):
        services.save_declaration(
            call,
            member.municipality,
            member_answers,
            note=ILLUSTRATIVE,
            source=ILLUSTRATIVE,
            submit=True,
            expected_version=None,
            actor=office,
            today=sent_on(index),
            submitted_on=sent_on(index),
            on_behalf=True,
        )
    ctx.summary.add("Interessenbekundungen", len(members))
    services.change_call_status(call, CallStatus.CLOSED, expected_version=call.version, actor=office)
    # A proposal made from the ranking (issue 19): the projects app takes it over at once as a project
    # "Vorschlag" with the interested members (illustrative, as their declarations) as participants.
    sport = next(t for t in topics if t.label == PROPOSED_TOPIC)
    services.propose_project(sport, actor=office)
    ctx.summary.add("Projektvorschläge")
