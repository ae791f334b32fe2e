"""The one place that knows how the file store fails. Uploaded files live in Django's default
storage: the local disk or S3-compatible object storage (django-storages, see settings.py). Both
can be unreachable for a while (a full or unmounted disk, an object store that is down or refuses
the keys); services wrap their storage calls in :func:`guard` and get :class:`StorageUnavailable`,
which they turn into a German message for the user instead of a traceback."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from django.core.files.storage import Storage
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

# Said at the field "file" when an upload could not be stored (nothing was written).
NOT_STORED = _(
    "Der Dateispeicher ist gerade nicht erreichbar; die Datei wurde nicht gespeichert. "
    "Bitte versuchen Sie es später erneut."
)
# Said on the error page when a stored file cannot be read.
NOT_READABLE = _(
    "Der Dateispeicher ist gerade nicht erreichbar; die Datei kann im Moment nicht geladen werden. "
    "Bitte versuchen Sie es später erneut."
)


def _storage_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OSError]
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - botocore comes with django-storages[s3]
        return tuple(errors)
    # BotoCoreError covers EndpointConnectionError, ConnectTimeoutError, NoCredentialsError …;
    # ClientError an answer of the endpoint (access denied, no such bucket, 5xx after retries).
    return (*errors, BotoCoreError, ClientError)


STORAGE_ERRORS = _storage_errors()


class StorageUnavailable(Exception):
    """The file store could not be reached or refused the operation (the cause is chained)."""


@contextmanager
def guard(what: str) -> Iterator[None]:
    """Turn a failure of the file store inside the block into :class:`StorageUnavailable`;
    ``what`` names the operation for the log ("speichern documents/2026/ab.pdf")."""
    try:
        yield
    except STORAGE_ERRORS as exc:
        log.warning("Dateispeicher: %s fehlgeschlagen: %s", what, exc)
        raise StorageUnavailable(f"{what}: {type(exc).__name__}: {exc}") from exc


def read_bytes(storage: Storage, name: str) -> bytes:
    """The whole content of a stored file (for files the platform accepted: at most the upload limit)."""
    with guard(f"lesen {name}"), storage.open(name, "rb") as handle:
        data: bytes = handle.read()
    return data


def copy_out(storage: Storage, name: str, target: IO[bytes] | None) -> str:
    """Copy a stored file into ``target`` in chunks (none: only hash it); returns its SHA-256."""
    digest = hashlib.sha256()
    with guard(f"lesen {name}"), storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            if target is not None:
                target.write(chunk)
    return digest.hexdigest()
