"""Small builders for this app's tests."""

from __future__ import annotations

import datetime as dt

from ikz.cooperation.models import TaskArea
from ikz.interests.models import CallStatus, InterestCall, Topic
from ikz.test import World


def open_call(
    world: World,
    labels: tuple[str, ...] = ("Personalmanagement", "Bauhof", "Sport, Freizeit, Erholung"),
    **extra: object,
) -> tuple[InterestCall, list[Topic]]:
    values: dict[str, object] = {
        "title": "Aufruf 2026",
        "deadline": dt.date(2099, 12, 31),
        "status": CallStatus.OPEN,
    } | extra
    call = InterestCall.objects.create(region=world.region, **values)  # type: ignore[arg-type]
    area, _ = TaskArea.objects.get_or_create(name="Zentrale Angelegenheiten")
    topics = [
        Topic.objects.create(call=call, label=label, task_area=area, position=i)
        for i, label in enumerate(labels, start=1)
    ]
    return call, topics
