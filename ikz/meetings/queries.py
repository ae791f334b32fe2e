"""Read side of the meeting pages: the region's bodies and meetings, a meeting with its agenda
and attendance, what waits for a decision, a paper's way through the councils, the open actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.meetings import rules
from ikz.meetings.models import (
    AgendaItem,
    Attendance,
    Consultation,
    Meeting,
    MeetingState,
    Membership,
    Organization,
    Paper,
)
from ikz.municipalities.models import Region
from ikz.projects import rules as project_rules
from ikz.projects.models import Milestone, Project, Status, SteeringDecision


@dataclass
class RegionMeetings:
    organizations: list[Any]  # Organization with ``members``, the current members
    upcoming: list[Meeting]
    past: list[Meeting]
    papers: list[Paper]


def region_meetings(region: Region, now: dt.datetime) -> RegionMeetings:
    organizations = list(
        Organization.objects.filter(region=region).annotate(
            members=Count("memberships", filter=Q(memberships__end_date__isnull=True))
        )
    )
    meetings = list(Meeting.objects.filter(organization__region=region).select_related("organization"))
    return RegionMeetings(
        organizations=organizations,
        upcoming=sorted((m for m in meetings if m.start >= now), key=lambda m: m.start),
        past=[m for m in meetings if m.start < now],
        papers=list(Paper.objects.filter(region=region)),
    )


def members_of(organization: Organization, day: dt.date | None = None) -> list[Membership]:
    """The memberships of a body, current on ``day`` when given (else all, former ones included)."""
    rows = Membership.objects.filter(organization=organization).select_related("person__municipality")
    if day is not None:
        rows = rows.filter(Q(start_date__isnull=True) | Q(start_date__lte=day)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )
    return list(rows)


@dataclass
class MeetingPage:
    items: list[AgendaItem]
    members: list[tuple[Membership, str]]  # with the recorded attendance status ("" when none)
    papers: dict[int, Paper]  # agenda item id → the paper consulted there
    present: int = 0
    voting_present: int = 0
    minutes_visible: bool = False


def meeting_page(meeting: Meeting, *, internal: bool) -> MeetingPage:
    items = meeting.agenda_items.select_related("project", "milestone", "decision")
    if not internal:
        items = items.filter(public=True)
    item_list = list(items)
    status = dict(Attendance.objects.filter(meeting=meeting).values_list("person_id", "status"))
    members = [
        (m, status.get(m.person_id, "")) for m in members_of(meeting.organization, meeting.start.date())
    ]
    papers = {
        c.agenda_item_id: c.paper
        for c in Consultation.objects.filter(agenda_item__meeting=meeting).select_related("paper")
        if c.agenda_item_id is not None
    }
    present = [m for m, s in members if s == "present"]
    return MeetingPage(
        items=item_list,
        members=members,
        papers=papers,
        present=len(present),
        voting_present=sum(1 for m in present if m.voting_right),
        minutes_visible=internal or meeting.state == MeetingState.APPROVED,
    )


@dataclass(frozen=True)
class Proposal:
    """Something that waits for the steering group's decision, offered for the agenda."""

    key: str  # unique on the page: topic and id
    topic: str
    name: str
    project: Project
    milestone: Milestone | None = None


def agenda_proposals(meeting: Meeting, today: dt.date) -> list[Proposal]:
    """Projects to prioritise (proposals), verdicts to decide on, milestones due within eight weeks
    or overdue, of the meeting's region — without those already on this meeting's agenda."""
    region_id = meeting.organization.region_id
    taken: set[tuple[str, int | None, int | None]] = set(
        meeting.agenda_items.exclude(project__isnull=True).values_list("topic", "project_id", "milestone_id")
    )
    found: list[Proposal] = []
    projects = Project.objects.filter(region_id=region_id, status__in=[Status.PROPOSAL, Status.VERDICT])
    for p in projects.order_by("title"):
        if p.status == Status.PROPOSAL:
            topic, name = rules.TOPIC_PRIORITISE, _("Priorisierung: %(t)s") % {"t": p.title}
        else:
            topic, name = (
                rules.TOPIC_VERDICT,
                _("Prüfergebnis „%(v)s“: %(t)s")
                % {
                    "v": p.get_verdict_display() or _("ohne Angabe"),
                    "t": p.title,
                },
            )
        if (topic, p.pk, None) not in taken:
            found.append(Proposal(f"{topic}-{p.pk}", topic, name, p))
    horizon = today + dt.timedelta(weeks=8)
    milestones = Milestone.objects.filter(project__region_id=region_id, reached__isnull=True).select_related(
        "project"
    )
    for m in sorted(milestones, key=lambda m: (m.due, m.pk)):
        if m.due <= horizon and (rules.TOPIC_MILESTONE, m.project_id, m.pk) not in taken:
            name = _("Meilenstein „%(m)s“ (fällig %(d)s): %(t)s") % {
                "m": m.title,
                "d": f"{m.due:%d.%m.%Y}",
                "t": m.project.title,
            }
            found.append(
                Proposal(f"{rules.TOPIC_MILESTONE}-{m.pk}", rules.TOPIC_MILESTONE, name, m.project, m)
            )
    return found


@dataclass
class CouncilRow:
    consultation: Consultation
    outcome: str
    date: dt.date | None
    body: str


@dataclass
class PaperPage:
    steering: list[AgendaItem]
    councils: list[CouncilRow]
    progress: rules.PaperProgress
    open_meetings: list[Meeting] = field(default_factory=list)


def paper_page(paper: Paper) -> PaperPage:
    consultations = list(
        paper.consultations.select_related("agenda_item__meeting__organization", "municipality", "resolution")
    )
    steering = [c.agenda_item for c in consultations if c.agenda_item is not None]
    councils = [
        CouncilRow(
            c,
            c.resolution.get_outcome_display() if c.resolution else _("noch offen"),
            c.resolution.date if c.resolution else None,
            c.resolution.get_body_display() if c.resolution else "",
        )
        for c in consultations
        if c.municipality is not None
    ]
    progress = rules.paper_progress(
        [i.result for i in steering if i.result],
        [c.consultation.resolution.outcome if c.consultation.resolution else "pending" for c in councils],
    )
    open_meetings = list(
        Meeting.objects.filter(
            organization__region_id=paper.region_id, state__in=[MeetingState.PLANNED]
        ).select_related("organization")
    )
    return PaperPage(steering, councils, progress, open_meetings)


@dataclass(frozen=True)
class Action:
    kind: str  # "beschluss" (a project's decision) or "top" (an agenda item without project)
    pk: int
    version: int
    date: dt.date
    text: str
    responsible: str
    due_on: dt.date | None
    state: Any
    project: Project | None
    url: str


def open_actions(region: Region, today: dt.date) -> list[Action]:
    """Beschlusskontrolle: every decision with someone who must act and not yet done, soonest first."""
    rows: list[Action] = []
    decisions = SteeringDecision.objects.filter(project__region=region, done_on__isnull=True).exclude(
        responsible="", due_on__isnull=True
    )
    for d in decisions.select_related("project"):
        rows.append(
            Action(
                "beschluss",
                d.pk,
                d.version,
                d.date,
                d.text,
                d.responsible,
                d.due_on,
                project_rules.action_state(d.due_on, None, today),
                d.project,
                d.project.get_absolute_url() + f"#beschluss-{d.pk}",
            )
        )
    items = AgendaItem.objects.filter(
        meeting__organization__region=region,
        decision__isnull=True,
        done_on__isnull=True,
        result__in=rules.DECIDED,
    ).exclude(responsible="", due_on__isnull=True)
    for i in items.select_related("meeting"):
        rows.append(
            Action(
                "top",
                i.pk,
                i.version,
                timezone.localtime(i.meeting.start).date(),
                i.resolution_text,
                i.responsible,
                i.due_on,
                project_rules.action_state(i.due_on, None, today),
                None,
                i.meeting.get_absolute_url() + f"#top-{i.pk}",
            )
        )
    return sorted(rows, key=lambda a: (a.due_on or dt.date.max, a.date, a.pk))


def decision_links(project_id: int) -> dict[int, tuple[str, str]]:
    """For the projects' decision log (``projects.links``): the meeting and item of each decision."""
    items = AgendaItem.objects.filter(decision__project_id=project_id).select_related("meeting__organization")
    return {
        i.decision_id: (
            _("%(org)s, Sitzung am %(day)s, TOP %(n)s")
            % {
                "org": i.meeting.organization.name,
                "day": f"{timezone.localtime(i.meeting.start):%d.%m.%Y}",
                "n": i.number,
            },
            i.meeting.get_absolute_url() + f"#top-{i.pk}",
        )
        for i in items
        if i.decision_id is not None
    }


OVERDUE = "ueberfaellig"  # the query parameter of the open actions list: overdue ones only


def overdue_counts(region_ids: frozenset[int] | None, today: dt.date) -> list[tuple[str, str, int]]:
    """(region slug, region name, number of overdue actions) for the start page: two queries."""
    region_filter = Q() if region_ids is None else Q(project__region_id__in=region_ids)
    counts: dict[tuple[str, str], int] = {}
    decisions = (
        SteeringDecision.objects.filter(region_filter, done_on__isnull=True, due_on__lt=today)
        .values_list("project__region__slug", "project__region__name")
        .annotate(n=Count("pk"))
    )
    item_filter = Q() if region_ids is None else Q(meeting__organization__region_id__in=region_ids)
    items = (
        AgendaItem.objects.filter(
            item_filter,
            decision__isnull=True,
            done_on__isnull=True,
            due_on__lt=today,
            result__in=rules.DECIDED,
        )
        .values_list("meeting__organization__region__slug", "meeting__organization__region__name")
        .annotate(n=Count("pk"))
    )
    for slug, name, n in [*decisions, *items]:
        counts[(slug, name)] = counts.get((slug, name), 0) + n
    return sorted((slug, name, n) for (slug, name), n in counts.items())
