"""Who may see and change the cooperative's organs and general assemblies: its office (the
platform-wide office role), as on every page of the cooperative. Everybody else is refused with the
reason (lists 403, objects 404 behind the 403 of the list)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.governance.models import AgendaItem, Assembly, OrganSeat
from ikz.membership.models import Cooperative
from ikz.membership.queries import current_cooperative


def can_manage(user: Any) -> bool:
    return roles_of(user).office_global


def require_office(user: Any) -> None:
    if not can_manage(user):
        raise PermissionDenied(
            _("Organe und Generalversammlung der Genossenschaft pflegt das Team der Genossenschaft.")
        )


def get_cooperative_for(user: Any) -> Cooperative:
    require_office(user)
    try:
        return current_cooperative()
    except Cooperative.DoesNotExist as exc:
        raise Http404(_("Es ist keine Genossenschaft angelegt.")) from exc


def get_assembly_for(user: Any, pk: int) -> Assembly:
    require_office(user)
    return get_object_or_404(Assembly.objects.select_related("cooperative", "board_signatory"), pk=pk)


def get_item_for(user: Any, assembly: Assembly, pk: int) -> AgendaItem:
    require_office(user)
    return get_object_or_404(AgendaItem, assembly=assembly, pk=pk)


def get_seat_for(user: Any, pk: int) -> OrganSeat:
    require_office(user)
    return get_object_or_404(OrganSeat, pk=pk)
