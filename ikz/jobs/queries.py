"""Reads of the queue: the failed jobs an office sees, the state of the queue for operators."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from ikz.jobs import rules
from ikz.jobs.models import OPEN, Job, JobStatus, Worker


def failed(jobs: QuerySet[Job]) -> QuerySet[Job]:
    return (
        jobs.filter(status=JobStatus.FAILED)
        .select_related("region", "created_by")
        .order_by("-finished_at", "-id")
    )


def open_jobs(jobs: QuerySet[Job]) -> QuerySet[Job]:
    return jobs.filter(status__in=OPEN).select_related("region", "created_by").order_by("created_at", "id")


@dataclass(frozen=True)
class QueueState:
    waiting: int
    running: int
    retrying: int
    failed: int
    oldest_waiting: dt.datetime | None
    workers_alive: int


def queue_state(now: dt.datetime | None = None) -> QueueState:
    """For the health endpoint and the operators: how much waits, since when, and how many workers
    reported lately."""
    now = now or timezone.now()
    counts = dict(Job.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    oldest = Job.objects.filter(status=JobStatus.QUEUED).aggregate(m=Min("created_at"))["m"]
    alive = Worker.objects.filter(
        seen_at__gte=now - rules.stale_after(settings.IKZ_JOB_STALE_SECONDS)
    ).count()
    return QueueState(
        waiting=counts.get(JobStatus.QUEUED, 0),
        running=counts.get(JobStatus.RUNNING, 0),
        retrying=counts.get(JobStatus.RETRY, 0),
        failed=counts.get(JobStatus.FAILED, 0),
        oldest_waiting=oldest,
        workers_alive=alive,
    )
