"""Who sees and changes the Fördermitteldatenbank (decision 212).

Programmes and calls: every logged-in person of a participating region reads them (the offices,
the steering groups, the contact persons and members of the municipalities, project leads); the
office of a region adds programmes and calls, and changes those its region keeps (programmes
without a region: the platform-wide office). Applications: the office and steering group of the
application's region and the contact persons of its municipalities read them; the office writes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.cooperation.models import Cooperation
from ikz.funding.models import Application, Call, Obligation, Programme
from ikz.municipalities.models import Municipality, Region

NOT_OFFICE = _("Förderprogramme und Aufrufe pflegt die Geschäftsstelle einer Region.")
NOT_OWNER = _("Dieses Förderprogramm pflegt die Geschäftsstelle einer anderen Region.")
NOT_APPLICATION_OFFICE = _("Förderanträge bearbeitet die Geschäftsstelle der Region des Antrags.")


def reads_programmes(user: Any) -> bool:
    roles = roles_of(user)
    return roles.authenticated


def can_add_programmes(user: Any) -> bool:
    return roles_of(user).is_office


def can_edit_programme(user: Any, programme: Programme) -> bool:
    roles = roles_of(user)
    if programme.region_id is None:
        return roles.office_global
    return roles.is_office_of(programme.region_id)


def keeps_platform_programmes(user: Any) -> bool:
    """The platform-wide office keeps programmes without a region; a region's office keeps its own."""
    return roles_of(user).office_global


def check_add_programmes(user: Any) -> None:
    if not can_add_programmes(user):
        raise PermissionDenied(NOT_OFFICE)


def programmes_for(user: Any) -> QuerySet[Programme]:
    if not reads_programmes(user):
        return Programme.objects.none()
    return Programme.objects.all()


def get_programme_for(user: Any, pk: int, *, write: bool = False) -> Programme:
    try:
        programme = programmes_for(user).get(pk=pk)
    except Programme.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit_programme(user, programme):
        raise PermissionDenied(NOT_OWNER if can_add_programmes(user) else NOT_OFFICE)
    return programme


def get_call_for(user: Any, pk: int, *, write: bool = False) -> Call:
    try:
        call = Call.objects.select_related("programme").get(pk=pk, programme__in=programmes_for(user))
    except Call.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit_programme(user, call.programme):
        raise PermissionDenied(NOT_OWNER if can_add_programmes(user) else NOT_OFFICE)
    return call


def writable_regions(user: Any) -> QuerySet[Region]:
    """The regions for which the person keeps programmes and applications."""
    roles = roles_of(user)
    regions = Region.objects.order_by("name")
    return regions if roles.office_global else regions.filter(pk__in=roles.office_regions)


def get_import_region_for(user: Any, pk: int, *, write: bool = True) -> Region:
    try:
        region = Region.objects.get(pk=pk)
    except Region.DoesNotExist as exc:
        raise Http404 from exc
    if not roles_of(user).is_office_of(region.pk):
        raise PermissionDenied(NOT_OFFICE)
    return region


# --- applications ----------------------------------------------------------------------------------


def applications_for(user: Any) -> QuerySet[Application]:
    roles = roles_of(user)
    if not roles.authenticated:
        return Application.objects.none()
    if roles.office_global:
        return Application.objects.all()
    regions = roles.office_regions | roles.steering_regions
    own = roles.contact_municipalities
    return Application.objects.filter(
        Q(region__in=regions) | Q(lead__in=own) | Q(partners__municipality__in=own)
    ).distinct()


def can_write_application(user: Any, application: Application) -> bool:
    return roles_of(user).is_office_of(application.region_id)


def get_application_for(user: Any, pk: int, *, write: bool = False) -> Application:
    try:
        application = (
            applications_for(user).select_related("programme", "call", "lead", "region", "project").get(pk=pk)
        )
    except Application.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_write_application(user, application):
        raise PermissionDenied(NOT_APPLICATION_OFFICE)
    return application


def get_obligation_for(user: Any, pk: int, *, write: bool = False) -> Obligation:
    try:
        obligation = Obligation.objects.select_related("application").get(pk=pk)
    except Obligation.DoesNotExist as exc:
        raise Http404 from exc
    get_application_for(user, obligation.application_id, write=write)
    return obligation


def check_create_application(user: Any, programme: Programme) -> None:
    if not roles_of(user).is_office:
        raise PermissionDenied(NOT_APPLICATION_OFFICE)


# --- what a person may match ----------------------------------------------------------------------


def municipalities_for_matching(user: Any) -> QuerySet[Municipality]:
    """The municipalities whose matches the person sees: the members of their regions, their own."""
    roles = roles_of(user)
    if roles.office_global:
        return Municipality.objects.all()
    regions = roles.office_regions | roles.steering_regions
    own = roles.contact_municipalities | roles.member_municipalities
    return Municipality.objects.filter(Q(region_memberships__region__in=regions) | Q(pk__in=own)).distinct()


def own_municipalities(user: Any) -> QuerySet[Municipality]:
    """The person's own municipalities (contact, member): shortcuts to their matches."""
    roles = roles_of(user)
    return Municipality.objects.filter(
        pk__in=roles.contact_municipalities | roles.member_municipalities
    ).order_by("name")


def get_municipality_for(user: Any, pk: int) -> Municipality:
    try:
        return municipalities_for_matching(user).get(pk=pk)
    except Municipality.DoesNotExist as exc:
        raise Http404 from exc


def get_cooperation_for(user: Any, pk: int) -> Cooperation:
    """A cooperation whose matches the person sees: office and steering group of its region, the
    contact persons of its participating municipalities."""
    roles = roles_of(user)
    regions = roles.office_regions | roles.steering_regions
    visible = Cooperation.objects.select_related("field")
    if not roles.office_global:
        visible = visible.filter(
            Q(region__in=regions) | Q(participants__municipality__in=roles.contact_municipalities)
        ).distinct()
    try:
        return visible.get(pk=pk)
    except Cooperation.DoesNotExist as exc:
        raise Http404 from exc


def partner_choices(application: Application) -> QuerySet[Municipality]:
    """The municipalities that may join a group application: the members of its region."""
    return Municipality.objects.filter(region_memberships__region=application.region_id).order_by("name")
