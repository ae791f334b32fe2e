"""Bulk-generated national test data on top of the imported register
(decision "National test data: density per Gemeinde, one random stream per Kreis")."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ikz.demo.national import Progress, analyze, seed_national


class Command(BaseCommand):
    help = (
        "Erzeugt Testdaten in nationaler Größe (eine Region je Kreis, 50.000 Kooperationen …) "
        "auf dem importierten Gemeinderegister. Deterministisch (--seed)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = national, 0.0025 = ein Kreis")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--kreis", help="nur dieser Kreis (amtlicher Schlüssel, z. B. 06433)")
        parser.add_argument(
            "--density", type=float, default=1.0, help="Vielfaches der Datensätze je Gemeinde (Standard 1)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            summary = seed_national(
                scale=options["scale"],
                seed=options["seed"],
                kreis=options["kreis"],
                density=options["density"],
                progress=Progress(enabled=options["verbosity"] > 0),
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        analyze()
        counts = ", ".join(f"{n} {key}" for key, n in summary.counts.items())
        self.stdout.write(f"seed_national: {counts} in {time.perf_counter() - started:.0f} s")
