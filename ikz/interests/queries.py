"""Read side of calls and their results: what the call page lists and the counts of the ranking."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from ikz.interests import access, rules
from ikz.interests.models import (
    Answer,
    CallStatus,
    Declaration,
    DeclarationStatus,
    InterestCall,
    Proposal,
    Topic,
)
from ikz.municipalities.models import Municipality, RegionMember
from ikz.municipalities.queries import response_rate


@dataclass
class CallResponses:
    """The answers to a call as the user may see them."""

    responses: list[tuple[RegionMember, Declaration | None]]  # every member (results viewers only)
    own: list[tuple[Municipality, Declaration | None]]  # the members the user answers for as contact
    submitted_count: int


def call_responses(user: Any, call: InterestCall, *, open_only: bool = False) -> CallResponses:
    """Every member with the declaration the user may see (office: all, steering group: submitted
    ones; nobody else gets the list), and the user's own municipalities with theirs. ``open_only``
    (``?offen=1``): only the members whose declaration is not sent yet."""
    declarations = {d.municipality_id: d for d in Declaration.objects.filter(call=call)}
    responses = []
    if access.can_see_results(user, call):
        for member in RegionMember.objects.filter(region=call.region).select_related("municipality"):
            declaration = declarations.get(member.municipality_id)
            if open_only and declaration is not None and declaration.status == DeclarationStatus.SUBMITTED:
                continue
            if declaration is not None and not access.sees_declaration(user, call, declaration):
                declaration = None
            responses.append((member, declaration))
    own = [(m, declarations.get(m.pk)) for m in access.answerable_municipalities(user, call)]
    submitted = sum(1 for d in declarations.values() if d.status == DeclarationStatus.SUBMITTED)
    return CallResponses(responses, own, submitted)


def answers_by_topic(declaration: Declaration | None) -> dict[int, Answer]:
    return {a.topic_id: a for a in declaration.answers.all()} if declaration else {}


def topics(call: InterestCall) -> list[Topic]:
    return list(call.topics.select_related("task_area").order_by("position", "id"))


def call_topics(call: InterestCall) -> QuerySet[Topic]:
    return call.topics.select_related("task_area", "field").order_by("position", "id")


def next_topic_position(call: InterestCall) -> int:
    return call.topics.count() + 1


def proposals(call: InterestCall) -> QuerySet[Proposal]:
    """The call's proposals with the project each became (``proposal.project``, if any)."""
    return call.proposals.select_related("topic", "created_by", "project")


def project_of(proposal: Proposal) -> Any | None:
    """The project the proposal became (the projects app takes it over), or None."""
    return getattr(proposal, "project", None)  # a missing reverse one-to-one is an AttributeError


def proposals_by_topic(call: InterestCall) -> dict[int, Proposal]:
    return {p.topic_id: p for p in call.proposals.select_related("project")}


def proposal_of(topic: Topic) -> Proposal | None:
    return Proposal.objects.filter(topic=topic).select_related("project").first()


def topic_counts(call: InterestCall, day: dt.date | None = None) -> list[rules.TopicCount]:
    """Per topic the number of interested and of joining municipalities (submitted only; with
    ``day``: sent by then), one query whatever the day."""
    submitted = Q(answers__declaration__status=DeclarationStatus.SUBMITTED)
    if day is not None:
        submitted &= Q(answers__declaration__submitted_on__lte=day)
    rows = (
        Topic.objects.filter(call=call)
        .annotate(
            n_interested=Count("answers", filter=submitted & Q(answers__interested=True)),
            n_joining=Count("answers", filter=submitted & Q(answers__joins_working_group=True)),
        )
        .values_list("id", "position", "label", "n_interested", "n_joining")
    )
    return [rules.TopicCount(*row) for row in rows]


def interested_municipalities(topic: Topic) -> list[tuple[str, Municipality, bool]]:
    """(short label, municipality, joins the working group) in the region's order, submitted only."""
    labels: dict[int, tuple[int, str]] = {
        m: (p, s)
        for m, p, s in RegionMember.objects.filter(region_id=topic.call.region_id).values_list(
            "municipality_id", "position", "short_label"
        )
    }
    answers = Answer.objects.filter(
        topic=topic, interested=True, declaration__status=DeclarationStatus.SUBMITTED
    ).select_related("declaration__municipality")
    rows = [
        (
            labels.get(a.declaration.municipality_id, (10**9, ""))[1],
            a.declaration.municipality,
            a.joins_working_group,
        )
        for a in answers
    ]
    order = {m: p for m, (p, _s) in labels.items()}
    return sorted(rows, key=lambda r: (order.get(r[1].pk, 10**9), r[1].name))


def running_calls(calls: QuerySet[InterestCall]) -> list[tuple[InterestCall, int, int]]:
    """The open calls among ``calls`` with ``members`` (the region's members: the rows of the
    Rücklauf on the call's page) and ``submitted`` (those members' sent declarations), soonest
    deadline first — one query, however many regions."""
    found = list(
        response_rate(calls.filter(status=CallStatus.OPEN), Declaration, "call", DeclarationStatus.SUBMITTED)
        .select_related("region")
        .order_by("deadline", "pk")
    )
    return [(c, c.members, c.submitted) for c in found]


def awaiting_declaration(
    calls: QuerySet[InterestCall], municipality_ids: Iterable[int]
) -> list[tuple[InterestCall, list[int]]]:
    """The open calls among ``calls`` that one of ``municipality_ids`` (members of the call's
    region) has not answered yet, each with those municipalities; soonest deadline first
    (``?offen=1`` of a contact's list and the contact's start page) — three queries."""
    ids = set(municipality_ids)
    regions: dict[int, list[int]] = defaultdict(list)
    for region_id, municipality_id in RegionMember.objects.filter(municipality_id__in=ids).values_list(
        "region_id", "municipality_id"
    ):
        regions[region_id].append(municipality_id)
    found = list(
        calls.filter(status=CallStatus.OPEN, region_id__in=regions)
        .select_related("region")
        .order_by("deadline", "pk")
    )
    done = set(
        Declaration.objects.filter(
            call__in=found, status=DeclarationStatus.SUBMITTED, municipality_id__in=ids
        ).values_list("call_id", "municipality_id")
    )
    rows = [(c, [m for m in sorted(regions[c.region_id]) if (c.pk, m) not in done]) for c in found]
    return [(c, missing) for c, missing in rows if missing]
