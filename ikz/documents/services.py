"""State changes of the document library; each checks everything first, then writes, audited.

For other apps: :func:`store_generated_document` puts a generated file (DOCX, PDF …) into the
library, as a new document or as a new version of an existing one (see docs/architecture.md)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import ConflictError, create_object, record, update_versioned
from ikz.cooperation.models import CooperationField
from ikz.documents import rules
from ikz.documents.extract import extract_text
from ikz.documents.models import DocType, Document, DocumentVersion, Visibility
from ikz.jobs.services import enqueue
from ikz.lib import storage
from ikz.search import index

DOCUMENT_FIELDS = [
    "title",
    "doc_type",
    "date",
    "description",
    "region",
    "cooperation",
    "owner",
    "visibility",
    "source",
]


@dataclass(frozen=True)
class Upload:
    """A file as received: its name and its bytes (read once, checked before anything is written)."""

    filename: str
    data: bytes


def max_bytes() -> int:
    return int(settings.IKZ_UPLOAD_MAX_MB * 1024 * 1024)


def allowed_kinds() -> frozenset[str]:
    return frozenset(settings.IKZ_UPLOAD_TYPES)


def check_file(upload: Upload) -> str:
    """The detected kind, or a ``ValidationError`` on the field ``file`` with the German reason."""
    kind, refusal = rules.check_upload(
        upload.filename, upload.data, max_bytes=max_bytes(), allowed=allowed_kinds()
    )
    if refusal is not None:
        raise ValidationError({"file": refusal.message})
    return kind


def _check_document(document: Document) -> None:
    if document.visibility == Visibility.REGION and document.region_id is None:
        raise ValidationError({"region": _("Für die Sichtbarkeit „Region“ bitte die Region angeben.")})
    coop = document.cooperation if document.cooperation_id else None
    if coop is not None and document.region_id and coop.region_id != document.region_id:
        raise ValidationError({"cooperation": _("Die Kooperation gehört zu einer anderen Region.")})


def extracts_inline(size: int) -> bool:
    """Small files get their text in the request (the search finds them at once), larger ones in a job."""
    return size <= int(settings.IKZ_EXTRACT_INLINE_MAX_KB) * 1024


def _save_file(version: DocumentVersion, name: str, data: bytes) -> None:
    """Write the file through the storage API; a store that is down refuses the upload at "file"."""
    try:
        with storage.guard(f"speichern {name}"):
            version.file.save(name, ContentFile(data), save=False)
    except storage.StorageUnavailable as exc:
        raise ValidationError({"file": str(storage.NOT_STORED)}) from exc


def _store_version(document: Document, upload: Upload, kind: str, *, actor: User | None) -> DocumentVersion:
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    inline = extracts_inline(len(upload.data))
    version = DocumentVersion(
        document=document,
        number=last + 1,
        filename=upload.filename[:255],
        size=len(upload.data),
        content_type=rules.mime_type(kind),
        text=extract_text(kind, upload.data) if inline else "",
        uploaded_by=actor,
    )
    # A random stored name: the original name is kept in ``filename`` and sent on download.
    _save_file(version, f"{uuid.uuid4().hex}{rules.KINDS[kind][1][0]}", upload.data)
    try:
        version.save()
    except Exception:
        with suppress(storage.StorageUnavailable), storage.guard(f"löschen {version.file.name}"):
            version.file.delete(save=False)  # no file without its row
        raise
    if not inline:
        enqueue(
            "documents.extract_text",
            {"version": version.pk},
            label=_("Volltext von „%(file)s“ erstellen") % {"file": version.filename},
            actor=actor,
            region_id=document.region_id,
            key=rules.extraction_key(version.pk),
        )
    record(
        document,
        Action.UPDATE,
        actor=actor,
        changes={"Fassung": [None, f"{version.number}: {version.filename}"]},
        message=_("Neue Fassung hochgeladen"),
    )
    return version


def open_version(version: DocumentVersion) -> File[bytes]:
    """The stored file of ``version``, opened for reading and already fetched (from object storage:
    into a local buffer), so that a download never breaks off halfway. Raises
    :class:`~ikz.lib.storage.StorageUnavailable` when the file store cannot deliver it."""
    with storage.guard(f"lesen {version.file.name}"):
        handle: File[bytes] = version.file.open("rb")
        handle.seek(0)  # S3: fetches the object now, inside the guard
    return handle


def read_version(version: DocumentVersion) -> bytes:
    """The bytes of a stored version (through the storage API; raises ``StorageUnavailable``)."""
    return storage.read_bytes(version.file.storage, version.file.name or "")


def extract_version_text(version: DocumentVersion) -> int:
    """Read the stored file through the storage API, extract its text, save it and refresh the
    search entry of the document. Returns the number of characters. Raises ``StorageUnavailable``."""
    data = read_version(version)
    kind = rules.detect_kind(data) or ""
    text = extract_text(kind, data) if kind else ""
    with transaction.atomic():
        DocumentVersion.objects.filter(pk=version.pk).update(text=text)
        index.refresh(version.document)
    return len(text)


@transaction.atomic
def upload_document(
    values: Mapping[str, object],
    fields: Iterable[CooperationField],
    upload: Upload,
    *,
    actor: User | None,
) -> Document:
    """A new document with its first version. Nothing is stored when the file or the data is refused."""
    kind = check_file(upload)
    document = Document(**values)
    _check_document(document)
    create_object(document, actor=actor)
    document.fields.set(list(fields))
    _store_version(document, upload, kind, actor=actor)
    index.refresh(document)
    return document


@transaction.atomic
def add_version(
    document: Document, upload: Upload, *, expected_version: int, actor: User | None
) -> DocumentVersion:
    kind = check_file(upload)
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, {}, expected_version=expected_version)
    version = _store_version(locked, upload, kind, actor=actor)
    Document.objects.filter(pk=locked.pk).update(version=locked.version + 1)
    index.refresh(locked)
    return version


@transaction.atomic
def update_document(
    document: Document,
    values: Mapping[str, object],
    fields: Iterable[CooperationField],
    *,
    expected_version: int,
    actor: User | None,
) -> Document:
    probe = Document(pk=document.pk, **values)
    _check_document(probe)
    updated = update_versioned(Document, document.pk, values, expected_version=expected_version, actor=actor)
    new_fields = {f.pk for f in fields}
    if new_fields != set(updated.fields.values_list("pk", flat=True)):
        updated.fields.set(list(new_fields))
        record(
            updated,
            Action.UPDATE,
            actor=actor,
            changes={"fields": [None, ", ".join(str(pk) for pk in sorted(new_fields))]},
        )
    index.refresh(updated)
    return updated


@transaction.atomic
def store_generated_document(
    *,
    title: str,
    doc_type: str,
    filename: str,
    content: bytes,
    actor: User | None,
    visibility: str = Visibility.INTERNAL,
    date: dt.date | None = None,
    region_id: int | None = None,
    cooperation_id: int | None = None,
    owner_id: int | None = None,
    field_ids: Iterable[int] = (),
    description: str = "",
    document: Document | None = None,
) -> DocumentVersion:
    """Put a file that another app generated (e.g. an agreement as DOCX, a report as PDF) into
    the library. Without ``document`` a new document is created; with it, a new version is added
    (the old ones stay). The file goes through the same checks as an upload (type by content,
    size); a refusal raises ``ValidationError`` and stores nothing. Returns the new version."""
    upload = Upload(filename=filename, data=content)
    kind = check_file(upload)
    if document is None:
        document = Document(
            title=title,
            doc_type=doc_type if doc_type in DocType.values else DocType.OTHER,
            date=date or timezone.localdate(),
            description=description,
            region_id=region_id,
            cooperation_id=cooperation_id,
            owner_id=owner_id,
            visibility=visibility,
        )
        _check_document(document)
        create_object(document, actor=actor, message=_("Erzeugtes Dokument"))
        document.fields.set(list(field_ids))
    version = _store_version(document, upload, kind, actor=actor)
    index.refresh(document)
    return version
