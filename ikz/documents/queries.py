"""Reads of the document library."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ikz.documents import access
from ikz.documents.models import Document


def document_list(user: Any, doc_type: str = "") -> QuerySet[Document]:
    """The documents the person may read, newest first, optionally of one kind."""
    documents = access.documents_for(user).select_related("region", "owner")
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    return documents.order_by("-date", "title", "pk")
