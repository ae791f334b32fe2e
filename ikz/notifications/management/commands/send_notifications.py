"""Create the due notifications and queue their e-mails (for a timer, e.g. daily; never inside a web
request). The queue's workers (``run_worker``) send each e-mail once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ikz.health.services import timer_run
from ikz.notifications import services


class Command(BaseCommand):
    help = (
        "Sammelt fällige Erinnerungen (Fristen, Treffer, Bestätigungen) aus allen Quellen, legt sie "
        "einmal an und merkt ausstehende E-Mails zum Versand vor (die Arbeitsprozesse der "
        "Warteschlange, run_worker, versenden sie)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="nur anzeigen, nichts anlegen oder senden")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dry_run"]:
            run = services.send_due(dry_run=True)
            for item in run.planned:
                self.stdout.write(f"[{item.kind}] Person {item.user_id}: {item.text}")
            self.stdout.write(
                f"{len(run.planned)} Benachrichtigung(en) wären neu (Probelauf, nichts gesendet)."
            )
            return
        with timer_run("send_notifications"):  # its last success is read by /status/health.json
            run = services.send_due()
        self.stdout.write(
            f"{len(run.created)} neue Benachrichtigung(en), {run.mailed} E-Mail(s) zum Versand vorgemerkt."
        )
