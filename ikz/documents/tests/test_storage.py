"""The library on both storage backends: upload, new version, generated document, download and the
full text of a large upload, in an S3 bucket (moto in this process) as on the local disk; and what
a user sees when the object store is down (a German message at the field, nothing written, a 503
page instead of a traceback)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ikz.documents import services
from ikz.documents.generate import pdf_bytes, text_bytes
from ikz.documents.models import Document, DocumentVersion, Visibility
from ikz.documents.tests.factories import make_document
from ikz.documents.tests.s3 import Bucket
from ikz.jobs.models import Job, JobStatus
from ikz.jobs.services import work_off
from ikz.test import World

FORM = {"title": "Charta", "doc_type": "charter", "date": "2014-03-01", "visibility": "internal"}
DOWN = "Der Dateispeicher ist gerade nicht erreichbar; die Datei wurde nicht gespeichert."


@pytest.mark.django_db
def test_upload_version_and_download_go_through_the_bucket(world: World, s3: Bucket) -> None:
    client = world.client_for("contact_a")
    data = FORM | {
        "owner": world.kommune_a.pk,
        "file": SimpleUploadedFile("charta.pdf", pdf_bytes("Charta", ["Beschaffungen"])),
    }
    assert client.post(reverse("documents:document_create"), data).status_code == 302
    document = Document.objects.get()
    first = document.versions.get()
    assert s3.objects() == [first.file.name] and first.file.name.startswith(
        f"documents/{dt.date.today():%Y}/"
    )
    assert "Beschaffungen" in first.text

    new = SimpleUploadedFile("charta-2.pdf", pdf_bytes("Charta", ["Zweite Fassung"]))
    url = reverse("documents:version_create", args=[document.pk])
    assert client.post(url, {"version": document.version, "file": new}).status_code == 302
    second = document.versions.get(number=2)
    assert s3.objects() == sorted([first.file.name, second.file.name])

    response = client.get(second.get_absolute_url())
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="charta-2.pdf"')
    assert body == s3.read(second.file.name) and body.startswith(b"%PDF-")
    # the same access checks as on disk: another municipality's contact gets nothing
    assert world.client_for("contact_b").get(second.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_generated_document_lands_in_the_bucket(world: World, s3: Bucket) -> None:
    version = services.store_generated_document(
        title="Vereinbarung",
        doc_type="agreement",
        filename="vereinbarung.txt",
        content=text_bytes("Vereinbarung", ["Gemeinsamer Bauhof"]),
        actor=world.office,
        visibility=Visibility.REGION,
        region_id=world.region.pk,
    )
    assert s3.objects() == [version.file.name] and b"Bauhof" in s3.read(version.file.name)


def _large_text(words: str) -> bytes:
    return (words + "\n" + "Allgemeine Verwaltung und Zusammenarbeit. " * 60).encode()


@pytest.mark.django_db
@pytest.mark.parametrize("backend", ["disk", "s3"])
def test_a_large_upload_gets_its_full_text_in_the_background(
    world: World, backend: str, request: Any, settings: Any
) -> None:
    if backend == "s3":
        request.getfixturevalue("s3")
    settings.IKZ_EXTRACT_INLINE_MAX_KB = 1
    client = world.client_for("office")
    data = FORM | {"file": SimpleUploadedFile("satzung.txt", _large_text("Zweckverbandssatzung Abwasser"))}
    assert client.post(reverse("documents:document_create"), data).status_code == 302
    document = Document.objects.get()
    version = document.versions.get()
    job = Job.objects.get(kind="documents.extract_text")
    assert version.text == "" and job.payload == {"version": version.pk} and job.status == JobStatus.QUEUED
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Volltext wird erstellt" in page
    assert (
        "Zweckverbandssatzung" not in client.get(reverse("search:search"), {"q": "Abwasser"}).content.decode()
    )

    assert work_off() == 1
    job.refresh_from_db()
    version.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result.startswith("Volltext von „satzung.txt“ erstellt")
    assert job.result_link == document.get_absolute_url()
    assert "Zweckverbandssatzung Abwasser" in version.text
    assert "Volltext wird erstellt" not in client.get(document.get_absolute_url()).content.decode()
    assert "Charta" in client.get(reverse("search:search"), {"q": "Zweckverbandssatzung"}).content.decode()


@pytest.mark.django_db
def test_a_small_upload_is_found_at_once_and_queues_nothing(world: World) -> None:
    make_document("Kurzvermerk", "Winterdienst im Verbund")
    assert DocumentVersion.objects.get().text.strip() and not Job.objects.exists()


@pytest.mark.django_db
def test_the_extraction_of_a_deleted_document_ends_with_a_reason(world: World, settings: Any) -> None:
    settings.IKZ_EXTRACT_INLINE_MAX_KB = 1
    document = make_document("Satzung", _large_text("Satzung").decode())
    document.delete()
    assert work_off() == 1
    job = Job.objects.get(kind="documents.extract_text")
    assert job.status == JobStatus.FAILED and job.attempts == 1
    assert job.reason == "Die Fassung wurde inzwischen gelöscht; es gibt keinen Volltext mehr zu erstellen."


@pytest.mark.django_db
def test_the_extraction_of_a_lost_file_ends_with_a_reason(world: World, settings: Any) -> None:
    settings.IKZ_EXTRACT_INLINE_MAX_KB = 1
    version = make_document("Satzung", _large_text("Satzung").decode()).versions.get()
    default_storage.delete(version.file.name)
    work_off()
    job = Job.objects.get(kind="documents.extract_text")
    assert job.status == JobStatus.FAILED and "fehlt im Dateispeicher" in job.reason


@pytest.mark.django_db
def test_a_store_that_is_down_refuses_the_upload_at_the_field_and_writes_nothing(
    world: World, s3_down: None
) -> None:
    client = world.client_for("office")
    data = FORM | {"file": SimpleUploadedFile("charta.pdf", pdf_bytes("Charta", ["x"]))}
    response = client.post(reverse("documents:document_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_file_error"' in page and DOWN in page
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


@pytest.mark.django_db
def test_a_store_that_is_down_refuses_a_new_version_and_a_generated_document(
    world: World, settings: Any
) -> None:
    document = make_document("Bericht", "erste Fassung")  # stored while the disk was there
    from ikz.documents.tests.s3 import closed_port, s3_storage

    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(endpoint_url=f"http://127.0.0.1:{closed_port()}", attempts=1, timeout=2),
    }
    client = world.client_for("office")
    url = reverse("documents:version_create", args=[document.pk])
    new = SimpleUploadedFile("bericht.txt", b"zweite Fassung")
    response = client.post(url, {"version": document.version, "file": new})
    assert response.status_code == 200 and DOWN in response.content.decode()
    assert document.versions.count() == 1
    with pytest.raises(ValidationError) as refused:
        services.store_generated_document(
            title="Vereinbarung",
            doc_type="agreement",
            filename="v.txt",
            content=b"Text",
            actor=world.office,
        )
    assert refused.value.message_dict["file"][0].startswith(DOWN)
    assert Document.objects.count() == 1

    # a download while the store is down: a German page with 503, no traceback
    download = client.get(document.versions.get().get_absolute_url())
    assert download.status_code == 503 and download["Retry-After"] == "60"
    assert "Der Dateispeicher ist gerade nicht erreichbar" in download.content.decode()
