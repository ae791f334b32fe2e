"""Programmes from a CSV table through the import pages: the federal labels read, unknown values
named by row and column, a second upload of the same file changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ikz.funding.models import Programme
from ikz.imports.models import Status
from ikz.imports.tests.helpers import confirm, upload
from ikz.test import World

pytestmark = pytest.mark.django_db
HEAD = (
    "Programm;Kurzbeschreibung;Fördergeber;Zuwendungsgeber;Förderart;Förderbereich;Förderberechtigte;"
    "Fördergebiet;Förderquote (%);Höchstbetrag;Einwohner ab;Einwohner bis;Mindestzahl Kommunen;Ausschlüsse;Fundstelle"
)


def _csv(*lines: str) -> bytes:
    return ("\ufeff" + HEAD + "\r\n" + "".join(line + "\r\n" for line in lines)).encode("utf-8")


def test_programmes_import_with_the_federal_value_lists(world: World) -> None:
    client = world.client_for("office")
    bad = upload(
        client,
        "foerderprogramme",
        world.region.pk,
        "programme.csv",
        _csv("Digitale Dörfer;;Kommune;;Geschenk;Digitalisierung;Kommune;Hessen;80;;;;;;"),
    )
    assert bad.status == Status.FAILED
    page = client.get(reverse("imports:run_detail", args=[bad.pk])).content.decode()
    assert "Zeile 2, Spalte „Fördergeber“: Bitte „Bund“, „EU“ oder „Land“ angeben." in page
    assert "Zeile 2, Spalte „Förderart“: „Geschenk“ steht nicht in der Werteliste des Bundes." in page
    assert not Programme.objects.exists()

    good = _csv(
        'Digitale Dörfer;Kleine Kommunen digital;Land;HMdI;Zuschuss;"Digitalisierung; Smart Cities & Regionen";'
        "Kommune;Hessen;80;200.000;;20.000;2;;https://example.org/dd"
    )
    run = upload(client, "foerderprogramme", world.region.pk, "programme.csv", good)
    assert run.status == Status.READY, client.get(
        reverse("imports:run_detail", args=[run.pk])
    ).content.decode()[-3000:]
    confirm(client, run)
    programme = Programme.objects.get()
    assert (programme.giver, programme.kinds, programme.areas, programme.territories) == (
        "land",
        ["zuschuss"],
        ["digitalisierung", "smart_cities"],
        ["06"],
    )
    assert (programme.max_population, programme.min_partners, programme.region) == (20000, 2, world.region)
    again = upload(client, "foerderprogramme", world.region.pk, "programme.csv", good)
    assert again.counts.get("unchanged") == 1 and not again.counts.get("change"), again.counts
