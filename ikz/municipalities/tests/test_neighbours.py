"""Neighbours from the real VG250 topology of ../shared/data: Groß-Gerau borders Mörfelden-Walldorf
and Nauheim, not Raunheim; a second run changes nothing; the command and a bad file."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ikz.audit.models import AuditEntry
from ikz.municipalities import services
from ikz.municipalities.models import Centroid, Kind, Level, Municipality, Neighbour
from ikz.municipalities.services.boundaries import BoundaryError
from ikz.test import make_unit

FILE = "vg250_gemeinden_kreise_laender_simplified.topojson"


@pytest.fixture
def topojson(shared_data: Path) -> Path:
    path = shared_data / FILE
    if not path.is_file():
        pytest.skip(f"{FILE} fehlt unter {shared_data}.")
    return path


def _units() -> dict[str, Municipality]:
    land = make_unit("06", "Hessen", Level.LAND, Kind.LAND)
    kreis = make_unit("06433", "Groß-Gerau", Level.KREIS, Kind.LANDKREIS, land)
    names = {
        "06433006": "Groß-Gerau",
        "06433008": "Mörfelden-Walldorf",
        "06433009": "Nauheim",
        "06433010": "Raunheim",
    }
    return {key: make_unit(key, name, Level.GEMEINDE, Kind.STADT, kreis) for key, name in names.items()}


def _neighbours(unit: Municipality) -> set[str]:
    return set(Neighbour.objects.filter(municipality=unit).values_list("neighbour__name", flat=True))


@pytest.mark.django_db
def test_gross_gerau_borders_moerfelden_walldorf_and_nauheim(topojson: Path) -> None:
    units = _units()
    summary = services.compute_neighbours(topojson.read_bytes(), file_name=FILE, keys=["06433006"])
    gg, mw = units["06433006"], units["06433008"]
    assert _neighbours(gg) == {"Mörfelden-Walldorf", "Nauheim"}
    assert _neighbours(mw) == {"Groß-Gerau"}  # only the pairs of the asked unit; Mörfelden's others later
    assert (summary.units, summary.added, summary.removed) == (1, 4, 0)
    # the centres of every known unit, Kreis included; Groß-Gerau lies about 10 km from Mörfelden
    assert Centroid.objects.count() == 5
    centre = Centroid.objects.get(municipality=gg)
    assert (round(centre.latitude, 1), round(centre.longitude, 1)) == (49.9, 8.5)
    entry = AuditEntry.objects.get(object_id=str(gg.pk), message__startswith="Nachbarschaften")
    assert entry.changes == {"Nachbarn": [None, "Mörfelden-Walldorf; Nauheim"]}

    again = services.compute_neighbours(topojson.read_bytes(), file_name=FILE, keys=["06433006"])
    assert (again.added, again.removed, again.centroids) == (0, 0, 0)

    # all units: Mörfelden-Walldorf and Raunheim get theirs; a pair no longer in the file goes
    Neighbour.objects.create(municipality=gg, neighbour=units["06433010"], source_file="alt")
    Neighbour.objects.create(municipality=units["06433010"], neighbour=gg, source_file="alt")
    out = StringIO()
    call_command("compute_neighbours", str(topojson), stdout=out)
    assert _neighbours(gg) == {"Mörfelden-Walldorf", "Nauheim"}
    assert "entfernt: 2" in out.getvalue()


@pytest.mark.django_db
def test_a_file_that_is_no_topology_is_refused_with_nothing_written(tmp_path: Path) -> None:
    _units()
    with pytest.raises(BoundaryError, match="TopoJSON-Topologie"):
        services.compute_neighbours(b'{"type": "FeatureCollection", "features": []}', file_name="x.json")
    bad = tmp_path / "kaputt.topojson"
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(CommandError, match="keine lesbare TopoJSON-Datei"):
        call_command("compute_neighbours", str(bad), stdout=StringIO())
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("compute_neighbours", str(tmp_path / "fehlt.topojson"), stdout=StringIO())
    assert services.compute_neighbours_from_file(["06433006"], path=tmp_path / "fehlt.topojson") is None
    assert not Neighbour.objects.exists() and not Centroid.objects.exists()
