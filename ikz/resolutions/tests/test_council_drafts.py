"""Council drafts for every member of a region, as a background job (decision 168): the office
presses one button on the overview, the request only queues the job, the worker stores one DOCX per
member in the document library (a new version when it is there already)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ikz.documents.access import documents_for
from ikz.documents.models import DocType, Document, DocumentVersion, Visibility
from ikz.jobs import services as job_services
from ikz.jobs.models import Job, JobStatus
from ikz.municipalities.models import RegionMember
from ikz.resolutions import services
from ikz.resolutions.jobs import council_drafts
from ikz.resolutions.models import Body, Outcome, Resolution, Subject
from ikz.test import World

pytestmark = pytest.mark.django_db

KIND = "resolutions.council_drafts"


def _press(world: World, date: str = "2027-03-01", persona: str = "office", follow: bool = False):  # type: ignore[no-untyped-def]
    url = reverse("resolutions:council_drafts_all", args=[world.region.slug])
    return world.client_for(persona).post(url, {"alle-session_date": date}, follow=follow)


def test_the_button_queues_one_job_and_the_worker_files_a_draft_per_member(world: World) -> None:
    Resolution.objects.create(
        municipality=world.kommune_a,
        subject=Subject.PRINCIPLE,
        body=Body.MAGISTRAT,
        outcome=Outcome.PENDING,
    )
    overview = world.client_for("office").get(reverse("resolutions:overview", args=[world.region.slug]))
    assert "Gremienvorlagen für alle Kommunen erzeugen" in overview.content.decode()
    response = _press(world, follow=True)
    job = Job.objects.get(kind=KIND)
    assert response.redirect_chain == [(reverse("jobs:job_detail", args=[job.pk]), 302)]
    assert not Document.objects.exists()  # nothing generated in the request
    page = response.content.decode()
    assert "wartet" in page and "Gremienvorlagen werden im Hintergrund erzeugt" in page
    assert (job.region_id, job.created_by, job.payload["session_date"]) == (
        world.region.pk,
        world.office,
        "2027-03-01",
    )
    assert job_services.work_off() == 1
    job.refresh_from_db()
    assert (job.status, job.result) == (JobStatus.DONE, "2 Gremienvorlagen in der Dokumentenbibliothek")
    assert job.result_link == reverse("documents:document_list") + "?doc_type=model_draft"
    drafts = {d.owner_id: d for d in Document.objects.filter(doc_type=DocType.MODEL_DRAFT)}
    assert set(drafts) == {world.kommune_a.pk, world.kommune_b.pk}
    a = drafts[world.kommune_a.pk]
    assert (a.visibility, a.region_id) == (Visibility.REGION, world.region.pk)
    assert a.title == f"Muster-Gremienvorlage: {world.kommune_a.name} ({world.region.name})"
    text = a.versions.get().text
    assert world.kommune_a.name in text and "01.03.2027" in text and "Magistrat" in text
    # without a recorded resolution: the council of a town, as the single draft page suggests
    assert "Stadtverordnetenversammlung" in drafts[world.kommune_b.pk].versions.get().text
    detail = world.client_for("office").get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "Erledigt" in detail and "Zum Ergebnis" in detail


def test_the_drafts_are_visible_as_the_single_draft_is(world: World) -> None:
    _press(world)
    job_services.work_off()
    mine = Document.objects.get(owner=world.kommune_a)
    assert documents_for(world.contact_a).filter(pk=mine.pk).exists()
    assert documents_for(world.steering).filter(pk=mine.pk).exists()
    assert not documents_for(world.member).filter(pk=mine.pk).exists()
    assert world.client_for("member").get(mine.get_absolute_url()).status_code == 404


def test_a_second_run_adds_versions_and_a_double_click_queues_once(world: World) -> None:
    _press(world)
    _press(world)
    assert Job.objects.filter(kind=KIND).count() == 1
    job_services.work_off()
    _press(world, "2027-04-15")
    job_services.work_off()
    assert Job.objects.filter(kind=KIND, status=JobStatus.DONE).count() == 2
    assert Document.objects.filter(doc_type=DocType.MODEL_DRAFT).count() == 2
    latest = Document.objects.get(owner=world.kommune_b).versions.order_by("-number").first()
    assert latest is not None and latest.number == 2 and "15.04.2027" in latest.text


def test_a_worker_restart_stores_no_draft_twice(world: World) -> None:
    _press(world)
    job = Job.objects.get(kind=KIND)
    services.store_council_draft(job, world.region, world.kommune_a, dt.date(2027, 3, 1))  # then it died
    assert council_drafts(job).text == "2 Gremienvorlagen in der Dokumentenbibliothek"
    assert DocumentVersion.objects.count() == 2


def test_a_member_that_left_is_skipped_and_a_region_gone_fails_the_job(world: World) -> None:
    _press(world)
    RegionMember.objects.filter(region=world.region, municipality=world.kommune_b).delete()
    job_services.work_off()
    job = Job.objects.get(kind=KIND)
    assert job.result == (
        "1 Gremienvorlagen in der Dokumentenbibliothek; 1 übersprungen (nicht mehr Mitglied der Region)"
    )
    _press(world, "2027-05-01")
    gone = Job.objects.filter(kind=KIND).latest("pk")
    Job.objects.filter(pk=gone.pk).update(payload={**gone.payload, "region": 0})
    job_services.work_off()
    gone.refresh_from_db()
    assert (gone.status, gone.attempts) == (JobStatus.FAILED, 1)
    assert gone.reason == "Die Region gibt es nicht mehr; es wurden keine Gremienvorlagen erzeugt."


def test_bad_input_and_other_roles_queue_nothing(world: World) -> None:
    response = _press(world, "")
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert "Sitzungsdatum" in response.content.decode()
    assert _press(world, "31.02.2027").status_code == 200
    for persona in ("steering", "contact_a", "member"):
        assert _press(world, persona=persona).status_code == 403
    overview = world.client_for("steering").get(reverse("resolutions:overview", args=[world.region.slug]))
    assert "Gremienvorlagen für alle Kommunen erzeugen" not in overview.content.decode()
    assert not Job.objects.exists()
