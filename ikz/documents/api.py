"""API: document metadata (no files), filtered by the documents' visibility via ``access``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ikz.api.core import ERRORS, LIST_ERRORS, ChangedSince, Page, Paging, page_since, pk_path, user_of
from ikz.documents import access
from ikz.documents.models import DocType

router = Router(tags=["Dokumente"])


class DocumentOut(Schema):
    id: int
    title: str
    doc_type: str
    date: dt.date
    description: str
    visibility: str
    region_id: int | None
    owner_id: int | None
    cooperation_id: int | None
    version: int


class DocumentFilter(Schema):
    doc_type: DocType | None = None
    region: str | None = Field(None, max_length=80, description="Kurzbezeichnung einer Region")


@router.get(
    "/dokumente/",
    response={200: Page[DocumentOut]} | LIST_ERRORS,
    url_name="document_list",
    summary="Dokumente auflisten (nur Metadaten)",
)
def document_list(
    request: HttpRequest, filters: Query[DocumentFilter], when: Query[ChangedSince], paging: Query[Paging]
) -> dict[str, Any]:
    qs = access.documents_for(user_of(request))
    if filters.doc_type:
        qs = qs.filter(doc_type=filters.doc_type)
    if filters.region:
        qs = qs.filter(region__slug=filters.region)
    return page_since(when, qs.order_by("-date", "title", "pk"), paging)


@router.get(
    "/dokumente/{pk}/",
    response={200: DocumentOut} | ERRORS,
    url_name="document_detail",
    summary="Metadaten eines Dokuments",
)
def document_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    return access.get_document_for(user_of(request), pk)
