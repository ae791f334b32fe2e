"""What memberships give the other apps: the day a membership may be executed at the earliest
(after the notice to the supervisory authority) as a reminder and a calendar date for the
cooperative's office. Registered in ``MembershipConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz import tasks
from ikz.accounts.access import roles_of
from ikz.lib.stand import german
from ikz.membership import access, queries
from ikz.membership.models import Cooperative, Onboarding, OnboardingStatus, RequestStatus
from ikz.membership.services import deadline_of
from ikz.notifications.models import Kind
from ikz.notifications.registry import CalendarDate, DateSource, Item
from ikz.notifications.registry import register as register_dates
from ikz.notifications.sources import office_users


def _earliest_executions() -> list[tuple[Any, dt.date]]:
    """Active onboardings with a known earliest execution date (after the notice to the authority)."""
    found = []
    for onboarding in (
        Onboarding.objects.filter(status=OnboardingStatus.ACTIVE, executed_on__isnull=True)
        .select_related("municipality")
        .prefetch_related("sessions")
    ):
        deadline = deadline_of(onboarding)
        if deadline is not None and deadline.earliest_execution is not None:
            found.append((onboarding, deadline.earliest_execution))
    return found


def supervision_due(today: dt.date) -> list[Item]:
    """The cooperative's office: the day a membership may be executed at the earliest."""
    end = today + dt.timedelta(days=settings.IKZ_NOTIFY_DAYS_BEFORE)
    rows = [(o, day) for o, day in _earliest_executions() if today <= day <= end]
    office = office_users([None])[None] if rows else set()
    return [
        Item(
            user_id=user_id,
            kind=Kind.SUPERVISION_DEADLINE,
            text=_("Beitritt %(name)s: Vollzug frühestens am %(date)s (Anzeige bei der Aufsicht)")
            % {"name": o.municipality.name, "date": f"{day:%d.%m.%Y}"},
            link=o.get_absolute_url(),
            key=f"supervision:{o.pk}:{day:%Y%m%d}",
            due_date=day,
        )
        for o, day in rows
        for user_id in sorted(office)
    ]


def supervision_dates(user: Any) -> list[CalendarDate]:
    if not roles_of(user).office_global:
        return []
    return [
        CalendarDate(
            uid=f"supervision-{o.pk}",
            date=day,
            summary=_("Frühester Vollzug Beitritt %(name)s") % {"name": o.municipality.name},
            link=o.get_absolute_url(),
        )
        for o, day in _earliest_executions()
    ]


# --- the start page "Meine Aufgaben" -----------------------------------------------------------------


def _requests_by_status(user: Any) -> dict[str, int]:
    """The requests the person sees (the office: all; a member contact: their own) by state (one query)."""
    return dict(
        access.requests_for(user)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )


def _request_list(status: str) -> str:
    return reverse("membership:request_list") + f"?status={status}"


def cooperative_tasks(user: Any, today: dt.date) -> list[tasks.Task]:
    """The cooperative's team: the onboardings in progress with their next step and date (the
    pipeline), the requests waiting for an offer and the offers waiting for the member's answer."""
    try:
        cooperative = queries.current_cooperative()
    except Cooperative.DoesNotExist:
        return []
    rows = queries.pipeline(cooperative, today)
    items = []
    for row in rows:
        text = f"{row.onboarding.municipality.name} – {row.onboarding.get_step_display()}"
        if row.next_label:
            text += f": {row.next_label}"
        if row.next_date:
            text += " " + _("am %(date)s") % {"date": german(row.next_date)}
        items.append(tasks.Item(text=text, url=row.onboarding.get_absolute_url()))
    counts = _requests_by_status(user)
    return [
        tasks.Task(
            label=_("Beitritte im Gang"),
            count=len(rows),
            url=reverse("membership:pipeline"),
            items=tuple(items),
        ),
        tasks.Task(
            label=_("Anfragen warten auf ein Angebot"),
            count=counts.get(RequestStatus.OPEN, 0),
            url=_request_list(RequestStatus.OPEN),
        ),
        tasks.Task(
            label=_("Angebote warten auf die Antwort des Mitglieds"),
            count=counts.get(RequestStatus.OFFERED, 0),
            url=_request_list(RequestStatus.OFFERED),
        ),
    ]


def member_tasks(user: Any, today: dt.date) -> list[tasks.Task]:
    """A member's contact: the offers waiting for their answer and their requests still without an
    offer (one query)."""
    counts = _requests_by_status(user)
    return [
        tasks.Task(
            label=_("Angebote warten auf Ihre Antwort"),
            count=counts.get(RequestStatus.OFFERED, 0),
            url=_request_list(RequestStatus.OFFERED),
        ),
        tasks.Task(
            label=_("Ihre Anfragen, zu denen das Angebot noch aussteht"),
            count=counts.get(RequestStatus.OPEN, 0),
            url=_request_list(RequestStatus.OPEN),
        ),
    ]


def register() -> None:
    register_dates(DateSource("supervision", supervision_due, supervision_dates, order=60))
    tasks.register(tasks.TaskSource("membership-cooperative", tasks.COOPERATIVE, cooperative_tasks, order=10))
    tasks.register(tasks.TaskSource("membership-member", tasks.MEMBER, member_tasks, order=10))
