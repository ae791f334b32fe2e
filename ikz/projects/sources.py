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

from ikz.accounts.access import roles_of
from ikz.accounts.models import Role, RoleAssignment
from ikz.interests.models import Proposal
from ikz.interests.services import PROPOSAL_HANDLERS
from ikz.notifications.models import Kind
from ikz.notifications.registry import CalendarDate, DateSource, Item
from ikz.notifications.registry import register as register_dates
from ikz.projects import services
from ikz.projects.access import projects_for
from ikz.projects.models import LessonLearned, Milestone, Project
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
            uid=f"milestone-{m.pk}@ikz",
            date=m.due,
            summary=_("Meilenstein: %(title)s (%(project)s)")
            % {"title": m.title, "project": m.project.title},
            link=m.project.get_absolute_url(),
        )
        for m in _open_milestones().filter(condition)
    ]


def register() -> None:
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
