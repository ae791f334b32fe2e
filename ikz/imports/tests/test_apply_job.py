""" "Import übernehmen" in the background (decision 167): the request queues one job and writes
nothing; the worker applies the plan all or nothing; a second click, a worker that runs the job
again after a restart, a refusal and a change since the preview each end as the user expects."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from ikz.cooperation.models import CooperationField, TaskArea
from ikz.costs import services as cost_services
from ikz.costs.models import CaseCount
from ikz.costs.tests import factories
from ikz.imports.models import ImportRun, Status
from ikz.imports.tests.helpers import upload
from ikz.jobs import services as job_services
from ikz.jobs.models import Job, JobStatus
from ikz.test import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def coop(world: World):  # type: ignore[no-untyped-def]
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten")
    field = CooperationField.objects.create(task_area=area, name="Vergabe")
    return factories.cooperation(world, field)


def _csv(*lines: str) -> bytes:
    return ("\ufeffAGS;Kommune;Jahr;Fälle\r\n" + "".join(line + "\r\n" for line in lines)).encode("utf-8")


def _ready(world: World, coop) -> ImportRun:  # type: ignore[no-untyped-def]
    client = world.client_for("office")
    run = upload(client, "fallzahlen", coop.pk, "f.csv", _csv("06433010;;2022;120", "06433007;;2022;80"))
    assert run.status == Status.READY
    return run


def _press(world: World, run: ImportRun, version: int | None = None) -> str:
    response = world.client_for("office").post(
        reverse("imports:run_apply", args=[run.pk]),
        {"version": run.version if version is None else version},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_request_queues_the_apply_and_the_worker_does_it(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    run = _ready(world, coop)
    page = _press(world, run)
    assert "Die Übernahme läuft im Hintergrund; das Ergebnis erscheint auf dieser Seite." in page
    assert "wird übernommen" in page and 'id="job-state"' in page and "wartet" in page
    assert not CaseCount.objects.exists()  # nothing written in the request
    job = Job.objects.get(kind="imports.apply")
    assert (job.status, job.created_by, job.payload) == (
        JobStatus.QUEUED,
        world.office,
        {"run": run.pk, "version": run.version},
    )
    assert job.region_id == world.region.pk  # the region's office sees the job too
    assert job_services.work_off() == 1
    job.refresh_from_db()
    assert (job.status, job.result) == (JobStatus.DONE, "2 angelegt, 0 geändert")
    assert job.result_link == run.get_absolute_url()
    run.refresh_from_db()
    assert (run.status, run.applied_by) == (Status.APPLIED, world.office)
    assert CaseCount.objects.count() == 2
    page = world.client_for("office").get(run.get_absolute_url()).content.decode()
    assert "Der Import wurde übernommen." in page
    detail = world.client_for("office").get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "Erledigt" in detail and "2 angelegt, 0 geändert" in detail


def test_a_double_click_queues_once_and_a_restart_applies_once(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    run = _ready(world, coop)
    _press(world, run)
    _press(world, run)  # the same page, pressed again before the worker ran
    assert Job.objects.filter(kind="imports.apply").count() == 1
    job_services.work_off()
    # a worker that restarted after the commit runs the same job again: nothing happens twice
    job = Job.objects.get(kind="imports.apply")
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    from ikz.imports.jobs import apply_import

    job.refresh_from_db()
    assert apply_import(job).text == "2 angelegt, 0 geändert"
    assert CaseCount.objects.count() == 2
    run.refresh_from_db()
    assert run.status == Status.APPLIED
    # after the apply the page's button is stale: the same message as before, nothing queued
    page = _press(world, run, version=run.version - 1)
    assert "Dieser Import ist nicht (mehr) bereit zur Übernahme (Status: übernommen)." in page
    assert Job.objects.filter(kind="imports.apply").count() == 1


def test_a_stale_page_queues_nothing(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    run = _ready(world, coop)
    page = _press(world, run, version=run.version + 1)
    assert "Dieser Import ist nicht (mehr) bereit zur Übernahme (Status: bereit)." in page
    assert not Job.objects.exists()
    run.refresh_from_db()
    assert run.status == Status.READY


def test_a_refusal_ends_the_job_with_the_reason_and_the_run_is_ready_again(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    run = _ready(world, coop)
    _press(world, run)
    # meanwhile Kelsterbach left the cooperation: the cost services refuse its row
    coop.participants.filter(municipality=world.kommune_b).delete()
    job_services.work_off()
    job = Job.objects.get(kind="imports.apply")
    assert (job.status, job.attempts) == (JobStatus.FAILED, 1)
    assert job.reason.startswith("Der Import wurde nicht übernommen, nichts wurde gespeichert:")
    run.refresh_from_db()
    assert (run.status, run.note) == (Status.READY, job.reason)
    assert not CaseCount.objects.exists()
    page = world.client_for("office").get(run.get_absolute_url()).content.decode()
    assert "Der Import wurde nicht übernommen, nichts wurde gespeichert" in page
    assert "Import übernehmen" in page  # may be pressed again once the participation is corrected


def test_a_change_since_the_preview_fails_the_job_and_rejects_the_run(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    cost_services.import_case_counts(
        coop, [cost_services.CaseRow(world.kommune_a, 2022, Decimal(100))], actor=world.office
    )
    client = world.client_for("office")
    run = upload(client, "fallzahlen", coop.pk, "f.csv", _csv("06433010;;2022;120"))
    _press(world, run)
    cost_services.import_case_counts(
        coop, [cost_services.CaseRow(world.kommune_a, 2022, Decimal(101))], actor=world.steering
    )
    job_services.work_off()
    job = Job.objects.get(kind="imports.apply")
    assert job.status == JobStatus.FAILED and "wurde seit der Vorschau von" in job.reason
    run.refresh_from_db()
    assert (run.status, run.note) == (Status.REJECTED, job.reason)
    assert CaseCount.objects.get().cases == Decimal(101)


def test_a_queued_run_cannot_be_rejected_and_a_deleted_run_ends_the_job(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    run = _ready(world, coop)
    _press(world, run)
    page = world.client_for("office").post(reverse("imports:run_reject", args=[run.pk]), follow=True)
    assert "Der Import wird gerade übernommen und kann nicht mehr verworfen werden." in page.content.decode()
    ImportRun.objects.filter(pk=run.pk).delete()
    job_services.work_off()
    job = Job.objects.get(kind="imports.apply")
    assert (job.status, job.reason) == (JobStatus.FAILED, "Der Import wurde gelöscht.")
