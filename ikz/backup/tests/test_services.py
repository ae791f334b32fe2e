"""Backup round trip: backup → wipe → restore gives the same rows and the same file hashes."""

from __future__ import annotations

import hashlib
import tarfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from ikz.accounts.models import User
from ikz.audit.models import AuditEntry
from ikz.audit.services import update_versioned
from ikz.backup import services
from ikz.documents import services as services_documents
from ikz.documents.models import DocumentVersion
from ikz.documents.tests.factories import make_document
from ikz.municipalities.models import Municipality
from ikz.test import World

pytestmark = pytest.mark.django_db(transaction=True)


def _hashes() -> dict[str, str]:
    """The stored files the rows refer to, with their hashes, read through the storage API (the
    same test runs against the local disk and, in `make test-s3`, against object storage)."""
    hashes = {}
    for name in services.stored_names():
        with default_storage.open(name, "rb") as handle:
            hashes[name] = hashlib.sha256(handle.read()).hexdigest()
    return hashes


@pytest.fixture
def media(world: World) -> list[str]:
    """Two uploaded documents (a PDF and a text), stored wherever the default storage keeps files."""
    make_document("Projektauftrag", "Beschaffungswesen", kind="pdf")
    make_document("Notiz", "Grüße aus Raunheim", kind="txt")
    return services.stored_names()


def test_round_trip_restores_rows_and_files(world: World, media: list[str], tmp_path: Path) -> None:
    update_versioned(
        Municipality,
        world.kommune_a.pk,
        {"street": "Am Stadtzentrum 1"},
        expected_version=world.kommune_a.version,
        actor=world.office,
    )
    rows_before = services._row_counts()
    files_before = _hashes()
    assert len(files_before) == 2
    audit_before = list(AuditEntry.objects.order_by("pk").values_list("pk", "object_repr", "changes"))

    result = services.create_backup(tmp_path / "sicherungen")
    assert result.path.name.startswith("ikz-sicherung-") and result.path.suffixes == [".tar", ".gz"]
    assert result.path.stat().st_mode & 0o077 == 0  # readable by the owner only
    assert result.files == 2 and result.rows == sum(rows_before.values()) and result.missing == ()

    # wipe: data and one stored file gone
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete(media[0])
    assert not User.objects.exists() and not default_storage.exists(media[0])

    services.restore_backup(result.path)
    assert services._row_counts() == rows_before
    assert _hashes() == files_before
    assert list(AuditEntry.objects.order_by("pk").values_list("pk", "object_repr", "changes")) == audit_before
    assert Municipality.objects.get(pk=world.kommune_a.pk).street == "Am Stadtzentrum 1"
    # the restored people can log in with their passwords again
    assert User.objects.get(username="contact_a").check_password("Test-Passwort-2026!")
    # and the restored document is downloaded through the library as before
    version = DocumentVersion.objects.get(document__title="Notiz")
    assert b"Raunheim" in b"".join(services_documents.open_version(version).chunks())


def test_a_file_missing_from_the_store_is_named_not_hidden(
    world: World, media: list[str], tmp_path: Path
) -> None:
    default_storage.delete(media[1])
    result = services.create_backup(tmp_path)
    assert result.files == 1 and result.missing == (media[1],)
    assert services.read_manifest(result.path)["missing"] == [media[1]]


def test_a_damaged_archive_changes_nothing(world: World, media: list[str], tmp_path: Path) -> None:
    result = services.create_backup(tmp_path)
    damaged = tmp_path / "kaputt.tar.gz"
    with tarfile.open(result.path, "r:gz") as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member)
            if member.name.endswith(".txt") and data is not None:
                content = b"veraendert"
                member.size = len(content)
                import io

                dst.addfile(member, io.BytesIO(content))
            else:
                dst.addfile(member, data)
    users = User.objects.count()
    with pytest.raises(services.BackupError, match="Prüfsummen"):
        services.restore_backup(damaged)
    assert User.objects.count() == users


def test_commands_write_and_restore_and_refuse_without_confirmation(
    world: World, media: list[str], tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    call_command("backup", ziel=tmp_path)
    out = capsys.readouterr().out
    assert "Sicherung geschrieben" in out and "2 Dateien" in out
    archive = next(tmp_path.glob("ikz-sicherung-*.tar.gz"))
    with pytest.raises(CommandError, match="--ja"):
        call_command("restore", str(archive))
    with pytest.raises(CommandError, match="keine lesbare Sicherung"):
        call_command("restore", str(tmp_path / "gibt-es-nicht.tar.gz"), ja=True)
    User.objects.filter(username="contact_b").delete()
    call_command("restore", str(archive), ja=True)
    assert "Zeilenzahlen geprüft" in capsys.readouterr().out
    assert User.objects.filter(username="contact_b").exists()
