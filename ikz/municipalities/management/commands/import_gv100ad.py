"""``python manage.py import_gv100ad DATEI``: imports the Destatis municipal register GV100AD."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ikz.accounts.models import User
from ikz.lib import gv100ad
from ikz.municipalities.services.register import SATZART_LABELS, ImportSummary, import_register


def _date(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%d.%m.%Y").date()
    except ValueError:
        raise CommandError(f"„{value}“ ist kein Datum im Format TT.MM.JJJJ.") from None


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Importiert das Gemeindeverzeichnis GV100AD (Destatis, Festbreitenformat). "
        "Mehrfach ausführbar; eine ältere Ausgabe ergänzt nur die Einwohnerzahlen als Verlauf."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("datei", type=Path, help="GV100AD-Datei, z. B. GV100AD_30112025.txt")
        parser.add_argument(
            "--stichtag",
            type=_date,
            help="Stichtag der Einwohnerzahlen (TT.MM.JJJJ); Standard: 31.12. vor dem Gebietsstand",
        )
        parser.add_argument("--benutzer", help="Benutzername, der im Verlauf als Urheber steht")
        parser.add_argument(
            "--ohne-fortschritt", action="store_true", help="keinen Fortschrittsbalken zeigen"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["datei"]
        if not path.is_file():
            raise CommandError(f"Die Datei {path} gibt es nicht.")
        actor = None
        if options["benutzer"]:
            actor = User.objects.filter(username=options["benutzer"]).first()
            if actor is None:
                raise CommandError(f"Den Benutzer „{options['benutzer']}“ gibt es nicht.")
        progress = None if options["ohne_fortschritt"] else self._progress
        try:
            summary = import_register(
                path.read_bytes(),
                actor=actor,
                file_name=path.name,
                stichtag=options["stichtag"],
                progress=progress,
            )
        except gv100ad.RegisterError as exc:
            raise CommandError(f"{path.name}, {exc} Es wurde nichts importiert.") from None
        self._report(path, summary)

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if done >= total else ""
        sys.stderr.write(
            f"\r  [{bar}] {100 * done // max(total, 1):3d} % ({_n(done)}/{_n(total)} Datensätze){end}"
        )
        sys.stderr.flush()

    def _report(self, path: Path, summary: ImportSummary) -> None:
        out = self.stdout.write
        kind = "ältere Ausgabe: nur Verlauf ergänzt" if summary.historical_file else "aktueller Gebietsstand"
        out(
            f"{path.name}: Gebietsstand {summary.gebietsstand:%d.%m.%Y}, Einwohner zum "
            f"{summary.stichtag:%d.%m.%Y}, {summary.encoding}, {_n(summary.records)} Datensätze ({kind})"
        )
        out(f"  {'Satzart':<8}{'Ebene':<18}{'neu':>8}{'geändert':>10}{'unverändert':>13}")
        for satzart, counts in summary.counts.items():
            out(
                f"  {satzart:<8}{SATZART_LABELS[satzart]:<18}{_n(counts.created):>8}"
                f"{_n(counts.updated):>10}{_n(counts.unchanged):>13}"
            )
        out(
            f"  Einwohnerzahlen: {_n(summary.figures_created)} neu, "
            f"{_n(summary.figures_updated)} korrigiert oder ergänzt, "
            f"{_n(summary.figures_unchanged)} unverändert; aktuelle Zahl gewechselt bei "
            f"{_n(summary.current_changed)} Einheiten"
        )
        if summary.verbandsfrei:
            out(
                f"  Satzart 50 „verbandsfreie Gemeinde“ (die Gemeinde selbst, kein eigener Verband): "
                f"{_n(summary.verbandsfrei)} nicht als eigene Einheit geführt"
            )
        out(f"  Summe der Einwohner (Satzart 60): {_n(summary.population_total)}")
        if summary.marked_historical:
            out(f"  Nicht mehr im Register, als historisch markiert: {_n(summary.marked_historical)}")
        if summary.changed_anything:
            out(self.style.SUCCESS("Import abgeschlossen."))
        else:
            out(self.style.SUCCESS("Import abgeschlossen – keine Änderungen, alles war schon aktuell."))
