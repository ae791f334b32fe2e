"""Rebuild the search index, e.g. after an import or for data changed outside the services."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ikz.health.services import timer_run
from ikz.jobs.services import enqueue
from ikz.search import index


class Command(BaseCommand):
    help = "Baut den Suchindex (Dokumente, Kooperationen, Lösungen, Bedarfe …) neu auf."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quelle", action="append", dest="keys", help="nur diese Quelle(n)")
        parser.add_argument(
            "--im-hintergrund",
            action="store_true",
            dest="background",
            help="als Auftrag an die Arbeitsprozesse (run_worker) geben, statt hier zu warten",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            job = enqueue(
                "search.rebuild",
                {"keys": options["keys"] or []},
                label=_("Suchindex neu aufbauen"),
                actor=None,
            )
            self.stdout.write(
                f"Auftrag {job.pk} eingereiht: der Suchindex wird im Hintergrund neu aufgebaut."
            )
            return
        with timer_run("rebuild_search_index"):  # its last success is read by /status/health.json
            count = index.rebuild(options["keys"])
        self.stdout.write(f"{count} Einträge indexiert.")
