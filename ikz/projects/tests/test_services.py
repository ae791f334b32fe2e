"""Services: the lifecycle refuses illegal steps with reasons, audit entries, conflicts, participation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ikz.audit.models import AuditEntry
from ikz.audit.services import ConflictError
from ikz.cooperation.models import Cooperation, CooperationField, Participant, TaskArea
from ikz.projects import services
from ikz.projects.models import Participation, Project, TransitionLog
from ikz.projects.tests.helpers import CHARTER, STUDY_DATES, make_project
from ikz.test import World

pytestmark = pytest.mark.django_db

OFFICE = frozenset({"office"})
STEERING = frozenset({"steering"})
LEAD = frozenset({"lead"})


def _field() -> CooperationField:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    return CooperationField.objects.create(task_area=area, name="Beschaffungen", position=1)


def _step(project: Project, target: str, roles: frozenset[str] = OFFICE, actor=None, **kw: object) -> Project:
    project.refresh_from_db()
    return services.transition(
        project, target, actor=actor, roles=roles, expected_version=project.version, **kw
    )


def test_create_writes_an_audit_entry_and_the_first_log_row(world: World) -> None:
    project = make_project(world)
    entry = AuditEntry.objects.get(object_id=str(project.pk), content_type__model="project")
    assert entry.action == "create" and entry.changes["title"] == [None, "Beschaffungswesen"]
    log = TransitionLog.objects.get(project=project)
    assert (log.from_status, log.to_status, log.actor_label) == ("", "proposal", "Office")


def test_end_before_start_is_refused_and_nothing_written(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        make_project(world, start=dt.date(2015, 1, 1), end=dt.date(2014, 12, 31))
    assert exc.value.message_dict == {"end": ["Das Projektende liegt vor dem Projektstart."]}
    assert (
        not Project.objects.exists() and not AuditEntry.objects.filter(content_type__model="project").exists()
    )


def test_end_before_start_is_refused_on_update_too(world: World) -> None:
    project = make_project(world, start=dt.date(2015, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.update_charter(
            project, {"end": dt.date(2014, 1, 1)}, expected_version=project.version, actor=world.project_lead
        )
    assert "end" in exc.value.message_dict
    project.refresh_from_db()
    assert project.end is None and project.version == 1


def test_a_verdict_before_commissioning_is_refused_with_the_reason(world: World) -> None:
    project = make_project(world)
    _step(project, "prioritised", STEERING)
    with pytest.raises(ValidationError) as exc:
        _step(project, "verdict", OFFICE, verdict="advantageous", verdict_reasons="x")
    assert exc.value.messages == [
        "Von „priorisiert“ geht es nicht zu „Prüfergebnis liegt vor“. "
        "Möglich ist: „beauftragt“, „pausiert“, „abgeschlossen ohne Umsetzung“."
    ]
    project.refresh_from_db()
    assert project.status == "prioritised" and project.verdict == ""


def test_an_incomplete_charter_cannot_be_commissioned_and_the_message_lists_what_is_missing(
    world: World,
) -> None:
    project = make_project(world, **(CHARTER | {"costs": "", "information_management": ""}))
    _step(project, "prioritised", STEERING)
    with pytest.raises(ValidationError) as exc:
        _step(project, "commissioned", STEERING)
    assert exc.value.messages == [
        "Der Projektauftrag ist unvollständig; es fehlen: Projektkosten, Informationsmanagement."
    ]
    project.refresh_from_db()
    services.update_charter(
        project,
        {"costs": "Personalaufwand im Rahmen der Stellen", "information_management": "Berichte"},
        expected_version=project.version,
        actor=world.project_lead,
    )
    assert _step(project, "commissioned", STEERING, actor=world.steering).status == "commissioned"


def test_the_lead_cannot_prioritise_and_the_steering_group_cannot_record_the_verdict(world: World) -> None:
    project = make_project(world, **CHARTER)
    with pytest.raises(ValidationError, match="dürfen nur: Geschäftsstelle, Lenkungsgruppe"):
        _step(project, "prioritised", LEAD)
    _step(project, "prioritised", STEERING)
    _step(project, "commissioned", STEERING)
    _step(project, "feasibility", LEAD)
    with pytest.raises(ValidationError, match="dürfen nur: Geschäftsstelle, Projektleitung"):
        _step(project, "verdict", STEERING, verdict="advantageous", verdict_reasons="günstiger")


def test_the_full_lifecycle_is_logged_with_who_and_why(world: World) -> None:
    project = make_project(world, **CHARTER)
    _step(project, "prioritised", STEERING, actor=world.steering)
    _step(project, "commissioned", STEERING, actor=world.steering)
    _step(project, "feasibility", LEAD, actor=world.project_lead)
    with pytest.raises(ValidationError) as exc:
        _step(project, "verdict", LEAD, verdict="advantageous")
    assert exc.value.message_dict == {"verdict_reasons": ["Bitte die Gründe für das Ergebnis angeben."]}
    done = _step(
        project,
        "verdict",
        LEAD,
        actor=world.project_lead,
        verdict="advantageous",
        verdict_reasons="Mengeneffekte",
    )
    assert (done.verdict, done.verdict_reasons) == ("advantageous", "Mengeneffekte")
    logs = list(
        TransitionLog.objects.filter(project=project).values_list("to_status", "actor_label", "reason")
    )
    assert logs == [
        ("proposal", "Office", "Projekt angelegt"),
        ("prioritised", "Steering", ""),
        ("commissioned", "Steering", ""),
        ("feasibility", "Project_Lead", ""),
        ("verdict", "Project_Lead", "Mengeneffekte"),
    ]
    assert AuditEntry.objects.filter(object_id=str(project.pk), content_type__model="project").count() == 5


def test_closing_needs_a_reason_and_keeps_the_verdict(world: World) -> None:
    project = make_project(world, effective_on=STUDY_DATES["proposal"], **CHARTER)
    for target, roles in (("prioritised", STEERING), ("commissioned", STEERING), ("feasibility", LEAD)):
        _step(project, target, roles, effective_on=STUDY_DATES[target])
    _step(
        project,
        "verdict",
        LEAD,
        verdict="advantageous",
        verdict_reasons="vorteilhaft",
        effective_on=STUDY_DATES["verdict"],
    )
    with pytest.raises(ValidationError) as exc:
        _step(project, "closed", STEERING)
    assert "reason" in exc.value.message_dict
    reason = "aus individuellen örtlichen Gründen keine kreisweite IKZ-Umsetzung"
    closed = _step(project, "closed", STEERING, reason=reason, effective_on=dt.date(2016, 1, 31))
    assert (closed.status, closed.verdict, closed.closing_reason) == ("closed", "advantageous", reason)
    assert closed.finished_on == dt.date(2016, 1, 31)


def test_a_stale_version_raises_conflict_and_writes_nothing(world: World) -> None:
    project = make_project(world)
    services.update_charter(project, {"goals": "Ziel 1"}, expected_version=1, actor=world.office)
    with pytest.raises(ConflictError):
        services.update_charter(project, {"goals": "Ziel 2"}, expected_version=1, actor=world.project_lead)
    with pytest.raises(ConflictError):
        services.transition(project, "prioritised", actor=None, roles=OFFICE, expected_version=1)
    project.refresh_from_db()
    assert (project.goals, project.status, project.version) == ("Ziel 1", "proposal", 2)


def _operating_ready(world: World, **values: object) -> Project:
    project = make_project(
        world,
        effective_on=STUDY_DATES["proposal"],
        **(CHARTER | {"lead_municipality": world.kommune_a} | values),
    )
    for target, roles in (("prioritised", STEERING), ("commissioned", STEERING), ("feasibility", LEAD)):
        _step(project, target, roles, effective_on=STUDY_DATES[target])
    _step(
        project,
        "verdict",
        LEAD,
        verdict="advantageous",
        verdict_reasons="vorteilhaft",
        effective_on=STUDY_DATES["verdict"],
    )
    return _step(project, "implementation", STEERING, effective_on=STUDY_DATES["implementation"])


def test_start_operation_creates_the_inventory_cooperation_with_the_participants(world: World) -> None:
    project = _operating_ready(world, field=_field())
    services.declare_participation(
        project, world.kommune_a, "with_staff", ["PL"], actor=world.office, confirm=True
    )
    services.declare_participation(
        project, world.kommune_b, "without_staff", [], actor=world.contact_b, confirm=False
    )
    project.refresh_from_db()
    done = services.transition(
        project,
        "operating",
        actor=world.steering,
        roles=STEERING,
        expected_version=project.version,
        today=dt.date(2017, 7, 1),
    )
    cooperation = Cooperation.objects.get(region=world.region, title="Beschaffungswesen")
    assert (
        done.status == "operating"
        and done.cooperation == cooperation
        and done.finished_on == dt.date(2017, 7, 1)
    )
    assert cooperation.since_year == 2017 and cooperation.field.name == "Beschaffungen"
    rows = {
        (p.municipality.short_name, p.status, p.is_lead)
        for p in Participant.objects.filter(cooperation=cooperation)
    }
    assert rows == {("Raunheim", "exists", True), ("Kelsterbach", "exists", False)}
    assert AuditEntry.objects.filter(
        content_type__model="cooperation", object_id=str(cooperation.pk)
    ).exists()


def test_start_operation_links_an_existing_cooperation_found_by_title(world: World) -> None:
    field = _field()
    existing = Cooperation.objects.create(
        region=world.region, field=field, title="Beschaffungswesen", symbol="◇"
    )
    project = _operating_ready(world, field=field)
    done = services.start_operation(project, actor=None, roles=OFFICE, expected_version=project.version)
    assert done.cooperation == existing
    assert Cooperation.objects.count() == 1


def test_start_operation_without_field_or_participants_is_refused_and_nothing_written(world: World) -> None:
    project = _operating_ready(world)
    with pytest.raises(ValidationError, match="Kooperationsfeld"):
        services.start_operation(project, actor=None, roles=OFFICE, expected_version=project.version)
    project.refresh_from_db()
    assert project.status == "implementation" and not Cooperation.objects.exists()


# --- milestones, decisions ---------------------------------------------------------------------------


def test_milestone_reached_in_the_future_is_refused(world: World) -> None:
    project = make_project(world)
    with pytest.raises(ValidationError) as exc:
        services.add_milestone(
            project,
            {"title": "IST-Analyse", "planned": dt.date(2026, 11, 1), "reached": dt.date(2026, 12, 2)},
            actor=world.project_lead,
            today=dt.date(2026, 12, 1),
        )
    assert "reached" in exc.value.message_dict
    milestone = services.add_milestone(
        project, {"title": "IST-Analyse", "planned": dt.date(2026, 11, 1)}, actor=world.project_lead
    )
    assert milestone.is_overdue(dt.date(2026, 12, 1))
    updated = services.update_milestone(
        milestone,
        {"reached": dt.date(2026, 11, 20)},
        expected_version=1,
        actor=world.project_lead,
        today=dt.date(2026, 12, 1),
    )
    assert not updated.is_overdue(dt.date(2026, 12, 1)) and updated.version == 2


def test_decision_on_another_projects_milestone_is_refused(world: World) -> None:
    first, second = make_project(world), make_project(world, title="Bezügeabrechnung")
    milestone = services.add_milestone(
        first, {"title": "Bericht", "planned": dt.date(2015, 3, 1)}, actor=None
    )
    with pytest.raises(ValidationError) as exc:
        services.record_decision(
            second,
            {"date": dt.date(2015, 3, 10), "text": "Weiter so", "milestone": milestone},
            actor=world.steering,
        )
    assert "milestone" in exc.value.message_dict
    decision = services.record_decision(
        first,
        {"date": dt.date(2015, 3, 10), "text": "Meilenstein abgenommen", "milestone": milestone},
        actor=world.steering,
    )
    assert AuditEntry.objects.filter(
        content_type__model="steeringdecision", object_id=str(decision.pk)
    ).exists()


# --- participation -----------------------------------------------------------------------------------


def test_a_contacts_declaration_is_a_draft_until_the_lead_confirms(world: World) -> None:
    project = make_project(world)
    cell = services.declare_participation(
        project, world.kommune_a, "with_staff", ["PG", "LKG"], actor=world.contact_a, confirm=False
    )
    assert not cell.confirmed and cell.cell == "X (PG, LKG)" and cell.declared_by == world.contact_a
    confirmed = services.confirm_participation(cell, actor=world.project_lead, expected_version=cell.version)
    assert confirmed.confirmed and confirmed.confirmed_by == world.project_lead
    again = services.declare_participation(
        project, world.kommune_a, "with_staff", ["PG", "LKG"], actor=world.contact_a, confirm=False
    )
    assert again.confirmed, "re-saving the same values keeps the confirmation"
    changed = services.declare_participation(
        project, world.kommune_a, "without_staff", [], actor=world.contact_a, confirm=False
    )
    assert not changed.confirmed and changed.cell == "X"


def test_roles_without_staff_and_non_members_are_refused(world: World) -> None:
    project = make_project(world)
    with pytest.raises(ValidationError) as exc:
        services.declare_participation(
            project, world.kommune_a, "without_staff", ["PG"], actor=None, confirm=True
        )
    assert "roles" in exc.value.message_dict
    with pytest.raises(ValidationError, match="kein Mitglied der Region"):
        services.declare_participation(project, world.kreis, "without_staff", [], actor=None, confirm=True)
    assert not Participation.objects.exists()


def test_a_stale_participation_edit_conflicts(world: World) -> None:
    project = make_project(world)
    cell = services.declare_participation(
        project, world.kommune_a, "none", [], actor=world.contact_a, confirm=False
    )
    services.declare_participation(
        project, world.kommune_a, "without_staff", [], actor=world.office, confirm=True
    )
    with pytest.raises(ConflictError):
        services.declare_participation(
            project,
            world.kommune_a,
            "with_staff",
            ["PG"],
            actor=world.contact_a,
            confirm=False,
            expected_version=cell.version,
        )


def test_a_proposal_of_the_interest_procedure_becomes_a_project_once(world: World) -> None:
    from ikz.interests.models import InterestCall, Proposal, Topic

    field = _field()
    call = InterestCall.objects.create(
        region=world.region, title="Interessenbekundung 2013", deadline=dt.date(2013, 9, 30)
    )
    topic = Topic.objects.create(call=call, label="Beschaffungswesen", task_area=field.task_area, field=field)
    proposal = Proposal.objects.create(
        call=call,
        topic=topic,
        title="IKZ-Projekt: Beschaffungswesen",
        description="Interessierte Kommunen (2)",
    )
    project = services.take_over_proposal(proposal, actor=world.office, today=dt.date(2014, 1, 15))
    assert (project.title, project.status, project.year, project.field) == (
        "IKZ-Projekt: Beschaffungswesen",
        "proposal",
        2014,
        field,
    )
    assert project.introduction == "Interessierte Kommunen (2)" and project.proposal == proposal
    proposal.refresh_from_db()
    assert proposal.status == "taken_over"
    with pytest.raises(ValidationError, match="bereits als Projekt übernommen"):
        services.take_over_proposal(proposal, actor=world.office)
    assert Project.objects.count() == 1
