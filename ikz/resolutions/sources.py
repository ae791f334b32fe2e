"""What resolutions give the other apps: the contact person's task on the start page "Meine
Aufgaben" — the principle resolutions of their municipality still to be recorded. Registered in
``ResolutionsConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ikz import tasks
from ikz.resolutions import access, queries


def contact_tasks(user: Any, today: dt.date) -> list[tasks.Task]:
    """Per region: the own municipalities without a recorded principle resolution (none yet or
    "noch offen"), linked to the region's overview filtered to them — two queries."""
    counts: dict[int, int] = {}
    regions = {}
    for member in queries.to_record(access.contact_ids(user), today):
        counts[member.region_id] = counts.get(member.region_id, 0) + 1
        regions[member.region_id] = member.region
    return [
        tasks.Task(
            label=_("Grundsatzbeschluss zu erfassen (%(region)s)") % {"region": regions[region_id].name},
            count=n,
            url=reverse("resolutions:overview", args=[regions[region_id].slug]) + "?offen=1#tabelle",
        )
        for region_id, n in counts.items()
    ]


def register() -> None:
    tasks.register(tasks.TaskSource("resolutions-contact", tasks.CONTACT, contact_tasks, order=40))
