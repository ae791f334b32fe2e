import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.audit.models import AuditEntry
from ikz.municipalities.models import Kind, Level, Municipality, PopulationFigure, RegionMember
from ikz.test import World, add_population, make_unit

pytestmark = pytest.mark.django_db


def _add_gemeinden(world: World, n: int) -> None:
    for i in range(n):
        unit = make_unit(f"06433{100 + i:03d}", f"Testgemeinde {i:03d}", Level.GEMEINDE, Kind.GEMEINDE, world.kreis,
                         ars=f"06433{100 + i:04d}{100 + i:03d}", area_ha=1000 + i)  # fmt: skip
        add_population(unit, 5000 + i)


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_search_filter_sort(world: World) -> None:
    client = world.client_for("contact_b")
    url = reverse("municipalities:municipality_list")
    page = client.get(url, {"q": "raun"}).content.decode()
    assert "Raunheim, Stadt" in page and "Kelsterbach" not in page
    page = client.get(url, {"q": "06433007"}).content.decode()
    assert "Kelsterbach" in page and "Raunheim" not in page
    page = client.get(url, {"kind": "landkreis"}).content.decode()
    assert "Groß-Gerau" in page and "Raunheim" not in page
    page = client.get(url, {"kreis": "06433", "sort": "-population"}).content.decode()
    assert page.index("Kelsterbach") < page.index("Raunheim")  # 16,622 > 15,297
    page = client.get(url, {"kreis": "06433", "sort": "population"}).content.decode()
    assert page.index("Raunheim") < page.index("Kelsterbach")
    page = client.get(url, {"land": "06", "q": "gibt es nicht"}).content.decode()
    assert "Keine Kommune entspricht" in page


def test_list_paginates_with_stable_filters(world: World) -> None:
    _add_gemeinden(world, 60)
    client = world.client_for("office")
    url = reverse("municipalities:municipality_list")
    first = client.get(url, {"kreis": "06433"})
    assert "Seite 1 von 2" in first.content.decode()
    second = client.get(url, {"kreis": "06433", "seite": 2}).content.decode()
    assert "Seite 2 von 2" in second and "kreis=06433&amp;seite=1" in second


def test_list_and_detail_query_counts_do_not_grow(world: World) -> None:
    client = world.client_for("contact_a")
    list_url = reverse("municipalities:municipality_list") + "?kreis=06433&sort=-population"
    kreis_url = reverse("municipalities:municipality_detail", args=[world.kreis.pk])
    region_url = reverse("municipalities:region_detail", args=[world.region.slug])
    small = (_queries(client, list_url), _queries(client, kreis_url), _queries(client, region_url))
    _add_gemeinden(world, 300)
    for i, unit in enumerate(Municipality.objects.filter(key__startswith="064331").order_by("key")[:300]):
        RegionMember.objects.create(
            region=world.region, municipality=unit, position=10 + i, short_label=f"T{i}"
        )
        PopulationFigure.objects.create(
            municipality=unit, stichtag=dt.date(2022, 12, 31), total=1, source="alt"
        )
    large = (_queries(client, list_url), _queries(client, kreis_url), _queries(client, region_url))
    assert small == large
    assert max(large) <= 15


def test_contact_edits_own_municipality_and_sees_it(world: World) -> None:
    client = world.client_for("contact_a")
    url = reverse("municipalities:municipality_edit", args=[world.kommune_a.pk])
    response = client.post(url, {"phone": "06142 402-0", "postal_code": "65479", "version": 1})
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "06142 402-0" in detail and "Die Stammdaten wurden gespeichert." in detail
    history = client.get(
        reverse("municipalities:municipality_history", args=[world.kommune_a.pk])
    ).content.decode()
    assert "Contact_A" in history and "06142 402-0" in history
    assert "<strong>Telefon</strong>: – → 06142 402-0" in history  # the field's German label, not "phone"


def test_bad_input_gets_german_message_and_nothing_is_written(world: World) -> None:
    client = world.client_for("contact_a")
    url = reverse("municipalities:municipality_edit", args=[world.kommune_a.pk])
    response = client.post(url, {"phone": "1", "postal_code": "12A", "email": "kein-mail", "version": 1})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Eine Postleitzahl hat genau fünf Ziffern." in page
    assert "Bitte prüfen Sie Ihre Eingaben." in page
    assert 'aria-invalid="true"' in page
    world.kommune_a.refresh_from_db()
    assert (world.kommune_a.phone, world.kommune_a.version) == ("", 1)


def test_concurrent_edit_shows_both_versions(world: World) -> None:
    url = reverse("municipalities:municipality_edit", args=[world.kommune_a.pk])
    first = world.client_for("contact_a").post(url, {"phone": "111", "version": 1})
    assert first.status_code == 302
    second = world.client_for("office").post(url, {"phone": "222", "short_name": "Raunheim", "version": 1})
    page = second.content.decode()
    assert second.status_code == 409
    assert "Beide Fassungen im Vergleich" in page and "222" in page and "111" in page
    world.kommune_a.refresh_from_db()
    assert world.kommune_a.phone == "111"
    # the refused write is in the history, with who tried it and both values
    refused = AuditEntry.objects.get(object_id=str(world.kommune_a.pk), action="conflict")
    assert refused.actor == world.office and refused.changes["phone"] == ["111", "222"]
    assert "Veraltete Fassung 1, aktuell 2" in refused.message


def test_office_records_population_and_creates_organisation(world: World) -> None:
    client = world.client_for("office")
    url = reverse("municipalities:population_add", args=[world.kommune_a.pk])
    response = client.post(
        url, {"stichtag": "2022-12-31", "total": "16542", "source": "Destatis GV100AD 2022"}
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "16.542" in detail and "15.297" in detail  # history and current
    response = client.post(
        reverse("municipalities:organisation_create"),
        {
            "name": "Kommunales Jobcenter Groß-Gerau",
            "kind": "jobcenter",
            "parent_key": "06433",
            "municipal_share": "100",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Groß-Gerau" in page and "100,00 %" in page
    bad = client.post(
        reverse("municipalities:organisation_create"),
        {"name": "X", "kind": "jobcenter", "parent_key": "99999", "municipal_share": "150"},
    ).content.decode()
    assert "Zu diesem Schlüssel gibt es keine Kommune." in bad


def test_contact_person_add_edit_remove(world: World) -> None:
    client = world.client_for("contact_a")
    create = reverse("municipalities:contact_create", args=[world.kommune_a.pk])
    assert (
        client.post(
            create, {"name": "Erika Beispiel", "function": "Hauptamt", "email": "e@example.org"}
        ).status_code
        == 302
    )
    person = world.kommune_a.contacts.get()
    edit = reverse("municipalities:contact_edit", args=[world.kommune_a.pk, person.pk])
    assert (
        client.post(edit, {"name": "Erika Beispiel", "function": "Leitung", "version": 1}).status_code == 302
    )
    person.refresh_from_db()
    assert person.function == "Leitung"
    assert client.post(edit, {"delete": "1", "name": "x", "version": 2}).status_code == 302
    assert not world.kommune_a.contacts.exists()


def test_region_page_members_in_order_and_office_edits(world: World) -> None:
    page = world.client_for("steering").get(reverse("municipalities:region_detail", args=[world.region.slug]))
    text = page.content.decode()
    assert text.index("Raun") < text.index("Kelst")
    assert "31.919" in text  # 15,297 + 16,622
    client = world.client_for("office")
    url = reverse("municipalities:region_members_edit", args=[world.region.slug])
    data = {
        "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "2", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-0-key": "06433010", "form-0-short_label": "Raun", "form-0-ORDER": "2",
        "form-1-key": "06433007", "form-1-short_label": "Kelst", "form-1-ORDER": "1",
        "form-2-key": "06433", "form-2-short_label": "Kreis", "form-2-ORDER": "3",
        "version": "1",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert [m.short_label for m in world.region.members.order_by("position")] == ["Kelst", "Raun", "Kreis"]
    data["form-2-short_label"] = "Raun"
    data["version"] = "2"
    page = client.post(url, data).content.decode()
    assert "Jedes Kürzel darf in einer Region nur einmal vorkommen: Raun." in page
    stale = client.post(url, data | {"version": "1", "form-2-short_label": "K"})
    assert stale.status_code == 409


def test_region_size_classes_with_stated_counts(world: World) -> None:
    client = world.client_for("office")
    url = reverse("municipalities:region_classes_edit", args=[world.region.slug])
    data = {
        "form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-0-label": "15.001 – 17.000", "form-0-lower": "15001", "form-0-upper": "17000", "form-0-stated_count": "2",
        "form-1-label": "", "form-1-lower": "", "form-1-upper": "", "form-1-stated_count": "",
        "version": "1",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("municipalities:region_detail", args=[world.region.slug])).content.decode()
    assert "Raunheim, Kelsterbach" in page or "Kelsterbach, Raunheim" in page
    assert "abweichend" not in page  # stated 2 == computed 2


def test_platform_office_creates_region_and_regional_office_edits_it(world: World) -> None:
    from ikz.accounts.models import Role, RoleAssignment
    from ikz.test import make_user

    platform = make_user("plattform")
    RoleAssignment.objects.create(user=platform, role=Role.OFFICE)
    from django.test import Client

    client = Client()
    client.force_login(platform)
    response = client.post(
        reverse("municipalities:region_create"),
        {"name": "IKZ Wetteraukreis", "slug": "wetteraukreis", "office_name": "c/o Stadt Friedberg"},
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    edit = reverse("municipalities:region_edit", args=["wetteraukreis"])
    assert world.client_for("office").get(edit).status_code == 403  # office of another region
    duplicate = client.post(
        reverse("municipalities:region_create"), {"name": "IKZ Wetteraukreis", "slug": "w2"}
    )
    assert "existiert bereits" in duplicate.content.decode()
