"""The demo's principle resolutions (seed 003): the three of the press article, all four legend
categories, illustrative data marked; the map when the boundary files are there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import User
from ikz.demo import data
from ikz.imports.models import ImportRun
from ikz.municipalities.models import Boundary
from ikz.resolutions.models import Resolution

pytestmark = pytest.mark.django_db


def test_demo_resolutions_follow_the_seed() -> None:
    resolutions = {r.municipality.key: r for r in Resolution.objects.select_related("municipality")}
    run = ImportRun.objects.get(kind="beschluesse")  # imported once by the office, as on the page
    assert (run.status, run.total, run.applied_by.username) == ("applied", 15, "geschaeftsstelle")  # type: ignore[union-attr]
    assert len(resolutions) == 15 and {r.subject for r in resolutions.values()} == {"principle"}
    for key in ("06433012", "06433010", "06433007"):  # Rüsselsheim, Raunheim, Kelsterbach
        r = resolutions[key]
        assert (r.body, r.outcome) == ("stvv", "adopted_council"), key
        assert (
            r.date and r.date.year == 2013 and r.date.month >= 9 and "Mainspitze vom 25.10.2013" in r.source
        )
    others = [r for k, r in resolutions.items() if k not in {"06433012", "06433010", "06433007"}]
    assert all(r.source.startswith("Illustrativ") for r in others)
    assert {r.outcome for r in resolutions.values()} == {
        "adopted_council",
        "adopted_executive",
        "noted",
        "not_planned",
    }, "alle vier Kategorien der Legende"
    assert resolutions["06433"].body == "kreistag"
    assert all(r.body == "magistrat" for r in resolutions.values() if r.outcome == "adopted_executive")
    assert all(r.body == "gemeindevorstand" for r in resolutions.values() if r.outcome == "noted")
    dated = [r.date for r in resolutions.values() if r.date]
    assert min(dated).year == 2013 and max(dated).year == 2014

    client = Client()
    client.force_login(User.objects.get(username="lenkungsgruppe"))
    html = client.get(reverse("resolutions:overview", args=[data.REGION_SLUG])).content.decode()
    body = html[html.index("<tbody") : html.index("</tbody>")]
    assert body.count("<tr") == 15
    first = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.split("</tr>")[0])).strip()
    assert first.startswith("Rüss Rüsselsheim am Main, Stadt 06433012 Stadtverordnetenversammlung 21.10.2013")


def test_demo_map_when_the_boundary_files_exist() -> None:
    folder = Path(settings.IKZ_SHARED_DATA_DIR)
    if not (folder / "vg250_gemeinden_hessen_simplified.geojson").exists():
        pytest.skip(f"Grenzdateien nicht gefunden unter {folder} – die Demo zeigt dann nur die Tabelle.")
    assert Boundary.objects.count() == 15, "14 Gemeinden und der Kreis, nur die Mitglieder"
    assert Boundary.objects.filter(municipality__key="06433").exists()
    client = Client()
    client.force_login(User.objects.get(username="kommune-kelsterbach"))
    html = client.get(reverse("resolutions:overview", args=[data.REGION_SLUG])).content.decode()
    svg = html[html.index('<svg class="ikz-map"') : html.index("</svg>")]
    assert len(re.findall(r'<path d="[^"]*" fill="url\(#muster-', svg)) == 14
    assert 'fill="none" stroke="#1b1b1b" stroke-width="3"' in svg
    assert ">Raun ●</text>" in svg
