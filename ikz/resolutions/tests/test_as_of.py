"""The date of a resolution is the day it took effect: the overview (table, map, exports) as of a
day, the bounds of the date, and corrections with a reason.

Seed 003: the IKZ process of Kreis Groß-Gerau began in 2013; the principle resolutions were taken
in 2013/2014 (Raunheim with Rüsselsheim and Kelsterbach in their joint session of autumn 2013)."""

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
from ikz.municipalities.models import Boundary
from ikz.resolutions import rules, services
from ikz.resolutions.models import Resolution
from ikz.resolutions.tests.persona_rows import SQUARE_A, SQUARE_B
from ikz.test import World

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 6)
START = dt.date(2013, 1, 1)


@pytest.fixture
def resolutions(world: World) -> tuple[Resolution, Resolution]:
    world.region.established_on = START
    world.region.save()
    for unit, square in ((world.kommune_a, SQUARE_A), (world.kommune_b, SQUARE_B)):
        Boundary.objects.create(
            municipality=unit,
            geometry={"type": "Polygon", "coordinates": square},
            source_file="test.geojson",
            source_date=dt.date(2025, 1, 1),
        )
    a = services.create_resolution(
        world.kommune_a,
        {"subject": "principle", "body": "stvv", "date": dt.date(2013, 10, 24), "outcome": "adopted_council"},
        actor=world.office,
    )
    b = services.create_resolution(
        world.kommune_b,
        {
            "subject": "principle",
            "body": "magistrat",
            "date": dt.date(2014, 3, 3),
            "outcome": "adopted_executive",
        },
        actor=world.office,
    )
    return a, b


def _overview(world: World) -> str:
    return reverse("resolutions:overview", args=[world.region.slug])


def test_the_overview_as_of_a_day_shows_the_resolutions_taken_by_then(
    world: World, resolutions: tuple[Resolution, Resolution]
) -> None:
    client = world.client_for("steering")
    end_2013 = client.get(_overview(world), {"stand": "2013-12-31"}).content.decode()
    assert "Stand: 31.12.2013" in end_2013.split("</h1>")[0]
    assert "Beschluss der Vertretung gefasst (1)" in end_2013
    assert "Beschluss des Magistrats / Verwaltungsorgans gefasst (0)" in end_2013
    assert "kein Eintrag (1)" in end_2013
    assert "24.10.2013" in end_2013 and "03.03.2014" not in end_2013
    labels = [t.split(">")[-1] for t in end_2013.split("</text>")[:-1]]
    assert labels == ["Raun ●", "Kelst –"], labels
    today = client.get(_overview(world)).content.decode()
    assert "Stand: " not in today.split("</h1>")[0]
    assert "Beschluss des Magistrats / Verwaltungsorgans gefasst (1)" in today and "03.03.2014" in today
    assert "kein Eintrag" not in today


def test_the_overview_export_names_its_stand(
    world: World, resolutions: tuple[Resolution, Resolution]
) -> None:
    got = world.client_for("office").get(_overview(world), {"stand": "2013-12-31", "format": "xlsx"})
    assert 'filename="ikz-test-grundsatzbeschluesse-stand-2013-12-31.xlsx"' in got["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(got.content)).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert any(c and "Stand: 31.12.2013" in str(c) for row in values for c in row)
    by_name = {row[1]: row for row in values if row[1] in ("Raunheim, Stadt", "Kelsterbach, Stadt")}
    assert by_name["Raunheim, Stadt"][5] == "Beschluss der Vertretung gefasst"
    assert by_name["Kelsterbach, Stadt"][5] == "kein Eintrag" and by_name["Kelsterbach, Stadt"][4] is None


def test_the_overview_as_of_a_day_takes_as_many_queries_as_today(
    world: World, resolutions: tuple[Resolution, Resolution]
) -> None:
    client = world.client_for("office")
    client.get(_overview(world))
    with CaptureQueriesContext(connection) as now:
        client.get(_overview(world))
    with CaptureQueriesContext(connection) as then:
        client.get(_overview(world), {"stand": "2013-12-31"})
    assert len(then) == len(now)


def test_a_principle_resolution_cannot_precede_the_regions_ikz_process(world: World) -> None:
    world.region.established_on = START
    world.region.save()
    values = {
        "subject": "principle",
        "body": "stvv",
        "date": dt.date(2012, 6, 1),
        "outcome": "adopted_council",
    }
    with pytest.raises(ValidationError) as caught:
        services.create_resolution(world.kommune_a, values, actor=world.office, today=TODAY)
    assert caught.value.message_dict["date"] == [
        "Sitzungsdatum: Der 01.06.2012 liegt vor dem Beginn des IKZ-Prozesses der Region am 01.01.2013; "
        "ein IKZ-Grundsatzbeschluss kann nicht früher gefasst sein."
    ]
    assert not Resolution.objects.exists()
    # another subject may be older (e.g. an agreement of 2004)
    services.create_resolution(
        world.kommune_a, values | {"subject": "agreement"}, actor=world.office, today=TODAY
    )


def test_only_an_open_resolution_may_carry_a_future_date(world: World) -> None:
    future = TODAY + dt.timedelta(days=30)
    services.create_resolution(
        world.kommune_a,
        {"subject": "principle", "body": "stvv", "date": future, "outcome": "pending"},
        actor=world.office,
        today=TODAY,
    )
    with pytest.raises(ValidationError) as caught:
        services.create_resolution(
            world.kommune_b,
            {"subject": "principle", "body": "magistrat", "date": future, "outcome": "not_planned"},
            actor=world.office,
            today=TODAY,
        )
    assert "kann nicht in der Zukunft liegen" in caught.value.message_dict["date"][0]


def test_the_date_of_a_decided_resolution_is_not_edited_but_corrected(
    world: World, resolutions: tuple[Resolution, Resolution]
) -> None:
    a, _b = resolutions
    client = world.client_for("contact_a")
    response = client.post(
        reverse("resolutions:resolution_edit", args=[a.pk]),
        {
            "version": a.version,
            "subject": "principle",
            "body": "stvv",
            "date": "2013-10-25",
            "outcome": "adopted_council",
        },
    )
    assert response.status_code == 200, response
    page = response.content.decode()
    assert "über „Datum berichtigen“ mit einer Begründung korrigiert" in page
    a.refresh_from_db()
    assert a.date == dt.date(2013, 10, 24)
    detail = client.get(a.get_absolute_url()).content.decode()
    assert "Sitzungsdatum berichtigen" in detail
    done = client.post(
        reverse("resolutions:resolution_correct", args=[a.pk]),
        {
            "berichtigung-version": a.version,
            "berichtigung-date": "2013-10-25",
            "berichtigung-reason": "Niederschrift: Sitzung am 25.10.2013",
        },
        follow=True,
    ).content.decode()
    assert "Das Sitzungsdatum wurde berichtigt." in done and "25.10.2013" in done
    a.refresh_from_db()
    assert a.date == dt.date(2013, 10, 25)
    entry = AuditEntry.objects.get(
        object_id=str(a.pk), content_type__model="resolution", action=Action.CORRECTION
    )
    assert entry.changes == {"Sitzungsdatum": ["2013-10-24", "2013-10-25"]}
    assert entry.message == "Niederschrift: Sitzung am 25.10.2013" and entry.actor == world.contact_a


@pytest.mark.parametrize(
    ("date", "reason", "text"),
    [
        ("2013-10-20", "", "Begründung"),
        ("2013-10-24", "Tippfehler", "Das Datum ist unverändert (24.10.2013)"),
        ("2099-01-01", "Tippfehler", "kann nicht in der Zukunft liegen"),
        ("2012-12-31", "Tippfehler", "vor dem Beginn des IKZ-Prozesses der Region am 01.01.2013"),
    ],
)
def test_a_bad_correction_writes_nothing(
    world: World, resolutions: tuple[Resolution, Resolution], date: str, reason: str, text: str
) -> None:
    a, _b = resolutions
    page = (
        world.client_for("office")
        .post(
            reverse("resolutions:resolution_correct", args=[a.pk]),
            {"berichtigung-version": a.version, "berichtigung-date": date, "berichtigung-reason": reason},
            follow=True,
        )
        .content.decode()
    )
    assert text in page
    a.refresh_from_db()
    assert a.date == dt.date(2013, 10, 24) and a.version == 1
    assert not AuditEntry.objects.filter(action=Action.CORRECTION).exists()


def test_rules_of_the_overview_as_of_a_day() -> None:
    day = dt.date(2013, 12, 31)
    assert rules.outcome_on("adopted_council", dt.date(2013, 10, 24), day) == "adopted_council"
    assert rules.outcome_on("adopted_council", dt.date(2014, 1, 2), day) == rules.NO_ENTRY
    assert rules.outcome_on("pending", dt.date(2014, 1, 2), day) == "pending"
    assert rules.outcome_on("not_planned", None, day) == "not_planned"
    assert rules.process_start_of([START, dt.date(2020, 1, 1)]) == START
    assert rules.process_start_of([START, None]) is None
    assert rules.process_start_of([]) is None
