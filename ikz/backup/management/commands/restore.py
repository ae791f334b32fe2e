"""``python manage.py restore DATEI --ja``: replaces database content and uploaded files by a backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ikz.backup.services import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Spielt eine Sicherung von `backup` zurück: ersetzt ALLE Daten und hochgeladenen Dateien. "
        "Vorher den Anwendungsserver anhalten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("datei", type=Path, help="die Sicherung (ikz-sicherung-….tar.gz)")
        parser.add_argument(
            "--ja", action="store_true", help="bestätigt, dass die vorhandenen Daten ersetzt werden"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["datei"]
        try:
            manifest = read_manifest(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not options["ja"]:
            raise CommandError(
                f"Die Sicherung vom {manifest['created_at']} ersetzt alle Daten dieser Datenbank. "
                "Zum Bestätigen mit --ja aufrufen."
            )
        try:
            result = restore_backup(path)
        except BackupError as exc:
            raise CommandError(f"Nichts geändert: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"Zurückgespielt: {path}")
            + f" ({result.rows} Datensätze, {result.files} Dateien; Zeilenzahlen geprüft)"
        )
