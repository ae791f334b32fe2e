"""Pages: the overview with map and table, exports, editing by office and own contact, the DOCX draft."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.municipalities.models import Boundary, Kind, Level, Municipality, RegionMember
from ikz.resolutions.models import Resolution
from ikz.test import World, make_unit

pytestmark = pytest.mark.django_db


def _square(lon: float, lat: float, size: float = 0.05) -> dict[str, object]:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _boundary(unit: Municipality, geometry: dict[str, object]) -> None:
    Boundary.objects.create(
        municipality=unit, geometry=geometry, source_file="test.geojson", source_date=dt.date(2025, 1, 1)
    )


def _resolution(unit: Municipality, **values: object) -> Resolution:
    defaults: dict[str, object] = {
        "subject": "principle",
        "body": "stvv",
        "date": dt.date(2013, 10, 24),
        "outcome": "adopted_council",
    }
    return Resolution.objects.create(municipality=unit, **(defaults | values))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _overview(world: World, persona: str = "office", query: str = "") -> str:
    response = world.client_for(persona).get(
        reverse("resolutions:overview", args=[world.region.slug]) + query
    )
    assert response.status_code == 200
    return response.content.decode()


def test_without_boundaries_the_overview_is_a_table_with_a_note(world: World) -> None:
    _resolution(world.kommune_a)
    html = _overview(world, "contact_b")
    assert '<svg class="ikz-map"' not in html
    assert "keine Gebietsgrenzen hinterlegt" in html
    text = _text(html)
    assert "Raun Raunheim, Stadt 06433010 Stadtverordnetenversammlung 24.10.2013" in text
    assert "Kelst Kelsterbach, Stadt 06433007 – – – kein Eintrag" in text


def test_the_map_fills_members_by_outcome_with_pattern_label_and_legend(world: World) -> None:
    _resolution(world.kommune_a)
    _resolution(world.kommune_b, body="magistrat", outcome="adopted_executive")
    _boundary(world.kommune_a, _square(8.42, 49.99))
    _boundary(world.kommune_b, _square(8.52, 50.03))
    html = _overview(world)
    svg = html[html.index('<svg class="ikz-map"') : html.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="karte-titel karte-beschreibung"' in svg
    assert '<title id="karte-titel">Karte der Grundsatzbeschlüsse in IKZ Testregion</title>' in svg
    assert svg.count('fill="url(#muster-adopted_council)"') == 1
    assert svg.count('fill="url(#muster-adopted_executive)"') == 1
    assert '<pattern id="muster-adopted_executive"' in svg and '<path d="M-2,2' in svg, (
        "Schraffur als zweites Merkmal"
    )
    assert ">Raun ●</text>" in svg and ">Kelst ◆</text>" in svg, "Kürzel und Zeichen in der Karte"
    desc = re.search(r'<desc id="karte-beschreibung">(.*?)</desc>', svg)
    assert desc and "Beschluss der Vertretung gefasst: 1" in desc.group(1)
    legend = _text(html[html.index("Legende") : html.index('id="tabelle"')])
    assert "● Beschluss der Vertretung gefasst (1)" in legend
    assert "◆ Beschluss des Magistrats / Verwaltungsorgans gefasst (1)" in legend
    assert "GeoBasis-DE / BKG" in html and "test.geojson" in html
    assert re.search(r"<caption[^>]*>IKZ-Grundsatzbeschlüsse je Mitglied</caption>", html)


def test_the_kreis_is_in_the_table_and_its_boundary_an_outline(world: World) -> None:
    RegionMember.objects.create(
        region=world.region, municipality=world.kreis, position=3, short_label="Kreis"
    )
    _resolution(world.kreis, body="kreistag", date=dt.date(2014, 3, 3))
    _boundary(world.kommune_a, _square(8.42, 49.99))
    _boundary(world.kreis, _square(8.3, 49.8, 0.5))
    html = _overview(world)
    svg = html[html.index('<svg class="ikz-map"') : html.index("</svg>")]
    assert svg.count('fill="none" stroke="#1b1b1b" stroke-width="3"') == 1, "Kreisgrenze als Umriss"
    assert "Kreis" not in re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "Kreis Groß-Gerau 06433 Kreistag 03.03.2014" in _text(html)
    assert "Ohne Gebietsgrenze, daher nicht in der Karte: Kelsterbach, Stadt." in _text(html)


def _add_members(world: World, count: int) -> None:
    start = RegionMember.objects.filter(region=world.region).count()
    for i in range(start, start + count):
        unit = make_unit(
            f"06433{100 + i:03d}", f"Testgemeinde {i}", Level.GEMEINDE, Kind.GEMEINDE, world.kreis
        )
        RegionMember.objects.create(
            region=world.region, municipality=unit, position=10 + i, short_label=f"T{i}"
        )
        _boundary(unit, _square(8.0 + (i % 15) * 0.06, 49.5 + (i // 15) * 0.06))
        if i % 2:
            _resolution(unit, body="gemeindevertretung")


@pytest.mark.parametrize("persona", ["office", "contact_a"])
def test_overview_costs_the_same_queries_for_15_and_150_members(world: World, persona: str) -> None:
    client = world.client_for(persona)
    url = reverse("resolutions:overview", args=[world.region.slug])
    counts = []
    for total in (15, 150):
        _add_members(world, total - RegionMember.objects.filter(region=world.region).count())
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        shapes = re.findall(r'<path d="[^"]*" fill="url\(#muster-', response.content.decode())
        assert len(shapes) == total - 2, "alle Mitglieder mit Grenze (A und B haben keine)"
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_exports_hold_the_same_rows_as_the_page(world: World) -> None:
    from openpyxl import load_workbook

    _resolution(world.kommune_a, note='=HYPERLINK("x")')
    client = world.client_for("steering")
    url = reverse("resolutions:overview", args=[world.region.slug])
    workbook = load_workbook(io.BytesIO(client.get(url + "?format=xlsx").content))
    values = [tuple(row) for row in workbook.active.iter_rows(values_only=True)]  # type: ignore[union-attr]
    header = next(i for i, row in enumerate(values) if row[0] == "Kürzel")
    assert values[header][:6] == ("Kürzel", "Mitglied", "AGS", "Gremium", "Sitzungsdatum", "Ergebnis")
    raun = values[header + 1]
    assert raun[:4] == ("Raun", "Raunheim, Stadt", "06433010", "Stadtverordnetenversammlung")
    assert raun[5] == "Beschluss der Vertretung gefasst" and raun[6] == '\'=HYPERLINK("x")'
    assert values[header + 2][:3] == ("Kelst", "Kelsterbach, Stadt", "06433007")
    csv = client.get(url + "?format=csv").content.decode("utf-8-sig")
    assert "Raun;Raunheim, Stadt;06433010;Stadtverordnetenversammlung;2013-10-24" in csv
    assert client.get(url + "?format=pdf").content.startswith(b"%PDF")
    assert client.get(url + "?format=exe").status_code == 404


def test_contact_a_records_own_resolution_contact_b_gets_403(world: World) -> None:
    url = reverse("resolutions:resolution_create", args=[world.region.slug, world.kommune_a.pk])
    data = {
        "subject": "principle",
        "subject_text": "",
        "body": "stvv",
        "date": "2013-10-24",
        "outcome": "adopted_council",
    }
    assert world.client_for("contact_b").post(url, data).status_code == 403
    assert not Resolution.objects.exists()
    response = world.client_for("contact_a").post(url, data)
    resolution = Resolution.objects.get()
    assert response.status_code == 302 and response["Location"] == resolution.get_absolute_url()
    edit = reverse("resolutions:resolution_edit", args=[resolution.pk])
    assert world.client_for("contact_b").post(edit, data | {"version": 1, "note": "x"}).status_code == 403
    assert world.client_for("contact_b").get(resolution.get_absolute_url()).status_code == 200, "öffentlich"
    assert Resolution.objects.get().note == ""
    outsider = reverse("resolutions:resolution_create", args=[world.region.slug, world.kreis.pk])
    assert world.client_for("office").get(outsider).status_code == 404, (
        "Kreis ist kein Mitglied der Testregion"
    )


def test_bad_input_shows_german_messages_at_the_fields(world: World) -> None:
    url = reverse("resolutions:resolution_create", args=[world.region.slug, world.kommune_b.pk])
    data = {
        "subject": "principle",
        "body": "gemeindevertretung",
        "date": "2099-01-01",
        "outcome": "adopted_council",
    }
    response = world.client_for("office").post(url, data)
    assert response.status_code == 200 and not Resolution.objects.exists()
    html = response.content.decode()
    assert re.search(r'id="id_date_error"[^>]*>.*?Zukunft', html, re.S)
    assert re.search(r'id="id_body_error"[^>]*>.*?passt nicht zu einer Kommune der Art „Stadt“', html, re.S)
    assert 'aria-invalid="true"' in html


def test_a_stale_edit_gets_409_with_both_versions(world: World) -> None:
    resolution = _resolution(world.kommune_a, outcome="pending", date=None)
    Resolution.objects.filter(pk=resolution.pk).update(version=2, note="von jemand anderem")
    url = reverse("resolutions:resolution_edit", args=[resolution.pk])
    data = {
        "subject": "principle",
        "body": "stvv",
        "date": "",
        "outcome": "pending",
        "note": "meins",
        "version": 1,
    }
    response = world.client_for("contact_a").post(url, data)
    assert response.status_code == 409
    assert "von jemand anderem" in response.content.decode() and "meins" in response.content.decode()
    assert Resolution.objects.get().note == "von jemand anderem"


def test_council_draft_is_a_docx_with_name_body_and_date(world: World) -> None:
    from docx import Document

    url = reverse("resolutions:council_draft", args=[world.region.slug, world.kommune_a.pk])
    page = world.client_for("contact_a").get(url)
    assert page.status_code == 200 and 'value="stvv" selected' in page.content.decode()
    response = world.client_for("contact_a").get(url, {"body": "stvv", "session_date": "2013-10-24"})
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert "muster-gremienvorlage-raunheim.docx" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "Raunheim, Stadt" in cells and "Stadtverordnetenversammlung" in cells and "24.10.2013" in cells
    assert (
        "Die Stadtverordnetenversammlung von Raunheim, Stadt beschließt in der Sitzung am 24.10.2013:" in text
    )
    for heading in ("Betreff", "Beschlussvorschlag", "Begründung", "Finanzielle Auswirkungen"):
        assert heading in text
    for words in ("Bestandsaufnahme", "Interessenbekundungsverfahren", "Lenkungsgruppe", "IKZ Testregion"):
        assert words in text
    missing = world.client_for("contact_a").get(url, {"body": "stvv", "session_date": ""})
    assert missing.status_code == 200 and "id_session_date_error" in missing.content.decode()
    assert world.client_for("contact_b").get(url).status_code == 403
