"""Backups the operator gets wrong: two in one second, a file that is no backup, a backup of another
format or another migration state, and a platform without uploaded files."""

from __future__ import annotations

import datetime as dt
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from ikz.backup import rules, services
from ikz.documents.tests.factories import make_document
from ikz.municipalities.models import Municipality
from ikz.test import World


def _archive(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return path


def _manifest(**changes: object) -> bytes:
    manifest: dict[str, object] = {"format": rules.FORMAT, "migrations": [], "rows": {}, "files": {}}
    manifest.update(changes)
    return json.dumps(manifest).encode()


@pytest.mark.django_db
def test_a_second_backup_in_the_same_second_is_refused(world: World, tmp_path: Path) -> None:
    now = timezone.make_aware(dt.datetime(2026, 3, 2, 8, 15, 0))
    first = services.create_backup(tmp_path / "sicherungen", now=now)
    assert first.path.name == "ikz-sicherung-2026-03-02_081500.tar.gz"
    assert first.files == 0  # no uploaded file at all: nothing to pack, no error
    with pytest.raises(services.BackupError, match="gibt es schon"):
        services.create_backup(tmp_path / "sicherungen", now=now)


@pytest.mark.django_db
def test_files_that_are_no_backup_are_refused_before_anything_changes(world: World, tmp_path: Path) -> None:
    not_a_tar = tmp_path / "brief.tar.gz"
    not_a_tar.write_text("Sehr geehrte Damen und Herren")
    without_manifest = _archive(tmp_path / "ohne.tar.gz", {"daten.json": b"[]"})
    directory_manifest = tmp_path / "ordner.tar.gz"
    with tarfile.open(directory_manifest, "w:gz") as archive:
        info = tarfile.TarInfo("manifest.json")
        info.type = tarfile.DIRTYPE
        archive.addfile(info)
    other_format = _archive(tmp_path / "alt.tar.gz", {"manifest.json": _manifest(format=99)})

    for path in (not_a_tar, without_manifest, directory_manifest):
        with pytest.raises(services.BackupError, match="keine lesbare Sicherung"):
            services.restore_backup(path)
    with pytest.raises(services.BackupError, match="unbekanntes Sicherungsformat 99"):
        services.restore_backup(other_format)
    assert Municipality.objects.filter(pk=world.kommune_a.pk).exists()


@pytest.mark.django_db
def test_a_backup_of_another_migration_state_is_refused(world: World, tmp_path: Path) -> None:
    foreign = _archive(
        tmp_path / "fremd.tar.gz", {"manifest.json": _manifest(migrations=["costs.0001_initial"])}
    )
    with pytest.raises(services.BackupError):
        services.restore_backup(foreign)
    assert Municipality.objects.filter(pk=world.kommune_a.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_backup_without_uploaded_files_restores_to_no_uploaded_files(world: World, tmp_path: Path) -> None:
    result = services.create_backup(tmp_path / "sicherungen")
    assert result.files == 0
    later = make_document("Später", "nach der Sicherung hochgeladen").versions.get().file.name
    assert default_storage.exists(later)

    restored = services.restore_backup(result.path)
    assert restored.files == 0 and restored.rows == result.rows
    assert services.stored_names() == [] and not default_storage.exists(later)
    assert Municipality.objects.get(pk=world.kommune_a.pk).name == world.kommune_a.name


@pytest.mark.django_db
def test_a_file_name_outside_the_store_is_refused(world: World, tmp_path: Path) -> None:
    from ikz.documents.models import DocumentVersion

    version = make_document("Notiz", "Text").versions.get()
    DocumentVersion.objects.filter(pk=version.pk).update(file="../../etc/passwd")
    with pytest.raises(services.BackupError, match="Unzulässiger Dateiname"):
        services.create_backup(tmp_path / "sicherungen")
    assert not (tmp_path / "sicherungen").exists() or not list((tmp_path / "sicherungen").iterdir())
