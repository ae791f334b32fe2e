"""What cooperations give the other apps: the inventory as a search source (the portal finds the
published ones) with the fields of cooperation to filter it by, and the last day to give notice of
an operating cooperation — and every other deadline of its agreement: the end of a contract or
tender period, the annual report, advisory board meetings — as reminders and calendar dates for the
region's office. Registered in
``CooperationConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikz import tasks
from ikz.accounts.access import roles_of
from ikz.cooperation.access import cooperations_for
from ikz.cooperation.models import Cooperation, CooperationField, ParticipantStatus
from ikz.cooperation.queries import (
    BOARD,
    NOTICE,
    PERIOD,
    REPORT,
    agreement_deadlines,
    notice_deadlines_by_region,
)
from ikz.lib.stand import german
from ikz.municipalities.models import Region
from ikz.notifications.models import Kind
from ikz.notifications.registry import CalendarDate, DateSource, Item
from ikz.notifications.registry import register as register_dates
from ikz.notifications.sources import office_users
from ikz.search.registry import Indexed, Source, register_fields
from ikz.search.registry import register as register_search

NOTICE_CALENDAR_DAYS = 730  # the calendar shows the next notice deadline up to two years ahead

# --- search ---------------------------------------------------------------------------------------


def describe_cooperation(coop: Any) -> Indexed:
    # Existing participation only: plans may not be public yet (the portal searches this text).
    existing = coop.participants.filter(status=ParticipantStatus.EXISTS).select_related("municipality")
    names = ", ".join(p.municipality.name for p in existing)
    return Indexed(
        title=coop.title,
        body="\n".join(x for x in [coop.description, coop.external_partners, names, coop.field.name] if x),
        url=reverse("cooperation:cooperation_detail", args=[coop.pk]),
        kind="cooperation",
        region_id=coop.region_id,
        year=coop.since_year,
        field_ids=(coop.field_id,),
    )


def published_cooperations() -> QuerySet[Cooperation]:
    return Cooperation.objects.filter(publication__isnull=False)


def search_fields() -> QuerySet[CooperationField]:
    return CooperationField.objects.select_related("task_area")


def _cooperation_public_url(entry: Any) -> str:
    return reverse("portal:region", args=[entry.region_slug]) + f"#kooperation-{entry.object_id}"


# --- the deadlines of every agreement as reminders and calendar dates (decision 97) ---------------


def agreement_due(today: dt.date) -> list[Item]:
    """The region's office, from each deadline's reminder day on: notice deadlines, the end of a
    contract or tender period (from its lead time), the annual report and advisory board meetings."""
    deadlines = [
        d
        for d in agreement_deadlines(
            Region.objects.values_list("pk", flat=True),
            today,
            NOTICE_CALENDAR_DAYS,
            lead_days=settings.IKZ_NOTIFY_DAYS_BEFORE,
        )
        if d.remind_from <= today
    ]
    offices = office_users(d.cooperation.region_id for d in deadlines)
    return [
        Item(
            user_id=user_id,
            kind=Kind.NOTICE_DEADLINE,
            text=(d.text + (f" – {d.advice}" if d.advice else ""))[:500],
            link=d.cooperation.get_absolute_url(),
            key=d.key,
            due_date=d.date,
        )
        for d in deadlines
        for user_id in sorted(offices[d.cooperation.region_id])
    ]


def agreement_dates(user: Any) -> list[CalendarDate]:
    """The deadlines in the office's calendar feed, two years ahead; a period also on the day its
    preparation should start."""
    roles = roles_of(user)
    if roles.office_global:
        region_ids: Iterable[int] = Region.objects.values_list("pk", flat=True)
    else:
        region_ids = roles.office_regions
    today = timezone.localdate()
    found = []
    for d in agreement_deadlines(region_ids, today, NOTICE_CALENDAR_DAYS):
        found.append(
            CalendarDate(
                uid=d.key.replace(":", "-"),
                date=d.date,
                summary=SUMMARIES[d.kind] % {"title": d.cooperation.title},
                link=d.cooperation.get_absolute_url(),
            )
        )
        if d.kind == PERIOD and d.remind_from >= today:
            found.append(
                CalendarDate(
                    uid=f"{d.key.replace(':', '-')}-vorbereitung",
                    date=d.remind_from,
                    summary=_("Nächsten Zeitraum vorbereiten: %(title)s") % {"title": d.cooperation.title},
                    link=d.cooperation.get_absolute_url(),
                )
            )
    return found


SUMMARIES = {
    NOTICE: gettext_lazy("Kündigungsfrist: %(title)s"),
    PERIOD: gettext_lazy("Zeitraum endet: %(title)s"),
    REPORT: gettext_lazy("Jahresbericht fällig: %(title)s"),
    BOARD: gettext_lazy("Beiratssitzung: %(title)s"),
}


# --- the start page "Meine Aufgaben" -----------------------------------------------------------------

NOTICE_TASK_DAYS = 365  # notice deadlines within twelve months (the projects' overview lists the same)


def office_tasks(user: Any, today: dt.date) -> list[tasks.Task]:
    """The office: per region the notice deadlines of operating cooperations within twelve months,
    linked to the overview's list of them — one query."""
    found = []
    for deadlines in notice_deadlines_by_region(tasks.office_regions(user), today, NOTICE_TASK_DAYS).values():
        region = deadlines[0].cooperation.region
        found.append(
            tasks.Task(
                label=_("Kündigungsfristen in den nächsten zwölf Monaten (%(region)s)")
                % {"region": region.name},
                count=len(deadlines),
                url=reverse("projects:dashboard", args=[region.slug]) + "#kuendigungsfristen",
                note=_("die nächste am %(date)s: %(title)s")
                % {"date": german(deadlines[0].notice_by), "title": deadlines[0].cooperation.title},
            )
        )
    return found


def register() -> None:
    tasks.register(tasks.TaskSource("cooperation-office", tasks.OFFICE, office_tasks, order=40))
    register_search(
        Source(
            "cooperation",
            gettext_lazy("Kooperation"),
            Cooperation,
            describe_cooperation,
            cooperations_for,
            public=published_cooperations,
            public_url=_cooperation_public_url,
            order=40,
        )
    )
    register_fields(search_fields)
    register_dates(DateSource("notice_deadlines", agreement_due, agreement_dates, order=50))
