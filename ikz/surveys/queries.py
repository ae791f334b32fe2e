"""Read side of the survey pages: responses, answers, the questionnaire's rows and choices, the
response tracking (no writes)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.cooperation.models import ParticipantStatus
from ikz.municipalities.models import Municipality, RegionMember
from ikz.municipalities.queries import response_rate
from ikz.surveys import rules, services
from ikz.surveys.models import Answer, Campaign, CampaignStatus, Reminder, Response, ResponseStatus, Variant


def response_of(campaign: Campaign, municipality: Municipality) -> Response | None:
    return Response.objects.filter(campaign=campaign, municipality=municipality).first()


def responses_of(campaign: Campaign, municipalities: Sequence[Municipality]) -> dict[int, Response]:
    """The responses of these municipalities by municipality id."""
    return {
        r.municipality_id: r
        for r in Response.objects.filter(campaign=campaign, municipality__in=municipalities)
    }


def submitted_responses(campaign: Campaign) -> QuerySet[Response]:
    return (
        Response.objects.filter(campaign=campaign, status=ResponseStatus.SUBMITTED)
        .select_related("municipality")
        .order_by("municipality__key")
    )


def answers_in_detail(response: Response) -> QuerySet[Answer]:
    return response.answers.select_related("field", "lead").prefetch_related("partners")


def answers_with_fields(response: Response) -> QuerySet[Answer]:
    return response.answers.select_related("field")


def variant_of(campaign: Campaign, pk: int) -> Variant:
    """A variant of ``campaign`` (404 for another campaign's)."""
    return get_object_or_404(Variant, pk=pk, campaign=campaign)


def members_among(campaign: Campaign, ids: Sequence[int]) -> list[Municipality]:
    """The members of the campaign's region among ``ids``."""
    return [
        m.municipality
        for m in RegionMember.objects.filter(region=campaign.region, municipality_id__in=ids).select_related(
            "municipality"
        )
    ]


def answer_choices(campaign: Campaign, municipality: Municipality) -> dict[str, Any]:
    """The choices of the questionnaire of ``municipality``: its fields, partners and leads."""
    fields = services.fields_for(campaign, municipality)
    members = [
        (m.municipality_id, f"{m.short_label} – {m.municipality.name}")
        for m in RegionMember.objects.filter(region=campaign.region)
        .select_related("municipality")
        .order_by("position")
    ]
    return {
        "field_choices": [(f.pk, f"{f.task_area.name} – {f.name}") for f in fields],
        "partner_choices": [m for m in members if m[0] != municipality.pk],
        "lead_choices": members,
    }


def answer_rows(
    campaign: Campaign, municipality: Municipality, response: Response | None
) -> list[dict[str, Any]]:
    """The rows of the questionnaire: the saved answers, or else what the inventory knows."""
    if response is not None:
        return [
            {
                "cooperation_id": a.cooperation_id,
                "field": a.field_id,
                "kind": a.kind,
                "title": a.title,
                "partners": [p.pk for p in a.partners.all()],
                "external_partners": a.external_partners,
                "since_year": a.since_year,
                "legal_form": a.legal_form,
                "lead": a.lead_id,
                "planned_by": a.planned_by,
                "reason": a.reason,
            }
            for a in response.answers.prefetch_related("partners")
        ]
    rows = []
    for cooperation in services.known_cooperations(campaign, municipality):
        mine = cooperation.participants.filter(municipality=municipality).first()
        partners = [p.municipality_id for p in cooperation.participants.exclude(municipality=municipality)]
        lead = next((p.municipality_id for p in cooperation.participants.all() if p.is_lead), None)
        rows.append(
            {
                "cooperation_id": cooperation.pk,
                "field": cooperation.field_id,
                "kind": mine.status if mine else ParticipantStatus.EXISTS,
                "title": cooperation.title,
                "partners": partners,
                "external_partners": cooperation.external_partners,
                "since_year": cooperation.since_year,
                "legal_form": cooperation.legal_form,
                "lead": lead,
                "planned_by": mine.planned_by if mine else None,
                "reason": mine.reason if mine else "",
            }
        )
    return rows


def tracking_rows(campaign: Campaign, day: dt.date | None = None) -> list[dict[str, Any]]:
    """One row per member of the region: its sheet as it was on ``day`` (default today) —
    submitted by then, begun by then or not started — and the reminders sent by then. The same
    three queries whatever the day."""
    day = day or timezone.localdate()
    responses = {r.municipality_id: r for r in campaign.responses.all()}
    reminders: dict[int, list[Reminder]] = {}
    for reminder in campaign.reminders.all():
        if timezone.localdate(reminder.sent_at) <= day:
            reminders.setdefault(reminder.municipality_id, []).append(reminder)
    labels = {
        rules.SUBMITTED: ResponseStatus.SUBMITTED.label,
        rules.DRAFT: ResponseStatus.DRAFT.label,
        rules.NOT_STARTED: _("nicht begonnen"),
    }
    rows = []
    for member in (
        RegionMember.objects.filter(region=campaign.region)
        .select_related("municipality")
        .order_by("position")
    ):
        response = responses.get(member.municipality_id)
        started_on = timezone.localdate(response.started_at) if response is not None else None
        submitted_on = response.submitted_day if response is not None else None
        submitted = response is not None and response.status == ResponseStatus.SUBMITTED
        state = rules.sheet_state_on(submitted, submitted_on, started_on, day)
        rows.append(
            {
                "member": member,
                "response": response if state != rules.NOT_STARTED else None,
                "state": state,
                "status": str(labels[state]),
                "started_on": started_on if state != rules.NOT_STARTED else None,
                "submitted_on": submitted_on if state == rules.SUBMITTED else None,
                "reminders": reminders.get(member.municipality_id, []),
            }
        )
    return rows


def tracking_counts(rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    """How many sheets were submitted, drafts, not started (of :func:`tracking_rows`)."""
    states = [r["state"] for r in rows]
    return {
        "submitted": states.count(rules.SUBMITTED),
        "draft": states.count(rules.DRAFT),
        "none": states.count(rules.NOT_STARTED),
    }


def open_rows(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of :func:`tracking_rows` whose sheet is not submitted (``?offen=1``: the answers
    still missing, overdue after the deadline)."""
    return [r for r in rows if r["state"] != rules.SUBMITTED]


def running_campaigns(campaigns: QuerySet[Campaign]) -> list[tuple[Campaign, int, int]]:
    """The open campaigns among ``campaigns``, each with ``members`` (the region's members: the rows of
    the Rücklauf) and ``submitted`` (those members' submitted sheets), soonest deadline first —
    one query, however many regions."""
    found = list(
        response_rate(
            campaigns.filter(status=CampaignStatus.OPEN), Response, "campaign", ResponseStatus.SUBMITTED
        )
        .select_related("region")
        .order_by("deadline", "pk")
    )
    return [(c, c.members, c.submitted) for c in found]


def awaiting_answer(
    campaigns: QuerySet[Campaign], municipality_ids: Iterable[int]
) -> list[tuple[Campaign, list[int]]]:
    """The open campaigns among ``campaigns`` that one of ``municipality_ids`` (members of the
    campaign's region) has not submitted yet, each with those municipalities; soonest deadline
    first (``?offen=1`` of a contact's list and the contact's start page) — three queries."""
    regions: dict[int, list[int]] = defaultdict(list)
    for region_id, municipality_id in RegionMember.objects.filter(
        municipality_id__in=set(municipality_ids)
    ).values_list("region_id", "municipality_id"):
        regions[region_id].append(municipality_id)
    found = list(
        campaigns.filter(status=CampaignStatus.OPEN, region_id__in=regions)
        .select_related("region")
        .order_by("deadline", "pk")
    )
    done = set(
        Response.objects.filter(
            Q(campaign__in=found),
            Q(status=ResponseStatus.SUBMITTED),
            municipality_id__in=set(municipality_ids),
        ).values_list("campaign_id", "municipality_id")
    )
    rows = [(c, [m for m in sorted(regions[c.region_id]) if (c.pk, m) not in done]) for c in found]
    return [(c, missing) for c, missing in rows if missing]
