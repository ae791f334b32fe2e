"""Who may see and change what in this app (web pages and, later, the API).

A call (its title, deadline and topics) is visible to everyone logged in; the office of its
region edits it. A declaration is seen by the contact of its municipality and by the office;
the steering group sees submitted ones only; everyone else gets 404. Results (ranking, drill-down,
exports) name municipalities: office and steering only.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.interests.models import Declaration, DeclarationStatus, InterestCall, Topic
from ikz.municipalities.models import Municipality, Region, RegionMember


def calls_for(user: Any) -> QuerySet[InterestCall]:
    if not roles_of(user).authenticated:
        return InterestCall.objects.none()
    return InterestCall.objects.all()


def answering_ids(user: Any) -> frozenset[int]:
    """The municipalities the person answers for as their contact (``?offen=1`` of the list)."""
    return roles_of(user).contact_municipalities


def can_create_call(user: Any, region: Region) -> bool:
    """Calls of ``region`` are started by its office (or the platform-wide office)."""
    return roles_of(user).is_office_of(region.pk)


def can_manage_call(user: Any, call: InterestCall) -> bool:
    return roles_of(user).is_office_of(call.region_id)


def can_see_results(user: Any, call: InterestCall) -> bool:
    return roles_of(user).sees_region_fully(call.region_id)


def get_call_for(user: Any, pk: int, *, write: bool = False, results: bool = False) -> InterestCall:
    try:
        call = calls_for(user).select_related("region").get(pk=pk)
    except InterestCall.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_manage_call(user, call):
        raise PermissionDenied(_("Aufrufe ändert nur die Geschäftsstelle der Region „%s“.") % call.region)
    if results and not can_see_results(user, call):
        raise PermissionDenied(
            _("Die Auswertung des Aufrufs sehen die Geschäftsstelle und die Lenkungsgruppe der Region.")
        )
    return call


def get_topic_for(user: Any, call: InterestCall, pk: int) -> Topic:
    try:
        return call.topics.select_related("task_area", "field").get(pk=pk)
    except Topic.DoesNotExist as exc:
        raise Http404 from exc


def sees_declaration(user: Any, call: InterestCall, declaration: Declaration) -> bool:
    """In the call's response list: the office sees every declaration, the steering group (and
    anybody else who sees the results) the submitted ones only."""
    return can_manage_call(user, call) or declaration.status == DeclarationStatus.SUBMITTED


def can_answer_for(user: Any, call: InterestCall, municipality_id: int) -> bool:
    """Office of the region, or the contact of that municipality."""
    roles = roles_of(user)
    return roles.is_office_of(call.region_id) or municipality_id in roles.contact_municipalities


def answerable_municipalities(user: Any, call: InterestCall) -> list[Municipality]:
    """The region's members this user answers for as contact (the office uses the response list)."""
    members = RegionMember.objects.filter(
        region_id=call.region_id, municipality_id__in=roles_of(user).contact_municipalities
    ).select_related("municipality")
    return [m.municipality for m in members.order_by("position")]


def get_declaration_for(
    user: Any, call: InterestCall, municipality_id: int, *, write: bool = False
) -> tuple[Municipality, Declaration | None]:
    """The municipality and its declaration (``None`` if none yet) as far as ``user`` may see them.

    Not a member of the region, or not visible to the user → 404; visible read-only (steering on a
    submitted one) but ``write`` → 403."""
    try:
        municipality = Municipality.objects.get(
            pk=municipality_id, region_memberships__region_id=call.region_id
        )
    except Municipality.DoesNotExist as exc:
        raise Http404 from exc
    declaration = Declaration.objects.filter(call=call, municipality=municipality).first()
    if can_answer_for(user, call, municipality.pk):
        return municipality, declaration
    roles = roles_of(user)
    submitted = declaration is not None and declaration.status == DeclarationStatus.SUBMITTED
    if roles.sees_region_fully(call.region_id) and submitted:
        if write:
            raise PermissionDenied(
                _("Die Bekundung ist abgegeben; ändern kann sie nur die Kontaktperson der Kommune.")
            )
        return municipality, declaration
    raise Http404


def declarations_for(user: Any) -> QuerySet[Declaration]:
    """Declarations the user may read across calls (the rule of :func:`get_declaration_for`)."""
    from django.db.models import Q

    roles = roles_of(user)
    if not roles.authenticated:
        return Declaration.objects.none()
    if roles.office_global:
        return Declaration.objects.all()
    condition = (
        Q(call__region_id__in=roles.office_regions)
        | Q(municipality_id__in=roles.contact_municipalities)
        | Q(call__region_id__in=roles.steering_regions, status=DeclarationStatus.SUBMITTED)
    )
    return Declaration.objects.filter(condition)
