"""Task areas and fields are visible to everyone logged in; only the office edits them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
from ikz.municipalities.models import Region


def task_areas_for(user: Any) -> QuerySet[TaskArea]:
    if not roles_of(user).authenticated:
        return TaskArea.objects.none()
    return TaskArea.objects.all()


def can_edit_catalogue(user: Any) -> bool:
    return roles_of(user).is_office


def get_task_area_for(user: Any, pk: int, *, write: bool = False) -> TaskArea:
    try:
        area = task_areas_for(user).get(pk=pk)
    except TaskArea.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit_catalogue(user):
        raise PermissionDenied(_("Aufgabengebiete und Kooperationsfelder pflegt die Geschäftsstelle."))
    return area


def get_field_for(user: Any, pk: int, *, write: bool = False) -> CooperationField:
    try:
        field = CooperationField.objects.select_related("task_area").get(
            pk=pk, task_area__in=task_areas_for(user)
        )
    except CooperationField.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit_catalogue(user):
        raise PermissionDenied(_("Aufgabengebiete und Kooperationsfelder pflegt die Geschäftsstelle."))
    return field


# --- the inventory: every logged-in user reads a region's inventory; its office writes ------------


def cooperations_for(user: Any) -> QuerySet[Cooperation]:
    if not roles_of(user).authenticated:
        return Cooperation.objects.none()
    return Cooperation.objects.all()


def can_edit_inventory(user: Any, region: Region) -> bool:
    return roles_of(user).is_office_of(region.pk)


def get_cooperation_for(user: Any, pk: int, *, write: bool = False) -> Cooperation:
    try:
        cooperation = cooperations_for(user).select_related("region", "field__task_area").get(pk=pk)
    except Cooperation.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit_inventory(user, cooperation.region):
        raise PermissionDenied(
            _("Kooperationen ändert nur die Geschäftsstelle der Region „%s“.") % cooperation.region
        )
    return cooperation
