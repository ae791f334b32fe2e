"""The office's side of the portal (decisions 120 and 122): news written, published from a day and
taken back; one page per region that shows and toggles what the public portal shows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.audit.models import AuditEntry
from ikz.cooperation.models import Cooperation, CooperationField, Participant, ParticipantStatus, TaskArea
from ikz.portal import services
from ikz.portal.models import News, PublishedCooperation
from ikz.projects.models import Project
from ikz.test import World

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _cooperation(world: World, title: str) -> Cooperation:
    area, _ = TaskArea.objects.get_or_create(name="Sicherheit und Ordnung", defaults={"position": 1})
    field, _ = CooperationField.objects.get_or_create(
        task_area=area, name="Ordnung", defaults={"position": 1}
    )
    cooperation = Cooperation.objects.create(region=world.region, field=field, title=title, symbol="■")
    Participant.objects.create(
        cooperation=cooperation, municipality=world.kommune_a, status=ParticipantStatus.EXISTS
    )
    return cooperation


def test_office_writes_a_draft_and_publishes_it_for_a_later_day(world: World) -> None:
    office = world.client_for("office")
    slug = world.region.slug
    response = office.post(
        reverse("portal:news_create", args=[slug]),
        {"title": "Gemeinsame Vergabestelle gegründet", "date": TODAY.isoformat(), "text": "Ab sofort."},
    )
    news = News.objects.get(region=world.region)
    assert response["Location"] == reverse("portal:news_edit", args=[slug, news.pk])
    assert (news.slug, news.published) == ("gemeinsame-vergabestelle-gegruendet", False)
    public = Client()
    assert (
        "Gemeinsame Vergabestelle" not in public.get(reverse("portal:region", args=[slug])).content.decode()
    )

    later = TODAY + dt.timedelta(days=10)
    office.post(
        reverse("portal:news_publish", args=[slug, news.pk]),
        {"version": news.version, "veroeffentlichen": "1", "date": later.isoformat()},
    )
    news.refresh_from_db()
    assert news.published and news.date == later
    assert "Gemeinsame Vergabestelle" not in public.get(reverse("portal:index")).content.decode()
    assert public.get(reverse("portal:news_detail", args=[slug, news.slug])).status_code == 404
    listing = office.get(reverse("portal:news_list", args=[slug])).content.decode()
    assert f"erscheint am {later:%d.%m.%Y}" in listing

    office.post(
        reverse("portal:news_publish", args=[slug, news.pk]),
        {"version": news.version, "veroeffentlichen": "1", "date": TODAY.isoformat()},
    )
    assert public.get(reverse("portal:news_detail", args=[slug, news.slug])).status_code == 200
    office.post(
        reverse("portal:news_publish", args=[slug, news.pk]),
        {"version": news.version + 1, "veroeffentlichen": "0"},
    )
    assert public.get(reverse("portal:news_detail", args=[slug, news.slug])).status_code == 404
    messages = list(AuditEntry.objects.filter(object_id=str(news.pk)).values_list("message", flat=True))
    assert (
        f"im Portal veröffentlicht (ab {later:%d.%m.%Y})" in messages
        and "aus dem Portal genommen" in messages
    )


def test_stale_news_edit_is_409_and_keeps_the_first_change(world: World) -> None:
    news = services.save_news(world.region, {"title": "A", "date": TODAY, "text": "eins"}, actor=None)
    url = reverse("portal:news_edit", args=[world.region.slug, news.pk])
    office = world.client_for("office")
    base = {"title": "A", "date": TODAY.isoformat(), "version": "1"}
    assert office.post(url, base | {"text": "zwei"}).status_code == 302
    assert office.post(url, base | {"text": "drei"}).status_code == 409
    news.refresh_from_db()
    assert news.text == "zwei"


def test_titles_make_distinct_addresses(world: World) -> None:
    first = services.save_news(
        world.region, {"title": "Straßenreinigung", "date": TODAY, "text": "x"}, actor=None
    )
    second = services.save_news(
        world.region, {"title": "Straßenreinigung", "date": TODAY, "text": "y"}, actor=None
    )
    assert (first.slug, second.slug) == ("strassenreinigung", "strassenreinigung-2")


def test_publishing_page_toggles_cooperations_and_projects(world: World) -> None:
    shown = _cooperation(world, "Großkontrolle")
    hidden = _cooperation(world, "Geheime Vorplanung")
    project = Project.objects.create(region=world.region, title="Strom- und Gaseinkauf")
    office = world.client_for("office")
    slug = world.region.slug
    office.post(reverse("portal:cooperation_publish", args=[slug, shown.pk]), {"veroeffentlichen": "1"})
    office.post(
        reverse("portal:cooperation_publish", args=[slug, shown.pk]), {"veroeffentlichen": "1"}
    )  # twice
    assert PublishedCooperation.objects.filter(cooperation=shown).count() == 1
    office.post(
        reverse("portal:project_publish", args=[slug, project.pk]),
        {"version": project.version, "veroeffentlichen": "1"},
    )
    public = Client().get(reverse("portal:region", args=[slug])).content.decode()
    assert (
        "Großkontrolle" in public and "Geheime Vorplanung" not in public and "Strom- und Gaseinkauf" in public
    )
    page = office.get(reverse("portal:publishing", args=[slug])).content.decode()
    assert f"im Portal seit {TODAY:%d.%m.%Y}" in page
    office.post(reverse("portal:cooperation_publish", args=[slug, shown.pk]), {"veroeffentlichen": "0"})
    assert not PublishedCooperation.objects.filter(cooperation=shown).exists()
    assert AuditEntry.objects.filter(action="delete", object_repr="Großkontrolle").exists()
    bad = office.post(
        reverse("portal:cooperation_publish", args=[slug, hidden.pk]), {"veroeffentlichen": "ja"}
    )
    assert bad.status_code == 302 and not PublishedCooperation.objects.filter(cooperation=hidden).exists()


def test_another_regions_office_and_contacts_are_refused(world: World) -> None:
    cooperation = _cooperation(world, "Großkontrolle")
    url = reverse("portal:cooperation_publish", args=[world.region.slug, cooperation.pk])
    for persona in ("steering", "contact_a", "member"):
        assert world.client_for(persona).post(url, {"veroeffentlichen": "1"}).status_code == 403
    assert not PublishedCooperation.objects.exists()


def test_publishing_page_queries_do_not_grow(world: World) -> None:
    office = world.client_for("office")
    url = reverse("portal:publishing", args=[world.region.slug])
    _cooperation(world, "K0")
    services.save_news(world.region, {"title": "N0", "date": TODAY, "text": "x"}, actor=None)
    office.get(url)
    with CaptureQueriesContext(connection) as few:
        office.get(url)
    for i in range(1, 15):
        cooperation = _cooperation(world, f"K{i}")
        services.set_cooperation_published(cooperation, i % 2 == 0, actor=None)
        news = services.save_news(world.region, {"title": f"N{i}", "date": TODAY, "text": "x"}, actor=None)
        services.set_news_published(news, True, expected_version=news.version, actor=None)
        Project.objects.create(region=world.region, title=f"P{i}")
    with CaptureQueriesContext(connection) as many:
        response = office.get(url)
    assert response.status_code == 200 and "K14" in response.content.decode()
    assert len(many) == len(few)
