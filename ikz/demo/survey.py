"""Seed 003, Bestandsaufnahme 2013: the campaign with its questionnaires and answers.

Idempotent: what exists is left alone. The 2013 answers are the inventory's cooperations of each
member (the seed gives the result, not the single answer sheets); the days the sheets were handed
in (``submitted_on``) are illustrative — from 4 March 2013, after the talks with the mayors of
February and March, to 29 May 2013, when the seed says "Rücklauf … abgeschlossen" (the last sheet).
The open 2026 campaign lets the demo show the journey: Raunheim has a draft, Kelsterbach has not started.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import create_object, record
from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
from ikz.demo import citations
from ikz.demo.context import DemoContext
from ikz.jobs.models import Job
from ikz.municipalities.models import Level, Municipality
from ikz.surveys import rules
from ikz.surveys.models import Answer, Campaign, CampaignStatus, Response, ResponseStatus
from ikz.surveys.queries import members_among
from ikz.surveys.reminders import REMIND, queue_reminders
from ikz.surveys.services import announce_opening, save_draft, save_variant

TITLE_2013 = "Bestandsaufnahme 2013"
TITLE_2026 = "Bestandsaufnahme 2026"
SOURCE = citations.talk("kreisweite IKZ-Bestandsaufnahme 2013 (Februar bis Mai 2013, Rücklauf bis 29.5.2013)")


def load(ctx: DemoContext) -> None:
    """The closed 2013 campaign with everyone's answers and the open 2026 one, each if missing."""
    if not Campaign.objects.filter(region=ctx.region, title=TITLE_2013).exists():
        _campaign_2013(ctx)
        ctx.summary.add("Bestandsaufnahmen")
    if not Campaign.objects.filter(region=ctx.region, title=TITLE_2026).exists():
        _campaign_2026(ctx)
        ctx.summary.add("Bestandsaufnahmen")


FIRST_SHEET = dt.date(2013, 3, 4)
LAST_SHEET = dt.date(2013, 5, 29)  # "Der Rücklauf der Antwortbögen war am 29.5.2013 abgeschlossen"


def handed_in(position: int, members: int = 15) -> dt.date:
    """The day the sheet of the member at ``position`` (0…) was handed in: spread evenly from
    4 March to 29 May 2013, the last on 29 May (illustrative)."""
    span = (LAST_SHEET - FIRST_SHEET).days
    return FIRST_SHEET + dt.timedelta(days=round(span * position / max(members - 1, 1)))


def _campaign_2013(ctx: DemoContext) -> None:
    """Seed 003's campaign: both questionnaires and one submitted answer sheet per member."""
    office = ctx.users.get("geschaeftsstelle")
    campaign = create_object(
        Campaign(
            region=ctx.region,
            title=TITLE_2013,
            period_start=dt.date(2013, 2, 1),
            period_end=dt.date(2013, 5, 29),
            deadline=dt.date(2013, 5, 29),
            status=CampaignStatus.CLOSED,
            source=SOURCE,
            introduction="Schriftlicher Fragebogen zur interkommunalen Zusammenarbeit, begleitet von "
            "Gesprächen mit den Bürgermeistern (Vortrag „IKZ mit System“ 2023).",
        ),
        actor=None,
        message="Demodaten",
    )
    campaign.task_areas.set(TaskArea.objects.all())
    every_field = list(CooperationField.objects.all())
    if office is not None:
        save_variant(campaign, "Anlage 1 – Städte und Gemeinden", Level.GEMEINDE, every_field, actor=office)
        save_variant(campaign, "Anlage 2 – Kreis", Level.KREIS, every_field, actor=office)
    for day, member in enumerate(ctx.region.members.select_related("municipality").order_by("position")):
        _submitted_response(ctx, campaign, member.municipality, day)


def _submitted_response(ctx: DemoContext, campaign: Campaign, municipality: Municipality, day: int) -> None:
    """The member's answer sheet: one answer per cooperation of the inventory it takes part in,
    handed in on ``handed_in(day)`` (illustrative)."""
    response = Response.objects.create(
        campaign=campaign,
        municipality=municipality,
        status=ResponseStatus.SUBMITTED,
        submitted_at=timezone.make_aware(dt.datetime.combine(handed_in(day), dt.time(10))),
        submitted_on=handed_in(day),
    )
    cooperations = Cooperation.objects.filter(
        region=ctx.region, participants__municipality=municipality
    ).prefetch_related("participants")
    for position, coop in enumerate(cooperations, start=1):
        mine = next(p for p in coop.participants.all() if p.municipality_id == municipality.pk)
        answer = Answer.objects.create(
            response=response,
            field=coop.field,
            kind=mine.status,
            title=coop.title,
            external_partners=coop.external_partners,
            legal_form=coop.legal_form,
            since_year=coop.since_year,
            lead=municipality if mine.is_lead else None,
            reason=mine.reason,
            cooperation=coop,
            position=position,
        )
        answer.partners.set(
            [p.municipality_id for p in coop.participants.all() if p.municipality_id != municipality.pk]
        )
    record(response, Action.CREATE, actor=None, message="Demodaten (Abgabedatum illustrativ)")


def _campaign_2026(ctx: DemoContext) -> None:
    """The open campaign on two task areas, with Raunheim's draft (if its contact exists)."""
    campaign = create_object(
        Campaign(
            region=ctx.region,
            title=TITLE_2026,
            period_start=dt.date(2026, 11, 1),
            period_end=dt.date(2027, 1, 31),
            deadline=dt.date(2027, 1, 31),
            status=CampaignStatus.OPEN,
            introduction="Fortschreibung des Bestands für zwei Aufgabengebiete (Demo).",
        ),
        actor=None,
        message="Demodaten",
    )
    campaign.task_areas.set(
        TaskArea.objects.filter(name__in=["Zentrale Angelegenheiten", "Informationstechnologie"])
    )
    # open: every contact person of the region finds it in the inbox (and by e-mail, as chosen)
    announce_opening(campaign, actor=ctx.users.get("geschaeftsstelle"))
    raunheim = ctx.units["06433010"]
    contact = ctx.users.get("kommune-raunheim")
    if contact is not None:
        _raunheim_draft(ctx, campaign, raunheim, contact)
    _remind_the_open(ctx, campaign)


def _remind_the_open(ctx: DemoContext, campaign: Campaign) -> None:
    """The office presses "Erinnerungen versenden" for every member that has not submitted: one
    background job (issue 20); `make demo`'s worker sends one e-mail per address (shown in the
    terminal), the tracking page and /auftraege/ show the run. Once per demo database."""
    office = ctx.users.get("geschaeftsstelle")
    if office is None or Job.objects.filter(kind=REMIND, payload__campaign=campaign.pk).exists():
        return
    submitted = set(
        campaign.responses.filter(status=ResponseStatus.SUBMITTED).values_list("municipality_id", flat=True)
    )
    ids = [m.pk for m in ctx.units.values() if m.pk not in submitted]
    queue_reminders(campaign, members_among(campaign, ids), actor=office)


def _raunheim_draft(ctx: DemoContext, campaign: Campaign, raunheim: Municipality, contact: User) -> None:
    """Raunheim's draft: one answer on procurement, taken from the inventory if it has one."""
    field = CooperationField.objects.get(task_area__name="Zentrale Angelegenheiten", name="Beschaffungen")
    known = Cooperation.objects.filter(region=ctx.region, field=field).first()
    partners = frozenset(
        known.participants.exclude(municipality=raunheim).values_list("municipality_id", flat=True)
        if known
        else []
    )
    save_draft(
        campaign,
        raunheim,
        [
            rules.AnswerInput(
                field.pk,
                "exists",
                known.title if known else "Gemeinsame Beschaffungen",
                partners,
                cooperation_id=known.pk if known else None,
            )
        ],
        expected_version=None,
        actor=contact,
    )
