"""Rows of the persona matrix for every API URL and the token pages (requested with GET; the
logged-in session may read the API, so the rows show the same visibility as the web pages).
Anonymous callers get 401 from the API."""

from __future__ import annotations

from typing import Any

from ikz.api.services import create_token
from ikz.interests.models import Declaration
from ikz.projects.models import Participation
from ikz.surveys.models import Response
from ikz.test import ALL, OFFICE_ONLY, PERSONAS, PUBLIC, PersonaRow, World

API = "api-v1:"
LOGGED_IN = dict.fromkeys(PERSONAS[:-1], 200) | {"anonymous": 401}
NOBODY = dict.fromkeys(PERSONAS, 404) | {"anonymous": 401}
# Kommune A's draft: the office and A's contact only (steering sees submitted ones).
DRAFT_A = NOBODY | {"office": 200, "contact_a": 200}
# Projects of the region: office, steering, the contacts of members, the project's lead.
PROJECT = LOGGED_IN | {"member": 404}
# The cooperation's money: its region's office and steering group; contacts of participants see
# released allocations; members and project leads nothing.
RELEASED = LOGGED_IN | {"project_lead": 404, "member": 404}
ALLOCATION_DRAFT = NOBODY | {"office": 200, "steering": 200}
# The cooperative's register: the platform-wide office (no persona) and the member's own entries.
OWN_MEMBER = NOBODY | {"member": 200}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    token, _secret = create_token(world.contact_a, "Fachverfahren", actor=world.contact_a)
    response = Response.objects.get(campaign=base["campaign"], municipality=world.kommune_a)
    declaration = Declaration.objects.get(call=base["call"], municipality=world.kommune_a)
    participation = Participation.objects.get(project=base["project"], municipality=world.kommune_a)
    return {
        "api_token": token,
        "response_a": response,
        "declaration_a": declaration,
        "participation_a": participation,
    }


def _pk(key: str) -> Any:
    return lambda w, o: [o[key].pk]


ROWS: list[PersonaRow] = [
    ("api:reference", lambda w, o: [], PUBLIC),
    ("api:token_list", lambda w, o: [], ALL),
    ("api:token_create", lambda w, o: [], ALL),
    ("api:token_revoke", _pk("api_token"), dict.fromkeys(PERSONAS[:-1], 405) | {"anonymous": "login"}),
    (API + "openapi-json", lambda w, o: [], PUBLIC),
    (API + "api-root", lambda w, o: [], dict.fromkeys(PERSONAS, 404)),  # no docs page (docs_url=None)
    (API + "municipality_list", lambda w, o: [], LOGGED_IN),
    (API + "municipality_detail", lambda w, o: [w.kommune_a.pk], LOGGED_IN),
    (API + "region_list", lambda w, o: [], LOGGED_IN),
    (API + "region_detail", lambda w, o: [w.region.slug], LOGGED_IN),
    (API + "field_list", lambda w, o: [], LOGGED_IN),
    (API + "field_detail", _pk("field"), LOGGED_IN),
    (API + "cooperation_list", lambda w, o: [], LOGGED_IN),
    (API + "cooperation_detail", _pk("cooperation"), LOGGED_IN),
    (API + "campaign_list", lambda w, o: [], LOGGED_IN),
    (API + "campaign_detail", _pk("campaign"), LOGGED_IN),
    (API + "response_list", lambda w, o: [], LOGGED_IN),
    (API + "response_detail", _pk("response_a"), DRAFT_A),
    (API + "call_list", lambda w, o: [], LOGGED_IN),
    (API + "declaration_list", lambda w, o: [], LOGGED_IN),
    (API + "declaration_detail", _pk("declaration_a"), DRAFT_A),
    (API + "declaration_save", lambda w, o: [], LOGGED_IN),  # POST; a GET here is the list
    (API + "resolution_list", lambda w, o: [], LOGGED_IN),
    (API + "resolution_detail", _pk("resolution"), LOGGED_IN),
    (API + "project_list", lambda w, o: [], LOGGED_IN),
    (API + "project_detail", _pk("project"), PROJECT),
    (API + "project_patch", _pk("project"), PROJECT),
    (API + "milestone_list", lambda w, o: [], LOGGED_IN),
    (API + "milestone_detail", _pk("milestone"), PROJECT),
    (API + "milestone_patch", _pk("milestone"), PROJECT),
    (API + "participation_list", lambda w, o: [], LOGGED_IN),
    (API + "participation_detail", _pk("participation_a"), PROJECT),  # confirmed: all who see the project
    (API + "allocation_list", lambda w, o: [], LOGGED_IN),
    (API + "allocation_detail", _pk("costs_released"), RELEASED),
    (API + "allocation_detail", _pk("costs_draft"), ALLOCATION_DRAFT),
    (API + "member_list", lambda w, o: [], LOGGED_IN),
    (API + "member_detail", _pk("m_member"), OWN_MEMBER),
    (API + "onboarding_list", lambda w, o: [], LOGGED_IN),
    (API + "onboarding_detail", _pk("m_onboarding"), OWN_MEMBER),
    (API + "onboarding_detail", _pk("m_other"), NOBODY),
    (API + "document_list", lambda w, o: [], LOGGED_IN),
    (API + "document_detail", _pk("doc_a"), DRAFT_A),
    (API + "solution_list", lambda w, o: [], LOGGED_IN),
    (API + "solution_detail", _pk("solution"), LOGGED_IN),
    (API + "solution_patch", _pk("solution"), LOGGED_IN),
    (API + "need_list", lambda w, o: [], LOGGED_IN),
    (API + "need_detail", _pk("need"), LOGGED_IN),
    (API + "need_patch", _pk("need"), LOGGED_IN),
    ("api:technical_create", lambda w, o: [], OFFICE_ONLY),  # technical accounts: the office only
]
