"""The queue as a user and an operator rely on it: a job runs once, a passing fault is tried again
with backoff, a job whose input is gone fails at once with its reason, the office tries a failed
job again, and the job of a worker that died is taken over."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ikz.jobs import registry, services
from ikz.jobs.models import Job, JobStatus

CALLS: list[int] = []


@registry.register("test.count", label="Zählen")
def _count(job: Job) -> str:
    CALLS.append(job.pk)
    if job.payload.get("fail_times", 0) >= job.attempts:
        raise OSError("Mailserver antwortet nicht")
    if job.payload.get("gone"):
        raise registry.InputGone("Das Dokument wurde gelöscht.")
    return f"{len(CALLS)} gezählt"


@pytest.fixture(autouse=True)
def _reset() -> None:
    CALLS.clear()


def _due_now() -> None:
    """Let retries fall due (the backoff wait has passed)."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - dt.timedelta(seconds=1))


@pytest.mark.django_db
def test_a_job_runs_once_and_shows_its_result(world) -> None:
    job = services.enqueue("test.count", {}, label="Zählen", actor=world.office)
    assert job.status == JobStatus.QUEUED
    assert services.work_off() == 1
    assert services.work_off() == 0
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == (JobStatus.DONE, 1, "1 gezählt")
    assert [job.pk] == CALLS


@pytest.mark.django_db
def test_the_same_key_queues_once(world) -> None:
    first = services.enqueue("test.count", {}, label="Zählen", actor=world.office, key="timer-2026-12-06")
    second = services.enqueue("test.count", {}, label="Zählen", actor=world.office, key="timer-2026-12-06")
    assert first.pk == second.pk
    services.work_off()
    assert [first.pk] == CALLS


@pytest.mark.django_db
def test_a_passing_fault_is_tried_again_with_backoff(world) -> None:
    job = services.enqueue("test.count", {"fail_times": 2}, label="Zählen", actor=world.office)
    before = timezone.now()
    services.work_off()
    job.refresh_from_db()
    assert job.status == JobStatus.RETRY
    assert "Mailserver antwortet nicht" in job.reason
    assert job.run_after is not None and job.run_after >= before + dt.timedelta(seconds=59)
    assert services.work_off() == 0  # not yet due
    _due_now()
    services.work_off()
    _due_now()
    services.work_off()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 3)


@pytest.mark.django_db
def test_after_the_last_attempt_the_job_is_failed_and_can_be_retried(world) -> None:
    job = services.enqueue("test.count", {"fail_times": 99}, label="Zählen", actor=world.office)
    for _ in range(job.max_attempts):
        _due_now()
        services.work_off()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, job.max_attempts)
    retried = services.retry(job, actor=world.office)
    assert (retried.status, retried.attempts) == (JobStatus.QUEUED, 0)
    Job.objects.filter(pk=job.pk).update(payload={})
    services.work_off()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


@pytest.mark.django_db
def test_input_gone_fails_at_once_with_the_reason(world) -> None:
    job = services.enqueue("test.count", {"gone": True}, label="Zählen", actor=world.office)
    services.work_off()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.reason) == (JobStatus.FAILED, 1, "Das Dokument wurde gelöscht.")


@pytest.mark.django_db
def test_the_job_of_a_dead_worker_is_taken_over_and_done_once(world) -> None:
    job = services.enqueue("test.count", {}, label="Zählen", actor=world.office)
    # worker A claimed it and died: no heartbeat for longer than STALE_AFTER
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=1, worker="a:1", heartbeat_at=long_ago
    )
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.update(status="RUNNING")
    assert services.work_off(worker="b:2") == 0  # nothing ready: A's task looks taken
    assert services.reclaim_stale() == [job.pk]
    assert services.reclaim_stale() == []
    # the dead worker's task is closed in django-tasks' table too (no task "running" for ever)
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 0
    services.work_off(worker="b:2")
    job.refresh_from_db()
    assert (job.status, job.attempts, job.worker) == (JobStatus.DONE, 2, "b:2")
    assert [job.pk] == CALLS


@pytest.mark.django_db
def test_a_live_worker_keeps_its_job(world) -> None:
    job = services.enqueue("test.count", {}, label="Zählen", actor=world.office)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=1, worker="a:1", heartbeat_at=timezone.now()
    )
    services.beat("a:1")
    assert services.reclaim_stale() == []
