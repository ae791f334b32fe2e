"""What surveys give the other apps: the reply deadlines of open campaigns as reminders and as
calendar dates. Registered in ``SurveysConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from ikz.municipalities.sources import deadline_items, user_regions
from ikz.notifications.models import Kind
from ikz.notifications.registry import CalendarDate, DateSource, Item
from ikz.notifications.registry import register as register_dates
from ikz.surveys.models import Campaign, CampaignStatus, Response, ResponseStatus


def survey_due(today: dt.date) -> list[Item]:
    start, end = today, today + dt.timedelta(days=settings.IKZ_NOTIFY_DAYS_BEFORE)
    campaigns = list(
        Campaign.objects.filter(status=CampaignStatus.OPEN, deadline__gte=start, deadline__lte=end)
    )
    answered = set(
        Response.objects.filter(campaign__in=campaigns, status=ResponseStatus.SUBMITTED).values_list(
            "campaign_id", "municipality_id"
        )
    )
    return deadline_items(
        [(c.pk, c.region_id, c.title, c.deadline, c.get_absolute_url()) for c in campaigns],
        answered,
        Kind.SURVEY_DEADLINE,
        _("Bestandsaufnahme „%(title)s“: Rücklauffrist am %(date)s"),
    )


def survey_dates(user: Any) -> list[CalendarDate]:
    campaigns = Campaign.objects.filter(region_id__in=user_regions(user)).exclude(status=CampaignStatus.DRAFT)
    return [
        CalendarDate(
            uid=f"survey-{c.pk}@ikz",
            date=c.deadline,
            summary=_("Rücklauffrist: %(title)s") % {"title": c.title},
            link=c.get_absolute_url(),
        )
        for c in campaigns
    ]


def register() -> None:
    register_dates(DateSource("surveys", survey_due, survey_dates, order=20))
