"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py).

The cooperative's office (the platform-wide office role, none of the matrix's personas) issues the
invoices: every form is 403 for the personas. The persona "member" (Kommune A) lists and sees
Kommune A's invoices and downloads them, but may not cancel one; for everyone else they are 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.invoicing import services
from ikz.invoicing.tests.helpers import make_billing, make_order, make_profile
from ikz.membership.tests.helpers import make_member
from ikz.test import NOBODY_BUT_GLOBAL_OFFICE, PERSONAS, PersonaRow, World

LOGGED_IN = PERSONAS[:-1]
OWN_OBJECT = dict.fromkeys(LOGGED_IN, 404) | {"member": 200, "anonymous": "login"}
OWN_OBJECT_WRITE = OWN_OBJECT | {"member": 403}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    if "m_member" not in base:  # the second world of test_bad_input has no cooperative of its own
        return {}
    member: Any = base["m_member"]
    make_profile(member.cooperative)
    make_billing(member)
    invoice = services.issue_share_invoice(member, issued_on=dt.date(2026, 3, 2), actor=None)
    other = make_member(member.cooperative, world.rb, "002", dt.date(2026, 1, 1))
    make_billing(other, leitweg="06433002-18")
    order = make_order(member, vat="exempt")
    return {"i_invoice": invoice, "i_member_b": other, "i_order": order}


def _invoice(w: World, o: dict[str, Any]) -> list[object]:
    return [o["i_invoice"].pk]


ROWS: list[PersonaRow] = [
    ("invoicing:invoice_list", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE | {"member": 200}),
    ("invoicing:seller_edit", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("invoicing:billing_list", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("invoicing:billing_edit", lambda w, o: [o["m_member"].pk], NOBODY_BUT_GLOBAL_OFFICE),
    ("invoicing:billing_history", lambda w, o: [o["m_member"].pk], NOBODY_BUT_GLOBAL_OFFICE),
    ("invoicing:share_invoice_create", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("invoicing:order_invoice_create", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("invoicing:invoice_detail", _invoice, OWN_OBJECT),
    ("invoicing:invoice_download", lambda w, o: [o["i_invoice"].pk, "xml"], OWN_OBJECT),
    ("invoicing:invoice_cancel", _invoice, OWN_OBJECT_WRITE),
]
