"""The deadlines of every agreement (decision 97): indefinite agreements with a notice rule, the
end of contract or tender periods with a lead time (Strom/Gas as seed 003 tells it), the annual
report and advisory board meetings — in the page, the calendar feed and the reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from ikz.cooperation import queries, rules, services
from ikz.cooperation.models import CooperationField, Operation, TaskArea
from ikz.cooperation.services import MeetingRow, ParticipantRow, PeriodRow
from ikz.cooperation.sources import agreement_dates, agreement_due
from ikz.jobs.services import work_off
from ikz.test import World

D = dt.date


@pytest.mark.parametrize(
    ("months", "to", "today", "notice_by", "ends_on"),
    [
        # "zwölf Monate zum Jahresende": by 31.12.2026 for 31.12.2027
        (12, "year_end", D(2026, 12, 6), D(2026, 12, 31), D(2027, 12, 31)),
        (12, "year_end", D(2027, 1, 1), D(2027, 12, 31), D(2028, 12, 31)),
        (3, "quarter_end", D(2026, 12, 6), D(2026, 12, 31), D(2027, 3, 31)),
        (6, "half_year_end", D(2026, 7, 1), D(2026, 12, 31), D(2027, 6, 30)),
        (1, "month_end", D(2026, 2, 28), D(2026, 2, 28), D(2026, 3, 31)),
        (3, "month_end", D(2026, 12, 1), D(2026, 12, 31), D(2027, 3, 31)),
        (3, "day", D(2026, 12, 6), D(2026, 12, 6), D(2027, 3, 6)),
    ],
)
def test_an_indefinite_agreement_with_a_notice_rule(months, to, today, notice_by, ends_on) -> None:  # type: ignore[no-untyped-def]
    found = rules.indefinite_notice(months, to, today)
    assert (found.notice_by, found.ends_on) == (notice_by, ends_on)
    state = rules.term_state(rules.Term(D(2015, 1, 1), notice_months=months, notice_to=to), today)
    assert (state.status, state.notice_by, state.notice_for) == ("indefinite", notice_by, ends_on)
    term = rules.Term(D(2015, 1, 1), notice_months=months, notice_to=to)
    assert rules.exit_date(term, today) == ends_on


def test_periods_reports_and_their_dates() -> None:
    strom = rules.period_deadline("Ausschreibung", D(2024, 1, 1), D(2026, 12, 31), 9)
    assert strom.prepare_from == D(2026, 4, 1)
    assert rules.period_deadline("x", D(2024, 1, 1), D(2026, 12, 31), None).prepare_from == D(2026, 12, 31)
    periods = [("A", D(2021, 1, 1), D(2023, 12, 31), 9), ("A", D(2024, 1, 1), D(2026, 12, 31), 9)]
    assert [p.ends_on for p in rules.current_periods(periods, D(2026, 12, 6))] == [D(2026, 12, 31)]
    assert rules.next_report_due(3, 31, D(2026, 12, 6)) == D(2027, 3, 31)
    assert rules.next_report_due(12, 15, D(2026, 12, 6)) == D(2026, 12, 15)
    assert rules.next_report_due(2, 29, D(2027, 1, 1)) == D(2027, 2, 28)
    assert rules.report_day_errors(2, 30) == {"report_due_day": ["Berichtspflicht: Den 30.2. gibt es nicht."]}
    assert "Tag und Monat" in rules.report_day_errors(None, 3)["report_due_month"][0]
    assert rules.report_day_errors(None, None) == {}


@pytest.fixture
def strom(world: World) -> Operation:
    """Strom- und Gaseinkauf, transferred to the Zweckverband Riedwerke, four tender periods."""
    area = TaskArea.objects.create(name="Ver- und Entsorgung")
    field = CooperationField.objects.create(task_area=area, name="Energieeinkauf")
    cooperation = services.save_cooperation(
        world.region,
        {
            "field": field,
            "title": "Strom- und Gaseinkauf",
            "legal_form": "transfer",
            "started_on": D(2015, 6, 1),
        },
        [ParticipantRow(world.kommune_a, "exists"), ParticipantRow(world.kommune_b, "exists")],
        actor=world.office,
    )
    return services.save_operation(
        cooperation,
        {
            "start": D(2015, 6, 1),
            "external_host": "Zweckverband Riedwerke",
            "host": None,
            "reporting_duty": True,
            "report_due_day": 31,
            "report_due_month": 3,
            "advisory_board": True,
        },
        actor=world.office,
        periods=[
            PeriodRow("Ausschreibung", D(2016, 1, 1), D(2017, 12, 31), 9),
            PeriodRow("Ausschreibung", D(2018, 1, 1), D(2020, 12, 31), 9),
            PeriodRow("Ausschreibung", D(2021, 1, 1), D(2023, 12, 31), 9),
            PeriodRow("Ausschreibung", D(2024, 1, 1), D(2026, 12, 31), 9),
        ],
        meetings=[MeetingRow(D(2027, 2, 10), "Jahresplanung")],
    )


@pytest.mark.django_db
def test_strom_gas_periods_are_shown_and_the_end_of_2026_is_reminded(world: World, strom: Operation) -> None:
    page = world.client_for("steering").get(strom.cooperation.get_absolute_url()).content.decode()
    for period in (
        "01.01.2016",
        "31.12.2017",
        "01.01.2018",
        "31.12.2020",
        "01.01.2021",
        "31.12.2023",
        "01.01.2024",
        "31.12.2026",
    ):
        assert period in page
    assert (
        "Ausschreibung 01.01.2024 – 31.12.2026 endet; den nächsten Zeitraum vorbereiten (ab 01.04.2026)"
        in page
    )
    assert (
        "Jahresbericht fällig am 31.03.2027" in page
        and "Beiratssitzung am 10.02.2027 (Jahresplanung)" in page
    )
    # the reminder: from 1.4.2026 (nine months before the end), to the office, linking to the page
    assert not [i for i in agreement_due(D(2026, 3, 31)) if i.key.startswith("period:")]
    items = [i for i in agreement_due(D(2026, 12, 6)) if i.key.startswith("period:")]
    assert [(i.user_id, i.due_date, i.link) for i in items] == [
        (world.office.pk, D(2026, 12, 31), strom.cooperation.get_absolute_url())
    ]
    kinds = {d.kind for d in queries.agreement_deadlines([world.region.pk], D(2026, 12, 6), 730)}
    assert kinds == {"period", "report", "board"}


@pytest.mark.django_db
def test_every_deadline_is_in_the_calendar_feed(world: World, strom: Operation) -> None:
    found = {(c.date, str(c.summary)) for c in agreement_dates(world.office)}
    today = dt.date.today()
    expected_end = D(2026, 12, 31)
    if today <= expected_end:
        assert (expected_end, "Zeitraum endet: Strom- und Gaseinkauf") in found
    assert any(s == "Jahresbericht fällig: Strom- und Gaseinkauf" for _d, s in found)


@pytest.mark.django_db
def test_indefinite_agreement_notice_is_reminded_with_holiday_advice(world: World, strom: Operation) -> None:
    world.region.office_email = "ikz@example.org"
    world.region.save()
    services.save_operation(
        strom.cooperation,
        {
            "notice_months": 12,
            "notice_to": "year_end",
            "host": None,
            "external_host": "Zweckverband Riedwerke",
            "start": D(2015, 6, 1),
        },
        actor=world.office,
        expected_version=Operation.objects.get(pk=strom.pk).version,
    )
    notice = [
        d for d in queries.agreement_deadlines([world.region.pk], D(2026, 10, 1), 365) if d.kind == "notice"
    ]
    assert [(d.date, d.text) for d in notice] == [
        (D(2026, 12, 31), "„Strom- und Gaseinkauf“: Kündigung zum 31.12.2027 spätestens am 31.12.2026")
    ]
    results = services.send_notice_reminders(D(2026, 12, 1))
    assert [(r.notice_by, r.term_end) for r in results] == [(D(2026, 12, 31), D(2027, 12, 31))]
    work_off()
    assert "unbefristet" in mail.outbox[0].body and "1 Jahr zum Jahresende" in mail.outbox[0].body


@pytest.mark.django_db
def test_the_operation_form_takes_notice_rule_lead_time_report_day_and_meetings(
    world: World, strom: Operation
) -> None:
    client = world.client_for("office")
    url = reverse("cooperation:operation_edit", args=[strom.cooperation.pk])
    page = client.get(url).content.decode()
    assert 'name="z-3-lead_months"' in page and 'name="b-0-date"' in page and 'name="notice_to"' in page
    data = {
        "version": Operation.objects.get(pk=strom.pk).version,
        "start": "2015-06-01",
        "external_host": "Zweckverband Riedwerke",
        "initial_months": "24",
        "notice_months": "6",
        "notice_to": "year_end",
        "reporting_duty": "on",
        "report_due_day": "30",
        "report_due_month": "2",
        "z-TOTAL_FORMS": "1",
        "z-INITIAL_FORMS": "0",
        "z-0-label": "Ausschreibung",
        "z-0-starts_on": "2024-01-01",
        "z-0-ends_on": "2026-12-31",
        "z-0-lead_months": "9",
        "b-TOTAL_FORMS": "1",
        "b-INITIAL_FORMS": "0",
        "b-0-date": "2027-03-01",
    }
    page = client.post(url, data).content.decode()
    assert "gilt nur für unbefristete Vereinbarungen" in page and "Den 30.2. gibt es nicht" in page
    data |= {"initial_months": "", "report_due_day": "28"}
    assert client.post(url, data).status_code == 302
    saved = Operation.objects.get(pk=strom.pk)
    assert (saved.notice_to, saved.report_due_month, saved.report_due_day) == ("year_end", 2, 28)
    assert [m.date for m in saved.board_meetings.all()] == [D(2027, 3, 1)]
    assert [p.lead_months for p in saved.periods.all()] == [9]
