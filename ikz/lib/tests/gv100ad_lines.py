"""Build GV100AD records for tests: the same fixed-width layout as the Destatis file."""

from __future__ import annotations


def record(
    satzart: str,
    key: str,
    name: str,
    *,
    stand: str = "20251130",
    verband: str = "",
    seat: str = "",
    tk: str = "",
    area: int | None = None,
    population: int | None = None,
    male: int | None = None,
    plz: str = "",
) -> str:
    """One 220-character record. ``key`` is the AGS-like key (Land … Gemeinde) of the unit."""
    land, rb, kreis, gemeinde = key[:2], key[2:3], key[3:5], key[5:8]
    if satzart == "30":
        kreis = key[3:4].ljust(2)
    line = (
        satzart
        + stand
        + land
        + rb.ljust(1)
        + kreis.ljust(2)
        + gemeinde.ljust(3)
        + verband.ljust(4)
        + name[:50].ljust(50)
        + seat[:50].ljust(50)
        + tk.ljust(2)
        + " " * 4
    )
    if satzart == "60":
        line += f"{area or 0:011d}{population or 0:011d}{male or 0:011d}" + " " * 4 + plz.ljust(5) + " " * 5
    return line.ljust(220)


def small_register(stand: str = "20251130", raunheim: int = 16500, extra: list[str] | None = None) -> bytes:
    """Hessen → Darmstadt → Kreis Groß-Gerau with three Gemeinden, CRLF, UTF-8."""
    lines = [
        record("10", "06", "Hessen", stand=stand, seat="Wiesbaden"),
        record("20", "064", "Reg.-Bez. Darmstadt", stand=stand, seat="Darmstadt"),
        record("40", "06433", "Groß-Gerau", stand=stand, seat="Groß-Gerau", tk="44"),
        record("50", "06433", "Kelsterbach, Stadt", stand=stand, verband="0007", tk="50"),
        record(
            "60",
            "06433007",
            "Kelsterbach, Stadt",
            stand=stand,
            verband="0007",
            tk="63",
            area=1537,
            population=17375,
            male=8800,
            plz="65451",
        ),
        record("50", "06433", "Raunheim, Stadt", stand=stand, verband="0010", tk="50"),
        record(
            "60",
            "06433010",
            "Raunheim, Stadt",
            stand=stand,
            verband="0010",
            tk="63",
            area=1273,
            population=raunheim,
            male=8300,
            plz="65479",
        ),
        record("50", "06433", "Rüsselsheim am Main, Stadt", stand=stand, verband="0012", tk="50"),
        record(
            "60",
            "06433012",
            "Rüsselsheim am Main, Stadt",
            stand=stand,
            verband="0012",
            tk="63",
            area=5829,
            population=65627,
            male=32979,
            plz="65428",
        ),
        *(extra or []),
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
