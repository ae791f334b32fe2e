"""Opening a survey tells the region's contact persons: inbox and e-mail, as each chose (issue 19, 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from ikz.accounts.models import Role
from ikz.audit.models import AuditEntry
from ikz.jobs.services import work_off
from ikz.notifications.models import Kind, Notification, Preference
from ikz.notifications.services import send_due
from ikz.surveys import services
from ikz.surveys.models import Campaign, CampaignStatus
from ikz.test import World, make_user

pytestmark = pytest.mark.django_db

VALUES = {
    "title": "Bestandsaufnahme 2027",
    "introduction": "",
    "period_start": dt.date(2026, 1, 1),
    "period_end": dt.date(2026, 12, 31),
    "deadline": dt.date(2099, 3, 31),
    "allow_late": True,
}


def _form(campaign: Campaign | None = None, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        **{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in VALUES.items()},
        "status": CampaignStatus.DRAFT,
    }
    if campaign is not None:
        data["version"] = campaign.version
    data.update(changes)
    if data.get("allow_late") is False:
        data.pop("allow_late")
    return data


def test_opening_notifies_every_contact_of_the_region_once(world: World) -> None:
    campaign = services.create_campaign(
        world.region, VALUES | {"status": CampaignStatus.DRAFT}, [], actor=world.office
    )
    assert not Notification.objects.exists()  # a draft tells nobody

    saved = services.update_campaign(
        campaign, VALUES | {"status": CampaignStatus.OPEN}, [], expected_version=campaign.version,
        actor=world.office,
    )  # fmt: skip
    notes = {n.user_id: n for n in Notification.objects.filter(kind=Kind.SURVEY_OPENED)}
    # the contacts of both member municipalities; not the office, the steering group or a member
    assert set(notes) == {world.contact_a.pk, world.contact_b.pk}
    note = notes[world.contact_a.pk]
    assert "Bestandsaufnahme 2027" in note.text and "Raunheim" in note.text and "31.03.2099" in note.text
    assert note.link == reverse("surveys:response_detail", args=[campaign.pk, world.kommune_a.pk])
    assert note.in_app and note.email_due
    assert AuditEntry.objects.filter(
        object_id=str(campaign.pk), message__contains="2 Benachrichtigungen"
    ).exists()

    # closing and opening again tells nobody twice
    closed = services.update_campaign(
        saved, VALUES | {"status": CampaignStatus.CLOSED}, [], expected_version=saved.version,
        actor=world.office,
    )  # fmt: skip
    services.update_campaign(
        closed, VALUES | {"status": CampaignStatus.OPEN}, [], expected_version=closed.version,
        actor=world.office,
    )  # fmt: skip
    assert Notification.objects.filter(kind=Kind.SURVEY_OPENED).count() == 2


def test_each_person_gets_it_as_they_chose_and_the_mail_leaves_through_the_outbox(world: World) -> None:
    for user in (world.contact_a, world.contact_b):
        user.email = f"{user.username}@example.org"
        user.save()
    Preference.objects.create(user=world.contact_b, kind=Kind.SURVEY_OPENED, in_app=True, email=False)
    inactive = make_user("alt", Role.CONTACT, municipality=world.kommune_a)
    inactive.is_active = False
    inactive.save()
    services.create_campaign(world.region, VALUES | {"status": CampaignStatus.OPEN}, [], actor=world.office)
    assert len(mail.outbox) == 0  # nothing is sent inside the request
    by_user = {n.user_id: n for n in Notification.objects.all()}
    assert inactive.pk not in by_user
    assert by_user[world.contact_b.pk].in_app and not by_user[world.contact_b.pk].email_due

    send_due(dt.date(2026, 1, 5))
    assert mail.outbox == []  # queued; the queue's worker sends it
    work_off()
    assert [m.to for m in mail.outbox] == [[world.contact_a.email]]
    assert "Bestandsaufnahme 2027" in mail.outbox[0].subject


def test_the_office_opens_a_survey_on_its_page_and_the_contact_finds_it_in_the_inbox(world: World) -> None:
    office = world.client_for("office")
    create = reverse("surveys:campaign_create", args=[world.region.slug])
    assert office.post(create, _form()).status_code == 302
    campaign = Campaign.objects.get()
    assert not Notification.objects.exists()
    edit = reverse("surveys:campaign_edit", args=[campaign.pk])
    assert office.post(edit, _form(campaign, status=CampaignStatus.OPEN)).status_code == 302

    inbox = world.client_for("contact_a").get(reverse("notifications:inbox")).content.decode()
    assert "Bestandsaufnahme 2027" in inbox
    assert reverse("surveys:response_detail", args=[campaign.pk, world.kommune_a.pk]) in inbox
