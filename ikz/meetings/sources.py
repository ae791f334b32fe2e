"""What meetings registers elsewhere: the meeting link beside each project decision (the registry
of ``projects.links``: projects does not import meetings) and the calendar dates of meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.meetings import queries
from ikz.meetings.models import Meeting, MeetingState
from ikz.notifications.registry import CalendarDate, DateSource, Item
from ikz.notifications.registry import register as register_dates
from ikz.projects.links import DECISION_LINKS
from ikz.tasks import OFFICE, Task, TaskSource, office_regions
from ikz.tasks import register as register_task


def meeting_dates(user: Any) -> Iterable[CalendarDate]:
    """The invited and coming meetings of the bodies the person sits in, and for the office and the
    steering group those of their regions, in the calendar feed."""
    today = timezone.localdate()
    mine = Meeting.objects.filter(
        organization__memberships__person__user=user, start__date__gte=today - dt.timedelta(days=60)
    ).exclude(state=MeetingState.PLANNED)
    for meeting in mine.select_related("organization").distinct():
        yield calendar_date(meeting)


def calendar_date(meeting: Meeting) -> CalendarDate:
    start = timezone.localtime(meeting.start)
    return CalendarDate(
        uid=f"sitzung-{meeting.pk}",
        date=start.date(),
        summary=f"{meeting.organization.name} {start:%H:%M}"
        + (f", {meeting.location}" if meeting.location else ""),
        link=meeting.get_absolute_url(),
    )


def nothing_due(today: dt.date) -> Iterable[Item]:
    """Invitations are sent when the office invites (``services.invite``), not by the timer."""
    return ()


def overdue_tasks(user: Any, today: dt.date) -> list[Task]:
    """The office's start page: overdue actions from decisions (Beschlusskontrolle), per region."""
    return [
        Task(
            label=_("Überfällige Aufträge aus Beschlüssen: %(region)s") % {"region": name},
            count=count,
            url=reverse("meetings:actions", args=[slug]) + f"?{queries.OVERDUE}=1",
            note=_("nachfassen oder als erledigt vermerken"),
            urgent=True,
        )
        for slug, name, count in queries.overdue_counts(office_regions(user), today)
    ]


def register() -> None:
    if queries.decision_links not in DECISION_LINKS:
        DECISION_LINKS.append(queries.decision_links)
    register_dates(DateSource("meetings", nothing_due, meeting_dates, order=40))
    register_task(TaskSource("meetings-overdue", OFFICE, overdue_tasks, order=40))
