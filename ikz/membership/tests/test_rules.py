"""Pure rules, no database: eligibility, deadlines of every state, authority, exit date, sums."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from ikz.lib.money import format_eur
from ikz.membership import rules
from ikz.membership.rules import Anchor, check_eligibility, supervision_deadline

D = dt.date
RULES = {r.state: r for r in rules.SUPERVISION_RULES}


# --- eligibility --------------------------------------------------------------------------------


def test_a_territorial_authority_may_join() -> None:
    result = check_eligibility(
        name="Stadt Wetzlar", territorial=True, legal_person=True, territorial_share=None
    )
    assert result.eligible and "Gebietskörperschaft" in result.reason


def test_a_majority_municipal_company_may_join() -> None:
    result = check_eligibility(
        name="Stadtwerke", territorial=False, legal_person=True, territorial_share=Decimal("50.01")
    )
    assert result.eligible and "50,01 %" in result.reason


@pytest.mark.parametrize(
    ("share", "shown"), [(Decimal("49"), "49 %"), (Decimal("50"), "50 %"), (Decimal("0"), "0 %")]
)
def test_a_company_without_municipal_majority_is_refused_with_the_reason(share: Decimal, shown: str) -> None:
    result = check_eligibility(
        name="Muster GmbH", territorial=False, legal_person=True, territorial_share=share
    )
    assert not result.eligible
    assert f"nur {shown}" in result.reason and "keine Mehrheit" in result.reason
    assert "§ 108 GWB" in result.reason


def test_without_ownership_data_a_legal_person_is_refused() -> None:
    result = check_eligibility(name="X AöR", territorial=False, legal_person=True, territorial_share=None)
    assert not result.eligible and "nicht erfasst" in result.reason


# --- calendar ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 12, 31), 2, D(2026, 2, 28)),
        (D(2023, 12, 31), 2, D(2024, 2, 29)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 11, 15), 3, D(2027, 2, 15)),
    ],
)
def test_months_keep_the_day_number_or_fall_to_the_month_end(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert rules.add_months(day, months) == expected


# --- the rule table: one case per state ---------------------------------------------------------


def test_the_table_holds_the_thirteen_territorial_states_with_source_and_status() -> None:
    assert sorted(RULES) == sorted(
        ["HE", "NW", "BY", "BW", "NI", "RP", "SN", "TH", "BB", "ST", "MV", "SH", "SL"]
    )
    for rule in rules.SUPERVISION_RULES:
        assert rule.source and rule.status in {"verified", "partly"} and rule.law and rule.section
    assert RULES["HE"].citation == "§ 127a Abs. 1 Nr. 3 HGO"
    assert rules.rule_for("06", on=D(2026, 12, 1)) is RULES["HE"]
    assert rules.rule_for("06", on=D(2020, 1, 1)) is None  # not valid before its valid_from


@pytest.mark.parametrize(
    ("state", "sent", "expected"),
    [
        ("HE", D(2026, 3, 2), D(2026, 4, 13)),  # 42 days
        ("NW", D(2026, 2, 1), D(2026, 3, 15)),
        ("BY", D(2024, 2, 1), D(2024, 3, 14)),  # leap year: February has 29 days
        ("RP", D(2026, 12, 28), D(2027, 2, 8)),  # across the year end
        ("TH", D(2026, 4, 1), D(2026, 5, 13)),
        ("BW", D(2026, 1, 31), D(2026, 2, 28)),  # one month, month end
        ("BW", D(2024, 1, 31), D(2024, 2, 29)),
        ("MV", D(2025, 12, 31), D(2026, 2, 28)),  # two months
        ("MV", D(2023, 12, 31), D(2024, 2, 29)),
        ("SL", D(2026, 3, 31), D(2026, 4, 30)),
    ],
)
def test_earliest_execution_per_state(state: str, sent: dt.date, expected: dt.date) -> None:
    deadline = supervision_deadline(RULES[state], notice_sent_on=sent)
    assert deadline.earliest_execution == expected
    assert not deadline.without_delay and not deadline.released_by_reply
    assert deadline.days_left(sent) == (expected - sent).days
    assert not deadline.allows_execution_on(expected - dt.timedelta(days=1))
    assert deadline.allows_execution_on(expected)


def test_the_receipt_date_counts_when_it_is_recorded() -> None:
    deadline = supervision_deadline(
        RULES["HE"], notice_sent_on=D(2026, 3, 2), notice_received_on=D(2026, 3, 4)
    )
    assert deadline.earliest_execution == D(2026, 4, 15) and "Eingang" in deadline.explanation


@pytest.mark.parametrize("state", ["NI", "BB"])
def test_without_a_lead_time_it_says_unverzueglich_and_counts_nothing(state: str) -> None:
    deadline = supervision_deadline(RULES[state], notice_sent_on=D(2026, 3, 2))
    assert deadline.without_delay and deadline.earliest_execution is None
    assert deadline.days_left(D(2026, 3, 2)) is None
    assert "unverzüglich" in deadline.explanation
    assert deadline.allows_execution_on(D(2026, 3, 2))


def test_saxony_needs_the_approval_before_execution() -> None:
    waiting = supervision_deadline(RULES["SN"], notice_sent_on=D(2026, 3, 2))
    assert waiting.waiting_for_approval and not waiting.allows_execution_on(D(2027, 1, 1))
    approved = supervision_deadline(RULES["SN"], notice_sent_on=D(2026, 3, 2), reply_on=D(2026, 5, 5))
    assert approved.earliest_execution == D(2026, 5, 5) and approved.allows_execution_on(D(2026, 5, 5))


def test_saxony_anhalt_counts_before_the_decision() -> None:
    deadline = supervision_deadline(RULES["ST"], notice_sent_on=None, decision_on=D(2026, 6, 30))
    assert deadline.latest_notice == D(2026, 5, 19) and deadline.without_delay


def test_schleswig_holstein_counts_before_the_council_decision_and_after_the_notice() -> None:
    rule = RULES["SH"]
    assert rule.anchor == Anchor.BEFORE_COUNCIL_DECISION
    deadline = supervision_deadline(rule, notice_sent_on=D(2026, 7, 6), decision_on=D(2026, 6, 30))
    assert deadline.latest_notice == D(2026, 5, 19)
    assert deadline.earliest_execution == D(2026, 8, 17)


def test_hessen_gives_the_latest_notice_date_for_a_planned_execution() -> None:
    deadline = supervision_deadline(RULES["HE"], notice_sent_on=None, planned_execution_on=D(2026, 7, 1))
    assert deadline.latest_notice == D(2026, 5, 20)
    assert deadline.earliest_execution is None  # no notice yet
    # a Sunday moves back to the Friday before
    sunday = supervision_deadline(RULES["HE"], notice_sent_on=None, planned_execution_on=D(2026, 6, 14))
    assert sunday.latest_notice == D(2026, 5, 1)


def test_an_earlier_reply_of_the_authority_releases_the_execution() -> None:
    deadline = supervision_deadline(RULES["HE"], notice_sent_on=D(2026, 3, 2), reply_on=D(2026, 3, 20))
    assert deadline.earliest_execution == D(2026, 3, 20) and deadline.released_by_reply
    assert "13.04.2026" in deadline.explanation
    late = supervision_deadline(RULES["HE"], notice_sent_on=D(2026, 3, 2), reply_on=D(2026, 5, 1))
    assert late.earliest_execution == D(2026, 4, 13) and not late.released_by_reply


# --- authority in Hessen ------------------------------------------------------------------------


def _authority(
    key: str, name: str, level: str = "gemeinde", kind: str = "stadt", population: int | None = None
):
    return rules.hessen_authority(
        key=key, name=name, level=level, kind=kind, population=population, kreis_name="Groß-Gerau"
    )


def test_authority_of_a_small_town_is_the_landrat() -> None:
    authority = _authority("06433010", "Raunheim", population=15297)
    assert authority.name == "Landrat des Landkreises Groß-Gerau als Behörde der Landesverwaltung"


def test_authority_of_a_landkreis_and_of_large_towns_is_the_regierungspraesidium() -> None:
    assert _authority("06534", "Marburg-Biedenkopf", level="kreis", kind="landkreis").name == (
        "Regierungspräsidium Gießen"
    )
    assert _authority("06532023", "Wetzlar", kind="sonderstatusstadt", population=53000).name == (
        "Regierungspräsidium Gießen"
    )
    assert (
        _authority("06413000", "Offenbach", kind="kreisfreie_stadt").name == "Regierungspräsidium Darmstadt"
    )
    assert _authority("06438001", "Dietzenbach", population=50001).name == "Regierungspräsidium Darmstadt"
    assert _authority("06438001", "Dietzenbach", population=50000).name.startswith("Landrat")


def test_a_town_keeps_the_rp_until_it_falls_below_45000() -> None:
    kept = rules.hessen_authority(
        key="06611000", name="X", level="gemeinde", kind="stadt", population=46000, was_over_50000=True
    )
    assert kept.name == "Regierungspräsidium Kassel"


def test_wiesbaden_and_frankfurt_report_to_the_ministry() -> None:
    assert (
        _authority("06414000", "Wiesbaden", level="gemeinde", kind="kreisfreie_stadt").name == rules.MINISTRY
    )
    assert (
        _authority("06412000", "Frankfurt", level="gemeinde", kind="kreisfreie_stadt").name == rules.MINISTRY
    )


# --- exit (§ 65 GenG) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notice", "months", "end", "expected"),
    [
        (D(2026, 9, 30), 3, (12, 31), D(2026, 12, 31)),
        (D(2026, 10, 1), 3, (12, 31), D(2027, 12, 31)),
        (D(2026, 1, 15), 24, (12, 31), D(2028, 12, 31)),
        (D(2026, 3, 31), 3, (6, 30), D(2026, 6, 30)),
        (D(2026, 4, 1), 3, (6, 30), D(2027, 6, 30)),
        (D(2024, 2, 29), 12, (2, 28), D(2025, 2, 28)),
    ],
)
def test_exit_at_the_end_of_the_business_year_after_the_notice_period(
    notice: dt.date, months: int, end: tuple[int, int], expected: dt.date
) -> None:
    assert (
        rules.exit_date(notice, notice_months=months, year_end_month=end[0], year_end_day=end[1]) == expected
    )


def test_notice_period_limits_of_section_65() -> None:
    with pytest.raises(ValueError, match="3 und 60"):
        rules.exit_date(D(2026, 1, 1), notice_months=2)
    with pytest.raises(ValueError):
        rules.exit_date(D(2026, 1, 1), notice_months=61)


def test_retention_three_years_after_the_end_of_the_exit_year() -> None:
    assert rules.retention_until(D(2026, 12, 31)) == D(2029, 12, 31)
    assert rules.retention_until(D(2027, 6, 30)) == D(2030, 12, 31)


# --- tasks, offers, in-house share, templates ----------------------------------------------------


def test_step_blockers_name_the_open_required_tasks() -> None:
    facts = rules.OnboardingFacts(kickoff_on=D(2026, 1, 10))
    assert rules.blockers(1, facts) == ["Beschlussvorlage erstellt"]  # the presentation is optional
    held = rules.OnboardingFacts(sessions_planned=3, sessions_held=2, sessions_open=1)
    assert rules.blockers(2, held) == ["Alle Gremien haben entschieden"]
    assert rules.blockers(2, rules.OnboardingFacts(sessions_planned=3, sessions_held=3, sessions_rejected=1))


def test_offer_totals_with_vat() -> None:
    lines = [(Decimal("12"), Decimal("95.00")), (Decimal("1.5"), Decimal("33.33"))]
    totals = rules.offer_totals(lines, "standard")
    # 1.5 × 33.33 = 49.995 → 50.00 (commercial rounding per line); 12 × 95 = 1,140.00
    assert totals.net == Decimal("1190.00") and totals.vat == Decimal("226.10")
    assert totals.gross == Decimal("1416.10")
    assert rules.offer_totals(lines, "exempt").gross == Decimal("1190.00")
    assert format_eur(Decimal("1416.09")) == "1.416,09\u00a0€" and format_eur(Decimal(500)) == "500,00\u00a0€"


def test_inhouse_report_uses_the_three_year_average() -> None:
    rows = rules.inhouse_report(
        {
            2024: (Decimal(90000), Decimal(10000)),
            2025: (Decimal(80000), Decimal(20000)),
            2026: (Decimal(70000), Decimal(30000)),
        }
    )
    assert [r.share for r in rows] == [Decimal("90.0"), Decimal("80.0"), Decimal("70.0")]
    assert [r.average3 for r in rows] == [Decimal("90.0"), Decimal("85.0"), Decimal("80.0")]
    assert [r.status for r in rows] == ["ok", "ok", "failed"]
    assert rules.inhouse_report({2026: (Decimal(84), Decimal(16))})[0].status == "warning"


def test_template_placeholders_and_clear_errors() -> None:
    values = {"Mitglied": "Stadt Wetzlar", "Betrag": "500,00 €"}
    assert (
        rules.fill("{Mitglied} zahlt {Betrag} {{wörtlich}}", values)
        == "Stadt Wetzlar zahlt 500,00 € {wörtlich}"
    )
    with pytest.raises(
        rules.TemplateFault, match=re.escape("Zeile 2: Der Platzhalter „{Name}“ ist unbekannt")
    ):
        rules.fill("Hallo\n{Name}", values)
    with pytest.raises(rules.TemplateFault, match="nicht geschlossen"):
        rules.fill("{Mitglied", values)
    with pytest.raises(rules.TemplateFault, match="ohne"):
        rules.fill("Mitglied}", values)


def test_next_member_number_follows_the_highest_numeric_one() -> None:
    assert rules.next_member_number([]) == "001"
    assert rules.next_member_number(["001", "010", "A-7", "003"]) == "011"
    assert rules.next_member_number(["999"]) == "1000"
