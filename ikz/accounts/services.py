"""State changes of accounts: login failures are recorded and counted (throttling)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from ikz.accounts import rules
from ikz.accounts.models import LoginFailure


class LoginThrottled(Exception):
    def __init__(self, minutes: int) -> None:
        super().__init__(minutes)
        self.minutes = minutes


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.IKZ_LOGIN_LOCK_MINUTES)


def check_login_allowed(username: str, address: str | None, *, now: dt.datetime | None = None) -> None:
    """Raise ``LoginThrottled`` when the account or the address has failed too often lately."""
    now = now or timezone.now()
    since = now - _window()
    by_account = list(
        LoginFailure.objects.filter(username=username.lower(), at__gt=since).values_list("at", flat=True)
    )
    waits = [
        rules.lockout_remaining(by_account, now, limit=settings.IKZ_LOGIN_MAX_FAILURES, window=_window())
    ]
    if address:
        by_address = list(
            LoginFailure.objects.filter(address=address, at__gt=since).values_list("at", flat=True)
        )
        waits.append(
            rules.lockout_remaining(
                by_address, now, limit=settings.IKZ_LOGIN_MAX_FAILURES_PER_ADDRESS, window=_window()
            )
        )
    longest = max((w for w in waits if w is not None), default=None)
    if longest is not None:
        raise LoginThrottled(rules.minutes_to_wait(longest))


def record_login_failure(username: str, address: str | None, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    LoginFailure.objects.create(username=username.lower()[:150], address=address or None, at=now)
    # Keep the table small: what lies outside every window counts for nothing.
    LoginFailure.objects.filter(at__lt=now - 4 * _window()).delete()


def clear_login_failures(username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()
