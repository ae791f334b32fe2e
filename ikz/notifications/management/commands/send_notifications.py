"""Send the due notifications (for a timer, e.g. daily; never inside a web request)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ikz.notifications import services


class Command(BaseCommand):
    help = (
        "Sammelt fällige Erinnerungen (Fristen, Treffer, Bestätigungen) aus allen Quellen, legt sie "
        "einmal an und verschickt ausstehende E-Mails."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="nur anzeigen, nichts anlegen oder senden")

    def handle(self, *args: Any, **options: Any) -> None:
        run = services.send_due(dry_run=options["dry_run"])
        if options["dry_run"]:
            for item in run.planned:
                self.stdout.write(f"[{item.kind}] Person {item.user_id}: {item.text}")
            self.stdout.write(
                f"{len(run.planned)} Benachrichtigung(en) wären neu (Probelauf, nichts gesendet)."
            )
            return
        self.stdout.write(f"{len(run.created)} neue Benachrichtigung(en), {run.mailed} E-Mail(s) gesendet.")
