"""What municipalities and regions give the other apps: for the date sources of surveys and
interest calls the regions whose dates a person sees and one reminder per contact of a member
municipality that has not answered yet; for the start page the person's own municipalities and
regions; for the header of every page the person's first region (registered in
``MunicipalitiesConfig.ready()``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from ikz.accounts import context_processors
from ikz.accounts.access import Roles, roles_of
from ikz.accounts.models import Role
from ikz.municipalities.access import regions_for
from ikz.municipalities.models import Municipality, Region, RegionMember
from ikz.notifications.registry import Item
from ikz.notifications.sources import municipality_users


def user_regions(user: Any) -> set[int]:
    """The regions whose deadlines the person sees in the calendar (the platform-wide office: all)."""
    roles = roles_of(user)
    if roles.office_global:
        return set(Region.objects.values_list("pk", flat=True))
    regions = set(roles.office_regions | roles.steering_regions)
    if roles.contact_municipalities:
        regions |= set(
            RegionMember.objects.filter(municipality_id__in=roles.contact_municipalities).values_list(
                "region_id", flat=True
            )
        )
    return regions


def deadline_items(
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


def region_contact_items(
    region_id: int,
    *,
    kind: str,
    text: Callable[[str], str],
    link: Callable[[int], str],
    key: str,
    due_date: dt.date | None = None,
) -> list[Item]:
    """One item per contact person of every member municipality of the region (two queries), e.g.
    when a survey or an interest call opens. ``text(municipality's name)`` is the message,
    ``link(municipality id)`` is that municipality's own page; the key gets the municipality's id,
    so a person who is the contact of two municipalities hears of both."""
    members = list(
        RegionMember.objects.filter(region_id=region_id)
        .order_by("position", "pk")
        .values_list("municipality_id", "municipality__short_name")
    )
    users = municipality_users([m for m, _name in members], roles=(Role.CONTACT,))
    return [
        Item(
            user_id=user_id,
            kind=kind,
            text=text(name),
            link=link(municipality_id),
            key=f"{key}:{municipality_id}",
            due_date=due_date,
        )
        for municipality_id, name in members
        for user_id in sorted(users.get(municipality_id, ()))
    ]


def own_municipalities(user: Any) -> QuerySet[Municipality]:
    """The municipalities the person is a contact or member of (the start page)."""
    roles = roles_of(user)
    return Municipality.objects.filter(pk__in=roles.contact_municipalities | roles.member_municipalities)


def home_regions(user: Any, limit: int) -> tuple[list[Region], int]:
    """At most ``limit`` regions for the start page and how many the person sees in all: the
    person's own regions (by role or by their municipality's membership) first; a platform-wide
    role has none and gets the first regions. Bounded, so the page does not grow with 400 regions."""
    roles = roles_of(user)
    towns = roles.contact_municipalities | roles.member_municipalities
    regions = regions_for(user)
    own = Q(pk__in=roles.office_regions | roles.steering_regions) | Exists(
        RegionMember.objects.filter(region=OuterRef("pk"), municipality__in=towns)
    )
    # one query whether the person has regions of their own or not (own ones first)
    first: list[Region] = list(
        regions.annotate(own=ExpressionWrapper(own, output_field=BooleanField())).order_by("-own", "name")[
            :limit
        ]
    )
    mine = [region for region in first if getattr(region, "own", False)]
    return mine or first, regions.count()


def header_region(roles: Roles) -> str:
    """The region shown in the header: the user's first region by role (one query)."""
    region_ids = roles.office_regions | roles.steering_regions
    if region_ids:
        query = Region.objects.filter(pk__in=region_ids)
    elif roles.contact_municipalities or roles.member_municipalities:
        query = Region.objects.filter(
            members__municipality__in=roles.contact_municipalities | roles.member_municipalities
        )
    else:
        return ""
    return query.order_by("name").values_list("name", flat=True).first() or ""


def register() -> None:
    context_processors.HEADER_REGION[:] = [header_region]
