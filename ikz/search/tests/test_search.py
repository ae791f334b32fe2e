"""The search on the database in use: German inflections, umlauts, ranking, filters, pages and
who finds what. CI runs this file on SQLite and on PostgreSQL; the tests marked per backend
check what differs (the token field, the tsvector)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
from ikz.documents.models import DocType, Visibility
from ikz.documents.tests.factories import make_document
from ikz.search import index
from ikz.search.models import SearchEntry
from ikz.search.queries import Filters, search
from ikz.test import World

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prüft den tsvector von PostgreSQL; die Datenbank ist SQLite"
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="prüft das Token-Feld von SQLite; die Datenbank ist PostgreSQL"
)


def titles(user: object, query: str, **kw: object) -> list[str]:
    return [h.title for h in search(user, query, **kw).hits]  # type: ignore[arg-type]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,text",
    [
        ("Beschaffung", "Gemeinsame Beschaffungen der Städte"),
        ("Beschaffungen", "Die Beschaffung von Streusalz"),
        ("Gebühr", "Die Gebühren werden gemeinsam erhoben"),
        ("Gebuehren", "Die Gebühren werden gemeinsam erhoben"),
        ("Strasse", "Reinigung der Straße"),
        ("Straße", "Reinigung der Strasse"),
        ("Kommune", "Kommunen kooperieren bei Prostituiertenschutzgesetz"),
    ],
)
def test_german_inflections_and_spellings_are_found(world: World, query: str, text: str) -> None:
    make_document("Treffer", text, kind="pdf")
    make_document("Kein Treffer", "Abwasser und Klärschlamm")
    assert titles(world.office, query) == ["Treffer"]


@pytest.mark.django_db
def test_every_word_of_the_query_must_occur(world: World) -> None:
    make_document("A", "Beschaffung im Verbund")
    make_document("B", "Beschaffung allein")
    assert titles(world.office, "Beschaffung Verbund") == ["A"]


@pytest.mark.django_db
def test_more_frequent_and_title_matches_rank_first(world: World) -> None:
    make_document("Allgemeiner Bericht", "Einmal Vergabe erwähnt, sonst Bauhof.")
    make_document("Vergabe im Verbund", "Vergabe, Vergabestelle, Vergabe.")
    results = search(world.office, "Vergabe")
    assert [h.title for h in results.hits] == ["Vergabe im Verbund", "Allgemeiner Bericht"]
    assert results.hits[0].score > results.hits[1].score


@pytest.mark.django_db
def test_snippet_highlights_the_words_and_escapes_html(world: World) -> None:
    make_document("Satzung", "Die <script>alert(1)</script> Gebühren der Straßenreinigung")
    hit = search(world.office, "Gebuehr").hits[0]
    assert "<mark>Gebühren</mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet


@pytest.mark.django_db
def test_contact_b_never_finds_kommune_a_internal_documents(world: World) -> None:
    make_document(
        "Haushaltsnotiz Raunheim",
        "interne Beschaffung",
        visibility=Visibility.INTERNAL,
        owner=world.kommune_a,
    )
    make_document(
        "Regionsbericht", "Beschaffung in der Region", visibility=Visibility.REGION, region=world.region
    )
    make_document("Mitgliederrundbrief", "Beschaffung der Genossenschaft", visibility=Visibility.MEMBERS)
    make_document("Pressemitteilung", "Beschaffung öffentlich", visibility=Visibility.PUBLIC)
    make_document("Vermerk Geschäftsstelle", "Beschaffung intern", visibility=Visibility.INTERNAL)
    found = {persona: set(titles(user, "Beschaffung")) for persona, user in world.users().items() if user}
    everything = {
        "Haushaltsnotiz Raunheim",
        "Regionsbericht",
        "Mitgliederrundbrief",
        "Pressemitteilung",
        "Vermerk Geschäftsstelle",
    }
    assert found["office"] == everything
    assert found["contact_a"] == {"Haushaltsnotiz Raunheim", "Regionsbericht", "Pressemitteilung"}
    assert found["contact_b"] == {"Regionsbericht", "Pressemitteilung"}
    assert found["steering"] == {"Regionsbericht", "Pressemitteilung"}
    assert found["member"] == {"Mitgliederrundbrief", "Pressemitteilung"}
    assert found["project_lead"] == {"Pressemitteilung"}
    assert set(titles(AnonymousUser(), "Beschaffung")) == {"Pressemitteilung"}
    assert set(titles(AnonymousUser(), "Beschaffung", public=True)) == {"Pressemitteilung"}
    assert search(world.contact_b, "Beschaffung").total == 2


@pytest.mark.django_db
def test_cooperations_are_searched_for_insiders_and_only_published_ones_publicly(world: World) -> None:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten")
    field = CooperationField.objects.create(task_area=area, name="Beschaffung")
    cooperation = Cooperation.objects.create(
        region=world.region, field=field, title="Interkommunales Vergabezentrum", symbol="■"
    )
    index.refresh(cooperation)
    assert titles(world.contact_b, "Vergabezentrum") == ["Interkommunales Vergabezentrum"]
    assert titles(AnonymousUser(), "Vergabezentrum", public=True) == []
    from ikz.portal.models import PublishedCooperation

    PublishedCooperation.objects.create(cooperation=cooperation)
    hit = search(AnonymousUser(), "Vergabezentrum", public=True).hits[0]
    assert hit.url == f"/portal/{world.region.slug}/#kooperation-{cooperation.pk}"


@pytest.mark.django_db
def test_filters_by_type_region_year_and_source(world: World) -> None:
    make_document("Charta 2014", "Beschaffung", doc_type=DocType.CHARTER, date=dt.date(2014, 3, 1))
    make_document("Bericht 2023", "Beschaffung", date=dt.date(2023, 7, 17), region=world.region)
    assert titles(world.office, "Beschaffung", filters=Filters(kind=DocType.CHARTER)) == ["Charta 2014"]
    assert titles(world.office, "Beschaffung", filters=Filters(year=2023)) == ["Bericht 2023"]
    assert titles(world.office, "Beschaffung", filters=Filters(region_id=world.region.pk)) == ["Bericht 2023"]
    assert titles(world.office, "Beschaffung", filters=Filters(source="solution")) == []


@pytest.mark.django_db
def test_results_come_in_pages(world: World) -> None:
    for i in range(25):
        make_document(f"Bericht {i:02}", "Landschaftspflege")
    first = search(world.office, "Landschaftspflege")
    second = search(world.office, "Landschaftspflege", page=2)
    assert first.total == 25 and len(first.hits) == 20 and len(second.hits) == 5
    assert not {h.title for h in first.hits} & {h.title for h in second.hits}


@pytest.mark.django_db
def test_every_page_counts_all_hits_and_a_page_out_of_range_shows_the_last(world: World) -> None:
    for i in range(25):
        make_document(f"Bericht {i:02}", "Landschaftspflege")
    second = search(world.office, "Landschaftspflege", page=2)
    assert second.total == 25 and second.page is not None and second.page.paginator.num_pages == 2
    assert not second.page.has_next() and second.page.has_previous()
    for page in (3, 99, 0, -1):  # as Django's paginator answers: the last page
        beyond = search(world.office, "Landschaftspflege", page=page)
        assert beyond.total == 25 and beyond.page is not None and beyond.page.number == 2
        assert [h.title for h in beyond.hits] == [h.title for h in second.hits]
    nothing = search(world.office, "Klärschlamm", page=3)
    assert nothing.total == 0 and nothing.hits == [] and nothing.page is not None and nothing.page.number == 1


@pytest.mark.django_db
def test_an_empty_or_stop_word_query_finds_nothing(world: World) -> None:
    make_document("Bericht", "und der die")
    assert search(world.office, "").total == 0
    assert search(world.office, "und der").total == 0


@on_sqlite
@pytest.mark.django_db
def test_sqlite_stores_stems(world: World) -> None:
    document = make_document("Straßenreinigung", "Gebühren")
    entry = SearchEntry.objects.get(object_id=document.pk, source="document")
    assert " gebuhr " in entry.tokens and entry.vector is None


@on_postgres
@pytest.mark.django_db
def test_postgres_stores_a_german_tsvector(world: World) -> None:
    document = make_document("Beschaffungen", "Gebühren der Straße")
    entry = SearchEntry.objects.get(object_id=document.pk, source="document")
    assert entry.tokens == ""
    assert "beschaff" in str(entry.vector) and "gebuehr" in str(entry.vector)


@on_postgres
@pytest.mark.django_db
def test_postgres_keeps_the_tsvector_uncompressed_and_long_values_out_of_the_rows(world: World) -> None:
    """Migration 0002 (decision 202): ts_rank unpacks no compressed vectors, the filter scan reads
    narrow rows."""
    # A document's text of several KB (PostgreSQL moves values out only from rows above 2 KB on).
    make_document(
        "Straßenreinigung", "Gebühren " + " ".join(f"Abschnitt{i} Satzung{i * 7}" for i in range(300))
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'search_searchentry'::regclass "
            "AND attname = 'vector'"
        )
        assert cursor.fetchone() == ("e",)
        cursor.execute("SELECT reloptions FROM pg_class WHERE oid = 'search_searchentry'::regclass")
        assert "toast_tuple_target=256" in (cursor.fetchone()[0] or [])
        cursor.execute("SELECT pg_column_compression(vector) FROM search_searchentry")
        assert cursor.fetchall() == [(None,)]  # stored as written: not compressed
    assert titles(world.office, "Gebühr") == ["Straßenreinigung"]
