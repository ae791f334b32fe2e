"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py): two-factor pages.

Each persona manages only the own account, so every logged-in persona gets the page. The second
login step without a pending login sends everyone back (anonymous: to the login page)."""

from __future__ import annotations

from ikz.test import ALL, PERSONAS, PersonaRow, World

POST_ONLY = dict.fromkeys(PERSONAS[:-1], 405) | {"anonymous": "login"}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    return {}


ROWS: list[PersonaRow] = [
    ("accounts:login_code", lambda w, o: [], dict.fromkeys(PERSONAS[:-1], 302) | {"anonymous": "login"}),
    ("accounts:two_factor", lambda w, o: [], ALL),
    ("accounts:two_factor_start", lambda w, o: [], POST_ONLY),
    ("accounts:two_factor_confirm", lambda w, o: [], POST_ONLY),
    ("accounts:two_factor_recovery_codes", lambda w, o: [], POST_ONLY),
    ("accounts:two_factor_disable", lambda w, o: [], POST_ONLY),
]
