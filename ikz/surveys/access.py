"""Who sees which answers: the office all, the steering group submitted ones, a contact their own
municipality's (draft or submitted). Anyone else gets 404 — they do not learn that a draft exists."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.municipalities.models import Municipality, Region, RegionMember
from ikz.surveys.models import Campaign, Response, ResponseStatus


def campaigns_for(user: Any) -> QuerySet[Campaign]:
    if not roles_of(user).authenticated:
        return Campaign.objects.none()
    return Campaign.objects.select_related("region")


def get_campaign_for(user: Any, pk: int, *, write: bool = False) -> Campaign:
    try:
        campaign = campaigns_for(user).get(pk=pk)
    except Campaign.DoesNotExist as exc:
        raise Http404 from exc
    if write and not roles_of(user).is_office_of(campaign.region_id):
        raise PermissionDenied(
            _("Bestandsaufnahmen ändert nur die Geschäftsstelle der Region „%s“.") % campaign.region
        )
    return campaign


def can_manage_campaign(user: Any, campaign: Campaign) -> bool:
    """The office of the campaign's region: edits it, its variants, tracks and reopens responses."""
    return roles_of(user).is_office_of(campaign.region_id)


def can_create_campaign(user: Any, region: Region) -> bool:
    return roles_of(user).is_office_of(region.pk)


def can_see_submitted(user: Any, campaign: Campaign) -> bool:
    """The list of submitted responses: the region's office and steering group."""
    return roles_of(user).sees_region_fully(campaign.region_id)


def answerable_municipalities(user: Any, campaign: Campaign) -> list[Municipality]:
    """Members of the campaign's region this user answers for (a contact: their own)."""
    own = roles_of(user).contact_municipalities
    return [
        m.municipality
        for m in RegionMember.objects.filter(region=campaign.region, municipality__in=own).select_related(
            "municipality"
        )
    ]


def get_member(campaign: Campaign, municipality_pk: int) -> Municipality:
    member = (
        RegionMember.objects.filter(region=campaign.region, municipality_id=municipality_pk)
        .select_related("municipality")
        .first()
    )
    if member is None:
        raise Http404
    return member.municipality


def can_read_response(
    user: Any, campaign: Campaign, municipality: Municipality, response: Response | None
) -> bool:
    roles = roles_of(user)
    if roles.is_office_of(campaign.region_id) or municipality.pk in roles.contact_municipalities:
        return True
    return (
        campaign.region_id in roles.steering_regions
        and response is not None
        and response.status == ResponseStatus.SUBMITTED
    )


def answering_ids(user: Any) -> frozenset[int]:
    """The municipalities the person answers for as their contact (``?offen=1`` of the list)."""
    return roles_of(user).contact_municipalities


def can_answer(user: Any, campaign: Campaign, municipality: Municipality) -> bool:
    roles = roles_of(user)
    return roles.is_office_of(campaign.region_id) or municipality.pk in roles.contact_municipalities


def responses_for(user: Any) -> QuerySet[Response]:
    """Answers the user may read across campaigns (the same rule as :func:`can_read_response`)."""
    from django.db.models import Q

    roles = roles_of(user)
    if not roles.authenticated:
        return Response.objects.none()
    if roles.office_global:
        return Response.objects.all()
    condition = (
        Q(campaign__region_id__in=roles.office_regions)
        | Q(municipality_id__in=roles.contact_municipalities)
        | Q(campaign__region_id__in=roles.steering_regions, status=ResponseStatus.SUBMITTED)
    )
    return Response.objects.filter(condition)
