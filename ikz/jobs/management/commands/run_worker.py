"""``manage.py run_worker``: a queue worker (start one or more per server; docs/betrieb.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ikz.jobs import services
from ikz.jobs.worker import QueueWorker


class Command(BaseCommand):
    help = "Arbeitet die Aufträge im Hintergrund ab (E-Mails, Erinnerungen, Dokumente, Importe)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", default="", help="Name des Arbeitsprozesses (Standard: Rechner:PID)")
        parser.add_argument("--batch", action="store_true", help="Nur das Fällige abarbeiten, dann beenden")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Sekunden zwischen zwei Blicken in die Warteschlange"
        )

    def handle(self, *args: Any, name: str, batch: bool, interval: float, **options: Any) -> None:
        name = name or services.worker_name()
        if batch:
            count = QueueWorker.batch_run(name)
            self.stdout.write(f"{count} Aufträge abgearbeitet.")
            return
        worker = QueueWorker(name=name, interval=interval)
        worker.configure_signals()
        self.stdout.write(f"Arbeitsprozess {name} läuft.")
        worker.serve()
