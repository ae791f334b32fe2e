"""Rebuild the search index, e.g. after an import or for data changed outside the services."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ikz.search import index


class Command(BaseCommand):
    help = "Baut den Suchindex (Dokumente, Kooperationen, Lösungen, Bedarfe …) neu auf."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quelle", action="append", dest="keys", help="nur diese Quelle(n)")

    def handle(self, *args: Any, **options: Any) -> None:
        count = index.rebuild(options["keys"])
        self.stdout.write(f"{count} Einträge indexiert.")
