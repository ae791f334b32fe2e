"""``{% can_see_access user municipality as ok %}``: whether the municipality page links to "who has
access to what" (decided in ikz/accounts/access.py, so the municipality's view need not know)."""

from __future__ import annotations

from typing import Any

from django import template

from ikz.accounts import access

register = template.Library()


@register.simple_tag
def can_see_access(user: Any, municipality: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and access.can_see_municipality_access(
        user, municipality
    )
