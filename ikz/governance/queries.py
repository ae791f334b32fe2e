"""Read side of the governance pages: the register as of a day, the organs, an assembly with its
checks, attendance and results."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet

from ikz.accounts.models import Role, RoleAssignment
from ikz.governance import rules
from ikz.governance.models import (
    AgendaItem,
    Assembly,
    AssemblyKind,
    AssemblyState,
    Attendance,
    ConvenedBy,
    GovernanceSettings,
    Invitation,
    Organ,
    OrganSeat,
    ResolutionKind,
    Vote,
)
from ikz.membership.models import Cooperative, Member
from ikz.municipalities.models import ContactPerson


def settings_of(cooperative: Cooperative) -> GovernanceSettings:
    """The saved settings, or the law's defaults (unsaved) while none are written."""
    found = GovernanceSettings.objects.filter(cooperative=cooperative).first()
    return found or GovernanceSettings(cooperative=cooperative)


def register_on(cooperative: Cooperative, day: dt.date) -> QuerySet[Member]:
    """The members on ``day``: admitted on or before it and not left before it (§ 30 GenG list)."""
    return (
        Member.objects.filter(cooperative=cooperative, admitted_on__lte=day)
        .not_left_by(day)
        .select_related("municipality")
        .order_by("number")
    )


def seats_on(cooperative: Cooperative, day: dt.date) -> QuerySet[OrganSeat]:
    return (
        OrganSeat.objects.filter(cooperative=cooperative, started_on__lte=day)
        .exclude(ended_on__lt=day)
        .select_related("member")
    )


def board_seats_on(cooperative: Cooperative, day: dt.date) -> QuerySet[OrganSeat]:
    return seats_on(cooperative, day).filter(organ=Organ.BOARD)


def addresses_of(municipality_ids: list[int]) -> dict[int, dict[str, str]]:
    """municipality id → {e-mail: name}: its contact persons and the active accounts holding the
    member role for it (two queries); the first name given for an address wins."""
    found: dict[int, dict[str, str]] = {}
    rows: list[tuple[int | None, str, str]] = list(
        ContactPerson.objects.filter(municipality_id__in=municipality_ids)
        .exclude(email="")
        .order_by("name", "pk")
        .values_list("municipality_id", "email", "name")
    )
    for assignment in (
        RoleAssignment.objects.filter(
            role=Role.MEMBER, municipality_id__in=municipality_ids, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__pk")
    ):
        rows.append((assignment.municipality_id, assignment.user.email, assignment.user.get_full_name()))
    for municipality_id, email, name in rows:
        if municipality_id is None:
            continue
        people = found.setdefault(municipality_id, {})
        if email.lower() not in {e.lower() for e in people}:
            people[email] = name
    return found


@dataclass
class ItemRow:
    item: AgendaItem
    notice: rules.Finding
    outcome: rules.Outcome
    voted: set[int]


@dataclass
class AssemblyView:
    assembly: Assembly
    findings: list[rules.Finding]
    items: list[ItemRow]
    invitations: list[Invitation]
    attendances: list[Attendance]
    register: list[Member]
    absent: list[Member] = field(default_factory=list)

    @property
    def represented(self) -> int:
        return len(self.attendances)


def convening_findings(
    assembly: Assembly, settings: GovernanceSettings, member_count: int
) -> list[rules.Finding]:
    """Every check of the convening, as the page and the minutes explain it."""
    cooperative = assembly.cooperative
    found = [
        rules.invitation_check(
            sent_on=assembly.invited_on,
            assembly_on=assembly.date,
            notice_days=settings.notice_days,
            universal=assembly.universal,
        )
    ]
    if assembly.convened_by == ConvenedBy.MINORITY:
        found.append(
            rules.minority_check(
                demanding=assembly.demanding_members,
                member_count=member_count,
                percent=settings.minority_percent,
            )
        )
    if assembly.kind == AssemblyKind.ORDINARY and assembly.business_year:
        found.append(
            rules.accounts_check(available_on=assembly.accounts_available_on, assembly_on=assembly.date)
        )
        found.append(
            rules.ordinary_check(
                assembly_on=assembly.date,
                business_year=assembly.business_year,
                end_month=cooperative.year_end_month,
                end_day=cooperative.year_end_day,
            )
        )
    return found


def assembly_view(assembly: Assembly) -> AssemblyView:
    register = list(register_on(assembly.cooperative, assembly.date))
    attendances = list(assembly.attendances.select_related("member"))
    items = list(assembly.items.all())
    votes = Counter(Vote.objects.filter(item__assembly=assembly).values_list("item_id", "choice"))
    voted: dict[int, set[int]] = {}
    for item_id, member_id in Vote.objects.filter(item__assembly=assembly).values_list(
        "item_id", "member_id"
    ):
        voted.setdefault(item_id, set()).add(member_id)
    rows = [
        ItemRow(
            item=item,
            notice=(
                rules.item_check(
                    announced_on=item.announced_on, assembly_on=assembly.date, universal=assembly.universal
                )
                if item.resolution_kind != ResolutionKind.NONE
                else rules.Finding("")
            ),
            outcome=rules.tally(
                votes[(item.pk, "yes")],
                votes[(item.pk, "no")],
                votes[(item.pk, "abstain")],
                item.resolution_kind,
            ),
            voted=voted.get(item.pk, set()),
        )
        for item in items
    ]
    present = {a.member_id for a in attendances}
    return AssemblyView(
        assembly=assembly,
        findings=convening_findings(assembly, settings_of(assembly.cooperative), len(register)),
        items=rows,
        invitations=list(assembly.invitations.select_related("member", "mail")),
        attendances=attendances,
        register=register,
        absent=[m for m in register if m.pk not in present],
    )


@dataclass(frozen=True)
class Overview:
    board: list[OrganSeat]
    supervisory: list[OrganSeat]
    former: list[OrganSeat]
    assemblies: list[Assembly]
    settings: GovernanceSettings
    member_count: int


def overview(cooperative: Cooperative, day: dt.date, *, only_open: bool = False) -> Overview:
    """Organs on ``day`` and the assemblies (``only_open``: those not yet minuted)."""
    current = list(seats_on(cooperative, day))
    assemblies = Assembly.objects.filter(cooperative=cooperative)
    if only_open:
        assemblies = assemblies.exclude(state=AssemblyState.MINUTED)
    ids = {s.pk for s in current}
    return Overview(
        board=[s for s in current if s.organ == Organ.BOARD],
        supervisory=[s for s in current if s.organ == Organ.SUPERVISORY],
        former=list(
            OrganSeat.objects.filter(cooperative=cooperative).exclude(pk__in=ids).select_related("member")
        ),
        assemblies=list(assemblies),
        settings=settings_of(cooperative),
        member_count=register_on(cooperative, day).count(),
    )
