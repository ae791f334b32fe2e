"""Sources of dates and reminders. Each app that has deadlines registers one (in its
``AppConfig.ready()``, in ``<app>/sources.py``): ``due(today)`` yields the reminders due today for
``send_notifications``; ``dates(user)`` yields the person's dates for the calendar feed.
After the merge, notice periods, supervisory deadlines and milestones add theirs the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Item:
    """One reminder for one person; ``key`` makes it unique (it is sent once)."""

    user_id: int
    kind: str
    text: str
    link: str
    key: str
    due_date: dt.date | None = None


@dataclass(frozen=True)
class CalendarDate:
    uid: str
    date: dt.date
    summary: str
    link: str = ""


@dataclass(frozen=True)
class DateSource:
    key: str
    due: Callable[[dt.date], Iterable[Item]]
    dates: Callable[[Any], Iterable[CalendarDate]]
    order: int = 1000  # the place among the sources, whichever app is ready first


SOURCES: dict[str, DateSource] = {}


def register(source: DateSource) -> None:
    SOURCES[source.key] = source
    ordered = sorted(SOURCES.values(), key=lambda s: s.order)  # stable: equal order keeps arrival
    SOURCES.clear()
    SOURCES.update((s.key, s) for s in ordered)
