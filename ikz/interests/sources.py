"""What interest calls give the other apps: the deadlines of open calls as reminders and as
calendar dates. Registered in ``InterestsConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from ikz.interests.models import CallStatus, Declaration, DeclarationStatus, InterestCall
from ikz.municipalities.sources import deadline_items, user_regions
from ikz.notifications.models import Kind
from ikz.notifications.registry import CalendarDate, DateSource, Item
from ikz.notifications.registry import register as register_dates


def interest_due(today: dt.date) -> list[Item]:
    start, end = today, today + dt.timedelta(days=settings.IKZ_NOTIFY_DAYS_BEFORE)
    calls = list(InterestCall.objects.filter(status=CallStatus.OPEN, deadline__gte=start, deadline__lte=end))
    answered = set(
        Declaration.objects.filter(call__in=calls, status=DeclarationStatus.SUBMITTED).values_list(
            "call_id", "municipality_id"
        )
    )
    return deadline_items(
        [(c.pk, c.region_id, c.title, c.deadline, c.get_absolute_url()) for c in calls],
        answered,
        Kind.INTEREST_DEADLINE,
        _("Interessenbekundung „%(title)s“: Frist am %(date)s"),
    )


def interest_dates(user: Any) -> list[CalendarDate]:
    calls = InterestCall.objects.filter(region_id__in=user_regions(user)).exclude(status=CallStatus.DRAFT)
    return [
        CalendarDate(
            uid=f"interest-{c.pk}@ikz",
            date=c.deadline,
            summary=_("Frist Interessenbekundung: %(title)s") % {"title": c.title},
            link=c.get_absolute_url(),
        )
        for c in calls
    ]


def register() -> None:
    register_dates(DateSource("interests", interest_due, interest_dates, order=30))
