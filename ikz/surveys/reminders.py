"""The office's reminders to the municipalities that have not submitted: queued as one job (the
button on the Rücklauf), run by the queue — one e-mail per address (decision 196), each greeting its
person and linking to the municipality's questionnaire; a municipality without any address is named
as not reached, never counted as reminded (decision 197)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import record
from ikz.cooperation.services.reminders import contact_recipients, unreached_names
from ikz.jobs.models import Job
from ikz.jobs.services import enqueue
from ikz.municipalities.models import Municipality
from ikz.notifications.models import Mail
from ikz.notifications.services import address_key, greeting, queue_mail
from ikz.surveys.models import Campaign, Reminder, ResponseStatus

REMIND = "surveys.send_reminders"


def queue_reminders(
    campaign: Campaign, municipalities: Sequence[Municipality], *, actor: User
) -> tuple[Job, bool]:
    """Queue one job that reminds the municipalities (the office's button; the mails never leave
    inside the request). The same municipalities of a campaign on the same day: the job queued
    before is returned (a double click) — ``(job, False)``."""
    ids = sorted(m.pk for m in municipalities)
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
    key = f"survey-reminders:{campaign.pk}:{timezone.localdate().isoformat()}:{digest}"
    existed = Job.objects.filter(key=key).exists()
    job = enqueue(
        REMIND,
        {"campaign": campaign.pk, "municipalities": ids},
        label=_("Erinnerungen: %(title)s (%(n)s Kommunen)") % {"title": campaign.title, "n": len(ids)},
        actor=actor,
        region_id=campaign.region_id,
        key=key,
    )
    return job, not existed


@dataclass
class ReminderRun:
    """What a run of reminders did: the reminders (one per municipality reached), the number of
    e-mails queued for them (one per address) and the municipalities not reached (no address)."""

    reminders: list[Reminder] = field(default_factory=list)
    mails: int = 0
    unreached: list[Municipality] = field(default_factory=list)

    def summary(self) -> str:
        mails, places = self.mails, len(self.reminders)
        text = (
            ngettext("%(n)s Erinnerung", "%(n)s Erinnerungen", mails) % {"n": mails}
            + " "
            + ngettext("an %(m)s Kommune vorgemerkt", "an %(m)s Kommunen vorgemerkt", places) % {"m": places}
        )
        if self.unreached:
            text += "; " + _("nicht erreicht: %(names)s") % {"names": unreached_names(self.unreached)}
        return text


def send_reminders(
    campaign: Campaign, municipalities: Sequence[Municipality], *, actor: User | None, run: str
) -> ReminderRun:
    """Remind the contacts of each municipality that has not submitted: a reminder recorded per
    municipality and one e-mail queued for each of its addresses (never several people in one
    To: line), greeting the person by name and linking to the municipality's questionnaire. A
    municipality without any address is not reminded: it is named as not reached. ``run`` names
    the run (the job): run again (a worker restarted), it finds its reminders and mails and
    queues nothing twice."""
    submitted = set(
        campaign.responses.filter(status=ResponseStatus.SUBMITTED).values_list("municipality_id", flat=True)
    )
    wanted = [m for m in municipalities if m.pk not in submitted]
    people = contact_recipients(m.pk for m in wanted)
    result = ReminderRun()
    keys: list[str] = []
    for municipality in wanted:
        recipients = people.get(municipality.pk, {})
        if not recipients:
            result.unreached.append(municipality)
            continue
        reminder, mail_keys = _remind(
            campaign, municipality, recipients, actor=actor, key=f"{run}:{municipality.pk}"
        )
        result.reminders.append(reminder)
        keys += mail_keys
    result.mails = Mail.objects.filter(key__in=keys).count()
    return result


def _reminder_body(campaign: Campaign, municipality: Municipality, name: str) -> str:
    url = settings.IKZ_BASE_URL + reverse("surveys:response_detail", args=[campaign.pk, municipality.pk])
    return (
        greeting(name)
        + "\n\n"
        + _(
            "die Rücklauffrist der %(title)s endet am %(date)s. Der Antwortbogen für %(name)s ist noch "
            "nicht abgegeben.\n\nZum Antwortbogen: %(url)s\n\nIhre IKZ-Geschäftsstelle"
        )
        % {
            "title": campaign.title,
            "date": campaign.deadline.strftime("%d.%m.%Y"),
            "name": municipality.name,
            "url": url,
        }
    )


@transaction.atomic
def _remind(
    campaign: Campaign,
    municipality: Municipality,
    recipients: Mapping[str, str],
    *,
    actor: User | None,
    key: str,
) -> tuple[Reminder, list[str]]:
    """The reminder of one municipality and the keys of its mails (one per address)."""
    existing = Reminder.objects.filter(key=key).first()
    if existing is not None:  # the run again: the mails were queued with the reminder
        return existing, [_mail_key(existing, a) for a in existing.recipients.split(", ") if a]
    try:
        with transaction.atomic():  # the same run twice at once: the unique key decides
            reminder = Reminder.objects.create(
                campaign=campaign,
                municipality=municipality,
                sent_by=actor,
                recipients=", ".join(recipients),
                key=key[:200],
            )
    except IntegrityError:
        existing = Reminder.objects.get(key=key)
        return existing, [_mail_key(existing, a) for a in existing.recipients.split(", ") if a]
    for address, name in recipients.items():
        queue_mail(
            key=_mail_key(reminder, address),
            to=[address],
            subject=_("Erinnerung: %(title)s") % {"title": campaign.title},
            body=_reminder_body(campaign, municipality, name),
            actor=actor,
            region_id=campaign.region_id,
        )
    record(
        campaign,
        Action.UPDATE,
        actor=actor,
        changes={_("Erinnerung"): ["", f"{municipality.short_name}: {reminder.recipients}"]},
    )
    return reminder, [_mail_key(reminder, a) for a in recipients]


def _mail_key(reminder: Reminder, address: str) -> str:
    return address_key(f"survey-reminder:{reminder.pk}", address)


def unreachable(campaign: Campaign) -> list[Municipality]:
    """The region's members that still owe their sheet and that a reminder cannot reach today (no
    contact with an address). A member that has submitted needs no reminder and is not named."""
    members = list(
        Municipality.objects.filter(region_memberships__region=campaign.region)
        .exclude(pk__in=campaign.responses.filter(status=ResponseStatus.SUBMITTED).values("municipality_id"))
        .order_by("name", "pk")
    )
    people = contact_recipients(m.pk for m in members)
    return [m for m in members if not people.get(m.pk)]
