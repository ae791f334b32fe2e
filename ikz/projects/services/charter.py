"""Creating a project, its charter, taking over a proposal of the interest procedure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import create_object, record, update_versioned
from ikz.interests.models import Proposal, ProposalStatus
from ikz.interests.queries import interested_municipalities
from ikz.municipalities.models import Region, RegionMember
from ikz.projects import rules
from ikz.projects.models import (
    Project,
    Status,
)
from ikz.projects.services.common import merge, step_date_errors
from ikz.projects.services.common import raise_errors as _raise
from ikz.projects.services.common import write_log as _log
from ikz.projects.services.participation import declare_participation
from ikz.search import index

CHARTER_FIELDS = [
    "title",
    "field",
    "year",
    "lead",
    "lead_municipality",
    "introduction",
    "goals",
    "deliverables",
    "start",
    "end",
    "costs",
    "project_group",
    "information_management",
    "variants",
    "source",
]
MILESTONE_FIELDS = ["title", "planned", "forecast", "reached", "note"]
DECISION_FIELDS = ["date", "text", "milestone", "responsible", "due_on"]
LESSON_FIELDS = ["title", "worked", "failed", "success_factors", "date"]


def check_charter(region: Region, values: Mapping[str, Any], *, exclude_pk: int | None = None) -> None:
    """German messages at the fields: title unique in the region, end not before start, the lead
    municipality a member of the region."""
    errors: dict[str, list[str]] = dict(rules.date_errors(values.get("start"), values.get("end")))
    title = str(values.get("title") or "").strip()
    if not title:
        errors["title"] = [_("Bitte einen Titel angeben.")]
    else:
        twins = Project.objects.filter(region=region, title=title)
        if exclude_pk is not None:
            twins = twins.exclude(pk=exclude_pk)
        if twins.exists():
            errors["title"] = [_("In dieser Region gibt es schon ein Projekt mit diesem Titel.")]
    lead_municipality = values.get("lead_municipality")
    if (
        lead_municipality is not None
        and not RegionMember.objects.filter(region=region, municipality=lead_municipality).exists()
    ):
        errors["lead_municipality"] = [_("Die federführende Kommune ist kein Mitglied der Region.")]
    _raise(errors)


def default_first_date(values: Mapping[str, Any], status: str, today: dt.date) -> dt.date:
    """The effective date of the first step when none is given: today for a proposal; for a
    back-captured state the day it ended (final), else the charter's start, else 1 January of the
    project year, else today."""
    if status == Status.PROPOSAL:
        return today
    if status in rules.FINAL_STATES and values.get("finished_on"):
        finished: dt.date = values["finished_on"]
        return min(finished, today)
    if values.get("start"):
        start: dt.date = values["start"]
        return min(start, today)
    if values.get("year"):
        return min(dt.date(int(values["year"]), 1, 1), today)
    return today


@transaction.atomic
def create_project(
    region: Region,
    values: Mapping[str, Any],
    *,
    actor: User | None,
    status: str = Status.PROPOSAL,
    message: str = "",
    effective_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Project:
    """A new project, normally a proposal, effective on ``effective_on`` (default: today). ``status``
    other than a proposal records a project that ran before the platform existed (Nacherfassung,
    e.g. the demo's 2014 pilots): the log says so, and without ``effective_on`` its date is
    :func:`default_first_date`. :func:`record_history` captures a past project step by step."""
    today = today or timezone.localdate()
    clean = {k: values[k] for k in CHARTER_FIELDS if k in values}
    day = effective_on or default_first_date(values, status, today)
    try:
        check_charter(region, clean)
    except ValidationError as exc:
        _raise(merge(exc.message_dict, step_date_errors(region, day, today=today)))
    _raise(step_date_errors(region, day, today=today))
    extra = {
        k: values[k] for k in ("verdict", "verdict_reasons", "closing_reason", "finished_on") if k in values
    }
    if status in rules.FINAL_STATES:
        extra["finished_on"] = day if effective_on else extra.get("finished_on") or day
    project = create_object(
        Project(region=region, status=status, **clean, **extra), actor=actor, message=message
    )
    reason = message or (_("Projekt angelegt") if status == Status.PROPOSAL else _("Nacherfassung"))
    _log(
        project, "", status, actor=actor, reason=reason, effective_on=day, verdict=extra.get("verdict") or ""
    )
    index.refresh(project)
    return project


@transaction.atomic
def take_over_proposal(proposal: Proposal, *, actor: User | None, today: dt.date | None = None) -> Project:
    """A proposal of the interest procedure becomes a project proposal (state "Vorschlag"): title,
    field and the list of interested municipalities (as introduction); each interested member
    municipality is carried into the participation matrix (declared, to be confirmed by the project
    lead or the office): with staff in the working group (AG) if it joins the working group, else
    without staff. The proposal is marked as taken over. Taking it over twice is refused."""
    locked = (
        Proposal.objects.select_for_update(of=("self",)).select_related("call", "topic").get(pk=proposal.pk)
    )
    if locked.status == ProposalStatus.TAKEN_OVER or Project.objects.filter(proposal=locked).exists():
        _raise({"__all__": [_("Dieser Projektvorschlag wurde bereits als Projekt übernommen.")]})
    project = create_project(
        locked.call.region,
        {
            "title": locked.title[:200],
            "field": locked.topic.field,
            "year": (today or timezone.localdate()).year,
            "introduction": locked.description,
        },
        actor=actor,
        message=_("aus Projektvorschlag „%s“") % locked.title,
    )
    Project.objects.filter(pk=project.pk).update(proposal=locked)
    project.proposal = locked
    Proposal.objects.filter(pk=locked.pk).update(status=ProposalStatus.TAKEN_OVER)
    _carry_interested(project, locked, actor=actor, today=today)
    record(
        locked.call,
        Action.UPDATE,
        actor=actor,
        message=_("Projektvorschlag „%s“ als Projekt übernommen") % locked.title,
    )
    return project


def _carry_interested(
    project: Project, proposal: Proposal, *, actor: User | None, today: dt.date | None
) -> None:
    """The municipalities that declared interest in the proposal's topic become declared cells of
    the participation matrix (members of the project's region only)."""
    members = set(
        RegionMember.objects.filter(region_id=project.region_id).values_list("municipality_id", flat=True)
    )
    for _label, municipality, joins in interested_municipalities(proposal.topic):
        if municipality.pk not in members:
            continue
        declare_participation(
            project,
            municipality,
            rules.WITH_STAFF if joins else rules.WITHOUT_STAFF,
            ["AG"] if joins else [],
            actor=actor,
            confirm=False,
            today=today,
        )


@transaction.atomic
def update_charter(
    project: Project, values: Mapping[str, Any], *, expected_version: int, actor: User | None
) -> Project:
    clean = {k: values[k] for k in CHARTER_FIELDS if k in values}
    merged = {k: getattr(project, k) for k in CHARTER_FIELDS} | clean
    check_charter(project.region, merged, exclude_pk=project.pk)
    saved = update_versioned(Project, project.pk, clean, expected_version=expected_version, actor=actor)
    index.refresh(saved)
    return saved
