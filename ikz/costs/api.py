"""API: cost allocations (Umlagen) with their shares (read). Querysets from ``access.py``: the
region's office and steering group see every allocation and share, a contact person the released
allocations of cooperations their municipality takes part in, with their own share only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ikz.api.core import (
    ERRORS,
    LIST_ERRORS,
    ChangedSince,
    DecimalText,
    Money,
    Page,
    Paging,
    filtered,
    page_since,
    pk_path,
    user_of,
)
from ikz.costs import access
from ikz.costs.models import AllocationShare, AllocationStatus

router = Router(tags=["Kosten"])


class ShareOut(Schema):
    municipality_id: int
    ags: str
    name: str
    key_value: str
    percent: DecimalText
    amount: Money
    formula: str = Field(description="Rechenweg")
    capped: bool


class AllocationOut(Schema):
    id: int
    cooperation_id: int
    year: int
    number: int = Field(description="Fassung")
    status: str
    total: Money
    fees: Money
    fines: Money
    grants: Money
    other_income: Money
    net: Money = Field(description="zu verteilen")
    key_description: str
    stichtag: dt.date | None
    note: str
    released_at: dt.datetime | None
    shares: list[ShareOut] = Field(description="soweit sichtbar: Kontaktpersonen nur den eigenen Anteil")
    version: int

    @staticmethod
    def resolve_shares(obj: Any) -> list[Any]:
        return list(obj.shares.all())


class AllocationFilter(Schema):
    cooperation: int | None = Field(None, ge=1, le=2**31 - 1, description="Kooperation")
    year: int | None = Field(None, ge=1900, le=2999, description="Haushaltsjahr")
    status: AllocationStatus | None = None


@router.get(
    "/umlagen/",
    response={200: Page[AllocationOut]} | LIST_ERRORS,
    url_name="allocation_list",
    summary="Umlagen der Kooperationen auflisten (soweit sichtbar)",
)
def allocation_list(
    request: HttpRequest, filters: Query[AllocationFilter], when: Query[ChangedSince], paging: Query[Paging]
) -> dict[str, Any]:
    user = user_of(request)
    qs = access.allocations_visible_to(user).prefetch_related(
        Prefetch("shares", queryset=access.shares_visible_to(user).order_by("ags", "pk"))
    )
    qs = filtered(qs, filters, {"cooperation": "cooperation_id", "year": "year", "status": "status"})
    return page_since(
        when,
        qs.order_by("cooperation_id", "-year", "-number", "pk"),
        paging,
        parts={"allocation": AllocationShare},
    )


@router.get(
    "/umlagen/{pk}/",
    response={200: AllocationOut} | ERRORS,
    url_name="allocation_detail",
    summary="Eine Umlage mit ihren Anteilen",
)
def allocation_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    allocation, view = access.get_allocation_for(user_of(request), pk)
    prefetch_related_objects(
        [allocation], Prefetch("shares", queryset=access.shares_in(view).order_by("ags", "pk"))
    )
    return allocation
