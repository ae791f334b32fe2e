"""One label for a municipality in every select of the project (issue 19, 6): kind and key."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ikz.municipalities.rules import choice_label
from ikz.test import World


@pytest.mark.parametrize(
    ("name", "kind", "level", "key", "label"),
    [
        ("Groß-Gerau, Stadt", "Stadt", "gemeinde", "06433006", "Groß-Gerau, Stadt (06433006)"),
        ("Groß-Gerau", "Landkreis", "kreis", "06433", "Landkreis Groß-Gerau (06433)"),
        ("München", "Kreisfreie Stadt", "kreis", "09162", "Kreisfreie Stadt München (09162)"),
        ("Hessen", "Land", "land", "06", "Land Hessen (06)"),
        (
            "Landkreis Rostock",
            "Landkreis",
            "kreis",
            "13072",
            "Landkreis Rostock (13072)",
        ),  # no "Landkreis" twice
        ("Bischofsheim", "Gemeinde", "gemeinde", "06433002", "Bischofsheim (06433002)"),
        ("ekom21", "Kommunales Unternehmen", "organisation", None, "ekom21 (Kommunales Unternehmen)"),
    ],
)
def test_choice_label_names_kind_and_key(
    name: str, kind: str, level: str, key: str | None, label: str
) -> None:
    assert choice_label(name, kind, level, key) == label


@pytest.mark.django_db
def test_selects_of_other_apps_show_the_same_label(world: World) -> None:
    """The lead of a project, the filter of the municipality list: the label from one place."""
    office = world.client_for("office")
    page = office.get(reverse("projects:project_create", args=[world.region.slug])).content.decode()
    assert ">Raunheim, Stadt (06433010)</option>" in page
    listing = office.get(reverse("municipalities:municipality_list")).content.decode()
    assert ">Landkreis Groß-Gerau (06433)</option>" in listing
