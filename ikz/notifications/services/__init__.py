"""Creating notifications and queuing their e-mails, and the secret calendar address. The outbox
(``queue_mail``, the job that sends one mail) is in :mod:`ikz.notifications.services.outbox`."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import record
from ikz.notifications.models import CalendarFeed, Notification, Preference
from ikz.notifications.queries import preferences, token_hash
from ikz.notifications.registry import SOURCES, Item
from ikz.notifications.services.outbox import (
    address_key,
    deliver,
    forget_mails_to,
    greeting,
    put_in_outbox,
    queue_mail,
)

__all__ = [
    "Run",
    "address_key",
    "collect",
    "deliver",
    "forget_mails_to",
    "greeting",
    "mark_read",
    "notify",
    "put_in_outbox",
    "queue_mail",
    "renew_calendar_token",
    "send_due",
    "set_preferences",
    "tell_contacts",
]


@transaction.atomic
def notify(items: Iterable[Item]) -> list[Notification]:
    """Create the notifications that do not exist yet (same user and key: nothing new) and return
    them. Safe when two timers run together: each row is written once (the unique constraint);
    both runs may then count a row written in that very second. E-mails are queued by
    ``send_due`` (the timer ``send_notifications``), never sent inside a request."""
    items = list(items)
    prefs = preferences({i.user_id for i in items})
    existing = set(
        Notification.objects.filter(
            user_id__in={i.user_id for i in items}, key__in={i.key for i in items}
        ).values_list("user_id", "key")
    )
    created = []
    for item in items:
        if (item.user_id, item.key) in existing:
            continue
        existing.add((item.user_id, item.key))
        in_app, email = prefs.get((item.user_id, item.kind), (True, True))
        created.append(
            Notification(
                user_id=item.user_id,
                kind=item.kind,
                text=item.text[:500],
                link=item.link,
                key=item.key[:200],
                due_date=item.due_date,
                in_app=in_app,
                email_due=email,
            )
        )
    if not created:
        return []
    # Two timers at the same moment: the unique (user, key) decides, the other's rows are skipped.
    Notification.objects.bulk_create(created, ignore_conflicts=True)
    wanted = {(n.user_id, n.key) for n in created}
    return [
        n
        for n in Notification.objects.filter(
            user_id__in={n.user_id for n in created}, key__in={n.key for n in created}
        )
        .select_related("user")
        .order_by("pk")
        if (n.user_id, n.key) in wanted
    ]


@dataclass
class Run:
    created: list[Notification] = field(default_factory=list)
    mailed: int = 0
    planned: list[Item] = field(default_factory=list)


def tell_contacts(obj: Any, items: Iterable[Item], *, actor: User | None) -> int:
    """Tell the contact persons that ``obj`` (a survey, an interest call) has opened: the
    notifications (inbox, and e-mail from the outbox as each person chose), and the number told in
    the history of ``obj``. Returns that number (0 when everyone had been told before)."""
    sent = notify(items)
    if sent:
        record(
            obj,
            Action.UPDATE,
            actor=actor,
            message=_("Geöffnet: %(n)d Benachrichtigungen an die Kontaktpersonen der Region")
            % {"n": len(sent)},
        )
    return len(sent)


def collect(today: dt.date) -> list[Item]:
    return [item for source in SOURCES.values() for item in source.due(today)]


def send_due(today: dt.date | None = None, *, dry_run: bool = False) -> Run:
    """Collect due reminders from every source, create them once, then queue one e-mail for each
    that should be mailed (key ``notification:<pk>``: two runs together queue it once)."""
    today = today or timezone.localdate()
    run = Run()
    items = collect(today)
    if dry_run:
        known = set(Notification.objects.filter(key__in={i.key for i in items}).values_list("user_id", "key"))
        run.planned = [i for i in items if (i.user_id, i.key) not in known]
        return run
    run.created = notify(items)
    pending = (
        Notification.objects.filter(email_due=True, emailed_at__isnull=True, mail__isnull=True)
        .select_related("user")
        .order_by("pk")
    )
    for notification in pending:
        run.mailed += _queue_notification_mail(notification)
    return run


@transaction.atomic
def _queue_notification_mail(notification: Notification) -> int:
    """Queue the e-mail of one notification; 1 if this call queued it, 0 if it was queued before
    or there is nobody to mail (then it is no longer due; ``emailed_at`` stays empty)."""
    user = notification.user
    if not (user.email and user.is_active):
        Notification.objects.filter(pk=notification.pk).update(email_due=False)
        return 0
    link = f"{settings.IKZ_BASE_URL}{notification.link}" if notification.link else ""
    mail, new = put_in_outbox(
        key=f"notification:{notification.pk}",
        to=[user.email],
        subject=f"{settings.IKZ_PLATFORM_NAME}: {notification.text[:120]}",
        body=f"{greeting(user.get_full_name())}\n\n{notification.text}\n\n{link}".strip(),
        user=user,
    )
    Notification.objects.filter(pk=notification.pk, mail__isnull=True).update(mail=mail)
    return int(new)


def mark_read(user: User, notification_ids: Iterable[int]) -> int:
    return Notification.objects.filter(user=user, pk__in=list(notification_ids), read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def set_preferences(user: User, choices: dict[str, tuple[bool, bool]], *, actor: User) -> None:
    for kind, (in_app, email) in choices.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"in_app": in_app, "email": email})
    record(
        user,
        Action.UPDATE,
        actor=actor,
        changes={"Benachrichtigungen": [None, ", ".join(sorted(choices))]},
        message=_("Benachrichtigungseinstellungen geändert"),
    )


@transaction.atomic
def renew_calendar_token(user: User, *, actor: User) -> str:
    """A new secret calendar address; the old one stops working. The token is shown once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(user=user, defaults={"token_hash": token_hash(token)})
    record(
        user,
        Action.UPDATE,
        actor=actor,
        changes={"Kalender-Abo": [None, "neu"]},
        message=_("Kalender-Adresse erneuert"),
    )
    return token
