"""The day a sheet was handed in ("abgegeben am"), the Rücklauf as of a day, and corrections.

Seed 003: the survey ran from February to May 2013, "Rücklauf … am 29.5.2013 abgeschlossen". The
office back-captures the 2013 sheets in 2026 with the days they arrived; the Rücklauf as of a day
in May 2013 shows who had submitted by then."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ikz.audit.models import Action, AuditEntry
from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
from ikz.surveys import rules, services
from ikz.surveys.models import Campaign, CampaignStatus, Reminder, Response, ResponseStatus
from ikz.test import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world: World) -> Campaign:
    """The 2013 survey, opened again by the office to enter the paper sheets."""
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    CooperationField.objects.create(task_area=area, name="Postverbund", position=1)
    c = Campaign.objects.create(
        region=world.region, title="Bestandsaufnahme 2013", period_start=dt.date(2013, 2, 1),
        period_end=dt.date(2013, 5, 29), deadline=dt.date(2013, 5, 29), status=CampaignStatus.OPEN,
    )  # fmt: skip
    c.task_areas.add(area)
    return c


def _draft(world: World, campaign: Campaign, municipality: object) -> Response:
    field = CooperationField.objects.get(name="Postverbund")
    answer = rules.AnswerInput(field.pk, "exists", "Gemeinsamer Postverbund")
    return services.save_draft(campaign, municipality, [answer], expected_version=None, actor=world.office)  # type: ignore[arg-type]


def _submit_url(campaign: Campaign, municipality: object) -> str:
    return reverse("surveys:response_submit", args=[campaign.pk, municipality.pk])  # type: ignore[attr-defined]


def test_the_office_enters_a_paper_sheet_with_the_day_it_arrived(world: World, campaign: Campaign) -> None:
    _draft(world, campaign, world.kommune_a)
    office = world.client_for("office")
    form = office.get(_submit_url(campaign, world.kommune_a)).content.decode()
    assert 'type="date" name="submitted_on"' in form and "Abgegeben am" in form
    assert f'value="{timezone.localdate().isoformat()}"' in form  # default: today
    assert (
        office.post(_submit_url(campaign, world.kommune_a), {"submitted_on": "2013-05-21"}).status_code == 302
    )
    response = Response.objects.get(municipality=world.kommune_a)
    assert response.status == ResponseStatus.SUBMITTED
    assert response.submitted_on == dt.date(2013, 5, 21)
    assert timezone.localdate(response.submitted_at) == timezone.localdate()  # recorded today
    detail = office.get(response.get_absolute_url()).content.decode()
    assert "abgegeben am 21.05.2013" in detail and "erfasst am" in detail
    entry = AuditEntry.objects.filter(object_id=str(response.pk), action=Action.UPDATE).latest("at")
    assert entry.changes["abgegeben am"] == [None, "2013-05-21"]
    assert Cooperation.objects.get().title == "Gemeinsamer Postverbund"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (
            "2013-01-15",
            "Abgegeben am: Der 15.01.2013 liegt vor dem Beginn der Bestandsaufnahme am 01.02.2013.",
        ),
        ("2013-05-30", "Abgegeben am: Der 30.05.2013 liegt nach der Rücklauffrist am 29.05.2013."),
        ("2099-01-01", "Abgegeben am: Der 01.01.2099 liegt nach dem heutigen Tag"),
    ],
)
def test_a_wrong_submission_day_is_refused_at_the_field(
    world: World, campaign: Campaign, day: str, text: str
) -> None:
    _draft(world, campaign, world.kommune_a)
    page = world.client_for("office").post(_submit_url(campaign, world.kommune_a), {"submitted_on": day})
    assert page.status_code == 200
    assert text in page.content.decode()
    response = Response.objects.get(municipality=world.kommune_a)
    assert response.status == ResponseStatus.DRAFT and response.submitted_on is None
    assert not Cooperation.objects.exists()


def test_a_town_hall_cannot_backdate_past_a_missed_deadline(world: World, campaign: Campaign) -> None:
    _draft(world, campaign, world.kommune_a)
    page = world.client_for("contact_a").post(
        _submit_url(campaign, world.kommune_a), {"submitted_on": "2013-05-21"}
    )
    assert "Die Rücklauffrist ist am 29.05.2013 abgelaufen" in page.content.decode()
    assert Response.objects.get().status == ResponseStatus.DRAFT


def test_a_town_hall_submits_today_by_default(world: World) -> None:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    CooperationField.objects.create(task_area=area, name="Postverbund", position=1)
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        region=world.region, title="Bestandsaufnahme jetzt", period_start=today - dt.timedelta(days=30),
        period_end=today + dt.timedelta(days=30), deadline=today + dt.timedelta(days=30),
        status=CampaignStatus.OPEN,
    )  # fmt: skip
    campaign.task_areas.add(area)
    _draft(world, campaign, world.kommune_a)
    assert world.client_for("contact_a").post(_submit_url(campaign, world.kommune_a), {}).status_code == 302
    assert Response.objects.get().submitted_on == today


def _back_capture(world: World, campaign: Campaign) -> tuple[Response, Response]:
    a = services.submit_response(
        _draft(world, campaign, world.kommune_a),
        actor=world.office,
        submitted_on=dt.date(2013, 5, 21),
        on_behalf=True,
    )
    b = services.submit_response(
        _draft(world, campaign, world.kommune_b),
        actor=world.office,
        submitted_on=dt.date(2013, 5, 29),
        on_behalf=True,
    )
    return a, b


def test_the_ruecklauf_as_of_a_day_shows_who_had_submitted_by_then(world: World, campaign: Campaign) -> None:
    _back_capture(world, campaign)
    office = world.client_for("office")
    url = reverse("surveys:tracking", args=[campaign.pk])
    may = office.get(url, {"stand": "2013-05-25"}).content.decode()
    assert "Stand: 25.05.2013" in may
    assert "1 abgegeben, 0 im Entwurf, 1 nicht begonnen" in may
    assert 'name="stand" value="2013-05-25"' in may
    assert "Ausgewählte Kommunen erinnern" not in may  # reminders are sent today, not in the past
    closed = office.get(url, {"stand": "29.05.2013"}).content.decode()
    assert "2 abgegeben, 0 im Entwurf, 0 nicht begonnen" in closed
    assert "21.05.2013" in closed and "29.05.2013" in closed
    before = office.get(url, {"stand": "2013-03-01"}).content.decode()
    assert "0 abgegeben, 0 im Entwurf, 2 nicht begonnen" in before
    today = office.get(url).content.decode()
    assert "Stand: " not in today.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "2 abgegeben" in today


def test_the_ruecklauf_export_names_its_stand(world: World, campaign: Campaign) -> None:
    _back_capture(world, campaign)
    Reminder.objects.create(campaign=campaign, municipality=world.kommune_b, sent_by=world.office)
    office = world.client_for("office")
    got = office.get(
        reverse("surveys:tracking", args=[campaign.pk]), {"stand": "2013-05-25", "format": "xlsx"}
    )
    assert f'filename="ruecklauf-{campaign.pk}-stand-2013-05-25.xlsx"' in got["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(got.content)).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert any("Stand: 25.05.2013" in c for c in cells)
    rows = {
        r[1]: r
        for r in sheet.iter_rows(values_only=True)
        if r[1] in ("Raunheim, Stadt", "Kelsterbach, Stadt")
    }
    assert rows["Raunheim, Stadt"][3] == "abgegeben"
    assert rows["Kelsterbach, Stadt"][3] == "nicht begonnen"
    assert rows["Kelsterbach, Stadt"][6] == 0  # the reminder was sent in 2026, not by May 2013
    csv = office.get(
        reverse("surveys:tracking", args=[campaign.pk]), {"stand": "2013-05-25", "format": "csv"}
    )
    assert "-stand-2013-05-25.csv" in csv["Content-Disposition"]


def test_the_ruecklauf_as_of_a_day_takes_as_many_queries_as_today(world: World, campaign: Campaign) -> None:
    _back_capture(world, campaign)
    office = world.client_for("office")
    url = reverse("surveys:tracking", args=[campaign.pk])
    office.get(url)
    with CaptureQueriesContext(connection) as now:
        office.get(url)
    with CaptureQueriesContext(connection) as then:
        office.get(url, {"stand": "2013-05-25"})
    assert len(then) == len(now)


def _correct(world: World, response: Response, **data: str) -> object:
    url = reverse("surveys:response_correct", args=[response.campaign_id, response.municipality_id])
    posted = {f"berichtigung-{k}": v for k, v in data.items()}
    return world.client_for("office").post(
        url, {"berichtigung-version": response.version, **posted}, follow=True
    )


def test_a_wrong_submission_day_is_corrected_with_a_reason(world: World, campaign: Campaign) -> None:
    a, _b = _back_capture(world, campaign)
    page = world.client_for("office").get(a.get_absolute_url()).content.decode()
    assert "Abgabedatum berichtigen" in page
    _correct(world, a, submitted_on="2013-05-20", reason="Eingangsstempel: 20.05.2013")
    a.refresh_from_db()
    assert a.submitted_on == dt.date(2013, 5, 20)
    entry = AuditEntry.objects.get(object_id=str(a.pk), action=Action.CORRECTION)
    assert entry.changes == {"abgegeben am": ["2013-05-21", "2013-05-20"]}
    assert entry.message == "Eingangsstempel: 20.05.2013" and entry.actor == world.office
    history = world.client_for("office").get(a.get_absolute_url()).content.decode()
    assert "abgegeben am 20.05.2013" in history


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"submitted_on": "2013-05-20", "reason": " "}, "Begründung"),
        ({"submitted_on": "2013-05-21", "reason": "Tippfehler"}, "Das Datum ist unverändert (21.05.2013)"),
        ({"submitted_on": "2013-06-03", "reason": "Tippfehler"}, "nach der Rücklauffrist am 29.05.2013"),
        (
            {"submitted_on": "2013-01-03", "reason": "Tippfehler"},
            "vor dem Beginn der Bestandsaufnahme am 01.02.2013",
        ),
    ],
)
def test_a_bad_correction_writes_nothing(
    world: World, campaign: Campaign, data: dict[str, str], text: str
) -> None:
    a, _b = _back_capture(world, campaign)
    page = _correct(world, a, **data).content.decode()  # type: ignore[attr-defined]
    assert text in page
    a.refresh_from_db()
    assert a.submitted_on == dt.date(2013, 5, 21)
    assert not AuditEntry.objects.filter(action=Action.CORRECTION).exists()


def test_only_the_office_corrects(world: World, campaign: Campaign) -> None:
    a, _b = _back_capture(world, campaign)
    url = reverse("surveys:response_correct", args=[campaign.pk, world.kommune_a.pk])
    data = {
        "berichtigung-version": a.version,
        "berichtigung-submitted_on": "2013-05-20",
        "berichtigung-reason": "x",
    }
    assert world.client_for("contact_a").post(url, data).status_code == 403
    a.refresh_from_db()
    assert a.submitted_on == dt.date(2013, 5, 21)
