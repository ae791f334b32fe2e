"""Import of the official municipal register (Destatis GV100AD): one transaction, upsert by key.

* The whole file is read and checked first; a malformed record stops the import with its line
  number and nothing is written.
* Units are matched by their official key. A file at least as new as the data in the database
  updates the master data; an *older* file (e.g. 2022 after 2025) adds its population figures as
  history and creates the units that no longer exist (marked historical), but changes nothing else.
* Population figures are stored with the file's reference date and source; the current figure of a
  unit is always the newest. Land, Regierungsbezirk, Kreis and Gemeindeverband get the sums of their
  Gemeinden (figure marked ``is_sum``) and the sum of their areas.
* Units of the current register that are missing from a newer file are marked ``is_historical``.
* Every created or changed unit gets one audit entry (action "importiert") with the changed fields.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from ikz.accounts.models import User
from ikz.audit.models import Action, AuditEntry
from ikz.audit.rules import JsonValue, json_value
from ikz.audit.services import actor_label
from ikz.lib import gv100ad
from ikz.municipalities import rules
from ikz.municipalities.models import Kind, Level, Municipality, PopulationFigure
from ikz.pagecache.services import bump as bump_generation

Progress = Callable[[int, int], None]
BATCH = 500

# Fields the register owns; everything else (address, contact channels, short name, share) belongs
# to the people who maintain the master data and is never overwritten by an import.
REGISTER_FIELDS = (
    "ars",
    "name",
    "level",
    "kind",
    "textkennzeichen",
    "parent",
    "land",
    "regierungsbezirk",
    "kreis",
    "verband",
    "seat",
    "area_ha",
    "area_stichtag",
    "gebietsstand",
    "is_historical",
    "name_truncated",
)
FOREIGN_KEYS = ("parent", "land", "regierungsbezirk", "kreis", "verband")
VERBANDSFREI = "50"
SATZART_LABELS = {
    "10": "Land",
    "20": "Regierungsbezirk",
    "30": "Region",
    "40": "Kreis",
    "50": "Gemeindeverband",
    "60": "Gemeinde",
}


def source_of(gebietsstand: dt.date) -> str:
    """The source text of the population figures of an issue (the demo uses the same text)."""
    return f"Destatis GV100AD, Gebietsstand {gebietsstand:%d.%m.%Y}"


def sum_source_of(gebietsstand: dt.date) -> str:
    return source_of(gebietsstand) + " (Summe der Gemeinden)"


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportSummary:
    gebietsstand: dt.date
    stichtag: dt.date
    encoding: str
    historical_file: bool
    records: int = 0
    counts: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in gv100ad.SATZARTEN})
    figures_created: int = 0
    figures_updated: int = 0
    figures_unchanged: int = 0
    current_changed: int = 0
    marked_historical: int = 0
    population_total: int = 0
    verbandsfrei: int = 0  # Satzart 50 with Textkennzeichen 50: the Gemeinde itself, not a Verband

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.figures_created
            or self.figures_updated
            or self.current_changed
            or self.marked_historical
            or any(c.created or c.updated for c in self.counts.values())
        )


class _Run:
    """State of one import: units by key, pending audit changes per unit."""

    def __init__(self, summary: ImportSummary, actor: User | None, now: dt.datetime) -> None:
        self.summary = summary
        self.actor = actor
        self.now = now
        self.by_key: dict[str, Municipality] = {}
        self.changes: dict[int, dict[str, list[JsonValue]]] = defaultdict(dict)
        self.created_ids: set[int] = set()


def _parent_of(record: gv100ad.Record, by_key: dict[str, Municipality]) -> Municipality | None:
    """The nearest existing ancestor: Kreis, then Regierungsbezirk, then Land."""
    key = record.key
    candidates = {
        "10": [],
        "20": [key[:2]],
        "30": [key[:3], key[:2]],
        "40": [key[:3], key[:2]],
        "50": [key[:5], key[:3], key[:2]],
        "60": [key[:5], key[:3], key[:2]],
    }[record.satzart]
    for candidate in candidates:
        if candidate in by_key:
            return by_key[candidate]
    return None


def _kind(record: gv100ad.Record) -> str:
    if record.satzart in {"10", "20", "30"}:
        return {"10": Kind.LAND, "20": Kind.REGIERUNGSBEZIRK, "30": Kind.REGION}[record.satzart].value
    _level, kind = rules.TEXTKENNZEICHEN[record.textkennzeichen]
    return rules.register_kind(record.key, kind)


def _wanted(
    record: gv100ad.Record,
    by_key: dict[str, Municipality],
    areas: dict[str, int],
    stichtag: dt.date,
    historical: bool,
) -> dict[str, object]:
    """The register's values of a unit (foreign keys as ``<name>_id``)."""
    key = record.key
    satzart = record.satzart

    def unit_id(candidate: str | None) -> int | None:
        unit = by_key.get(candidate) if candidate else None
        return unit.pk if unit else None

    parent = _parent_of(record, by_key)
    area = record.area_ha if satzart == "60" else areas.get(key)
    return {
        "ars": record.ars,
        "name": record.name,
        "level": record.level,
        "kind": _kind(record),
        "textkennzeichen": record.textkennzeichen,
        "parent_id": parent.pk if parent else None,
        "land_id": unit_id(key[:2]) if satzart != "10" else None,
        "regierungsbezirk_id": unit_id(key[:3]) if satzart >= "30" else None,
        "kreis_id": unit_id(key[:5]) if satzart >= "50" else None,
        "verband_id": unit_id(record.verband_key) if satzart == "60" else None,
        "seat": record.seat,
        "area_ha": area,
        "area_stichtag": stichtag if area is not None else None,
        "gebietsstand": record.gebietsstand,
        "is_historical": historical,
        "name_truncated": record.name_truncated,
    }


def _wanted_names() -> list[str]:
    return [f"{name}_id" if name in FOREIGN_KEYS else name for name in REGISTER_FIELDS]


def _sums(records: Sequence[gv100ad.Record]) -> tuple[dict[str, int], dict[str, int]]:
    """Population and area of every Land, RB, Kreis and Verband as the sum of its Gemeinden."""
    population: dict[str, int] = defaultdict(int)
    area: dict[str, int] = defaultdict(int)
    for record in records:
        if record.satzart != "60":
            continue
        for key in {record.key[:2], record.key[:3], record.key[:5], record.verband_key}:
            if record.population is not None:
                population[key] += record.population
            if record.area_ha is not None:
                area[key] += record.area_ha
    return dict(population), dict(area)


def _upsert_units(
    run: _Run,
    records: Sequence[gv100ad.Record],
    areas: dict[str, int],
    progress: Progress | None,
) -> None:
    summary = run.summary
    done = 0
    for satzart in gv100ad.SATZARTEN:
        group = [r for r in records if r.satzart == satzart]
        to_create: list[Municipality] = []
        to_update: list[Municipality] = []
        for index, record in enumerate(group, start=1):
            if progress and index % 1000 == 0:
                progress(done + index, len(records))
            wanted = _wanted(record, run.by_key, areas, summary.stichtag, summary.historical_file)
            unit = run.by_key.get(record.key)
            if unit is None:
                short = rules.short_name(record.name)
                unit = Municipality(
                    key=record.key,
                    short_name=short,
                    postal_code=record.postal_code,
                    city=short if satzart == "60" else "",
                    **wanted,
                )
                to_create.append(unit)
                continue
            if summary.historical_file:
                summary.counts[satzart].unchanged += 1
                continue
            diff = {
                name: [getattr(unit, name), value]
                for name, value in wanted.items()
                if json_value(getattr(unit, name)) != json_value(value)
            }
            if not diff:
                summary.counts[satzart].unchanged += 1
                continue
            if "name" in diff and unit.short_name == rules.short_name(unit.name):
                new_short = rules.short_name(record.name)
                diff["short_name"] = [unit.short_name, new_short]
                unit.short_name = new_short
            for name, (_old, new) in diff.items():
                setattr(unit, name, new)
            unit.version += 1
            unit.updated_at = run.now
            to_update.append(unit)
            run.changes[unit.pk].update(
                {
                    name.removesuffix("_id"): [json_value(old), json_value(new)]
                    for name, (old, new) in diff.items()
                }
            )
            summary.counts[satzart].updated += 1
        for start in range(0, len(to_create), BATCH):
            created = Municipality.objects.bulk_create(to_create[start : start + BATCH])
            for unit in created:
                run.by_key[unit.key or ""] = unit
                run.created_ids.add(unit.pk)
                run.changes[unit.pk].update(
                    {
                        name.removesuffix("_id"): [None, json_value(getattr(unit, name))]
                        for name in ("key", *_wanted_names())
                        if getattr(unit, name) not in (None, "")
                    }
                )
        summary.counts[satzart].created += len(to_create)
        if to_update:
            fields = sorted({*REGISTER_FIELDS, "short_name", "version", "updated_at"})
            Municipality.objects.bulk_update(to_update, fields, batch_size=BATCH)
        done += len(group)
        if progress:
            progress(done, len(records))


def _mark_vanished(run: _Run, present: set[str]) -> None:
    """Units of an older Gebietsstand that the newer file no longer lists become historical."""
    vanished = [
        unit
        for key, unit in run.by_key.items()
        if key not in present
        and not unit.is_historical
        and unit.level != Level.ORGANISATION
        and (unit.gebietsstand is None or unit.gebietsstand < run.summary.gebietsstand)
    ]
    for unit in vanished:
        unit.is_historical = True
        unit.version += 1
        unit.updated_at = run.now
        run.changes[unit.pk]["is_historical"] = [False, True]
    Municipality.objects.bulk_update(vanished, ["is_historical", "version", "updated_at"], batch_size=BATCH)
    run.summary.marked_historical = len(vanished)


def _store_figures(run: _Run, records: Sequence[gv100ad.Record], sum_population: dict[str, int]) -> set[int]:
    """Add (or correct) the population figures of this issue; returns the units whose figures changed."""
    summary = run.summary
    source = source_of(summary.gebietsstand)
    sum_source = sum_source_of(summary.gebietsstand)
    wanted: dict[tuple[int, str], tuple[int, int | None]] = {}
    for record in records:
        if record.satzart == "60" and record.population is not None:
            unit = run.by_key[record.key]
            wanted[(unit.pk, source)] = (record.population, record.male)
    for key, total in sum_population.items():
        parent = run.by_key.get(key)
        if parent is not None and parent.level != Level.GEMEINDE:
            wanted[(parent.pk, sum_source)] = (total, None)

    existing = {
        (f.municipality_id, f.source): f
        for f in PopulationFigure.objects.filter(stichtag=summary.stichtag, source__in=[source, sum_source])
    }
    date_label = f"Einwohnerzahl {summary.stichtag:%d.%m.%Y}"
    to_create: list[PopulationFigure] = []
    to_update: list[PopulationFigure] = []
    touched: set[int] = set()
    for (unit_id, figure_source), (total, male) in wanted.items():
        figure = existing.get((unit_id, figure_source))
        if figure is None:
            to_create.append(
                PopulationFigure(
                    municipality_id=unit_id,
                    stichtag=summary.stichtag,
                    total=total,
                    male=male,
                    source=figure_source,
                    is_sum=figure_source == sum_source,
                    created_by=run.actor,
                )
            )
            run.changes[unit_id][date_label] = [None, f"{total} ({figure_source})"]
        elif (figure.total, figure.male) != (total, male):
            if figure.total != total:
                run.changes[unit_id][date_label] = [figure.total, total]
            if figure.male != male:
                run.changes[unit_id][f"{date_label}, davon männlich"] = [figure.male, male]
            figure.total, figure.male = total, male
            to_update.append(figure)
        else:
            summary.figures_unchanged += 1
            continue
        touched.add(unit_id)
    PopulationFigure.objects.bulk_create(to_create, batch_size=BATCH)
    PopulationFigure.objects.bulk_update(to_update, ["total", "male"], batch_size=BATCH)
    summary.figures_created = len(to_create)
    summary.figures_updated = len(to_update)
    return touched


def _refresh_current(run: _Run, unit_ids: set[int]) -> None:
    """Point every touched unit at its newest figure (the rule of :func:`rules.current_figure`)."""
    figures: dict[int, list[rules.Figure]] = defaultdict(list)
    ids = sorted(unit_ids)
    for start in range(0, len(ids), BATCH):
        rows = PopulationFigure.objects.filter(municipality_id__in=ids[start : start + BATCH]).values_list(
            "id", "municipality_id", "stichtag", "total"
        )
        for pk, unit_id, stichtag, total in rows:
            figures[unit_id].append(rules.Figure(stichtag, total, pk))
    units = {unit.pk: unit for unit in run.by_key.values() if unit.pk in unit_ids}
    old_figures = dict(
        PopulationFigure.objects.filter(
            pk__in=[u.current_population_id for u in units.values() if u.current_population_id]
        ).values_list("pk", "total")
    )
    changed: list[Municipality] = []
    for unit_id, unit in units.items():
        chosen = rules.current_figure(figures[unit_id])
        new_id = chosen.recorded if chosen else None
        if unit.current_population_id == new_id:
            continue
        old_total = old_figures.get(unit.current_population_id) if unit.current_population_id else None
        unit.current_population_id = new_id
        unit.updated_at = run.now
        changed.append(unit)
        run.changes[unit_id]["current_population"] = [
            old_total,
            f"{chosen.total} ({chosen.stichtag:%d.%m.%Y})" if chosen else None,
        ]
    _update_current(changed)
    run.summary.current_changed = len([u for u in changed if u.pk not in run.created_ids])


def _update_current(units: Sequence[Municipality]) -> None:
    """One prepared UPDATE per unit (``bulk_update``'s CASE expressions are slow for 10,000 rows)."""
    meta = Municipality._meta
    column = meta.get_field("current_population").column
    updated = meta.get_field("updated_at").column
    sql = f"UPDATE {meta.db_table} SET {column} = %s, {updated} = %s WHERE {meta.pk.column} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                (u.current_population_id, connection.ops.adapt_datetimefield_value(u.updated_at), u.pk)
                for u in units
            ],
        )


def _write_audit(run: _Run, message: str) -> None:
    content_type = ContentType.objects.get_for_model(Municipality)
    label = actor_label(run.actor, fallback="Registerimport")
    by_id = {unit.pk: unit for unit in run.by_key.values()}
    entries = [
        AuditEntry(
            at=run.now,
            actor=run.actor,
            actor_label=label,
            action=Action.IMPORT,
            content_type=content_type,
            object_id=str(unit_id),
            object_repr=str(by_id[unit_id])[:300],
            changes=_labelled(changes, by_id),
            message=message[:500],
        )
        for unit_id, changes in run.changes.items()
        if changes
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
    bump_generation()  # the audit entries bypass record(): cached pages end here too (decision 205)


def _labelled(
    changes: dict[str, list[JsonValue]], by_id: dict[int, Municipality]
) -> dict[str, list[JsonValue]]:
    """Foreign keys in the audit trail as "key name" instead of database ids."""

    def label(value: JsonValue) -> JsonValue:
        unit = by_id.get(value) if isinstance(value, int) else None
        return f"{unit.key} {unit.short_name}" if unit else value

    return {
        name: [label(old), label(new)] if name in FOREIGN_KEYS else [old, new]
        for name, (old, new) in changes.items()
    }


def import_register(
    raw: bytes,
    *,
    actor: User | None,
    file_name: str = "",
    stichtag: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import a GV100AD file (its bytes). Raises :class:`gv100ad.RegisterError` before writing anything."""
    records, encoding = gv100ad.read(raw)
    gebietsstand = records[0].gebietsstand
    # A "verbandsfreie Gemeinde" (Satzart 50, Textkennzeichen 50; every Gemeinde in Hessen) is the
    # Gemeinde itself. As a unit of its own it would list every such town twice.
    units = [r for r in records if not (r.satzart == "50" and r.textkennzeichen == VERBANDSFREI)]
    population, areas = _sums(records)
    with transaction.atomic():
        existing = {
            unit.key: unit
            for unit in Municipality.objects.select_for_update().filter(key__isnull=False)
            if unit.key
        }
        newest = max(
            (u.gebietsstand for u in existing.values() if u.gebietsstand and not u.is_historical),
            default=None,
        )
        summary = ImportSummary(
            gebietsstand=gebietsstand,
            stichtag=stichtag or gv100ad.population_stichtag(gebietsstand),
            encoding=encoding,
            historical_file=newest is not None and gebietsstand < newest,
            records=len(records),
            verbandsfrei=len(records) - len(units),
            population_total=sum(r.population or 0 for r in records if r.satzart == "60"),
        )
        run = _Run(summary, actor, timezone.now())
        run.by_key = existing
        _upsert_units(run, units, areas, progress)
        if not summary.historical_file:
            _mark_vanished(run, {r.key for r in units})
        touched = _store_figures(run, records, population)
        _refresh_current(run, touched)
        kind = "historischer " if summary.historical_file else ""
        _write_audit(
            run,
            f"{kind}GV100AD-Import {file_name} (Gebietsstand {gebietsstand:%d.%m.%Y}, "
            f"Einwohner zum {summary.stichtag:%d.%m.%Y})".replace("  ", " "),
        )
    return summary
