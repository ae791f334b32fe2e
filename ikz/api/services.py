"""Creating, checking and revoking API keys (audited), and counting requests for the rate limit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.api import rules
from ikz.api.models import ApiToken, RateCount, Scope, TechnicalAccount
from ikz.audit.models import Action
from ikz.audit.security import security_event
from ikz.audit.services import record


def _new_token(**fields: Any) -> tuple[ApiToken, str]:
    secret = rules.new_secret()
    token = ApiToken(prefix=rules.prefix_of(secret), secret_hash=rules.hash_secret(secret), **fields)
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def create_token(user: User, name: str, *, actor: User | None) -> tuple[ApiToken, str]:
    """A new personal key for ``user``; returns it with the secret (shown once, never stored)."""
    token, secret = _new_token(user=user, name=name.strip())
    record(
        token,
        Action.CREATE,
        actor=actor,
        changes={"name": [None, token.name], "prefix": [None, token.prefix]},
    )
    security_event("apikey.created", actor=actor, subject=token, owner_id=user.pk)
    return token, secret


@transaction.atomic
def create_technical_token(
    name: str, region: Any, expires_on: dt.date, *, actor: User | None
) -> tuple[ApiToken, str]:
    """A read-only key of the technical account ``name`` of ``region`` (created on first use; a
    second key for the same account is how a key is replaced), valid to the end of ``expires_on``."""
    account, created = TechnicalAccount.objects.get_or_create(
        region=region, name=name.strip(), defaults={"created_by": actor}
    )
    if created:
        record(account, Action.CREATE, actor=actor, changes={"name": [None, account.name]})
    end_of_day = dt.datetime.combine(expires_on, dt.time.max).replace(microsecond=0)
    expires_at = timezone.make_aware(end_of_day)
    token, secret = _new_token(account=account, name=account.name, scope=Scope.READ, expires_at=expires_at)
    record(
        token,
        Action.CREATE,
        actor=actor,
        changes={
            "name": [None, token.name],
            "prefix": [None, token.prefix],
            "scope": [None, token.scope],
            "expires_at": [None, expires_at.isoformat()],
            "region": [None, str(region)],
        },
        message=_("API-Schlüssel eines technischen Kontos angelegt"),
    )
    security_event(
        "apikey.created",
        actor=actor,
        subject=token,
        technical_account_id=account.pk,
        expires=expires_at.isoformat(),
    )
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, *, actor: User | None) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(token, Action.UPDATE, actor=actor, message=_("API-Schlüssel widerrufen"))
        if token.user_id:
            security_event("apikey.revoked", actor=actor, subject=token, owner_id=token.user_id)
        else:
            security_event(
                "apikey.revoked", actor=actor, subject=token, technical_account_id=token.account_id
            )
    return token


@dataclass(frozen=True)
class KeyCheck:
    """What a presented secret is: ``token`` when it names one; ``valid`` when it may be used."""

    token: ApiToken | None
    valid: bool = False
    expired: bool = False


def check_key(secret: str, *, now: dt.datetime | None = None) -> KeyCheck:
    """The key of this secret and whether it may be used (unrevoked, its person active, not expired)."""
    token = (
        ApiToken.objects.select_related("user", "account")
        .filter(secret_hash=rules.hash_secret(secret))
        .first()
    )
    if token is None or token.revoked_at is not None:
        return KeyCheck(None)
    if token.user is not None and not token.user.is_active:
        return KeyCheck(None)
    now = now or timezone.now()
    if token.expires_at is not None and token.expires_at <= now:
        return KeyCheck(token, expired=True)
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return KeyCheck(token, valid=True)


def authenticate(secret: str) -> User | None:
    """The active person of a valid personal key with this secret (notes the time of use)."""
    checked = check_key(secret)
    return checked.token.user if checked.valid and checked.token is not None else None


# --- rate limit -------------------------------------------------------------------------------------


def rate_per_minute() -> int:
    return int(getattr(settings, "IKZ_API_RATE_PER_MINUTE", rules.RATE_PER_MINUTE))


def count_request(bucket: str, *, now: dt.datetime | None = None) -> int:
    """Count one request of ``bucket`` in the current minute; returns the count so far. One
    statement (insert or add one), committed at once: every app server counts in the same row."""
    now = now or timezone.now()
    minute = rules.minute_of(now)
    table = connection.ops.quote_name(RateCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (bucket, minute, hits) VALUES (%s, %s, 1) "  # noqa: S608 (our table name)
            f"ON CONFLICT (bucket, minute) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits",
            [bucket[:80], connection.ops.adapt_datetimefield_value(minute)],
        )
        row = cursor.fetchone()
    hits = int(row[0]) if row else 1
    if hits == 1:  # the first request of a caller in a minute clears the minutes that are over
        RateCount.objects.filter(minute__lt=minute - dt.timedelta(minutes=1)).delete()
    return hits
