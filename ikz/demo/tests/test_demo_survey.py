"""The demo's surveys: the closed 2013 campaign with all 15 sheets, the open 2026 one with a draft."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import User
from ikz.surveys.models import Campaign, ResponseStatus

pytestmark = pytest.mark.django_db


def test_demo_surveys(capsys: pytest.CaptureFixture[str]) -> None:
    old = Campaign.objects.get(title="Bestandsaufnahme 2013")
    assert old.responses.filter(status=ResponseStatus.SUBMITTED).count() == 15
    assert old.deadline.isoformat() == "2013-05-29"
    ruesselsheim = old.responses.get(municipality__key="06433012")
    # Postverbund, Rechtsamt, Beschaffungen, DV, Schulungen, Prüfung, Arbeitskreis DV, network idea
    assert ruesselsheim.answers.count() == 8
    new = Campaign.objects.get(title="Bestandsaufnahme 2026")
    assert [r.municipality.key for r in new.responses.all()] == ["06433010"]
    office = Client()
    office.force_login(User.objects.get(username="geschaeftsstelle"))
    page = office.get(reverse("surveys:tracking", args=[new.pk])).content.decode()
    assert "0 abgegeben, 1 im Entwurf, 14 nicht begonnen" in page
    # the open campaign told the contact persons of the region (issue 19): in their inbox
    for username, town in (("kommune-raunheim", "Raunheim"), ("kommune-kelsterbach", "Kelsterbach")):
        contact = Client()
        contact.force_login(User.objects.get(username=username))
        inbox = contact.get(reverse("notifications:inbox")).content.decode()
        assert (
            f"Neue Bestandsaufnahme „Bestandsaufnahme 2026“ der IKZ Kreis Groß-Gerau: bitte für {town}"
            in inbox
        )
    # the office asked for reminders to every member that has not submitted (issue 20): one
    # background job; the worker sends one e-mail per address and the tracking page shows them
    from django.core import mail

    from ikz.jobs.models import Job, JobStatus
    from ikz.jobs.services import work_off

    job = Job.objects.get(kind="surveys.send_reminders")
    assert (job.status, len(job.payload["municipalities"])) == (JobStatus.QUEUED, 15)  # none submitted yet
    assert "Erinnerungen" in office.get(reverse("jobs:failed_list")).content.decode()
    mail.outbox.clear()
    while work_off():
        pass
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.reason
    assert mail.outbox and all(len(m.to) == 1 for m in mail.outbox)
    assert any(m.to == ["raunheim@demo.invalid"] or "Raunheim" in m.body for m in mail.outbox)
    page = office.get(reverse("surveys:tracking", args=[new.pk])).content.decode()
    assert "Erinnerung" in page
    assert Job.objects.filter(kind="surveys.send_reminders").count() == 1
