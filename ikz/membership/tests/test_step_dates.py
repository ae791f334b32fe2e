"""The onboarding over time (seed 000, the join guide of the K4K eG): each step is completed on a
day that is entered (default today); a planned meeting date ticks nothing, a held one does;
generating a document ticks the task that asks for it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ikz.audit.models import Action, AuditEntry
from ikz.membership import rules, services
from ikz.membership.models import Onboarding, Step
from ikz.membership.tests.helpers import coop_office, make_cooperative, make_onboarding
from ikz.test import World

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 6)


def _ready_step_one(world: World) -> Onboarding:
    coop = make_cooperative()
    return make_onboarding(
        coop, world.kommune_a, kickoff_on=dt.date(2026, 9, 1), draft_resolution_on=dt.date(2026, 9, 15)
    )


def test_a_future_meeting_date_does_not_tick_its_task() -> None:
    planned = rules.OnboardingFacts(kickoff_on=dt.date(2027, 1, 12), today=TODAY)
    kickoff = rules.tasks(1, planned)[0]
    assert not kickoff.done and kickoff.detail == "geplant für den 12.01.2027"
    held = rules.OnboardingFacts(kickoff_on=dt.date(2026, 12, 1), today=TODAY)
    assert rules.tasks(1, held)[0].done


def test_only_a_held_committee_session_ticks_the_sessions(world: World) -> None:
    onboarding = _ready_step_one(world)
    Onboarding.objects.filter(pk=onboarding.pk).update(step=Step.COMMITTEES)
    onboarding.refresh_from_db()
    # the session is planned for next month, its outcome typed in ahead of time
    services.save_item(
        onboarding,
        "sitzung",
        None,
        {"body": "Kreistag", "date": dt.date(2027, 1, 20), "outcome": "approved"},
        expected_version=onboarding.version,
        actor=None,
    )
    onboarding.refresh_from_db()
    tasks = services.progress_of(onboarding, TODAY).tasks(2)
    assert (tasks[0].label, tasks[0].done, tasks[0].detail) == (
        "Gremiensitzungen abgehalten",
        False,
        "0 von 1 Sitzung(en) abgehalten",
    )
    assert not tasks[1].done  # "Alle Gremien haben entschieden": the session has not taken place
    with pytest.raises(ValidationError, match="Gremiensitzungen abgehalten"):
        services.advance(onboarding, expected_version=onboarding.version, actor=None, today=TODAY)
    # on the day after the session it counts
    after = dt.date(2027, 1, 21)
    assert all(t.done for t in services.progress_of(onboarding, after).tasks(2) if t.required)
    advanced = services.advance(onboarding, expected_version=onboarding.version, actor=None, today=after)
    assert advanced.step == Step.RESOLUTION and advanced.committees_completed_on == after


def test_each_step_is_completed_on_the_day_entered(world: World) -> None:
    onboarding = _ready_step_one(world)
    office = coop_office()
    client = world.client_for("office")
    client.force_login(office)
    page = client.get(onboarding.get_absolute_url()).content.decode()
    assert 'name="completed_on"' in page and "Schritt abgeschlossen am" in page
    url = reverse("membership:onboarding_advance", args=[onboarding.pk])
    client.post(url, {"version": onboarding.version, "completed_on": "2026-09-20"})
    onboarding.refresh_from_db()
    assert onboarding.step == Step.COMMITTEES and onboarding.intent_completed_on == dt.date(2026, 9, 20)
    entry = AuditEntry.objects.filter(object_id=str(onboarding.pk), content_type__model="onboarding").latest(
        "at"
    )
    assert entry.changes["intent_completed_on"] == [None, "2026-09-20"]
    assert "abgeschlossen am 20.09.2026" in client.get(onboarding.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (
            "2026-09-10",
            "Schritt 1 abgeschlossen am: Der 10.09.2026 liegt vor der erledigten Aufgabe „Beschlussvorlage erstellt“ am 15.09.2026.",
        ),
        ("2099-01-01", "Schritt 1 abgeschlossen am: Der 01.01.2099 liegt nach dem heutigen Tag"),
    ],
)
def test_a_wrong_completion_day_is_refused_and_nothing_changes(world: World, day: str, text: str) -> None:
    onboarding = _ready_step_one(world)
    client = world.client_for("office")
    client.force_login(coop_office())
    url = reverse("membership:onboarding_advance", args=[onboarding.pk])
    page = client.post(
        url, {"version": onboarding.version, "completed_on": day}, follow=True
    ).content.decode()
    assert text in page
    onboarding.refresh_from_db()
    assert onboarding.step == Step.INTENT and onboarding.intent_completed_on is None


def test_a_step_cannot_be_completed_before_the_previous_one(world: World) -> None:
    onboarding = _ready_step_one(world)
    onboarding = services.advance(
        onboarding, expected_version=onboarding.version, actor=None, completed_on=dt.date(2026, 9, 20)
    )
    Onboarding.objects.filter(pk=onboarding.pk).update(step=Step.RESOLUTION)
    onboarding.refresh_from_db()
    services.update_onboarding(
        onboarding,
        {
            "resolution_on": dt.date(2026, 9, 1),
            "notice_sent_on": dt.date(2026, 9, 2),
            "declaration_sent_on": dt.date(2026, 9, 2),
            "declaration_signed_on": dt.date(2026, 9, 3),
            "declaration_received_on": dt.date(2026, 9, 4),
            "agreement_sent_on": dt.date(2026, 9, 2),
            "agreement_signed_on": dt.date(2026, 9, 3),
            "agreement_received_on": dt.date(2026, 9, 4),
        },
        expected_version=onboarding.version,
        actor=None,
    )
    onboarding.refresh_from_db()
    # step 2 was never completed through the page here; step 1 was, on 20.09.2026
    Onboarding.objects.filter(pk=onboarding.pk).update(committees_completed_on=dt.date(2026, 9, 25))
    onboarding.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.advance(
            onboarding, expected_version=onboarding.version, actor=None, completed_on=dt.date(2026, 9, 24)
        )
    assert caught.value.message_dict["completed_on"] == [
        "Schritt 3 abgeschlossen am: Der 24.09.2026 liegt vor dem Abschluss von Schritt 2 am 25.09.2026."
    ]


def test_generating_a_document_ticks_the_task_that_asks_for_it(world: World) -> None:
    coop = make_cooperative()
    onboarding = make_onboarding(coop, world.kommune_a, kickoff_on=dt.date(2026, 9, 1))
    assert "Beschlussvorlage erstellt" in services.progress_of(onboarding, TODAY).blockers(1, TODAY)
    services.generate_document(onboarding, "beschlussvorlage", actor=None, today=TODAY)
    onboarding.refresh_from_db()
    assert onboarding.draft_resolution_on == TODAY and onboarding.version == 2
    assert services.progress_of(onboarding, TODAY).blockers(1, TODAY) == []
    entry = AuditEntry.objects.filter(
        object_id=str(onboarding.pk), content_type__model="onboarding", action=Action.UPDATE
    ).latest("at")
    assert entry.changes == {"Beschlussvorlage erstellt am": [None, TODAY.isoformat()]}
    assert "Beschlussvorlage" in entry.message
    # an entered date is not overwritten by generating the document again
    services.generate_document(onboarding, "beschlussvorlage", actor=None, today=TODAY + dt.timedelta(days=1))
    onboarding.refresh_from_db()
    assert onboarding.draft_resolution_on == TODAY


def test_the_letter_and_the_declaration_tick_their_tasks_in_step_three(world: World) -> None:
    coop = make_cooperative()
    onboarding = make_onboarding(
        coop, world.kommune_a, step=Step.RESOLUTION, resolution_on=dt.date(2026, 11, 2)
    )
    services.generate_document(onboarding, "anzeige", actor=None, today=TODAY)
    services.generate_document(onboarding, "beitrittserklaerung", actor=None, today=TODAY)
    onboarding.refresh_from_db()
    assert onboarding.notice_drafted_on == TODAY
    assert (
        onboarding.notice_sent_on is None
    )  # sending the Anzeige starts the Land's deadline: entered by hand
    assert onboarding.declaration_sent_on == TODAY
    labels = {t.label: t.done for t in services.progress_of(onboarding, TODAY).tasks(3)}
    assert labels["Anschreiben an die Aufsichtsbehörde erstellt"] and labels["Beitrittserklärung versandt"]
    assert not labels["Anzeige an die Aufsichtsbehörde versandt"]


def test_the_execution_cannot_precede_the_completion_of_step_three(world: World) -> None:
    coop = make_cooperative()
    onboarding = make_onboarding(
        coop, world.kommune_a, step=Step.MEMBERSHIP, resolution_completed_on=dt.date(2026, 11, 20)
    )
    with pytest.raises(ValidationError) as caught:
        services.complete_membership(
            onboarding, executed_on=dt.date(2026, 11, 19), expected_version=onboarding.version, actor=None
        )
    assert (
        "liegt vor dem Abschluss von Schritt 3 am 20.11.2026" in caught.value.message_dict["executed_on"][0]
    )


def _completed_step_one(world: World) -> Onboarding:
    onboarding = _ready_step_one(world)
    return services.advance(
        onboarding,
        expected_version=onboarding.version,
        actor=None,
        today=TODAY,
        completed_on=dt.date(2026, 9, 20),
    )


def test_the_office_corrects_a_wrong_completion_day_with_a_reason(world: World) -> None:
    onboarding = _completed_step_one(world)
    client = world.client_for("office")
    client.force_login(coop_office())
    detail = client.get(onboarding.get_absolute_url()).content.decode()
    url = reverse("membership:onboarding_step_correct", args=[onboarding.pk, 1])
    assert url in detail  # "Datum berichtigen" beside the completed step
    response = client.post(
        url, {"version": onboarding.version, "completed_on": "2026-09-18", "reason": "Sitzung war am 18.09."}
    )
    assert response.status_code == 302
    onboarding.refresh_from_db()
    assert onboarding.intent_completed_on == dt.date(2026, 9, 18)
    entry = AuditEntry.objects.get(
        object_id=str(onboarding.pk), content_type__model="onboarding", action=Action.CORRECTION
    )
    assert entry.changes == {"intent_completed_on": ["2026-09-20", "2026-09-18"]}
    assert entry.message == "Sitzung war am 18.09."
    assert "abgeschlossen am 18.09.2026" in client.get(onboarding.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("values", "field", "text"),
    [
        ({"completed_on": "2026-09-18", "reason": " "}, "reason", "Begründung"),
        (
            {"completed_on": "2026-09-20", "reason": "x"},
            "completed_on",
            "Das Datum ist unverändert (20.09.2026)",
        ),
        (
            {"completed_on": "2099-01-01", "reason": "x"},
            "completed_on",
            "Schritt 1 abgeschlossen am: Der 01.01.2099 liegt nach dem heutigen Tag",
        ),
    ],
)
def test_a_refused_correction_names_the_field_and_writes_nothing(
    world: World, values: dict[str, str], field: str, text: str
) -> None:
    onboarding = _completed_step_one(world)
    with pytest.raises(ValidationError) as refused:
        services.correct_step_date(
            onboarding,
            1,
            completed_on=dt.date.fromisoformat(values["completed_on"]),
            reason=values["reason"],
            expected_version=onboarding.version,
            actor=None,
            today=TODAY,
        )
    assert any(text in message for message in refused.value.message_dict[field])
    onboarding.refresh_from_db()
    assert onboarding.intent_completed_on == dt.date(2026, 9, 20)
    assert not AuditEntry.objects.filter(action=Action.CORRECTION).exists()


def test_a_correction_stays_between_the_neighbouring_steps(world: World) -> None:
    onboarding = _completed_step_one(world)
    Onboarding.objects.filter(pk=onboarding.pk).update(step=3, committees_completed_on=dt.date(2026, 10, 1))
    onboarding.refresh_from_db()
    with pytest.raises(ValidationError, match=r"liegt nach dem Abschluss von Schritt 2 am 01\.10\.2026"):
        services.correct_step_date(
            onboarding,
            1,
            completed_on=dt.date(2026, 10, 5),
            reason="falsch übertragen",
            expected_version=onboarding.version,
            actor=None,
            today=TODAY,
        )
    with pytest.raises(ValidationError, match=r"liegt vor dem Abschluss von Schritt 1 am 20\.09\.2026"):
        services.correct_step_date(
            onboarding,
            2,
            completed_on=dt.date(2026, 9, 1),
            reason="falsch übertragen",
            expected_version=onboarding.version,
            actor=None,
            today=TODAY,
        )
    with pytest.raises(ValidationError, match="Schritt 3 ist noch nicht abgeschlossen"):
        services.correct_step_date(
            onboarding,
            3,
            completed_on=dt.date(2026, 11, 1),
            reason="x",
            expected_version=onboarding.version,
            actor=None,
            today=TODAY,
        )
