"""Who may see and change what in the cooperative's part.

The cooperative's office is the platform-wide office role (an office role without a region): it
sees and does everything here. A member contact (role "Mitglied", bound to an organisation) sees
only its own organisation's onboarding, register entry, requests, offers and orders; other
organisations' objects are 404 for it. Everyone else — contacts of IKZ regions, the steering group,
project leads, a region's office — sees nothing here (lists 403, objects 404) unless they also hold
the member role.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.membership import queries
from ikz.membership.models import (
    Cooperative,
    GeneratedDocument,
    Member,
    Onboarding,
    OnboardingStatus,
    Service,
    ServiceRequest,
)
from ikz.municipalities.models import Municipality


def is_office(user: Any) -> bool:
    return roles_of(user).office_global


def own_ids(user: Any) -> frozenset[int]:
    return roles_of(user).member_municipalities


def require_office(user: Any) -> None:
    if not is_office(user):
        raise PermissionDenied(
            _("Diese Seite der Genossenschaft ist dem Team der Genossenschaft vorbehalten.")
        )


def require_member_area(user: Any) -> None:
    """Catalogue and commission list: the office and member contacts."""
    if not (is_office(user) or own_ids(user)):
        raise PermissionDenied(
            _("Leistungskatalog und Aufträge sehen das Team der Genossenschaft und ihre Mitglieder.")
        )


def can_manage(user: Any) -> bool:
    """The cooperative's office: sees every organisation's entries and changes them."""
    return is_office(user)


def get_cooperative_for(user: Any, *, members: bool = False) -> Cooperative:
    """The cooperative for its office's pages (pipeline, register, templates, turnover) or, with
    ``members``, for the pages member contacts use too (catalogue, new request); others 403, and
    404 when no cooperative is set up."""
    if members:
        require_member_area(user)
    else:
        require_office(user)
    try:
        return queries.current_cooperative()
    except Cooperative.DoesNotExist as exc:
        raise Http404(_("Es ist keine Genossenschaft angelegt.")) from exc


def member_requests_for(user: Any) -> QuerySet[ServiceRequest]:
    """The request list: the office (all) and member contacts (their own); others 403."""
    require_member_area(user)
    return requests_for(user)


def own_members_for(user: Any, cooperative: Cooperative) -> QuerySet[Member]:
    """The register entries of the person's own organisations (as member contact)."""
    return Member.objects.filter(cooperative=cooperative, municipality_id__in=own_ids(user))


def own_onboardings_for(user: Any, cooperative: Cooperative) -> QuerySet[Onboarding]:
    """The running onboardings of the person's own organisations (as member contact)."""
    return Onboarding.objects.filter(
        cooperative=cooperative, municipality_id__in=own_ids(user), status=OnboardingStatus.ACTIVE
    ).select_related("municipality")


def requesting_members_for(user: Any, cooperative: Cooperative) -> QuerySet[Member] | None:
    """The members the office may place a request for when it has no organisation of its own
    (None: the request is placed for the person's own organisation)."""
    if is_office(user) and not own_ids(user):
        return Member.objects.filter(cooperative=cooperative, exit_on__isnull=True)
    return None


def own_unit_for(user: Any) -> Municipality:
    """The organisation a member contact places a request for (the first of its own)."""
    return Municipality.objects.get(pk=sorted(own_ids(user))[0])


def onboardings_for(user: Any) -> QuerySet[Onboarding]:
    if is_office(user):
        return Onboarding.objects.all()
    return Onboarding.objects.filter(municipality_id__in=own_ids(user))


def members_for(user: Any) -> QuerySet[Member]:
    if is_office(user):
        return Member.objects.all()
    return Member.objects.filter(municipality_id__in=own_ids(user))


def requests_for(user: Any) -> QuerySet[ServiceRequest]:
    if is_office(user):
        return ServiceRequest.objects.all()
    return ServiceRequest.objects.filter(member__municipality_id__in=own_ids(user))


def _get(queryset: QuerySet[Any], pk: int, user: Any, write: bool) -> Any:
    try:
        obj = queryset.get(pk=pk)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
    if write and not is_office(user):
        raise PermissionDenied(_("Ändern kann das nur das Team der Genossenschaft."))
    return obj


def get_onboarding_for(user: Any, pk: int, *, write: bool = False) -> Onboarding:
    qs = onboardings_for(user).select_related(
        "cooperative", "municipality__current_population", "municipality__parent", "municipality__kreis"
    )
    onboarding: Onboarding = _get(qs, pk, user, write)
    return onboarding


def get_member_for(user: Any, pk: int, *, write: bool = False) -> Member:
    member: Member = _get(members_for(user).select_related("cooperative", "municipality"), pk, user, write)
    return member


def get_request_for(user: Any, pk: int, *, write: bool = False) -> ServiceRequest:
    """``write``: the office (offers). Deciding on an offer is :func:`can_decide`."""
    qs = requests_for(user).select_related("member", "service", "cooperative")
    request: ServiceRequest = _get(qs, pk, user, write)
    return request


def can_decide(user: Any, request: ServiceRequest) -> bool:
    """Accept or decline an offer: the member's own contact (the office does not decide for it)."""
    return request.member.municipality_id in own_ids(user)


def get_service_for(user: Any, pk: int) -> Service:
    """A service of the catalogue, to change or retire: the cooperative's team only (others 403)."""
    require_office(user)
    try:
        return Service.objects.select_related("cooperative").get(pk=pk)
    except Service.DoesNotExist as exc:
        raise Http404 from exc


def get_document_for(user: Any, pk: int) -> GeneratedDocument:
    try:
        return GeneratedDocument.objects.select_related("onboarding").get(
            pk=pk, onboarding__in=onboardings_for(user)
        )
    except GeneratedDocument.DoesNotExist as exc:
        raise Http404 from exc
