"""Who may search for partners, and from whose point of view (decision 263).

Everyone logged in searches; what the results show comes from the owning apps' access functions
(``network.access.needs_for`` and ``solutions_for``, ``interests.access.declarations_for``,
``cooperation.access.cooperations_for``, ``membership.access.members_for``), so that a contact
person of another region sees only what is shared with every logged-in user — never another
region's interest declarations or the cooperative's member register."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ikz.accounts.access import roles_of
from ikz.cooperation.access import cooperations_for, task_areas_for
from ikz.cooperation.models import Cooperation, CooperationField
from ikz.interests.access import declarations_for
from ikz.interests.models import Declaration
from ikz.membership.access import members_for
from ikz.membership.models import Member
from ikz.municipalities.access import contact_regions
from ikz.municipalities.models import Municipality
from ikz.network.access import needs_for, solutions_for
from ikz.network.models import Need, Solution


def can_search(user: Any) -> bool:
    return roles_of(user).authenticated


def fields_for(user: Any) -> QuerySet[CooperationField]:
    return CooperationField.objects.filter(task_area__in=task_areas_for(user)).select_related("task_area")


def home_choices(user: Any) -> QuerySet[Municipality]:
    """The municipalities from whose point of view a person ranks: those they speak for (contact,
    member) and the members of the regions they work in (the platform-wide office: of every region)."""
    roles = roles_of(user)
    own = roles.contact_municipalities | roles.member_municipalities
    regions = roles.office_regions | roles.steering_regions | contact_regions(user)
    condition = Q(pk__in=own) | Q(region_memberships__region_id__in=regions)
    if roles.office_global:
        condition |= Q(region_memberships__isnull=False)
    return Municipality.objects.filter(condition).distinct().order_by("name")


def default_home(user: Any) -> int | None:
    """The person's own municipality (the first by name), if they speak for one."""
    roles = roles_of(user)
    own = roles.contact_municipalities | roles.member_municipalities
    first = Municipality.objects.filter(pk__in=own).order_by("name").values_list("pk", flat=True).first()
    return first


def visible_needs(user: Any) -> QuerySet[Need]:
    return needs_for(user)


def visible_solutions(user: Any) -> QuerySet[Solution]:
    return solutions_for(user)


def visible_declarations(user: Any) -> QuerySet[Declaration]:
    return declarations_for(user)


def visible_cooperations(user: Any) -> QuerySet[Cooperation]:
    return cooperations_for(user)


def visible_members(user: Any) -> QuerySet[Member]:
    return members_for(user)
