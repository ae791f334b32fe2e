"""The demo's start pages "Meine Aufgaben" (issue 19, point 4): what each demo persona finds to do
in the data of seed 003 (Kreis Groß-Gerau) and seed 000 (K4K eG), every count linked to its list."""

import pytest
from django.test import Client

from ikz.accounts.models import User
from ikz.tests.test_start_page import rows_on

pytestmark = pytest.mark.django_db

PERSONAS = [
    "geschaeftsstelle",
    "lenkungsgruppe",
    "kommune-raunheim",
    "kommune-kelsterbach",
    "projektleitung",
    "mitglied",
    "genossenschaft",
]


def test_every_demo_persona_finds_its_tasks_and_each_count_matches_its_list() -> None:
    found: dict[str, dict[str, list[str]]] = {}
    for username in PERSONAS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        blocks = client.get("/").context["blocks"]
        found[username] = {b.key: [t.label for t in b.tasks] for b in blocks}
        for block in blocks:
            for task in block.tasks:
                page = client.get(task.url)
                assert page.status_code == 200, (username, task.url)
                assert rows_on(page.content.decode(), task.url) == task.count, (username, task.label)
    office = found["geschaeftsstelle"]["office"]
    assert any(label.startswith("Bestandsaufnahme „Bestandsaufnahme 2026“") for label in office), office
    assert found["lenkungsgruppe"]["steering"], "the steering group sees the projects by stage"
    assert "Projekte nach Stand (IKZ Kreis Groß-Gerau)" in found["lenkungsgruppe"]["steering"]
    assert set(found["genossenschaft"]) == {"office", "cooperative"}
    assert "Beitritte im Gang" in found["genossenschaft"]["cooperative"]
