"""The built-in sources of dates and reminders: survey deadlines (ikz/surveys), interest-call
deadlines (ikz/interests), matches and stale entries of the reuse network (ikz/network), notice
deadlines of operating cooperations (ikz/cooperation, for the region's office) and the earliest
execution of a membership after the notice to the supervisory authority (ikz/membership, for the
cooperative's office). The projects' milestones register in ``ikz/projects/sources.py``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.accounts.models import Role, RoleAssignment
from ikz.interests.models import CallStatus, DeclarationStatus, InterestCall
from ikz.municipalities.models import RegionMember
from ikz.notifications.models import Kind, Notification
from ikz.notifications.registry import CalendarDate, DateSource, Item, register
from ikz.surveys.models import Campaign, CampaignStatus, ResponseStatus


def municipality_users(municipality_ids: Iterable[int]) -> dict[int, set[int]]:
    """municipality id → ids of its contacts and members (one query)."""
    users: dict[int, set[int]] = defaultdict(set)
    for user_id, municipality_id in RoleAssignment.objects.filter(
        role__in=[Role.CONTACT, Role.MEMBER], municipality_id__in=list(municipality_ids)
    ).values_list("user_id", "municipality_id"):
        users[municipality_id].add(user_id)
    return users


def _user_regions(user: Any) -> set[int]:
    roles = roles_of(user)
    if roles.office_global:
        from ikz.municipalities.models import Region

        return set(Region.objects.values_list("pk", flat=True))
    regions = set(roles.office_regions | roles.steering_regions)
    if roles.contact_municipalities:
        regions |= set(
            RegionMember.objects.filter(municipality_id__in=roles.contact_municipalities).values_list(
                "region_id", flat=True
            )
        )
    return regions


def _window(today: dt.date) -> tuple[dt.date, dt.date]:
    return today, today + dt.timedelta(days=settings.IKZ_NOTIFY_DAYS_BEFORE)


def _deadline_items(
    rows: Iterable[tuple[int, int, str, dt.date, str]], answered: set[tuple[int, int]], kind: str, text: str
) -> list[Item]:
    """rows: (object id, region id, title, deadline, link) → one item per contact of a member
    municipality that has not answered yet."""
    rows = list(rows)
    members: dict[int, list[int]] = defaultdict(list)
    for region_id, municipality_id in RegionMember.objects.filter(
        region_id__in={r[1] for r in rows}
    ).values_list("region_id", "municipality_id"):
        members[region_id].append(municipality_id)
    users = municipality_users({m for ms in members.values() for m in ms})
    items = []
    for pk, region_id, title, deadline, link in rows:
        for municipality_id in members[region_id]:
            if (pk, municipality_id) in answered:
                continue
            for user_id in sorted(users.get(municipality_id, ())):
                items.append(
                    Item(
                        user_id=user_id,
                        kind=kind,
                        text=text % {"title": title, "date": f"{deadline:%d.%m.%Y}"},
                        link=link,
                        key=f"{kind}:{pk}:{deadline:%Y%m%d}",
                        due_date=deadline,
                    )
                )
    return items


def survey_due(today: dt.date) -> list[Item]:
    start, end = _window(today)
    campaigns = list(
        Campaign.objects.filter(status=CampaignStatus.OPEN, deadline__gte=start, deadline__lte=end)
    )
    from ikz.surveys.models import Response

    answered = set(
        Response.objects.filter(campaign__in=campaigns, status=ResponseStatus.SUBMITTED).values_list(
            "campaign_id", "municipality_id"
        )
    )
    return _deadline_items(
        [(c.pk, c.region_id, c.title, c.deadline, c.get_absolute_url()) for c in campaigns],
        answered,
        Kind.SURVEY_DEADLINE,
        _("Bestandsaufnahme „%(title)s“: Rücklauffrist am %(date)s"),
    )


def survey_dates(user: Any) -> list[CalendarDate]:
    campaigns = Campaign.objects.filter(region_id__in=_user_regions(user)).exclude(
        status=CampaignStatus.DRAFT
    )
    return [
        CalendarDate(
            uid=f"survey-{c.pk}@ikz",
            date=c.deadline,
            summary=_("Rücklauffrist: %(title)s") % {"title": c.title},
            link=c.get_absolute_url(),
        )
        for c in campaigns
    ]


def interest_due(today: dt.date) -> list[Item]:
    start, end = _window(today)
    calls = list(InterestCall.objects.filter(status=CallStatus.OPEN, deadline__gte=start, deadline__lte=end))
    from ikz.interests.models import Declaration

    answered = set(
        Declaration.objects.filter(call__in=calls, status=DeclarationStatus.SUBMITTED).values_list(
            "call_id", "municipality_id"
        )
    )
    return _deadline_items(
        [(c.pk, c.region_id, c.title, c.deadline, c.get_absolute_url()) for c in calls],
        answered,
        Kind.INTEREST_DEADLINE,
        _("Interessenbekundung „%(title)s“: Frist am %(date)s"),
    )


def interest_dates(user: Any) -> list[CalendarDate]:
    calls = InterestCall.objects.filter(region_id__in=_user_regions(user)).exclude(status=CallStatus.DRAFT)
    return [
        CalendarDate(
            uid=f"interest-{c.pk}@ikz",
            date=c.deadline,
            summary=_("Frist Interessenbekundung: %(title)s") % {"title": c.title},
            link=c.get_absolute_url(),
        )
        for c in calls
    ]


def network_due(today: dt.date) -> list[Item]:
    """Owners of solutions and needs not confirmed for IKZ_NETWORK_CONFIRM_DAYS."""
    from ikz.network.models import Need, Solution

    limit = today - dt.timedelta(days=settings.IKZ_NETWORK_CONFIRM_DAYS)
    entries: list[Any] = list(Solution.objects.filter(last_confirmed__lt=limit)) + list(
        Need.objects.filter(last_confirmed__lt=limit)
    )
    users = municipality_users({e.owner_id for e in entries})
    items = []
    for entry in entries:
        for user_id in sorted(users.get(entry.owner_id, ())):
            items.append(
                Item(
                    user_id=user_id,
                    kind=Kind.STALE_ENTRY,
                    text=_("Bitte bestätigen Sie „%(title)s“ (zuletzt bestätigt am %(date)s).")
                    % {"title": entry.title, "date": f"{entry.last_confirmed:%d.%m.%Y}"},
                    link=entry.get_absolute_url(),
                    key=f"stale:{entry._meta.model_name}:{entry.pk}:{entry.last_confirmed:%Y%m%d}",
                )
            )
    return items


# kinds whose sources put the date into the calendar themselves (not twice via the notification)
DATED_KINDS = [
    Kind.SURVEY_DEADLINE,
    Kind.INTEREST_DEADLINE,
    Kind.MILESTONE,
    Kind.NOTICE_DEADLINE,
    Kind.SUPERVISION_DEADLINE,
]
NOTICE_CALENDAR_DAYS = 730  # the calendar shows the next notice deadline up to two years ahead


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


def _notice_deadlines(region_ids: Iterable[int], today: dt.date, days: int) -> list[Any]:
    from ikz.cooperation.queries import upcoming_notice_deadlines
    from ikz.municipalities.models import Region

    return [
        d
        for region in Region.objects.filter(pk__in=list(region_ids))
        for d in upcoming_notice_deadlines(region, today, days)
    ]


def notice_due(today: dt.date) -> list[Item]:
    """The region's office: the last day to give notice of an operating cooperation."""
    from ikz.municipalities.models import Region

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
        from ikz.municipalities.models import Region

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


def _earliest_executions() -> list[tuple[Any, dt.date]]:
    """Active onboardings with a known earliest execution date (after the notice to the authority)."""
    from ikz.membership.models import Onboarding, OnboardingStatus
    from ikz.membership.services import deadline_of

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


def notification_dates(user: Any) -> list[CalendarDate]:
    """Every notification of the person that carries a date (e.g. added by other apps)."""
    rows = Notification.objects.filter(Q(user=user) & Q(due_date__isnull=False) & ~Q(kind__in=DATED_KINDS))
    return [
        CalendarDate(uid=f"notification-{n.pk}@ikz", date=n.due_date, summary=n.text, link=n.link)
        for n in rows
        if n.due_date is not None
    ]


def register_builtin() -> None:
    register(DateSource("surveys", survey_due, survey_dates))
    register(DateSource("interests", interest_due, interest_dates))
    register(DateSource("network", network_due, lambda user: []))
    register(DateSource("notice_deadlines", notice_due, notice_dates))
    register(DateSource("supervision", supervision_due, supervision_dates))
    register(DateSource("notifications", lambda today: [], notification_dates))
