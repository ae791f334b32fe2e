"""Backup and restore: the whole database (as Django's JSON fixture, database-independent) and the
uploaded files, in one dated archive with a manifest (row counts, file hashes, migration state).

A backup is consistent: the data is read inside one transaction (REPEATABLE READ on PostgreSQL,
a read transaction on SQLite), and so is the list of files: every name in a ``FileField`` of any
row. Uploaded files are never changed in place (new versions are new files), so every file the
data refers to is in the archive. Files are read and written only through Django's storage API
(``default_storage``), so the same backup works with the local disk and with S3-compatible object
storage, and a backup of one can be restored into the other (decision 164).

A restore checks the manifest first, writes the files of the archive through the storage API,
replaces the data in one transaction (all or nothing), compares the row counts with the manifest
and then removes the files that only rows of the replaced data referred to.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from ikz.backup import rules
from ikz.lib import storage

# Rebuilt by `migrate` itself; restoring them would clash with the rows it creates.
EXCLUDED = ["contenttypes", "auth.permission", "sessions.session"]
DATA = "daten.json"
MANIFEST = "manifest.json"
MEDIA = "media"


class BackupError(Exception):
    """A backup cannot be written or restored; the message is German and says what to do."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    rows: int
    files: int
    # Names that rows refer to but the file store does not have (listed in the manifest).
    missing: tuple[str, ...] = ()


def _applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def _row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if (
            model._meta.proxy
            or not model._meta.managed
            or label.split(".")[0] in {"contenttypes", "sessions"}
        ):
            continue
        if label == "auth.permission":
            continue
        counts[label] = model._base_manager.count()
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files(root: Path) -> dict[str, str]:
    """The files of an unpacked archive's media folder with their hashes."""
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): _sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def stored_names() -> list[str]:
    """Every file name in a ``FileField`` of any row (today the versions of the document library):
    the files a backup must hold."""
    names: set[str] = set()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                rows = model._base_manager.exclude(**{f"{field.attname}__isnull": True})
                names.update(rows.exclude(**{field.attname: ""}).values_list(field.attname, flat=True))
    return sorted(names)


def _unavailable(exc: storage.StorageUnavailable, what: str) -> BackupError:
    return BackupError(f"Der Dateispeicher ist nicht erreichbar ({exc}) – {what}")


def _fetch(names: list[str], folder: Path) -> tuple[dict[str, str], tuple[str, ...]]:
    """Copy the stored files into ``folder`` through the storage API: (name → SHA-256, missing)."""
    files: dict[str, str] = {}
    missing = []
    for name in names:
        target = folder / name
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise BackupError(f"Unzulässiger Dateiname in der Datenbank: {name!r}.")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("wb") as handle:
                files[name] = storage.copy_out(default_storage, name, handle)
        except storage.StorageUnavailable as exc:
            target.unlink(missing_ok=True)
            if isinstance(exc.__cause__, FileNotFoundError):
                missing.append(name)
                continue
            raise _unavailable(exc, "keine Sicherung geschrieben.") from exc
    return files, tuple(missing)


def create_backup(target_dir: Path, *, now: dt.datetime | None = None) -> BackupResult:
    """Write ``ikz-sicherung-YYYY-MM-DD_HHMMSS.tar.gz`` into ``target_dir`` (readable by the owner only)."""
    now = timezone.localtime(now or timezone.now())
    target_dir.mkdir(parents=True, exist_ok=True)
    path = target_dir / f"ikz-sicherung-{now:%Y-%m-%d_%H%M%S}.tar.gz"
    if path.exists():
        raise BackupError(f"{path} gibt es schon – bitte eine Sekunde warten und erneut sichern.")
    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / DATA
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            counts = _row_counts()
            migrations = _applied_migrations()
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                natural_foreign=True,
                output=str(data_path),
                verbosity=0,
            )
            names = stored_names()
        files, missing = _fetch(names, Path(tmp) / MEDIA)
        manifest = {
            "format": rules.FORMAT,
            "created_at": now.isoformat(),
            "database": connection.vendor,
            "migrations": migrations,
            "rows": counts,
            "files": files,
            "missing": list(missing),
        }
        _write_archive(path, manifest, Path(tmp), now)
    return BackupResult(path=path, rows=sum(counts.values()), files=len(files), missing=missing)


def _write_archive(path: Path, manifest: dict[str, object], folder: Path, now: dt.datetime) -> None:
    partial = path.with_suffix(".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
        encoded = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(encoded)
        info.mtime = int(now.timestamp())
        archive.addfile(info, io.BytesIO(encoded))
        archive.add(folder / DATA, arcname=DATA)
        for name in manifest["files"]:  # type: ignore[attr-defined]
            archive.add(folder / MEDIA / name, arcname=f"{MEDIA}/{name}")
    partial.rename(path)


def read_manifest(path: Path) -> dict[str, object]:
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest: dict[str, object] = json.loads(member.read())
    except (OSError, tarfile.TarError, KeyError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path} ist keine lesbare Sicherung der IKZ-Plattform ({exc}).") from exc
    if manifest.get("format") != rules.FORMAT:
        raise BackupError(f"{path}: unbekanntes Sicherungsformat {manifest.get('format')!r}.")
    return manifest


@dataclass(frozen=True)
class RestoreResult:
    rows: int
    files: int


def _stored_hash(name: str) -> str | None:
    if not default_storage.exists(name):
        return None
    return storage.copy_out(default_storage, name, None)


def _put(folder: Path, files: dict[str, str]) -> None:
    """Write the archive's files through the storage API under their own names (a file already
    stored with the same content is left alone)."""
    for name, digest in files.items():
        try:
            with storage.guard(f"schreiben {name}"):
                if _stored_hash(name) == digest:
                    continue
                default_storage.delete(name)
                with (folder / name).open("rb") as handle:
                    saved = default_storage.save(name, File(handle, name=name))
        except storage.StorageUnavailable as exc:
            raise _unavailable(exc, "an der Datenbank wurde nichts geändert.") from exc
        if saved != name:
            raise BackupError(f"Der Dateispeicher hat {name} unter anderem Namen ({saved}) abgelegt.")


def _remove(names: set[str]) -> None:
    """Remove files that only the replaced data referred to; one that cannot be removed stays."""
    for name in sorted(names):
        try:
            with storage.guard(f"löschen {name}"):
                default_storage.delete(name)
        except storage.StorageUnavailable:
            continue  # an unreferenced file costs space, nothing else; logged by guard


def restore_backup(path: Path) -> RestoreResult:
    """Replace the database content and the uploaded files by the backup at ``path``."""
    manifest = read_manifest(path)
    reason = rules.migration_mismatch(list(manifest["migrations"]), _applied_migrations())  # type: ignore[call-overload]
    if reason:
        raise BackupError(reason)
    expected_files: dict[str, str] = dict(manifest["files"])  # type: ignore[call-overload]
    expected_rows: dict[str, int] = dict(manifest["rows"])  # type: ignore[call-overload]
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(tmp, filter="data")
        unpacked = Path(tmp)
        got = _media_files(unpacked / MEDIA)
        if got != expected_files:
            raise BackupError(
                f"{path}: die Dateien im Archiv passen nicht zu ihren Prüfsummen – Sicherung beschädigt."
            )
        referenced_before = set(stored_names())
        _put(unpacked / MEDIA, expected_files)
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(unpacked / DATA), verbosity=0)
            differences = rules.count_differences(expected_rows, _row_counts())
            if differences:
                raise BackupError(
                    "Nach dem Zurückspielen stimmen Zeilenzahlen nicht: " + "; ".join(differences)
                )
    _remove(referenced_before - set(expected_files) - set(stored_names()))
    return RestoreResult(rows=sum(expected_rows.values()), files=len(expected_files))
