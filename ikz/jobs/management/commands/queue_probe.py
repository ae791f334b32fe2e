"""``manage.py queue_probe``: queue a probe job and wait for a worker to finish it (docs/betrieb.md:
is the queue alive end to end?)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ikz.jobs import services
from ikz.jobs.models import Job, JobStatus


class Command(BaseCommand):
    help = (
        "Stellt einen Probeauftrag in die Warteschlange und wartet, bis ein Arbeitsprozess ihn erledigt "
        "hat (prüft die Warteschlange von Ende zu Ende)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--sekunden", type=float, default=0.0, help="So lange wartet der Auftrag (Standard 0)"
        )
        parser.add_argument(
            "--nicht-warten", action="store_true", help="Nur einstellen und die Nummer des Auftrags ausgeben"
        )
        parser.add_argument("--frist", type=float, default=120.0, help="Höchstens so lange warten (Sekunden)")

    def handle(self, *args: Any, sekunden: float, nicht_warten: bool, frist: float, **options: Any) -> None:
        job = services.enqueue(
            "jobs.probe", {"seconds": sekunden}, label=f"Probeauftrag ({sekunden:g} s)", actor=None
        )
        if nicht_warten:
            self.stdout.write(str(job.pk))
            return
        deadline = time.monotonic() + frist
        while time.monotonic() < deadline:
            job = Job.objects.get(pk=job.pk)
            if job.status in (JobStatus.DONE, JobStatus.FAILED):
                break
            time.sleep(0.5)
        else:
            raise CommandError(
                f"Probeauftrag {job.pk} nach {frist:g} s nicht erledigt (Stand: {job.get_status_display()}). "
                "Läuft ein Arbeitsprozess (manage.py run_worker)?"
            )
        if job.status == JobStatus.FAILED:
            raise CommandError(f"Probeauftrag {job.pk} fehlgeschlagen: {job.reason}")
        self.stdout.write(f"Probeauftrag {job.pk}: {job.result}")
