"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py): two-factor pages,
people and access, the invitation link.

Each persona manages only the own account, so every logged-in persona gets the two-factor page. The
second login step without a pending login sends everyone back (anonymous: to the login page).
"Personen und Zugänge" is the office's (the region's office sees contact A, whose municipality is a
member of its region); who has access to a municipality: its office and its own contact person.
An unknown invitation link is 404 for everybody; asking for a new link is a POST."""

from __future__ import annotations

from typing import Any

from ikz.accounts.models import RoleAssignment
from ikz.test import ALL, OFFICE_ONLY, OWN_MUNICIPALITY, PERSONAS, PersonaRow, World

POST_ONLY = dict.fromkeys(PERSONAS[:-1], 405) | {"anonymous": "login"}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    return {"contact_role": RoleAssignment.objects.get(user=world.contact_a, role="contact")}


def _person(w: World, o: dict[str, Any]) -> list[object]:
    return [w.contact_a.pk]


ROWS: list[PersonaRow] = [
    ("accounts:login_code", lambda w, o: [], dict.fromkeys(PERSONAS[:-1], 302) | {"anonymous": "login"}),
    ("accounts:two_factor", lambda w, o: [], ALL),
    ("accounts:two_factor_start", lambda w, o: [], POST_ONLY),
    ("accounts:two_factor_confirm", lambda w, o: [], POST_ONLY),
    ("accounts:two_factor_recovery_codes", lambda w, o: [], POST_ONLY),
    ("accounts:two_factor_disable", lambda w, o: [], POST_ONLY),
    ("accounts:people_list", lambda w, o: [], OFFICE_ONLY),
    ("accounts:person_invite", lambda w, o: [], OFFICE_ONLY),
    ("accounts:person_detail", _person, OFFICE_ONLY),
    ("accounts:person_history", _person, OFFICE_ONLY),
    ("accounts:person_role_add", _person, OFFICE_ONLY),
    ("accounts:person_role_remove", lambda w, o: [w.contact_a.pk, o["contact_role"].pk], POST_ONLY),
    ("accounts:person_deactivate", _person, POST_ONLY),
    ("accounts:person_reactivate", _person, POST_ONLY),
    ("accounts:person_two_factor_reset", _person, POST_ONLY),
    ("accounts:person_invitation_resend", _person, POST_ONLY),
    ("accounts:municipality_access", lambda w, o: [w.kommune_a.pk], OWN_MUNICIPALITY),
    ("accounts:invitation_accept", lambda w, o: ["ungueltig"], dict.fromkeys(PERSONAS, 404)),
    ("accounts:invitation_renew", lambda w, o: ["ungueltig"], dict.fromkeys(PERSONAS, 405)),
]
