"""``python manage.py remind_notice_deadlines``: e-mails about notice deadlines ahead (for a daily timer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ikz.cooperation.services import DEFAULT_REMINDER_DAYS, send_notice_reminders
from ikz.health.services import timer_run


class Command(BaseCommand):
    help = (
        "Erinnert die Geschäftsstelle und die Ansprechpersonen der beteiligten Kommunen per E-Mail an "
        "Kündigungsfristen laufender Kooperationen (Standard: 90 und 30 Tage vorher; jede Erinnerung einmal)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--tage",
            "--days",
            dest="days",
            type=int,
            nargs="+",
            default=list(DEFAULT_REMINDER_DAYS),
            help="Tage vor der Frist, an denen erinnert wird (Standard: 90 30)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="nur anzeigen, nichts senden oder speichern"
        )
        parser.add_argument("--heute", "--today", dest="today", help="Stichtag JJJJ-MM-TT (Standard: heute)")

    def handle(self, *args: Any, **options: Any) -> None:
        if any(d <= 0 for d in options["days"]):
            raise CommandError("Bitte nur positive Tageszahlen angeben, z. B. --tage 90 30.")
        try:
            today = dt.date.fromisoformat(options["today"]) if options["today"] else dt.date.today()
        except ValueError as exc:
            raise CommandError("Bitte den Stichtag als JJJJ-MM-TT angeben, z. B. 2030-01-01.") from exc
        if options["dry_run"]:
            results = send_notice_reminders(today, days=options["days"], dry_run=True)
        else:
            with timer_run("remind_notice_deadlines"):  # its last success is read by /status/health.json
                results = send_notice_reminders(today, days=options["days"], dry_run=False)
        verb = "ginge" if options["dry_run"] else "vorgemerkt"
        for r in results:
            unreached = f"; nicht erreicht: {', '.join(f'{n} (keine Adresse)' for n in r.unreached)}"
            self.stdout.write(
                f"  {r.cooperation.title}: Kündigung bis {r.notice_by:%d.%m.%Y} zum {r.term_end:%d.%m.%Y} "
                f"(noch {r.days_left} Tage, Erinnerung {r.days_before} Tage vorher) – "
                f"je eine E-Mail {verb} an "
                f"{', '.join(r.recipients) or 'niemanden (keine E-Mail-Adresse hinterlegt)'}"
                f"{unreached if r.unreached else ''}"
            )
        done = "fällig" if options["dry_run"] else "zum Versand vorgemerkt"
        mails = sum(len(r.recipients) for r in results)
        summary = (
            f"{mails} Erinnerung(en) {done} (je Empfänger eine E-Mail) zu {len(results)} Frist(en), "
            f"Stichtag {today:%d.%m.%Y}."
        )
        if options["dry_run"]:
            summary += " Probelauf: nichts gesendet, nichts gespeichert."
        self.stdout.write(self.style.SUCCESS(summary))
