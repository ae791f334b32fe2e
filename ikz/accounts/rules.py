"""Pure rules of accounts: how long a login stays blocked after repeated failures."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence


def lockout_remaining(
    failures: Sequence[dt.datetime], now: dt.datetime, *, limit: int, window: dt.timedelta
) -> dt.timedelta | None:
    """Time left until the next attempt is allowed, or None when an attempt is allowed now.

    Blocked while at least ``limit`` failures lie within ``window`` before ``now``; the block ends
    ``window`` after the failure that made the count reach the limit within the window (so the
    wait shrinks as old failures age out, and a new failure during the block does not extend it
    beyond the window of the ``limit`` most recent ones).
    """
    if limit <= 0:
        return None
    recent = sorted(t for t in failures if now - window < t <= now)
    if len(recent) < limit:
        return None
    oldest_that_counts = recent[-limit]
    return oldest_that_counts + window - now


def minutes_to_wait(remaining: dt.timedelta) -> int:
    """Whole minutes to tell the user, rounded up and at least one."""
    return max(1, math.ceil(remaining.total_seconds() / 60))
