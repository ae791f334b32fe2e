"""API: inventory campaigns and the municipalities' responses (read; responses as access allows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from ikz.api.core import ERRORS, LIST_ERRORS, ChangedSince, Page, Paging, page_since, pk_path, user_of
from ikz.surveys import access
from ikz.surveys.models import Response

router = Router(tags=["Bestandsaufnahmen"])


class CampaignOut(Schema):
    id: int
    title: str
    region_id: int
    status: str
    period_start: dt.date
    period_end: dt.date
    deadline: dt.date
    version: int


class ResponseOut(Schema):
    id: int
    campaign_id: int
    municipality_id: int
    status: str
    submitted_at: dt.datetime | None
    submitted_on: dt.date | None
    version: int


class ResponseFilter(Schema):
    campaign: int | None = Field(None, ge=1, le=2**31 - 1)
    municipality: int | None = Field(None, ge=1, le=2**31 - 1)


@router.get(
    "/bestandsaufnahmen/",
    response={200: Page[CampaignOut]} | LIST_ERRORS,
    url_name="campaign_list",
    summary="Bestandsaufnahmen auflisten",
)
def campaign_list(request: HttpRequest, when: Query[ChangedSince], paging: Query[Paging]) -> dict[str, Any]:
    return page_since(
        when, access.campaigns_for(user_of(request)).order_by("-deadline", "title", "pk"), paging
    )


@router.get(
    "/bestandsaufnahmen/{pk}/",
    response={200: CampaignOut} | ERRORS,
    url_name="campaign_detail",
    summary="Eine Bestandsaufnahme",
)
def campaign_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    return access.get_campaign_for(user_of(request), pk)


@router.get(
    "/antworten/",
    response={200: Page[ResponseOut]} | LIST_ERRORS,
    url_name="response_list",
    summary="Antworten der Kommunen auflisten (soweit sichtbar)",
)
def response_list(
    request: HttpRequest, filters: Query[ResponseFilter], when: Query[ChangedSince], paging: Query[Paging]
) -> dict[str, Any]:
    qs = access.responses_for(user_of(request))
    if filters.campaign:
        qs = qs.filter(campaign_id=filters.campaign)
    if filters.municipality:
        qs = qs.filter(municipality_id=filters.municipality)
    return page_since(when, qs.order_by("campaign_id", "municipality_id", "pk"), paging)


@router.get(
    "/antworten/{pk}/",
    response={200: ResponseOut} | ERRORS,
    url_name="response_detail",
    summary="Eine Antwort",
)
def response_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    try:
        return access.responses_for(user_of(request)).get(pk=pk)
    except Response.DoesNotExist as exc:
        raise Http404 from exc
