"""The inventory's effective dates (decisions 92, 94): start, end with reason, recorded since,
joining and leaving — checked with German messages naming field and date, nothing written when
refused; a wrong date is corrected with a reason and an audit entry "berichtigt"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ikz.audit.models import Action, AuditEntry
from ikz.cooperation import services
from ikz.cooperation.models import Cooperation, CooperationField, Participant, TaskArea
from ikz.cooperation.services import ParticipantRow
from ikz.test import World

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 12, 6)


@pytest.fixture
def field() -> CooperationField:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    return CooperationField.objects.create(task_area=area, name="Postverbund", position=1)


def _save(world: World, field: CooperationField, rows: list[ParticipantRow], **values: object) -> Cooperation:
    return services.save_cooperation(
        world.region,
        {"field": field, "title": "Postverbund", **values},
        rows,
        actor=world.office,
        today=TODAY,
    )


def _refused(call) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.messages


def test_dates_are_stored_and_a_pre_existing_cooperation_may_predate_the_process(
    world: World, field: CooperationField
) -> None:
    world.region.established_on = D(2013, 2, 1)
    world.region.save()
    coop = _save(
        world,
        field,
        [
            ParticipantRow(world.kommune_a, "exists", joined_on=D(2012, 1, 1)),
            ParticipantRow(world.kommune_b, "exists"),
        ],
        started_on=D(2012, 1, 1),
        recorded_on=D(2013, 6, 1),
    )
    coop.refresh_from_db()
    assert (coop.started_on, coop.recorded_on) == (D(2012, 1, 1), D(2013, 6, 1))
    assert Participant.objects.get(cooperation=coop, municipality=world.kommune_a).joined_on == D(2012, 1, 1)
    # what the process produced cannot begin before it
    messages = _refused(
        lambda: services.save_cooperation(
            world.region,
            {"field": field, "title": "Vergabezentrum", "started_on": D(2012, 7, 1)},
            [ParticipantRow(world.kommune_a, "exists")],
            actor=world.office,
            today=TODAY,
            produced_by_process=True,
        )
    )
    assert messages == [
        "Beginn: Der 01.07.2012 liegt vor dem Beginn des IKZ-Prozesses der Region am 01.02.2013."
    ]


def test_bad_dates_name_field_and_date_and_nothing_is_written(world: World, field: CooperationField) -> None:
    cases = [
        (
            {"started_on": D(2027, 1, 1)},
            [],
            "Beginn: Der 01.01.2027 liegt nach dem heutigen Tag (06.12.2026)",
        ),
        (
            {"started_on": D(2015, 1, 1), "ended_on": D(2014, 1, 1), "end_reason": "aufgelöst"},
            [],
            "Ende: Der 01.01.2014 liegt vor dem Beginn am 01.01.2015.",
        ),
        ({"started_on": D(2015, 1, 1), "ended_on": D(2016, 1, 1)}, [], "Grund des Endes: Bitte angeben"),
        (
            {"started_on": D(2015, 1, 1)},
            [{"joined_on": D(2014, 5, 1)}],
            "Raunheim, beteiligt seit: Der 01.05.2014 liegt vor dem Beginn der Kooperation am 01.01.2015.",
        ),
        (
            {"started_on": D(2015, 1, 1)},
            [{"joined_on": D(2016, 1, 1), "left_on": D(2015, 12, 31)}],
            "Raunheim, beteiligt bis: Der 31.12.2015 liegt vor dem Beitritt am 01.01.2016.",
        ),
    ]
    for values, participant, text in cases:
        rows = [ParticipantRow(world.kommune_a, "exists", **(participant[0] if participant else {}))]
        messages = _refused(lambda: _save(world, field, rows, **values))  # noqa: B023
        assert any(text in m for m in messages), (text, messages)
    assert Cooperation.objects.count() == 0 and AuditEntry.objects.count() == 0
    # a planned cooperation may start ahead
    planned = _save(
        world,
        field,
        [ParticipantRow(world.kommune_a, "planned", planned_by=D(2027, 6, 30))],
        started_on=D(2027, 7, 1),
    )
    assert planned.started_on == D(2027, 7, 1)


def test_a_date_in_effect_is_corrected_with_a_reason_not_overwritten(
    world: World, field: CooperationField
) -> None:
    coop = _save(world, field, [ParticipantRow(world.kommune_a, "exists")], started_on=D(2017, 7, 1))
    messages = _refused(
        lambda: services.save_cooperation(
            world.region,
            {"field": field, "title": "Postverbund", "started_on": D(2017, 1, 1)},
            [ParticipantRow(world.kommune_a, "exists")],
            actor=world.office,
            cooperation=coop,
            today=TODAY,
        )
    )
    assert "bereits wirksam" in messages[0] and "01.07.2017" in messages[0]
    assert _refused(
        lambda: services.correct_cooperation_date(
            coop, "started_on", D(2017, 1, 1), " ", actor=world.office, today=TODAY
        )
    ) == ["Begründung: Bitte angeben, warum das Datum korrigiert wird."]
    services.correct_cooperation_date(
        coop, "started_on", D(2017, 1, 1), "Vertrag lag vor: Beginn 1.1.2017", actor=world.office, today=TODAY
    )
    coop.refresh_from_db()
    assert coop.started_on == D(2017, 1, 1)
    entry = AuditEntry.objects.get(action=Action.CORRECTION)
    assert entry.changes == {"Beginn": ["01.07.2017", "01.01.2017"]}
    assert entry.message == "Vertrag lag vor: Beginn 1.1.2017"
    services.correct_participation_date(
        coop, world.kommune_a, "joined_on", D(2017, 3, 1), "spät beigetreten", actor=world.office, today=TODAY
    )
    assert Participant.objects.get(cooperation=coop).joined_on == D(2017, 3, 1)
    assert _refused(
        lambda: services.correct_participation_date(
            coop, world.kommune_a, "joined_on", D(2016, 3, 1), "früher", actor=world.office, today=TODAY
        )
    ) == ["Raunheim, beteiligt seit: Der 01.03.2016 liegt vor dem Beginn der Kooperation am 01.01.2017."]


def test_ending_a_cooperation_needs_a_reason_and_a_date_after_its_start(
    world: World, field: CooperationField
) -> None:
    coop = _save(
        world,
        field,
        [ParticipantRow(world.kommune_a, "considered", reason="zu teuer")],
        recorded_on=D(2002, 5, 1),
    )
    assert _refused(
        lambda: services.end_cooperation(
            coop, D(2001, 1, 1), "nicht weiterverfolgt", actor=world.office, today=TODAY
        )
    ) == ["Ende: Der 01.01.2001 liegt vor der Erfassung am 01.05.2002."]
    ended = services.end_cooperation(
        coop, D(2004, 12, 31), "nicht weiterverfolgt", actor=world.office, today=TODAY
    )
    assert (ended.ended_on, ended.end_reason) == (D(2004, 12, 31), "nicht weiterverfolgt")
    assert (
        "bereits zum 31.12.2004 beendet"
        in _refused(
            lambda: services.end_cooperation(ended, D(2005, 1, 1), "x", actor=world.office, today=TODAY)
        )[0]
    )


def test_the_form_takes_the_dates(world: World, field: CooperationField) -> None:
    client = world.client_for("office")
    data = {
        "field": field.pk,
        "title": "Vergabezentrum",
        "started_on": "2017-07-01",
        "recorded_on": "2016-03-01",
        "p-TOTAL_FORMS": "2",
        "p-INITIAL_FORMS": "2",
        "p-0-municipality_id": world.kommune_a.pk,
        "p-0-status": "exists",
        "p-0-joined_on": "2017-07-01",
        "p-1-municipality_id": world.kommune_b.pk,
        "p-1-status": "exists",
        "p-1-joined_on": "2017-06-01",
    }
    page = client.post(reverse("cooperation:cooperation_create", args=[world.region.slug]), data)
    assert page.status_code == 200
    assert (
        "Kelst, beteiligt seit: Der 01.06.2017 liegt vor dem Beginn der Kooperation am 01.07.2017."
        in page.content.decode()
    )
    assert not Cooperation.objects.exists()
    data["p-1-joined_on"] = "2018-01-01"
    assert (
        client.post(reverse("cooperation:cooperation_create", args=[world.region.slug]), data).status_code
        == 302
    )
    coop = Cooperation.objects.get()
    assert coop.started_on == D(2017, 7, 1)
    assert Participant.objects.get(cooperation=coop, municipality=world.kommune_b).joined_on == D(2018, 1, 1)


def test_the_correction_page_corrects_a_joining_with_its_reason(
    world: World, field: CooperationField
) -> None:
    coop = _save(
        world,
        field,
        [
            ParticipantRow(world.kommune_a, "exists"),
            ParticipantRow(world.kommune_b, "exists", joined_on=D(2019, 1, 1)),
        ],
        started_on=D(2018, 1, 1),
    )
    client = world.client_for("office")
    url = reverse("cooperation:cooperation_correct", args=[coop.pk])
    page = client.get(url).content.decode()
    assert "Kelsterbach, Stadt: beteiligt seit (01.01.2019)" in page
    data = {
        "what": f"joined_on:{world.kommune_b.pk}",
        "effective_on": "2017-12-01",
        "reason": "Beschluss",
        "version": coop.version,
    }
    page = client.post(url, data).content.decode()
    assert "Der 01.12.2017 liegt vor dem Beginn der Kooperation am 01.01.2018." in page
    data["effective_on"] = "2019-02-01"
    assert client.post(url, data).status_code == 302
    assert Participant.objects.get(cooperation=coop, municipality=world.kommune_b).joined_on == D(2019, 2, 1)
    history = client.get(reverse("cooperation:cooperation_history", args=[coop.pk])).content.decode()
    assert "berichtigt (mit Begründung)" in history and "Beschluss" in history
    detail = client.get(coop.get_absolute_url()).content.decode()
    assert "01.01.2018" in detail and "01.02.2019" in detail
