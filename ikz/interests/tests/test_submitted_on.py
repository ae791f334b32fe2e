"""The day a declaration of interest was sent ("abgesendet am"), the ranking as of a day, and
corrections with a reason (seed 003: the Interessenbekundungsverfahren of 2013)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ikz.audit.models import Action, AuditEntry
from ikz.interests import services
from ikz.interests.models import Declaration, DeclarationStatus, InterestCall, Topic
from ikz.interests.tests.factories import open_call
from ikz.test import World

pytestmark = pytest.mark.django_db
OPENED, DEADLINE = dt.date(2013, 7, 1), dt.date(2013, 9, 30)


@pytest.fixture
def call(world: World) -> tuple[InterestCall, list[Topic]]:
    return open_call(world, ("Personalmanagement", "Bauhof"), opened_on=OPENED, deadline=DEADLINE)


def _send(world: World, call: InterestCall, topics: list[Topic], who: object, day: dt.date) -> Declaration:
    return services.save_declaration(
        call,
        who,  # type: ignore[arg-type]
        {topics[0].pk: (True, True), topics[1].pk: (who == world.kommune_a, False)},
        submit=True,
        expected_version=None,
        actor=world.office,
        submitted_on=day,
        on_behalf=True,
    )


def test_the_office_records_a_paper_declaration_with_the_day_it_was_sent(
    world: World, call: tuple[InterestCall, list[Topic]]
) -> None:
    the_call, topics = call
    client = world.client_for("office")
    url = reverse("interests:declaration_edit", args=[the_call.pk, world.kommune_a.pk])
    form = client.get(url).content.decode()
    assert 'name="submitted_on"' in form and "Abgesendet am" in form
    data = {f"interested_{topics[0].pk}": "on", "submitted_on": "2013-09-16", "action": "submit"}
    assert client.post(url, data).status_code == 302
    declaration = Declaration.objects.get()
    assert declaration.status == DeclarationStatus.SUBMITTED and declaration.submitted_on == dt.date(
        2013, 9, 16
    )
    detail = client.get(declaration.get_absolute_url()).content.decode()
    assert "abgesendet am 16.09.2013" in detail and "erfasst am" in detail


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (
            dt.date(2013, 6, 30),
            "Abgesendet am: Der 30.06.2013 liegt vor der Öffnung des Verfahrens am 01.07.2013.",
        ),
        (dt.date(2013, 10, 1), "Abgesendet am: Der 01.10.2013 liegt nach der Frist am 30.09.2013."),
        (dt.date(2099, 1, 1), "liegt nach dem heutigen Tag"),
    ],
)
def test_a_wrong_day_is_refused_and_nothing_is_written(
    world: World, call: tuple[InterestCall, list[Topic]], day: dt.date, text: str
) -> None:
    the_call, topics = call
    with pytest.raises(ValidationError) as caught:
        _send(world, the_call, topics, world.kommune_a, day)
    assert any(text in m for m in caught.value.message_dict["submitted_on"])
    assert not Declaration.objects.exists()


def test_a_town_hall_cannot_backdate_past_the_deadline(
    world: World, call: tuple[InterestCall, list[Topic]]
) -> None:
    the_call, topics = call
    with pytest.raises(ValidationError, match=r"Die Frist ist am 30\.09\.2013 abgelaufen"):
        services.save_declaration(
            the_call,
            world.kommune_a,
            {topics[0].pk: (True, False)},
            submit=True,
            expected_version=None,
            actor=world.contact_a,
            submitted_on=dt.date(2013, 9, 16),
        )


def test_the_ranking_as_of_a_day_counts_the_declarations_sent_by_then(
    world: World, call: tuple[InterestCall, list[Topic]]
) -> None:
    the_call, topics = call
    _send(world, the_call, topics, world.kommune_a, dt.date(2013, 9, 10))
    _send(world, the_call, topics, world.kommune_b, dt.date(2013, 9, 25))
    client = world.client_for("steering")
    url = reverse("interests:ranking", args=[the_call.pk])
    mid = client.get(url, {"stand": "2013-09-15"}).content.decode()
    assert "Stand: 15.09.2013" in mid.split("</h1>")[0]
    assert "Personalmanagement 1; Bauhof 1" in mid
    end = client.get(url).content.decode()
    assert "Personalmanagement 2; Bauhof 1" in end
    got = client.get(url, {"stand": "2013-09-15", "format": "xlsx"})
    assert "-stand-2013-09-15.xlsx" in got["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(got.content)).active.iter_rows(values_only=True))
    assert any(c and "Stand: 15.09.2013" in str(c) for row in rows for c in row)
    assert [r[1:3] for r in rows if r[1] in ("Personalmanagement", "Bauhof")] == [
        ("Personalmanagement", 1),
        ("Bauhof", 1),
    ]
    client.get(url)
    with CaptureQueriesContext(connection) as now:
        client.get(url)
    with CaptureQueriesContext(connection) as then:
        client.get(url, {"stand": "2013-09-15"})
    assert len(then) == len(now)


def test_a_wrong_day_is_corrected_with_a_reason(world: World, call: tuple[InterestCall, list[Topic]]) -> None:
    the_call, topics = call
    declaration = _send(world, the_call, topics, world.kommune_a, dt.date(2013, 9, 10))
    client = world.client_for("office")
    assert "Absendedatum berichtigen" in client.get(declaration.get_absolute_url()).content.decode()
    url = reverse("interests:declaration_correct", args=[the_call.pk, world.kommune_a.pk])
    refused = client.post(
        url,
        {
            "berichtigung-version": declaration.version,
            "berichtigung-submitted_on": "2013-10-02",
            "berichtigung-reason": "x",
        },
        follow=True,
    ).content.decode()
    assert "liegt nach der Frist am 30.09.2013" in refused
    client.post(
        url,
        {
            "berichtigung-version": declaration.version,
            "berichtigung-submitted_on": "2013-09-09",
            "berichtigung-reason": "Poststempel vom 09.09.2013",
        },
    )
    declaration.refresh_from_db()
    assert declaration.submitted_on == dt.date(2013, 9, 9)
    entry = AuditEntry.objects.get(action=Action.CORRECTION)
    assert entry.changes == {"abgesendet am": ["2013-09-10", "2013-09-09"]}
    assert entry.message == "Poststempel vom 09.09.2013"
    # the town hall's contact may not correct
    contact = world.client_for("contact_a").post(
        url,
        {
            "berichtigung-version": declaration.version,
            "berichtigung-submitted_on": "2013-09-08",
            "berichtigung-reason": "x",
        },
    )
    assert contact.status_code == 403
