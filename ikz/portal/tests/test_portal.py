"""The public portal: only what the office published; nothing internal leaks; constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.cooperation.models import Cooperation, CooperationField, Participant, ParticipantStatus, TaskArea
from ikz.documents.models import Visibility
from ikz.documents.tests.factories import make_document
from ikz.portal.models import News, PublishedCooperation
from ikz.search import index
from ikz.test import World


def _cooperation(world: World, title: str, field: CooperationField, publish: bool) -> Cooperation:
    cooperation = Cooperation.objects.create(region=world.region, field=field, title=title, symbol="■")
    Participant.objects.create(
        cooperation=cooperation, municipality=world.kommune_a, status=ParticipantStatus.EXISTS
    )
    Participant.objects.create(
        cooperation=cooperation, municipality=world.kommune_b, status=ParticipantStatus.PLANNED
    )
    if publish:
        PublishedCooperation.objects.create(cooperation=cooperation)
    index.refresh(cooperation)
    return cooperation


@pytest.fixture
def portal(world: World) -> World:
    area = TaskArea.objects.create(name="Sicherheit und Ordnung")
    field = CooperationField.objects.create(task_area=area, name="Ordnungsbehördliche Zusammenarbeit")
    _cooperation(world, "Großkontrolle Prostitution", field, publish=True)
    _cooperation(world, "Geheime Vorplanung", field, publish=False)
    make_document(
        "Im Verbund kostengünstiger", "Presse Beschaffung", visibility=Visibility.PUBLIC, region=world.region
    )
    make_document(
        "Interner Vermerk",
        "Beschaffung intern",
        visibility=Visibility.INTERNAL,
        region=world.region,
        owner=world.kommune_a,
    )
    make_document("Regionsbericht", "Beschaffung Region", visibility=Visibility.REGION, region=world.region)
    make_document(
        "Mitgliederbrief", "Beschaffung Mitglieder", visibility=Visibility.MEMBERS, region=world.region
    )
    News.objects.create(
        region=world.region,
        title="Charta unterzeichnet",
        slug="charta",
        date=dt.date(2014, 3, 1),
        text="x",
        published=True,
    )
    News.objects.create(
        region=world.region, title="Entwurf einer Meldung", slug="entwurf", date=dt.date(2026, 1, 1), text="x"
    )
    return world


@pytest.mark.django_db
def test_region_page_shows_only_published_things(portal: World) -> None:
    page = (
        portal.client_for("anonymous")
        .get(reverse("portal:region", args=[portal.region.slug]))
        .content.decode()
    )
    assert "Großkontrolle Prostitution" in page and "Raunheim, Stadt" in page
    assert "Kelsterbach" not in page  # only planned there, the portal lists existing participation
    assert "Im Verbund kostengünstiger" in page and "Charta unterzeichnet" in page
    for secret in (
        "Geheime Vorplanung",
        "Interner Vermerk",
        "Regionsbericht",
        "Mitgliederbrief",
        "Entwurf einer Meldung",
    ):
        assert secret not in page, secret


@pytest.mark.django_db
def test_portal_search_finds_public_things_only(portal: World) -> None:
    client = portal.client_for("anonymous")
    page = client.get(reverse("portal:search"), {"q": "Beschaffungen"}).content.decode()
    assert "Im Verbund kostengünstiger" in page
    for secret in ("Interner Vermerk", "Regionsbericht", "Mitgliederbrief"):
        assert secret not in page
    page = client.get(reverse("portal:search"), {"q": "Vorplanung"}).content.decode()
    assert "Geheime Vorplanung" not in page and "0 Treffer" in page
    page = client.get(reverse("portal:search"), {"q": "Großkontrolle"}).content.decode()
    assert "<mark>Großkontrolle</mark> Prostitution" in page
    assert "Kelsterbach" not in page  # planned participation is not published


@pytest.mark.django_db
def test_internal_files_and_draft_news_are_404_on_the_portal(portal: World) -> None:
    from ikz.documents.models import Document

    client = portal.client_for("contact_a")  # even a person who may see it inside the platform
    internal = Document.objects.get(title="Interner Vermerk")
    assert client.get(reverse("portal:document_download", args=[internal.pk])).status_code == 404
    assert client.get(reverse("portal:news_detail", args=[portal.region.slug, "entwurf"])).status_code == 404
    public = Document.objects.get(title="Im Verbund kostengünstiger")
    response = portal.client_for("anonymous").get(reverse("portal:document_download", args=[public.pk]))
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.django_db
def test_region_page_queries_do_not_grow(portal: World) -> None:
    client = portal.client_for("anonymous")
    url = reverse("portal:region", args=[portal.region.slug])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    field = CooperationField.objects.first()
    assert field is not None
    for i in range(30):
        _cooperation(portal, f"Kooperation {i}", field, publish=True)
        make_document(f"Download {i}", "x", region=portal.region)
        News.objects.create(
            region=portal.region,
            title=f"N {i}",
            slug=f"n-{i}",
            date=dt.date(2020, 1, 1),
            text="x",
            published=True,
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "Kooperation 29" in page and "Download 29" in page
    assert len(many) == len(few)


@pytest.mark.django_db
def test_region_page_as_of_a_day_shows_what_existed_then(portal: World) -> None:
    field = CooperationField.objects.first()
    vergabe = _cooperation(portal, "Kommunales Vergabezentrum", field, publish=True)  # type: ignore[arg-type]
    Cooperation.objects.filter(pk=vergabe.pk).update(started_on=dt.date(2017, 7, 1))
    client = portal.client_for("anonymous")
    url = reverse("portal:region", args=[portal.region.slug])
    today = client.get(url).content.decode()
    assert "Kommunales Vergabezentrum" in today and "01.07.2017" in today
    with CaptureQueriesContext(connection) as now:
        client.get(url)
    with CaptureQueriesContext(connection) as then:
        page = client.get(url, {"stand": "2013-06-30"}).content.decode()
    assert len(then) == len(now)
    assert "Stand: 30.06.2013" in page
    assert "Kommunales Vergabezentrum" not in page
    assert "Großkontrolle Prostitution" in page  # no dates recorded: shown as today
    assert "Charta unterzeichnet" not in page  # news of 2014
    assert "Geheime Vorplanung" not in page
