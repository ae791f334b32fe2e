"""A national, bulk-generated test data set on top of the imported municipal register
(``manage.py seed_national``; decision "National test data: density per Gemeinde, one random
stream per Kreis"). Deterministic: the same ``seed`` gives the same rows. Nothing here is real:
every title says "(Testdaten)".

Densities are per Gemeinde (the national totals divided by the register's 10,953 Gemeinden) and
every Kreis draws from a random stream of its own, seeded with the seed and the Kreis key. So the
region of a Kreis is the same, row for row, in a one-Kreis set (``--kreis`` or ``--scale 0.0025``)
and in the national set; what grows with the scale is the number of regions and therefore the
size of every table. That is what makes the benchmark's national/small comparison fair."""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction

from ikz.audit.models import Action
from ikz.audit.services import record
from ikz.cooperation.models import Cooperation, CooperationField, Participant, ParticipantStatus, TaskArea
from ikz.documents.models import DocType, Document, Visibility
from ikz.interests.models import CallStatus, InterestCall, Topic
from ikz.membership.models import Cooperative, Member
from ikz.municipalities.models import Level, Municipality, Region, RegionMember
from ikz.projects.models import Milestone, Participation, ParticipationStatus, Project, Status
from ikz.search import rules as search_rules
from ikz.search.models import SearchEntry
from ikz.surveys.models import Campaign, CampaignStatus

# National totals at scale 1.0 (issue 9).
TOTALS = {
    "cooperations": 50_000,
    "participants": 250_000,
    "projects": 5_000,
    "participations": 60_000,
    "milestones": 20_000,
    "members": 2_000,
    "documents": 20_000,
}
FIELDS = 60
GEMEINDEN = 10_953  # Gemeinden of the national register (GV100AD 30.11.2025): the density divisor
KREISE = 400  # about as many Kreise as the register has; scale 0.0025 = one Kreis
BATCH = 2_000
SLUG_PREFIX = "seed-"
# Subject words of the generated texts (also of bench/search.py): about 8 % of the documents contain
# each, like real subject words; the rest of a text comes from FILLER.
WORDS = [
    "Beschaffung",
    "Beschaffungen",
    "Vergabe",
    "Vergabezentrum",
    "Ausschreibung",
    "Gebühren",
    "Gebühr",
    "Straße",
    "Straßenreinigung",
    "Bauhof",
    "Winterdienst",
    "Streusalz",
    "Landschaftspflege",
    "Naturschutz",
    "Standesamt",
    "Personal",
    "Bezügeabrechnung",
    "Kasse",
    "Haushalt",
    "Feuerwehr",
    "Ausrüstung",
    "Gaststätten",
    "Spielhallen",
    "Kontrolle",
    "Digitalisierung",
    "Akte",
    "Dokumentenmanagement",
    "Rechenzentrum",
    "Kommune",
    "Kommunen",
    "Kreis",
    "Vereinbarung",
    "Zweckverband",
    "Kooperation",
    "Zusammenarbeit",
    "Bericht",
    "Projekt",
    "Lenkungsgruppe",
    "Geschäftsstelle",
    "Fördermittel",
    "Energie",
    "Strom",
    "Gas",
    "Einkauf",
    "Schule",
    "Kita",
    "Jugend",
    "Sport",
    "Kultur",
    "Vertragsmanagement",
]
FILLER = [f"begriff{i:04d}" for i in range(5000)]


@dataclass
class SeedSummary:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, n: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


class Progress:
    """A plain progress bar on stderr (no dependency): one line per stage, redrawn in place."""

    def __init__(self, stream: Any = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        width = 30
        filled = width if total == 0 else int(width * done / total)
        self.stream.write(f"\r{stage:<16} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _bulk(model: type[models.Model], rows: Sequence[models.Model], stage: str, progress: Progress) -> None:
    for start in range(0, len(rows), BATCH):
        model._default_manager.bulk_create(rows[start : start + BATCH], batch_size=BATCH)
        progress(stage, min(start + BATCH, len(rows)), len(rows))
    if not rows:
        progress(stage, 0, 0)


def _kreise(scale: float, kreis_key: str | None) -> list[Municipality]:
    kreise = Municipality.objects.filter(level=Level.KREIS, is_historical=False).order_by("key")
    if kreis_key:
        kreise = kreise.filter(key=kreis_key)
    found = [k for k in kreise if Municipality.objects.filter(kreis=k, level=Level.GEMEINDE).exists()]
    if kreis_key:
        return found
    return found[: max(1, round(KREISE * scale))]


def _fields() -> list[CooperationField]:
    """The demo's fields if loaded, topped up to about 60 with seeded ones."""
    fields = list(CooperationField.objects.order_by("pk"))
    if len(fields) < FIELDS:
        area, _ = TaskArea.objects.get_or_create(name="Testdaten (seed_national)", defaults={"position": 99})
        existing = set(CooperationField.objects.filter(task_area=area).values_list("name", flat=True))
        CooperationField.objects.bulk_create(
            [
                CooperationField(task_area=area, name=f"Testfeld {i:02d}", position=i)
                for i in range(1, FIELDS - len(fields) + 1)
                if f"Testfeld {i:02d}" not in existing
            ]
        )
        fields = list(CooperationField.objects.order_by("pk"))
    return fields


def _text(rnd: random.Random, words: int) -> str:
    return " ".join(rnd.sample(rnd.choices(WORDS, k=4) + rnd.choices(FILLER, k=words - 4), words))


@dataclass
class _Seeding:
    """What every stage of :func:`seed_national` works on: the seeded regions, the Gemeinden of each
    (by region pk), the random stream of each region's Kreis and the fields to draw from."""

    regions: list[Region]
    members_of: dict[int, list[Municipality]]
    rng: dict[int, random.Random]
    fields: list[CooperationField]
    density: float
    progress: Progress
    summary: SeedSummary

    def share(self, key: str, region: Region) -> int:
        """The region's part of a national total: per Gemeinde, at least one."""
        return max(1, round(self.density * TOTALS[key] * len(self.members_of[region.pk]) / GEMEINDEN))


@transaction.atomic
def seed_national(
    *,
    scale: float = 1.0,
    seed: int = 2026,
    kreis: str | None = None,
    density: float = 1.0,
    progress: Progress | None = None,
) -> SeedSummary:
    """Seed one region per Kreis (all, the first ``scale`` × 400, or only ``kreis``). ``density``
    multiplies the rows per Gemeinde (the query-budget test grows one region with it).

    The stages run in a fixed order, each drawing from the regions' random streams in turn: that
    order is part of what makes the same seed give the same rows."""
    progress = progress or Progress(enabled=False)
    summary = SeedSummary()
    kreise = _kreise(scale, kreis)
    if not kreise:
        raise ValueError("Keine Kreise mit Gemeinden: zuerst import_gv100ad ausführen (oder load_demo).")
    if Region.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        raise ValueError("seed_national wurde in dieser Datenbank schon ausgeführt.")
    fields = _fields()
    regions, members_of = _seed_regions(kreise, progress, summary)
    # One random stream per Kreis: its region comes out the same in every selection of Kreise.
    rng = {r.pk: random.Random(f"{seed}:{k.key}") for r, k in zip(regions, kreise, strict=True)}
    seeding = _Seeding(regions, members_of, rng, fields, density, progress, summary)
    _seed_cooperations(seeding)
    _seed_projects(seeding)
    _seed_members(seeding)
    _seed_campaigns_and_calls(seeding)
    _seed_documents(seeding)
    _index_documents(seeding)

    # Audit: one entry per seeded region, naming what was generated into it.
    message = f"seed_national (seed {seed}, scale {scale}): bulk-generated test data"
    for region in regions:
        record(region, Action.IMPORT, actor=None, label="seed_national", message=message)
    return summary


def _seed_regions(
    kreise: list[Municipality], progress: Progress, summary: SeedSummary
) -> tuple[list[Region], dict[int, list[Municipality]]]:
    """One region per Kreis with the Kreis's Gemeinden as members; the regions (in Kreis order) and
    the Gemeinden of each by region pk."""
    regions, members_of = [], {}
    gemeinden_by_kreis: dict[int, list[Municipality]] = {}
    for g in Municipality.objects.filter(level=Level.GEMEINDE, kreis__in=kreise).order_by("key"):
        gemeinden_by_kreis.setdefault(g.kreis_id, []).append(g)  # type: ignore[arg-type]
    for k in kreise:
        regions.append(
            Region(
                name=f"IKZ {k.name} {k.key} (Testdaten)",
                slug=f"{SLUG_PREFIX}{k.key}",
                description="seed_national",
            )
        )
    _bulk(Region, regions, "Regionen", progress)
    regions = list(Region.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug"))
    region_members = []
    for region, k in zip(regions, kreise, strict=True):
        members_of[region.pk] = gemeinden_by_kreis.get(k.pk, [])
        for pos, g in enumerate(members_of[region.pk], start=1):
            region_members.append(
                RegionMember(region=region, municipality=g, position=pos, short_label=f"G{pos}")
            )
    _bulk(RegionMember, region_members, "Mitglieder Reg.", progress)
    summary.add("regions", len(regions))
    summary.add("region members", len(region_members))
    return regions, members_of


def _seed_cooperations(run: _Seeding) -> None:
    """Cooperations and their participants (5 each where the region has 5 Gemeinden)."""
    coops = []
    for region in run.regions:
        rnd = run.rng[region.pk]
        for i in range(run.share("cooperations", region)):
            coops.append(
                Cooperation(
                    region=region,
                    field=rnd.choice(run.fields),
                    title=f"Kooperation {i + 1} (Testdaten)",
                    description=_text(rnd, 20),
                    since_year=rnd.randint(2000, 2025),
                    position=i,
                )
            )
    _bulk(Cooperation, coops, "Kooperationen", run.progress)
    coop_rows = (
        Cooperation.objects.filter(region__in=run.regions).values_list("pk", "region_id").order_by("pk")
    )
    per_coop = round(TOTALS["participants"] / TOTALS["cooperations"])
    statuses = (
        [ParticipantStatus.EXISTS] * 6 + [ParticipantStatus.PLANNED] * 3 + [ParticipantStatus.CONSIDERED]
    )
    participants = []
    for coop_id, region_id in coop_rows:
        towns, rnd = run.members_of[region_id], run.rng[region_id]
        for n, town in enumerate(rnd.sample(towns, min(per_coop, len(towns)))):
            participants.append(
                Participant(
                    cooperation_id=coop_id, municipality=town, status=rnd.choice(statuses), is_lead=n == 0
                )
            )
    _bulk(Participant, participants, "Beteiligte", run.progress)
    run.summary.add("cooperations", len(coops))
    run.summary.add("participants", len(participants))


def _seed_projects(run: _Seeding) -> None:
    """Projects, participations (12 each), milestones (4 each)."""
    projects = []
    for region in run.regions:
        rnd = run.rng[region.pk]
        for i in range(run.share("projects", region)):
            projects.append(
                Project(
                    region=region,
                    field=rnd.choice(run.fields),
                    title=f"Projekt {i + 1} (Testdaten)",
                    status=rnd.choice(Status.values),
                    year=rnd.randint(2013, 2026),
                    introduction=_text(rnd, 30),
                    lead_municipality=rnd.choice(run.members_of[region.pk])
                    if run.members_of[region.pk]
                    else None,
                )
            )
    _bulk(Project, projects, "Projekte", run.progress)
    project_rows = list(
        Project.objects.filter(region__in=run.regions).values_list("pk", "region_id").order_by("pk")
    )
    per_project = round(TOTALS["participations"] / TOTALS["projects"])
    per_project_milestones = round(TOTALS["milestones"] / TOTALS["projects"])
    participations, milestones = [], []
    start = dt.date(2020, 1, 1)
    for project_id, region_id in project_rows:
        towns, rnd = run.members_of[region_id], run.rng[region_id]
        for town in rnd.sample(towns, min(per_project, len(towns))):
            participations.append(
                Participation(
                    project_id=project_id, municipality=town, status=rnd.choice(ParticipationStatus.values)
                )
            )
        for m in range(per_project_milestones):
            planned = start + dt.timedelta(days=rnd.randrange(2500))
            milestones.append(
                Milestone(
                    project_id=project_id,
                    title=f"Meilenstein {m + 1}",
                    planned=planned,
                    reached=planned if rnd.random() < 0.4 else None,
                )
            )
    _bulk(Participation, participations, "Projektbeteil.", run.progress)
    _bulk(Milestone, milestones, "Meilensteine", run.progress)
    run.summary.add("projects", len(projects))
    run.summary.add("participations", len(participations))
    run.summary.add("milestones", len(milestones))


def _seed_members(run: _Seeding) -> None:
    """Members of the cooperative (the demo's, or a seeded one)."""
    cooperative = Cooperative.objects.order_by("pk").first()
    if cooperative is None:
        cooperative = Cooperative.objects.create(
            name="Test-eG (Testdaten)", short_name="Test-eG", city="Teststadt"
        )
    members: list[Member] = []
    for region in run.regions:
        rnd, towns = run.rng[region.pk], run.members_of[region.pk]
        for town in rnd.sample(towns, min(run.share("members", region), len(towns))):
            members.append(
                Member(
                    cooperative=cooperative,
                    municipality=town,
                    number=f"S{town.key}",
                    legal_name=town.name,
                    official_key=town.key or "",
                    admitted_on=dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(4000)),
                    source="seed_national",
                )
            )
    _bulk(Member, members, "Genossenschaft", run.progress)
    run.summary.add("members", len(members))


def _seed_campaigns_and_calls(run: _Seeding) -> None:
    """Campaigns and interest calls: one of each per region (with three topics)."""
    campaigns = [
        Campaign(
            region=r,
            title="Bestandsaufnahme (Testdaten)",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 12, 31),
            deadline=dt.date(2026, 6, 30),
            status=CampaignStatus.OPEN,
        )
        for r in run.regions
    ]
    _bulk(Campaign, campaigns, "Bestandsaufn.", run.progress)
    calls = [
        InterestCall(
            region=r,
            title="Interessenbekundung (Testdaten)",
            deadline=dt.date(2026, 9, 30),
            status=CallStatus.OPEN,
        )
        for r in run.regions
    ]
    _bulk(InterestCall, calls, "Interessenbek.", run.progress)
    topics = []
    for call in InterestCall.objects.filter(region__in=run.regions).order_by("pk"):
        rnd = run.rng[call.region_id]
        for i in range(3):
            topic_field = rnd.choice(run.fields)
            topics.append(
                Topic(
                    call=call,
                    label=f"Thema {i + 1}",
                    task_area_id=topic_field.task_area_id,
                    field=topic_field,
                    position=i,
                )
            )
    _bulk(Topic, topics, "Themen", run.progress)
    run.summary.add("campaigns", len(campaigns))
    run.summary.add("interest calls", len(calls))


def _seed_documents(run: _Seeding) -> None:
    """Documents with text (about 300 words); :func:`_index_documents` makes them searchable."""
    visibilities = [Visibility.PUBLIC, Visibility.REGION, Visibility.MEMBERS, Visibility.INTERNAL]
    documents = []
    for region in run.regions:
        towns, rnd = run.members_of[region.pk], run.rng[region.pk]
        for i in range(run.share("documents", region)):
            documents.append(
                Document(
                    title=" ".join(rnd.choices(WORDS, k=2) + rnd.choices(FILLER, k=2))
                    + f" (Testdaten {i + 1})",
                    doc_type=rnd.choice(DocType.values),
                    date=dt.date(2013, 1, 1) + dt.timedelta(days=rnd.randrange(4700)),
                    visibility=visibilities[i % 4],
                    region=region,
                    owner=rnd.choice(towns) if towns else None,
                    description=_text(rnd, 300),
                    source="seed_national",
                )
            )
    _bulk(Document, documents, "Dokumente", run.progress)
    run.summary.add("documents", len(documents))


def _index_documents(run: _Seeding) -> None:
    """The search entries of the seeded documents (on PostgreSQL with their text vectors)."""
    postgres = connection.vendor == "postgresql"
    entries = [
        SearchEntry(
            source="document",
            object_id=d.pk,
            title=d.title[:300],
            body=d.description,
            url=f"/dokumente/{d.pk}/",
            kind=d.doc_type, region_id=d.region_id, year=d.date.year,
            tokens="" if postgres else search_rules.token_text(d.title, d.description),
        )
        for d in Document.objects.filter(region__in=run.regions).only(
            "pk", "title", "description", "doc_type", "date", "region_id"
        )
    ]  # fmt: skip
    _bulk(SearchEntry, entries, "Suchindex", run.progress)
    if postgres:
        fold = "replace(replace(replace(replace(lower({}), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss')"
        with connection.cursor() as cursor:  # the same as ikz.search.index (folded, weighted A/B)
            cursor.execute(
                "UPDATE search_searchentry SET vector = "  # noqa: S608 - constant SQL, no user input
                f"setweight(to_tsvector('german', {fold.format('title')}), 'A') || "
                f"setweight(to_tsvector('german', {fold.format('body')}), 'B') "
                "WHERE vector IS NULL AND source = 'document'"
            )


def analyze() -> None:
    """Fresh planner statistics after a bulk load (both databases support ANALYZE). On PostgreSQL
    also VACUUM, which marks the freshly written pages all-visible: without that, every index-only
    scan (e.g. the access sub-queries of the search) fetches each row from the table until
    autovacuum comes by. Must run outside a transaction."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


ProgressFn = Callable[[str, int, int], None]
