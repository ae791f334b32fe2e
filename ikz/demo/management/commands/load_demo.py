"""``python manage.py load_demo``: loads the demo of Kreis Groß-Gerau and K4K eG (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ikz.demo import data
from ikz.demo.services import demo_logins, load_demo


class Command(BaseCommand):
    help = "Lädt die Demodaten (Kreis Groß-Gerau, K4K eG). Mehrfach ausführbar, legt nichts doppelt an."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = load_demo(progress=lambda text: self.stdout.write(f"  {text}"))
        if summary.created:
            for what, n in summary.created.items():
                self.stdout.write(f"  angelegt: {n} {what}")
        else:
            self.stdout.write("  Demodaten waren bereits vollständig vorhanden – nichts geändert.")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("IKZ-Plattform (Demo): http://127.0.0.1:8000/"))
        self.stdout.write(f"Demo-Zugänge (Passwort für alle: {data.DEMO_PASSWORD}):")
        for role, username, who in demo_logins():
            self.stdout.write(f"  {role:<30} {username:<22} {who}")
        self.stdout.write(
            "Back-Office (Django-Admin) für die Geschäftsstelle: http://127.0.0.1:8000/verwaltung/"
        )
