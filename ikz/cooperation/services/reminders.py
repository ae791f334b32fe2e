"""Reminders of notice deadlines by e-mail (run by a timer, never inside a request): each reminder is
queued once in the outbox (one mail per address; key per cooperation, deadline, step and address)
and sent by the queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ikz.accounts.models import Role, RoleAssignment
from ikz.audit.models import Action
from ikz.audit.services import record
from ikz.cooperation import rules
from ikz.cooperation.models import (
    Cooperation,
    NoticeReminder,
    Operation,
    Participant,
    ParticipantStatus,
)
from ikz.cooperation.queries import land_of_operations
from ikz.lib import dates
from ikz.municipalities.models import ContactPerson, Municipality
from ikz.notifications.services import address_key, greeting, put_in_outbox

# --- who is written to: one mail per address, with the person's name -----------------------------


def contact_recipients(municipality_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """municipality id → {e-mail address: name} of its contact persons and its active contact
    users (two queries). An address known twice (a contact person with an account, or written in
    another case) is one recipient; the contact person's name wins, a user's full name otherwise."""
    ids = list(municipality_ids)
    found: dict[int, dict[str, str]] = {}
    seen: dict[int, set[str]] = {}

    def add(municipality_id: int | None, email: str, name: str) -> None:
        email = email.strip()
        if municipality_id is None or not email or email.lower() in seen.setdefault(municipality_id, set()):
            return
        seen[municipality_id].add(email.lower())
        found.setdefault(municipality_id, {})[email] = name

    for municipality_id, email, name in (
        ContactPerson.objects.filter(municipality_id__in=ids)
        .exclude(email="")
        .order_by("name", "pk")
        .values_list("municipality_id", "email", "name")
    ):
        add(municipality_id, email, name)
    for assignment in (
        RoleAssignment.objects.filter(role=Role.CONTACT, municipality_id__in=ids, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__last_name", "user__pk")
    ):
        add(assignment.municipality_id, assignment.user.email, assignment.user.get_full_name())
    return {m: dict(sorted(people.items(), key=lambda i: i[0].lower())) for m, people in found.items()}


def unreached_names(municipalities: Iterable[Municipality], limit: int = 10) -> str:
    """ "Kelsterbach (keine Adresse), Raunheim (keine Adresse)" — the municipalities a reminder did not
    reach, at most ``limit`` named (the job's result is short), then "+ n weitere"."""
    names = [_("%(name)s (keine Adresse)") % {"name": m.name} for m in municipalities]
    more = len(names) - limit
    text = ", ".join(names[:limit])
    return text + (_(" und %(n)s weitere") % {"n": more} if more > 0 else "")


# --- reminders of notice deadlines (run by a timer, never inside a request) ----------------------

DEFAULT_REMINDER_DAYS = (90, 30)


@dataclass(frozen=True)
class ReminderResult:
    cooperation: Cooperation
    notice_by: dt.date
    term_end: dt.date
    days_left: int
    days_before: int  # the reminder step these e-mails stand for (e.g. 30)
    recipients: tuple[str, ...]  # one e-mail each
    sent: bool  # False in a dry run
    unreached: tuple[str, ...] = ()  # participating municipalities without any address


def _reminder_text(
    cooperation: Cooperation,
    operation: Operation,
    state: rules.TermState,
    today: dt.date,
    advice: str = "",
    name: str = "",
) -> str:
    """The text for one recipient: their greeting, the deadline, the address of the cooperation."""
    link = _("Zur Kooperation: %(url)s") % {"url": f"{settings.IKZ_BASE_URL}{cooperation.get_absolute_url()}"}
    return (
        f"{greeting(name)}\n\n{_deadline_text(cooperation, operation, state, today, advice)}\n\n{link}\n\n"
        + _("Ihre IKZ-Geschäftsstelle")
    )


def _deadline_text(
    cooperation: Cooperation, operation: Operation, state: rules.TermState, today: dt.date, advice: str
) -> str:
    assert state.notice_by is not None and state.notice_for is not None
    if state.status == rules.INDEFINITE:
        return _(
            "Die Vereinbarung „%(title)s“ (%(region)s) ist unbefristet und kann mit einer Frist von "
            "%(notice)s %(to)s gekündigt werden.\n\n"
            "%(sentence)s – noch %(days)s Tage.%(advice)s"
        ) % {
            "title": cooperation.title,
            "region": cooperation.region.name,
            "notice": operation.notice_text,
            "to": operation.get_notice_to_display(),
            "sentence": rules.notice_sentence(state),
            "days": (state.notice_by - today).days,
            "advice": f" {advice}" if advice else "",
        }
    return _(
        "Die Vereinbarung „%(title)s“ (%(region)s) verlängert sich automatisch um %(renewal)s bis zum "
        "%(renewed)s, wenn sie nicht gekündigt wird.\n\n"
        "%(sentence)s – noch %(days)s Tage.\n\n"
        "Wer zum %(end)s ausscheiden möchte, muss die Kündigung bis zu diesem Tag zugestellt haben "
        "(Kündigungsfrist %(notice)s zum Ende der Laufzeit).%(weekend)s"
    ) % {
        "title": cooperation.title,
        "region": cooperation.region.name,
        "renewal": operation.renewal_text,
        "renewed": f"{state.renewed_until:%d.%m.%Y}" if state.renewed_until else "–",
        "sentence": rules.notice_sentence(state),
        "days": (state.notice_by - today).days,
        "end": f"{state.notice_for:%d.%m.%Y}",
        "notice": operation.notice_text,
        "weekend": f" {advice}" if advice else "",
    }


def _send(
    operation: Operation,
    state: rules.TermState,
    today: dt.date,
    due: Sequence[int],
    recipients: Mapping[str, str],
    land: tuple[str, str] | None,
) -> None:
    """One e-mail to each recipient (address → name; never several people in one To: line), the
    due steps recorded, one audit entry. A second timer run at the same moment finds the mails
    queued by the first and records nothing again."""
    assert state.notice_by is not None
    cooperation = operation.cooperation
    prefix = f"notice-reminder:{cooperation.pk}:{state.notice_by.isoformat()}:{min(due)}"
    advice = rules.deadline_advice(state.notice_by, land, dates.holiday_name)
    subject = _("Kündigungsfrist %(title)s: bis %(date)s") % {
        "title": cooperation.title,
        "date": f"{state.notice_by:%d.%m.%Y}",
    }
    queued = [
        put_in_outbox(
            key=address_key(prefix, address),
            to=[address],
            subject=subject,
            body=_reminder_text(cooperation, operation, state, today, advice, name),
            region_id=cooperation.region_id,
        )[1]
        for address, name in recipients.items()
    ]
    if recipients and not any(queued):
        return
    NoticeReminder.objects.bulk_create(
        [
            NoticeReminder(
                cooperation=cooperation,
                deadline=state.notice_by,
                days_before=step,
                recipients=", ".join(recipients),
            )
            for step in due
        ],
        ignore_conflicts=True,  # a second timer run at the same moment (no mail to queue)
    )
    record(
        cooperation,
        Action.UPDATE,
        actor=None,
        changes={
            _("Erinnerung Kündigungsfrist"): ["", f"{state.notice_by:%d.%m.%Y} ({min(due)} Tage vorher)"]
        },
        message=", ".join(recipients),
    )


@transaction.atomic
def send_notice_reminders(
    today: dt.date, *, days: Sequence[int] = DEFAULT_REMINDER_DAYS, dry_run: bool = False
) -> list[ReminderResult]:
    """E-mail the region's office and the contacts of the participants ``days`` before each notice
    deadline (e.g. 90 and 30 days). Each step is recorded and sent once; when the timer starts late
    (30 days left, 90-day reminder never sent) one e-mail goes out and both steps are recorded."""
    steps = sorted(set(days), reverse=True)
    operations = list(
        Operation.objects.filter(ended_on__isnull=True)
        .filter(Q(auto_renewal=True) | ~Q(notice_to=""))
        .select_related("cooperation__region", "host")
    )
    lands = land_of_operations(operations) if operations else {}
    sent = {
        (cooperation_id, deadline, step)
        for cooperation_id, deadline, step in NoticeReminder.objects.filter(
            cooperation__in=[o.cooperation_id for o in operations]
        ).values_list("cooperation_id", "deadline", "days_before")
    }
    participants: dict[int, list[int]] = {}
    for cooperation_id, municipality_id in Participant.objects.filter(
        cooperation__in=[o.cooperation_id for o in operations], status=ParticipantStatus.EXISTS
    ).values_list("cooperation_id", "municipality_id"):
        participants.setdefault(cooperation_id, []).append(municipality_id)
    people = contact_recipients({m for ids in participants.values() for m in ids})
    names = dict(
        Municipality.objects.filter(pk__in={m for ids in participants.values() for m in ids}).values_list(
            "pk", "name"
        )
    )
    results = []
    for operation in operations:
        state = rules.term_state(operation.term(), today)
        if state.notice_by is None or state.notice_for is None:
            continue
        days_left = (state.notice_by - today).days
        due = [
            s for s in steps if days_left <= s and (operation.cooperation_id, state.notice_by, s) not in sent
        ]
        if not due:
            continue
        cooperation = operation.cooperation
        recipients = _recipients(cooperation, participants.get(cooperation.pk, []), people)
        unreached = sorted(names[m] for m in participants.get(cooperation.pk, []) if not people.get(m))
        result = ReminderResult(
            cooperation,
            state.notice_by,
            state.notice_for,
            days_left,
            min(due),
            tuple(recipients),
            not dry_run,
            tuple(unreached),
        )
        results.append(result)
        if not dry_run:
            _send(operation, state, today, due, recipients, lands[operation.pk])
    return results


def _recipients(
    cooperation: Cooperation, participant_ids: Sequence[int], people: Mapping[int, Mapping[str, str]]
) -> dict[str, str]:
    """The region's office and the contacts of the participants, each address once (address → name)."""
    found: dict[str, str] = {}
    office = cooperation.region.office_email.strip()
    if office:
        found[office] = ""
    for municipality_id in participant_ids:
        for address, name in people.get(municipality_id, {}).items():
            if address.lower() not in {a.lower() for a in found}:
                found[address] = name
    return dict(sorted(found.items(), key=lambda i: i[0].lower()))
