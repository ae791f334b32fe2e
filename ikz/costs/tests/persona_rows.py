"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py).

Both test municipalities take part in the cooperation. The region's office writes, its steering
group reads everything, contacts see the Kosten page and released allocations (their own share);
drafts, grants, savings and staffing are invisible to them (404), as is everything to members and
project leads, who are not part of the region's IKZ process.
"""

from __future__ import annotations

from typing import Any

from ikz.costs.models import GrantProgramme
from ikz.costs.tests import factories
from ikz.test import NOBODY_BUT_GLOBAL_OFFICE, PERSONAS, PersonaRow, World

_HIDDEN = {"project_lead": 404, "member": 404, "anonymous": "login"}
READ_CONTACTS = {"office": 200, "steering": 200, "contact_a": 200, "contact_b": 200} | _HIDDEN
WRITE_CONTACTS_SEE = {"office": 200, "steering": 403, "contact_a": 403, "contact_b": 403} | _HIDDEN
INSIDERS = {"office": 200, "steering": 200, "contact_a": 404, "contact_b": 404} | _HIDDEN
OFFICE_WRITES = {"office": 200, "steering": 403, "contact_a": 404, "contact_b": 404} | _HIDDEN
# grant programmes (decision 119): offices and steering groups read, the platform office writes
PROGRAMMES_READ = {p: 403 for p in PERSONAS[:-1]} | {"office": 200, "steering": 200, "anonymous": "login"}
POST_ONLY = dict.fromkeys(PERSONAS[:-1], 405) | {"anonymous": "login"}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    coop = factories.cooperation(world, base["field"])  # type: ignore[arg-type]
    factories.by_population(world, coop)
    factories.released(world, coop)
    draft = factories.draft(world, coop)
    programme = GrantProgramme.objects.create(
        name=f"IKZ-Förderung {world.region.slug}", giver="Land", source="RL"
    )
    return {
        "costs_coop": coop,
        "costs_draft": draft,
        "costs_released": coop.allocations.get(year=2024),
        "costs_programme": programme,
    }


def _coop(o: dict[str, Any]) -> int:
    return int(o["costs_coop"].pk)


ROWS: list[PersonaRow] = [
    ("costs:cooperation_costs", lambda w, o: [_coop(o)], READ_CONTACTS),
    ("costs:key_edit", lambda w, o: [_coop(o)], WRITE_CONTACTS_SEE),
    ("costs:key_history", lambda w, o: [_coop(o)], INSIDERS),
    ("costs:allocation_create", lambda w, o: [_coop(o)], WRITE_CONTACTS_SEE),
    ("costs:allocation_detail", lambda w, o: [o["costs_draft"].pk], INSIDERS),
    ("costs:allocation_detail", lambda w, o: [o["costs_released"].pk], READ_CONTACTS),
    ("costs:allocation_recalculate", lambda w, o: [o["costs_draft"].pk], OFFICE_WRITES),
    ("costs:allocation_recalculate", lambda w, o: [o["costs_released"].pk], WRITE_CONTACTS_SEE),
    ("costs:allocation_release", lambda w, o: [o["costs_draft"].pk], OFFICE_WRITES),
    ("costs:allocation_history", lambda w, o: [o["costs_draft"].pk], INSIDERS),
    ("costs:grant_check", lambda w, o: [_coop(o)], INSIDERS),
    ("costs:grant_create", lambda w, o: [_coop(o)], OFFICE_WRITES),
    ("costs:savings_list", lambda w, o: [_coop(o)], INSIDERS),
    ("costs:savings_create", lambda w, o: [_coop(o)], OFFICE_WRITES),
    ("costs:staffing_sheet", lambda w, o: [_coop(o)], INSIDERS),
    ("costs:staffing_edit", lambda w, o: [_coop(o)], OFFICE_WRITES),
    ("costs:region_savings", lambda w, o: [w.region.slug], INSIDERS),
    ("costs:programme_list", lambda w, o: [], PROGRAMMES_READ),
    ("costs:programme_create", lambda w, o: [], NOBODY_BUT_GLOBAL_OFFICE),
    ("costs:programme_edit", lambda w, o: [o["costs_programme"].pk], NOBODY_BUT_GLOBAL_OFFICE),
    ("costs:programme_retire", lambda w, o: [o["costs_programme"].pk], POST_ONLY),
    ("costs:programme_history", lambda w, o: [o["costs_programme"].pk], NOBODY_BUT_GLOBAL_OFFICE),
]
