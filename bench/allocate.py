"""Benchmark of the cost allocation: a total over every Gemeinde of the register, by population.

Compares :func:`ikz.costs.rules.allocate` (exact shares, floored to the cent, the remaining cents by
largest remainder with a deterministic tie-break) with a plain ``Decimal`` loop that computes the
same exact shares ``total × E_i / ΣE`` without any rounding. Goal: at most 3× that loop. Also
measures :func:`ikz.costs.rules.calculate`, which adds the explanation (formula in words) per
municipality, for information.

Reads the GV100AD register file directly with ``ikz.lib.gv100ad`` (no database needed).
Usage: python bench/allocate.py [REGISTER] [--repeat 15]
Writes bench/results/allocate.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikz.settings")
os.environ.setdefault("IKZ_DEBUG", "1")

TOTAL = Decimal("123456789.01")


def _timed(function, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "register", nargs="?", default=str(ROOT.parent / "shared" / "data" / "GV100AD_30112025.txt")
    )
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    path = Path(args.register)
    if not path.exists():
        print(f"Registerdatei {path} fehlt: Messung übersprungen.")
        return 0

    import django

    django.setup()
    from ikz.costs import rules
    from ikz.lib import gv100ad

    records, _encoding = gv100ad.read(path.read_bytes())
    populations = {r.key: r.population for r in records if len(r.key) == 8 and r.population is not None}
    count = len(populations)

    def plain_decimal_loop() -> dict[str, Decimal]:
        total_population = Decimal(sum(populations.values()))
        return {key: TOTAL * Decimal(p) / total_population for key, p in populations.items()}

    def rule() -> dict[str, Decimal]:
        return rules.allocate(TOTAL, populations)

    parties = [rules.Party(key, key, population=p) for key, p in populations.items()]
    key = rules.Key((rules.Component(rules.POPULATION),))

    def explained() -> rules.Result:
        return rules.calculate(TOTAL, key, parties)

    shares = rule()
    assert sum(shares.values()) == TOTAL, "Summe weicht ab"
    exact = plain_decimal_loop()
    assert all(abs(shares[k] - exact[k]) < Decimal("0.01") for k in shares), "Anteil weicht um einen Cent ab"
    baseline = _timed(plain_decimal_loop, args.repeat)
    measured = _timed(rule, args.repeat)
    with_text = _timed(explained, max(1, args.repeat // 2))
    result = {
        "municipalities": count,
        "total": str(TOTAL),
        "repeat": args.repeat,
        "decimal_loop_ms": round(baseline, 2),
        "allocate_ms": round(measured, 2),
        "ratio": round(measured / baseline, 2),
        "goal_ratio": 3,
        "calculate_with_explanations_ms": round(with_text, 2),
        "calculate_ratio": round(with_text / baseline, 2),
    }
    verdict = "erreicht" if measured / baseline <= 3 else "verfehlt"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "allocate.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    lines = [
        f"# Umlage über alle {count} Gemeinden nach Einwohnern ({path.name})",
        "",
        "| Messung | Median (ms) | Verhältnis zur Decimal-Schleife |",
        "|---|---:|---:|",
        f"| Decimal-Schleife (exakte Anteile, ohne Rundung) | {baseline:.2f} | 1,00 |",
        f"| `rules.allocate` (centgenau, größte Reste) | {measured:.2f} | {measured / baseline:.2f} |",
        f"| `rules.calculate` (mit Rechenweg je Kommune) | {with_text:.2f} | {with_text / baseline:.2f} |",
        "",
        f"Ziel: `allocate` höchstens 3× die Decimal-Schleife – {verdict}.",
    ]
    (RESULTS / "allocate.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
