"""The page cache (decision 205) as users meet it: a stored page is answered again until the next
recorded change, then the change shows; people who may see different things never get each
other's page; a page as of a past Stand has its own entry; a stored page's forms work in another
session; a pending message is never swallowed; a stored page costs the same few queries however
much data there is."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.cooperation.models import Cooperation, CooperationField, Participant, ParticipantStatus, TaskArea
from ikz.documents.models import Visibility
from ikz.documents.tests.factories import make_document
from ikz.jobs import services as jobs
from ikz.jobs.models import Job
from ikz.municipalities.models import Region
from ikz.municipalities.services.masterdata import create_region
from ikz.pagecache import rules
from ikz.pagecache import services as pagecache_services
from ikz.portal.services import set_cooperation_published
from ikz.search import index
from ikz.search.forms import SearchForm
from ikz.test import World


def _page(response: Any) -> str:
    """The page without its CSRF tokens (fresh in every answer, stored or not)."""
    return rules.CSRF_VALUE.sub("", response.content.decode())


@pytest.fixture
def cached(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page cache on, in this process's memory (the folder of the default is shared by parallel
    test processes). The test's transaction never commits: the new generation, written after the
    commit in production (decision 208), is written at once here."""
    monkeypatch.setattr(pagecache_services, "on_commit", lambda callback: callback())
    settings.IKZ_PAGE_CACHE = settings.IKZ_READ_CACHE = True
    pages = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-pages"}
    settings.CACHES = {**settings.CACHES, "pages": pages}
    caches["pages"].clear()


def _cooperation(world: World, title: str) -> Cooperation:
    area, _ = TaskArea.objects.get_or_create(name="Sicherheit und Ordnung")
    field, _ = CooperationField.objects.get_or_create(
        task_area=area, name="Ordnungsbehördliche Zusammenarbeit"
    )
    cooperation = Cooperation.objects.create(region=world.region, field=field, title=title, symbol="■")
    Participant.objects.create(
        cooperation=cooperation, municipality=world.kommune_a, status=ParticipantStatus.EXISTS
    )
    index.refresh(cooperation)
    return cooperation


@pytest.mark.django_db
def test_a_recorded_change_shows_on_the_next_request(world: World, cached: None) -> None:
    cooperation = _cooperation(world, "Großkontrolle Prostitution")
    client = world.client_for("anonymous")
    url = reverse("portal:region", args=[world.region.slug])
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss" and "Großkontrolle" not in first.content.decode()
    again = client.get(url)
    assert again["X-Page-Cache"] == "hit" and _page(again) == _page(first)
    # the office publishes it (a service with its audit entry): the very next request shows it
    set_cooperation_published(cooperation, True, actor=world.office)
    shown = client.get(url)
    assert shown["X-Page-Cache"] == "miss" and "Großkontrolle Prostitution" in shown.content.decode()
    # ... and the portal search, cached before the change under the old generation, finds it now
    search = reverse("portal:search")
    assert "Großkontrolle" in client.get(search, {"q": "Großkontrolle"}).content.decode()
    set_cooperation_published(cooperation, False, actor=world.office)
    assert "Großkontrolle" not in client.get(url).content.decode()
    assert "0 Treffer" in client.get(search, {"q": "Großkontrolle"}).content.decode()


@pytest.mark.django_db
def test_people_who_see_different_things_never_share_a_page(world: World, cached: None) -> None:
    make_document(
        "Interner Vermerk Raunheim",
        "Beschaffung intern",
        visibility=Visibility.INTERNAL,
        region=world.region,
        owner=world.kommune_a,
    )
    url = reverse("search:search") + "?q=Beschaffung"
    own, other, anonymous = (world.client_for(p) for p in ("contact_a", "contact_b", "anonymous"))
    assert "Interner Vermerk Raunheim" in own.get(url).content.decode()
    assert own.get(url)["X-Page-Cache"] == "hit"
    page = other.get(url)
    assert page["X-Page-Cache"] == "miss" and "Interner Vermerk Raunheim" not in page.content.decode()
    assert anonymous.get(url).status_code == 302  # to the login, never the stored page
    # the start page: a visitor without login gets the welcome, a contact their tasks
    home = reverse("home")
    assert "Willkommen auf der IKZ-Plattform" in anonymous.get(home).content.decode()
    assert anonymous.get(home)["X-Page-Cache"] == "hit"
    mine = own.get(home).content.decode()
    assert "Willkommen auf der IKZ-Plattform" not in mine and "Contact_A" in mine
    assert "Contact_A" not in other.get(home).content.decode()


@pytest.mark.django_db
def test_a_page_as_of_a_past_stand_has_its_own_entry(world: World, cached: None) -> None:
    client = world.client_for("steering")
    today = client.get(reverse("projects:project_list", args=[world.region.slug]))
    past = client.get(reverse("projects:project_list", args=[world.region.slug]), {"stand": "2013-06-30"})
    assert today["X-Page-Cache"] == past["X-Page-Cache"] == "miss"
    assert "30.06.2013" in past.content.decode() and "30.06.2013" not in today.content.decode()
    again = client.get(reverse("projects:project_list", args=[world.region.slug]), {"stand": "2013-06-30"})
    assert again["X-Page-Cache"] == "hit" and _page(again) == _page(past)


@pytest.mark.django_db
def test_the_forms_of_a_stored_page_work_in_another_session(world: World, cached: None) -> None:
    url = reverse("portal:region", args=[world.region.slug])
    Client().get(url)  # stored by another visitor
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url)
    assert page["X-Page-Cache"] == "hit"
    token = re.search(rules.CSRF_VALUE, page.content.decode())
    assert token is not None
    switched = visitor.post(
        reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": token.group(2)}
    )
    assert switched.status_code == 302
    english = visitor.get(url)  # the English page is its own entry
    assert english["X-Page-Cache"] == "miss" and 'lang="en"' in english.content.decode()


@pytest.mark.django_db
def test_a_pending_message_is_shown_not_a_stored_page(world: World, cached: None) -> None:
    client = world.client_for("office")
    home = reverse("home")
    client.get(home)
    assert client.get(home)["X-Page-Cache"] == "hit"
    storage = CookieStorage(RequestFactory().get(home))
    storage.add(constants.SUCCESS, "Die Kooperation ist im Portal.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies[storage.cookie_name] = carrier.cookies[storage.cookie_name].value
    with_message = client.get(home)
    assert "X-Page-Cache" not in with_message  # neither answered from nor written to the cache
    assert "Die Kooperation ist im Portal." in with_message.content.decode()
    after = client.get(home)
    assert after["X-Page-Cache"] == "hit" and "Die Kooperation ist im Portal." not in after.content.decode()


@pytest.mark.django_db
def test_a_change_made_through_a_page_shows_on_the_stored_page(world: World, cached: None) -> None:
    client = world.client_for("office")
    url = reverse("portal:region", args=[world.region.slug])
    cooperation = _cooperation(world, "Gemeinsamer Bauhof")
    assert "Gemeinsamer Bauhof" not in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    response = client.post(
        reverse("portal:cooperation_publish", args=[world.region.slug, cooperation.pk]),
        {"veroeffentlichen": "1"},
    )
    assert response.status_code == 302
    # the next page is the stored one: the change shows, and so does the message of the button
    after = client.get(url)
    assert "X-Page-Cache" not in after  # a pending message: neither answered from nor written to it
    assert "Gemeinsamer Bauhof" in after.content.decode()
    assert "„Gemeinsamer Bauhof“ steht jetzt im Portal." in after.content.decode()
    again = client.get(url)
    assert again["X-Page-Cache"] == "miss" and "steht jetzt im Portal" not in again.content.decode()


@pytest.mark.django_db
def test_a_stored_page_costs_the_same_few_queries(world: World, cached: None) -> None:
    client = world.client_for("contact_a")
    url = reverse("projects:project_list", args=[world.region.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url)["X-Page-Cache"] == "hit"
    for number in range(5):
        _cooperation(world, f"Kooperation {number}")  # indexed for the search: a new generation
    assert client.get(url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as more:
        assert client.get(url)["X-Page-Cache"] == "hit"
    assert len(few.captured_queries) == len(more.captured_queries) <= 3  # session, person, generation


@pytest.mark.django_db
def test_a_stored_api_answer_counts_for_the_rate_limit(world: World, cached: None, settings: Any) -> None:
    settings.IKZ_API_RATE_PER_MINUTE = 3
    client = world.client_for("contact_a")
    first = client.get("/api/kommunen/?limit=2")
    assert first["X-Page-Cache"] == "miss" and first["Content-Type"].startswith("application/json")
    again = client.get("/api/kommunen/?limit=2")
    assert again["X-Page-Cache"] == "hit" and again.json() == first.json()
    assert again["Content-Type"] == first["Content-Type"]
    assert client.get("/api/kommunen/?limit=2")["X-Page-Cache"] == "hit"  # the third of the minute
    refused = client.get("/api/kommunen/?limit=2")  # the fourth: refused although it is stored
    assert refused.status_code == 429 and "Zu viele Anfragen" in refused.json()["detail"]


@pytest.mark.django_db
def test_the_search_forms_regions_are_read_once_per_generation(world: World, cached: None) -> None:
    def regions() -> list[str]:
        return [str(label) for _pk, label in SearchForm().fields["region"].choices]  # type: ignore[attr-defined]

    assert regions() == ["---------", "IKZ Testregion"]
    with CaptureQueriesContext(connection) as again:
        assert regions() == ["---------", "IKZ Testregion"]
    assert len(again.captured_queries) == 1  # the generation only
    Region.objects.create(name="Ohne Verlauf", slug="ohne")  # no audit entry: not seen yet (the rule)
    assert "Ohne Verlauf" not in regions()
    create_region({"name": "IKZ Neue Region", "slug": "neu"}, actor=world.office)
    assert regions() == ["---------", "IKZ Neue Region", "IKZ Testregion", "Ohne Verlauf"]


@pytest.mark.django_db
def test_a_job_that_fails_shows_on_the_stored_start_page_of_the_office(world: World, cached: None) -> None:

    client = world.client_for("office")
    home = reverse("home")
    assert "Fehlgeschlagene Aufträge" not in client.get(home).content.decode()
    assert client.get(home)["X-Page-Cache"] == "hit"
    job = Job.objects.create(kind="gibt.es.nicht", label="Verschwundene Art", region=world.region)
    assert jobs.execute(job.pk, worker="test") == "failed"  # a background job: no audit entry
    page = client.get(home)
    assert page["X-Page-Cache"] == "miss" and "Fehlgeschlagene Aufträge" in page.content.decode()


@pytest.mark.django_db
def test_a_region_or_field_that_is_not_offered_is_refused_by_name(world: World, cached: None) -> None:
    form = SearchForm({"q": "Beschaffung", "region": "abc", "feld": "99999"})
    assert not form.is_valid()
    assert set(form.errors) == {"region", "feld"}
    assert "gültige Auswahl" in form.errors["region"][0]
    chosen = SearchForm({"q": "Beschaffung", "region": str(world.region.pk)})
    assert chosen.is_valid() and chosen.filters().region_id == world.region.pk


@pytest.mark.django_db(transaction=True)
def test_the_generation_changes_once_per_transaction_and_only_when_it_commits() -> None:
    from django.db import transaction

    from ikz.pagecache.models import ROW, Generation

    def counter() -> int:
        row = Generation.objects.filter(pk=ROW).first()
        return row.counter if row else 0

    start = counter()
    with transaction.atomic():
        for _ in range(3):  # three recorded changes in one transaction
            pagecache_services.bump()
        assert counter() == start  # not before the commit: the row is not locked meanwhile
    assert counter() == start + 1
    with pytest.raises(RuntimeError), transaction.atomic():
        pagecache_services.bump()
        raise RuntimeError("abgebrochen")
    assert counter() == start + 1  # a rolled-back change makes no new generation
    pagecache_services.bump()  # outside a transaction: at once
    assert counter() == start + 2
