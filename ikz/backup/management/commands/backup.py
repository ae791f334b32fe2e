"""``python manage.py backup``: a consistent, dated backup of the database and the uploaded files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ikz.backup.services import BackupError, create_backup
from ikz.health.services import timer_run


class Command(BaseCommand):
    help = (
        "Schreibt eine Sicherung (Datenbank und hochgeladene Dateien) als "
        "ikz-sicherung-JJJJ-MM-TT_HHMMSS.tar.gz in den Zielordner."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--ziel",
            type=Path,
            default=None,
            help="Zielordner (Vorgabe: IKZ_BACKUP_DIR, sonst ./backups)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = options["ziel"] or Path(settings.IKZ_BACKUP_DIR)
        try:
            with timer_run("backup"):  # its last success is read by /status/health.json
                result = create_backup(target)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Sicherung geschrieben: {result.path}")
            + f" ({result.rows} Datensätze, {result.files} Dateien)"
        )
        if result.missing:
            self.stderr.write(
                self.style.WARNING(
                    f"{len(result.missing)} Datei(en), auf die Datensätze verweisen, fehlen im "
                    "Dateispeicher und sind nicht in der Sicherung (im Manifest unter „missing“): "
                    + ", ".join(result.missing[:5])
                    + (" …" if len(result.missing) > 5 else "")
                )
            )
