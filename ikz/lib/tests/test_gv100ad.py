"""The GV100AD reader: positions, characters not bytes, encodings, and errors with line numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from ikz.lib import gv100ad
from ikz.lib.tests.gv100ad_lines import record, small_register


def test_reads_all_levels_with_keys_ars_and_figures() -> None:
    records, encoding = gv100ad.read(small_register())
    assert encoding == "UTF-8"
    assert [r.satzart for r in records] == ["10", "20", "40", "50", "60", "50", "60", "50", "60"]
    ruesselsheim = records[-1]
    assert ruesselsheim.key == "06433012"
    assert ruesselsheim.ars == "064330012012"
    assert ruesselsheim.verband_key == "064330012"
    assert ruesselsheim.name == "Rüsselsheim am Main, Stadt"
    assert (ruesselsheim.area_ha, ruesselsheim.population, ruesselsheim.male) == (5829, 65627, 32979)
    assert ruesselsheim.postal_code == "65428"
    assert ruesselsheim.gebietsstand == dt.date(2025, 11, 30)
    assert records[2].key == "06433" and records[2].ars == "064330000000" and records[2].seat == "Groß-Gerau"
    assert records[3].key == "064330007"


def test_umlauts_are_cut_by_characters_not_bytes() -> None:
    line = record("60", "06433012", "Rüsselsheim äöüß Budyšin", verband="0012", tk="63", population=5)
    assert len(line) == 220 and len(line.encode("utf-8")) > 220
    (parsed,) = gv100ad.read(line.encode("utf-8"))[0]
    assert parsed.name == "Rüsselsheim äöüß Budyšin"
    assert parsed.population == 5


def test_latin1_files_and_lf_endings_are_detected() -> None:
    raw = small_register().decode("utf-8").replace("\r\n", "\n").encode("iso-8859-1")
    records, encoding = gv100ad.read(raw)
    assert encoding == "ISO-8859-1"
    assert records[2].name == "Groß-Gerau"


def test_names_cut_at_fifty_characters_are_flagged() -> None:
    long_name = "Bautzen / Budyšin, Stadt, Hochschulstadt / Wysokošulske město"
    (parsed,), _ = gv100ad.read(record("60", "14625020", long_name, verband="0020", tk="63").encode())
    assert parsed.name_truncated is True
    assert parsed.name == long_name[:50]


@pytest.mark.parametrize(
    ("date", "expected"),
    [(dt.date(2025, 11, 30), dt.date(2024, 12, 31)), (dt.date(2022, 12, 31), dt.date(2022, 12, 31))],
)
def test_population_reference_date(date: dt.date, expected: dt.date) -> None:
    assert gv100ad.population_stichtag(date) == expected


def _broken(line_no: int, bad: str) -> bytes:
    lines = small_register().decode("utf-8").split("\r\n")
    lines[line_no - 1] = bad
    return "\r\n".join(lines).encode("utf-8")


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("70" + record("10", "06", "X")[2:], "Satzart „70“ ist unbekannt"),
        (
            record("60", "06433010", "Raunheim", verband="0010", tk="63").replace(
                "00000000000", "0000000x000", 1
            ),
            "Die Fläche „0000000x000“ ist keine Zahl",
        ),
        (
            record("60", "06433010", "Raunheim", verband="0010", tk="63", population=10, male=11),
            "Die Zahl der Männer (11) ist größer als die Einwohnerzahl (10)",
        ),
        (record("40", "06433", "Groß-Gerau", tk="99"), "Textkennzeichen „99“ passt nicht zu Satzart 40"),
        (record("10", "06", "Hessen") + "ü", "hat 221 Zeichen, erwartet sind 220"),
        (record("10", "06", "Hessen", stand="20221231"), "Gebietsstand 31.12.2022 weicht vom Gebietsstand"),
        (
            record("10", "06", "Hessen", stand="20251331"),
            "Der Gebietsstand „20251331“ ist kein gültiges Datum",
        ),
        (record("10", "17", "Nirgendwo"), "Die Landesnummer „17“ gibt es nicht"),
        (record("40", "06433", " ", tk="44"), "Der Name fehlt"),
        (
            record("60", "06433007", "Kelsterbach", verband="0007", tk="63"),
            "kommt doppelt vor (zuerst in Zeile 5)",
        ),
        ("60 kurz", "zu kurz"),
    ],
)
def test_a_bad_record_names_its_line_and_reason(bad: str, reason: str) -> None:
    with pytest.raises(gv100ad.RegisterError) as caught:
        gv100ad.read(_broken(7, bad))
    assert caught.value.line == 7
    assert str(caught.value).startswith("Zeile 7: ")
    assert reason in caught.value.reason


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(gv100ad.RegisterError, match="keine Datensätze"):
        gv100ad.read(b"\r\n")
