"""Reminders of notice deadlines by e-mail (run by a timer, never inside a request): each reminder is
queued once in the outbox (key per cooperation, deadline and step) and sent by the queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

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
from ikz.cooperation.queries import contact_addresses, land_of_operations
from ikz.lib import dates
from ikz.notifications.services import put_in_outbox

# --- reminders of notice deadlines (run by a timer, never inside a request) ----------------------

DEFAULT_REMINDER_DAYS = (90, 30)


@dataclass(frozen=True)
class ReminderResult:
    cooperation: Cooperation
    notice_by: dt.date
    term_end: dt.date
    days_left: int
    days_before: int  # the reminder step this e-mail stands for (e.g. 30)
    recipients: tuple[str, ...]
    sent: bool  # False in a dry run


def _reminder_text(
    cooperation: Cooperation, operation: Operation, state: rules.TermState, today: dt.date, advice: str = ""
) -> str:
    assert state.notice_by is not None and state.notice_for is not None
    if state.status == rules.INDEFINITE:
        return _(
            "Guten Tag,\n\n"
            "die Vereinbarung „%(title)s“ (%(region)s) ist unbefristet und kann mit einer Frist von "
            "%(notice)s %(to)s gekündigt werden.\n\n"
            "%(sentence)s – noch %(days)s Tage.%(advice)s\n\n"
            "Ihre IKZ-Geschäftsstelle"
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
        "Guten Tag,\n\n"
        "die Vereinbarung „%(title)s“ (%(region)s) verlängert sich automatisch um %(renewal)s bis zum "
        "%(renewed)s, wenn sie nicht gekündigt wird.\n\n"
        "%(sentence)s – noch %(days)s Tage.\n\n"
        "Wer zum %(end)s ausscheiden möchte, muss die Kündigung bis zu diesem Tag zugestellt haben "
        "(Kündigungsfrist %(notice)s zum Ende der Laufzeit).%(weekend)s\n\n"
        "Ihre IKZ-Geschäftsstelle"
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
    recipients: Sequence[str],
    land: tuple[str, str] | None,
) -> None:
    """One e-mail for the due steps, each step recorded, one audit entry. A second timer run at
    the same moment finds the mail queued by the first and records nothing again."""
    assert state.notice_by is not None
    cooperation = operation.cooperation
    if recipients:
        _mail, new = put_in_outbox(
            key=f"notice-reminder:{cooperation.pk}:{state.notice_by.isoformat()}:{min(due)}",
            to=list(recipients),
            subject=_("Kündigungsfrist %(title)s: bis %(date)s")
            % {"title": cooperation.title, "date": f"{state.notice_by:%d.%m.%Y}"},
            body=_reminder_text(
                cooperation,
                operation,
                state,
                today,
                rules.deadline_advice(state.notice_by, land, dates.holiday_name),
            ),
            region_id=cooperation.region_id,
        )
        if not new:
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
    addresses = contact_addresses({m for ids in participants.values() for m in ids})
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
        recipients = sorted(
            ({cooperation.region.office_email} if cooperation.region.office_email else set())
            | {a for m in participants.get(cooperation.pk, []) for a in addresses.get(m, set())}
        )
        result = ReminderResult(
            cooperation,
            state.notice_by,
            state.notice_for,
            days_left,
            min(due),
            tuple(recipients),
            not dry_run,
        )
        results.append(result)
        if not dry_run:
            _send(operation, state, today, due, recipients, lands[operation.pk])
    return results
