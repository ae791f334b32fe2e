"""Pages of the library: upload with German refusals, downloads with safe headers, query counts."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.documents.generate import pdf_bytes
from ikz.documents.models import Document, Visibility
from ikz.documents.tests.factories import make_document
from ikz.test import World

FORM = {"title": "Charta", "doc_type": "charter", "date": "2014-03-01", "visibility": "internal"}


@pytest.mark.django_db
def test_upload_by_contact_is_stored_for_the_own_municipality(world: World) -> None:
    client = world.client_for("contact_a")
    data = FORM | {
        "owner": world.kommune_a.pk,
        "file": SimpleUploadedFile("charta.pdf", pdf_bytes("Charta", ["Beschaffungen"])),
    }
    response = client.post(reverse("documents:document_create"), data)
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert document.owner == world.kommune_a and "Beschaffungen" in document.versions.get().text


@pytest.mark.django_db
def test_forbidden_type_shows_a_german_message_at_the_field(world: World) -> None:
    client = world.client_for("office")
    data = FORM | {"file": SimpleUploadedFile("setup.pdf", b"MZ\x90\x00" + b"\x00" * 100)}
    response = client.post(reverse("documents:document_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_file_error"' in page and "Dieser Dateityp ist nicht erlaubt. Erlaubt sind:" in page
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_contacts_cannot_publish(world: World) -> None:
    client = world.client_for("contact_a")
    data = FORM | {
        "visibility": "public",
        "owner": world.kommune_a.pk,
        "file": SimpleUploadedFile("a.txt", b"x"),
    }
    response = client.post(reverse("documents:document_create"), data)
    assert "visibility" in response.context["form"].errors
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_contacts_file_documents_only_under_their_own_regions(world: World) -> None:
    """Another region (or its cooperation) is not offered to a contact and refused when posted:
    a "region" document there would be shown to that region's members."""
    from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
    from ikz.municipalities.models import Region

    other = Region.objects.create(name="Andere Region", slug="andere")
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    field = CooperationField.objects.create(task_area=area, name="Postverbund", position=1)
    foreign = Cooperation.objects.create(region=other, field=field, title="Fremder Verbund")
    client = world.client_for("contact_a")
    page = client.get(reverse("documents:document_create")).content.decode()
    assert "Andere Region" not in page and "Fremder Verbund" not in page
    for extra in ({"region": other.pk}, {"cooperation": foreign.pk}):
        data = FORM | {"owner": world.kommune_a.pk, "file": SimpleUploadedFile("a.txt", b"x")} | extra
        response = client.post(reverse("documents:document_create"), data)
        assert set(extra) <= set(response.context["form"].errors)
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_download_sends_the_file_with_safe_headers_and_only_to_those_allowed(world: World) -> None:
    document = make_document(
        "Vermerk", "intern", visibility=Visibility.INTERNAL, owner=world.kommune_a, kind="pdf"
    )
    url = document.versions.get().get_absolute_url()
    response = world.client_for("contact_a").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith('attachment; filename="Vermerk.pdf"')
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    assert world.client_for("contact_b").get(url).status_code == 404
    assert world.client_for("anonymous").get(url).status_code == 302


@pytest.mark.django_db
def test_media_files_are_not_served_by_url(world: World) -> None:
    document = make_document("Vermerk", "intern", visibility=Visibility.INTERNAL, owner=world.kommune_a)
    name = document.versions.get().file.name
    assert world.client_for("contact_b").get(f"/media/{name}").status_code == 404


@pytest.mark.django_db
def test_list_and_search_queries_do_not_grow(world: World) -> None:
    client = world.client_for("contact_a")
    for i in range(2):
        make_document(f"Bericht {i}", "Beschaffung", region=world.region, visibility=Visibility.REGION)
    with CaptureQueriesContext(connection) as few_list:
        client.get(reverse("documents:document_list"))
    with CaptureQueriesContext(connection) as few_search:
        client.get(reverse("search:search"), {"q": "Beschaffung"})
    for i in range(2, 40):
        make_document(f"Bericht {i}", "Beschaffung", region=world.region, visibility=Visibility.REGION)
    with CaptureQueriesContext(connection) as many_list:
        page = client.get(reverse("documents:document_list")).content.decode()
    with CaptureQueriesContext(connection) as many_search:
        found = client.get(reverse("search:search"), {"q": "Beschaffungen"}).content.decode()
    assert "Bericht 39" in page and "40 Treffer" in found and "<mark>Beschaffung</mark>" in found
    assert len(many_list) == len(few_list)
    assert len(many_search) == len(few_search)


@pytest.mark.django_db
def test_a_stale_edit_gets_409_with_both_versions(world: World) -> None:
    document = make_document("Bericht", "x")
    client = world.client_for("office")
    url = reverse("documents:document_edit", args=[document.pk])
    data = {
        "title": "Bericht 2024",
        "doc_type": "report",
        "date": "2024-05-01",
        "visibility": "public",
        "version": 1,
    }
    assert client.post(url, data).status_code == 302
    stale = client.post(url, data | {"title": "Bericht alt"})
    assert stale.status_code == 409
    document.refresh_from_db()
    assert document.title == "Bericht 2024" and document.version == 2
