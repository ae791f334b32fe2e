"""What surveys give the other apps: the reply deadlines of open campaigns as reminders and as
calendar dates. Registered in ``SurveysConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz import tasks
from ikz.lib.stand import german
from ikz.municipalities.sources import deadline_items, user_regions
from ikz.notifications.models import Kind
from ikz.notifications.registry import CalendarDate, DateSource, Item
from ikz.notifications.registry import register as register_dates
from ikz.surveys import access, queries, rules
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
            uid=f"survey-{c.pk}",
            date=c.deadline,
            summary=_("Rücklauffrist: %(title)s") % {"title": c.title},
            link=c.get_absolute_url(),
        )
        for c in campaigns
    ]


# --- the start page "Meine Aufgaben" -----------------------------------------------------------------


def office_tasks(user: Any, today: dt.date) -> list[tasks.Task]:
    """The office: each running campaign with its response rate (the Rücklauf), and the answers
    missing after the deadline (the Rücklauf filtered to them) — one query."""
    campaigns = access.campaigns_for(user).filter(tasks.in_regions("region", tasks.office_regions(user)))
    found = []
    for c, members, submitted in queries.running_campaigns(campaigns):
        url = reverse("surveys:tracking", args=[c.pk])
        found.append(
            tasks.Task(
                label=_("Bestandsaufnahme „%(title)s“ (%(region)s)")
                % {"title": c.title, "region": c.region.name},
                count=members,
                url=url,
                note=_("Rücklauffrist %(date)s") % {"date": german(c.deadline)},
                done=submitted,
                total=members,
            )
        )
        missing = members - submitted
        if missing and rules.late(c.deadline, today, allow_late=False):
            found.append(
                tasks.Task(
                    label=_("überfällige Antworten: „%(title)s“ (%(region)s)")
                    % {"title": c.title, "region": c.region.name},
                    count=missing,
                    url=f"{url}?offen=1",
                    note=_("Frist war am %(date)s") % {"date": german(c.deadline)},
                    urgent=True,
                )
            )
    return found


def contact_tasks(user: Any, today: dt.date) -> list[tasks.Task]:
    """A contact person: the questionnaires their municipality still has to answer, per region,
    each with its deadline — three queries."""
    by_region: dict[int, list[tasks.Item]] = {}
    regions = {}
    for campaign, missing in queries.awaiting_answer(access.campaigns_for(user), access.answering_ids(user)):
        regions[campaign.region_id] = campaign.region
        by_region.setdefault(campaign.region_id, []).append(
            tasks.Item(
                text=campaign.title,
                url=reverse("surveys:response_edit", args=[campaign.pk, missing[0]]),
                date=campaign.deadline,
                overdue=rules.late(campaign.deadline, today, allow_late=False),
            )
        )
    return [
        tasks.Task(
            label=_("offene Fragebögen (%(region)s)") % {"region": regions[region_id].name},
            count=len(items),
            url=reverse("surveys:campaign_list", args=[regions[region_id].slug]) + "?offen=1",
            items=tuple(items),
            urgent=any(i.overdue for i in items),
        )
        for region_id, items in by_region.items()
    ]


def register() -> None:
    register_dates(DateSource("surveys", survey_due, survey_dates, order=20))
    tasks.register(tasks.TaskSource("surveys-office", tasks.OFFICE, office_tasks, order=10))
    tasks.register(tasks.TaskSource("surveys-contact", tasks.CONTACT, contact_tasks, order=10))
