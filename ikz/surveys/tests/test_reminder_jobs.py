"""Survey reminders as one job: a double click queues it once, a worker that restarts in the middle
reminds no municipality twice, a deleted survey ends the job with its reason, and with two workers on
PostgreSQL every municipality gets its reminder exactly once. Each address gets a message of its
own, the result counts the messages and names the municipalities without an address."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core import mail
from django.urls import reverse

from ikz.jobs.models import Job, JobStatus
from ikz.jobs.services import work_off
from ikz.municipalities.models import ContactPerson, Kind, Level, Municipality, RegionMember
from ikz.notifications.models import Mail
from ikz.notifications.tests.parallel import needs_postgresql, side_by_side
from ikz.surveys import reminders
from ikz.surveys.models import Campaign, CampaignStatus, Reminder
from ikz.test import World, build_world, make_unit


def _campaign(world: World) -> Campaign:
    return Campaign.objects.create(
        region=world.region,
        title="Bestandsaufnahme 2026",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        deadline=dt.date(2099, 1, 31),
        status=CampaignStatus.OPEN,
    )


def _members(world: World, n: int) -> list[Municipality]:
    """``n`` more member municipalities of the region, each with one contact person."""
    units = []
    for i in range(n):
        unit = make_unit(f"0643390{i:02d}", f"Gemeinde {i:02d}", Level.GEMEINDE, Kind.GEMEINDE, world.kreis)
        RegionMember.objects.create(
            region=world.region, municipality=unit, position=10 + i, short_label=f"G{i}"
        )
        ContactPerson.objects.create(municipality=unit, name=f"Kontakt {i}", email=f"kontakt{i}@example.org")
        units.append(unit)
    return units


@pytest.mark.django_db
def test_a_double_click_queues_one_job(world: World) -> None:
    campaign = _campaign(world)
    units = _members(world, 2)
    job, new = reminders.queue_reminders(campaign, units, actor=world.office)
    again, new_again = reminders.queue_reminders(campaign, list(reversed(units)), actor=world.office)
    assert (new, new_again, again.pk) == (True, False, job.pk)
    assert (job.region_id, job.created_by) == (world.region.pk, world.office)
    assert Reminder.objects.count() == 0 and mail.outbox == []
    assert work_off() == 3  # the reminders' job, then one mail per municipality
    assert sorted(m.to[0] for m in mail.outbox) == ["kontakt0@example.org", "kontakt1@example.org"]
    job.refresh_from_db()
    assert (job.status, job.result) == (JobStatus.DONE, "2 Erinnerungen an 2 Kommunen vorgemerkt")
    assert {r.sent_by for r in Reminder.objects.all()} == {world.office}


@pytest.mark.django_db
def test_a_worker_restart_in_the_middle_reminds_nobody_twice(world: World) -> None:
    campaign = _campaign(world)
    units = _members(world, 3)
    job, _new = reminders.queue_reminders(campaign, units, actor=world.office)
    # the first worker reminded the first municipality and then died, before the job was done
    reminders.send_reminders(campaign, units[:1], actor=world.office, run=f"job:{job.pk}")
    work_off()
    assert Counter(r.municipality_id for r in Reminder.objects.all()) == {u.pk: 1 for u in units}
    assert Mail.objects.count() == 3
    assert Counter(m.to[0] for m in mail.outbox) == {f"kontakt{i}@example.org": 1 for i in range(3)}
    job.refresh_from_db()
    assert job.result == "3 Erinnerungen an 3 Kommunen vorgemerkt"


@pytest.mark.django_db
def test_a_deleted_survey_ends_the_job_with_its_reason(world: World) -> None:
    campaign = _campaign(world)
    job, _new = reminders.queue_reminders(campaign, _members(world, 1), actor=world.office)
    campaign.delete()
    work_off()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 1)
    assert job.reason == "Die Bestandsaufnahme wurde inzwischen gelöscht." and mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_remind_every_municipality_exactly_once() -> None:
    needs_postgresql()
    world = build_world()
    campaign = _campaign(world)
    units = _members(world, 12)
    job, _new = reminders.queue_reminders(campaign, units, actor=world.office)
    # both workers start at once; one takes the reminders' job, then both send the mails
    first = side_by_side(lambda: work_off(worker="a"), lambda: work_off(worker="b"))
    then = side_by_side(lambda: work_off(worker="a"), lambda: work_off(worker="b"))
    assert sum(first) + sum(then) == 1 + 12  # every job ran once
    assert Counter(m.to[0] for m in mail.outbox) == {f"kontakt{i}@example.org": 1 for i in range(12)}
    assert Counter(r.municipality_id for r in Reminder.objects.all()) == {u.pk: 1 for u in units}
    assert not Job.objects.exclude(status=JobStatus.DONE).exists()
    assert Job.objects.get(pk=job.pk).result == "12 Erinnerungen an 12 Kommunen vorgemerkt"


@pytest.mark.django_db
def test_every_address_gets_its_own_mail_with_its_greeting_and_the_questionnaire(
    world: World, settings
) -> None:
    """Two people of one town hall (a contact person, a contact account; one address written twice
    in another case) and a town hall without any address: two messages, one To: each, each greeting
    its person and linking to that municipality's questionnaire; the result counts two reminders
    and names the other town hall as not reached; the Rücklauf says so too."""
    campaign = _campaign(world)
    first, nobody = _members(world, 2)
    ContactPerson.objects.filter(municipality=nobody).delete()
    ContactPerson.objects.create(municipality=first, name="Erika Muster", email="Erika@Example.org")
    ContactPerson.objects.create(municipality=first, name="Zweiter Eintrag", email="erika@example.org")
    job, _new = reminders.queue_reminders(campaign, [first, nobody], actor=world.office)
    work_off()
    assert sorted(m.to for m in mail.outbox) == [["Erika@Example.org"], ["kontakt0@example.org"]]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    erika = next(m for m in mail.outbox if m.to == ["Erika@Example.org"])
    other = next(m for m in mail.outbox if m.to == ["kontakt0@example.org"])
    assert erika.body.startswith("Guten Tag Erika Muster,\n") and other.body.startswith(
        "Guten Tag Kontakt 0,\n"
    )
    sheet = f"{settings.IKZ_BASE_URL}{reverse('surveys:response_detail', args=[campaign.pk, first.pk])}"
    assert sheet.startswith("http") and all(f"Zum Antwortbogen: {sheet}\n" in m.body for m in mail.outbox)
    job.refresh_from_db()
    assert job.result == (
        f"2 Erinnerungen an 1 Kommune vorgemerkt; nicht erreicht: {nobody.name} (keine Adresse)"
    )
    assert job.result_link == reverse("surveys:tracking", args=[campaign.pk])
    assert [r.municipality for r in Reminder.objects.all()] == [first]  # not counted as reminded
    assert Mail.objects.count() == len(mail.outbox) == 2
    page = world.client_for("office").get(job.result_link).content.decode()
    assert "Nicht erreichbar (keine E-Mail-Adresse hinterlegt" in page and nobody.name in page
    assert "(nicht erreichbar: keine Adresse)" in page


@pytest.mark.django_db
def test_a_run_again_counts_the_messages_it_queued_before(world: World) -> None:
    campaign = _campaign(world)
    units = _members(world, 2)
    ContactPerson.objects.create(municipality=units[0], name="Zweite Person", email="zwei@example.org")
    first = reminders.send_reminders(campaign, units, actor=world.office, run="job:x")
    again = reminders.send_reminders(campaign, units, actor=world.office, run="job:x")
    assert (first.mails, again.mails, len(again.reminders)) == (3, 3, 2)
    assert again.summary() == "3 Erinnerungen an 2 Kommunen vorgemerkt"
    assert Mail.objects.count() == 3
