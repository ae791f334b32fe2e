"""Who may transfer a region's set-up into a new region: the platform-wide office only."""

from __future__ import annotations

from ikz.accounts.access import roles_of
from ikz.accounts.models import User


def can_transfer(user: User) -> bool:
    """Only the platform-wide office creates regions, and with them transfers."""
    return roles_of(user).office_global
