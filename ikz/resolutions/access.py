"""Who may see and change what in this app (web pages and, later, the API).

Resolutions are public acts: everyone logged in reads them and the overviews. The office of a
region in which the municipality is a member (or the platform-wide office) edits them; a contact
edits those of their own municipality; everyone else who can see them gets 403 on edit.
The model council draft is prepared by the office and the municipality's contact; the steering
group may download it too.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.municipalities.models import Municipality, Region, RegionMember
from ikz.resolutions.models import Resolution


def resolutions_for(user: Any) -> QuerySet[Resolution]:
    if not roles_of(user).authenticated:
        return Resolution.objects.none()
    return Resolution.objects.all()


def contact_ids(user: Any) -> frozenset[int]:
    """The municipalities whose resolutions the person records as their contact."""
    return roles_of(user).contact_municipalities


def can_edit_for(user: Any, municipality_id: int) -> bool:
    roles = roles_of(user)
    if roles.office_global or municipality_id in roles.contact_municipalities:
        return True
    return (
        bool(roles.office_regions)
        and RegionMember.objects.filter(
            region_id__in=roles.office_regions, municipality_id=municipality_id
        ).exists()
    )


def can_draft_for(user: Any, region: Region, municipality_id: int) -> bool:
    roles = roles_of(user)
    return roles.sees_region_fully(region.pk) or municipality_id in roles.contact_municipalities


def draftable_ids(user: Any, region: Region, municipalities: list[Municipality]) -> set[int]:
    """Ids of ``municipalities`` whose council draft the user may prepare (:func:`can_draft_for`)."""
    roles = roles_of(user)
    ids = {m.pk for m in municipalities}
    if roles.sees_region_fully(region.pk):
        return ids
    return ids & roles.contact_municipalities


def get_resolution_for(user: Any, pk: int, *, write: bool = False) -> Resolution:
    try:
        resolution = resolutions_for(user).select_related("municipality").get(pk=pk)
    except Resolution.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit_for(user, resolution.municipality_id):
        raise PermissionDenied(
            _("Beschlüsse einer Kommune erfassen ihre Kontaktperson und die Geschäftsstelle.")
        )
    return resolution


def get_member_for(user: Any, region: Region, municipality_id: int, *, write: bool = False) -> RegionMember:
    """A member of ``region`` (404 otherwise); ``write``: the user must be allowed to edit (403)."""
    try:
        member = RegionMember.objects.select_related("municipality").get(
            region=region, municipality_id=municipality_id
        )
    except RegionMember.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit_for(user, municipality_id):
        raise PermissionDenied(
            _("Beschlüsse einer Kommune erfassen ihre Kontaktperson und die Geschäftsstelle.")
        )
    return member


def editable_ids(user: Any, municipalities: list[Municipality]) -> set[int]:
    """Ids of ``municipalities`` the user may edit (one query at most)."""
    roles = roles_of(user)
    ids = {m.pk for m in municipalities}
    if roles.office_global:
        return ids
    allowed = ids & set(roles.contact_municipalities)
    if roles.office_regions:
        allowed |= set(
            RegionMember.objects.filter(
                region_id__in=roles.office_regions, municipality_id__in=ids
            ).values_list("municipality_id", flat=True)
        )
    return allowed


def can_view_history(user: Any, municipality_id: int) -> bool:
    """Office and contact (as for editing), and the steering group of a region with this member."""
    if can_edit_for(user, municipality_id):
        return True
    roles = roles_of(user)
    return (
        bool(roles.steering_regions)
        and RegionMember.objects.filter(
            region_id__in=roles.steering_regions, municipality_id=municipality_id
        ).exists()
    )


def can_import_for(user: Any, region: Region) -> bool:
    """Importing the members' resolutions from a file: the office of the region."""
    return roles_of(user).is_office_of(region.pk)


def get_region_for_import(user: Any, pk: int, *, write: bool = True) -> Region:
    """A region whose members' resolutions are imported (404 when unknown or not logged in); only
    its office (or the platform-wide office) imports: the import writes for every member (403)."""
    roles = roles_of(user)
    region = Region.objects.filter(pk=pk).first() if roles.authenticated else None
    if region is None:
        raise Http404
    if write and not can_import_for(user, region):
        raise PermissionDenied(_("Beschlüsse einer Region importiert nur die Geschäftsstelle der Region."))
    return region


def can_draft_all(user: Any, region: Region) -> bool:
    """Council drafts for every member at once (a background job, decision 168): the region's office."""
    return roles_of(user).is_office_of(region.pk)


def check_draft_all(user: Any, region: Region) -> None:
    if not can_draft_all(user, region):
        raise PermissionDenied(
            _("Gremienvorlagen für alle Kommunen einer Region erzeugt nur die Geschäftsstelle der Region.")
        )
