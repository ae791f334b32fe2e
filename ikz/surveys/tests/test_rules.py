"""The pure rules of the day a sheet was submitted and of the Rücklauf as of a day."""

from __future__ import annotations

import datetime as dt

from ikz.surveys import rules

OPENED, DEADLINE, TODAY = dt.date(2013, 2, 1), dt.date(2013, 5, 29), dt.date(2026, 12, 6)


def _errors(day: dt.date | None, *, allow_late: bool = False) -> list[str]:
    found = rules.submission_date_errors(
        day, today=TODAY, opened_on=OPENED, deadline=DEADLINE, allow_late=allow_late
    )
    return found.get("submitted_on", [])


def test_the_day_lies_between_the_opening_and_the_deadline() -> None:
    assert _errors(dt.date(2013, 5, 29)) == []
    assert _errors(dt.date(2013, 2, 1)) == []
    assert _errors(dt.date(2013, 1, 31)) == [
        "Abgegeben am: Der 31.01.2013 liegt vor dem Beginn der Bestandsaufnahme am 01.02.2013."
    ]
    assert _errors(dt.date(2013, 5, 30)) == [
        "Abgegeben am: Der 30.05.2013 liegt nach der Rücklauffrist am 29.05.2013."
    ]
    assert _errors(dt.date(2013, 5, 30), allow_late=True) == []
    assert "liegt nach dem heutigen Tag (06.12.2026)" in _errors(dt.date(2027, 1, 1), allow_late=True)[0]
    assert _errors(None)[0].startswith("Abgegeben am: Bitte das Datum angeben")


def test_a_sheet_counts_from_the_day_it_was_handed_in() -> None:
    started, submitted = dt.date(2013, 5, 2), dt.date(2013, 5, 21)
    assert rules.sheet_state_on(True, submitted, started, dt.date(2013, 5, 1)) == rules.NOT_STARTED
    assert rules.sheet_state_on(True, submitted, started, dt.date(2013, 5, 20)) == rules.DRAFT
    assert rules.sheet_state_on(True, submitted, started, submitted) == rules.SUBMITTED
    # back-captured in 2026: unknown before it was handed in, submitted from then on
    assert rules.sheet_state_on(True, submitted, TODAY, dt.date(2013, 5, 20)) == rules.NOT_STARTED
    assert rules.sheet_state_on(True, submitted, TODAY, dt.date(2014, 1, 1)) == rules.SUBMITTED
    assert rules.sheet_state_on(False, None, started, dt.date(2014, 1, 1)) == rules.DRAFT
