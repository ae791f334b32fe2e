"""Pure rules of the API: token secrets and their hashes, paging bounds, the rate limit's minutes,
the caller's address, "changed since" moments (no ORM)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from ikz.lib.client import client_address as lib_client_address

PREFIX_LENGTH = 8
MAX_LIMIT = 200
DEFAULT_LIMIT = 50


def new_secret() -> str:
    """A random secret of 43 URL-safe characters (256 bits)."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def prefix_of(secret: str) -> str:
    return secret[:PREFIX_LENGTH]


def bearer_secret(header: str) -> str | None:
    """The secret of an ``Authorization: Bearer <secret>`` header, else ``None``."""
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


# --- rate limit -------------------------------------------------------------------------------------

RATE_PER_MINUTE = 600  # default of the setting IKZ_API_RATE_PER_MINUTE


def minute_of(moment: dt.datetime) -> dt.datetime:
    """The start of the minute that counts ``moment`` (fixed windows of one minute)."""
    return moment.replace(second=0, microsecond=0)


def retry_after(moment: dt.datetime) -> int:
    """Whole seconds until the next minute starts (at least 1): the ``Retry-After`` of a 429."""
    return max(1, 60 - moment.second)


def client_address(meta: Mapping[str, Any], proxies: int) -> str:
    """The caller's address: ``REMOTE_ADDR``, or behind ``proxies`` reverse proxies the entry the
    first proxy appended to ``X-Forwarded-For`` (entries further left are the client's own claim)."""
    return (lib_client_address(meta, proxies) or "unbekannt")[:45]


# --- "changed since" --------------------------------------------------------------------------------


def parse_moment(text: str) -> dt.datetime | None:
    """An ISO 8601 date and time (``2026-05-01T08:00:00+02:00``, ``…Z``, or a date alone = its
    midnight); without an offset in the platform's time zone. ``None`` if the text is none."""
    value = text.strip()
    if not value or len(value) > 40:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return None
    if not 1900 <= moment.year <= 9998:  # far outside any record; and no overflow in UTC
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    return moment
