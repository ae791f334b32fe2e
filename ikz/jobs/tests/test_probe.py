"""The probe job operators use to check the queue end to end, and the stale period as a setting
(the scale test shortens it; a live worker's heartbeat must still keep its job)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from ikz.audit.models import AuditEntry
from ikz.jobs import rules, services
from ikz.jobs.models import Job, JobStatus

# transaction=True: the worker loop closes a connection inside a test's transaction on PostgreSQL
# (django-tasks' close_old_connections), so these tests commit for real on both databases.


@pytest.mark.django_db(transaction=True)
def test_a_probe_is_done_and_notes_which_worker_finished_it() -> None:
    job = services.enqueue("jobs.probe", {"seconds": 0}, label="Probe", actor=None)
    assert services.work_off(worker="w2") == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.result == "Probe beendet von w2 nach 0.0 s"
    entries = AuditEntry.objects.filter(object_id=str(job.pk), content_type__model="job")
    assert [e.message for e in entries] == ["Probe beendet von w2 nach 0.0 s"]


@pytest.mark.django_db(transaction=True)
def test_a_probe_without_record_writes_no_history() -> None:
    job = services.enqueue("jobs.probe", {"seconds": 0, "record": False}, label="Probe", actor=None)
    services.work_off()
    assert not AuditEntry.objects.filter(object_id=str(job.pk), content_type__model="job").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("seconds", ["lange", -1, 301])
def test_a_probe_with_a_wrong_duration_fails_at_once_with_the_reason(seconds: object) -> None:
    job = services.enqueue("jobs.probe", {"seconds": seconds}, label="Probe", actor=None)
    services.work_off()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 1)
    assert job.reason.startswith("Dauer des Probeauftrags ungültig")


@pytest.mark.django_db(transaction=True)
def test_queue_probe_waits_for_a_worker_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(CommandError, match="Läuft ein Arbeitsprozess"):
        call_command("queue_probe", "--frist", "0.1")
    call_command("queue_probe", "--nicht-warten")
    number = int(capsys.readouterr().out.strip())
    assert Job.objects.get(pk=number).kind == "jobs.probe"


def test_the_stale_period_defaults_to_thirty_seconds_and_can_be_shortened() -> None:
    assert rules.stale_after(None) == rules.STALE_AFTER == dt.timedelta(seconds=30)
    assert rules.stale_after(12) == dt.timedelta(seconds=12)
    assert rules.MIN_STALE_SECONDS == 10


@pytest.mark.django_db(transaction=True)
def test_a_shorter_stale_period_takes_over_sooner(settings) -> None:
    job = services.enqueue("jobs.probe", {"seconds": 0}, label="Probe", actor=None)
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, worker="w1", attempts=1, heartbeat_at=now - dt.timedelta(seconds=15)
    )
    assert services.reclaim_stale(now) == []  # 30 s by default: w1 may still live
    settings.IKZ_JOB_STALE_SECONDS = 12
    assert services.reclaim_stale(now) == [job.pk]
    services.work_off(worker="w2")
    job.refresh_from_db()
    assert (job.status, job.attempts, job.worker) == (JobStatus.DONE, 2, "w2")
