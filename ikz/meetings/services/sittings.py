"""A meeting from its agenda to the approved minutes, and the open actions of its decisions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.rules import JsonValue
from ikz.audit.services import ConflictError, create_object, record, update_versioned
from ikz.meetings import rules
from ikz.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Consultation,
    Meeting,
    MeetingState,
    Membership,
    Organization,
    OrganizationKind,
    Paper,
)
from ikz.notifications.registry import Item
from ikz.notifications.services import notify
from ikz.projects import services as project_services
from ikz.projects.models import Milestone, Project, SteeringDecision

MEETING_FIELDS = ["name", "start", "end", "location"]
ITEM_FIELDS = ["name", "public", "project", "milestone", "topic"]
RESULT_FIELDS = ["result", "resolution_text", "responsible", "due_on"]


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationError(dict(errors))


def _locked(meeting: Meeting, expected_version: int, values: Mapping[str, Any]) -> Meeting:
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("organization").get(pk=meeting.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, dict(values), expected_version=expected_version)
    return locked


@transaction.atomic
def create_meeting(organization: Organization, values: Mapping[str, Any], *, actor: User | None) -> Meeting:
    clean = {k: values[k] for k in MEETING_FIELDS if k in values}
    errors: dict[str, list[str]] = {}
    start, end = clean.get("start"), clean.get("end")
    if start is None:
        errors["start"] = [_("Beginn: Bitte Datum und Uhrzeit angeben.")]
    elif end is not None and end < start:
        errors["end"] = [_("Ende: Das Ende liegt vor dem Beginn.")]
    _raise(errors)
    return create_object(Meeting(organization=organization, **clean), actor=actor)


@transaction.atomic
def add_agenda_item(
    meeting: Meeting, values: Mapping[str, Any], *, actor: User | None, paper: Paper | None = None
) -> AgendaItem:
    """A new item at the end of the agenda (the next TOP number), while the meeting is not held.
    With ``paper`` the draft resolution is consulted here (its recommendation to the councils)."""
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("organization").get(pk=meeting.pk)
    clean = {k: values[k] for k in ITEM_FIELDS if k in values and values[k] is not None}
    errors: dict[str, list[str]] = {}
    if locked.state in (MeetingState.HELD, MeetingState.APPROVED):
        errors["__all__"] = [_("Die Sitzung ist bereits durchgeführt; die Tagesordnung steht fest.")]
    if not str(clean.get("name") or "").strip():
        errors["name"] = [_("Gegenstand: Bitte den Tagesordnungspunkt benennen.")]
    project: Project | None = clean.get("project")
    if project is not None and project.region_id != locked.organization.region_id:
        errors["project"] = [_("Projekt: Das Projekt gehört zu einer anderen Region.")]
    milestone: Milestone | None = clean.get("milestone")
    if milestone is not None and (project is None or milestone.project_id != project.pk):
        errors["milestone"] = [_("Meilenstein: Der Meilenstein gehört nicht zum gewählten Projekt.")]
    if paper is not None and paper.region_id != locked.organization.region_id:
        errors["__all__"] = [_("Die Vorlage gehört zu einer anderen Region.")]
    _raise(errors)
    items = list(locked.agenda_items.values_list("number", "order"))
    item = create_object(
        AgendaItem(
            meeting=locked,
            number=rules.next_number(n for n, _o in items),
            order=max((o for _n, o in items), default=0) + 1,
            **clean,
        ),
        actor=actor,
    )
    if paper is not None:
        create_object(
            Consultation(paper=paper, agenda_item=item, role=_("Beschlussempfehlung an die Räte")),
            actor=actor,
        )
    return item


@transaction.atomic
def add_agenda_items(
    meeting: Meeting, items: Sequence[Mapping[str, Any]], *, actor: User | None
) -> list[AgendaItem]:
    """Several items at once (what waits for a decision, ticked, and a free one); none: refused."""
    if not items:
        _raise(
            {
                "name": [
                    _(
                        "Gegenstand: Bitte einen Punkt auswählen oder einen weiteren "
                        "Tagesordnungspunkt benennen."
                    )
                ]
            }
        )
    return [add_agenda_item(meeting, values, actor=actor) for values in items]


def _members_with_accounts(meeting: Meeting) -> list[Membership]:
    return list(
        Membership.objects.filter(organization_id=meeting.organization_id, person__user__isnull=False)
        .exclude(end_date__lt=meeting.start.date())
        .select_related("person")
    )


@transaction.atomic
def invite(
    meeting: Meeting,
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
    tell_members: bool = True,
) -> Meeting:
    """Send the invitation: the state becomes "eingeladen", every member with an account gets it in
    the inbox (and by e-mail, as they chose) with the meeting in their calendar feed. A past meeting entered
    later (``tell_members=False``, with ``today`` the day the invitation went out) tells nobody."""
    today = today or timezone.localdate()
    locked = _locked(meeting, expected_version, {"state": MeetingState.INVITED})
    errors = rules.invite_errors(locked.state, locked.agenda_items.count())
    if errors:
        raise ValidationError(errors)
    saved = update_versioned(
        Meeting,
        locked.pk,
        {"state": MeetingState.INVITED, "invited_on": today},
        expected_version=expected_version,
        actor=actor,
        message=_("Einladung versandt"),
    )
    text = _("Einladung: %(meeting)s am %(day)s, %(place)s") % {
        "meeting": locked.organization.name,
        "day": f"{timezone.localtime(locked.start):%d.%m.%Y %H:%M}",
        "place": locked.location or _("Ort folgt"),
    }
    if not tell_members:
        return saved
    notify(
        Item(
            user_id=m.person.user_id,  # type: ignore[arg-type]
            kind="meetings",
            text=text,
            link=locked.get_absolute_url(),
            key=f"meeting-{locked.pk}-invitation",
            due_date=locked.start.date(),
        )
        for m in _members_with_accounts(locked)
    )
    return saved


@transaction.atomic
def record_attendance(
    meeting: Meeting, statuses: Mapping[int, str], *, expected_version: int, actor: User | None
) -> Meeting:
    """Who attended (per member: present, excused, absent); replaces the earlier list, one audit
    entry on the meeting."""
    locked = _locked(meeting, expected_version, {"attendance": dict(statuses)})
    if locked.state == MeetingState.PLANNED:
        raise ValidationError(_("Anwesenheit wird erfasst, sobald zur Sitzung eingeladen wurde."))
    if locked.state == MeetingState.APPROVED:
        raise ValidationError(_("Die Niederschrift ist genehmigt; die Anwesenheit steht fest."))
    members = {
        m.person_id: m.person.name
        for m in Membership.objects.filter(organization_id=locked.organization_id).select_related("person")
    }
    valid = {s for s, _label in AttendanceStatus.choices}
    unknown = [pid for pid, status in statuses.items() if pid not in members or status not in valid]
    if unknown:
        raise ValidationError(_("Anwesenheit: Nur Mitglieder des Gremiums mit einer der drei Angaben."))
    before = {a.person_id: a.status for a in locked.attendance.all()}
    locked.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=locked, person_id=pid, status=status) for pid, status in sorted(statuses.items())
    )
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    changes: dict[str, list[JsonValue]] = {
        members[pid]: [before.get(pid, ""), status]
        for pid, status in statuses.items()
        if before.get(pid) != status
    }
    record(locked, "update", actor=actor, changes=changes, message=_("Anwesenheit erfasst"))
    return locked


@transaction.atomic
def hold_meeting(
    meeting: Meeting,
    minutes: str,
    *,
    expected_version: int,
    actor: User | None,
    now: dt.datetime | None = None,
) -> Meeting:
    """The meeting took place: its minutes (draft until approved) and the state "durchgeführt"."""
    locked = _locked(meeting, expected_version, {"minutes": minutes})
    errors = rules.hold_errors(locked.state, locked.start, now or timezone.now())
    if errors:
        raise ValidationError(errors)
    return update_versioned(
        Meeting,
        locked.pk,
        {"state": MeetingState.HELD, "minutes": minutes.strip()},
        expected_version=expected_version,
        actor=actor,
    )


def _decide(item: AgendaItem, clean: Mapping[str, Any], *, actor: User | None) -> SteeringDecision | None:
    """A decision of the steering group on a project is recorded once, in the project's decision log."""
    if item.project is None or item.meeting.organization.kind != OrganizationKind.STEERING:
        return None
    values = {
        "date": timezone.localtime(item.meeting.start).date(),
        "text": clean["resolution_text"],
        "milestone": item.milestone,
        "responsible": clean.get("responsible", ""),
        "due_on": clean.get("due_on"),
    }
    decision = item.decision
    if decision is None:
        # the same decision entered on the project's page before: linked, not recorded twice
        taken = AgendaItem.objects.filter(decision__isnull=False).values("decision_id")
        decision = (
            SteeringDecision.objects.filter(project=item.project, date=values["date"], text=values["text"])
            .exclude(pk__in=taken)
            .first()
        )
    if decision is None:
        return project_services.record_decision(item.project, values, actor=actor)
    return project_services.update_decision(decision, values, expected_version=decision.version, actor=actor)


@transaction.atomic
def record_result(
    item: AgendaItem, values: Mapping[str, Any], *, expected_version: int, actor: User | None
) -> AgendaItem:
    """The result of an item (and its resolution text, who must act by when). An adopted item on a
    project of the steering group becomes the project's SteeringDecision (once; a later correction
    changes that same decision)."""
    locked = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting__organization", "project", "milestone", "decision")
        .get(pk=item.pk)
    )
    clean = {k: values[k] for k in RESULT_FIELDS if k in values}
    if locked.version != expected_version:
        raise ConflictError(locked, clean, expected_version=expected_version)
    clean["resolution_text"] = str(clean.get("resolution_text") or "").strip()
    clean["responsible"] = str(clean.get("responsible") or "").strip()
    meeting = locked.meeting
    errors = rules.result_errors(
        meeting.state,
        str(clean.get("result") or ""),
        clean["resolution_text"],
        clean.get("due_on"),
        timezone.localtime(meeting.start).date(),
        clean["responsible"],
    )
    if locked.decision is not None and clean.get("result") not in rules.DECIDED:
        errors.setdefault("result", []).append(
            _(
                "Ergebnis: Der Beschluss steht bereits im Beschlussbuch des Projekts; "
                "bitte den Text berichtigen."
            )
        )
    _raise(errors)
    decision = _decide(locked, clean, actor=actor) if clean["result"] in rules.DECIDED else None
    if decision is not None:
        clean["decision"] = decision
    return update_versioned(AgendaItem, locked.pk, clean, expected_version=expected_version, actor=actor)


@transaction.atomic
def approve_minutes(
    meeting: Meeting,
    approved_on: dt.date | None,
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Meeting:
    """Approve the minutes (then they are published, also in the OParl export); every item needs
    its result."""
    locked = _locked(meeting, expected_version, {"approved_on": approved_on})
    open_numbers = list(locked.agenda_items.filter(result="").values_list("number", flat=True))
    errors = rules.approve_errors(
        locked.state,
        locked.minutes,
        open_numbers,
        approved_on,
        timezone.localtime(locked.start).date(),
        today or timezone.localdate(),
    )
    _raise(errors)
    return update_versioned(
        Meeting,
        locked.pk,
        {"state": MeetingState.APPROVED, "approved_on": approved_on},
        expected_version=expected_version,
        actor=actor,
        message=_("Niederschrift genehmigt"),
    )


@transaction.atomic
def complete_action(
    action: SteeringDecision | AgendaItem,
    done_on: dt.date | None,
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Any:
    """Beschlusskontrolle: the action is done. A project decision through the projects' service;
    an item without a project on the item itself."""
    if isinstance(action, SteeringDecision):
        return project_services.complete_decision(
            action, done_on, expected_version=expected_version, actor=actor, today=today
        )
    today = today or timezone.localdate()
    held_on = timezone.localtime(action.meeting.start).date()
    if done_on is None or done_on < held_on or done_on > today:
        _raise({"done_on": [_("Erledigt am: Bitte ein Datum zwischen der Sitzung und heute angeben.")]})
    return update_versioned(
        AgendaItem, action.pk, {"done_on": done_on}, expected_version=expected_version, actor=actor
    )
