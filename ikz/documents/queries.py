"""Reads of the document library."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from ikz.documents import access
from ikz.documents.models import Document
from ikz.documents.rules import extraction_key
from ikz.jobs.models import Job, JobStatus

OPEN = (JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.RETRY)


def document_list(user: Any, doc_type: str = "") -> QuerySet[Document]:
    """The documents the person may read, newest first, optionally of one kind."""
    documents = access.documents_for(user).select_related("region", "owner")
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    return documents.order_by("-date", "title", "pk")


def awaiting_text(version_ids: Iterable[int]) -> set[int]:
    """Which of these versions still wait for their full text from the background job (one query)."""
    keys = {extraction_key(pk): pk for pk in version_ids}
    open_keys = Job.objects.filter(key__in=list(keys), status__in=OPEN).values_list("key", flat=True)
    return {keys[key] for key in open_keys if key in keys}
