"""Euro fields accept German input everywhere (issue 19, 6): one field class, one parser."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms

from ikz.costs.forms import AllocationForm, GrantApplicationForm, SavingsForm, StaffingForm
from ikz.forms import EuroField, EuroInput
from ikz.lib.money import parse_euro
from ikz.membership.forms import LineForm, PaymentForm


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("100.000,00", "100000.00"),
        ("100000", "100000"),
        ("100.000", "100000"),  # a dot before three digits groups thousands
        ("1.234,5", "1234.5"),
        ("1.234.567,89 €", "1234567.89"),
        ("  2 500 ", "2500"),
        ("1234.50", "1234.50"),  # a decimal point with one or two places, as programs send it
        ("-0,5", "-0.5"),
    ],
)
def test_german_amounts_are_read(text: str, amount: str) -> None:
    assert parse_euro(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["1,2,3", "1.23.4", "1.2345", "1e5", "abc", ",5", "1.", "€"])
def test_what_is_no_amount_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="kein Betrag"):
        parse_euro(text)


class _Form(forms.Form):
    amount = EuroField(label="Betrag", min_value=Decimal(0))


def test_the_field_names_the_problem_in_german_and_shows_amounts_in_german() -> None:
    form = _Form({"amount": "1,2,3"})
    assert not form.is_valid()
    assert form.errors["amount"] == [
        "„1,2,3“ ist kein Betrag in Euro: bitte z. B. 100.000,00 oder 100000 eingeben "
        "(ein Komma vor den Cent, Punkte nur zwischen Tausendern)."
    ]
    assert _Form({"amount": "100.000,00"}).is_valid()
    too_fine = _Form({"amount": "1,234"})
    assert not too_fine.is_valid() and "2 Dezimalstellen" in str(too_fine.errors["amount"])
    rendered = str(_Form(initial={"amount": Decimal("100000.5")})["amount"])
    assert (
        'value="100.000,50"' in rendered and 'type="text"' in rendered and 'inputmode="decimal"' in rendered
    )
    assert 'value="1,2,3"' in str(_Form({"amount": "1,2,3"})["amount"])  # kept as typed


@pytest.mark.parametrize(
    ("form_class", "names"),
    [
        (AllocationForm, ["total", "fees", "fines", "grants", "other_income"]),
        (StaffingForm, ["overhead"]),
        (
            GrantApplicationForm,
            ["amount_requested", "amount_awarded", "expenditure_before", "savings_per_year"],
        ),
        (SavingsForm, ["amount"]),
        (PaymentForm, ["amount"]),
        (LineForm, ["unit_price"]),
    ],
)
def test_every_money_field_is_a_euro_field(form_class: type[forms.BaseForm], names: list[str]) -> None:
    fields = form_class.base_fields
    for name in names:
        assert isinstance(fields[name], EuroField), f"{form_class.__name__}.{name}"
        assert isinstance(fields[name].widget, EuroInput)
