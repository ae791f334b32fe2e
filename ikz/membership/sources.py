"""What memberships give the other apps: the day a membership may be executed at the earliest
(after the notice to the supervisory authority) as a reminder and a calendar date for the
cooperative's office. Registered in ``MembershipConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.membership.models import Onboarding, OnboardingStatus
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
            uid=f"supervision-{o.pk}@ikz",
            date=day,
            summary=_("Frühester Vollzug Beitritt %(name)s") % {"name": o.municipality.name},
            link=o.get_absolute_url(),
        )
        for o, day in _earliest_executions()
    ]


def register() -> None:
    register_dates(DateSource("supervision", supervision_due, supervision_dates, order=60))
