"""This app's and the search's rows of the persona matrix (ikz/tests/test_persona_matrix.py)."""

from __future__ import annotations

from typing import Any

from ikz.documents.models import Visibility
from ikz.documents.tests.factories import make_document
from ikz.test import ALL as EVERYONE
from ikz.test import OFFICE_ONLY, PERSONAS, PersonaRow, World

# Kommune A's internal document: the office and A's contact; everyone else is told it does not exist.
A_INTERNAL = {p: 404 for p in PERSONAS[:-1]} | {"office": 200, "contact_a": 200, "anonymous": "login"}
UPLOADERS = OFFICE_ONLY | {"contact_a": 200, "contact_b": 200}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    internal = make_document(
        "Vermerk Raunheim", "interne Beschaffung", visibility=Visibility.INTERNAL, owner=world.kommune_a
    )
    public = make_document("Pressemitteilung", "Beschaffung im Verbund", visibility=Visibility.PUBLIC)
    return {
        "doc_a": internal,
        "doc_a_version": internal.versions.get(),
        "doc_public": public,
    }


def _doc(o: dict[str, Any]) -> int:
    return int(o["doc_a"].pk)


ROWS: list[PersonaRow] = [
    ("documents:document_list", lambda w, o: [], EVERYONE),
    ("documents:document_create", lambda w, o: [], UPLOADERS),
    ("documents:document_detail", lambda w, o: [_doc(o)], A_INTERNAL),
    ("documents:document_edit", lambda w, o: [_doc(o)], A_INTERNAL),
    ("documents:document_history", lambda w, o: [_doc(o)], A_INTERNAL),
    ("documents:version_create", lambda w, o: [_doc(o)], A_INTERNAL),
    ("documents:version_download", lambda w, o: [_doc(o), o["doc_a_version"].pk], A_INTERNAL),
    ("search:search", lambda w, o: [], EVERYONE),
]
