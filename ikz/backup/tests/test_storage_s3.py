"""Backup and restore with the files in an S3 bucket (moto in this process): the round trip, a
backup of the local disk restored into object storage, and a store that is down."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from ikz.backup import services
from ikz.documents.models import DocumentVersion
from ikz.documents.services import open_version
from ikz.documents.tests.factories import make_document
from ikz.documents.tests.s3 import Bucket, closed_port, s3_storage
from ikz.test import World

pytestmark = pytest.mark.django_db(transaction=True)


def test_round_trip_with_the_files_in_a_bucket(world: World, s3: Bucket, tmp_path: Path) -> None:
    pdf = make_document("Projektauftrag", "Beschaffungswesen", kind="pdf").versions.get()
    txt = make_document("Notiz", "Grüße aus Raunheim").versions.get()
    contents = {key: s3.read(key) for key in s3.objects()}
    assert sorted(contents) == sorted([pdf.file.name, txt.file.name])

    result = services.create_backup(tmp_path)
    assert result.files == 2 and result.missing == ()

    later = make_document("Später", "nach der Sicherung").versions.get().file.name
    s3.client.delete_object(Bucket=s3.name, Key=pdf.file.name)
    DocumentVersion.objects.filter(pk=txt.pk).delete()

    services.restore_backup(result.path)
    assert {key: s3.read(key) for key in s3.objects()} == contents  # the later upload is gone with its row
    assert later not in s3.objects()
    restored = DocumentVersion.objects.get(pk=txt.pk)
    assert b"Raunheim" in b"".join(open_version(restored).chunks())


def test_a_backup_of_the_disk_restores_into_the_bucket(
    world: World, tmp_path: Path, settings: Any, request: Any
) -> None:
    version = make_document("Notiz", "Umzug in den Objektspeicher").versions.get()
    result = services.create_backup(tmp_path)
    bucket: Bucket = request.getfixturevalue("s3")
    assert bucket.objects() == []

    services.restore_backup(result.path)
    assert bucket.objects() == [version.file.name]
    assert b"Objektspeicher" in bucket.read(version.file.name)


def test_a_store_that_is_down_writes_no_backup_and_restores_nothing(
    world: World, tmp_path: Path, settings: Any
) -> None:
    make_document("Notiz", "Text")
    good = services.create_backup(tmp_path / "gut")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(endpoint_url=f"http://127.0.0.1:{closed_port()}", attempts=1, timeout=2),
    }
    with pytest.raises(services.BackupError, match="Dateispeicher ist nicht erreichbar"):
        services.create_backup(tmp_path / "schlecht")
    assert not list((tmp_path / "schlecht").iterdir())

    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(services.BackupError, match="an der Datenbank wurde nichts geändert"):
        services.restore_backup(good.path)
    assert not DocumentVersion.objects.exists()
