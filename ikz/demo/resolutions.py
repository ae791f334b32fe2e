"""Seed 003, IKZ-Grundsatzbeschlüsse of the 15 municipalities, and the boundaries for the map.

The seed shows the principle resolutions only as a map ("Grundsatzbeschlüsse zur interkommunalen
Zusammenarbeit im Kreis Groß-Gerau") with a four-part legend; its text copy lost which municipality
has which symbol. Known from the seed's press article (Mainspitze, 25.10.2013): Raunheim,
Rüsselsheim and Kelsterbach adopted a principle resolution in a joint session of their parliaments
in autumn 2013. Everything else (outcomes of the other twelve, all dates) is chosen for the demo,
uses all four legend categories, and says so in the source field.

Boundaries: the Hessen extracts of BKG VG250 (Gemeinden and Kreise) are imported for the region's
members if they exist under ``settings.IKZ_SHARED_DATA_DIR``; otherwise the map is left out. The
files are never copied into the repository.

Idempotent: what exists is left alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings

from ikz.accounts.models import User
from ikz.demo import citations
from ikz.demo.context import DemoContext
from ikz.imports import registry
from ikz.imports import services as import_services
from ikz.imports.models import Status
from ikz.lib.exports import Cell, Table, to_csv
from ikz.municipalities.services.boundaries import import_boundaries
from ikz.resolutions import rules
from ikz.resolutions.models import Body, Outcome, Resolution, Subject

PRESS = (
    f"{citations.PRESS_2013} (gemeinsame Parlamentssitzung Raunheim, "
    "Rüsselsheim, Kelsterbach; Grundsatzbeschluss gefasst); Sitzungsdatum illustrativ"
)
ILLUSTRATIVE = (
    "Illustrativ: Die Karte im Vortrag „IKZ mit System“ („Grundsatzbeschlüsse zur interkommunalen "
    "Zusammenarbeit im Kreis Groß-Gerau“) ist ohne Zuordnung überliefert; Ergebnis und Datum sind "
    "für die Demo gewählt."
)
JOINT_SESSION = dt.date(2013, 10, 21)  # illustrative: the article of 25.10.2013 reports it as done
C, E, N, P = Outcome.ADOPTED_COUNCIL, Outcome.ADOPTED_EXECUTIVE, Outcome.NOTED, Outcome.NOT_PLANNED

# AGS → (outcome, session date, from the press article)
RESOLUTIONS: dict[str, tuple[str, dt.date | None, bool]] = {
    "06433012": (C, JOINT_SESSION, True),  # Rüsselsheim am Main
    "06433010": (C, JOINT_SESSION, True),  # Raunheim
    "06433007": (C, JOINT_SESSION, True),  # Kelsterbach
    "06433005": (C, dt.date(2013, 12, 12), False),  # Ginsheim-Gustavsburg
    "06433002": (N, dt.date(2014, 1, 20), False),  # Bischofsheim
    "06433008": (E, dt.date(2013, 11, 25), False),  # Mörfelden-Walldorf
    "06433006": (C, dt.date(2014, 2, 13), False),  # Groß-Gerau
    "06433003": (N, dt.date(2014, 2, 3), False),  # Büttelborn
    "06433014": (C, dt.date(2014, 3, 20), False),  # Trebur
    "06433009": (P, None, False),  # Nauheim
    "06433011": (E, dt.date(2013, 12, 9), False),  # Riedstadt
    "06433004": (C, dt.date(2014, 3, 27), False),  # Gernsheim
    "06433001": (P, None, False),  # Biebesheim am Rhein
    "06433013": (C, dt.date(2014, 4, 10), False),  # Stockstadt am Rhein
    "06433": (C, dt.date(2014, 3, 24), False),  # Kreis Groß-Gerau
}
BOUNDARY_FILES = (
    ("vg250_gemeinden_hessen_simplified.geojson", "gemeinde"),
    ("vg250_kreise_hessen_simplified.geojson", "kreis"),
)
BOUNDARY_STAND = dt.date(2025, 1, 1)  # VG250, most likely Stand 01.01.2025 (shared/data/README.md §5b)


def load(ctx: DemoContext) -> None:
    """Create what is missing: the office imports the table of the principle resolutions as a CSV
    file through the import pages' services (upload, check, apply), which create each resolution
    through the resolutions services, so everything is audited as an import by the office."""
    office = ctx.users.get("geschaeftsstelle")
    existing = set(
        Resolution.objects.filter(subject=Subject.PRINCIPLE, municipality__key__in=RESOLUTIONS).values_list(
            "municipality__key", flat=True
        )
    )
    rows: list[list[Cell]] = []
    for key, (outcome, date, from_press) in RESOLUTIONS.items():
        if key in existing:
            continue
        unit = ctx.units[key]
        bodies = rules.bodies_for(unit.kind)
        assert bodies is not None, unit
        council, executive = bodies
        rows.append(
            [
                key,
                str(Body(executive if outcome in (E, N) else council).label),
                date,
                str(Outcome(outcome).label),
                "Gemeinsame Sitzung der Stadtverordnetenversammlungen" if from_press else "",
                PRESS if from_press else ILLUSTRATIVE,
            ]
        )
    if rows and office is not None:
        _import(ctx, office, rows)
        ctx.summary.add("Grundsatzbeschlüsse", len(rows))
    _load_boundaries(ctx)


def _import(ctx: DemoContext, office: User, rows: list[list[Cell]]) -> None:
    """Upload, check and apply the table as the office does on the import page."""
    kind = registry.get("beschluesse")
    scope = kind.scope(office, ctx.region.pk, write=True)
    table = Table(
        title="IKZ-Grundsatzbeschlüsse",
        columns=["AGS", "Gremium", "Sitzungsdatum", "Ergebnis", "Anmerkung", "Quelle"],
        rows=rows,
    )
    run = import_services.start_run(
        kind, scope, "grundsatzbeschluesse-2013-2014.csv", to_csv(table), actor=office
    )
    while run.status == Status.CHECKING:
        run = import_services.check_next(run.pk, kind, scope, actor=office)
    if run.status != Status.READY:
        raise RuntimeError(f"Demo-Import der Beschlüsse mit Fehlern: {run.problems}")
    import_services.apply_run(run.pk, kind, scope, expected_version=run.version, actor=office)


def _load_boundaries(ctx: DemoContext) -> None:
    folder = Path(settings.IKZ_SHARED_DATA_DIR)
    keys = [
        m.municipality.key for m in ctx.region.members.select_related("municipality") if m.municipality.key
    ]
    for name, level in BOUNDARY_FILES:
        path = folder / name
        if not path.is_file():
            continue
        summary = import_boundaries(
            path.read_bytes(), file_name=name, source_date=BOUNDARY_STAND, level=level, keys=keys
        )
        if summary.created or summary.updated:
            ctx.summary.add("Gebietsgrenzen", summary.created + summary.updated)
