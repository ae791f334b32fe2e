"""Writes of the cooperative's governance: settings, organ seats, convening an assembly, its agenda,
invitations (queued in the outbox and kept as proof), attendance with proxies, votes, closing and
the signed minutes. Every write is one transaction with an audit entry; a refusal names its
reason and writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import ConflictError, create_object, record, update_versioned
from ikz.governance import queries, rules
from ikz.governance.models import (
    AgendaItem,
    Assembly,
    AssemblyKind,
    AssemblyState,
    Attendance,
    AttendanceMode,
    Choice,
    ConvenedBy,
    GovernanceSettings,
    Invitation,
    Organ,
    OrganSeat,
    ResolutionKind,
    Vote,
)
from ikz.membership.models import Cooperative, Member
from ikz.notifications.services import address_key, greeting, put_in_outbox

SETTINGS_FIELDS = ("notice_days", "minority_percent")
SEAT_FIELDS = ("organ", "person", "function", "member", "started_on", "ended_on", "source")
ASSEMBLY_FIELDS = (
    "kind",
    "form",
    "date",
    "time",
    "place",
    "convened_by",
    "demand_received_on",
    "demanding_members",
    "invited_on",
    "business_year",
    "accounts_available_on",
    "universal",
    "note",
)
ITEM_FIELDS = ("title", "resolution_kind", "motion", "announced_on")
CLOSE_FIELDS = ("chair", "minute_taker")
SIGN_FIELDS = ("board_signatory", "minutes_signed_on")


def _fmt(day: dt.date) -> str:
    return rules.fmt(day)


# --- settings and organs -------------------------------------------------------------------------


@transaction.atomic
def save_settings(
    cooperative: Cooperative, values: Mapping[str, Any], *, actor: User | None, expected_version: int | None
) -> GovernanceSettings:
    data = {k: values[k] for k in SETTINGS_FIELDS}
    if data["notice_days"] < rules.LEGAL_NOTICE_DAYS:
        raise ValidationError(
            {"notice_days": _("Die Einladungsfrist beträgt mindestens 14 Tage (§ 46 Abs. 1 GenG).")}
        )
    if not 1 <= data["minority_percent"] <= 10:
        raise ValidationError(
            {"minority_percent": _("Die Satzung kann höchstens den zehnten Teil verlangen (1 bis 10 %).")}
        )
    current = GovernanceSettings.objects.select_for_update().filter(cooperative=cooperative).first()
    if current is None:
        return create_object(GovernanceSettings(cooperative=cooperative, **data), actor=actor)
    if expected_version is None:
        raise ConflictError(current, data, expected_version=None)
    return update_versioned(
        GovernanceSettings, current.pk, data, expected_version=expected_version, actor=actor
    )


@transaction.atomic
def add_seat(cooperative: Cooperative, values: Mapping[str, Any], *, actor: User | None) -> OrganSeat:
    """A person on the Vorstand or the Aufsichtsrat for a term. Refused: a term ending before it
    starts; the same person on both organs at once (§ 37 Abs. 1 GenG)."""
    seat = OrganSeat(cooperative=cooperative, **{k: values.get(k) for k in SEAT_FIELDS})
    seat.function = seat.function or ""
    seat.source = seat.source or ""
    if seat.member is not None and seat.member.cooperative_id != cooperative.pk:
        raise ValidationError({"member": _("Das Mitglied gehört nicht zu dieser Genossenschaft.")})
    if seat.ended_on and seat.ended_on < seat.started_on:
        raise ValidationError({"ended_on": _("Das Ende der Amtszeit liegt vor ihrem Beginn.")})
    other = Organ.SUPERVISORY if seat.organ == Organ.BOARD else Organ.BOARD
    clash = OrganSeat.objects.filter(
        cooperative=cooperative, organ=other, person__iexact=seat.person.strip()
    ).exclude(ended_on__lt=seat.started_on)
    if seat.ended_on:
        clash = clash.filter(started_on__lte=seat.ended_on)
    if clash.exists():
        raise ValidationError(
            {
                "person": _(
                    "%(p)s gehört in dieser Zeit dem %(o)s an; Vorstand und Aufsichtsrat schließen einander "
                    "aus (§ 37 Abs. 1 GenG)."
                )
                % {"p": seat.person, "o": Organ(other).label}
            }
        )
    return create_object(seat, actor=actor)


@transaction.atomic
def end_seat(seat: OrganSeat, ended_on: dt.date, *, expected_version: int, actor: User | None) -> OrganSeat:
    if ended_on < seat.started_on:
        raise ValidationError({"ended_on": _("Das Ende der Amtszeit liegt vor ihrem Beginn.")})
    return update_versioned(
        OrganSeat, seat.pk, {"ended_on": ended_on}, expected_version=expected_version, actor=actor
    )


# --- convening -----------------------------------------------------------------------------------


def _convening_errors(assembly: Assembly) -> dict[str, str]:
    errors: dict[str, str] = {}
    if assembly.convened_by == ConvenedBy.MINORITY:
        if assembly.demand_received_on is None:
            errors["demand_received_on"] = _(
                "Bitte den Tag angeben, an dem das Verlangen der Minderheit einging."
            )
        elif assembly.demand_received_on > assembly.invited_on:
            errors["demand_received_on"] = _("Das Verlangen kann nicht nach der Einladung eingegangen sein.")
        if not assembly.demanding_members:
            errors["demanding_members"] = _("Bitte angeben, wie viele Mitglieder die Einberufung verlangen.")
    if assembly.kind == AssemblyKind.ORDINARY and not assembly.business_year:
        errors["business_year"] = _(
            "Die ordentliche Versammlung beschließt über den Jahresabschluss: "
            "bitte das Geschäftsjahr angeben."
        )
    if assembly.invited_on > assembly.date:
        errors["invited_on"] = _("Die Einladung muss vor der Versammlung versandt werden.")
    if errors:
        return errors
    settings = queries.settings_of(assembly.cooperative)
    day = assembly.demand_received_on or assembly.invited_on
    count = queries.register_on(assembly.cooperative, day).count()
    for finding in queries.convening_findings(assembly, settings, count):
        if finding.refused:
            errors[finding.field] = finding.text
    return errors


@transaction.atomic
def convene(cooperative: Cooperative, values: Mapping[str, Any], *, actor: User | None) -> Assembly:
    """Convene a general assembly. Refused with the earliest allowed day when the notice is too
    short (unless recorded as a Universalversammlung), when a minority is too small, when the
    accounts do not lie open a week before an ordinary assembly."""
    assembly = Assembly(cooperative=cooperative, **{k: values.get(k) for k in ASSEMBLY_FIELDS})
    assembly.time = assembly.time or ""
    assembly.note = assembly.note or ""
    assembly.universal = bool(assembly.universal)
    if assembly.kind != AssemblyKind.ORDINARY:
        assembly.business_year = None
        assembly.accounts_available_on = None
    if assembly.convened_by != ConvenedBy.MINORITY:
        assembly.demand_received_on = None
        assembly.demanding_members = None
    errors = _convening_errors(assembly)
    if errors:
        raise ValidationError(errors)
    return create_object(assembly, actor=actor, message=_("einberufen"))


def _lock(assembly: Assembly, *, state: str = AssemblyState.CONVENED) -> Assembly:
    locked = Assembly.objects.select_for_update().select_related("cooperative").get(pk=assembly.pk)
    if locked.state != state:
        raise ValidationError(
            _("Die Versammlung ist %(s)s; das ist jetzt nicht mehr möglich.")
            % {"s": locked.get_state_display()}
        )
    return locked


def _bump(assembly: Assembly) -> None:
    assembly.version += 1
    assembly.save(update_fields=["version"])


@transaction.atomic
def add_item(assembly: Assembly, values: Mapping[str, Any], *, actor: User | None) -> AgendaItem:
    """Add an agenda item; one to be resolved on must be announced a week ahead (§ 46 Abs. 2)."""
    assembly = _lock(assembly)
    item = AgendaItem(assembly=assembly, **{k: values.get(k) for k in ITEM_FIELDS})
    item.motion = item.motion or ""
    if item.resolution_kind != ResolutionKind.NONE:
        finding = rules.item_check(
            announced_on=item.announced_on, assembly_on=assembly.date, universal=assembly.universal
        )
        if finding.refused:
            raise ValidationError({"announced_on": finding.text})
    item.number = (assembly.items.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    item.full_clean()
    item.save()
    record(
        assembly, Action.UPDATE, actor=actor, changes={"items": [None, str(item)]}, message=_("Tagesordnung")
    )
    _bump(assembly)
    return item


def _invitation_text(assembly: Assembly, member: Member, name: str) -> str:
    items = "\n".join(f"{i.number}. {i.title}" for i in assembly.items.all()) or _("(folgt)")
    return "\n\n".join(
        [
            greeting(name),
            _(
                "hiermit lädt %(by)s der %(coop)s %(member)s zur %(kind)s am %(date)s %(time)s ein. "
                "Form: %(form)s. Ort oder Zugang: %(place)s."
            )
            % {
                "by": assembly.get_convened_by_display(),
                "coop": assembly.cooperative.name,
                "member": member.legal_name,
                "kind": assembly.get_kind_display(),
                "date": _fmt(assembly.date),
                "time": assembly.time,
                "form": assembly.get_form_display(),
                "place": assembly.place,
            },
            _("Tagesordnung:") + "\n" + items,
            _(
                "Jedes Mitglied hat eine Stimme (§ 43 Abs. 3 GenG). Eine Vollmacht bedarf der Textform; "
                "Bevollmächtigte können höchstens zwei Mitglieder vertreten (§ 43 Abs. 5 GenG)."
            ),
        ]
    )


@transaction.atomic
def send_invitations(
    assembly: Assembly, *, actor: User | None, today: dt.date | None = None
) -> list[Invitation]:
    """Queue the invitation to every member of the register of ``today`` not yet invited, one mail
    per address (through the outbox), and keep each as proof; ``invited_on`` becomes today and the
    notice is checked again against it."""
    today = today or timezone.localdate()
    assembly = _lock(assembly)
    finding = rules.invitation_check(
        sent_on=today,
        assembly_on=assembly.date,
        notice_days=queries.settings_of(assembly.cooperative).notice_days,
        universal=assembly.universal,
    )
    if finding.refused:
        raise ValidationError(finding.text)
    done = set(assembly.invitations.values_list("member_id", flat=True))
    members = [m for m in queries.register_on(assembly.cooperative, today) if m.pk not in done]
    addresses = queries.addresses_of([m.municipality_id for m in members])
    subject = _("Einladung zur %(kind)s der %(coop)s am %(date)s") % {
        "kind": assembly.get_kind_display(),
        "coop": assembly.cooperative.short_name or assembly.cooperative.name,
        "date": _fmt(assembly.date),
    }
    made = []
    for member in members:
        people = addresses.get(member.municipality_id, {})
        mail = None
        for email, name in people.items():
            queued, _new = put_in_outbox(
                key=address_key(f"governance:{assembly.pk}:{member.pk}", email),
                to=[email],
                subject=subject,
                body=_invitation_text(assembly, member, member.representative or name),
                actor=actor,
            )
            mail = mail or queued
        made.append(
            Invitation.objects.create(
                assembly=assembly,
                member=member,
                recipient=member.representative or ", ".join(n for n in people.values() if n),
                addresses=", ".join(people)[:1000],
                mail=mail,
                queued_on=today,
            )
        )
    changes: dict[str, list[str | int | float | bool | None]] = {
        "invited_on": [assembly.invited_on.isoformat(), today.isoformat()],
        "invitations": [None, len(made)],
    }
    assembly.invited_on = today
    assembly.version += 1
    assembly.save(update_fields=["invited_on", "version"])
    record(assembly, Action.UPDATE, actor=actor, changes=changes, message=_("Einladungen versandt"))
    return made


# --- holding the assembly ------------------------------------------------------------------------


def _member_on(assembly: Assembly, member: Member | None) -> Member:
    if (
        member is None
        or not queries.register_on(assembly.cooperative, assembly.date).filter(pk=member.pk).exists()
    ):
        raise ValidationError(
            {
                "member": _("%(m)s ist am %(d)s nicht Mitglied der Genossenschaft (Mitgliederliste).")
                % {"m": member.legal_name if member else _("Diese Stelle"), "d": _fmt(assembly.date)}
            }
        )
    return member


@transaction.atomic
def record_attendance(assembly: Assembly, values: Mapping[str, Any], *, actor: User | None) -> Attendance:
    """A member takes part through its legal representative or a proxy. A proxy needs text form
    and may hold at most two members; a member's legal representative is no proxy. A member who
    attends itself revokes the proxy it gave."""
    assembly = _lock(assembly)
    member = _member_on(assembly, values.get("member"))
    mode, person = values["mode"], " ".join(str(values.get("person") or "").split())
    if not person:
        raise ValidationError({"person": _("Bitte die teilnehmende Person angeben.")})
    existing = Attendance.objects.select_for_update().filter(assembly=assembly, member=member).first()
    if mode == AttendanceMode.PROXY:
        if existing is not None and existing.mode == AttendanceMode.REPRESENTATIVE:
            raise ValidationError(
                {
                    "mode": _("%(m)s nimmt bereits selbst teil; eine Vollmacht ist damit erloschen.")
                    % {"m": member.legal_name}
                }
            )
        held = (
            Attendance.objects.filter(assembly=assembly, mode=AttendanceMode.PROXY, person__iexact=person)
            .exclude(member=member)
            .count()
        )
        refusal = rules.proxy_refusal(person=person, text_form=bool(values.get("text_form")), held=held)
        if refusal is not None:
            raise ValidationError({refusal[0]: refusal[1]})
    if existing is None:
        attendance = Attendance.objects.create(
            assembly=assembly,
            member=member,
            mode=mode,
            person=person,
            text_form=bool(values.get("text_form")),
        )
        message = _("Teilnahme eingetragen")
    else:
        revoked = (
            existing.person
            if existing.mode == AttendanceMode.PROXY and mode == AttendanceMode.REPRESENTATIVE
            else ""
        )
        existing.mode, existing.person = mode, person
        existing.text_form = bool(values.get("text_form")) and mode == AttendanceMode.PROXY
        existing.revoked_proxy = revoked or existing.revoked_proxy
        existing.save()
        attendance = existing
        message = (
            _("Vollmacht für %(p)s widerrufen: das Mitglied nimmt selbst teil") % {"p": revoked}
            if revoked
            else _("Teilnahme geändert")
        )
    record(
        assembly,
        Action.UPDATE,
        actor=actor,
        changes={"attendance": [None, f"{member.legal_name}: {attendance.get_mode_display()} {person}"]},
        message=message,
    )
    _bump(assembly)
    return attendance


@transaction.atomic
def record_votes(item: AgendaItem, votes: Mapping[int, str], *, actor: User | None) -> list[Vote]:
    """The votes on one item (member id → yes/no/abstain): one member, one vote (§ 43 Abs. 3 GenG).
    Refused as a whole: a vote of a non-member or of a member not taking part, a second vote of a
    member, an item not announced in time, an item without a resolution."""
    assembly = _lock(item.assembly)
    if item.resolution_kind == ResolutionKind.NONE:
        raise ValidationError(_("Zu diesem Punkt wird nicht abgestimmt."))
    finding = rules.item_check(
        announced_on=item.announced_on, assembly_on=assembly.date, universal=assembly.universal
    )
    if finding.refused:
        raise ValidationError(finding.text)
    if not votes:
        raise ValidationError(_("Es wurde keine Stimme eingetragen."))
    register = {m.pk: m for m in queries.register_on(assembly.cooperative, assembly.date)}
    present = {a.member_id: a for a in assembly.attendances.all()}
    already = set(item.votes.values_list("member_id", flat=True))
    errors = []
    for member_id, choice in votes.items():
        if choice not in Choice.values:
            errors.append(_("Unbekannte Stimme „%(c)s“.") % {"c": choice})
        elif member_id not in register:
            name = Member.objects.filter(pk=member_id).values_list("legal_name", flat=True).first()
            errors.append(
                _("%(m)s ist am %(d)s kein Mitglied und hat keine Stimme.")
                % {"m": name or _("Die Stelle Nr. %(n)s") % {"n": member_id}, "d": _fmt(assembly.date)}
            )
        elif member_id not in present:
            errors.append(
                _("%(m)s nimmt nicht teil und kann nicht abstimmen.") % {"m": register[member_id].legal_name}
            )
        elif member_id in already:
            errors.append(
                _(
                    "%(m)s hat zu „%(i)s“ bereits abgestimmt; "
                    "jedes Mitglied hat eine Stimme (§ 43 Abs. 3 GenG)."
                )
                % {"m": register[member_id].legal_name, "i": item.title}
            )
    if errors:
        raise ValidationError(errors)
    made = Vote.objects.bulk_create(
        [Vote(item=item, member_id=m, choice=c, cast_by=present[m].person) for m, c in votes.items()]
    )
    record(
        assembly,
        Action.UPDATE,
        actor=actor,
        changes={"votes": [None, f"{item}: {len(made)}"]},
        message=_("Abstimmung"),
    )
    _bump(assembly)
    return made


@transaction.atomic
def close_assembly(
    assembly: Assembly,
    values: Mapping[str, Any],
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Assembly:
    """The assembly was held: who chaired and kept the minutes. A Universalversammlung needs every
    member of the register of its day."""
    locked = _lock(assembly)
    if locked.date > (today or timezone.localdate()):
        raise ValidationError(
            _("Die Versammlung ist für den %(d)s einberufen; abgehalten werden kann sie erst an diesem Tag.")
            % {"d": _fmt(locked.date)}
        )
    chair = " ".join(str(values.get("chair") or "").split())
    if not chair:
        raise ValidationError({"chair": _("Bitte die Versammlungsleitung angeben (§ 47 GenG).")})
    present = set(locked.attendances.values_list("member_id", flat=True))
    if not present:
        raise ValidationError(_("Es ist keine Teilnahme eingetragen."))
    if locked.universal:
        missing = [
            m.legal_name for m in queries.register_on(locked.cooperative, locked.date) if m.pk not in present
        ]
        if missing:
            raise ValidationError(
                _(
                    "Eine Universalversammlung setzt voraus, dass alle Mitglieder teilnehmen; "
                    "es fehlen: %(m)s."
                )
                % {"m": ", ".join(missing)}
            )
    return update_versioned(
        Assembly,
        locked.pk,
        {"chair": chair, "minute_taker": values.get("minute_taker") or "", "state": AssemblyState.HELD},
        expected_version=expected_version,
        actor=actor,
        message=_("abgehalten"),
    )


@transaction.atomic
def sign_minutes(
    assembly: Assembly,
    values: Mapping[str, Any],
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Assembly:
    """The minutes of § 47 GenG are signed by the chair and a member of the board in office."""
    today = today or timezone.localdate()
    locked = _lock(assembly, state=AssemblyState.HELD)
    signed_on, seat = values.get("minutes_signed_on"), values.get("board_signatory")
    if signed_on is None or signed_on < locked.date or signed_on > today:
        raise ValidationError(
            {
                "minutes_signed_on": _("Die Niederschrift wird zwischen dem %(d)s und heute unterzeichnet.")
                % {"d": _fmt(locked.date)}
            }
        )
    if seat is None or not queries.board_seats_on(locked.cooperative, signed_on).filter(pk=seat.pk).exists():
        raise ValidationError(
            {
                "board_signatory": _(
                    "Es unterzeichnet ein Mitglied des Vorstands, das am Tag der Unterschrift im Amt ist."
                )
            }
        )
    return update_versioned(
        Assembly,
        locked.pk,
        {"minutes_signed_on": signed_on, "board_signatory": seat, "state": AssemblyState.MINUTED},
        expected_version=expected_version,
        actor=actor,
        message=_("Niederschrift unterzeichnet"),
    )
