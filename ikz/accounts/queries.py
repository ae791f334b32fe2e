"""Reads of accounts: a person's role assignments and second factor, an active account by id."""

from __future__ import annotations

from django.db.models import QuerySet

from ikz.accounts.models import RoleAssignment, TotpDevice, User


def active_user(pk: int) -> User | None:
    return User.objects.filter(pk=pk, is_active=True).first()


def assignments_of(user: User) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(user=user.pk).select_related("region", "municipality")


def device_of(user: User) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user).first()


def uses_two_factor(user: User) -> bool:
    """A confirmed authenticator app."""
    return TotpDevice.objects.filter(user=user.pk, confirmed_at__isnull=False).exists()
