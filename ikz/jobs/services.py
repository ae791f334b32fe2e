"""State changes of background jobs: queue one, run one (as a worker does), try a failed one
again, take over the jobs of a worker that died. Handlers live in ``ikz/<app>/jobs.py``
(see :mod:`ikz.jobs.registry`)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ikz.audit.models import Action
from ikz.audit.services import record
from ikz.jobs import registry, rules, runner
from ikz.jobs.models import Job, JobStatus, Worker
from ikz.pagecache.services import bump as bump_generation

if TYPE_CHECKING:  # the queue sits below the accounts (see access.py)
    from ikz.accounts.models import User

logger = logging.getLogger(__name__)


def _dispatch(job: Job) -> None:
    """Hand the job to the queue (inside the caller's transaction: a worker sees it on commit)."""
    task = runner.run.using(run_after=job.run_after) if job.run_after else runner.run
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)


@transaction.atomic
def enqueue(
    kind: str,
    payload: Mapping[str, Any],
    *,
    label: str,
    actor: User | None,
    region_id: int | None = None,
    key: str | None = None,
    run_after: dt.datetime | None = None,
) -> Job:
    """Queue a job of ``kind``. With ``key``, a job with the same key is returned instead of a
    second one (a timer started twice, a form sent twice): it is queued exactly once."""
    spec = registry.get(kind)
    if key:
        existing = Job.objects.filter(key=key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():  # a parallel caller with the same key: its job wins
            job = Job.objects.create(
                kind=kind,
                label=label[:300],
                payload=dict(payload),
                key=key or None,
                max_attempts=spec.max_attempts,
                run_after=run_after,
                region_id=region_id,
                created_by=actor,
            )
    except IntegrityError:
        return Job.objects.get(key=key)
    _dispatch(job)
    return job


def _claim(job_id: int, worker: str, now: dt.datetime) -> Job | None:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in (JobStatus.DONE, JobStatus.FAILED):
            return None
        if (
            job.status == JobStatus.RUNNING
            and job.worker != worker
            and not rules.is_stale(job.heartbeat_at, now, stale_after())
        ):
            return None  # another worker holds it and is alive
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.worker = worker[:100]
        job.started_at = now
        job.heartbeat_at = now
        job.save(update_fields=["status", "attempts", "worker", "started_at", "heartbeat_at"])
        return job


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _settle(job: Job, **values: Any) -> bool:
    """Write the outcome of this attempt, unless the job was taken over meanwhile."""
    values.setdefault("finished_at", timezone.now())
    if values.get("status") == JobStatus.FAILED:
        bump_generation()  # failed jobs are on the office's start page (decision 205)
    return bool(Job.objects.filter(pk=job.pk, attempts=job.attempts).update(**values))


def execute(job_id: int, *, worker: str) -> str:
    """Run one attempt of a job (what a worker does with each task). Never raises: a fault is
    written to the job (tried again with backoff, or failed for good with the reason)."""
    job = _claim(job_id, worker, timezone.now())
    if job is None:
        return "skipped"
    spec = registry.KINDS.get(job.kind)
    try:
        if spec is None:
            raise registry.InputGone(_("Unbekannte Art von Auftrag: %(kind)s") % {"kind": job.kind})
        outcome = spec.run(job)
    except registry.InputGone as exc:
        _settle(job, status=JobStatus.FAILED, reason=str(exc))
        return "failed"
    except Exception as exc:  # any fault of a handler is written to the job
        logger.exception("Job %s (%s) attempt %s failed", job.pk, job.kind, job.attempts)
        return _after_fault(job, _describe(exc))
    done = outcome if isinstance(outcome, registry.Done) else registry.Done(str(outcome or ""))
    _settle(job, status=JobStatus.DONE, result=done.text[:500], result_link=done.link[:300], reason="")
    return "done"


def _after_fault(job: Job, reason: str) -> str:
    now = timezone.now()
    if not rules.should_retry(job.attempts, job.max_attempts):
        _settle(job, status=JobStatus.FAILED, reason=reason)
        return "failed"
    with transaction.atomic():
        job.run_after = now + rules.backoff(job.attempts)
        if _settle(job, status=JobStatus.RETRY, reason=reason, run_after=job.run_after):
            _dispatch(job)
    return "retry"


@transaction.atomic
def retry(job: Job, *, actor: User) -> Job:
    """Try a failed job again (the office, from the list of failed jobs): attempts start anew."""
    locked = Job.objects.select_for_update().get(pk=job.pk)
    if locked.status != JobStatus.FAILED:
        raise ValidationError({"job": _("Nur fehlgeschlagene Aufträge können erneut versucht werden.")})
    reason = locked.reason
    locked.status = JobStatus.QUEUED
    locked.attempts = 0
    locked.run_after = None
    locked.finished_at = None
    locked.save(update_fields=["status", "attempts", "run_after", "finished_at"])
    _dispatch(locked)
    record(
        locked,
        Action.UPDATE,
        actor=actor,
        changes={_("Stand"): [str(JobStatus.FAILED.label), str(JobStatus.QUEUED.label)]},
        message=_("Erneut versucht (zuvor: %(reason)s)") % {"reason": reason[:200]},
    )
    return locked


def stale_after() -> dt.timedelta:
    """How long a worker may stay silent before its job is taken over (IKZ_JOB_STALE_SECONDS)."""
    return rules.stale_after(settings.IKZ_JOB_STALE_SECONDS)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def beat(name: str, now: dt.datetime | None = None, *, jobs_done: int | None = None) -> None:
    """A worker reports that it lives, for itself and the job it runs (and how many attempts it ran
    so far: counted in the worker, written here, not one more commit per job)."""
    now = now or timezone.now()
    values: dict[str, Any] = {"seen_at": now, "host": socket.gethostname()[:200], "pid": os.getpid()}
    if jobs_done is not None:
        values["jobs_done"] = jobs_done
    Worker.objects.update_or_create(name=name[:100], defaults=values)
    Job.objects.filter(status=JobStatus.RUNNING, worker=name[:100]).update(heartbeat_at=now)


def reclaim_stale(now: dt.datetime | None = None) -> list[int]:
    """Jobs held by a worker that stopped reporting (killed, machine gone) are queued again, to be
    done once by another worker. Returns their ids."""
    now = now or timezone.now()
    taken = []
    with transaction.atomic():
        stale = Job.objects.select_for_update(skip_locked=True).filter(
            status=JobStatus.RUNNING, heartbeat_at__lt=now - stale_after()
        )
        for job in stale:
            reason = _("Arbeitsprozess %(worker)s antwortete nicht mehr (seit %(time)s)") % {
                "worker": job.worker,
                "time": timezone.localtime(job.heartbeat_at).strftime("%d.%m.%Y %H:%M:%S")
                if job.heartbeat_at
                else "–",
            }
            # the task of the dead worker stays "running" in django-tasks' table: close it there too
            if job.task_id:
                DBTaskResult.objects.filter(id=job.task_id, status=TaskResultStatus.RUNNING).update(
                    status=TaskResultStatus.FAILED, finished_at=now
                )
            if rules.should_retry(job.attempts, job.max_attempts):
                job.status, job.run_after = JobStatus.RETRY, None
                job.reason = reason
                job.save(update_fields=["status", "run_after", "reason"])
                _dispatch(job)
            else:
                Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, reason=reason, finished_at=now)
                bump_generation()
            taken.append(job.pk)
    if taken:
        logger.warning("Took over %d job(s) of stopped workers: %s", len(taken), taken)
    return taken


def work_off(*, worker: str = "im-prozess", limit: int | None = None) -> int:
    """Run every job that is due now, in this process (tests, ``run_worker --batch``, the demo).
    Returns the number of attempts run."""
    from ikz.jobs.worker import QueueWorker

    return QueueWorker.batch_run(worker, limit=limit)
