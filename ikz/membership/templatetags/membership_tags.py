from __future__ import annotations

from decimal import Decimal

from django import template

from ikz.membership import rules

register = template.Library()


@register.filter
def euro(value: Decimal | int | None) -> str:
    """1234.5 → "1.234,50 €" (German notation, through ``ikz.lib.money.format_eur`` by way of
    ``rules.euro``, with the ordinary space the pages have always shown); empty for None."""
    return "" if value is None else rules.euro(Decimal(value))
