"""What cooperations give the other apps: the inventory as a search source (the portal finds the
published ones) with the fields of cooperation to filter it by, and the last day to give notice of
an operating cooperation as a reminder and a calendar date for the region's office. Registered in
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

from ikz.accounts.access import roles_of
from ikz.cooperation.access import cooperations_for
from ikz.cooperation.models import Cooperation, CooperationField, ParticipantStatus
from ikz.cooperation.queries import upcoming_notice_deadlines
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


# --- notice deadlines as dates --------------------------------------------------------------------


def _notice_deadlines(region_ids: Iterable[int], today: dt.date, days: int) -> list[Any]:
    return [
        d
        for region in Region.objects.filter(pk__in=list(region_ids))
        for d in upcoming_notice_deadlines(region, today, days)
    ]


def notice_due(today: dt.date) -> list[Item]:
    """The region's office: the last day to give notice of an operating cooperation."""
    deadlines = _notice_deadlines(
        Region.objects.values_list("pk", flat=True), today, settings.IKZ_NOTIFY_DAYS_BEFORE
    )
    offices = office_users(d.cooperation.region_id for d in deadlines)
    return [
        Item(
            user_id=user_id,
            kind=Kind.NOTICE_DEADLINE,
            text=_("„%(title)s“: Kündigung zum %(end)s spätestens am %(date)s")
            % {
                "title": d.cooperation.title,
                "end": f"{d.term_end:%d.%m.%Y}",
                "date": f"{d.notice_by:%d.%m.%Y}",
            },
            link=d.cooperation.get_absolute_url(),
            key=f"notice:{d.cooperation.pk}:{d.notice_by:%Y%m%d}",
            due_date=d.notice_by,
        )
        for d in deadlines
        for user_id in sorted(offices[d.cooperation.region_id])
    ]


def notice_dates(user: Any) -> list[CalendarDate]:
    roles = roles_of(user)
    if roles.office_global:
        region_ids: Iterable[int] = Region.objects.values_list("pk", flat=True)
    else:
        region_ids = roles.office_regions
    return [
        CalendarDate(
            uid=f"notice-{d.cooperation.pk}-{d.notice_by:%Y%m%d}@ikz",
            date=d.notice_by,
            summary=_("Kündigungsfrist: %(title)s") % {"title": d.cooperation.title},
            link=d.cooperation.get_absolute_url(),
        )
        for d in _notice_deadlines(region_ids, timezone.localdate(), NOTICE_CALENDAR_DAYS)
    ]


def register() -> None:
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
    register_dates(DateSource("notice_deadlines", notice_due, notice_dates, order=50))
