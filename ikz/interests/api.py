"""API: calls for interest and declarations (read; declarations as access allows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from ikz.api.core import ERRORS, Page, Paging, page, pk_path, user_of
from ikz.interests import access
from ikz.interests.models import Declaration

router = Router(tags=["Interessenbekundungen"])


class CallOut(Schema):
    id: int
    title: str
    region_id: int
    status: str
    deadline: dt.date | None
    version: int


class DeclarationOut(Schema):
    id: int
    call_id: int
    municipality_id: int
    status: str
    note: str
    version: int


@router.get(
    "/aufrufe/",
    response={200: Page[CallOut]} | ERRORS,
    url_name="call_list",
    summary="Aufrufe zur Interessenbekundung auflisten",
)
def call_list(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    return page(access.calls_for(user_of(request)).order_by("title", "pk"), paging)


@router.get(
    "/interessenbekundungen/",
    response={200: Page[DeclarationOut]} | ERRORS,
    url_name="declaration_list",
    summary="Interessenbekundungen auflisten (soweit sichtbar)",
)
def declaration_list(
    request: HttpRequest,
    paging: Query[Paging],
    call: int | None = Query(None, ge=1, le=2**31 - 1),  # type: ignore[type-arg]
) -> dict[str, Any]:
    qs = access.declarations_for(user_of(request))
    if call:
        qs = qs.filter(call_id=call)
    return page(qs.order_by("call_id", "municipality_id", "pk"), paging)


@router.get(
    "/interessenbekundungen/{pk}/", response={200: DeclarationOut} | ERRORS, url_name="declaration_detail"
)
def declaration_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    try:
        return access.declarations_for(user_of(request)).get(pk=pk)
    except Declaration.DoesNotExist as exc:
        raise Http404 from exc
