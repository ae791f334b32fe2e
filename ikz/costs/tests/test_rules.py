"""The allocation rules without a database: properties (hypothesis) and the worked examples."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikz.costs import rules
from ikz.costs.rules import (
    CASES,
    EQUAL,
    POPULATION,
    SIZE_CLASS,
    AllocationError,
    Component,
    Income,
    Key,
    Party,
    SizeClass,
    allocate,
    allocate_cents,
    calculate,
)
from ikz.lib.money import format_eur

D = Decimal

weights_st = st.dictionaries(
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.integers(min_value=0, max_value=10**7),
    min_size=1,
    max_size=40,
).filter(lambda w: sum(w.values()) > 0)
totals_st = st.integers(min_value=0, max_value=10**11)


@given(totals_st, weights_st)
def test_sum_is_always_the_total_and_no_share_is_negative(total, weights):
    shares = allocate_cents(total, weights)
    assert sum(shares.values()) == total
    assert all(v >= 0 for v in shares.values())
    assert set(shares) == set(weights)


@given(totals_st, weights_st)
def test_every_share_is_its_exact_value_rounded_down_or_up_by_one_cent(total, weights):
    shares = allocate_cents(total, weights)
    w = sum(weights.values())
    for key, amount in shares.items():
        floor = total * weights[key] // w
        assert amount in (floor, floor + 1)


@given(totals_st, weights_st, st.randoms(use_true_random=False))
def test_result_does_not_depend_on_the_input_order(total, weights, rnd):
    items = list(weights.items())
    rnd.shuffle(items)
    assert allocate_cents(total, dict(items)) == allocate_cents(total, weights)


@given(totals_st, weights_st, st.data())
def test_more_weight_never_gives_less_money(total, weights, data):
    key = data.draw(st.sampled_from(sorted(weights)))
    extra = data.draw(st.integers(min_value=1, max_value=10**6))
    before = allocate_cents(total, weights)[key]
    after = allocate_cents(total, weights | {key: weights[key] + extra})[key]
    assert after >= before


@given(
    st.integers(min_value=0, max_value=10**9),
    st.lists(st.integers(min_value=1, max_value=700_000), min_size=1, max_size=20),
    st.integers(min_value=0, max_value=100),
)
def test_base_plus_population_sums_to_the_net_total(total_cents, populations, base):
    parties = [Party(f"06433{i:03d}", f"K{i}", population=p) for i, p in enumerate(populations)]
    total = D(total_cents) / 100
    result = calculate(total, Key((Component(POPULATION),), base_percent=D(base)), parties)
    assert result.sum == total
    assert all(s.amount >= 0 for s in result.shares)


def test_worked_example_base_and_population_to_the_cent():
    """domain-reference § 6: 10 % base + 90 % population, €80,000.00, E = 6,500 / 12,000 / 25,000."""
    parties = [
        Party("06433001", "A", population=6500),
        Party("06433002", "B", population=12000),
        Party("06433003", "C", population=25000),
    ]
    result = calculate(D("80000.00"), Key((Component(POPULATION),), base_percent=D(10)), parties)
    assert [s.amount for s in result.shares] == [D("13425.29"), D("22528.73"), D("44045.98")]
    assert [str(s.exact_display) for s in result.shares] == ["13425.2874", "22528.7356", "44045.9770"]
    assert result.sum == D("80000.00")
    first = result.shares[0]
    assert first.adjustment == D("0.0026")
    assert "Sockelbetrag 8.000,00\u00a0€ ÷ 3 Kommunen" in first.formula
    assert "72.000,00\u00a0€ × 6.500 ÷ 43.500 Einwohner" in first.formula
    assert "aufgerundet" in first.formula
    assert result.shares[1].adjustment < 0
    assert result.description == "10 % Sockelbetrag (zu gleichen Teilen) + 90 % nach Einwohnern"


def test_worked_example_equal_split():
    """domain-reference § 6: €100,000.00 / 3 → 33,333.34 + 33,333.33 + 33,333.33."""
    assert list(allocate("100000.00", {"06433001": 1, "06433002": 1, "06433003": 1}).values()) == [
        D("33333.34"),
        D("33333.33"),
        D("33333.33"),
    ]
    # the tie goes to the smaller AGS, whatever the order of the input
    assert allocate("100000.00", {"06433003": 1, "06433001": 1, "06433002": 1})["06433001"] == D("33333.34")


# Seed 003 (Fördermittelmanagement): "10 % Sockelbetrag + 90 % EW-Größenklasse" for 13 Kreiskommunen.
# The class profile is the seed's (2 / 5 / 3 / 2 / 1 municipalities in 6–8k / 10–15k / 15–17k /
# 24–27k / 35k); weights 1–5 per class and the total of €100,000 are illustrative, the seed gives neither.
CLASSES = (
    SizeClass("6.000 – 8.000", 6000, 8000, D(1)),
    SizeClass("10.000 – 15.000", 10000, 15000, D(2)),
    SizeClass("15.001 – 17.000", 15001, 17000, D(3)),
    SizeClass("24.000 – 27.000", 24000, 27000, D(4)),
    SizeClass("35.000", 34000, 36000, D(5)),
)
PROFILE = [7000, 7500, 10500, 11000, 12000, 13000, 14500, 15500, 16000, 16622, 25000, 26000, 35000]


def test_seed_base_and_size_classes_to_the_cent():
    parties = [Party(f"06433{i:03d}", f"K{i}", population=p) for i, p in enumerate(PROFILE, start=1)]
    key = Key((Component(SIZE_CLASS),), base_percent=D(10), classes=CLASSES)
    result = calculate(D("100000.00"), key, parties)
    # 10,000 / 13 = 769.2308 each; 90,000 / 34 weight units = 2,647.0588 per unit; the ten cents
    # left after flooring go to the two class-1, five class-2 and three class-3 municipalities.
    expected = (
        [D("3416.29")] * 2 + [D("6063.35")] * 5 + [D("8710.41")] * 3 + [D("11357.46")] * 2 + [D("14004.52")]
    )
    assert [s.amount for s in result.shares] == expected
    assert result.sum == D("100000.00")
    assert "Klasse 10.000 – 15.000, Gewicht 2" in result.shares[2].key_value
    assert result.description == "10 % Sockelbetrag (zu gleichen Teilen) + 90 % nach EW-Größenklasse"


def test_income_is_deducted_before_splitting():
    parties = [Party("06433001", "A"), Party("06433002", "B")]
    result = calculate(
        D("50000.00"),
        Key((Component(EQUAL),)),
        parties,
        Income(fees=D("12000.00"), fines=D("3000.01")),
    )
    assert result.net == D("34999.99")
    assert [s.amount for s in result.shares] == [D("17500.00"), D("17499.99")]


def test_cases_with_a_three_year_average():
    parties = [
        Party("06433001", "A", cases={2022: D(10), 2023: D(20), 2024: D(30)}),  # average 20
        Party("06433002", "B", cases={2022: D(60), 2023: D(60), 2024: D(60)}),  # average 60
    ]
    key = Key((Component(CASES),), case_years=(2022, 2023, 2024))
    result = calculate(D("8000.00"), key, parties)
    assert [s.amount for s in result.shares] == [D("2000.00"), D("6000.00")]
    assert result.shares[0].key_value == "20 Fälle"
    assert "Durchschnitt 2022, 2023, 2024" in result.description


def test_weighted_combination_of_population_and_cases():
    parties = [
        Party("06433001", "A", population=10000, cases={2024: D(1)}),
        Party("06433002", "B", population=30000, cases={2024: D(3)}),
    ]
    key = Key((Component(POPULATION, D(50)), Component(CASES, D(50))), case_years=(2024,))
    result = calculate(D("1000.00"), key, parties)
    assert [s.amount for s in result.shares] == [D("250.00"), D("750.00")]
    assert result.description == "50 % nach Einwohnern + 50 % nach Fallzahlen 2024"


def test_cap_and_exemption_redistribute_what_they_cut_off():
    parties = [
        Party("06433001", "A", population=10000, cap=D("1000.00")),
        Party("06433002", "B", population=10000),
        Party("06433003", "C", population=20000),
        Party("06433004", "D", population=5000, cap=D(0)),
    ]
    result = calculate(D("9000.00"), Key((Component(POPULATION),)), parties)
    amounts = {s.ags: s.amount for s in result.shares}
    # without caps A 2,000, B 2,000, C 4,000, D 1,000; A pays 1,000, D nothing; B and C share 8,000 as 1:2
    assert amounts == {
        "06433001": D("1000.00"),
        "06433002": D("2666.67"),
        "06433003": D("5333.33"),
        "06433004": D("0.00"),
    }
    assert result.shares[0].capped and "Höchstbetrag 1.000,00" in result.shares[0].formula
    assert "befreit" in result.shares[3].formula
    assert "Umverteilung" in result.shares[1].formula
    assert "÷ 40.000 Einwohner" in result.shares[1].formula  # the exempt D does not count in the key
    with pytest.raises(AllocationError, match="Alle Kommunen sind befreit"):
        calculate(D("10.00"), Key((Component(EQUAL),)), [Party("06433001", "A", cap=D(0))])


@pytest.mark.parametrize(
    "total,key,parties,message",
    [
        (D("-1.00"), Key((Component(EQUAL),)), [Party("06433001", "A")], "nicht negativ"),
        (
            D("100.00"),
            Key((Component(POPULATION),)),
            [Party("06433001", "Raunheim", population=None)],
            "Für Raunheim (06433001) fehlt die Einwohnerzahl zum gewählten Stichtag.",
        ),
        (
            D("100.00"),
            Key((Component(POPULATION),)),
            [Party("06433001", "A", population=0)],
            "ergeben zusammen null",
        ),
        (
            D("100.00"),
            Key((Component(POPULATION),), base_percent=D(101)),
            [Party("06433001", "A", population=5)],
            "Der Sockelbetrag muss zwischen 0 und 100 Prozent liegen.",
        ),
        (
            D("100.00"),
            Key((Component(EQUAL),)),
            [Party("06433001", "A"), Party("06433001", "A2")],
            "Der AGS 06433001 ist doppelt angegeben.",
        ),
        (
            D("100.00"),
            Key((Component(SIZE_CLASS),), classes=CLASSES),
            [Party("06433001", "Kelsterbach", population=17375)],
            "Kelsterbach (17.375 Einwohner) liegt in keiner Größenklasse.",
        ),
        (
            D("100.00"),
            Key((Component(CASES),), case_years=(2023, 2024)),
            [Party("06433001", "A", cases={2024: D(3)})],
            "Für A fehlen die Fallzahlen für 2023.",
        ),
        (D("100.001"), Key((Component(EQUAL),)), [Party("06433001", "A")], "zwei Nachkommastellen"),
    ],
)
def test_bad_input_is_refused_in_german(total, key, parties, message):
    with pytest.raises(AllocationError) as exc:
        calculate(total, key, parties)
    assert any(message in m for m in exc.value.messages), exc.value.messages


def test_income_above_costs_is_refused():
    with pytest.raises(AllocationError, match="übersteigen die Kosten"):
        calculate(D("100.00"), Key((Component(EQUAL),)), [Party("06433001", "A")], Income(fees=D("100.01")))


def test_weights_summing_to_zero_are_refused():
    with pytest.raises(AllocationError, match="ergeben zusammen null"):
        allocate("10.00", {"a": 0, "b": 0})


def test_grant_check_with_the_hessen_tiers():
    """domain-reference § 4: 2 → €50,000, 3 → €75,000, > 3 → €100,000; ≥ 3 partners, ≥ 5 years, ≥ 15 %."""
    tiers = [rules.GrantTier(2, D(50000)), rules.GrantTier(3, D(75000)), rules.GrantTier(4, D(100000))]
    assert rules.grant_amount(tiers, 13) == D(100000)
    assert rules.grant_amount(tiers, 3) == D(75000)
    assert rules.grant_amount(tiers, 1) is None
    conditions = rules.grant_conditions(
        min_participants=3,
        min_duration_years=5,
        min_savings_percent=D(15),
        tiers=tiers,
        participants=2,
        duration_years=5,
        expenditure_before=D("400000"),
        savings_per_year=D("50000"),
        requested=D("100000"),
    )
    by_label = {c.label: c for c in conditions}
    assert by_label["beteiligte Kommunen"].met is False
    assert by_label["Dauer der Zusammenarbeit"].met is True
    assert by_label["Einsparung je Jahr"].met is False
    assert by_label["Einsparung je Jahr"].actual.startswith("12,5 %")
    assert by_label["Regelzuwendung"].required == format_eur(D(50000))
    assert by_label["Regelzuwendung"].met is None
    assert "Modellcharakter" in by_label["Regelzuwendung"].actual


def test_staffing_example_of_domain_reference():
    """§ 7: 1,200 cases × 95 min = 114,000 min = 1,900 h; at 1,600 h → 1.19 FTE."""
    row = rules.WorkloadRow("06433001", "A", D(1200), D(95), D("1.5"), D("80000"))
    result = rules.staffing([row], net_minutes_per_fte=D(1600 * 60), pooled_cost_per_fte=D("80000"))
    assert result.total_minutes == D(114000)
    assert result.required_fte.quantize(D("0.01")) == D("1.19")
    assert result.pooled_fte == D("1.25")
    assert result.current_cost == D("120000.00")
    assert result.pooled_cost == D("100000.00")
    assert result.saving == D("20000.00")
    assert result.saving_percent == D("16.7")


def test_contiguous_classes_close_the_gaps_and_weigh_one_two_three():
    classes = rules.contiguous_classes([("klein", 1000), ("mittel", 10000), ("groß", 50000)])
    assert classes == (
        SizeClass("klein", 0, 9999, D(1)),
        SizeClass("mittel", 10000, 49999, D(2)),
        SizeClass("groß", 50000, None, D(3)),
    )
    assert rules.contiguous_classes([]) == ()


def test_range_label_names_the_bounds_in_german():
    assert rules.range_label(0, 9999) == "0 – 9.999"
    assert rules.range_label(10000, None) == "ab 10.000"
