"""German money formatting in templates: ``{{ amount|eur }}`` → "1.234,56 €"."""

from __future__ import annotations

from decimal import Decimal

from django import template

from ikz.lib.money import format_eur, format_number

register = template.Library()


@register.filter
def eur(value: Decimal | int | None, places: int = 2) -> str:
    return "–" if value is None else format_eur(value, int(places))


@register.filter
def num(value: Decimal | int | None, places: int = 2) -> str:
    return "–" if value is None else format_number(value, int(places))


@register.inclusion_tag("costs/_costs_link.html")
def costs_link(cooperation: object, user: object) -> dict[str, object]:
    """A link to the cooperation's Kosten page for those who may see it (office, steering, contacts)."""
    from ikz.costs.access import view_of

    return {"cooperation": cooperation, "visible": view_of(user, cooperation) is not None}  # type: ignore[arg-type]
