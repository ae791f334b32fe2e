"""Flows that used to stop halfway (issue 19, 6): opening a call tells the region's contacts; a
proposal made from the ranking is a project on the project list, with the interested
municipalities in its participation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ikz.interests import services
from ikz.interests.models import CallStatus, InterestCall, Proposal, ProposalStatus
from ikz.interests.tests.factories import open_call
from ikz.notifications.models import Kind, Notification
from ikz.projects.models import Participation, Project
from ikz.test import World

pytestmark = pytest.mark.django_db


def test_opening_a_call_notifies_the_contacts_of_the_region_once(world: World) -> None:
    call, _topics = open_call(world, status=CallStatus.DRAFT)
    opened = services.change_call_status(
        call, CallStatus.OPEN, expected_version=call.version, actor=world.office, today=dt.date(2026, 3, 1)
    )
    notes = {n.user_id: n for n in Notification.objects.filter(kind=Kind.INTEREST_OPENED)}
    assert set(notes) == {world.contact_a.pk, world.contact_b.pk}
    assert "Aufruf 2026" in notes[world.contact_b.pk].text and "Kelsterbach" in notes[world.contact_b.pk].text
    assert notes[world.contact_b.pk].link == reverse(
        "interests:declaration_detail", args=[call.pk, world.kommune_b.pk]
    )
    closed = services.change_call_status(
        opened, CallStatus.CLOSED, expected_version=opened.version, actor=world.office
    )
    services.change_call_status(closed, CallStatus.OPEN, expected_version=closed.version, actor=world.office)
    assert Notification.objects.filter(kind=Kind.INTEREST_OPENED).count() == 2


def test_a_refused_opening_tells_nobody(world: World) -> None:
    call = InterestCall.objects.create(region=world.region, title="Ohne Themen", deadline=dt.date(2099, 1, 1))
    with pytest.raises(ValidationError, match="ohne Themen"):
        services.change_call_status(call, CallStatus.OPEN, expected_version=call.version, actor=world.office)
    assert not Notification.objects.exists()


def _declare(world: World, call: InterestCall, topic_pk: int) -> None:
    services.save_declaration(
        call, world.kommune_a, {topic_pk: (True, True)}, submit=True, expected_version=None,
        actor=world.contact_a,
    )  # fmt: skip
    services.save_declaration(
        call, world.kommune_b, {topic_pk: (True, False)}, submit=True, expected_version=None,
        actor=world.contact_b,
    )  # fmt: skip


def test_a_proposal_from_the_ranking_is_a_project_with_the_interested_as_participants(world: World) -> None:
    call, (personal, _bauhof, _sport) = open_call(world)
    _declare(world, call, personal.pk)
    proposal, created = services.propose_project(personal, actor=world.office)
    assert created and proposal.status == ProposalStatus.TAKEN_OVER
    project = Project.objects.get(proposal=proposal)
    assert (project.region, project.status, project.title) == (
        world.region,
        "proposal",
        "IKZ-Projekt: Personalmanagement",
    )
    cells = {p.municipality_id: p for p in Participation.objects.filter(project=project)}
    assert set(cells) == {world.kommune_a.pk, world.kommune_b.pk}
    raunheim, kelsterbach = cells[world.kommune_a.pk], cells[world.kommune_b.pk]
    assert (raunheim.status, raunheim.roles) == ("with_staff", ["AG"])  # joins the working group
    assert (kelsterbach.status, kelsterbach.roles) == ("without_staff", [])
    assert not raunheim.confirmed and raunheim.declared_by == world.office  # to be confirmed


def test_a_refused_take_over_leaves_no_proposal_behind(world: World) -> None:
    call, (personal, _bauhof, _sport) = open_call(world)
    _declare(world, call, personal.pk)
    Project.objects.create(region=world.region, title="IKZ-Projekt: Personalmanagement", status="proposal")
    with pytest.raises(ValidationError, match="schon ein Projekt mit diesem Titel"):
        services.propose_project(personal, actor=world.office)
    assert not Proposal.objects.exists() and Project.objects.count() == 1


def test_the_office_proposes_on_the_page_and_finds_the_project_on_the_list(world: World) -> None:
    call, (personal, _bauhof, _sport) = open_call(world)
    _declare(world, call, personal.pk)
    office = world.client_for("office")
    response = office.post(reverse("interests:proposal_create", args=[call.pk, personal.pk]))
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    listing = office.get(reverse("projects:project_list", args=[world.region.slug])).content.decode()
    assert "IKZ-Projekt: Personalmanagement" in listing
    matrix = office.get(reverse("projects:participation_matrix", args=[world.region.slug])).content.decode()
    assert "IKZ-Projekt: Personalmanagement" in matrix
    for page in ("call_detail", "ranking"):
        assert (
            project.get_absolute_url()
            in office.get(reverse(f"interests:{page}", args=[call.pk])).content.decode()
        )
    topic = office.get(reverse("interests:topic_result", args=[call.pk, personal.pk])).content.decode()
    assert project.get_absolute_url() in topic
