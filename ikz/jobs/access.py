"""Who sees which background job: the person who asked for it, the office of the job's region,
the platform-wide office (every job, also those without a region, e.g. the timers' runs).

The queue sits below the accounts (the import framework, which accounts registers into, queues
its apply here): it never imports them at run time. The accounts plug in how the roles of a
person are found (``ROLES_OF``, filled in ``AccountsConfig.ready()``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ikz.jobs.models import Job

if TYPE_CHECKING:
    from ikz.accounts.access import Roles

ROLES_OF: list[Callable[[Any], Roles]] = []


def _roles(user: Any) -> Roles:
    return ROLES_OF[0](user)


def jobs_for(user: Any) -> QuerySet[Job]:
    roles = _roles(user)
    if roles.office_global:
        return Job.objects.all()
    if not roles.authenticated:
        return Job.objects.none()
    return Job.objects.filter(Q(created_by=user) | Q(region_id__in=roles.office_regions))


def can_list_failed(user: Any) -> bool:
    return _roles(user).is_office


def check_list_failed(user: Any) -> None:
    if not can_list_failed(user):
        raise PermissionDenied(_("Die Liste der fehlgeschlagenen Aufträge sieht nur die Geschäftsstelle."))


def get_job_for(user: Any, pk: int, *, write: bool = False) -> Job:
    """A job the user may see (404 otherwise); ``write`` (try again): only the office."""
    job = get_object_or_404(jobs_for(user), pk=pk)
    if write:
        check_list_failed(user)
    return job
