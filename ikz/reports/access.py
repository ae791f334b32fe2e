"""Who may see the annual report of a region: the office and the steering group of the region and
the contacts of its members (each sees the cover draft of their own municipality only); everybody
else gets 404. Filing the report in the library: the region's office."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.municipalities.access import get_region_for
from ikz.municipalities.models import Region, RegionMember
from ikz.projects import access as project_access


def get_report_region_for(user: Any, slug: str, year: int) -> Region:
    """The region whose report of ``year`` the user may read (404 otherwise, and for odd years)."""
    region = get_region_for(user, slug)
    if not (roles_of(user).sees_region_fully(region.pk) or project_access.contact_sees_region(user, region)):
        raise Http404
    if not 1990 <= year <= 2100:
        raise Http404
    return region


def can_store_report(user: Any, region: Region) -> bool:
    return roles_of(user).is_office_of(region.pk)


def cover_members_for(user: Any, region: Region) -> list[RegionMember]:
    """The members whose cover draft the user may prepare: all for office and steering group, the
    own municipalities for a contact (one query)."""
    members = list(
        RegionMember.objects.filter(region=region).select_related("municipality").order_by("position")
    )
    roles = roles_of(user)
    if roles.sees_region_fully(region.pk):
        return members
    return [m for m in members if m.municipality_id in roles.contact_municipalities]


def get_cover_member_for(user: Any, region: Region, municipality_id: int) -> RegionMember:
    """A member of ``region`` (404 otherwise) whose cover draft the user may prepare (403 otherwise)."""
    try:
        member = RegionMember.objects.select_related("municipality").get(
            region=region, municipality_id=municipality_id
        )
    except RegionMember.DoesNotExist as exc:
        raise Http404 from exc
    roles = roles_of(user)
    if not (roles.sees_region_fully(region.pk) or municipality_id in roles.contact_municipalities):
        raise PermissionDenied(
            _("Den Bericht einer Kommune sehen ihre Kontaktperson, Geschäftsstelle und Lenkungsgruppe.")
        )
    return member
