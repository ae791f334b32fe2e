"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py).

The legal pages and security.txt are public (also without login); only the platform-wide office
writes them, which is none of the personas (403; anonymous: the login). The accessibility
statement's public page keeps its row ``accessibility`` in the matrix itself."""

from __future__ import annotations

from ikz.legal.models import LegalPage, PageKind
from ikz.test import NOBODY_BUT_GLOBAL_OFFICE, PUBLIC, PersonaRow, World


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    # the Impressum is written (its form carries a version), the privacy policy not yet
    imprint, _new = LegalPage.objects.get_or_create(
        kind=PageKind.IMPRINT, defaults={"body": "Landkreis Groß-Gerau\nWilhelm-Seipp-Straße 4"}
    )
    return {"imprint": imprint}


ROWS: list[PersonaRow] = [
    ("legal:imprint", lambda w, o: [], PUBLIC),
    ("legal:privacy_policy", lambda w, o: [], PUBLIC),
    ("security_txt", lambda w, o: [], PUBLIC),
    ("legal:overview", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("legal:imprint_edit", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("legal:privacy_policy_edit", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("legal:accessibility_edit", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("legal:imprint_history", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("legal:privacy_policy_history", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("legal:accessibility_history", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
]
