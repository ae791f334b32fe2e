"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.interests.models import Answer, CallStatus, Declaration, InterestCall, Topic
from ikz.test import ALL as EVERYONE
from ikz.test import OFFICE_ONLY, PERSONAS, REGION_INSIDERS, PersonaRow, World

# Kommune A's draft: its contact and the office; the steering group sees submitted ones only.
A_DRAFT = {p: 404 for p in PERSONAS[:-1]} | {"office": 200, "contact_a": 200, "anonymous": "login"}


POST_ONLY = dict.fromkeys(PERSONAS[:-1], 405) | {"anonymous": "login"}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    """An open call of the test region with one topic and Kommune A's draft."""
    call = InterestCall.objects.create(
        region=world.region,
        title="Interessenbekundung Test",
        deadline=dt.date(2099, 12, 31),
        status=CallStatus.OPEN,
    )
    topic = Topic.objects.create(
        call=call, label="Zentrale Angelegenheiten", task_area=base["area"], position=1
    )  # type: ignore[misc]
    draft = Declaration.objects.create(call=call, municipality=world.kommune_a)
    Answer.objects.create(declaration=draft, topic=topic, interested=True)
    return {"call": call, "topic": topic}


def _call(o: dict[str, Any]) -> int:
    return int(o["call"].pk)


ROWS: list[PersonaRow] = [
    ("interests:call_list", lambda w, o: [w.region.slug], EVERYONE),
    ("interests:call_create", lambda w, o: [w.region.slug], OFFICE_ONLY),
    ("interests:call_detail", lambda w, o: [_call(o)], EVERYONE),
    ("interests:call_edit", lambda w, o: [_call(o)], OFFICE_ONLY),
    ("interests:call_status", lambda w, o: [_call(o)], OFFICE_ONLY),
    ("interests:call_history", lambda w, o: [_call(o)], REGION_INSIDERS),
    ("interests:topic_create", lambda w, o: [_call(o)], OFFICE_ONLY),
    ("interests:topic_edit", lambda w, o: [_call(o), o["topic"].pk], OFFICE_ONLY),
    ("interests:declaration_detail", lambda w, o: [_call(o), w.kommune_a.pk], A_DRAFT),
    ("interests:declaration_edit", lambda w, o: [_call(o), w.kommune_a.pk], A_DRAFT),
    ("interests:declaration_correct", lambda w, o: [_call(o), w.kommune_a.pk], POST_ONLY),
    ("interests:ranking", lambda w, o: [_call(o)], REGION_INSIDERS),
    ("interests:topic_result", lambda w, o: [_call(o), o["topic"].pk], REGION_INSIDERS),
    ("interests:proposal_create", lambda w, o: [_call(o), o["topic"].pk], OFFICE_ONLY),
]
