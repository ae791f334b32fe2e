"""The reuse network is shared by everyone logged in (municipalities and cooperative members
learn from each other); anonymous visitors see nothing of it. An entry is changed by the office
and by the contacts and members of its owner."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.accounts.models import Role, RoleAssignment
from ikz.documents.access import documents_for
from ikz.documents.models import Document
from ikz.municipalities.models import Municipality
from ikz.network.models import Need, Solution


def solutions_for(user: Any) -> QuerySet[Solution]:
    return Solution.objects.all() if roles_of(user).authenticated else Solution.objects.none()


def needs_for(user: Any) -> QuerySet[Need]:
    return Need.objects.all() if roles_of(user).authenticated else Need.objects.none()


def own_municipality_ids(user: Any) -> frozenset[int]:
    roles = roles_of(user)
    return roles.contact_municipalities | roles.member_municipalities


def can_publish(user: Any) -> bool:
    roles = roles_of(user)
    return roles.is_office or bool(own_municipality_ids(user))


def owner_choices(user: Any) -> QuerySet[Municipality]:
    if roles_of(user).is_office:
        members = RoleAssignment.objects.filter(role=Role.MEMBER).values("municipality_id")
        return (
            Municipality.objects.filter(
                Q(region_memberships__isnull=False) | Q(pk__in=members) | Q(solutions__isnull=False)
            )
            .distinct()
            .order_by("name")
        )
    return Municipality.objects.filter(pk__in=own_municipality_ids(user)).order_by("name")


def can_edit(user: Any, entry: Solution | Need) -> bool:
    return roles_of(user).is_office or entry.owner_id in own_municipality_ids(user)


def get_solution_for(user: Any, pk: int, *, write: bool = False) -> Solution:
    try:
        solution = solutions_for(user).select_related("field", "owner").get(pk=pk)
    except Solution.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit(user, solution):
        raise PermissionDenied(
            _("Eine Lösung ändern die Kommune, die sie eingetragen hat, und die Geschäftsstelle.")
        )
    return solution


def get_need_for(user: Any, pk: int, *, write: bool = False) -> Need:
    try:
        need = needs_for(user).select_related("field", "owner").get(pk=pk)
    except Need.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit(user, need):
        raise PermissionDenied(
            _("Einen Bedarf ändern die Kommune, die ihn eingetragen hat, und die Geschäftsstelle.")
        )
    return need


def allowed_owners(user: Any) -> list[int] | None:
    """Owners a person may publish for: ``None`` (any) for the office."""
    return None if roles_of(user).is_office else sorted(own_municipality_ids(user))


def can_declare_interest(user: Any) -> bool:
    """Interest in reusing a solution is declared for a municipality the person may speak for."""
    return bool(owner_choices(user).exists())


def visible_material(user: Any, solution: Solution) -> QuerySet[Document]:
    """The documents attached to a solution that the person may read."""
    return solution.material.filter(pk__in=documents_for(user).values("pk"))
