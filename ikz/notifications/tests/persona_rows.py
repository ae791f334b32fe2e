"""Rows of the persona matrix for notifications and the calendar feed."""

from __future__ import annotations

from ikz.notifications.services import renew_calendar_token
from ikz.test import ALL as EVERYONE
from ikz.test import OFFICE_ONLY, PERSONAS, PUBLIC, PersonaRow, World


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    return {"feed_token": renew_calendar_token(world.contact_a, actor=world.contact_a)}


ROWS: list[PersonaRow] = [
    ("notifications:inbox", lambda w, o: [], EVERYONE),
    ("notifications:mark_read", lambda w, o: [], dict.fromkeys(PERSONAS, 405)),
    ("notifications:preferences", lambda w, o: [], EVERYONE),
    ("notifications:calendar", lambda w, o: [], EVERYONE),
    # The secret address is the key (calendar programs do not log in): anyone holding it gets it.
    ("calendar_feed", lambda w, o: [o["feed_token"]], PUBLIC),
    ("transfer:transfer_create", lambda w, o: [], OFFICE_ONLY),  # the office of its own region
]
