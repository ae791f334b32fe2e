"""Who sees which background job: the person who asked for it, the office of the job's region,
the platform-wide office (every job, also those without a region, e.g. the timers' runs)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.jobs.models import Job


def jobs_for(user: Any) -> QuerySet[Job]:
    roles = roles_of(user)
    if roles.office_global:
        return Job.objects.all()
    if not roles.authenticated:
        return Job.objects.none()
    return Job.objects.filter(Q(created_by=user) | Q(region_id__in=roles.office_regions))


def can_list_failed(user: Any) -> bool:
    return roles_of(user).is_office


def check_list_failed(user: Any) -> None:
    if not can_list_failed(user):
        raise PermissionDenied(_("Die Liste der fehlgeschlagenen Aufträge sieht nur die Geschäftsstelle."))


def get_job_for(user: Any, pk: int, *, write: bool = False) -> Job:
    """A job the user may see (404 otherwise); ``write`` (try again): only the office."""
    job = get_object_or_404(jobs_for(user), pk=pk)
    if write:
        check_list_failed(user)
    return job
