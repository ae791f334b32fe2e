"""Who sees and changes the money of a cooperation.

The office of the cooperation's region writes; its steering group reads everything; the contact
person of a participating municipality sees the key and, of released allocations only, the share
of their own municipality with its explanation — never a draft. Everybody else (members, project
leads, other regions) does not see the cooperation's money at all (404).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.cooperation.models import Cooperation, Participant, ParticipantStatus
from ikz.costs.models import Allocation, AllocationShare, AllocationStatus, GrantProgramme
from ikz.municipalities.models import Region


@dataclass(frozen=True)
class View:
    """What one person may see of one cooperation's money."""

    full: bool  # office or steering of the region: everything, drafts included
    writes: bool  # office of the region
    own: frozenset[int]  # municipality ids whose shares a contact sees (empty for full viewers)


def view_of(user: Any, cooperation: Cooperation) -> View | None:
    roles = roles_of(user)
    if not roles.authenticated:
        return None
    if roles.sees_region_fully(cooperation.region_id):
        return View(full=True, writes=roles.is_office_of(cooperation.region_id), own=frozenset())
    if roles.contact_municipalities:
        own = frozenset(
            cooperation.participants.filter(
                municipality_id__in=roles.contact_municipalities, status=ParticipantStatus.EXISTS
            ).values_list("municipality_id", flat=True)
        )
        if own:
            return View(full=False, writes=False, own=own)
    return None


def get_cooperation_for(
    user: Any, pk: int, *, write: bool = False, full: bool = False
) -> tuple[Cooperation, View]:
    """The cooperation and the user's view of its money; 404 if invisible, 403 if not writable.

    ``full``: a page only the region's office and steering group see (grants, savings, staffing)."""
    try:
        cooperation = Cooperation.objects.select_related("region", "field").get(pk=pk)
    except Cooperation.DoesNotExist as exc:
        raise Http404 from exc
    view = view_of(user, cooperation)
    if view is None or (full and not view.full):
        raise Http404
    if write and not view.writes:
        raise PermissionDenied(_("Kosten und Umlagen ändert nur die Geschäftsstelle der Region."))
    return cooperation, view


def allocations_for(view: View, cooperation: Cooperation) -> QuerySet[Allocation]:
    allocations = Allocation.objects.filter(cooperation=cooperation)
    if not view.full:
        allocations = allocations.exclude(status=AllocationStatus.DRAFT)
    return allocations


def shares_in(view: View) -> QuerySet[AllocationShare]:
    """The shares of one cooperation's allocations this view shows (all, or the own ones)."""
    if view.full:
        return AllocationShare.objects.all()
    return AllocationShare.objects.filter(municipality_id__in=view.own)


def shares_for(view: View, allocation: Allocation) -> QuerySet[AllocationShare]:
    return shares_in(view).filter(allocation=allocation).select_related("municipality")


def allocations_visible_to(user: Any) -> QuerySet[Allocation]:
    """Allocations of every cooperation the user may see (the rule of :func:`view_of`): all of the
    regions the user runs or steers, and the released ones where the user's municipality takes part."""
    roles = roles_of(user)
    if not roles.authenticated:
        return Allocation.objects.none()
    if roles.office_global:
        return Allocation.objects.all()
    condition = Q(cooperation__region_id__in=roles.office_regions | roles.steering_regions)
    if roles.contact_municipalities:
        taking_part = Participant.objects.filter(
            municipality_id__in=roles.contact_municipalities, status=ParticipantStatus.EXISTS
        ).values("cooperation_id")
        condition |= Q(cooperation_id__in=taking_part) & ~Q(status=AllocationStatus.DRAFT)
    return Allocation.objects.filter(condition)


def shares_visible_to(user: Any) -> QuerySet[AllocationShare]:
    """Shares across cooperations (the rule of :func:`shares_in`): every share where the user sees
    the cooperation's money fully, otherwise those of the user's participating municipalities."""
    roles = roles_of(user)
    if roles.office_global:
        return AllocationShare.objects.all()
    own = Exists(
        Participant.objects.filter(
            cooperation_id=OuterRef("allocation__cooperation_id"),
            municipality_id=OuterRef("municipality_id"),
            status=ParticipantStatus.EXISTS,
        )
    )
    full = Q(allocation__cooperation__region_id__in=roles.office_regions | roles.steering_regions)
    if not roles.contact_municipalities:
        return AllocationShare.objects.filter(full)
    return AllocationShare.objects.filter(full | (Q(municipality_id__in=roles.contact_municipalities) & own))


def get_allocation_for(user: Any, pk: int, *, write: bool = False) -> tuple[Allocation, View]:
    try:
        allocation = Allocation.objects.select_related("cooperation__region").get(pk=pk)
    except Allocation.DoesNotExist as exc:
        raise Http404 from exc
    view = view_of(user, allocation.cooperation)
    if view is None or (allocation.is_draft and not view.full):
        raise Http404
    if write and not view.writes:
        raise PermissionDenied(_("Kosten und Umlagen ändert nur die Geschäftsstelle der Region."))
    return allocation, view


def get_region_for(user: Any, slug: str) -> Region:
    """A region whose savings overview the user sees (its office and steering group), else 404."""
    try:
        region = Region.objects.get(slug=slug)
    except Region.DoesNotExist as exc:
        raise Http404 from exc
    if not roles_of(user).sees_region_fully(region.pk):
        raise Http404
    return region


def can_see_region_costs(user: Any, region: Region) -> bool:
    return roles_of(user).sees_region_fully(region.pk)


# --- grant programmes (decision 119) ---------------------------------------------------------------


def can_manage_programmes(user: Any) -> bool:
    """Programmes are kept for every region at once: the platform-wide office."""
    return roles_of(user).office_global


def programmes_for(user: Any) -> QuerySet[GrantProgramme]:
    """The programme list: every office and steering group (they check grants with it); others 403."""
    roles = roles_of(user)
    if not (roles.is_office or roles.is_steering):
        raise PermissionDenied(_("Förderprogramme sehen die Geschäftsstellen und die Lenkungsgruppen."))
    return GrantProgramme.objects.all()


def require_programme_office(user: Any) -> None:
    if not can_manage_programmes(user):
        raise PermissionDenied(
            _("Förderprogramme gelten für alle Regionen; sie pflegt die plattformweite Geschäftsstelle.")
        )


def get_programme_for(user: Any, pk: int) -> GrantProgramme:
    """A programme to change or retire: the platform-wide office (others 403), unknown 404."""
    require_programme_office(user)
    try:
        return GrantProgramme.objects.get(pk=pk)
    except GrantProgramme.DoesNotExist as exc:
        raise Http404 from exc
