"""Pure rules of the health check: which timers exist, how old their last success may be, and
what makes the whole platform "stale" for a monitor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Timer:
    name: str  # the management command the timer starts
    label: str
    max_age: dt.timedelta  # the last success may be this old (the period plus slack)


# The timers of contrib/systemd (daily ones may be two hours late: Persistent=true catches up
# after a reboot, RandomizedDelaySec spreads them).
TIMERS: tuple[Timer, ...] = (
    Timer("send_notifications", "Benachrichtigungen und Fristen", DAY + dt.timedelta(hours=2)),
    Timer("remind_notice_deadlines", "Erinnerungen an Kündigungsfristen", DAY + dt.timedelta(hours=2)),
    Timer("rebuild_search_index", "Suchindex", DAY + dt.timedelta(hours=2)),
    Timer("backup", "Sicherung", DAY + dt.timedelta(hours=2)),
)
TIMER_NAMES = frozenset(t.name for t in TIMERS)

# The queue: a job waiting longer than this means no worker runs (or too few).
QUEUE_MAX_WAIT = dt.timedelta(minutes=10)


def timer_stale(timer: Timer, succeeded_at: dt.datetime | None, now: dt.datetime) -> bool:
    return succeeded_at is None or now - succeeded_at > timer.max_age


def queue_stale(oldest_waiting: dt.datetime | None, workers_alive: int, now: dt.datetime) -> bool:
    """Stale when a job has waited too long; no worker alive with nothing waiting is fine (a
    worker that is restarted is back before the next job waits ten minutes)."""
    return oldest_waiting is not None and now - oldest_waiting > QUEUE_MAX_WAIT
