"""The Stand of a view and the checks of effective dates (decision 92)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory

from ikz.lib.stand import Bound, correction_errors, effective_date_errors, parse_stand, year_end_stand
from ikz.web import stand_of

TODAY = dt.date(2026, 12, 6)


def test_empty_is_today_and_a_past_day_is_named_in_heading_and_file_name() -> None:
    assert parse_stand("", TODAY).is_today
    stand = parse_stand("2013-06-30", TODAY)
    assert (stand.day, stand.is_today) == (dt.date(2013, 6, 30), False)
    assert stand.label == "Stand: 30.06.2013"
    assert stand.suffix == "-stand-2013-06-30" and stand.query == "stand=2013-06-30"
    assert parse_stand("30.09.2023", TODAY).day == dt.date(2023, 9, 30)
    assert parse_stand("", TODAY).suffix == ""


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2013-02-30", "„2013-02-30“ ist kein Datum"),
        ("gestern", "„gestern“ ist kein Datum"),
        ("2027-01-01", "Der Stand 01.01.2027 liegt in der Zukunft"),
        ("1850-01-01", "liegt vor 1900"),
    ],
)
def test_an_unreadable_or_future_stand_is_refused_in_german(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_stand(raw, TODAY)


def test_the_report_of_a_year_is_as_of_its_last_day_or_today_within_the_year() -> None:
    assert year_end_stand(2023, TODAY).day == dt.date(2023, 12, 31)
    assert year_end_stand(2023, TODAY).year_end
    assert year_end_stand(2026, TODAY).day == TODAY


def test_a_completed_step_cannot_lie_in_the_future_but_a_planned_one_can() -> None:
    errors = effective_date_errors(dt.date(2027, 1, 4), today=TODAY, field="effective_on", label="Wirksam am")
    assert errors == {
        "effective_on": [
            "Wirksam am: Der 04.01.2027 liegt nach dem heutigen Tag (06.12.2026); "
            "was geschehen ist, kann nicht in der Zukunft liegen."
        ]
    }
    assert effective_date_errors(dt.date(2027, 1, 4), today=TODAY, field="f", label="L", planned=True) == {}


def test_bounds_name_the_conflicting_date() -> None:
    errors = effective_date_errors(
        dt.date(2014, 1, 10),
        today=TODAY,
        field="effective_on",
        label="Wirksam am",
        not_before=[Bound(dt.date(2014, 3, 1), "dem vorigen Schritt „beauftragt“"), Bound(None, "x")],
        not_after=[Bound(dt.date(2013, 12, 31), "dem Austritt")],
    )
    assert errors["effective_on"] == [
        "Wirksam am: Der 10.01.2014 liegt vor dem vorigen Schritt „beauftragt“ am 01.03.2014.",
        "Wirksam am: Der 10.01.2014 liegt nach dem Austritt am 31.12.2013.",
    ]
    assert effective_date_errors(None, today=TODAY, field="d", label="Datum")["d"][0].startswith("Datum:")


def test_a_correction_needs_a_reason_and_another_date() -> None:
    same = dt.date(2017, 7, 1)
    assert set(correction_errors(" ", same, same)) == {"reason", "effective_on"}
    assert correction_errors("Tippfehler im Beschlussdatum", same, dt.date(2017, 6, 1)) == {}


def test_the_page_reads_the_stand_from_the_address_and_keeps_the_other_parameters() -> None:
    request = RequestFactory().get("/x/", {"stand": "2013-06-30", "jahr": "2013", "seite": "2"})
    choice = stand_of(request, today=TODAY)
    assert choice.stand.day == dt.date(2013, 6, 30) and not choice.error
    assert choice.keep == (("jahr", "2013"),) and choice.today_query == "jahr=2013"
    bad = stand_of(RequestFactory().get("/x/", {"stand": "2030-01-01"}), today=TODAY)
    assert bad.stand.is_today and "Zukunft" in bad.error and bad.value == "2030-01-01"
