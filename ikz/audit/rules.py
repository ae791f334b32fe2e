"""Pure helpers for the audit trail: turning field values into a JSON-safe change set."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

JsonValue = str | int | float | bool | None


def json_value(value: object) -> JsonValue:
    """A value as it is stored in the audit log (dates ISO, decimals as text, objects as their label)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def changed_fields(before: Mapping[str, object], after: Mapping[str, object]) -> dict[str, list[JsonValue]]:
    """``{field: [old, new]}`` for every field whose value differs."""
    return {
        name: [json_value(before.get(name)), json_value(after.get(name))]
        for name in after
        if json_value(before.get(name)) != json_value(after.get(name))
    }
