"""Exactly once on PostgreSQL with real parallel connections: two timers run ``send_due`` at the
same moment, then two workers work off the queue at the same moment — every notification's mail
reaches the mail server once, and no job fails. (The survey reminders' counterpart is in
``ikz/surveys/tests/test_reminder_jobs.py``.)"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core import mail

from ikz.jobs.models import Job, JobStatus
from ikz.jobs.services import work_off
from ikz.notifications import services
from ikz.notifications.models import Mail, Notification
from ikz.notifications.tests.parallel import needs_postgresql, side_by_side
from ikz.surveys.models import Campaign, CampaignStatus
from ikz.test import build_world

TODAY = dt.date(2026, 12, 1)


@pytest.mark.django_db(transaction=True)
def test_two_timers_and_two_workers_send_every_notification_once() -> None:
    needs_postgresql()
    world = build_world()
    for user in (world.contact_a, world.contact_b, world.office, world.steering):
        user.email = f"{user.username}@example.org"
        user.save()
    for n in range(3):
        Campaign.objects.create(
            region=world.region,
            title=f"Bestandsaufnahme {n}",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 12, 31),
            deadline=dt.date(2026, 12, 3 + n),
            status=CampaignStatus.OPEN,
        )
    runs = side_by_side(lambda: services.send_due(TODAY), lambda: services.send_due(TODAY))
    due = Notification.objects.filter(email_due=True)
    assert due.count() >= 6 and Mail.objects.count() == due.count()
    assert sum(run.mailed for run in runs) == due.count()  # each mail queued by exactly one timer
    assert Job.objects.filter(kind="notifications.deliver").count() == due.count()
    assert mail.outbox == []

    done = side_by_side(lambda: work_off(worker="a"), lambda: work_off(worker="b"))
    assert sum(done) == due.count()
    sent = Counter((tuple(m.to), m.subject) for m in mail.outbox)
    assert len(mail.outbox) == due.count() and set(sent.values()) == {1}, sent
    assert not Job.objects.exclude(status=JobStatus.DONE).exists()
    assert not due.filter(emailed_at__isnull=True).exists()
