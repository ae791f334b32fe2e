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


def _timed(functions: dict[str, object], repeat: int) -> dict[str, tuple[float, float]]:
    """(median, best) in ms per function; the functions take turns in every round, so that load
    from other processes on the machine hits all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            start = time.perf_counter()
            function()  # type: ignore[operator]
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: (statistics.median(t), min(t)) for name, t in times.items()}


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
    timed = _timed({"loop": plain_decimal_loop, "allocate": rule}, args.repeat)
    (baseline, baseline_best), (measured, measured_best) = timed["loop"], timed["allocate"]
    with_text = _timed({"calculate": explained}, max(1, args.repeat // 5))["calculate"][0]
    result = {
        "municipalities": count,
        "total": str(TOTAL),
        "repeat": args.repeat,
        "decimal_loop_ms": round(baseline, 2),
        "decimal_loop_best_ms": round(baseline_best, 2),
        "allocate_ms": round(measured, 2),
        "allocate_best_ms": round(measured_best, 2),
        "ratio": round(measured / baseline, 2),
        "ratio_best": round(measured_best / baseline_best, 2),
        "goal_ratio": 3,
        "calculate_with_explanations_ms": round(with_text, 2),
        "calculate_ratio": round(with_text / baseline, 2),
    }
    verdict = "erreicht" if measured_best / baseline_best <= 3 else "verfehlt"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "allocate.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    lines = [
        f"# Umlage über alle {count} Gemeinden nach Einwohnern ({path.name})",
        "",
        "| Messung | Median (ms) | bester Lauf (ms) | Verhältnis (Median / bester Lauf) |",
        "|---|---:|---:|---:|",
        f"| Decimal-Schleife (exakte Anteile, ohne Rundung) | {baseline:.2f} | {baseline_best:.2f} | 1 / 1 |",
        f"| `rules.allocate` (centgenau, größte Reste) | {measured:.2f} | {measured_best:.2f} | "
        f"{measured / baseline:.2f} / {measured_best / baseline_best:.2f} |",
        f"| `rules.calculate` (mit Rechenweg je Kommune) | {with_text:.2f} | – | "
        f"{with_text / baseline:.2f} / – |",
        "",
        f"Ziel: `allocate` höchstens 3× die Decimal-Schleife (bester Lauf) – {verdict}.",
    ]
    (RESULTS / "allocate.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
