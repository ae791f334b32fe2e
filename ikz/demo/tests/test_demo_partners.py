"""The demo's partner search: neighbours of the Kreis Groß-Gerau and the K4K members from the real
VG250 topology, and "Partner finden" for the field e-Akte/DMS from Raunheim's point of view shows
the members of seed 000 with their activities and the reasons."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import User
from ikz.cooperation.models import CooperationField
from ikz.municipalities.models import Municipality, Neighbour

pytestmark = pytest.mark.django_db


def test_demo_neighbours_and_partners_for_the_e_file() -> None:
    if not Path(settings.IKZ_NEIGHBOUR_FILE).is_file():
        pytest.skip(f"{settings.IKZ_NEIGHBOUR_FILE} fehlt; ohne Topologie keine Nachbarschaften.")
    raunheim = Municipality.objects.get(key="06433010")
    neighbours = set(Neighbour.objects.filter(municipality=raunheim).values_list("neighbour__key", flat=True))
    assert {"06433007", "06433012"} <= neighbours  # Kelsterbach, Rüsselsheim am Main

    client = Client()
    client.force_login(User.objects.get(username="kommune-raunheim"))
    field = CooperationField.objects.get(name="Einführung e-Akte/DMS")
    response = client.get(reverse("partners:search"), {"feld": field.pk})
    result = response.context["result"]
    assert result.home == raunheim
    activities = {row.municipality.key: {a.label for a in row.ranked.activities} for row in result.rows}
    assert "bietet eine Lösung zur Nachnutzung an" in activities["06532023"]  # Wetzlar
    assert "hat einen Bedarf gemeldet" in activities["06440003"]  # Bad Vilbel
    assert "möchte eine Lösung nachnutzen" in activities["06440008"]  # Friedberg
    page = response.content.decode()
    assert "km von Raunheim" in page and "Einwohner" in page
