"""The general assembly's rules without the database."""

from __future__ import annotations

import datetime as dt

from ikz.governance import rules
from ikz.privacy import rules as privacy_rules

D = dt.date


def test_invitation_notice_refused_with_the_earliest_day_unless_universal() -> None:
    ok = rules.invitation_check(
        sent_on=D(2026, 5, 1), assembly_on=D(2026, 5, 16), notice_days=14, universal=False
    )
    assert not ok.refused and "16.05.2026" in ok.text
    short = rules.invitation_check(
        sent_on=D(2026, 5, 1), assembly_on=D(2026, 5, 15), notice_days=14, universal=False
    )
    assert short.refused and "früheste zulässige Tag der Versammlung der 16.05.2026" in short.text
    # the statute's longer period counts; a shorter one does not undercut the law
    longer = rules.invitation_check(
        sent_on=D(2026, 5, 1), assembly_on=D(2026, 5, 16), notice_days=21, universal=False
    )
    assert longer.refused and "23.05.2026" in longer.text
    assert (
        rules.invitation_check(
            sent_on=D(2026, 5, 1), assembly_on=D(2026, 5, 16), notice_days=7, universal=False
        ).refused
        is False
    )
    universal = rules.invitation_check(
        sent_on=D(2026, 5, 10), assembly_on=D(2026, 5, 12), notice_days=14, universal=True
    )
    assert not universal.refused and "Universalversammlung" in universal.text


def test_items_accounts_and_the_six_months_of_an_ordinary_assembly() -> None:
    assert not rules.item_check(
        announced_on=D(2026, 6, 2), assembly_on=D(2026, 6, 10), universal=False
    ).refused
    late = rules.item_check(announced_on=D(2026, 6, 3), assembly_on=D(2026, 6, 10), universal=False)
    assert late.refused and "spätestens am 02.06.2026" in late.text
    assert not rules.item_check(
        announced_on=D(2026, 6, 9), assembly_on=D(2026, 6, 10), universal=True
    ).refused
    assert rules.accounts_check(available_on=D(2026, 6, 5), assembly_on=D(2026, 6, 10)).refused
    assert not rules.accounts_check(available_on=D(2026, 6, 2), assembly_on=D(2026, 6, 10)).refused
    assert rules.ordinary_deadline(2025, 12, 31) == D(2026, 6, 30)
    assert rules.ordinary_deadline(2025, 6, 30) == D(2025, 12, 31)
    assert rules.ordinary_deadline(2024, 2, 31) == D(2024, 8, 31)  # year ends 29.02.: March to August
    late_year = rules.ordinary_check(assembly_on=D(2026, 7, 1), business_year=2025, end_month=12, end_day=31)
    assert "30.06.2026" in late_year.text and not late_year.refused  # explained, the assembly stays valid


def test_minority_proxies_and_majorities() -> None:
    assert rules.minority_needed(10, 10) == 1
    assert rules.minority_needed(11, 10) == 2
    assert rules.minority_check(demanding=1, member_count=11, percent=10).refused
    assert not rules.minority_check(demanding=2, member_count=11, percent=10).refused
    no_text = rules.proxy_refusal(person="A", text_form=False, held=0)
    assert no_text is not None and no_text[0] == "text_form" and "Textform" in no_text[1]
    assert rules.proxy_refusal(person="A", text_form=True, held=1) is None
    third = rules.proxy_refusal(person="A", text_form=True, held=2)
    assert third is not None and third[0] == "person" and "mehr als zwei" in third[1]
    simple = rules.tally(3, 3, 4, rules.SIMPLE)
    assert simple.adopted is False and "3 Ja, 3 Nein, 4 Enthaltungen" in simple.text
    assert rules.tally(4, 3, 3, rules.SIMPLE).adopted
    assert rules.tally(6, 2, 2, rules.STATUTE).adopted  # exactly three quarters of the votes cast
    assert not rules.tally(5, 2, 0, rules.STATUTE).adopted  # 71 %
    assert not rules.tally(0, 0, 5, rules.STATUTE).adopted
    assert rules.tally(0, 0, 0, rules.NONE).adopted is None


def test_the_names_in_the_minutes_are_kept_on_erasure() -> None:
    for label, field in [
        ("governance.assembly", "chair"),
        ("governance.attendance", "person"),
        ("governance.vote", "cast_by"),
        ("governance.organseat", "person"),
    ]:
        assert privacy_rules.is_retained(label, field), (label, field)
    assert "§ 47" in privacy_rules.retained()["governance.attendance"].reason
