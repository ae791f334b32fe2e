"""Reading the inventory for pages and exports, with a fixed number of queries whatever its size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import Role, RoleAssignment
from ikz.cooperation import rules
from ikz.cooperation.models import (
    BoardMeeting,
    Cooperation,
    CooperationField,
    LegalForm,
    Notice,
    Operation,
    OperationPeriod,
    Participant,
    ParticipantStatus,
    ParticipationSpan,
    TaskArea,
)
from ikz.cooperation.queries.deadlines import NOTICE, Deadline, board_meetings_of, deadlines_of
from ikz.lib.exports import Cell, Table
from ikz.lib.stand import Stand
from ikz.municipalities.models import ContactPerson, Level, Municipality, Region, RegionMember


def status_labels() -> dict[str, str]:
    return {key: str(label) for key, label in ParticipantStatus.choices}


def columns_of(region: Region) -> list[tuple[int, str, str, str]]:
    """(municipality id, short label, name, AGS) of the members in the region's order."""
    return [
        (m.municipality_id, m.short_label, m.municipality.name, m.municipality.key or "")
        for m in RegionMember.objects.filter(region=region)
        .select_related("municipality")
        .order_by("position")
    ]


def _dates_of(c: Cooperation) -> rules.CooperationDates:
    return rules.CooperationDates(c.recorded_on, c.started_on, c.ended_on, c.since_year)


SpanDates = list[tuple[dt.date, dt.date | None]]


def spans_by_cooperation(cooperations: QuerySet[Cooperation]) -> dict[int, dict[int, SpanDates]]:
    """The operating spans of ``cooperations`` per cooperation and municipality — one query."""
    found: dict[int, dict[int, SpanDates]] = {}
    for cooperation_id, municipality_id, joined_on, left_on in ParticipationSpan.objects.filter(
        cooperation__in=cooperations.values("pk")
    ).values_list("cooperation_id", "municipality_id", "joined_on", "left_on"):
        found.setdefault(cooperation_id, {}).setdefault(municipality_id, []).append((joined_on, left_on))
    return found


def participants_on(c: Cooperation, spans: dict[int, SpanDates], day: dt.date) -> list[tuple[int, str, bool]]:
    """(municipality id, status, lead) of ``c``'s participants as of ``day`` (``c.participants``
    prefetched): the inventory rows with their joining and leaving, and for a municipality with
    operating spans those spans — also when it has left and its inventory row is gone."""
    dates = _dates_of(c)
    shown: list[tuple[int, str, bool]] = []
    rows = {p.municipality_id: p for p in c.participants.all()}
    for municipality_id in sorted(set(rows) | set(spans)):
        p = rows.get(municipality_id)
        status = p.status if p is not None else ParticipantStatus.EXISTS
        own = spans.get(municipality_id)
        if own and status == ParticipantStatus.EXISTS:
            member = rules.Membership(status, tuple(own))
        else:
            member = rules.Membership(status, ((p.joined_on, p.left_on),) if p is not None else ())
        state = rules.status_on(dates, member, day)
        if state is not None:
            shown.append((municipality_id, state, bool(p and p.is_lead)))
    return shown


def matrix_for(region: Region, area: TaskArea, day: dt.date | None = None) -> rules.Matrix:
    """The matrix as of ``day`` (default: today) — five queries: fields, members, cooperations,
    participants, operating spans."""
    day = day or timezone.localdate()
    fields = list(
        CooperationField.objects.filter(task_area=area).order_by("position", "name").values_list("id", "name")
    )
    cooperations = Cooperation.objects.filter(region=region, field__task_area=area)
    spans = spans_by_cooperation(cooperations)
    views = [
        rules.CooperationView(
            c.field_id, c.symbol, c.title, c.description, tuple(participants_on(c, spans.get(c.pk, {}), day))
        )
        for c in cooperations.prefetch_related(
            Prefetch("participants", queryset=Participant.objects.order_by("municipality_id"))
        ).order_by("position", "title")
    ]
    return rules.build_matrix(fields, columns_of(region), views, status_labels())


def matrix_table(region: Region, area: TaskArea, matrix: rules.Matrix, stand: Stand | None = None) -> Table:
    labels = status_labels()
    return Table(
        title=_("Kooperationsmatrix %(area)s") % {"area": area.name},
        subtitle=_("%(region)s – Spalten: Kürzel, Kommune und AGS") % {"region": region.name}
        + (f" – {stand.label}" if stand is not None else ""),
        columns=[_("Kooperationsfeld")]
        + [f"{label} – {name} ({key})" for _id, label, name, key in matrix.columns],
        rows=[_matrix_row(row, labels) for row in matrix.rows],
        notes=legend_lines()
        + [f"{f.symbol} = {f.description or f.title} ({f.field_name})" for f in matrix.footnotes],
    )


def _matrix_row(row: rules.MatrixRow, labels: dict[str, str]) -> list[Cell]:
    return [row.field_name, *(rules.cell_text(cell, labels) for cell in row.cells)]


def legend_lines() -> list[str]:
    return [
        _("schwarz, ohne Zusatz = Kooperation existiert"),
        _(
            "blau, Zusatz „g“ = Zustandekommen der Kooperation geplant "
            "(voraussichtlich bis zum angegebenen Datum)"
        ),
        _(
            "grün, Zusatz „n“ = in den letzten Jahren Überlegungen bzgl. einer Kooperation, ggf. Prüfung, "
            "jedoch Kooperation nicht zustande gekommen"
        ),
        _(
            "unterstrichenes Symbol = federführende Kommune bzw. Kommune führt Leistung "
            "für andere Kommune(n) in deren Auftrag durch"
        ),
    ]


@dataclass
class AreaSummary:
    area: TaskArea
    fields: int
    cooperations: int
    by_status: dict[str, int]


def overview_for(region: Region, day: dt.date | None = None) -> list[AreaSummary]:
    """Per task area as of ``day`` (default: today): fields, cooperations shown on that day,
    participations by status — four queries (areas, cooperations, participants, spans)."""
    day = day or timezone.localdate()
    areas = list(
        TaskArea.objects.annotate(n_fields=Count("fields", distinct=True)).order_by("position", "name")
    )
    cooperations = Cooperation.objects.filter(region=region)
    spans = spans_by_cooperation(cooperations)
    coops: dict[int, int] = {}
    counts: dict[int, dict[str, int]] = {}
    for c in cooperations.select_related("field").prefetch_related("participants"):
        shown = participants_on(c, spans.get(c.pk, {}), day)
        if not shown:
            continue
        area_id = c.field.task_area_id
        coops[area_id] = coops.get(area_id, 0) + 1
        for _municipality, status, _lead in shown:
            counts.setdefault(area_id, {}).setdefault(status, 0)
            counts[area_id][status] += 1
    return [
        AreaSummary(
            a,
            a.n_fields,
            coops.get(a.pk, 0),
            {s: counts.get(a.pk, {}).get(s, 0) for s in ParticipantStatus.values},
        )
        for a in areas
    ]


def overview_table(region: Region, rows: list[AreaSummary], stand: Stand | None = None) -> Table:
    labels = status_labels()
    return Table(
        title=_("Bestand der Kooperationen – alle Aufgabengebiete"),
        subtitle=region.name + (f" – {stand.label}" if stand is not None else ""),
        columns=[_("Aufgabengebiet"), _("Kooperationsfelder"), _("Kooperationen")]
        + [_("Beteiligungen: %(status)s") % {"status": labels[s]} for s in ParticipantStatus.values],
        rows=[
            [r.area.name, r.fields, r.cooperations, *(r.by_status[s] for s in ParticipantStatus.values)]
            for r in rows
        ],
    )


# --- operating cooperations -----------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeDeadline:
    """A notice deadline ahead: give notice by ``notice_by`` to leave at the end of ``term_end``."""

    cooperation: Cooperation
    term_end: dt.date
    notice_by: dt.date
    days_left: int


def upcoming_notice_deadlines(region: Region, today: dt.date, within_days: int) -> list[NoticeDeadline]:
    """Notice deadlines from ``today`` to ``today + within_days`` in the region, soonest first — one query."""
    return notice_deadlines_of(Q(cooperation__region=region), today, within_days)


def notice_deadlines_by_region(
    region_ids: frozenset[int] | None, today: dt.date, within_days: int
) -> dict[int, list[NoticeDeadline]]:
    """:func:`upcoming_notice_deadlines` of several regions at once (``None``: every region), by
    region id, with the cooperation's region — one query (the start page of the office)."""
    where = Q() if region_ids is None else Q(cooperation__region_id__in=region_ids)
    found: dict[int, list[NoticeDeadline]] = {}
    for deadline in notice_deadlines_of(where, today, within_days, related="cooperation__region"):
        found.setdefault(deadline.cooperation.region_id, []).append(deadline)
    return found


def notice_deadlines_of(
    where: Q, today: dt.date, within_days: int, *, related: str = "cooperation"
) -> list[NoticeDeadline]:
    found = []
    for operation in (
        Operation.objects.filter(where, ended_on__isnull=True)
        .filter(Q(auto_renewal=True) | ~Q(notice_to=""))
        .select_related(related)
    ):
        state = rules.term_state(operation.term(), today)
        if state.notice_by is None or state.notice_for is None:
            continue
        days = (state.notice_by - today).days
        if days <= within_days:
            found.append(NoticeDeadline(operation.cooperation, state.notice_for, state.notice_by, days))
    return sorted(found, key=lambda d: (d.notice_by, d.cooperation.title))


@dataclass(frozen=True)
class OperatingRow:
    """One line of "Laufende Kooperationen"."""

    cooperation: Cooperation
    operation: Operation
    host: str
    at_start: int | None  # None: no participation history recorded
    today_count: int
    state: rules.TermState
    days_left: int | None

    @property
    def notice_text(self) -> str:
        return rules.notice_sentence(self.state)


def host_label(municipality: Municipality) -> str:
    """The seat as people say it: "Raunheim", "Landkreis Groß-Gerau" (not just "Groß-Gerau")."""
    if municipality.level == Level.KREIS:
        return f"{municipality.get_kind_display()} {municipality.name}"
    return municipality.short_name or municipality.name


def operating_rows(region: Region, today: dt.date) -> list[OperatingRow]:
    """The region's operating cooperations as of ``today`` (any day: the Stand) with their seat,
    participants at the start and on that day and the next notice date — two queries (operations
    with cooperation and seat; all their spans). A cooperation that started after the day is not
    listed (decision 95)."""
    operations = list(
        Operation.objects.filter(cooperation__region=region, start__lte=today)
        .filter(Q(cooperation__started_on__isnull=True) | Q(cooperation__started_on__lte=today))
        .select_related("cooperation__field", "host")
        .order_by("cooperation__title")
    )
    spans: dict[int, list[rules.Span]] = {}
    for cooperation_id, municipality_id, joined_on, left_on in ParticipationSpan.objects.filter(
        cooperation__region=region
    ).values_list("cooperation_id", "municipality_id", "joined_on", "left_on"):
        spans.setdefault(cooperation_id, []).append(rules.Span(municipality_id, joined_on, left_on))
    rows = []
    for operation in operations:
        mine = spans.get(operation.cooperation_id, [])
        state = rules.term_state(operation.term(), today)
        rows.append(
            OperatingRow(
                cooperation=operation.cooperation,
                operation=operation,
                host=host_label(operation.host) if operation.host else operation.external_host,
                at_start=rules.participants_on(mine, operation.start) if mine else None,
                today_count=rules.participants_on(mine, today),
                state=state,
                days_left=state.days_left(today),
            )
        )
    return rows


def operating_table(region: Region, rows: list[OperatingRow], today: dt.date) -> Table:
    labels = dict(LegalForm.choices)
    return Table(
        title=_("Laufende Kooperationen"),
        subtitle=_("%(region)s – Stand %(date)s") % {"region": region.name, "date": f"{today:%d.%m.%Y}"},
        columns=[
            _("Kooperation"),
            _("Rechtsform"),
            _("Sitz"),
            _("Arbeitsstart"),
            _("Beteiligte zum Start"),
            _("Beteiligte heute"),
            _("Planstellen"),
            _("Laufzeit"),
            _("Nächste Kündigungsfrist"),
            _("Tage bis dahin"),
        ],
        rows=[
            [
                r.cooperation.title,
                str(labels.get(r.cooperation.legal_form, "")),
                r.host,
                r.operation.start,
                r.at_start,
                r.today_count,
                r.operation.staff_positions,
                rules.term_text(r.operation.initial_months),
                r.notice_text,
                r.days_left,
            ]
            for r in rows
        ],
        notes=[
            _("Kündigungsfristen berechnet aus Arbeitsstart, Laufzeit, Verlängerung und Kündigungsfrist.")
        ],
    )


@dataclass
class OperationDetail:
    operation: Operation
    state: rules.TermState
    periods: list[OperationPeriod]
    spans: list[ParticipationSpan]
    notices: list[Notice]
    at_start: int
    today_count: int
    days_left: int | None
    unrecorded_exits: list[str]  # open spans of municipalities no longer in the inventory entry
    unrecorded_joins: list[str]  # participants of the inventory entry without an open span
    deadlines: list[Deadline] = field(default_factory=list)  # the coming deadlines (decision 97)
    meetings: list[BoardMeeting] = field(default_factory=list)

    @property
    def state_text(self) -> str:
        return rules.notice_sentence(self.state)

    @property
    def host(self) -> str:
        return host_label(self.operation.host) if self.operation.host else self.operation.external_host

    @property
    def advice(self) -> str:
        """Weekend or holiday advice on the next notice deadline."""
        return next((d.advice for d in self.deadlines if d.kind == NOTICE), "")


def operation_detail(cooperation: Cooperation, today: dt.date) -> OperationDetail | None:
    """The operating details for the cooperation's page, or ``None`` when none are recorded."""
    operation = Operation.objects.filter(cooperation=cooperation).select_related("host").first()
    if operation is None:
        return None
    spans = list(
        ParticipationSpan.objects.filter(cooperation=cooperation)
        .select_related("municipality")
        .order_by("joined_on", "municipality__key")
    )
    as_rules = [rules.Span(s.municipality_id, s.joined_on, s.left_on) for s in spans]
    state = rules.term_state(operation.term(), today)
    current = dict(
        cooperation.participants.filter(status=ParticipantStatus.EXISTS).values_list(
            "municipality_id", "municipality__name"
        )
    )
    open_ids = {s.municipality_id for s in spans if s.left_on is None or s.left_on >= today}
    periods = list(operation.periods.all())
    operation.cooperation = cooperation
    return OperationDetail(
        operation=operation,
        state=state,
        days_left=state.days_left(today),
        periods=periods,
        deadlines=deadlines_of(operation, periods, today),
        meetings=board_meetings_of(operation),
        spans=spans,
        notices=list(cooperation.notices.select_related("municipality")),
        at_start=rules.participants_on(as_rules, operation.start),
        today_count=rules.participants_on(as_rules, today),
        unrecorded_exits=[
            s.municipality.name for s in spans if s.left_on is None and s.municipality_id not in current
        ],
        unrecorded_joins=[
            name for municipality_id, name in current.items() if municipality_id not in open_ids
        ],
    )


# --- small reads of the catalogue and inventory pages ---------------------------------------------


def fields_of(area: TaskArea) -> QuerySet[CooperationField]:
    """The fields of a task area in the catalogue's order."""
    return area.fields.order_by("position", "name")


def with_fields(areas: QuerySet[TaskArea]) -> QuerySet[TaskArea]:
    """``areas`` with their fields loaded in the catalogue's order (one more query)."""
    return areas.prefetch_related(
        Prefetch("fields", queryset=CooperationField.objects.order_by("position", "name"))
    )


def cooperations_in(region: Region, area: TaskArea) -> QuerySet[Cooperation]:
    """The region's cooperations of one task area, in the order of the fields."""
    return Cooperation.objects.filter(region=region, field__task_area=area).order_by(
        "field__position", "position", "title"
    )


def participants_of(cooperation: Cooperation) -> QuerySet[Participant]:
    return cooperation.participants.select_related("municipality").order_by("municipality__key")


def operation_of(cooperation: Cooperation) -> Operation | None:
    """The operating details of ``cooperation``, if recorded."""
    return Operation.objects.filter(cooperation=cooperation).first()


def contact_addresses(municipality_ids: Iterable[int]) -> dict[int, set[str]]:
    """E-mail addresses of the contact persons and contact users of each municipality (two queries)."""
    ids = list(municipality_ids)
    found: dict[int, set[str]] = {}
    for municipality_id, email in (
        ContactPerson.objects.filter(municipality_id__in=ids)
        .exclude(email="")
        .values_list("municipality_id", "email")
    ):
        found.setdefault(municipality_id, set()).add(email)
    for municipality_id, email in (
        RoleAssignment.objects.filter(role=Role.CONTACT, municipality_id__in=ids)
        .exclude(user__email="")
        .values_list("municipality_id", "user__email")
    ):
        if municipality_id is not None:
            found.setdefault(municipality_id, set()).add(email)
    return found
