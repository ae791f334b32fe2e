"""Services: declarations (draft, submit, deadline, conflicts), call status, counts, proposals."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ikz.audit.models import AuditEntry
from ikz.cooperation.models import TaskArea
from ikz.interests import queries, services
from ikz.interests.models import Answer, CallStatus, Declaration, InterestCall, Proposal
from ikz.interests.services import DeclarationConflict
from ikz.interests.tests.factories import open_call
from ikz.municipalities.models import Municipality
from ikz.test import World

pytestmark = pytest.mark.django_db


def test_draft_then_submit_twice_keeps_one_declaration(world: World) -> None:
    call, (personal, bauhof, sport) = open_call(world)
    draft = services.save_declaration(
        call, world.kommune_a, {personal.pk: (True, False)}, expected_version=None, actor=world.contact_a
    )
    assert (draft.status, draft.version) == ("draft", 1)
    submitted = services.save_declaration(
        call,
        world.kommune_a,
        {personal.pk: (True, True), bauhof.pk: (True, False)},
        note="Gern auch mit dem Kreis",
        submit=True,
        expected_version=1,
        actor=world.contact_a,
    )
    assert (submitted.status, submitted.version, submitted.submitted_by) == ("submitted", 2, world.contact_a)
    again = services.save_declaration(
        call,
        world.kommune_a,
        {personal.pk: (True, True), bauhof.pk: (True, False)},
        note="Gern auch mit dem Kreis",
        submit=True,
        expected_version=2,
        actor=world.contact_a,
    )
    assert again.version == 2, "unverändertes erneutes Absenden ändert nichts"
    assert Declaration.objects.count() == 1
    answers = {a.topic_id: (a.interested, a.joins_working_group) for a in Answer.objects.all()}
    assert answers == {personal.pk: (True, True), bauhof.pk: (True, False), sport.pk: (False, False)}
    assert AuditEntry.objects.filter(object_repr__startswith="Raunheim").count() == 2
    assert (
        AuditEntry.objects.filter(message__contains="Interessenbekundung von Raunheim abgesendet").count()
        == 1
    )


def test_working_group_without_interest_is_refused_at_the_field_and_nothing_saved(world: World) -> None:
    call, (personal, *_rest) = open_call(world)
    with pytest.raises(ValidationError) as caught:
        services.save_declaration(
            call, world.kommune_a, {personal.pk: (False, True)}, expected_version=None, actor=world.contact_a
        )
    assert f"working_group_{personal.pk}" in caught.value.message_dict
    assert "setzt voraus" in caught.value.message_dict[f"working_group_{personal.pk}"][0]
    assert not Declaration.objects.exists() and not Answer.objects.exists()


def test_outsider_municipality_and_foreign_topics_are_refused(world: World) -> None:
    call, _topics = open_call(world)
    _other_call, (foreign, *_x) = open_call(world, labels=("Bauhof",), title="Anderer Aufruf")
    with pytest.raises(ValidationError, match="gehört nicht zur Region"):
        services.save_declaration(call, world.kreis, {}, expected_version=None, actor=world.office)
    with pytest.raises(ValidationError, match="Themen, die dieser Aufruf nicht hat"):
        services.save_declaration(
            call, world.kommune_a, {foreign.pk: (True, False)}, expected_version=None, actor=world.office
        )
    assert not Declaration.objects.exists()


def test_deadline_refuses_unless_late_answers_are_allowed(world: World) -> None:
    call, (personal, *_rest) = open_call(world, deadline=dt.date(2026, 1, 31))
    late = dt.date(2026, 2, 1)
    with pytest.raises(ValidationError, match=r"31\.01\.2026 abgelaufen"):
        services.save_declaration(
            call, world.kommune_a, {personal.pk: (True, False)}, submit=True, expected_version=None,
            actor=world.contact_a, today=late,
        )  # fmt: skip
    assert not Declaration.objects.exists()
    InterestCall.objects.filter(pk=call.pk).update(allow_late=True)
    call.refresh_from_db()
    declaration = services.save_declaration(
        call, world.kommune_a, {personal.pk: (True, False)}, submit=True, expected_version=None,
        actor=world.contact_a, today=late,
    )  # fmt: skip
    assert declaration.status == "submitted"


def test_stale_version_raises_conflict_with_both_versions(world: World) -> None:
    call, (personal, bauhof, _sport) = open_call(world)
    services.save_declaration(call, world.kommune_a, {}, expected_version=None, actor=world.contact_a)
    services.save_declaration(
        call, world.kommune_a, {personal.pk: (True, False)}, expected_version=1, actor=world.office
    )
    with pytest.raises(DeclarationConflict) as caught:
        services.save_declaration(
            call, world.kommune_a, {bauhof.pk: (True, False)}, note="neu", expected_version=1,
            actor=world.contact_a,
        )  # fmt: skip
    rows = caught.value.comparison()
    assert ("Anmerkung", "neu", "") in rows
    assert ("Personalmanagement: Kooperation gewünscht", "nein", "ja") in rows
    assert ("Bauhof: Kooperation gewünscht", "ja", "nein") in rows
    # a second person starting from an empty form while a declaration exists: also a conflict
    with pytest.raises(DeclarationConflict):
        services.save_declaration(call, world.kommune_a, {}, expected_version=None, actor=world.contact_a)
    assert Answer.objects.get(topic=bauhof).interested is False


def test_call_status_transitions(world: World) -> None:
    call = services.create_call(
        world.region, {"title": "Aufruf", "deadline": dt.date(2099, 1, 1)}, actor=world.office
    )
    with pytest.raises(ValidationError, match="ohne Themen"):
        services.change_call_status(call, CallStatus.OPEN, expected_version=1, actor=world.office)
    with pytest.raises(ValidationError, match="kann nicht"):
        services.change_call_status(call, CallStatus.CLOSED, expected_version=1, actor=world.office)
    services.create_topic(
        call,
        {"label": "Bauhof", "task_area": TaskArea.objects.create(name="Bauhof"), "position": 1},
        actor=world.office,
    )
    call.refresh_from_db()
    opened = services.change_call_status(
        call, CallStatus.OPEN, expected_version=call.version, actor=world.office, today=dt.date(2026, 3, 1)
    )
    assert (opened.status, opened.opened_on) == ("open", dt.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="Frist darf nicht vor"):
        services.update_call(
            opened, {"opened_on": dt.date(2026, 3, 1), "deadline": dt.date(2026, 2, 1)},
            expected_version=opened.version, actor=world.office,
        )  # fmt: skip


def test_counts_only_submitted_and_proposal_is_made_once(world: World) -> None:
    call, (personal, bauhof, _sport) = open_call(world)
    services.save_declaration(
        call,
        world.kommune_a,
        {personal.pk: (True, True)},
        submit=True,
        expected_version=None,
        actor=world.contact_a,
    )
    services.save_declaration(  # Kelsterbach's draft does not count
        call, world.kommune_b, {personal.pk: (True, False), bauhof.pk: (True, False)}, expected_version=None,
        actor=world.contact_b,
    )  # fmt: skip
    counts = {c.label: (c.interested, c.joining) for c in queries.topic_counts(call)}
    assert counts == {"Personalmanagement": (1, 1), "Bauhof": (0, 0), "Sport, Freizeit, Erholung": (0, 0)}
    proposal, created = services.propose_project(personal, actor=world.office)
    # the projects app takes it over at once (decision 137): the proposal is on the project list
    assert created and proposal.status == "taken_over" and proposal.created_by == world.office
    assert "Raun: Raunheim, Stadt (06433010) – Arbeitsgruppe IKZ" in proposal.description
    assert "Kelsterbach" not in proposal.description
    again, created_again = services.propose_project(personal, actor=world.office)
    assert (again.pk, created_again) == (proposal.pk, False)
    assert Proposal.objects.count() == 1
    assert AuditEntry.objects.filter(message__endswith="Personalmanagement“ angelegt").count() == 1
    with pytest.raises(ValidationError, match="noch keine Kommune"):
        services.propose_project(bauhof, actor=world.office)
    assert Municipality.objects.filter(interest_declarations__isnull=False).count() == 2
