"""The inventory survey as town halls and the office use it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ikz.audit.models import AuditEntry
from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
from ikz.jobs.models import Job
from ikz.jobs.services import work_off
from ikz.municipalities.models import ContactPerson
from ikz.surveys.models import Campaign, CampaignStatus, Reminder, Response, ResponseStatus
from ikz.test import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world: World) -> Campaign:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    CooperationField.objects.create(task_area=area, name="Postverbund", position=1)
    c = Campaign.objects.create(
        region=world.region, title="Bestandsaufnahme 2026", period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2027, 1, 31), deadline=dt.date(2099, 1, 31), status=CampaignStatus.OPEN,
    )  # fmt: skip
    c.task_areas.add(area)
    return c


def _post(world: World, campaign: Campaign, **answer: object) -> dict[str, object]:
    field = CooperationField.objects.get(name="Postverbund")
    data: dict[str, object] = {
        "a-TOTAL_FORMS": 1, "a-INITIAL_FORMS": 0, "a-0-field": field.pk, "a-0-kind": "exists",
        "a-0-title": "Gemeinsamer Postverbund", "a-0-partners": [world.kommune_b.pk], "a-0-lead": world.kommune_a.pk,
    }  # fmt: skip
    data.update({f"a-0-{k}": v for k, v in answer.items()})
    return data


def _edit(world: World, campaign: Campaign) -> str:
    return reverse("surveys:response_edit", args=[campaign.pk, world.kommune_a.pk])


def test_bad_answers_get_a_message_at_the_field_and_nothing_is_saved(
    world: World, campaign: Campaign
) -> None:
    client = world.client_for("contact_a")
    cases = [
        ({"kind": "planned", "planned_by": "2020-01-01", "lead": ""}, "in der Vergangenheit"),
        ({"kind": "considered", "reason": "", "lead": ""}, "warum die Kooperation nicht zustande"),
        ({"lead": world.kommune_b.pk, "partners": []}, "Federführend kann nur"),
        ({"partners": [world.kreis.pk]}, "Auswahl"),  # not offered: Django's own German message
    ]
    for answer, text in cases:
        page = client.post(_edit(world, campaign), _post(world, campaign, **answer)).content.decode()
        assert text in page, text
        assert 'aria-invalid="true"' in page or "kern-error" in page
    assert not Response.objects.exists()


def test_draft_submit_updates_the_inventory_once(world: World, campaign: Campaign) -> None:
    client = world.client_for("contact_a")
    assert client.post(_edit(world, campaign), _post(world, campaign)).status_code == 302
    response = Response.objects.get()
    assert response.status == ResponseStatus.DRAFT and response.answers.count() == 1
    submit = reverse("surveys:response_submit", args=[campaign.pk, world.kommune_a.pk])
    assert client.post(submit).status_code == 302
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED and response.submitted_by == world.contact_a
    cooperation = Cooperation.objects.get()
    assert cooperation.title == "Gemeinsamer Postverbund" and cooperation.region == world.region
    rows = sorted(cooperation.participants.values_list("municipality__short_name", "status", "is_lead"))
    assert rows == [("Kelsterbach", "exists", False), ("Raunheim", "exists", True)]
    again = client.post(submit, follow=True).content.decode()
    assert "bereits abgegeben" in again
    assert Cooperation.objects.count() == 1


def test_contact_b_never_sees_a_and_steering_only_submitted(world: World, campaign: Campaign) -> None:
    world.client_for("contact_a").post(_edit(world, campaign), _post(world, campaign))
    detail = reverse("surveys:response_detail", args=[campaign.pk, world.kommune_a.pk])
    b = world.client_for("contact_b")
    assert b.get(detail).status_code == 404
    assert b.post(_edit(world, campaign), _post(world, campaign, title="Übernommen")).status_code == 404
    assert world.client_for("steering").get(detail).status_code == 404
    world.client_for("contact_a").post(
        reverse("surveys:response_submit", args=[campaign.pk, world.kommune_a.pk])
    )
    assert b.get(detail).status_code == 404
    assert world.client_for("steering").get(detail).status_code == 200
    assert Response.objects.get().answers.get().title == "Gemeinsamer Postverbund"


def test_submission_after_the_deadline_is_refused_unless_allowed(world: World, campaign: Campaign) -> None:
    client = world.client_for("contact_a")
    client.post(_edit(world, campaign), _post(world, campaign))
    Campaign.objects.filter(pk=campaign.pk).update(deadline=dt.date(2020, 5, 29))
    submit = reverse("surveys:response_submit", args=[campaign.pk, world.kommune_a.pk])
    page = client.post(submit, follow=True).content.decode()
    assert "Die Rücklauffrist ist am 29.05.2020 abgelaufen" in page
    assert Response.objects.get().status == ResponseStatus.DRAFT and not Cooperation.objects.exists()
    Campaign.objects.filter(pk=campaign.pk).update(allow_late=True)
    client.post(submit)
    assert Response.objects.get().status == ResponseStatus.SUBMITTED


def test_two_people_of_one_town_hall_lose_nothing(world: World, campaign: Campaign) -> None:
    first = world.client_for("contact_a")
    first.post(_edit(world, campaign), _post(world, campaign))
    version = Response.objects.get().version
    first.post(
        _edit(world, campaign), _post(world, campaign, title="Postverbund (geändert)") | {"version": version}
    )
    stale = first.post(
        _edit(world, campaign), _post(world, campaign, title="Meine Fassung") | {"version": version}
    )
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Meine Fassung" in page and "Postverbund (geändert)" in page  # both versions shown
    assert Response.objects.get().answers.get().title == "Postverbund (geändert)"
    refused = AuditEntry.objects.get(action="conflict")
    assert refused.actor == world.users()["contact_a"] and f"Veraltete Fassung {version}" in refused.message


def test_office_tracks_reminds_and_reopens(world: World, campaign: Campaign) -> None:
    ContactPerson.objects.create(municipality=world.kommune_b, name="Kai Kelster", email="kai@example.org")
    world.client_for("contact_a").post(_edit(world, campaign), _post(world, campaign))
    office = world.client_for("office")
    page = office.get(reverse("surveys:tracking", args=[campaign.pk])).content.decode()
    assert "0 abgegeben, 1 im Entwurf, 1 nicht begonnen" in page
    answer = office.post(reverse("surveys:remind", args=[campaign.pk]), {"kommune": [world.kommune_b.pk]})
    job = Job.objects.get(kind="surveys.send_reminders")
    assert answer["Location"] == reverse("jobs:job_detail", args=[job.pk])
    assert mail.outbox == [] and not Reminder.objects.exists()  # nothing sent inside the request
    waiting = office.get(answer["Location"]).content.decode()
    assert "Die Erinnerungen werden versendet." in waiting and "läuft im Hintergrund" in waiting
    work_off()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["kai@example.org"]
    assert mail.outbox[0].body.startswith("Guten Tag Kai Kelster,\n")
    sheet = reverse("surveys:response_detail", args=[campaign.pk, world.kommune_b.pk])
    assert f"Zum Antwortbogen: {settings.IKZ_BASE_URL}{sheet}\n" in mail.outbox[0].body  # the full address
    assert Reminder.objects.get().municipality == world.kommune_b
    job.refresh_from_db()
    assert job.result == "1 Erinnerung an 1 Kommune vorgemerkt"
    page = office.get(reverse("surveys:tracking", args=[campaign.pk])).content.decode()
    assert timezone.localdate().strftime("%d.%m.%Y") in page  # who was reminded, and when
    world.client_for("contact_a").post(
        reverse("surveys:response_submit", args=[campaign.pk, world.kommune_a.pk])
    )
    reopen = reverse("surveys:response_reopen", args=[campaign.pk, world.kommune_a.pk])
    assert world.client_for("contact_a").post(reopen).status_code == 403
    office.post(reopen, {"reason": "Partner fehlt"})
    response = Response.objects.get()
    assert response.status == ResponseStatus.DRAFT and response.reopened_reason == "Partner fehlt"


def test_questionnaire_is_prefilled_from_the_inventory(world: World, campaign: Campaign) -> None:
    from ikz.cooperation.services import ParticipantRow, save_cooperation

    field = CooperationField.objects.get(name="Postverbund")
    save_cooperation(
        world.region, {"field": field, "title": "Postverbund seit 2012"},
        [ParticipantRow(world.kommune_a, "exists")], actor=world.office,
    )  # fmt: skip
    page = world.client_for("contact_a").get(_edit(world, campaign)).content.decode()
    assert 'value="Postverbund seit 2012"' in page


def test_office_builds_a_variant_for_the_kreis(world: World, campaign: Campaign) -> None:
    from ikz.surveys.models import Variant

    field = CooperationField.objects.get(name="Postverbund")
    other_area = TaskArea.objects.create(name="Bauhof", position=2)
    outside = CooperationField.objects.create(task_area=other_area, name="Streusalz", position=1)
    office = world.client_for("office")
    url = reverse("surveys:variant_create", args=[campaign.pk])
    refused = office.post(url, {"name": "Anlage 2 – Kreis", "level": "kreis", "coop_fields": [outside.pk]})
    assert refused.status_code == 200 and not Variant.objects.exists()
    assert (
        office.post(
            url, {"name": "Anlage 2 – Kreis", "level": "kreis", "coop_fields": [field.pk]}
        ).status_code
        == 302
    )
    variant = Variant.objects.get()
    assert (variant.level, list(variant.fields.all())) == ("kreis", [field])
    assert world.client_for("contact_a").get(url).status_code == 403


def test_steering_finds_submitted_sheets_only(world: World, campaign: Campaign) -> None:
    world.client_for("contact_a").post(_edit(world, campaign), _post(world, campaign))
    detail = reverse("surveys:campaign_detail", args=[campaign.pk])
    sheet = reverse("surveys:response_detail", args=[campaign.pk, world.kommune_a.pk])
    steering = world.client_for("steering")
    assert sheet not in steering.get(detail).content.decode()  # a draft is not listed
    world.client_for("contact_a").post(
        reverse("surveys:response_submit", args=[campaign.pk, world.kommune_a.pk])
    )
    assert sheet in steering.get(detail).content.decode()
    assert sheet not in world.client_for("contact_b").get(detail).content.decode()


def test_an_answer_cannot_name_another_regions_cooperation(world: World, campaign: Campaign) -> None:
    """The hidden cooperation id of a prefilled answer is checked: another region's cooperation
    (or an unknown number) is refused, so submitting never joins a cooperation elsewhere."""
    from ikz.municipalities.models import Region

    other = Region.objects.create(name="Andere Region", slug="andere")
    field = CooperationField.objects.get(name="Postverbund")
    foreign = Cooperation.objects.create(region=other, field=field, title="Fremder Verbund")
    client = world.client_for("contact_a")
    for cooperation_id in (foreign.pk, 999999):
        page = client.post(_edit(world, campaign), _post(world, campaign, cooperation_id=cooperation_id))
        assert "gibt es in der Region der Bestandsaufnahme nicht" in page.content.decode()
    assert not Response.objects.exists()
    assert not foreign.participants.exists()


def test_a_tampered_version_is_refused_with_a_message(world: World, campaign: Campaign) -> None:
    response = world.client_for("contact_a").post(
        _edit(world, campaign), _post(world, campaign) | {"version": "abc"}
    )
    assert response.status_code == 400
    assert "Fassung des Formulars ist ungültig" in response.content.decode()
    assert not Response.objects.exists()


def test_an_overlong_reopen_reason_is_refused(world: World, campaign: Campaign) -> None:
    world.client_for("contact_a").post(_edit(world, campaign), _post(world, campaign))
    world.client_for("contact_a").post(
        reverse("surveys:response_submit", args=[campaign.pk, world.kommune_a.pk])
    )
    reopen = reverse("surveys:response_reopen", args=[campaign.pk, world.kommune_a.pk])
    page = world.client_for("office").post(reopen, {"reason": "x" * 301}, follow=True).content.decode()
    assert "höchstens 300 Zeichen" in page
    assert Response.objects.get().status == ResponseStatus.SUBMITTED
