"""Reads of accounts: a person's role assignments and second factor (the device, the secret of a
set-up not yet confirmed, the recovery codes left), an active account by id."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from ikz.accounts import rules
from ikz.accounts.models import RecoveryCode, RoleAssignment, TotpDevice, User


def active_user(pk: int) -> User | None:
    return User.objects.filter(pk=pk, is_active=True).first()


def assignments_of(user: User) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(user=user.pk).select_related("region", "municipality")


def device_of(user: User) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user).first()


def secret_keys() -> list[str]:
    """The keys that seal the authenticator secrets (the current one first)."""
    return [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]


def has_confirmed_device(user: User) -> bool:
    """A confirmed authenticator app."""
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def pending_secret(user: User) -> str | None:
    """The secret of a set-up not yet confirmed (shown on the set-up page), else None."""
    device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=True).first()
    return rules.open_secret(device.secret, secret_keys()) if device else None


def unused_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(device__user=user, used_at__isnull=True).count()
