"""Import of the official register GV100AD: upsert, history, sums, audit, atomicity, the command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from ikz.audit.models import Action, AuditEntry
from ikz.lib import gv100ad
from ikz.lib.tests.gv100ad_lines import record, small_register
from ikz.municipalities.models import Level, Municipality, PopulationFigure
from ikz.municipalities.services import register
from ikz.municipalities.services.register import import_register

pytestmark = pytest.mark.django_db

STICHTAG_2024 = dt.date(2024, 12, 31)


def unit(key: str) -> Municipality:
    return Municipality.objects.select_related("current_population").get(key=key)


def test_first_import_creates_the_hierarchy_with_figures_and_history() -> None:
    summary = import_register(small_register(), actor=None, file_name="klein.txt")
    assert {s: (c.created, c.updated, c.unchanged) for s, c in summary.counts.items()} == {
        "10": (1, 0, 0), "20": (1, 0, 0), "30": (0, 0, 0), "40": (1, 0, 0), "50": (0, 0, 0), "60": (3, 0, 0),
    }  # fmt: skip
    ruesselsheim = unit("06433012")
    kreis = unit("06433")
    assert ruesselsheim.kind == "sonderstatusstadt"  # not marked in the register, applied from the HGO list
    assert unit("06433010").kind == "stadt"
    assert ruesselsheim.parent == kreis and ruesselsheim.kreis == kreis
    assert ruesselsheim.land == unit("06") and ruesselsheim.regierungsbezirk == unit("064")
    # In Hessen every Gemeinde is "verbandsfrei": the Satzart-50 record is the town itself and is
    # not listed a second time as a Verband.
    assert summary.verbandsfrei == 3 and ruesselsheim.verband is None
    assert not Municipality.objects.filter(level=Level.VERBAND).exists()
    assert kreis.parent == unit("064")
    assert ruesselsheim.ars == "064330012012"
    assert ruesselsheim.short_name == "Rüsselsheim am Main" and ruesselsheim.postal_code == "65428"
    assert (ruesselsheim.area_ha, ruesselsheim.area_stichtag) == (5829, STICHTAG_2024)
    figure = ruesselsheim.current_population
    assert figure is not None
    assert (figure.total, figure.male, figure.stichtag) == (65627, 32979, STICHTAG_2024)
    assert figure.source == "Destatis GV100AD, Gebietsstand 30.11.2025"
    # Kreis, RB and Land carry the sum of their Gemeinden, marked as such, and the summed area.
    assert kreis.current_population is not None
    assert kreis.current_population.total == 17375 + 16500 + 65627
    assert kreis.current_population.is_sum is True
    assert kreis.area_ha == 1537 + 1273 + 5829
    assert unit("06").current_population.total == kreis.current_population.total  # type: ignore[union-attr]
    entry = AuditEntry.objects.get(object_id=str(ruesselsheim.pk))
    assert entry.action == Action.IMPORT and entry.actor_label == "Registerimport"
    assert entry.changes["name"] == [None, "Rüsselsheim am Main, Stadt"]
    assert entry.changes["kreis"] == [None, "06433 Groß-Gerau"]
    assert "klein.txt" in entry.message and "30.11.2025" in entry.message


def test_a_second_run_changes_nothing() -> None:
    import_register(small_register(), actor=None)
    versions = dict(Municipality.objects.values_list("key", "version"))
    entries, figures = AuditEntry.objects.count(), PopulationFigure.objects.count()
    summary = import_register(small_register(), actor=None)
    assert not summary.changed_anything
    assert sum(c.unchanged for c in summary.counts.values()) == 6
    assert dict(Municipality.objects.values_list("key", "version")) == versions
    assert (AuditEntry.objects.count(), PopulationFigure.objects.count()) == (entries, figures)


def test_an_older_file_adds_history_without_touching_current_data() -> None:
    import_register(small_register(), actor=None)
    older = small_register(stand="20221231", raunheim=16542).replace(b"Raunheim, Stadt", b"Raunheim, alt  ")
    summary = import_register(older, actor=None)
    assert summary.historical_file and summary.stichtag == dt.date(2022, 12, 31)
    raunheim = unit("06433010")
    assert raunheim.name == "Raunheim, Stadt"  # master data of an older issue is not applied
    assert raunheim.current_population is not None
    assert (raunheim.current_population.total, raunheim.current_population.stichtag) == (16500, STICHTAG_2024)
    assert list(raunheim.population_figures.values_list("stichtag", "total")) == [
        (STICHTAG_2024, 16500),
        (dt.date(2022, 12, 31), 16542),
    ]
    assert summary.current_changed == 0


def test_a_newer_file_updates_master_data_keeps_local_edits_and_marks_vanished_units() -> None:
    import_register(small_register(), actor=None)
    raunheim = unit("06433010")
    Municipality.objects.filter(pk=raunheim.pk).update(street="Schulstraße 2", short_name="Raunheim (Main)")
    kelsterbach = unit("06433007")
    newer = small_register(stand="20261130", raunheim=16600).decode().split("\r\n")
    newer = [line for line in newer if "Kelsterbach" not in line]
    newer = [line.replace("Raunheim, Stadt", "Raunheim, neu  ") for line in newer]
    summary = import_register("\r\n".join(newer).encode(), actor=None)
    raunheim = unit("06433010")
    assert raunheim.name == "Raunheim, neu"
    assert (raunheim.street, raunheim.short_name) == ("Schulstraße 2", "Raunheim (Main)")
    assert raunheim.version == 2  # open edit forms now see a conflict instead of overwriting
    assert raunheim.current_population.total == 16600  # type: ignore[union-attr]
    assert raunheim.current_population.stichtag == dt.date(2025, 12, 31)  # type: ignore[union-attr]
    assert unit("06433007").is_historical and not kelsterbach.is_historical
    assert summary.marked_historical == 1
    change = AuditEntry.objects.filter(object_id=str(raunheim.pk)).order_by("-id").first()
    assert change is not None
    assert change.changes["name"] == ["Raunheim, Stadt", "Raunheim, neu"]
    assert change.changes["current_population"] == [16500, "16600 (31.12.2025)"]


def test_a_corrected_issue_corrects_the_figure_of_the_same_date() -> None:
    import_register(small_register(), actor=None)
    summary = import_register(small_register(raunheim=16510), actor=None)
    assert summary.figures_updated == 4  # Raunheim, and the sums of Kreis, RB and Land
    assert unit("06433010").current_population.total == 16510  # type: ignore[union-attr]
    assert unit("06433").current_population.total == 17375 + 16510 + 65627  # type: ignore[union-attr]


def test_a_failure_while_writing_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("Datenbank weg")

    monkeypatch.setattr(register, "_write_audit", fail)
    with pytest.raises(RuntimeError):
        import_register(small_register(), actor=None)
    assert not Municipality.objects.exists() and not PopulationFigure.objects.exists()


def test_the_command_prints_a_summary_and_stops_on_a_bad_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "GV100AD_test.txt"
    good.write_bytes(small_register())
    call_command("import_gv100ad", str(good), "--stichtag", "30.06.2025")
    out, err = capsys.readouterr()
    assert "Gebietsstand 30.11.2025, Einwohner zum 30.06.2025" in out
    assert "60      Gemeinde                 3         0            0" in out
    assert "100 % (6/6 Datensätze)" in err
    assert "(die Gemeinde selbst, kein eigener Verband): 3 nicht als eigene Einheit geführt" in out
    assert unit("06433010").current_population.stichtag == dt.date(2025, 6, 30)  # type: ignore[union-attr]

    bad = tmp_path / "kaputt.txt"
    lines = small_register(stand="20261130").decode().split("\r\n")
    lines[7] = record("60", "06433099", "Neu", verband="0099", tk="64", population=5, male=9)
    bad.write_bytes("\r\n".join(lines).encode())
    before = (Municipality.objects.count(), PopulationFigure.objects.count(), AuditEntry.objects.count())
    with pytest.raises(CommandError) as caught:
        call_command("import_gv100ad", str(bad), "--ohne-fortschritt")
    assert str(caught.value) == (
        "kaputt.txt, Zeile 8: Die Zahl der Männer (9) ist größer als die Einwohnerzahl (5). "
        "Es wurde nichts importiert."
    )
    assert (
        Municipality.objects.count(),
        PopulationFigure.objects.count(),
        AuditEntry.objects.count(),
    ) == before

    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("import_gv100ad", str(tmp_path / "fehlt.txt"))
    with pytest.raises(CommandError, match=r"kein Datum im Format TT\.MM\.JJJJ"):
        call_command("import_gv100ad", str(good), "--stichtag", "2025-06-30")


def _gemeinde_sum() -> int:
    return Municipality.objects.filter(level=Level.GEMEINDE, is_historical=False).aggregate(
        s=Sum("current_population__total")
    )["s"]


@pytest.mark.data
def test_the_national_register_2025_then_2022(shared_data: Path) -> None:
    current = (shared_data / "GV100AD_30112025.txt").read_bytes()
    summary = import_register(current, actor=None, file_name="GV100AD_30112025.txt")
    assert Municipality.objects.filter(level=Level.LAND).count() == 16
    assert Municipality.objects.filter(level=Level.KREIS).count() == 400
    assert Municipality.objects.filter(level=Level.GEMEINDE).count() == 10_953
    assert summary.counts["60"].created == 10_953
    assert _gemeinde_sum() == 83_577_140
    assert unit("06").current_population.total == sum(  # type: ignore[union-attr]
        Municipality.objects.filter(level=Level.GEMEINDE, land__key="06").values_list(
            "current_population__total", flat=True
        )
    )
    assert unit("06433012").kind == "sonderstatusstadt" and unit("06412000").kind == "kreisfreie_stadt"
    assert unit("14625020").name_truncated
    assert Municipality.objects.filter(level=Level.VERBAND).count() == 4_590 - 3_387  # without "verbandsfrei"
    adenau = unit("07131001")  # in the Verbandsgemeinde Adenau (Textkennzeichen 53)
    assert adenau.verband is not None and adenau.verband.textkennzeichen == "53"
    assert adenau.verband.current_population.is_sum  # type: ignore[union-attr]

    again = import_register(current, actor=None)
    assert not again.changed_anything

    older = import_register((shared_data / "GV100AD_31122022.txt").read_bytes(), actor=None)
    assert older.historical_file and older.current_changed == 0
    assert _gemeinde_sum() == 83_577_140  # current figures unchanged
    assert (
        PopulationFigure.objects.filter(
            stichtag=dt.date(2022, 12, 31), municipality__level=Level.GEMEINDE, is_sum=False
        ).aggregate(s=Sum("total"))["s"]
        == 84_358_845
    )
    bromskirchen = unit("06635005")  # gone since 2022: kept as a historical unit with its figure
    assert bromskirchen.is_historical
    assert bromskirchen.current_population.stichtag == dt.date(2022, 12, 31)  # type: ignore[union-attr]
    raunheim = unit("06433010")
    assert [f.stichtag.year for f in raunheim.population_figures.all()] == [2024, 2022]
    assert gv100ad.population_stichtag(dt.date(2025, 11, 30)) == STICHTAG_2024
