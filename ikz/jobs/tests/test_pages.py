"""The office's pages of the queue: a failed job with its reason, tried again with one button (and
recorded in the job's history); the start page says how many failed; another region's office and
the other roles do not see the job."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ikz.accounts.models import Role, RoleAssignment, User
from ikz.audit.models import AuditEntry
from ikz.jobs.models import Job, JobStatus
from ikz.jobs.tests.persona_rows import failed_job
from ikz.municipalities.models import Region
from ikz.test import World


@pytest.mark.django_db
def test_the_office_sees_the_failed_job_with_its_reason_and_tries_it_again(world: World) -> None:
    job = failed_job(world)
    client = world.client_for("office")
    page = client.get(reverse("jobs:failed_list")).content.decode()
    assert "E-Mail an die Kontaktpersonen" in page
    assert "550 Postfach unbekannt" in page
    response = client.post(reverse("jobs:job_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.QUEUED, 0)
    entry = AuditEntry.objects.filter(object_id=str(job.pk)).latest("pk")
    assert entry.actor == world.office and "550 Postfach unbekannt" in entry.message
    page = client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "wartet" in page and 'role="status"' in page


@pytest.mark.django_db
def test_a_job_that_is_not_failed_is_not_retried(world: World) -> None:
    job = failed_job(world)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    response = world.client_for("office").post(reverse("jobs:job_retry", args=[job.pk]), follow=True)
    assert "Nur fehlgeschlagene Aufträge können erneut versucht werden." in response.content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


@pytest.mark.django_db
def test_the_start_page_counts_the_failed_jobs_of_the_office(world: World) -> None:
    failed_job(world)
    failed_job(world)
    page = world.client_for("office").get(reverse("home")).content.decode()
    assert "Fehlgeschlagene Aufträge im Hintergrund prüfen" in page
    assert reverse("jobs:failed_list") in page


@pytest.mark.django_db
def test_another_regions_office_does_not_see_the_job(world: World) -> None:
    job = failed_job(world)
    other = Region.objects.create(name="Andere Region", slug="andere", office_name="GS Andere")
    user = User.objects.create_user("gs-andere", email="gs@andere.example", password="x" * 16)
    RoleAssignment.objects.create(user=user, role=Role.OFFICE, region=other)
    client = world.client_for("anonymous")
    client.force_login(user)
    assert "E-Mail an die Kontaktpersonen" not in client.get(reverse("jobs:failed_list")).content.decode()
    assert client.get(reverse("jobs:job_detail", args=[job.pk])).status_code == 404
    assert client.post(reverse("jobs:job_retry", args=[job.pk])).status_code == 404
