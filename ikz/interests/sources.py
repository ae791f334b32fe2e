"""What interest calls give the other apps: the deadlines of open calls as reminders and as
calendar dates. Registered in ``InterestsConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz import tasks
from ikz.interests import access, queries, rules
from ikz.interests.models import CallStatus, Declaration, DeclarationStatus, InterestCall
from ikz.lib.stand import german
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
            uid=f"interest-{c.pk}",
            date=c.deadline,
            summary=_("Frist Interessenbekundung: %(title)s") % {"title": c.title},
            link=c.get_absolute_url(),
        )
        for c in calls
    ]


# --- the start page "Meine Aufgaben" -----------------------------------------------------------------


def _past(deadline: dt.date, today: dt.date) -> bool:
    """The deadline has passed (the answer is overdue) — the call's own rule: answers are refused
    after it unless the call allows late ones."""
    return rules.answer_refusal(CallStatus.OPEN, deadline, False, today) is not None


def office_tasks(user: Any, today: dt.date) -> list[tasks.Task]:
    """The office: each running call with its response rate, and the declarations missing after
    the deadline (the call's Rücklauf filtered to them) — one query."""
    calls = access.calls_for(user).filter(tasks.in_regions("region", tasks.office_regions(user)))
    found = []
    for c, members, submitted in queries.running_calls(calls):
        url = reverse("interests:call_detail", args=[c.pk])
        names = {"title": c.title, "region": c.region.name}
        found.append(
            tasks.Task(
                label=_("Interessenbekundung „%(title)s“ (%(region)s)") % names,
                count=members,
                url=f"{url}#ruecklauf",
                note=_("Frist %(date)s") % {"date": german(c.deadline)},
                done=submitted,
                total=members,
            )
        )
        missing = members - submitted
        if missing and _past(c.deadline, today):
            found.append(
                tasks.Task(
                    label=_("überfällige Interessenbekundungen: „%(title)s“ (%(region)s)") % names,
                    count=missing,
                    url=f"{url}?offen=1#ruecklauf",
                    note=_("Frist war am %(date)s") % {"date": german(c.deadline)},
                    urgent=True,
                )
            )
    return found


def contact_tasks(user: Any, today: dt.date) -> list[tasks.Task]:
    """A contact person: the calls their municipality still has to answer, per region, each with
    its deadline — three queries."""
    by_region: dict[int, list[tasks.Item]] = {}
    regions = {}
    for call, missing in queries.awaiting_declaration(access.calls_for(user), access.answering_ids(user)):
        regions[call.region_id] = call.region
        by_region.setdefault(call.region_id, []).append(
            tasks.Item(
                text=call.title,
                url=reverse("interests:declaration_edit", args=[call.pk, missing[0]]),
                date=call.deadline,
                overdue=_past(call.deadline, today),
            )
        )
    return [
        tasks.Task(
            label=_("offene Interessenbekundungen (%(region)s)") % {"region": regions[region_id].name},
            count=len(items),
            url=reverse("interests:call_list", args=[regions[region_id].slug]) + "?offen=1",
            items=tuple(items),
            urgent=any(i.overdue for i in items),
        )
        for region_id, items in by_region.items()
    ]


def register() -> None:
    register_dates(DateSource("interests", interest_due, interest_dates, order=30))
    tasks.register(tasks.TaskSource("interests-office", tasks.OFFICE, office_tasks, order=20))
    tasks.register(tasks.TaskSource("interests-contact", tasks.CONTACT, contact_tasks, order=20))
