"""The demo's meetings against seed 003: the steering group, the Bürgermeister-Dienstversammlung
and the E-Government-Stammgruppe; every demo decision of the projects taken in a steering group
meeting and recorded once; the principle resolution followed from the Bürgermeister-
Dienstversammlung to each member council with the council's result; a coming meeting whose agenda
holds what waits for a decision; the public part as valid OParl 1.1."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from ikz.demo import data
from ikz.demo.projects import DECISIONS
from ikz.meetings import queries
from ikz.meetings.models import AgendaItem, Meeting, MeetingState, Organization, Paper
from ikz.meetings.tests.test_oparl import check
from ikz.municipalities.models import Region
from ikz.projects.models import SteeringDecision
from ikz.resolutions.models import Resolution

pytestmark = pytest.mark.django_db


def test_demo_meetings_follow_the_seed() -> None:
    region = Region.objects.get(slug=data.REGION_SLUG)
    bodies = dict(Organization.objects.filter(region=region).values_list("name", "kind"))
    assert bodies == {
        "IKZ-Lenkungsgruppe": "steering",
        "Bürgermeister-Dienstversammlung": "mayors",
        "E-Government-Stammgruppe": "working_group",
    }
    assert Organization.objects.get(name="Bürgermeister-Dienstversammlung").memberships.count() == 15

    # every demo decision once, each taken in an approved steering group meeting
    decisions = SteeringDecision.objects.filter(project__region=region)
    assert decisions.count() == sum(len(rows) for rows in DECISIONS.values())
    linked = AgendaItem.objects.filter(decision__in=decisions, meeting__state=MeetingState.APPROVED)
    assert linked.count() == decisions.count()
    assert {i.meeting.organization.name for i in linked} == {"IKZ-Lenkungsgruppe"}

    # the principle resolution through every member council, with the results the demo holds
    paper = Paper.objects.get(region=region, reference="IKZ-2013/01")
    page = queries.paper_page(paper)
    principle = Resolution.objects.filter(
        subject="principle", municipality__region_memberships__region=region
    )
    assert page.progress.steering == "adopted" and page.progress.councils == principle.count() == 15
    results = {row.consultation.municipality.short_name: row.consultation.resolution for row in page.councils}
    for town in ("Raunheim", "Rüsselsheim am Main", "Kelsterbach"):  # Mainspitze, 25.10.2013
        assert results[town].outcome == "adopted_council", town

    # the coming meeting: its agenda from what waits for a decision (the overdue milestone)
    coming = Meeting.objects.get(organization__name="IKZ-Lenkungsgruppe", state=MeetingState.PLANNED)
    assert any(
        i.topic == "milestone" and "Realisierungsvorschlag" in i.name for i in coming.agenda_items.all()
    )

    client = Client()
    body = client.get(f"/oparl/v1/body/{region.pk}/").json()
    meetings = client.get(body["meeting"].removeprefix(settings.IKZ_BASE_URL)).json()
    assert (
        meetings["pagination"]["totalElements"] == Meeting.objects.exclude(state=MeetingState.PLANNED).count()
    )
    assert all(check(m) == [] for m in meetings["data"])
