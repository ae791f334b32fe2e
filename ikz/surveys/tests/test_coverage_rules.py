"""What an answer of the survey must say, and which questionnaire a member gets (pure rules)."""

from __future__ import annotations

import datetime as dt

from ikz.surveys import rules
from ikz.surveys.rules import CONSIDERED, EXISTS, PLANNED, AnswerInput

TODAY = dt.date(2026, 3, 2)
OWN, PARTNER, OUTSIDER = 1, 2, 99


def errors(**values: object) -> dict[str, str]:
    answer = AnswerInput(**{"field_id": 10, "kind": EXISTS, "title": "Bauhof", **values})  # type: ignore[arg-type]
    return rules.answer_errors(answer, own_id=OWN, member_ids={OWN, PARTNER}, field_ids={10}, today=TODAY)


def test_a_complete_existing_cooperation_has_no_errors() -> None:
    assert errors(partner_ids=frozenset({PARTNER}), lead_id=PARTNER, since_year=2019) == {}
    assert errors(lead_id=OWN) == {}


def test_field_title_partners_lead_and_year_are_checked() -> None:
    found = errors(
        field_id=11, title="  ", partner_ids=frozenset({OUTSIDER}), lead_id=PARTNER, since_year=2027
    )
    assert set(found) == {"field", "title", "partners", "lead", "since_year"}
    assert "außerhalb der Region" in found["partners"]
    assert "eigene Kommune" in errors(partner_ids=frozenset({OWN}))["partners"]


def test_a_planned_cooperation_needs_a_date_in_the_future() -> None:
    assert "bis wann" in errors(kind=PLANNED)["planned_by"]
    assert "Vergangenheit" in errors(kind=PLANNED, planned_by=TODAY - dt.timedelta(days=1))["planned_by"]
    assert errors(kind=PLANNED, planned_by=TODAY) == {}


def test_a_cooperation_that_did_not_come_about_needs_a_reason_and_has_no_lead() -> None:
    found = errors(kind=CONSIDERED, reason=" ", lead_id=OWN)
    assert set(found) == {"reason", "lead"} and "keine Federführung" in found["lead"]
    assert errors(kind=CONSIDERED, reason="Kein Personal") == {}


def test_late_only_after_the_deadline_and_unless_late_answers_are_allowed() -> None:
    deadline = dt.date(2026, 3, 1)
    assert rules.late(deadline, TODAY, allow_late=False)
    assert not rules.late(deadline, TODAY, allow_late=True)
    assert not rules.late(TODAY, TODAY, allow_late=False)


def test_the_questionnaire_of_the_members_level_else_the_general_one_else_none() -> None:
    variants = [(1, "GEM"), (2, ""), (3, "KRS")]
    assert rules.variant_for("KRS", variants) == 3
    assert rules.variant_for("VG", variants) == 2
    assert rules.variant_for("VG", [(1, "GEM")]) is None
    assert rules.summary([]) == "–"
    assert rules.summary([("Bauhof", "Winterdienst", "besteht")]) == "Bauhof: Winterdienst (besteht)"
