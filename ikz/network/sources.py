"""What the reuse network gives the other apps: solutions and needs as search sources, and the
owners of entries not confirmed for a while as reminders. Registered in ``NetworkConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikz.network.access import needs_for, solutions_for
from ikz.network.models import Need, Solution
from ikz.notifications.models import Kind
from ikz.notifications.registry import DateSource, Item
from ikz.notifications.registry import register as register_dates
from ikz.notifications.sources import municipality_users
from ikz.search.registry import Indexed, Source
from ikz.search.registry import register as register_search


def describe_entry(entry: Any) -> Indexed:
    return Indexed(
        title=entry.title,
        body=f"{entry.description}\n{entry.owner.name}",
        url=entry.get_absolute_url(),
        kind=entry._meta.model_name,
        year=entry.created_at.year if entry.created_at else None,
        field_ids=(entry.field_id,),
    )


def network_due(today: dt.date) -> list[Item]:
    """Owners of solutions and needs not confirmed for IKZ_NETWORK_CONFIRM_DAYS."""
    limit = today - dt.timedelta(days=settings.IKZ_NETWORK_CONFIRM_DAYS)
    entries: list[Any] = list(Solution.objects.filter(last_confirmed__lt=limit)) + list(
        Need.objects.filter(last_confirmed__lt=limit)
    )
    users = municipality_users({e.owner_id for e in entries})
    items = []
    for entry in entries:
        for user_id in sorted(users.get(entry.owner_id, ())):
            items.append(
                Item(
                    user_id=user_id,
                    kind=Kind.STALE_ENTRY,
                    text=_("Bitte bestätigen Sie „%(title)s“ (zuletzt bestätigt am %(date)s).")
                    % {"title": entry.title, "date": f"{entry.last_confirmed:%d.%m.%Y}"},
                    link=entry.get_absolute_url(),
                    key=f"stale:{entry._meta.model_name}:{entry.pk}:{entry.last_confirmed:%Y%m%d}",
                )
            )
    return items


def register() -> None:
    register_search(
        Source("solution", gettext_lazy("Lösung"), Solution, describe_entry, solutions_for, order=50)
    )
    register_search(Source("need", gettext_lazy("Bedarf"), Need, describe_entry, needs_for, order=60))
    register_dates(DateSource("network", network_due, lambda user: [], order=40))
