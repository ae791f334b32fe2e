"""The meeting pages as their users see them: what a contact of a member municipality may read
(public items only, minutes once approved), a stale result form (409, nothing written), the
calendar entry, and query counts that do not grow with the number of items, members and councils."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ikz.meetings import services
from ikz.meetings.models import AgendaItem
from ikz.meetings.tests.helpers import meeting_of, setting
from ikz.test import World


def _queries(client: object, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)  # type: ignore[attr-defined]
    assert response.status_code == 200, url
    return len(captured)


def test_contacts_read_public_items_and_approved_minutes_only(world: World) -> None:
    s = setting(world)
    meeting = meeting_of(s.steering_group, world)
    services.add_agenda_item(meeting, {"name": "Bericht"}, actor=world.office)
    services.add_agenda_item(meeting, {"name": "Personalangelegenheit", "public": False}, actor=world.office)
    meeting.refresh_from_db()
    meeting = services.invite(meeting, expected_version=meeting.version, actor=world.office)
    meeting = services.hold_meeting(
        meeting, "Vertraulicher Entwurf", expected_version=meeting.version, actor=world.office
    )
    url = meeting.get_absolute_url()
    office_page = world.client_for("office").get(url).content.decode()
    contact_page = world.client_for("contact_b").get(url).content.decode()
    assert "Personalangelegenheit" in office_page and "Vertraulicher Entwurf" in office_page
    assert "Personalangelegenheit" not in contact_page and "Vertraulicher Entwurf" not in contact_page
    assert "Ergebnis erfassen" not in contact_page  # no buttons for readers
    hidden = AgendaItem.objects.get(name="Personalangelegenheit")
    assert (
        world.client_for("contact_b").get(reverse("meetings:item_result", args=[hidden.pk])).status_code
        == 404
    )

    ics = world.client_for("steering").get(reverse("meetings:meeting_ics", args=[meeting.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert "BEGIN:VEVENT" in body and f"DTSTART;VALUE=DATE:{timezone.localtime(meeting.start):%Y%m%d}" in body
    assert "SUMMARY:IKZ-Lenkungsgruppe" in body


def test_a_stale_result_form_answers_409_and_writes_nothing(world: World) -> None:
    s = setting(world)
    meeting = meeting_of(s.steering_group, world)
    item = services.add_agenda_item(
        meeting, {"name": "Priorisierung", "project": s.project}, actor=world.office
    )
    meeting.refresh_from_db()
    meeting = services.invite(meeting, expected_version=meeting.version, actor=world.office)
    services.hold_meeting(meeting, "Niederschrift", expected_version=meeting.version, actor=world.office)
    item.refresh_from_db()
    stale = item.version
    services.record_result(item, {"result": "deferred"}, expected_version=stale, actor=world.office)
    url = reverse("meetings:item_result", args=[item.pk])
    response = world.client_for("office").post(
        url, {"version": stale, "result": "adopted", "resolution_text": "Priorisiert"}
    )
    assert response.status_code == 409
    item.refresh_from_db()
    assert item.result == "deferred" and item.decision is None


def test_page_queries_do_not_grow(world: World) -> None:
    s = setting(world)
    meeting = meeting_of(s.steering_group, world)
    paper = services.create_paper(
        world.region,
        {
            "reference": "V-1",
            "name": "Vereinbarung",
            "date": dt.date(2026, 1, 5),
            "subject": "agreement",
            "text": "x",
        },
        actor=world.office,
    )
    services.add_agenda_item(meeting, {"name": "TOP", "project": s.project}, actor=world.office, paper=paper)
    services.add_councils(paper, [world.kommune_a.pk], actor=world.office)
    office = world.client_for("office")
    urls = [
        meeting.get_absolute_url(),
        paper.get_absolute_url(),
        s.steering_group.get_absolute_url(),
        reverse("meetings:region_detail", args=[world.region.slug]),
        reverse("meetings:actions", args=[world.region.slug]),
        reverse("meetings:agenda_add", args=[meeting.pk]),
    ]
    before = {url: _queries(office, url) for url in urls}
    for n in range(8):
        services.add_agenda_item(meeting, {"name": f"Punkt {n}", "project": s.project}, actor=world.office)
        services.add_member(s.steering_group, {"name": f"Mitglied {n}"}, actor=world.office)
        services.create_meeting(
            s.steering_group, {"start": timezone.now() + dt.timedelta(days=n + 1)}, actor=world.office
        )
    services.add_councils(paper, [world.kommune_b.pk, s.third.pk], actor=world.office)
    after = {url: _queries(office, url) for url in urls}
    assert after == before


def test_overdue_actions_are_a_task_on_the_office_start_page(world: World) -> None:
    s = setting(world)
    meeting = meeting_of(s.steering_group, world, hours_ago=72)
    item = services.add_agenda_item(
        meeting, {"name": "Bericht zur Informationssicherheit"}, actor=world.office
    )
    meeting.refresh_from_db()
    meeting = services.invite(meeting, expected_version=meeting.version, actor=world.office)
    services.hold_meeting(meeting, "Niederschrift", expected_version=meeting.version, actor=world.office)
    item.refresh_from_db()
    services.record_result(
        item,
        {
            "result": "adopted",
            "resolution_text": "Die Geschäftsstelle legt einen Entwurf vor.",
            "responsible": "Geschäftsstelle",
            "due_on": timezone.localdate() - dt.timedelta(days=1),
        },
        expected_version=item.version,
        actor=world.office,
    )
    start = world.client_for("office").get("/").content.decode()
    url = reverse("meetings:actions", args=[world.region.slug]) + "?ueberfaellig=1"
    assert "Überfällige Aufträge aus Beschlüssen: IKZ Testregion" in start and url in start
    listed = world.client_for("office").get(url).content.decode()
    assert "Die Geschäftsstelle legt einen Entwurf vor." in listed and "überfällig seit" in listed
    assert "Überfällige Aufträge" not in world.client_for("steering").get("/").content.decode()
