"""Terms, renewals and notice deadlines of operating cooperations (no database).

Expected dates are worked out by hand from the agreements, e.g. the ProstSchG agreement of seed
003: "für zunächst fünf Jahre geschlossen und verlängert sich, wenn sie nicht gekündigt wird",
in force from 1.10.2020 (the notice period of six months is the demo's illustrative value).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikz.cooperation import rules
from ikz.cooperation.rules import Term

D = dt.date
PROSTSCHG = Term(D(2020, 10, 1), initial_months=60, auto_renewal=True, renewal_months=60, notice_months=6)


@pytest.mark.parametrize(
    ("today", "term_end", "notice_by", "notice_for", "renewed_until"),
    [
        (D(2020, 10, 1), D(2025, 9, 30), D(2025, 3, 31), D(2025, 9, 30), D(2030, 9, 30)),
        (D(2024, 12, 1), D(2025, 9, 30), D(2025, 3, 31), D(2025, 9, 30), D(2030, 9, 30)),
        # notice date equal to today: notice is still possible today
        (D(2025, 3, 31), D(2025, 9, 30), D(2025, 3, 31), D(2025, 9, 30), D(2030, 9, 30)),
        # the day after: the first term still runs, but it has renewed to 30.9.2030
        (D(2025, 4, 1), D(2025, 9, 30), D(2030, 3, 31), D(2030, 9, 30), D(2035, 9, 30)),
        (D(2025, 10, 1), D(2030, 9, 30), D(2030, 3, 31), D(2030, 9, 30), D(2035, 9, 30)),
        (D(2026, 12, 1), D(2030, 9, 30), D(2030, 3, 31), D(2030, 9, 30), D(2035, 9, 30)),
        # a renewal chain far in the future: terms end 30.9.2025, 2030, …, 2100, 2105
        (D(2101, 1, 1), D(2105, 9, 30), D(2105, 3, 31), D(2105, 9, 30), D(2110, 9, 30)),
    ],
)
def test_prostschg_agreement_across_renewals(today, term_end, notice_by, notice_for, renewed_until):
    state = rules.term_state(PROSTSCHG, today)
    assert state.status == rules.RUNNING
    assert (state.term_end, state.notice_by, state.notice_for, state.renewed_until) == (
        term_end,
        notice_by,
        notice_for,
        renewed_until,
    )


def test_the_page_says_the_notice_date_in_words():
    state = rules.term_state(PROSTSCHG, D(2026, 12, 1))
    assert rules.notice_sentence(state) == "Kündigung bis spätestens 31.03.2030 zum 30.09.2030"
    assert state.days_left(D(2026, 12, 1)) == (D(2030, 3, 31) - D(2026, 12, 1)).days
    assert state.renewals == 1
    assert rules.term_text(60) == "5 Jahre"
    assert rules.term_text(12) == "1 Jahr"
    assert rules.term_text(18) == "18 Monate"


@pytest.mark.parametrize(
    ("term", "today", "notice_by", "notice_for"),
    [
        # 3 months' notice to 31 August each year, from 1.9.2023
        (Term(D(2023, 9, 1), 12, True, 12, 3), D(2024, 5, 31), D(2024, 5, 31), D(2024, 8, 31)),
        (Term(D(2023, 9, 1), 12, True, 12, 3), D(2024, 6, 1), D(2025, 5, 31), D(2025, 8, 31)),
        # six months to 31 August → the last day of February, in a leap year the 29th
        (Term(D(2022, 9, 1), 24, True, 24, 6), D(2024, 1, 10), D(2024, 2, 29), D(2024, 8, 31)),
        (Term(D(2023, 9, 1), 24, True, 24, 6), D(2025, 1, 10), D(2025, 2, 28), D(2025, 8, 31)),
        # one month, twelve months
        (Term(D(2025, 1, 1), 12, True, 12, 1), D(2025, 11, 30), D(2025, 11, 30), D(2025, 12, 31)),
        (Term(D(2025, 1, 1), 12, True, 12, 1), D(2025, 12, 1), D(2026, 11, 30), D(2026, 12, 31)),
        (Term(D(2025, 1, 1), 36, True, 12, 12), D(2026, 12, 31), D(2026, 12, 31), D(2027, 12, 31)),
        (Term(D(2025, 1, 1), 36, True, 12, 12), D(2027, 1, 1), D(2027, 12, 31), D(2028, 12, 31)),
        # start 29.2.2024, yearly: terms end 28.2.2025, 28.2.2026, 28.2.2027, 29.2.2028
        (Term(D(2024, 2, 29), 12, True, 12, 3), D(2024, 3, 1), D(2024, 11, 30), D(2025, 2, 28)),
    ],
)
def test_notice_deadlines_at_month_ends_and_in_leap_years(term, today, notice_by, notice_for):
    state = rules.term_state(term, today)
    assert (state.notice_by, state.notice_for) == (notice_by, notice_for)


def test_a_yearly_term_from_29_february_ends_on_29_february_in_the_next_leap_year():
    # terms end 28.2.2025, 28.2.2026, 28.2.2027, 29.2.2028; 3 months' notice → 30.11. of the year before
    state = rules.term_state(Term(D(2024, 2, 29), 12, True, 12, 3), D(2027, 12, 1))
    assert state.term_end == D(2028, 2, 29)  # 30.11.2027 has passed: this term renews
    assert (state.notice_by, state.notice_for) == (D(2028, 11, 30), D(2029, 2, 28))


def test_renewal_length_defaults_to_the_initial_term():
    state = rules.term_state(Term(D(2020, 1, 1), 24, True, None, 3), D(2022, 1, 1))
    assert (state.term_end, state.notice_by) == (D(2023, 12, 31), D(2023, 9, 30))


def test_without_renewal_there_is_an_end_date_and_no_notice_date():
    fixed = Term(D(2023, 4, 1), initial_months=36, notice_months=3)
    state = rules.term_state(fixed, D(2024, 1, 1))
    assert (state.status, state.term_end, state.notice_by) == (rules.FIXED, D(2026, 3, 31), None)
    assert rules.notice_sentence(state) == "endet am 31.03.2026 ohne Verlängerung; keine Kündigung nötig"
    expired = rules.term_state(fixed, D(2026, 4, 1))
    assert (expired.status, expired.term_end) == (rules.EXPIRED, D(2026, 3, 31))


def test_terminated_and_indefinite_agreements_have_no_notice_date():
    ending = rules.term_state(Term(D(2020, 10, 1), 60, True, 60, 6, ended_on=D(2025, 9, 30)), D(2025, 5, 1))
    assert (ending.status, ending.term_end, ending.notice_by) == (rules.ENDING, D(2025, 9, 30), None)
    ended = rules.term_state(Term(D(2020, 10, 1), 60, True, 60, 6, ended_on=D(2025, 9, 30)), D(2025, 10, 1))
    assert ended.status == rules.ENDED
    assert rules.notice_sentence(ended) == "beendet am 30.09.2025"
    indefinite = rules.term_state(Term(D(2023, 4, 1)), D(2025, 1, 1))
    assert (indefinite.status, indefinite.notice_by, indefinite.term_end) == (rules.INDEFINITE, None, None)
    assert rules.notice_sentence(indefinite) == "unbefristet"


def test_renewing_without_a_notice_period_shows_the_current_term_only():
    state = rules.term_state(Term(D(2020, 1, 1), 12, True), D(2022, 6, 1))
    assert (state.status, state.term_end, state.notice_by) == (rules.RUNNING, D(2022, 12, 31), None)
    assert rules.notice_sentence(state) == "verlängert sich automatisch; keine Kündigungsfrist erfasst"


@pytest.mark.parametrize(
    ("given_on", "exit_on"),
    [
        (D(2025, 3, 31), D(2025, 9, 30)),  # on the deadline: leaves at the end of the first term
        (D(2025, 4, 1), D(2030, 9, 30)),  # one day late: leaves after the renewal
        (D(2021, 1, 15), D(2025, 9, 30)),
    ],
)
def test_a_notice_counts_for_the_first_term_whose_deadline_it_meets(given_on, exit_on):
    assert rules.exit_date(PROSTSCHG, given_on) == exit_on


def test_exit_without_a_term_runs_the_notice_period_from_the_day_after_receipt():
    assert rules.exit_date(Term(D(2020, 1, 1), notice_months=6), D(2025, 3, 15)) == D(2025, 9, 15)
    assert rules.exit_date(Term(D(2020, 1, 1)), D(2025, 3, 15)) is None
    assert rules.exit_date(Term(D(2020, 1, 1), 24), D(2021, 3, 15)) == D(2021, 12, 31)


def _input(**changes):
    values = {
        "start": D(2020, 10, 1),
        "initial_months": 60,
        "auto_renewal": True,
        "renewal_months": 60,
        "notice_months": 6,
        "ended_on": None,
        "staff_positions": Decimal("1.5"),
        "host_id": 1,
        "external_host": "",
        "participant_ids": frozenset({1, 2}),
    }
    return rules.OperationInput(**(values | changes))


def test_valid_operating_details_have_no_errors():
    assert rules.operation_errors(_input()) == {}


@pytest.mark.parametrize(
    ("changes", "field_name", "text"),
    [
        (
            {"ended_on": D(2020, 9, 30)},
            "ended_on",
            "Das Ende (30.09.2020) liegt vor dem Arbeitsstart (01.10.2020).",
        ),
        (
            {"staff_positions": Decimal("-0.5")},
            "staff_positions",
            "Die Zahl der Planstellen kann nicht negativ sein.",
        ),
        (
            {"notice_months": 61, "renewal_months": None},
            "notice_months",
            "Die Kündigungsfrist (61 Monate) ist länger als die Laufzeit (60 Monate)",
        ),
        ({"notice_months": 13, "renewal_months": 12}, "notice_months", "(12 Monate)"),
        ({"host_id": 3}, "host", "Die Sitzkommune muss an der Kooperation beteiligt sein"),
        ({"external_host": "Zweckverband Riedwerke"}, "external_host", "nicht beides"),
        ({"initial_months": None, "renewal_months": None}, "auto_renewal", "setzt eine Laufzeit voraus"),
        ({"auto_renewal": False}, "renewal_months", "nur mit automatischer Verlängerung"),
        ({"start": None}, "start", "Arbeitsstart"),
        ({"initial_months": 0}, "initial_months", "größer als null"),
    ],
)
def test_bad_operating_details_get_a_german_message_at_the_field(changes, field_name, text):
    errors = rules.operation_errors(_input(**changes))
    assert field_name in errors
    assert any(text in message for message in errors[field_name])


def test_participants_at_start_and_today():
    spans = [rules.Span(i, D(2017, 7, 1)) for i in range(11)] + [
        rules.Span(11, D(2019, 1, 1)),
        rules.Span(12, D(2021, 1, 1)),
        rules.Span(13, D(2017, 7, 1), left_on=D(2017, 6, 30)),  # never active (left before start)
    ]
    assert rules.participants_on(spans, D(2017, 7, 1)) == 11
    assert rules.participants_on(spans, D(2026, 12, 1)) == 13
    assert rules.participants_on(spans, D(2020, 1, 1)) == 12


# --- properties -----------------------------------------------------------------------------------

terms = st.builds(
    Term,
    start=st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31)),
    initial_months=st.integers(1, 120),
    auto_renewal=st.just(True),
    renewal_months=st.one_of(st.none(), st.integers(12, 120)),
    notice_months=st.integers(1, 12),
)


@given(terms, st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)))
def test_a_running_agreement_always_has_a_deadline_ahead_before_its_term_end(term, today):
    state = rules.term_state(term, today)
    assert state.status == rules.RUNNING
    assert state.term_end is not None and state.term_end >= today
    assert state.notice_by is not None and state.notice_for is not None
    assert today <= state.notice_by <= state.notice_for
    assert state.term_end <= state.notice_for
    assert state.renewed_until is not None and state.renewed_until > state.notice_for
    # Notice given on the deadline leaves exactly at the term end it is for.
    assert rules.exit_date(term, state.notice_by) == state.notice_for


def test_positions_are_written_as_in_the_seed():
    assert rules.positions_text(Decimal("1.00")) == "1,0"
    assert rules.positions_text(Decimal("1.5")) == "1,5"
    assert rules.positions_text(Decimal("2.75")) == "2,75"
    assert rules.positions_text(None) == "–"


def test_a_deadline_on_a_weekend_or_holiday_advises_the_working_day_before():
    from ikz.lib import dates

    hessen = dates.land_of("06433010")
    assert hessen == ("HE", "Hessen")
    # 31.3.2030 is a Sunday, 3.10.2026 a Saturday and the Tag der Deutschen Einheit
    assert rules.deadline_advice(D(2030, 3, 31), hessen, dates.holiday_name) == (
        "Der 31.03.2030 ist ein Sonntag; die Kündigung muss bis zum Fristende zugehen: bitte bis Freitag, 29.03.2030 zustellen."
    )
    assert rules.deadline_advice(D(2026, 10, 3), hessen, dates.holiday_name) == (
        "Der 03.10.2026 ist ein Feiertag in Hessen (Tag der Deutschen Einheit); die Kündigung sollte "
        "spätestens am Freitag, 02.10.2026, zugehen."
    )
    # Fronleichnam (4.6.2026) is a holiday in Hessen, not in Niedersachsen; Easter Monday moves back to Thursday
    assert "Mittwoch, 03.06.2026" in rules.deadline_advice(D(2026, 6, 4), hessen, dates.holiday_name)
    assert rules.deadline_advice(D(2026, 6, 4), dates.land_of("03241001"), dates.holiday_name) == ""
    assert "Donnerstag, 02.04.2026" in rules.deadline_advice(D(2026, 4, 6), hessen, dates.holiday_name)
    assert rules.deadline_advice(D(2025, 3, 31), hessen, dates.holiday_name) == ""
    assert dates.land_of("") is None and dates.land_of("99") is None
    assert dates.last_working_day(D(2026, 12, 26), "HE") == D(2026, 12, 24)
