"""The pure rules of meetings: TOP numbers, what each step needs, a paper's progress through the
councils, OParl paging and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from ikz.meetings import rules
from ikz.projects.rules import action_state

DAY = dt.date(2026, 3, 10)
START = dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC)


def test_next_number_counts_past_letters() -> None:
    assert rules.next_number([]) == "1"
    assert rules.next_number(["1", "2", "3a", "Ö"]) == "4"


def test_the_steps_of_a_meeting() -> None:
    assert rules.invite_errors("planned", 2) == []
    assert "leer" in rules.invite_errors("planned", 0)[0]
    assert "bereits eingeladen" in rules.invite_errors("invited", 2)[0]
    assert rules.hold_errors("invited", START, START) == []
    assert (
        "noch nicht begonnen (Beginn 10.03.2026)"
        in rules.hold_errors("invited", START, START - dt.timedelta(1))[0]
    )
    assert "noch nicht eingeladen" in rules.hold_errors("planned", START, START)[0]
    assert "bereits genehmigt" in rules.hold_errors("approved", START, START)[0]
    assert rules.approve_errors("held", "Text", [], DAY, DAY, DAY) == {}
    refused = rules.approve_errors("held", " ", ["2", "3"], DAY - dt.timedelta(1), DAY, DAY)
    assert refused["__all__"] == ["Die Niederschrift ist noch leer.", "Ohne Ergebnis: TOP 2, 3."]
    assert "vor der Sitzung" in refused["approved_on"][0]
    assert (
        "Zukunft" in rules.approve_errors("held", "x", [], DAY + dt.timedelta(1), DAY, DAY)["approved_on"][0]
    )
    assert "Bitte das Datum" in rules.approve_errors("held", "x", [], None, DAY, DAY)["approved_on"][0]
    assert "bereits genehmigt" in rules.approve_errors("approved", "x", [], DAY, DAY, DAY)["__all__"][0]
    assert "nicht als durchgeführt" in rules.approve_errors("invited", "x", [], DAY, DAY, DAY)["__all__"][0]


def test_a_result_needs_its_text_and_an_action_its_person() -> None:
    assert rules.result_errors("held", "noted", "", None, DAY, "") == {}
    refused = rules.result_errors("invited", "adopted", " ", DAY - dt.timedelta(1), DAY, "")
    assert set(refused) == {"__all__", "resolution_text", "due_on", "responsible"}
    assert "Ergebnis" in rules.result_errors("held", "", "", None, DAY, "")["result"][0]


def test_action_state() -> None:
    assert action_state(DAY, None, DAY).label == "offen"
    overdue = action_state(DAY, None, DAY + dt.timedelta(1))
    assert overdue.overdue and overdue.label == "überfällig seit 10.03.2026"
    assert action_state(DAY, DAY, DAY + dt.timedelta(9)).done


def test_paper_progress() -> None:
    progress = rules.paper_progress(
        ["deferred", "adopted"], ["adopted_council", "noted", "rejected", "pending"]
    )
    assert (progress.steering, progress.councils, progress.decided, progress.adopted, progress.rejected) == (
        "adopted",
        4,
        3,
        2,
        1,
    )
    assert not progress.complete
    assert rules.paper_progress(["adopted"], ["adopted_executive"]).complete
    assert not rules.paper_progress([], ["adopted_executive"]).complete


def test_oparl_paging_and_dates() -> None:
    page = rules.oparl_page("3", "10", 25)
    assert (page.number, page.size, page.pages, page.offset) == (3, 10, 3, 20)
    assert rules.oparl_page("x", "y", 0) == rules.Page(1, 100, 0)
    assert rules.oparl_page("-4", "5000", 0).size == 100 and rules.oparl_page("-4", "0", 0).number == 1
    assert rules.parse_since(None) is None
    assert rules.parse_since("2026-03-10T10:00:00Z") == START
    assert rules.parse_since("2026-03-10T11:00:00 01:00") == START  # "+" read as a space from a query
    assert rules.parse_since("2026-03-10T10:00:00") == START  # without zone: UTC
    with pytest.raises(ValueError, match="ISO 8601"):
        rules.parse_since("gestern")
