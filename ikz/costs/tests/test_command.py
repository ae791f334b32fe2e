"""The ``allocate`` command: the table in German number format, JSON, and refusals on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ikz.costs.models import Allocation
from ikz.municipalities.models import Kind, Level, SizeClass
from ikz.test import add_population, make_unit


def run(*args: str) -> str:
    out = StringIO()
    call_command("allocate", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def three(world):
    """The worked example of domain-reference § 6: 6,500 / 12,000 / 25,000 inhabitants."""
    units = []
    for i, population in enumerate([6500, 12000, 25000], start=1):
        unit = make_unit(f"0643390{i}", f"Beispiel {i}", Level.GEMEINDE, Kind.GEMEINDE, world.kreis)
        add_population(unit, population)
        units.append(unit.key)
    return units


def test_table_of_the_worked_example(three):
    out = run("--total", "80000", "--base", "10", "--by", "population", "--stichtag", "2024-12-31", *three)
    assert "13.425,29" in out and "22.528,73" in out and "44.045,98" in out
    assert "80.000,00" in out and "10 % Sockelbetrag" in out
    assert not Allocation.objects.exists()


def test_json_output(three):
    data = json.loads(run("--total", "100000", "--by", "equal", "--json", *three))
    assert [s["amount"] for s in data["shares"]] == ["33333.34", "33333.33", "33333.33"]
    assert data["sum"] == "100000.00"


def test_cases_from_a_csv_file(world, three, tmp_path: Path):
    path = tmp_path / "faelle.csv"
    path.write_text(f"AGS;Fälle\n{three[0]};30\n{three[1]};10\n", encoding="utf-8")
    data = json.loads(run("--total", "4000", "--by", "cases", str(path), "--json"))
    assert data["key"] == "100 % nach Fallzahlen"
    assert {s["ags"]: s["amount"] for s in data["shares"]} == {three[0]: "3000.00", three[1]: "1000.00"}


def test_cases_as_a_three_year_average(world, three, tmp_path: Path):
    path = tmp_path / "faelle.csv"
    rows = [f"{three[0]};{y};{n}" for y, n in ((2022, 10), (2023, 20), (2024, 30))]  # average 20
    rows += [f"{three[1]};{y};60" for y in (2022, 2023, 2024)]  # average 60
    path.write_text("\n".join(rows), encoding="utf-8")
    out = run("--total", "8000", "--by", "cases", str(path))
    assert "2.000,00" in out and "6.000,00" in out and "Durchschnitt 2022, 2023, 2024" in out
    path.write_text(f"{three[0]};2023;5\n{three[1]};2024;5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="fehlen die Fallzahlen für 2024"):
        run("--total", "100", "--by", "cases", str(path))


def test_size_classes_of_a_region(world, three):
    for position, (lower, upper) in enumerate([(6000, 8000), (10000, 15000), (24000, 27000)], start=1):
        SizeClass.objects.create(
            region=world.region, position=position, label=f"{lower}", lower=lower, upper=upper
        )
    # contiguous classes with weights 1 / 2 / 3: 6,500 → 1, 12,000 → 2, 25,000 → 3; €6,000 → 1,000 / 2,000 / 3,000
    data = json.loads(
        run(
            "--total",
            "6000",
            "--by",
            "class",
            "--region",
            world.region.slug,
            "--stichtag",
            "2024-12-31",
            "--json",
            *three,
        )
    )
    assert [s["amount"] for s in data["shares"]] == ["1000.00", "2000.00", "3000.00"]


@pytest.mark.parametrize(
    "args,message",
    [
        (["--total", "-1", "--by", "equal"], "nicht negativ"),
        (["--total", "100", "--by", "population", "--stichtag", "2022-12-31"], "fehlt die Einwohnerzahl"),
        (["--total", "100", "--by", "equal", "--base", "101"], "zwischen 0 und 100"),
        (["--total", "100", "--by", "equal", "DUP"], "doppelt"),
        (["--total", "100", "--by", "equal", "99999999"], "Unbekannter AGS: 99999999"),
    ],
)
def test_bad_input_is_refused(three, args, message):
    ags = list(three)
    if "DUP" in args:
        args = [a for a in args if a != "DUP"]
        ags.append(three[0])
    with pytest.raises(CommandError, match=message):
        run(*args, *ags)
    assert not Allocation.objects.exists()


def test_weights_summing_to_zero_are_refused(world, tmp_path: Path):
    path = tmp_path / "null.csv"
    path.write_text(f"{world.kommune_a.key};0\n{world.kommune_b.key};0\n", encoding="utf-8")
    with pytest.raises(CommandError, match="ergeben zusammen null"):
        run("--total", "100", "--by", "cases", str(path))


def test_command_line_exit_status_and_stderr(tmp_path: Path):
    """Run as a process: the message goes to stderr, the exit status is not zero."""
    env = {
        "IKZ_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'leer.sqlite3'}",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "allocate", "--total", "80000", "--by", "population", "06433010"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        check=False,
    )
    assert done.returncode != 0
    assert "Bitte mit --stichtag angeben, welcher Stichtag der Einwohnerzahl gilt." in done.stderr
    assert done.stdout == ""
