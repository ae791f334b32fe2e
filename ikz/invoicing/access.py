"""Who may see and change the cooperative's invoices: the cooperative's office (the platform-wide
office role) does everything; a member contact sees its own organisation's invoices and downloads
them, others' are 404 for it; everybody else sees nothing (lists 403, objects 404)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.invoicing.models import Invoice
from ikz.membership import access as membership_access
from ikz.membership.models import Cooperative, Member


def cooperative_for(user: Any) -> Cooperative:
    """The cooperative for its office's invoice pages; others 403 with the reason."""
    if not membership_access.is_office(user):
        raise PermissionDenied(_("Rechnungen der Genossenschaft stellt nur das Team der Genossenschaft aus."))
    return membership_access.get_cooperative_for(user)


def listed_invoices_for(user: Any) -> tuple[Cooperative, QuerySet[Invoice]]:
    """The invoice list: the office sees every invoice of the cooperative, a member contact its own
    organisation's; others 403 with the reason."""
    membership_access.require_member_area(user)
    cooperative = membership_access.get_cooperative_for(user, members=True)
    return cooperative, invoices_for(user).filter(cooperative=cooperative)


def invoices_for(user: Any) -> QuerySet[Invoice]:
    if membership_access.is_office(user):
        return Invoice.objects.all()
    return Invoice.objects.filter(member__municipality_id__in=membership_access.own_ids(user))


def get_invoice_for(user: Any, pk: int, *, write: bool = False) -> Invoice:
    try:
        invoice = invoices_for(user).select_related("member", "cooperative", "order", "cancels").get(pk=pk)
    except Invoice.DoesNotExist as exc:
        raise Http404 from exc
    if write and not membership_access.is_office(user):
        raise PermissionDenied(_("Stornieren kann eine Rechnung nur das Team der Genossenschaft."))
    return invoice


def get_member_for(user: Any, pk: int) -> Member:
    """A member whose billing data the office edits."""
    cooperative = cooperative_for(user)
    try:
        return Member.objects.get(pk=pk, cooperative=cooperative)
    except Member.DoesNotExist as exc:
        raise Http404 from exc


def can_manage(user: Any) -> bool:
    return bool(membership_access.is_office(user))
