"""API: solutions and needs of the reuse network; PATCH through ``services`` with ``version``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ikz.accounts.access import roles_of
from ikz.api.core import (
    ERRORS,
    LIST_ERRORS,
    WRITE_ERRORS,
    ChangedSince,
    Page,
    Paging,
    page_since,
    pk_path,
    user_of,
)
from ikz.network import access, services

router = Router(tags=["Wiederverwendungsnetz"])


class EntryOut(Schema):
    id: int
    title: str
    description: str
    field_id: int | None
    owner_id: int | None
    last_confirmed: dt.date
    source: str
    version: int


class SolutionOut(EntryOut):
    contact: str
    since: dt.date | None


class EntryPatch(Schema):
    version: int = Field(ge=0, le=2**31 - 1, description="Fassung, auf der die Änderung beruht")
    title: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = Field(None, min_length=1, max_length=20000)
    source: str | None = Field(None, max_length=300)


class SolutionPatch(EntryPatch):
    contact: str | None = Field(None, min_length=1, max_length=300)
    since: dt.date | None = None


class EntryFilter(Schema):
    field: int | None = Field(None, ge=1, le=2**31 - 1, description="Kooperationsfeld")
    owner: int | None = Field(None, ge=1, le=2**31 - 1, description="Kommune")


def _changes(payload: Schema) -> dict[str, Any]:
    values = payload.model_dump(exclude_unset=True)
    values.pop("version", None)
    return values


def _allowed(user: Any) -> list[int] | None:
    return None if roles_of(user).is_office else sorted(access.own_municipality_ids(user))


def _filtered(qs: Any, filters: EntryFilter) -> Any:
    if filters.field:
        qs = qs.filter(field_id=filters.field)
    if filters.owner:
        qs = qs.filter(owner_id=filters.owner)
    return qs.order_by("title", "pk")


@router.get(
    "/loesungen/",
    response={200: Page[SolutionOut]} | LIST_ERRORS,
    url_name="solution_list",
    summary="Lösungen auflisten",
)
def solution_list(
    request: HttpRequest, filters: Query[EntryFilter], when: Query[ChangedSince], paging: Query[Paging]
) -> dict[str, Any]:
    return page_since(when, _filtered(access.solutions_for(user_of(request)), filters), paging)


@router.get(
    "/loesungen/{pk}/",
    response={200: SolutionOut} | ERRORS,
    url_name="solution_detail",
    summary="Eine Lösung",
)
def solution_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    return access.get_solution_for(user_of(request), pk)


@router.patch(
    "/loesungen/{pk}/",
    response={200: SolutionOut} | WRITE_ERRORS,
    url_name="solution_patch",
    summary="Eine Lösung ändern",
)
def solution_patch(request: HttpRequest, payload: SolutionPatch, pk: int = pk_path()) -> Any:
    user = user_of(request)
    solution = access.get_solution_for(user, pk, write=True)
    return services.update_solution(
        solution,
        _changes(payload),
        solution.users.all(),
        solution.material.all(),
        expected_version=payload.version,
        actor=user,
        allowed_owners=_allowed(user),
    )


@router.get(
    "/bedarfe/",
    response={200: Page[EntryOut]} | LIST_ERRORS,
    url_name="need_list",
    summary="Bedarfe auflisten",
)
def need_list(
    request: HttpRequest, filters: Query[EntryFilter], when: Query[ChangedSince], paging: Query[Paging]
) -> dict[str, Any]:
    return page_since(when, _filtered(access.needs_for(user_of(request)), filters), paging)


@router.get("/bedarfe/{pk}/", response={200: EntryOut} | ERRORS, url_name="need_detail", summary="Ein Bedarf")
def need_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    return access.get_need_for(user_of(request), pk)


@router.patch(
    "/bedarfe/{pk}/",
    response={200: EntryOut} | WRITE_ERRORS,
    url_name="need_patch",
    summary="Einen Bedarf ändern",
)
def need_patch(request: HttpRequest, payload: EntryPatch, pk: int = pk_path()) -> Any:
    user = user_of(request)
    need = access.get_need_for(user, pk, write=True)
    return services.update_need(
        need, _changes(payload), expected_version=payload.version, actor=user, allowed_owners=_allowed(user)
    )
