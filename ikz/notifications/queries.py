"""Reads of notifications: the inbox, the choices of each person, the calendar feed and its dates."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from ikz.accounts.models import User
from ikz.notifications.models import CalendarFeed, Notification, Preference
from ikz.notifications.registry import SOURCES, CalendarDate


def preferences(user_ids: Iterable[int]) -> dict[tuple[int, str], tuple[bool, bool]]:
    rows = Preference.objects.filter(user_id__in=list(user_ids)).values_list(
        "user_id", "kind", "in_app", "email"
    )
    return {(u, k): (a, e) for u, k, a, e in rows}


def inbox(user: Any) -> QuerySet[Notification]:
    """The person's notifications shown in the application, newest first."""
    return Notification.objects.filter(user=user, in_app=True).order_by("-created_at", "-id")


def has_calendar_feed(user: Any) -> bool:
    return CalendarFeed.objects.filter(user=user).exists()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def user_for_token(token: str) -> User | None:
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.filter(token_hash=token_hash(token)).select_related("user").first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def calendar_dates(user: Any) -> list[CalendarDate]:
    """The person's dates from every source, in the order of the sources."""
    return [d for source in SOURCES.values() for d in source.dates(user)]
