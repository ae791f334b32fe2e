"""The outbox: a mail is queued once per key and sent once by its job; a refused recipient is tried
again with backoff and finally listed as failed with the reason, while every other mail goes out; a
mail to an account deactivated since is not sent; a secret link is not kept once sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ikz.jobs.models import Job, JobStatus
from ikz.jobs.services import work_off
from ikz.notifications import services
from ikz.notifications.models import Mail
from ikz.notifications.tests.backends import REFUSED
from ikz.test import World

pytestmark = pytest.mark.django_db


def _due_now() -> None:
    """Let retries fall due (the backoff wait has passed)."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - dt.timedelta(seconds=1))


def _queue(key: str, to: str = "erika@example.org", **extra: Any) -> Mail:
    return services.queue_mail(key=key, to=[to], subject=f"Betreff {key}", body=f"Text {key}", **extra)


def test_the_same_key_queues_one_mail_and_one_job_sent_once(world: World) -> None:
    first = _queue("probe:1", actor=world.office, region_id=world.region.pk)
    second = _queue("probe:1", actor=world.office)
    assert first.pk == second.pk and Mail.objects.count() == 1
    job = Job.objects.get(key=f"mail:{first.pk}")
    assert (job.kind, job.region_id, job.created_by) == (
        "notifications.deliver",
        world.region.pk,
        world.office,
    )
    assert job.label == "E-Mail an erika@example.org: Betreff probe:1"
    assert mail.outbox == []
    assert work_off() == 1 and work_off() == 0
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["erika@example.org"], "Betreff probe:1", "Text probe:1")
    ]
    first.refresh_from_db()
    job.refresh_from_db()
    assert first.sent_at is not None and job.status == JobStatus.DONE
    assert job.result == "Versendet an erika@example.org"
    assert services.deliver(first.pk) == "bereits versendet" and len(mail.outbox) == 1


def test_the_message_id_is_the_same_for_every_attempt_and_differs_between_mails(world: World) -> None:
    a, b = _queue("probe:a"), _queue("probe:b")
    work_off()
    ids = {m.subject: m.extra_headers["Message-ID"] for m in mail.outbox}
    assert (
        ids["Betreff probe:a"] == services.outbox.message_id(a.key) == services.outbox.message_id("probe:a")
    )
    assert ids["Betreff probe:a"] != ids["Betreff probe:b"] and b.key == "probe:b"
    assert "Message-ID: <" in mail.outbox[0].message().as_string()


def test_a_refused_recipient_is_retried_then_failed_with_the_reason_and_the_others_go_out(
    world: World, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "ikz.notifications.tests.backends.RefusingBackend"
    refused = _queue("probe:refused", to=REFUSED, region_id=world.region.pk)
    for n in range(3):
        _queue(f"probe:ok{n}", to=f"ok{n}@example.org")
    work_off()
    assert sorted(m.to[0] for m in mail.outbox) == ["ok0@example.org", "ok1@example.org", "ok2@example.org"]
    job = Job.objects.get(key=f"mail:{refused.pk}")
    assert job.status == JobStatus.RETRY
    assert job.reason == f"Der Mailserver hat die Nachricht abgelehnt: {REFUSED}: 550 5.1.1 Mailbox unbekannt"
    for _attempt in range(job.max_attempts):
        _due_now()
        work_off()
    job.refresh_from_db()
    refused.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, job.max_attempts)
    assert "Der Mailserver hat die Nachricht abgelehnt" in job.reason and refused.sent_at is None
    assert len(mail.outbox) == 3
    failed = world.client_for("office").get(reverse("jobs:failed_list")).content.decode()
    assert "Der Mailserver hat die Nachricht abgelehnt" in failed


def test_an_unreachable_mail_server_is_a_passing_fault(world: World, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    queued = _queue("probe:down")
    work_off()
    job = Job.objects.get(key=f"mail:{queued.pk}")
    assert job.status == JobStatus.RETRY and job.reason.startswith("Der Mailserver ist nicht erreichbar")


def test_a_mail_to_an_account_deactivated_since_is_not_sent(world: World) -> None:
    queued = _queue("probe:gone", to="contact@example.org", user=world.contact_a)
    world.contact_a.is_active = False
    world.contact_a.save()
    work_off()
    job = Job.objects.get(key=f"mail:{queued.pk}")
    assert (job.status, job.attempts) == (JobStatus.FAILED, 1)
    assert "inzwischen deaktiviert oder anonymisiert" in job.reason and mail.outbox == []


def test_a_secret_link_is_not_kept_once_sent(world: World) -> None:
    queued = _queue("probe:secret", sensitive=True)
    assert Mail.objects.get(pk=queued.pk).body == "Text probe:secret"
    work_off()
    assert mail.outbox[0].body == "Text probe:secret"
    assert Mail.objects.get(pk=queued.pk).body == ""


def test_a_notification_counts_as_emailed_only_once_sent(world: World) -> None:
    from ikz.notifications.models import Notification
    from ikz.notifications.registry import Item

    world.contact_a.email = "a@example.org"
    world.contact_a.save()
    item = Item(user_id=world.contact_a.pk, kind="other", text="Bitte prüfen", link="", key="probe")
    services.notify([item])
    run = services.send_due(dt.date(2026, 12, 1))
    note = Notification.objects.get(key="probe")
    assert run.mailed == 1 and note.mail is not None and note.emailed_at is None
    work_off()
    note.refresh_from_db()
    assert note.emailed_at == note.mail.sent_at and note.emailed_at is not None  # type: ignore[union-attr]
