"""The people reminders go to, for the date sources of the other apps (each app registers its own
in ``<app>/sources.py`` from its ``AppConfig.ready()``: surveys, interests, network, cooperation,
membership, projects), and the one source of this app: notifications that carry a date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.accounts.models import Role, RoleAssignment
from ikz.jobs import access as jobs_access
from ikz.jobs.models import JobStatus
from ikz.notifications.models import Kind, Notification
from ikz.notifications.registry import CalendarDate, DateSource, register
from ikz.tasks import OFFICE, Task, TaskSource
from ikz.tasks import register as register_task


def municipality_users(
    municipality_ids: Iterable[int], roles: Iterable[str] = (Role.CONTACT, Role.MEMBER)
) -> dict[int, set[int]]:
    """municipality id → ids of its contacts and members (or those of ``roles``; one query).
    Deactivated accounts get nothing."""
    users: dict[int, set[int]] = defaultdict(set)
    for user_id, municipality_id in RoleAssignment.objects.filter(
        role__in=list(roles), municipality_id__in=list(municipality_ids), user__is_active=True
    ).values_list("user_id", "municipality_id"):
        users[municipality_id].add(user_id)
    return users


def office_users(region_ids: Iterable[int | None]) -> dict[int | None, set[int]]:
    """region id → its office; ``None`` → the platform-wide office (the cooperative's team)."""
    wanted = set(region_ids)
    condition = Q(region_id__in=[r for r in wanted if r is not None])
    if None in wanted:
        condition |= Q(region__isnull=True)
    users: dict[int | None, set[int]] = defaultdict(set)
    for user_id, region_id in RoleAssignment.objects.filter(condition, role=Role.OFFICE).values_list(
        "user_id", "region_id"
    ):
        users[region_id].add(user_id)
    return users


# kinds whose sources put the date into the calendar themselves (not twice via the notification)
DATED_KINDS = [
    Kind.SURVEY_OPENED,
    Kind.SURVEY_DEADLINE,
    Kind.INTEREST_OPENED,
    Kind.INTEREST_DEADLINE,
    Kind.MILESTONE,
    Kind.NOTICE_DEADLINE,
    Kind.SUPERVISION_DEADLINE,
    Kind.FUNDING_DEADLINE,
    Kind.FUNDING_OBLIGATION,
]


def notification_dates(user: Any) -> list[CalendarDate]:
    """Every notification of the person that carries a date (e.g. added by other apps)."""
    rows = Notification.objects.filter(Q(user=user) & Q(due_date__isnull=False) & ~Q(kind__in=DATED_KINDS))
    return [
        CalendarDate(uid=f"notification-{n.pk}", date=n.due_date, summary=n.text, link=n.link)
        for n in rows
        if n.due_date is not None
    ]


def failed_jobs(user: Any, today: dt.date) -> list[Task]:
    """The office's start page: background jobs that failed for good (a mail server refused a
    message five times, a document was deleted before its text was read), with the list to try
    them again. Here, not in the queue: the queue sits below the accounts and the start page."""
    count = jobs_access.jobs_for(user).filter(status=JobStatus.FAILED).count()
    if not count:
        return []
    return [
        Task(
            label=_("Fehlgeschlagene Aufträge im Hintergrund prüfen"),
            count=count,
            url=reverse("jobs:failed_list"),
            note=_("mit Grund; erneut versuchen oder Angaben korrigieren"),
            urgent=True,
        )
    ]


def register_builtin() -> None:
    register(DateSource("notifications", lambda today: [], notification_dates, order=70))
    register_task(TaskSource("jobs-failed", OFFICE, failed_jobs, order=5))
