"""The state of one background job ("wird versendet" → the result), and the office's list of
jobs that failed for good, each with its reason and a button to try it again."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.jobs import access, queries, services
from ikz.web import AppRequest, post_button


@login_required
def job_detail(request: AppRequest, pk: int) -> HttpResponse:
    job = access.get_job_for(request.user, pk)
    return render(
        request, "jobs/job_detail.html", {"job": job, "may_retry": access.can_list_failed(request.user)}
    )


@login_required
def failed_list(request: AppRequest) -> HttpResponse:
    access.check_list_failed(request.user)
    jobs = access.jobs_for(request.user)
    return render(
        request,
        "jobs/failed_list.html",
        {"failed": queries.failed(jobs)[:200], "open": queries.open_jobs(jobs)[:200]},
    )


@login_required
@require_POST
def job_retry(request: AppRequest, pk: int) -> HttpResponse:
    job = access.get_job_for(request.user, pk, write=True)
    return post_button(
        request,
        lambda: services.retry(job, actor=request.user),
        success=_("Der Auftrag wird erneut versucht."),
        back="jobs:failed_list",
    )
