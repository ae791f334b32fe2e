"""``python manage.py reset_2fa BENUTZERNAME --grund "…"``: switches two-factor authentication off
for a person who lost the phone and the recovery codes (recorded in the history)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ikz.accounts.models import User
from ikz.accounts.services import remove_totp


class Command(BaseCommand):
    help = (
        "Setzt die Zwei-Faktor-Anmeldung eines Kontos zurück (Telefon verloren). Die Person meldet sich "
        "danach mit dem Passwort an und richtet die App neu ein. Vorher die Identität prüfen!"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("benutzername")
        parser.add_argument("--grund", required=True, help="Anlass für den Verlauf, z. B. die Ticketnummer")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["benutzername"]).first()
        if user is None:
            raise CommandError(f"Kein Konto mit dem Benutzernamen {options['benutzername']!r}.")
        if not remove_totp(user, actor=None, reason=options["grund"]):
            raise CommandError(f"Für {user.username} ist keine Zwei-Faktor-Anmeldung eingerichtet.")
        self.stdout.write(
            self.style.SUCCESS(f"Zwei-Faktor-Anmeldung von {user.username} zurückgesetzt.")
            + " Die Person meldet sich jetzt nur mit dem Passwort an."
        )
