"""API: cooperation fields, cooperations and their participants (read)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ikz.api.core import ERRORS, LIST_ERRORS, ChangedSince, Page, Paging, page_since, pk_path, user_of
from ikz.cooperation import access
from ikz.cooperation.models import CooperationField

router = Router(tags=["Kooperationen"])


class FieldOut(Schema):
    id: int
    name: str
    task_area_id: int
    task_area: str = Field(alias="task_area.name")
    description: str
    version: int


class ParticipantOut(Schema):
    municipality_id: int
    status: str
    is_lead: bool
    planned_by: Any = None


class CooperationOut(Schema):
    id: int
    title: str
    region_id: int
    field_id: int | None
    legal_form: str
    since_year: int | None
    description: str
    participants: list[ParticipantOut]
    version: int

    @staticmethod
    def resolve_participants(obj: Any) -> list[Any]:
        return list(obj.participants.all())


class CooperationFilter(Schema):
    region: str | None = Field(None, max_length=80, description="Kurzbezeichnung einer Region")
    field: int | None = Field(None, ge=1, le=2**31 - 1, description="Kooperationsfeld")


@router.get(
    "/felder/",
    response={200: Page[FieldOut]} | LIST_ERRORS,
    url_name="field_list",
    summary="Kooperationsfelder auflisten",
)
def field_list(request: HttpRequest, when: Query[ChangedSince], paging: Query[Paging]) -> dict[str, Any]:
    qs = CooperationField.objects.filter(task_area__in=access.task_areas_for(user_of(request)))
    return page_since(
        when, qs.select_related("task_area").order_by("task_area__position", "position", "name", "pk"), paging
    )


@router.get(
    "/felder/{pk}/",
    response={200: FieldOut} | ERRORS,
    url_name="field_detail",
    summary="Ein Kooperationsfeld",
)
def field_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    return access.get_field_for(user_of(request), pk)


@router.get(
    "/kooperationen/",
    response={200: Page[CooperationOut]} | LIST_ERRORS,
    url_name="cooperation_list",
    summary="Kooperationen mit Beteiligten auflisten",
)
def cooperation_list(
    request: HttpRequest, filters: Query[CooperationFilter], when: Query[ChangedSince], paging: Query[Paging]
) -> dict[str, Any]:
    qs = access.cooperations_for(user_of(request)).prefetch_related("participants")
    if filters.region:
        qs = qs.filter(region__slug=filters.region)
    if filters.field:
        qs = qs.filter(field_id=filters.field)
    return page_since(when, qs.order_by("title", "pk"), paging)


@router.get(
    "/kooperationen/{pk}/",
    response={200: CooperationOut} | ERRORS,
    url_name="cooperation_detail",
    summary="Eine Kooperation mit Beteiligten",
)
def cooperation_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    return access.get_cooperation_for(user_of(request), pk)
