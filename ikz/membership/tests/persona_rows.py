"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py).

The cooperative's office is the platform-wide office role, which no persona of the matrix holds:
the persona "office" is a region's office and sees nothing here, like the steering group, the
contacts and the project lead. The persona "member" (role member, bound to Kommune A) sees Kommune
A's onboarding, register entry, requests and documents but may not change them; Kommune B's
objects are 404 for it. What the platform-wide office may do is tested in test_views.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.membership.models import CommitteeSession, GeneratedDocument, Step
from ikz.membership.tests.helpers import (
    make_cooperative,
    make_member,
    make_onboarding,
    make_request,
    make_service,
)
from ikz.test import NOBODY_BUT_GLOBAL_OFFICE, PERSONAS, PersonaRow, World

LOGGED_IN = PERSONAS[:-1]
MEMBER_AREA = NOBODY_BUT_GLOBAL_OFFICE | {"member": 200}
OWN_OBJECT = dict.fromkeys(LOGGED_IN, 404) | {"member": 200, "anonymous": "login"}
OWN_OBJECT_WRITE = OWN_OBJECT | {"member": 403}
POST_ONLY = dict.fromkeys(LOGGED_IN, 405) | {"anonymous": "login"}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    coop = make_cooperative()
    onboarding = make_onboarding(coop, world.kommune_a, step=Step.MEMBERSHIP, status="member")
    member = make_member(coop, world.kommune_a, "001", dt.date(2025, 1, 1))
    member.onboarding = onboarding
    member.save()
    other = make_onboarding(coop, world.kommune_b, step=Step.COMMITTEES)
    session = CommitteeSession.objects.create(
        onboarding=onboarding, body="Magistrat", date=dt.date(2024, 11, 4)
    )
    document = GeneratedDocument.objects.create(
        onboarding=onboarding, kind="anzeige", title="Anzeige", docx=b"x", pdf=b"%PDF"
    )
    request = make_request(member, make_service(coop))
    return {
        "m_onboarding": onboarding,
        "m_other": other,
        "m_member": member,
        "m_session": session,
        "m_document": document,
        "m_request": request,
    }


def _pk(name: str) -> Any:
    return lambda w, o: [o[name].pk]


ROWS: list[PersonaRow] = [
    ("membership:pipeline", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:onboarding_create", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:onboarding_detail", _pk("m_onboarding"), OWN_OBJECT),
    ("membership:onboarding_step_edit", lambda w, o: [o["m_onboarding"].pk, 3], OWN_OBJECT_WRITE),
    ("membership:onboarding_item_create", lambda w, o: [o["m_onboarding"].pk, "sitzung"], OWN_OBJECT_WRITE),
    (
        "membership:onboarding_item_edit",
        lambda w, o: [o["m_onboarding"].pk, "sitzung", o["m_session"].pk],
        OWN_OBJECT_WRITE,
    ),
    ("membership:onboarding_advance", _pk("m_onboarding"), POST_ONLY),
    ("membership:onboarding_step_correct", lambda w, o: [o["m_onboarding"].pk, 1], OWN_OBJECT_WRITE),
    ("membership:onboarding_withdraw", _pk("m_onboarding"), POST_ONLY),
    ("membership:onboarding_complete", _pk("m_onboarding"), OWN_OBJECT_WRITE),
    ("membership:onboarding_history", _pk("m_onboarding"), OWN_OBJECT_WRITE),
    ("membership:document_create", lambda w, o: [o["m_onboarding"].pk, "anzeige"], POST_ONLY),
    ("membership:document_download", lambda w, o: [o["m_document"].pk, "pdf"], OWN_OBJECT),
    ("membership:template_list", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:template_edit", lambda w, o: ["anzeige"], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:template_upload", lambda w, o: ["anzeige"], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:template_word_remove", lambda w, o: ["anzeige"], POST_ONLY),
    ("membership:template_preview", lambda w, o: ["anzeige"], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:template_preview_download", lambda w, o: ["anzeige", "pdf"], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:member_list", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:member_detail", _pk("m_member"), OWN_OBJECT),
    ("membership:member_exit", _pk("m_member"), OWN_OBJECT_WRITE),
    ("membership:payment_create", _pk("m_member"), OWN_OBJECT_WRITE),
    ("membership:member_history", _pk("m_member"), OWN_OBJECT_WRITE),
    ("membership:service_list", lambda w, o: [], MEMBER_AREA),
    ("membership:request_list", lambda w, o: [], MEMBER_AREA),
    ("membership:request_create", lambda w, o: [], MEMBER_AREA),
    ("membership:request_detail", _pk("m_request"), OWN_OBJECT),
    ("membership:offer_edit", _pk("m_request"), OWN_OBJECT_WRITE),
    ("membership:offer_send", _pk("m_request"), POST_ONLY),
    ("membership:offer_decide", _pk("m_request"), POST_ONLY),
    ("membership:turnover_report", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    # the catalogue and members that joined before the platform (decisions 118, 121)
    ("membership:service_create", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:service_edit", lambda w, o: [o["m_request"].service_id], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:service_retire", lambda w, o: [o["m_request"].service_id], POST_ONLY),
    ("membership:service_history", lambda w, o: [o["m_request"].service_id], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:member_enter", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("membership:share_create", _pk("m_member"), OWN_OBJECT_WRITE),
]
