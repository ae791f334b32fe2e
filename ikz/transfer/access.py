"""Who may transfer a set-up into a region: the office of that region (the platform-wide office
into any region). The source may be any region: only the way of working is copied, never data
about people or answers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.accounts.models import Role, User
from ikz.municipalities.access import editable_regions_for
from ikz.municipalities.models import Region


def can_transfer(user: User) -> bool:
    """An office of some region (or the platform-wide office)."""
    return roles_of(user).is_office


def check_transfer(user: User) -> None:
    """403 with the reason unless ``user`` is the office of a region."""
    if not can_transfer(user):
        raise PermissionDenied(
            _(
                "Eine Einrichtung überträgt die Geschäftsstelle der Region, die sie übernimmt. "
                "Ihnen fehlt die Rolle „%(role)s“."
            )
            % {"role": Role.OFFICE.label}
        )


def targets_for(user: User) -> QuerySet[Region]:
    """The regions ``user`` may transfer a set-up into."""
    return editable_regions_for(user).order_by("name")
