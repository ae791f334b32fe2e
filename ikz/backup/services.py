"""Backup and restore: the whole database (as Django's JSON fixture, database-independent) and the
uploaded files, in one dated archive with a manifest (row counts, file hashes, migration state).

A backup is consistent: the data is read inside one transaction (REPEATABLE READ on PostgreSQL,
a read transaction on SQLite); uploaded files are never changed in place (new versions are new
files), so every file the data refers to is in the archive. A restore checks the manifest first,
replaces the data in one transaction (all or nothing) and then the files, and compares the row
counts with the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from ikz.backup import rules

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
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): _sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def create_backup(target_dir: Path, *, now: dt.datetime | None = None) -> BackupResult:
    """Write ``ikz-sicherung-YYYY-MM-DD_HHMMSS.tar.gz`` into ``target_dir`` (readable by the owner only)."""
    now = timezone.localtime(now or timezone.now())
    target_dir.mkdir(parents=True, exist_ok=True)
    path = target_dir / f"ikz-sicherung-{now:%Y-%m-%d_%H%M%S}.tar.gz"
    if path.exists():
        raise BackupError(f"{path} gibt es schon – bitte eine Sekunde warten und erneut sichern.")
    media_root = Path(settings.MEDIA_ROOT)
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
        files = _media_files(media_root)
        manifest = {
            "format": rules.FORMAT,
            "created_at": now.isoformat(),
            "database": connection.vendor,
            "migrations": migrations,
            "rows": counts,
            "files": files,
        }
        partial = path.with_suffix(".part")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            encoded = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(encoded)
            info.mtime = int(now.timestamp())
            archive.addfile(info, io.BytesIO(encoded))
            archive.add(data_path, arcname=DATA)
            for name in files:
                archive.add(media_root / name, arcname=f"{MEDIA}/{name}")
        partial.rename(path)
    return BackupResult(path=path, rows=sum(counts.values()), files=len(files))


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
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(unpacked / DATA), verbosity=0)
            differences = rules.count_differences(expected_rows, _row_counts())
            if differences:
                raise BackupError(
                    "Nach dem Zurückspielen stimmen Zeilenzahlen nicht: " + "; ".join(differences)
                )
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists():
            shutil.rmtree(media_root)
        if (unpacked / MEDIA).exists():
            shutil.copytree(unpacked / MEDIA, media_root)
        else:
            media_root.mkdir(parents=True, exist_ok=True)
    return RestoreResult(rows=sum(expected_rows.values()), files=len(expected_files))
