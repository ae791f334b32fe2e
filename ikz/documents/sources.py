"""What documents give the other apps: the document archive as a search source (the portal finds
the public documents), and its kinds of document to filter by. Registered in ``DocumentsConfig.ready()``."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.documents.access import documents_for, public_documents
from ikz.documents.models import DocType, Document
from ikz.search.registry import Indexed, Source, register_kinds
from ikz.search.registry import register as register_search


def describe_document(doc: Any) -> Indexed:
    latest = doc.versions.order_by("-number").first()
    return Indexed(
        title=doc.title,
        body="\n".join(p for p in [doc.description, latest.text if latest else ""] if p),
        url=doc.get_absolute_url(),
        kind=doc.doc_type,
        region_id=doc.region_id,
        year=doc.date.year,
        field_ids=tuple(doc.fields.values_list("pk", flat=True)),
    )


def _document_public_url(entry: Any) -> str:
    return reverse("portal:document_download", args=[entry.object_id])


def register() -> None:
    register_search(
        Source(
            "document",
            _("Dokument"),
            Document,
            describe_document,
            documents_for,
            public=public_documents,
            public_url=_document_public_url,
            order=30,
        )
    )
    register_kinds(DocType.choices)
