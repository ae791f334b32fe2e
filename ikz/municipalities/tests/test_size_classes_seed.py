"""Seed 003's table "Der Kreis Groß-Gerau: 14 Städte und Gemeinden" (talk "IKZ mit System",
27.09.2023): EW-Zahl / Zahl der Kommunen 6.000–8.000: 2, 10.000–15.000: 5, 15.001–17.000: 3,
24.000–27.000: 2, 35.000: 1, 67.000: 1; "EW gesamt: rd. 280.000". The Kreis is the 15th member
("15. Kommune") and its inhabitants are those of its Städte und Gemeinden: it is in no class and
is not added to the total — on the page, in the export and in the API.

The figures are the test's, chosen inside the seed's classes for a Stichtag of its time."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ikz.api.tests.helpers import api_client
from ikz.municipalities.models import Kind, Level, Region, RegionMember, SizeClass
from ikz.test import World, add_population, make_unit

pytestmark = pytest.mark.django_db
STICHTAG = dt.date(2022, 12, 31)
SEED_CLASSES = [
    ("6.000 – 8.000", 6000, 8000, 2),
    ("10.000 – 15.000", 10000, 15000, 5),
    ("15.001 – 17.000", 15001, 17000, 3),
    ("24.000 – 27.000", 24000, 27000, 2),
    ("35.000", 34000, 36000, 1),
    ("67.000", 66000, 68000, 1),
]
TOWNS = [
    ("06433001", "Biebesheim am Rhein", 6675),
    ("06433013", "Stockstadt am Rhein", 6100),
    ("06433002", "Bischofsheim", 13176),
    ("06433003", "Büttelborn", 14992),
    ("06433014", "Trebur", 13300),
    ("06433009", "Nauheim", 10800),
    ("06433004", "Gernsheim", 11024),
    ("06433010", "Raunheim", 15800),
    ("06433007", "Kelsterbach", 16900),
    ("06433005", "Ginsheim-Gustavsburg", 16960),
    ("06433006", "Groß-Gerau", 26418),
    ("06433011", "Riedstadt", 24500),
    ("06433008", "Mörfelden-Walldorf", 35000),
    ("06433012", "Rüsselsheim am Main", 67000),
]
TOTAL = sum(n for _key, _name, n in TOWNS)


@pytest.fixture
def kreis_region(world: World) -> Region:
    region = Region.objects.create(
        name="Kreis Groß-Gerau",
        slug="kreis-gg",
        office_name="IKZ-Geschäftsstelle",
        stated_population=280000,
        established_on=dt.date(2013, 1, 1),
        class_source="Vortrag „IKZ mit System“, 27.09.2023",
    )
    known = {world.kommune_a.key: world.kommune_a, world.kommune_b.key: world.kommune_b}
    for unit in known.values():  # the world's figures of 2024 are not the seed's time
        unit.current_population = None
        unit.save()
        unit.population_figures.all().delete()
    for position, (key, name, population) in enumerate(TOWNS, start=1):
        unit = known.get(key) or make_unit(key, name, Level.GEMEINDE, Kind.GEMEINDE, world.kreis)
        add_population(unit, population, STICHTAG)
        RegionMember.objects.create(region=region, municipality=unit, position=position, short_label=name[:4])
    add_population(world.kreis, TOTAL, STICHTAG)  # the Kreis' figure is the sum of its towns
    RegionMember.objects.create(region=region, municipality=world.kreis, position=15, short_label="Kreis")
    for position, (label, lower, upper, stated) in enumerate(SEED_CLASSES, start=1):
        SizeClass.objects.create(
            region=region, position=position, label=label, lower=lower, upper=upper, stated_count=stated
        )
    return region


def test_the_seed_figures_fit_the_seed_table() -> None:
    assert round(TOTAL, -4) == 280000  # "EW gesamt: rd. 280.000"
    assert len(TOWNS) == 14


def test_the_region_page_shows_the_14_towns_and_the_kreis_as_15th_member(
    world: World, kreis_region: Region
) -> None:
    page = world.client_for("office").get(kreis_region.get_absolute_url()).content.decode()
    assert "15 (14 Städte und Gemeinden, Groß-Gerau als 15. Mitglied)" in page
    assert "IKZ-Prozess seit" in page and "01.01.2013" in page
    table = page.split('id="groessenklassen"')[1].split("</tbody>")[0]
    counts = re.findall(r'scope="row">[^<]+<span[^>]*>[^<]*</span></th>\s*<td[^>]*>(\d+)</td>', table)
    assert [int(n) for n in counts] == [2, 5, 3, 2, 1, 1]
    assert "abweichend" not in page
    total = f"{TOTAL:,}".replace(",", ".")
    assert f"EW gesamt: {total}" in page
    assert f"{2 * TOTAL:,}".replace(",", ".") not in page
    assert (
        "Groß-Gerau hat laut amtlicher Statistik" not in page
    )  # the Kreis is in no class, and that is right
    footer = page.split("<tfoot>")[1].split("</tfoot>")[0]
    assert ">14<" in footer


def test_the_export_and_the_api_do_not_count_the_kreis_twice(world: World, kreis_region: Region) -> None:
    got = world.client_for("steering").get(kreis_region.get_absolute_url(), {"format": "xlsx"})
    assert 'filename="kreis-gg-groessenklassen-stichtag-2022-12-31.xlsx"' in got["Content-Disposition"]
    cells = [row for row in load_workbook(io.BytesIO(got.content)).active.iter_rows(values_only=True)]
    by_label = {row[0]: row for row in cells if row and row[0]}
    assert [by_label[label][1] for label, *_rest in SEED_CLASSES] == [2, 5, 3, 2, 1, 1]
    assert by_label["Summe"][1:3] == (14, 14)
    text = " ".join(str(c) for row in cells for c in row if c)
    assert f"EW gesamt: {TOTAL:,}".replace(",", ".") in text and "Stichtag 31.12.2022" in text
    assert "zählt aber in keiner Klasse und nicht in der Summe" in text
    body = api_client(world, "office").get(reverse("api-v1:region_detail", args=[kreis_region.slug])).json()
    assert (body["members"], body["counted_members"], body["population"]) == (15, 14, TOTAL)
    assert body["established_on"] == "2013-01-01" and body["stichtag"] == "2022-12-31"
