"""API: the cooperative's member register and onboardings (read). Querysets from ``access.py``:
the platform-wide office sees all, a member contact its own organisation's entries only."""

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
from ikz.membership import access
from ikz.membership.models import OnboardingStatus

router = Router(tags=["Genossenschaft"])


class MemberOut(Schema):
    id: int
    cooperative_id: int
    municipality_id: int
    onboarding_id: int | None
    number: str = Field(description="Mitgliedsnummer")
    legal_name: str
    street: str
    postal_code: str
    city: str
    official_key: str
    shares: int = Field(description="Geschäftsanteile")
    admitted_on: dt.date
    exit_notice_on: dt.date | None
    exit_on: dt.date | None
    exit_reason: str
    retention_until: dt.date | None
    representative: str
    version: int


class MemberFilter(Schema):
    municipality: int | None = Field(None, ge=1, le=2**31 - 1, description="Kommune")
    exited: bool | None = Field(None, description="true: nur ausgeschiedene, false: nur aktive")


class OnboardingOut(Schema):
    id: int
    cooperative_id: int
    municipality_id: int
    step: int = Field(description="Schritt 1–4 des Beitrittsverfahrens")
    status: str
    kickoff_on: dt.date | None
    presentation_on: dt.date | None
    draft_resolution_on: dt.date | None
    resolution_on: dt.date | None
    resolution_body: str
    planned_execution_on: dt.date | None
    notice_sent_on: dt.date | None
    notice_received_on: dt.date | None
    reply_on: dt.date | None
    declaration_sent_on: dt.date | None
    declaration_signed_on: dt.date | None
    declaration_received_on: dt.date | None
    agreement_sent_on: dt.date | None
    agreement_signed_on: dt.date | None
    agreement_received_on: dt.date | None
    executed_on: dt.date | None
    invoice_on: dt.date | None
    receipt_on: dt.date | None
    note: str
    version: int


class OnboardingFilter(Schema):
    municipality: int | None = Field(None, ge=1, le=2**31 - 1, description="Kommune")
    status: OnboardingStatus | None = None


@router.get(
    "/mitglieder/",
    response={200: Page[MemberOut]} | LIST_ERRORS,
    url_name="member_list",
    summary="Mitgliederliste der Genossenschaft (soweit sichtbar)",
)
def member_list(
    request: HttpRequest, filters: Query[MemberFilter], when: Query[ChangedSince], paging: Query[Paging]
) -> dict[str, Any]:
    qs = filtered(
        access.members_for(user_of(request)),
        filters,
        {"municipality": "municipality_id", "exited": "exit_on__isnull"},
    )
    return page_since(when, qs.order_by("cooperative_id", "number", "pk"), paging)


@router.get(
    "/mitglieder/{pk}/",
    response={200: MemberOut} | ERRORS,
    url_name="member_detail",
    summary="Ein Eintrag der Mitgliederliste",
)
def member_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    return access.get_member_for(user_of(request), pk)


@router.get(
    "/beitritte/",
    response={200: Page[OnboardingOut]} | LIST_ERRORS,
    url_name="onboarding_list",
    summary="Beitrittsverfahren auflisten (soweit sichtbar)",
)
def onboarding_list(
    request: HttpRequest, filters: Query[OnboardingFilter], when: Query[ChangedSince], paging: Query[Paging]
) -> dict[str, Any]:
    lookups = {"municipality": "municipality_id", "status": "status"}
    qs = filtered(access.onboardings_for(user_of(request)), filters, lookups)
    return page_since(when, qs.order_by("cooperative_id", "municipality_id", "pk"), paging)


@router.get(
    "/beitritte/{pk}/",
    response={200: OnboardingOut} | ERRORS,
    url_name="onboarding_detail",
    summary="Ein Beitrittsverfahren",
)
def onboarding_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    return access.get_onboarding_for(user_of(request), pk)
