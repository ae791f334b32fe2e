import pytest
from django.urls import reverse

from ikz.audit.models import AuditEntry
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.test import World

pytestmark = pytest.mark.django_db


def test_office_maintains_catalogue_and_history_shows_it(world: World) -> None:
    client = world.client_for("office")
    response = client.post(reverse("cooperation:taskarea_create"), {"name": "Bauhof", "position": 12})
    area = TaskArea.objects.get(name="Bauhof")
    assert response.status_code == 302
    response = client.post(
        reverse("cooperation:field_create", args=[area.pk]), {"name": "Streusalzmanagement", "position": 1}
    )
    assert response.status_code == 302
    field = CooperationField.objects.get(name="Streusalzmanagement")
    client.post(
        reverse("cooperation:field_edit", args=[area.pk, field.pk]),
        {"name": "Streusalzmanagement", "position": 1, "description": "gemeinsamer Einkauf", "version": 1},
    )
    field.refresh_from_db()
    assert (field.description, field.version) == ("gemeinsamer Einkauf", 2)
    assert AuditEntry.objects.filter(object_repr="Streusalzmanagement", actor=world.office).count() == 2
    page = world.client_for("contact_b").get(reverse("cooperation:taskarea_list")).content.decode()
    assert "Streusalzmanagement" in page


def test_duplicate_names_and_stale_edits_are_refused(world: World) -> None:
    client = world.client_for("office")
    area = TaskArea.objects.create(name="Bauhof")
    page = client.post(
        reverse("cooperation:taskarea_create"), {"name": "Bauhof", "position": 1}
    ).content.decode()
    assert "existiert bereits" in page
    url = reverse("cooperation:taskarea_edit", args=[area.pk])
    assert client.post(url, {"name": "Bauhof 2", "position": 1, "version": 1}).status_code == 302
    assert client.post(url, {"name": "Bauhof 3", "position": 1, "version": 1}).status_code == 409
    area.refresh_from_db()
    assert area.name == "Bauhof 2"


def test_task_area_page_queries_do_not_grow(world: World, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client_for("steering")
    for i in range(3):
        area = TaskArea.objects.create(name=f"Gebiet {i}", position=i)
        CooperationField.objects.create(task_area=area, name="Feld")
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("cooperation:taskarea_list"))
    for i in range(3, 300):
        area = TaskArea.objects.create(name=f"Gebiet {i}", position=i)
        CooperationField.objects.create(task_area=area, name="Feld")
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("cooperation:taskarea_list"))
    assert len(small.captured_queries) == len(large.captured_queries)


def test_a_task_transferred_to_an_existing_body_is_its_own_legal_form(world: World) -> None:
    from ikz.cooperation.models import Cooperation, LegalForm

    area = TaskArea.objects.create(name="Ver- und Entsorgung")
    field = CooperationField.objects.create(task_area=area, name="Energieeinkauf")
    client = world.client_for("office")
    data = {
        "field": field.pk,
        "title": "Strom- und Gaseinkauf",
        "legal_form": "transfer",
        "external_partners": "Zweckverband Riedwerke",
        "p-TOTAL_FORMS": "1",
        "p-INITIAL_FORMS": "1",
        "p-0-municipality_id": world.kommune_a.pk,
        "p-0-status": "exists",
    }
    assert (
        client.post(reverse("cooperation:cooperation_create", args=[world.region.slug]), data).status_code
        == 302
    )
    coop = Cooperation.objects.get(title="Strom- und Gaseinkauf")
    assert coop.legal_form == LegalForm.TRANSFER != LegalForm.ZWECKVERBAND
    page = client.get(coop.get_absolute_url()).content.decode()
    assert "Aufgabenübertragung auf einen bestehenden Träger" in page
