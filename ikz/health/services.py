"""State changes of the health record: a timer's command notes its start, its success or its
failure (``with timer_run("send_notifications"): ...``)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

from ikz.health.models import TimerRun


@contextmanager
def timer_run(name: str) -> Iterator[None]:
    """Around the body of a timer's command: its start, then its success or its failure (the
    exception goes on, so systemd sees the failed unit too)."""
    host = socket.gethostname()[:200]
    TimerRun.objects.update_or_create(name=name, defaults={"started_at": timezone.now(), "host": host})
    try:
        yield
    except BaseException as exc:
        TimerRun.objects.filter(name=name).update(
            failed_at=timezone.now(), error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    TimerRun.objects.filter(name=name).update(succeeded_at=timezone.now(), error="")
