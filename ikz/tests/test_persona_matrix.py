"""Every URL of the project, requested as every persona, with the expected status in one table.

A new URL pattern without a row here fails ``test_every_url_pattern_is_in_the_matrix``.
Expected values: an HTTP status, or "login" for a redirect to the login page.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ikz.cooperation.models import CooperationField, TaskArea
from ikz.municipalities.models import ContactPerson
from ikz.test import (
    ALL,
    HISTORY_A,
    OFFICE_ONLY,
    OWN_MUNICIPALITY,
    PERSONAS,
    PUBLIC,
    REGION_INSIDERS,
    PersonaRow,
    World,
)

# Each app with pages of its own lists its rows in tests/persona_rows.py (ROWS, objects()).
ROW_MODULES = [
    "ikz.accounts.tests.persona_rows",
    "ikz.cooperation.tests.persona_rows",
    "ikz.surveys.tests.persona_rows",
    "ikz.interests.tests.persona_rows",
    "ikz.resolutions.tests.persona_rows",
    "ikz.projects.tests.persona_rows",
    "ikz.reports.tests.persona_rows",
    "ikz.costs.tests.persona_rows",
    "ikz.membership.tests.persona_rows",
    "ikz.documents.tests.persona_rows",
    "ikz.network.tests.persona_rows",
    "ikz.notifications.tests.persona_rows",
    "ikz.portal.tests.persona_rows",
    "ikz.privacy.tests.persona_rows",
    "ikz.api.tests.persona_rows",
    "ikz.imports.tests.persona_rows",
    "ikz.jobs.tests.persona_rows",
    "ikz.legal.tests.persona_rows",
    "ikz.partners.tests.persona_rows",
    "ikz.invoicing.tests.persona_rows",
    "ikz.governance.tests.persona_rows",
    "ikz.meetings.tests.persona_rows",
    "ikz.funding.tests.persona_rows",
]
_modules = [importlib.import_module(name) for name in ROW_MODULES]


def _objects(world: World) -> dict[str, object]:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    field = CooperationField.objects.create(task_area=area, name="Postverbund", position=1)
    contact = ContactPerson.objects.create(municipality=world.kommune_a, name="Erika Beispiel")
    objects: dict[str, object] = {"area": area, "field": field, "contact": contact}
    for module in _modules:
        objects |= module.objects(world, dict(objects))
    return objects


MATRIX: list[PersonaRow] = [
    ("home", lambda w, o: [], ALL | {"anonymous": 200}),  # anonymous: the welcome with the login link
    ("accessibility", lambda w, o: [], PUBLIC),
    ("status", lambda w, o: [], PUBLIC),
    # the monitors' endpoint: 503 in a world whose timers never ran, for everyone alike
    ("health", lambda w, o: [], dict.fromkeys(PERSONAS, 503)),
    ("accounts:login", lambda w, o: [], PUBLIC | {p: 302 for p in PERSONAS[:-1]}),
    ("accounts:logout", lambda w, o: [], dict.fromkeys(PERSONAS, 405)),
    ("accounts:profile", lambda w, o: [], ALL),
    ("accounts:password_change", lambda w, o: [], ALL),
    ("accounts:password_change_done", lambda w, o: [], ALL),
    ("accounts:password_reset", lambda w, o: [], PUBLIC),
    ("accounts:password_reset_done", lambda w, o: [], PUBLIC),
    ("accounts:password_reset_confirm", lambda w, o: ["MQ", "ungueltig"], PUBLIC),
    ("accounts:password_reset_complete", lambda w, o: [], PUBLIC),
    ("municipalities:municipality_list", lambda w, o: [], ALL),
    ("municipalities:organisation_create", lambda w, o: [], OFFICE_ONLY),
    ("municipalities:municipality_detail", lambda w, o: [w.kommune_a.pk], ALL),
    ("municipalities:municipality_edit", lambda w, o: [w.kommune_a.pk], OWN_MUNICIPALITY),
    ("municipalities:population_add", lambda w, o: [w.kommune_a.pk], OFFICE_ONLY),
    ("municipalities:municipality_history", lambda w, o: [w.kommune_a.pk], HISTORY_A),
    ("municipalities:contact_create", lambda w, o: [w.kommune_a.pk], OWN_MUNICIPALITY),
    ("municipalities:contact_edit", lambda w, o: [w.kommune_a.pk, o["contact"].pk], OWN_MUNICIPALITY),  # type: ignore[attr-defined]
    ("municipalities:region_list", lambda w, o: [], ALL),
    ("municipalities:region_create", lambda w, o: [], OFFICE_ONLY),
    ("municipalities:region_from_register", lambda w, o: [], OFFICE_ONLY),
    ("municipalities:region_detail", lambda w, o: [w.region.slug], ALL),
    ("municipalities:region_edit", lambda w, o: [w.region.slug], OFFICE_ONLY),
    ("municipalities:region_members_edit", lambda w, o: [w.region.slug], OFFICE_ONLY),
    ("municipalities:region_steering_edit", lambda w, o: [w.region.slug], OFFICE_ONLY),
    ("municipalities:region_classes_edit", lambda w, o: [w.region.slug], OFFICE_ONLY),
    ("municipalities:region_history", lambda w, o: [w.region.slug], REGION_INSIDERS),
    ("cooperation:taskarea_list", lambda w, o: [], ALL),
    ("cooperation:taskarea_create", lambda w, o: [], OFFICE_ONLY),
    ("cooperation:taskarea_detail", lambda w, o: [o["area"].pk], ALL),  # type: ignore[attr-defined]
    ("cooperation:taskarea_edit", lambda w, o: [o["area"].pk], OFFICE_ONLY),  # type: ignore[attr-defined]
    ("cooperation:taskarea_history", lambda w, o: [o["area"].pk], ALL),  # type: ignore[attr-defined]
    ("cooperation:field_create", lambda w, o: [o["area"].pk], OFFICE_ONLY),  # type: ignore[attr-defined]
    ("cooperation:field_edit", lambda w, o: [o["area"].pk, o["field"].pk], OFFICE_ONLY),  # type: ignore[attr-defined]
    ("admin:index", lambda w, o: [], {p: "admin-login" for p in PERSONAS} | {"office": 200}),
]
for _module in _modules:
    MATRIX += _module.ROWS

# Framework URLs that are not pages of ours: the admin's model pages (covered by admin:index and
# Django's own permission checks) and the language switch (POST only, tested in test_i18n).
EXCLUDED_NAMESPACES = {"admin"}
EXCLUDED_NAMES = {"set_language"}


def _all_url_names(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            names |= _all_url_names(pattern, f"{prefix}{ns}:" if ns else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in EXCLUDED_NAMES:
            names.add(prefix + pattern.name)
    return names


def test_every_url_pattern_is_in_the_matrix() -> None:
    covered = {name for name, _args, _expected in MATRIX}
    missing = _all_url_names() - covered
    assert not missing, f"URL-Muster ohne Zeile in der Rechte-Matrix: {sorted(missing)}"


@pytest.mark.django_db
@pytest.mark.parametrize("name,args,expected", MATRIX, ids=[row[0] for row in MATRIX])
def test_status_per_persona(world: World, name: str, args: Callable, expected: dict[str, int | str]) -> None:
    objects = _objects(world)
    url = reverse(name, args=args(world, objects))
    problems = []
    for persona in PERSONAS:
        response = world.client_for(persona).get(url)
        want = expected[persona]
        if want == "login":
            ok = response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
        elif want == "admin-login":
            ok = response.status_code == 302 and "/verwaltung/login/" in response["Location"]
        else:
            ok = response.status_code == want
        if not ok:
            problems.append(f"{persona}: erwartet {want}, erhalten {response.status_code}")
    assert not problems, f"{name} ({url}): " + "; ".join(problems)


@pytest.mark.django_db
def test_unknown_objects_are_404_for_everyone_logged_in(world: World) -> None:
    for url in [
        reverse("municipalities:municipality_detail", args=[999999]),
        reverse("municipalities:municipality_edit", args=[999999]),
        reverse("municipalities:region_detail", args=["gibt-es-nicht"]),
        reverse("cooperation:taskarea_detail", args=[999999]),
    ]:
        for persona in PERSONAS[:-1]:
            assert world.client_for(persona).get(url).status_code == 404, (persona, url)


@pytest.mark.django_db
def test_contact_b_cannot_write_to_kommune_a(world: World) -> None:
    client = world.client_for("contact_b")
    url = reverse("municipalities:municipality_edit", args=[world.kommune_a.pk])
    response = client.post(url, {"phone": "0000", "version": world.kommune_a.version})
    assert response.status_code == 403
    world.kommune_a.refresh_from_db()
    assert world.kommune_a.phone == ""
