"""``python manage.py compute_neighbours [DATEI] [--ags AGS ...]``: neighbours and centres for the
partner search, from the VG250 topology (default: ``IKZ_NEIGHBOUR_FILE``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ikz.accounts.models import User
from ikz.municipalities.services.boundaries import BoundaryError
from ikz.municipalities.services.neighbours import compute_neighbours, neighbour_file


class Command(BaseCommand):
    help = (
        "Berechnet aus der VG250-Topologie (TopoJSON, Eigenschaft „AGS“), welche Gemeinden und Kreise "
        "aneinandergrenzen, und ihre Mittelpunkte – für die Partnersuche. Mehrfach ausführbar."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("datei", type=Path, nargs="?", help="Standard: IKZ_NEIGHBOUR_FILE")
        parser.add_argument("--ags", nargs="*", help="nur die Nachbarn dieser Schlüssel (Standard: alle)")
        parser.add_argument("--benutzer", help="Benutzername, der im Verlauf als Urheber steht")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["datei"] or neighbour_file()
        if not path.is_file():
            raise CommandError(f"Die Datei {path} gibt es nicht.")
        actor = None
        if options["benutzer"]:
            actor = User.objects.filter(username=options["benutzer"]).first()
            if actor is None:
                raise CommandError(f"Den Benutzer „{options['benutzer']}“ gibt es nicht.")
        try:
            summary = compute_neighbours(
                path.read_bytes(), file_name=path.name, keys=options["ags"] or None, actor=actor
            )
        except BoundaryError as exc:
            raise CommandError(f"{path.name}: {exc} Es wurde nichts gespeichert.") from None
        self.stdout.write(
            f"{path.name}: {summary.units} Einheiten, Nachbarschaften neu: {summary.added}, "
            f"entfernt: {summary.removed}, Mittelpunkte neu oder geändert: {summary.centroids}"
        )
        self.stdout.write(self.style.SUCCESS("Fertig."))
