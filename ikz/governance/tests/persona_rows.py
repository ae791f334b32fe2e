"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py).

Organs and general assemblies are kept by the cooperative's office (the platform-wide office role),
which no persona of the matrix holds: every persona is refused (403), the anonymous visitor is sent
to the login; the POST-only actions answer 405 to a GET. What the office may do is tested in
test_views.py and the browser test. The rows of the letters of intent and the growth goal
(membership URLs added with the governance) are kept here with them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.governance.models import AgendaItem, Assembly, AssemblyState, OrganSeat
from ikz.membership.models import Cooperative, LetterOfIntent
from ikz.test import NOBODY_BUT_GLOBAL_OFFICE, PERSONAS, PersonaRow, World

POST_ONLY = dict.fromkeys(PERSONAS[:-1], 405) | {"anonymous": "login"}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    coop = Cooperative.objects.order_by("pk").first()
    assert coop is not None  # made by the membership rows, which come first
    seat = OrganSeat.objects.create(
        cooperative=coop, organ="board", person="Vorstand", started_on=dt.date(2020, 1, 1)
    )
    assembly = Assembly.objects.create(
        cooperative=coop,
        kind="extraordinary",
        form="virtual",
        date=dt.date(2026, 3, 20),
        place="Videokonferenz",
        convened_by="board",
        invited_on=dt.date(2026, 3, 1),
        state=AssemblyState.HELD,
        chair="Aufsichtsratsvorsitz",
    )
    item = AgendaItem.objects.create(
        assembly=assembly, number=1, title="Wahl", resolution_kind="simple", announced_on=dt.date(2026, 3, 1)
    )
    letter = LetterOfIntent.objects.create(
        cooperative=coop,
        municipality=world.land,
        signed_on=dt.date(2026, 1, 10),
        signatory="Ministerpräsident",
    )
    return {"g_seat": seat, "g_assembly": assembly, "g_item": item, "g_letter": letter}


def _pk(name: str) -> Any:
    return lambda w, o: [o[name].pk]


ROWS: list[PersonaRow] = [
    ("governance:overview", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("governance:settings_edit", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("governance:seat_create", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("governance:seat_end", _pk("g_seat"), NOBODY_BUT_GLOBAL_OFFICE),
    ("governance:assembly_create", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("governance:assembly_detail", _pk("g_assembly"), NOBODY_BUT_GLOBAL_OFFICE),
    ("governance:item_create", _pk("g_assembly"), NOBODY_BUT_GLOBAL_OFFICE),
    ("governance:invitations_send", _pk("g_assembly"), POST_ONLY),
    ("governance:attendance_create", _pk("g_assembly"), NOBODY_BUT_GLOBAL_OFFICE),
    ("governance:votes_edit", lambda w, o: [o["g_assembly"].pk, o["g_item"].pk], NOBODY_BUT_GLOBAL_OFFICE),
    ("governance:assembly_close", _pk("g_assembly"), POST_ONLY),
    ("governance:minutes_sign", _pk("g_assembly"), POST_ONLY),
    ("governance:minutes_download", lambda w, o: [o["g_assembly"].pk, "pdf"], NOBODY_BUT_GLOBAL_OFFICE),
    ("governance:assembly_history", _pk("g_assembly"), NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:intent_list", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:intent_create", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:intent_start", _pk("g_letter"), POST_ONLY),
    ("membership:intent_withdraw", _pk("g_letter"), POST_ONLY),
    ("membership:growth_edit", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
]
