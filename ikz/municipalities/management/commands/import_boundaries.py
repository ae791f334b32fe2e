"""``python manage.py import_boundaries DATEI [--ebene gemeinde|kreis|land]``: boundaries for maps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ikz.accounts.models import User
from ikz.municipalities.services.boundaries import LEVEL_KEY_LENGTH, BoundaryError, import_boundaries

SHOWN_UNKNOWN = 10


def _date(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%d.%m.%Y").date()
    except ValueError:
        raise CommandError(f"„{value}“ ist kein Datum im Format TT.MM.JJJJ.") from None


class Command(BaseCommand):
    help = (
        "Importiert Gebietsgrenzen (GeoJSON-FeatureCollection oder TopoJSON, Eigenschaft „AGS“) für die "
        "Karten. Mehrfach ausführbar; unbekannte Schlüssel werden gezählt und gemeldet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("datei", type=Path, help="z. B. vg250_gemeinden_hessen_simplified.geojson")
        parser.add_argument(
            "--ebene",
            choices=sorted(LEVEL_KEY_LENGTH),
            help="nur Gemeinden (8-stelliger AGS), Kreise (5) oder Länder (2); "
            "bei TopoJSON mit mehreren Ebenen die gleichnamige Ebene",
        )
        parser.add_argument(
            "--stand", type=_date, help="Stand der Daten (TT.MM.JJJJ); Standard: Änderungsdatum der Datei"
        )
        parser.add_argument("--benutzer", help="Benutzername, der im Verlauf als Urheber steht")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["datei"]
        if not path.is_file():
            raise CommandError(f"Die Datei {path} gibt es nicht.")
        actor = None
        if options["benutzer"]:
            actor = User.objects.filter(username=options["benutzer"]).first()
            if actor is None:
                raise CommandError(f"Den Benutzer „{options['benutzer']}“ gibt es nicht.")
        stand = options["stand"] or dt.date.fromtimestamp(path.stat().st_mtime)
        try:
            summary = import_boundaries(
                path.read_bytes(), file_name=path.name, source_date=stand, level=options["ebene"], actor=actor
            )
        except BoundaryError as exc:
            raise CommandError(f"{path.name}: {exc} Es wurde nichts importiert.") from None
        out = self.stdout.write
        out(f"{path.name} (Stand {stand:%d.%m.%Y}): {summary.features} Gebiete in der Datei")
        out(
            f"  neu: {summary.created}, geändert: {summary.updated}, unverändert: {summary.unchanged}, "
            f"unbekannt: {summary.unknown}"
        )
        if summary.other_level:
            out(f"  andere Ebene, übersprungen: {summary.other_level}")
        if summary.empty:
            out(f"  ohne Fläche, übersprungen: {summary.empty}")
        if summary.unknown_keys:
            shown = ", ".join(summary.unknown_keys[:SHOWN_UNKNOWN])
            more = (
                f" und {summary.unknown - SHOWN_UNKNOWN} weitere" if summary.unknown > SHOWN_UNKNOWN else ""
            )
            out(f"  Schlüssel, die das Register nicht kennt: {shown}{more}")
        if summary.changed_anything:
            out(self.style.SUCCESS("Import abgeschlossen."))
        else:
            out(self.style.SUCCESS("Import abgeschlossen – keine Änderungen, alles war schon aktuell."))
