"""Seed 003's meetings (issue 22, point 3): the IKZ-Lenkungsgruppe (since 2013), the
Bürgermeister-Dienstversammlung and the E-Government-Stammgruppe (since 2018), entered through the
meeting services like an office entering past meetings.

From the seed: the IKZ project was presented in the Bürgermeister-Dienstversammlung at the
beginning of 2013 (Mainspitze, 25.10.2013); the steering group decides projects and milestones;
the ProstSchG agreement was signed in a Bürgermeister-Dienstversammlung before it took effect on
1.10.2020 (press article "Kommunen kooperieren bei Prostituiertenschutzgesetz"). The meetings of
the steering group carry the demo's decisions of the projects
(``ikz.demo.projects.DECISIONS``, illustrative as marked there): each decision is linked, not
recorded twice. The principle resolution (a paper) goes from the Bürgermeister-Dienstversammlung
to every member council, with each council's result as the demo's resolutions hold it. Days and
times of the meetings are illustrative; so are the persons (functions, no names). One coming
meeting of the steering group has its agenda from what waits for a decision.

Idempotent: a body, meeting or paper that exists is left alone."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.utils import timezone

from ikz.demo.context import DemoContext
from ikz.demo.projects import DECISIONS
from ikz.meetings import queries, services
from ikz.meetings.models import Consultation, Meeting, Organization, Paper
from ikz.projects.models import Milestone, Project
from ikz.resolutions.models import Resolution, Subject

STEERING = "IKZ-Lenkungsgruppe"
MAYORS = "Bürgermeister-Dienstversammlung"
EGOV = "E-Government-Stammgruppe"
BODIES = [
    (STEERING, "LKG", "steering", dt.date(2013, 1, 1)),
    (MAYORS, "BMDV", "mayors", None),
    (EGOV, "", "working_group", dt.date(2018, 1, 1)),  # seed 003: "seit 2018"
]
PAPER = "IKZ-2013/01"
UPCOMING = dt.datetime(2027, 1, 20, 10, 0)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def _bodies(ctx: DemoContext) -> dict[str, Organization]:
    office = ctx.users.get("geschaeftsstelle")
    found = {o.name: o for o in Organization.objects.filter(region=ctx.region)}
    for name, short, kind, since in BODIES:
        if name in found:
            continue
        body = services.create_organization(
            ctx.region, {"name": name, "short_name": short, "kind": kind, "start_date": since}, actor=office
        )
        found[name] = body
        ctx.summary.add("Gremien")
        for values in _members(ctx, kind):
            services.add_member(body, values, actor=office)
            ctx.summary.add("Mitgliedschaften in Gremien")
    return found


def _members(ctx: DemoContext, kind: str) -> list[dict[str, Any]]:
    members = list(ctx.region.members.select_related("municipality").order_by("position"))
    if kind == "steering":
        return [
            {"name": "Lars Lenker", "user": ctx.users.get("lenkungsgruppe"), "role": "Vorsitz (illustrativ)"},
            {
                "name": "IKZ-Geschäftsstelle",
                "user": ctx.users.get("geschaeftsstelle"),
                "role": "Geschäftsführung",
                "voting_right": False,
            },
        ]
    if kind == "mayors":
        return [
            {
                "name": f"Verwaltungsspitze {_label(m.municipality)}",
                "municipality": m.municipality,
                "role": "Landrat/Landrätin" if m.municipality.level == "kreis" else "Bürgermeister/in",
            }
            for m in members
        ]
    return [
        {
            "name": f"E-Government-Beauftragte/r {_label(m.municipality)}",
            "municipality": m.municipality,
            "role": "Mitglied",
        }
        for m in members[:5]
    ]


def _label(unit: Any) -> str:
    """Kreis Groß-Gerau and the town Groß-Gerau share a short name: the Kreis says so."""
    return f"Kreis {unit.short_name}" if unit.level == "kreis" else str(unit.short_name)


def _held(
    ctx: DemoContext, body: Organization, start: dt.datetime, name: str, items: list[dict[str, Any]]
) -> Meeting | None:
    """A past meeting entered later: agenda, invitation (telling nobody), minutes, results, approval."""
    if Meeting.objects.filter(organization=body, start=start).exists():
        return None
    office = ctx.users.get("geschaeftsstelle")
    meeting = services.create_meeting(
        body, {"name": name, "start": start, "location": "Groß-Gerau"}, actor=office
    )
    results = []
    for values in items:
        paper = values.pop("paper", None)
        result = {k: values.pop(k) for k in ("result", "resolution_text") if k in values}
        results.append((services.add_agenda_item(meeting, values, actor=office, paper=paper), result))
    meeting.refresh_from_db()
    meeting = services.invite(
        meeting,
        expected_version=meeting.version,
        actor=office,
        today=start.date() - dt.timedelta(days=14),
        tell_members=False,
    )
    meeting = services.hold_meeting(
        meeting,
        f"Niederschrift der Sitzung „{name}“ (für die Demo zusammengefasst).",
        expected_version=meeting.version,
        actor=office,
    )
    for item, result in results:
        services.record_result(item, result, expected_version=item.version, actor=office)
    meeting = services.approve_minutes(
        meeting, start.date() + dt.timedelta(days=28), expected_version=meeting.version, actor=office
    )
    ctx.summary.add("Sitzungen")
    return meeting


def _steering_meetings(ctx: DemoContext, body: Organization) -> None:
    by_day: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
    for title, decisions in DECISIONS.items():
        project = Project.objects.filter(region=ctx.region, title=title).first()
        if project is None:
            continue
        for day, text, milestone_title in decisions:
            milestone = (
                Milestone.objects.filter(project=project, title=milestone_title).first()
                if milestone_title
                else None
            )
            by_day[day].append(
                {
                    "name": f"Beschluss zum Projekt „{title}“",
                    "project": project,
                    "milestone": milestone,
                    "result": "adopted",
                    "resolution_text": text,
                }
            )
    for day in sorted(by_day):
        _held(ctx, body, _at(day), f"Sitzung vom {day:%d.%m.%Y} (Datum illustrativ)", by_day[day])


def _paper(ctx: DemoContext, mayors: Organization) -> None:
    office = ctx.users.get("geschaeftsstelle")
    if Paper.objects.filter(region=ctx.region, reference=PAPER).exists():
        return
    paper = services.create_paper(
        ctx.region,
        {
            "reference": PAPER,
            "name": "Grundsatzbeschluss zur Intensivierung der interkommunalen Zusammenarbeit",
            "paper_type": "Beschlussvorlage",
            "date": dt.date(2013, 1, 21),
            "subject": Subject.PRINCIPLE,
            "text": "Die Vertretung beschließt, die interkommunale Zusammenarbeit im Kreis Groß-Gerau zu "
            "intensivieren und sich am kreisweiten IKZ-Prozess zu beteiligen (Wortlaut für die Demo).",
        },
        actor=office,
    )
    ctx.summary.add("Vorlagen")
    _held(
        ctx,
        mayors,
        _at(dt.date(2013, 2, 4)),
        "Bürgermeister-Dienstversammlung Anfang 2013 (Datum illustrativ)",
        [
            {"name": "Vorstellung des Projekts „Interkommunale Zusammenarbeit“", "result": "noted"},
            {
                "name": f"{PAPER}: Grundsatzbeschluss",
                "paper": paper,
                "result": "adopted",
                "resolution_text": "Die Verwaltungsspitzen empfehlen ihren Vertretungen den "
                "Grundsatzbeschluss.",
            },
        ],
    )
    resolutions = {
        r.municipality_id: r
        for r in Resolution.objects.filter(
            subject=Subject.PRINCIPLE, municipality__region_memberships__region=ctx.region
        )
    }
    services.add_councils(paper, list(resolutions), actor=office)
    for consultation in Consultation.objects.filter(paper=paper, municipality__isnull=False):
        r = resolutions[int(consultation.municipality_id or 0)]
        services.record_council_result(
            consultation,
            {"body": r.body, "date": r.date, "outcome": r.outcome, "note": r.note},
            expected_version=consultation.version,
            actor=office,
        )


def _upcoming(ctx: DemoContext, body: Organization) -> None:
    start = UPCOMING.replace(tzinfo=timezone.get_current_timezone())
    if Meeting.objects.filter(organization=body, start=start).exists():
        return
    office = ctx.users.get("geschaeftsstelle")
    meeting = services.create_meeting(
        body,
        {"name": "Sitzung im Januar 2027 (illustrativ)", "start": start, "location": "Groß-Gerau"},
        actor=office,
    )
    proposals = queries.agenda_proposals(meeting, timezone.localdate())
    services.add_agenda_items(
        meeting,
        [
            {"name": p.name, "project": p.project, "milestone": p.milestone, "topic": p.topic}
            for p in proposals
        ]
        or [{"name": "Bericht der Geschäftsstelle"}],
        actor=office,
    )
    ctx.summary.add("Sitzungen")


def load(ctx: DemoContext) -> None:
    bodies = _bodies(ctx)
    _steering_meetings(ctx, bodies[STEERING])
    _paper(ctx, bodies[MAYORS])
    _held(
        ctx,
        bodies[MAYORS],
        _at(dt.date(2020, 9, 14)),
        "Bürgermeister-Dienstversammlung September 2020 (Datum illustrativ)",
        [
            {
                "name": "Unterzeichnung der öffentlich-rechtlichen Vereinbarung „Umsetzung ProstSchG“",
                "result": "noted",
            }
        ],
    )
    _upcoming(ctx, bodies[STEERING])
