"""Creating, using and revoking API tokens (audited)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.api import rules
from ikz.api.models import ApiToken
from ikz.audit.models import Action
from ikz.audit.security import security_event
from ikz.audit.services import record


@transaction.atomic
def create_token(user: User, name: str, *, actor: User | None) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with the secret (shown once, never stored)."""
    secret = rules.new_secret()
    token = ApiToken(
        user=user, name=name.strip(), prefix=rules.prefix_of(secret), secret_hash=rules.hash_secret(secret)
    )
    token.full_clean()
    token.save()
    record(
        token,
        Action.CREATE,
        actor=actor,
        changes={"name": [None, token.name], "prefix": [None, token.prefix]},
    )
    security_event("apikey.created", actor=actor, subject=token, owner_id=user.pk)
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, *, actor: User | None) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(token, Action.UPDATE, actor=actor, message=_("API-Schlüssel widerrufen"))
        security_event("apikey.revoked", actor=actor, subject=token, owner_id=token.user_id)
    return token


def authenticate(secret: str) -> User | None:
    """The active user of an unrevoked token with this secret; notes the time of use."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(secret_hash=rules.hash_secret(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
