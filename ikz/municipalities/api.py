"""API: municipalities and regions (read). Querysets from ``access.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ikz.api.core import ERRORS, LIST_ERRORS, ChangedSince, Page, Paging, page_since, pk_path, user_of
from ikz.municipalities import access, queries
from ikz.municipalities.models import Level

router = Router(tags=["Kommunen und Regionen"])


class MunicipalityOut(Schema):
    id: int
    key: str | None = Field(description="Amtlicher Gemeindeschlüssel")
    ars: str
    name: str
    short_name: str
    level: str
    kind: str
    parent_id: int | None
    population: int | None = Field(None, description="Einwohner zum letzten Stichtag")
    version: int

    @staticmethod
    def resolve_population(obj: Any) -> int | None:
        figure = obj.current_population
        return figure.total if figure else None


class MunicipalityFilter(Schema):
    region: str | None = Field(None, max_length=80, description="Kurzbezeichnung einer Region")
    level: Level | None = None
    q: str | None = Field(None, max_length=200, description="Teil des Namens oder Schlüssels")


class RegionOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    office_name: str
    office_email: str
    version: int


@router.get(
    "/kommunen/",
    response={200: Page[MunicipalityOut]} | LIST_ERRORS,
    url_name="municipality_list",
    summary="Kommunen auflisten",
)
def municipality_list(
    request: HttpRequest, filters: Query[MunicipalityFilter], when: Query[ChangedSince], paging: Query[Paging]
) -> dict[str, Any]:
    qs = access.municipalities_for(user_of(request)).select_related("current_population")
    if filters.region:
        qs = qs.filter(region_memberships__region__slug=filters.region)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.q:
        qs = qs.filter(Q(name__icontains=filters.q) | Q(key__startswith=filters.q))
    return page_since(when, qs.order_by("name", "pk"), paging)


@router.get(
    "/kommunen/{pk}/",
    response={200: MunicipalityOut} | ERRORS,
    url_name="municipality_detail",
    summary="Eine Kommune",
)
def municipality_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    return access.get_municipality_for(user_of(request), pk)


@router.get(
    "/regionen/",
    response={200: Page[RegionOut]} | LIST_ERRORS,
    url_name="region_list",
    summary="Regionen auflisten",
)
def region_list(request: HttpRequest, when: Query[ChangedSince], paging: Query[Paging]) -> dict[str, Any]:
    return page_since(when, access.regions_for(user_of(request)).order_by("name", "pk"), paging)


class RegionDetailOut(RegionOut):
    established_on: dt.date | None = Field(None, description="IKZ-Prozess seit")
    members: int = Field(description="Zahl der Mitglieder (mit dem Kreis als Mitglied)")
    counted_members: int = Field(
        description="Mitglieder in den Summen: ohne den Kreis, dessen Gebiet seine Gemeinden abdecken"
    )
    population: int = Field(
        description="Einwohner gesamt zum letzten Stichtag, den Kreis nicht doppelt gezählt"
    )
    stichtag: dt.date | None = Field(None, description="Stichtag der Einwohnerzahlen")


@router.get(
    "/regionen/{slug}/",
    response={200: RegionDetailOut} | ERRORS,
    url_name="region_detail",
    summary="Eine Region",
)
def region_detail(request: HttpRequest, slug: str) -> Any:
    region = access.get_region_for(user_of(request), slug)
    overview = queries.region_overview(region, None)
    return {
        **{name: getattr(region, name) for name in ("id", "name", "slug", "description", "office_name")},
        "office_email": region.office_email,
        "version": region.version,
        "established_on": region.established_on,
        "members": len(overview.rows),
        "counted_members": overview.counted_members,
        "population": overview.total_population,
        "stichtag": overview.chosen,
    }
