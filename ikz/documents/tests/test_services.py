"""Uploads, refusals (nothing stored), versions, generated documents."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from ikz.audit.models import AuditEntry
from ikz.documents.generate import docx_bytes, pdf_bytes
from ikz.documents.models import DocType, Document, DocumentVersion, Visibility
from ikz.documents.services import Upload, add_version, store_generated_document, upload_document
from ikz.documents.tests.factories import make_document
from ikz.search.models import SearchEntry
from ikz.test import World

EXE = b"MZ\x90\x00" + b"\x00" * 200
VALUES = {
    "title": "Charta",
    "doc_type": DocType.CHARTER,
    "date": dt.date(2014, 3, 1),
    "visibility": Visibility.PUBLIC,
}


def _stored_files(folder: str = "") -> list[str]:
    """Every file in the default storage (local disk or, in `make test-s3`, the test's bucket prefix)."""
    dirs, files = default_storage.listdir(folder)
    found = [f"{folder}{name}" for name in files]
    for sub in dirs:
        found += _stored_files(f"{folder}{sub}/")
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["pdf", "docx", "txt"])
def test_upload_extracts_the_text_for_the_search(world: World, kind: str) -> None:
    document = make_document("Beschaffungscharta", "Gemeinsame Beschaffungen der Kommunen", kind=kind)
    version = document.versions.get()
    assert version.number == 1
    assert "Gemeinsame Beschaffungen der Kommunen" in version.text
    assert version.content_type.startswith(
        {"pdf": "application/pdf", "docx": "application/vnd", "txt": "text/plain"}[kind]
    )
    assert SearchEntry.objects.filter(source="document", object_id=document.pk).exists()
    assert AuditEntry.objects.filter(object_id=str(document.pk), content_type__model="document").count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filename,data,message",
    [
        ("programm.pdf", EXE, "Dieser Dateityp ist nicht erlaubt"),
        ("vertrag.docx", pdf_bytes("Vertrag", ["x"]), "passt nicht zum Inhalt der Datei (PDF)"),
        ("leer.txt", b"", "Die Datei ist leer"),
    ],
)
def test_refused_upload_stores_nothing(world: World, filename: str, data: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        upload_document(VALUES, [], Upload(filename, data), actor=world.office)
    assert message in exc.value.message_dict["file"][0]
    assert Document.objects.count() == 0 and DocumentVersion.objects.count() == 0
    assert _stored_files() == []
    assert not AuditEntry.objects.filter(content_type__model="document").exists()


@pytest.mark.django_db
def test_upload_over_the_limit_is_refused(world: World, settings: object) -> None:
    settings.IKZ_UPLOAD_MAX_MB = 1  # type: ignore[attr-defined]
    with pytest.raises(ValidationError) as exc:
        upload_document(VALUES, [], Upload("gross.txt", b"a" * (1024 * 1024 + 1)), actor=world.office)
    assert "höchstens 1 MB" in exc.value.message_dict["file"][0]
    assert _stored_files() == []


@pytest.mark.django_db
def test_region_visibility_needs_a_region(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        upload_document(
            VALUES | {"visibility": Visibility.REGION}, [], Upload("a.txt", b"x"), actor=world.office
        )
    assert "region" in exc.value.message_dict
    assert _stored_files() == []


@pytest.mark.django_db
def test_a_new_version_keeps_the_old_one(world: World) -> None:
    document = make_document("Bericht", "Fassung eins")
    add_version(
        document, Upload("bericht.txt", b"Fassung zwei mit Gebuehren"), expected_version=1, actor=world.office
    )
    versions = list(document.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert "Fassung eins" in versions[0].text and "Fassung zwei" in versions[1].text
    assert versions[0].file.read() != versions[1].file.read()
    document.refresh_from_db()
    assert document.version == 2
    entry = SearchEntry.objects.get(source="document", object_id=document.pk)
    assert "Fassung zwei" in entry.body and "Fassung eins" not in entry.body


@pytest.mark.django_db
def test_a_stale_new_version_is_refused(world: World) -> None:
    from ikz.audit.services import ConflictError

    document = make_document("Bericht", "eins")
    add_version(document, Upload("b.txt", b"zwei"), expected_version=1, actor=world.office)
    with pytest.raises(ConflictError) as refused:
        add_version(document, Upload("b.txt", b"drei"), expected_version=1, actor=world.office)
    assert document.versions.count() == 2
    entry = refused.value.record(actor=world.office)
    assert entry.message == "Veraltete Fassung 1, aktuell 2", (
        "the history names the version the upload was based on"
    )


@pytest.mark.django_db
def test_store_generated_document_creates_then_adds_versions(world: World) -> None:
    first = store_generated_document(
        title="Öffentlich-rechtliche Vereinbarung Standesamt",
        doc_type=DocType.AGREEMENT,
        filename="vereinbarung.docx",
        content=docx_bytes("Vereinbarung", ["§ 1 Gegenstand der Vereinbarung"]),
        actor=world.office,
        region_id=world.region.pk,
        visibility=Visibility.REGION,
    )
    second = store_generated_document(
        title="ignored",
        doc_type=DocType.AGREEMENT,
        filename="vereinbarung.docx",
        content=docx_bytes("Vereinbarung", ["§ 1 Gegenstand, geändert"]),
        actor=world.office,
        document=first.document,
    )
    assert first.document_id == second.document_id and (first.number, second.number) == (1, 2)
    assert "Gegenstand der Vereinbarung" in first.text
    with pytest.raises(ValidationError):
        store_generated_document(title="x", doc_type=DocType.OTHER, filename="x.pdf", content=EXE, actor=None)
    assert Document.objects.count() == 1
