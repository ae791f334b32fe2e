"""The demo is loaded twice without duplicates and shows the seed's tables with official figures."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import User
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.demo import data
from ikz.municipalities.models import Municipality, Region

pytestmark = pytest.mark.django_db

# loads the demo itself or needs none: the loaded demo is removed before this module (conftest.py)
EMPTY_DATABASE = True


def _counts() -> dict[str, int]:
    """The rows of every model: a second run of the demo adds, changes (audit entries) and queues
    (jobs, e-mails) nothing, in any app (the demo tests of the single apps rely on this check)."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_load_demo_twice_creates_nothing_twice(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo")
    first = _counts()
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in out and "geschaeftsstelle" in out and data.DEMO_PASSWORD in out
    call_command("load_demo")
    assert _counts() == first
    assert "nichts geändert" in capsys.readouterr().out


def test_demo_region_matches_seed_order_and_2022_table() -> None:
    call_command("load_demo")
    region = Region.objects.get(slug=data.REGION_SLUG)
    labels = list(region.members.order_by("position").values_list("short_label", flat=True))
    assert labels == ["Rüss", "Raun", "Kelst", "GiGu", "Bisch", "MöWa", "GG", "Bütt", "Treb", "Nau", "Ried",
                      "Gerns", "Bieb", "Stock", "Kreis"]  # fmt: skip
    assert region.steering_group.count() == 5 and all(s.is_demo for s in region.steering_group.all())
    client = Client()
    client.force_login(User.objects.get(username="lenkungsgruppe"))
    page = _text(
        client.get(
            reverse("municipalities:region_detail", args=[region.slug]), {"stichtag": "2022-12-31"}
        ).content.decode()
    )
    counts = re.findall(r"\(\d[\d.]*–(?:\d[\d.]*|…)\) (\d+) (\d+)", page)
    assert [int(c) for c, _ in counts] == [2, 5, 2, 2, 1, 1]
    assert [int(s) for _, s in counts] == [2, 5, 3, 2, 1, 1]
    assert "Kelsterbach hat laut amtlicher Statistik 17.375 Einwohner" in page
    assert "Einwohner gesamt 280.308 (Stichtag 31.12.2022)" in page
    assert "Fläche gesamt 453,03 km²" in page and "laut Quelle: 453,04 km²" in page


def test_demo_has_15_task_areas_and_k4k_members() -> None:
    call_command("load_demo")
    assert TaskArea.objects.count() == 15
    assert list(TaskArea.objects.order_by("position").values_list("name", flat=True))[:2] == [
        "Zentrale Angelegenheiten", "Informationstechnologie",
    ]  # fmt: skip
    assert list(
        CooperationField.objects.filter(task_area__name="Zentrale Angelegenheiten", source=data.MATRIX_SOURCE)
        .order_by("position").values_list("name", flat=True)
    ) == ["Postverbund", "Rechtsamt", "Beschaffungen", "amtliche Bekanntmachungen"]  # fmt: skip
    for key in data.K4K_MEMBER_KEYS:
        assert Municipality.objects.filter(key=key).exists(), key
    jobcenter = Municipality.objects.get(name="Kommunales Jobcenter Groß-Gerau")
    assert (jobcenter.key, jobcenter.parent.key, jobcenter.municipal_share) == (None, "06433", 100)
    ruesselsheim = Municipality.objects.get(key="06433012")
    assert ruesselsheim.kind == "sonderstatusstadt"
    assert ruesselsheim.current_population.total == 65627
    assert ruesselsheim.current_population.stichtag == dt.date(2024, 12, 31)


@pytest.mark.data
def test_demo_figures_equal_the_official_register(shared_data: Path) -> None:
    """Every figure written into the demo is checked against the Destatis files."""
    records: dict[str, dict[str, tuple[str, int, int, int, str]]] = {}
    for name in ("GV100AD_31122022.txt", "GV100AD_30112025.txt"):
        table = records.setdefault(name, {})
        for line in (shared_data / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("60"):
                table[line[10:18]] = (line[22:72].strip(), int(line[128:139]), int(line[139:150]), int(line[150:161]),
                                      line[165:170])  # fmt: skip
    old, new = records["GV100AD_31122022.txt"], records["GV100AD_30112025.txt"]
    for ags, _ars, name, _kind, _tk, area, pop22, pop24, male24, plz in data.GEMEINDEN:
        assert new[ags][0] == name, ags
        assert (new[ags][1], new[ags][2], new[ags][3], new[ags][4]) == (area, pop24, male24, plz), ags
        assert old[ags][2] == pop22, ags
    for kreis, (pop22, pop24, area) in data.KREIS_SUMS.items():
        assert sum(v[2] for k, v in old.items() if k.startswith(kreis)) == pop22, kreis
        assert sum(v[2] for k, v in new.items() if k.startswith(kreis)) == pop24, kreis
        assert sum(v[1] for k, v in new.items() if k.startswith(kreis)) == area, kreis
