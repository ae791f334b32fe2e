"""What projects give the other apps: two search sources (projects, lessons learned), the
milestones as dates for the inbox, the e-mail run and the calendar feed, and the taking over of a
proposal of the interest procedure as a project. Registered in ``ProjectsConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikz import tasks
from ikz.accounts.access import roles_of
from ikz.accounts.models import Role, RoleAssignment
from ikz.interests.models import Proposal
from ikz.interests.services import PROPOSAL_HANDLERS
from ikz.lib.stand import german
from ikz.notifications.models import Kind
from ikz.notifications.registry import CalendarDate, DateSource, Item
from ikz.notifications.registry import register as register_dates
from ikz.projects import queries, rules, services
from ikz.projects.access import own_municipality_ids, projects_for
from ikz.projects.models import LessonLearned, Milestone, Project, Status
from ikz.search.registry import Indexed, Source
from ikz.search.registry import register as register_search

# --- search ---------------------------------------------------------------------------------------


def describe_project(project: Project) -> Indexed:
    """Only the results (field, verdict, reasons, closing, cooperation): the same text the portal
    shows of a published project, so a public snippet never quotes the internal charter."""
    parts = [
        project.field.name if project.field else "",
        str(project.get_verdict_display()) if project.verdict else "",
        project.verdict_reasons,
        project.closing_reason,
        project.cooperation.title if project.cooperation else "",
    ]
    return Indexed(
        title=project.title,
        body="\n".join(p for p in parts if p),
        url=project.get_absolute_url(),
        kind="project",
        region_id=project.region_id,
        year=project.year,
        field_ids=(project.field_id,) if project.field_id else (),
    )


def published_projects() -> QuerySet[Project]:
    return Project.objects.filter(published_at__isnull=False)


def _project_public_url(entry: Any) -> str:
    # the project's row on the region's portal page links to its own address (no query per hit)
    return reverse("portal:region", args=[entry.region_slug]) + f"#projekt-{entry.object_id}"


def describe_lesson(lesson: LessonLearned) -> Indexed:
    project = lesson.project
    return Indexed(
        title=f"{lesson.title} ({project.title})",
        body="\n".join(p for p in [lesson.worked, lesson.failed, lesson.success_factors] if p),
        url=lesson.get_absolute_url(),
        kind="lesson",
        region_id=project.region_id,
        year=lesson.date.year,
        field_ids=(project.field_id,) if project.field_id else (),
    )


def lessons_for(user: Any) -> QuerySet[LessonLearned]:
    """A lesson is read by whoever sees its project (the search then covers every region the
    user sees: the platform-wide office all of them)."""
    return LessonLearned.objects.filter(project__in=projects_for(user))


# --- milestones as dates --------------------------------------------------------------------------


def _open_milestones() -> QuerySet[Milestone]:
    return Milestone.objects.filter(reached__isnull=True).select_related("project")


def _responsible(projects: list[Project]) -> dict[int, set[int]]:
    """project id → its lead and the office and steering group of its region (one query)."""
    by_region: dict[int, set[int]] = defaultdict(set)
    for user_id, region_id in RoleAssignment.objects.filter(
        role__in=[Role.OFFICE, Role.STEERING], region_id__in={p.region_id for p in projects}
    ).values_list("user_id", "region_id"):
        by_region[region_id].add(user_id)
    return {p.pk: by_region[p.region_id] | ({p.lead_id} if p.lead_id else set()) for p in projects}


def milestones_due(today: dt.date) -> list[Item]:
    end = today + dt.timedelta(days=settings.IKZ_NOTIFY_DAYS_BEFORE)
    window = Q(forecast__isnull=True, planned__range=(today, end)) | Q(forecast__range=(today, end))
    milestones = list(_open_milestones().filter(window))
    people = _responsible([m.project for m in milestones])
    return [
        Item(
            user_id=user_id,
            kind=Kind.MILESTONE,
            text=_("Meilenstein „%(title)s“ (%(project)s) fällig am %(date)s")
            % {"title": m.title, "project": m.project.title, "date": f"{m.due:%d.%m.%Y}"},
            link=m.project.get_absolute_url() + "#meilensteine",
            key=f"milestone:{m.pk}:{m.due:%Y%m%d}",
            due_date=m.due,
        )
        for m in milestones
        for user_id in sorted(people[m.project_id])
    ]


def milestone_dates(user: Any) -> list[CalendarDate]:
    """The open milestones of the projects the person leads, runs (office) or steers."""
    roles = roles_of(user)
    if not roles.authenticated:
        return []
    condition = Q(project__lead=user)
    if roles.office_global:
        condition = Q()
    elif roles.office_regions or roles.steering_regions:
        condition |= Q(project__region_id__in=roles.office_regions | roles.steering_regions)
    return [
        CalendarDate(
            uid=f"milestone-{m.pk}",
            date=m.due,
            summary=_("Meilenstein: %(title)s (%(project)s)")
            % {"title": m.title, "project": m.project.title},
            link=m.project.get_absolute_url(),
        )
        for m in _open_milestones().filter(condition)
    ]


# --- the start page "Meine Aufgaben" -----------------------------------------------------------------

DECISION_LABELS = {
    rules.PROPOSAL: gettext_lazy("Vorschläge zu priorisieren (%(region)s)"),
    rules.PRIORITISED: gettext_lazy("Projektaufträge zu erteilen (%(region)s)"),
    rules.VERDICT: gettext_lazy("Prüfergebnisse: über die Umsetzung entscheiden (%(region)s)"),
}


STATE_ORDER = {state: i for i, state in enumerate(rules.STATES)}


def _portfolio(slug: str, state: str = "") -> str:
    url = reverse("projects:project_list", args=[slug])
    return f"{url}?status={state}" if state else url


def _decisions_pending(counts: list[queries.RegionCount]) -> list[tasks.Task]:
    """Per region and state of :data:`rules.AWAITING_STEERING`: the projects waiting for the
    steering group, linked to the portfolio filtered to that state."""
    waiting = [c for c in counts if c.key in rules.AWAITING_STEERING]
    return [
        tasks.Task(
            label=str(DECISION_LABELS[c.key]) % {"region": c.name},
            count=c.count,
            url=_portfolio(c.slug, c.key),
        )
        for c in sorted(waiting, key=lambda c: (c.name, c.region_id, STATE_ORDER[c.key]))
    ]


def office_tasks(user: Any, today: dt.date) -> list[tasks.Task]:
    """The office: overdue milestones per region (the overview's list) and the projects waiting for
    a decision of the steering group — two grouped queries, however many regions."""
    scope = tasks.office_regions(user)
    milestones = Milestone.objects.filter(tasks.in_regions("project__region", scope))
    found = [
        tasks.Task(
            label=_("überfällige Meilensteine (%(region)s)") % {"region": c.name},
            count=c.count,
            url=reverse("projects:dashboard", args=[c.slug]) + "#ueberfaellig",
            note=_("der älteste seit %(date)s") % {"date": german(c.oldest)} if c.oldest else "",
            urgent=True,
        )
        for c in queries.overdue_by_region(milestones, today)
    ]
    projects = Project.objects.filter(tasks.in_regions("region", scope))
    return found + _decisions_pending(queries.states_by_region(projects))


def steering_tasks(user: Any, today: dt.date) -> list[tasks.Task]:
    """The steering group: the decisions pending and the region's projects by stage, each stage
    linked to the portfolio filtered to it — one grouped query."""
    counts = queries.states_by_region(Project.objects.filter(region_id__in=tasks.steering_regions(user)))
    found = _decisions_pending(counts)
    labels = dict(Status.choices)
    by_region: dict[int, list[queries.RegionCount]] = defaultdict(list)
    for c in counts:
        by_region[c.region_id].append(c)
    for own in by_region.values():
        own.sort(key=lambda c: STATE_ORDER[c.key])
        found.append(
            tasks.Task(
                label=_("Projekte nach Stand (%(region)s)") % {"region": own[0].name},
                count=sum(c.count for c in own),
                url=_portfolio(own[0].slug),
                items=tuple(
                    tasks.Item(text=f"{labels[c.key]}: {c.count}", url=_portfolio(c.slug, c.key)) for c in own
                ),
            )
        )
    return found


def lead_tasks(user: Any, today: dt.date) -> list[tasks.Task]:
    """The project lead: per own project the milestones not reached yet, with their dates (the
    project page's plan filtered to them, ``?meilensteine=offen``) — one query."""
    by_project: dict[int, list[Milestone]] = defaultdict(list)
    for m in (
        _open_milestones().filter(project__lead=user).order_by("project__title", "project_id", "planned")
    ):
        by_project[m.project_id].append(m)
    found = []
    for ms in by_project.values():
        project = ms[0].project
        url = project.get_absolute_url() + "?meilensteine=offen#meilensteine"
        items = sorted(
            (tasks.Item(text=m.title, url=url, date=m.due, overdue=m.is_overdue(today)) for m in ms),
            key=lambda i: (i.date or today, i.text),
        )
        found.append(
            tasks.Task(
                label=_("offene Meilensteine: %(project)s") % {"project": project.title},
                count=len(ms),
                url=url,
                items=tuple(items),
                urgent=any(i.overdue for i in items),
            )
        )
    return found


def contact_tasks(user: Any, today: dt.date) -> list[tasks.Task]:
    """A contact person: the running projects of their regions their municipality has not declared
    its participation in, per municipality and region (the own participation page filtered to
    them) — three queries."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    regions = {}
    for project, municipality_id in queries.undeclared_participations(
        user, frozenset(own_municipality_ids(user))
    ):
        counts[(project.region_id, municipality_id)] += 1
        regions[project.region_id] = project.region
    return [
        tasks.Task(
            label=_("Projektbeteiligungen zu erklären (%(region)s)") % {"region": regions[region_id].name},
            count=n,
            url=reverse("projects:participation_own", args=[regions[region_id].slug, municipality_id])
            + "?offen=1",
        )
        for (region_id, municipality_id), n in counts.items()
    ]


def register() -> None:
    tasks.register(tasks.TaskSource("projects-office", tasks.OFFICE, office_tasks, order=30))
    tasks.register(tasks.TaskSource("projects-steering", tasks.STEERING, steering_tasks, order=10))
    tasks.register(tasks.TaskSource("projects-lead", tasks.PROJECT_LEAD, lead_tasks, order=10))
    tasks.register(tasks.TaskSource("projects-contact", tasks.CONTACT, contact_tasks, order=30))
    register_search(
        Source(
            "project",
            gettext_lazy("Projekt"),
            Project,
            describe_project,
            projects_for,
            public=published_projects,
            public_url=_project_public_url,
            order=10,
        )
    )
    register_search(
        Source(
            "lesson",
            gettext_lazy("Erfahrung aus einem Projekt"),
            LessonLearned,
            describe_lesson,
            lessons_for,
            order=20,
        )
    )
    register_dates(DateSource("milestones", milestones_due, milestone_dates, order=10))
    if take_over_proposal not in PROPOSAL_HANDLERS:
        PROPOSAL_HANDLERS.append(take_over_proposal)


def take_over_proposal(proposal: Proposal, actor: Any) -> Project:
    """A proposal made from the ranking of an interest call becomes a project at once (on the
    project list, with the interested municipalities in its participation matrix)."""
    return services.take_over_proposal(proposal, actor=actor)
