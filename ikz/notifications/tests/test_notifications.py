"""send_notifications (sent once, dry run, preferences), the inbox, the calendar feed."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.cooperation.models import CooperationField, TaskArea
from ikz.interests.models import CallStatus, InterestCall
from ikz.jobs.services import work_off
from ikz.network.models import Solution
from ikz.notifications import services
from ikz.notifications.models import Kind, Notification, Preference
from ikz.surveys.models import Campaign, CampaignStatus
from ikz.test import World

TODAY = dt.date(2026, 12, 1)


def _campaign(world: World, deadline: dt.date = dt.date(2026, 12, 5)) -> Campaign:
    return Campaign.objects.create(
        region=world.region,
        title="Bestandsaufnahme 2026",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        deadline=deadline,
        status=CampaignStatus.OPEN,
    )


def _call(world: World) -> InterestCall:
    return InterestCall.objects.create(
        region=world.region, title="Aufruf 2026", deadline=dt.date(2026, 12, 7), status=CallStatus.OPEN
    )


@pytest.fixture
def emails(world: World) -> None:
    for user in (world.contact_a, world.contact_b):
        user.email = f"{user.username}@example.org"
        user.save()


@pytest.mark.django_db
def test_deadlines_are_sent_once_to_the_contacts(world: World, emails: None) -> None:
    _campaign(world)
    _call(world)
    run = services.send_due(TODAY)
    assert {(n.user.username, n.kind) for n in run.created} == {
        ("contact_a", Kind.SURVEY_DEADLINE),
        ("contact_b", Kind.SURVEY_DEADLINE),
        ("contact_a", Kind.INTEREST_DEADLINE),
        ("contact_b", Kind.INTEREST_DEADLINE),
        ("member", Kind.SURVEY_DEADLINE),  # the test member belongs to Kommune A
        ("member", Kind.INTEREST_DEADLINE),
    }
    assert run.mailed == 4  # the member has no e-mail address
    assert mail.outbox == []  # queued, sent by the queue's workers
    assert work_off() == 4
    assert sum("Rücklauffrist am 05.12.2026" in m.body for m in mail.outbox) == 2
    # one person per message, greeted by name where known, with the full address of the page
    assert all(len(m.to) == 1 for m in mail.outbox)
    for message in mail.outbox:
        person = world.contact_a if message.to == [world.contact_a.email] else world.contact_b
        name = person.get_full_name()
        assert message.body.startswith(f"Guten Tag {name},\n" if name else "Guten Tag,\n")
        assert f"\n{settings.IKZ_BASE_URL}/" in message.body
    sent = Notification.objects.filter(emailed_at__isnull=False)
    assert {n.user.username for n in sent} == {"contact_a", "contact_b"} and sent.count() == 4
    member = Notification.objects.filter(user=world.member)
    assert not member.filter(email_due=True).exists() and not member.filter(emailed_at__isnull=False).exists()
    again = services.send_due(TODAY)
    assert again.created == [] and again.mailed == 0
    assert work_off() == 0 and len(mail.outbox) == 4


@pytest.mark.django_db
def test_deadlines_outside_the_window_are_not_due(world: World) -> None:
    _campaign(world, deadline=dt.date(2027, 3, 1))
    assert services.send_due(TODAY).created == []


@pytest.mark.django_db
def test_dry_run_writes_and_sends_nothing(
    world: World, emails: None, capsys: pytest.CaptureFixture[str]
) -> None:
    _campaign(world)
    call_command("send_notifications", "--dry-run")
    assert Notification.objects.count() == 0 and mail.outbox == []


@pytest.mark.django_db
def test_preferences_decide_inbox_and_mail(world: World, emails: None) -> None:
    Preference.objects.create(user=world.contact_a, kind=Kind.SURVEY_DEADLINE, in_app=False, email=False)
    _campaign(world)
    services.send_due(TODAY)
    work_off()
    mine = Notification.objects.get(user=world.contact_a)
    assert (
        not mine.in_app and not mine.email_due
    )  # recorded (so never sent later), but neither shown nor mailed
    assert [m.to for m in mail.outbox] == [["contact_b@example.org"]]
    inbox = world.client_for("contact_a").get(reverse("notifications:inbox"))
    assert "Bestandsaufnahme 2026" not in inbox.content.decode()


@pytest.mark.django_db
def test_stale_entries_remind_their_owners(world: World) -> None:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten")
    field = CooperationField.objects.create(task_area=area, name="Beschaffung")
    Solution.objects.create(
        title="Vergabezentrum",
        description="x",
        field=field,
        owner=world.kommune_b,
        contact="y",
        last_confirmed=dt.date(2025, 1, 1),
    )
    run = services.send_due(TODAY)
    assert [(n.user.username, n.kind) for n in run.created] == [("contact_b", Kind.STALE_ENTRY)]
    assert "zuletzt bestätigt am 01.01.2025" in run.created[0].text


@pytest.mark.django_db
def test_inbox_shows_and_marks_read(world: World) -> None:
    _campaign(world)
    services.send_due(TODAY)
    client = world.client_for("contact_b")
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Bestandsaufnahme „Bestandsaufnahme 2026“: Rücklauffrist am 05.12.2026" in page
    own = Notification.objects.get(user=world.contact_b)
    other = Notification.objects.get(user=world.contact_a)
    client.post(reverse("notifications:mark_read"), {"ids": [own.pk, other.pk]})
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.read_at is not None and other.read_at is None  # nobody marks someone else's


@pytest.mark.django_db
def test_calendar_feed_parses_and_holds_the_dates(world: World) -> None:
    _campaign(world)
    _call(world)
    client = world.client_for("contact_a")
    response = client.post(reverse("notifications:calendar"))
    url = response.context["url"]
    feed = client.get(url.removeprefix("http://testserver"))
    assert feed["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.content)
    events = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in calendar.walk("VEVENT")}
    assert events == {
        "Rücklauffrist: Bestandsaufnahme 2026": dt.date(2026, 12, 5),
        "Frist Interessenbekundung: Aufruf 2026": dt.date(2026, 12, 7),
    }


@pytest.mark.django_db
def test_renewing_the_calendar_address_stops_the_old_one(world: World) -> None:
    old = services.renew_calendar_token(world.contact_a, actor=world.contact_a)
    new = services.renew_calendar_token(world.contact_a, actor=world.contact_a)
    client = world.client_for("anonymous")
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200
    assert client.get(reverse("calendar_feed", args=["geraten"])).status_code == 404
    from ikz.notifications.models import CalendarFeed

    assert new not in CalendarFeed.objects.get().token_hash  # only the hash is stored


@pytest.mark.django_db
def test_a_calendar_holds_only_the_persons_own_dates(world: World) -> None:
    from ikz.municipalities.models import Region

    other = Region.objects.create(name="IKZ Wetteraukreis", slug="wetterau")
    Campaign.objects.create(
        region=other,
        title="Fremde Erhebung",
        period_start=TODAY,
        period_end=TODAY,
        deadline=TODAY,
        status=CampaignStatus.OPEN,
    )
    token = services.renew_calendar_token(world.contact_b, actor=world.contact_b)
    feed = world.client_for("anonymous").get(reverse("calendar_feed", args=[token])).content.decode()
    assert "Fremde Erhebung" not in feed


@pytest.mark.django_db
def test_inbox_queries_do_not_grow(world: World) -> None:
    from ikz.notifications.registry import Item

    client = world.client_for("contact_a")
    services.notify([Item(world.contact_a.pk, Kind.OTHER, "Hinweis 0", "/", "k0")])
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications:inbox"))
    services.notify(
        [Item(world.contact_a.pk, Kind.OTHER, f"Hinweis {i}", "/", f"k{i}") for i in range(1, 40)]
    )
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Hinweis 39" in page and "Seite 1 von 2" in page
    assert len(many) == len(few)
