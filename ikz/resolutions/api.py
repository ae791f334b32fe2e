"""API: resolutions of the municipalities' bodies (read). Querysets from ``access.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ikz.api.core import (
    ERRORS,
    LIST_ERRORS,
    ChangedSince,
    Page,
    Paging,
    filtered,
    page_since,
    pk_path,
    user_of,
)
from ikz.resolutions import access
from ikz.resolutions.models import Outcome, Subject

router = Router(tags=["Beschlüsse"])


class ResolutionOut(Schema):
    id: int
    municipality_id: int
    subject: str
    subject_text: str
    body: str
    date: dt.date | None = Field(description="Sitzungsdatum")
    outcome: str
    note: str
    source: str
    version: int


class ResolutionFilter(Schema):
    region: str | None = Field(None, max_length=80, description="Kurzbezeichnung einer Region")
    municipality: int | None = Field(None, ge=1, le=2**31 - 1, description="Kommune")
    subject: Subject | None = None
    outcome: Outcome | None = None


LOOKUPS = {
    "region": "municipality__region_memberships__region__slug",
    "municipality": "municipality_id",
    "subject": "subject",
    "outcome": "outcome",
}


@router.get(
    "/beschluesse/",
    response={200: Page[ResolutionOut]} | LIST_ERRORS,
    url_name="resolution_list",
    summary="Beschlüsse der Kommunen auflisten",
)
def resolution_list(
    request: HttpRequest, filters: Query[ResolutionFilter], when: Query[ChangedSince], paging: Query[Paging]
) -> dict[str, Any]:
    qs = filtered(access.resolutions_for(user_of(request)), filters, LOOKUPS)
    return page_since(when, qs.order_by("municipality_id", "subject", "subject_text", "pk"), paging)


@router.get(
    "/beschluesse/{pk}/",
    response={200: ResolutionOut} | ERRORS,
    url_name="resolution_detail",
    summary="Ein Beschluss",
)
def resolution_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    return access.get_resolution_for(user_of(request), pk)
