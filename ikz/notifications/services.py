"""Creating and sending notifications, and the secret calendar address."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import record
from ikz.notifications.models import CalendarFeed, Notification, Preference
from ikz.notifications.queries import preferences, token_hash
from ikz.notifications.registry import SOURCES, Item


@transaction.atomic
def notify(items: Iterable[Item]) -> list[Notification]:
    """Create the notifications that do not exist yet (same user and key: nothing new).
    E-mails go out later with ``send_notifications``, never inside a request."""
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
    return Notification.objects.bulk_create(created)


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
    """Collect due reminders from every source, create them once, then e-mail what is pending."""
    today = today or timezone.localdate()
    run = Run()
    items = collect(today)
    if dry_run:
        known = set(Notification.objects.filter(key__in={i.key for i in items}).values_list("user_id", "key"))
        run.planned = [i for i in items if (i.user_id, i.key) not in known]
        return run
    run.created = notify(items)
    pending = Notification.objects.filter(email_due=True, emailed_at__isnull=True).select_related("user")
    for notification in pending:
        user = notification.user
        if user.email and user.is_active:
            link = f"{settings.IKZ_BASE_URL}{notification.link}" if notification.link else ""
            send_mail(
                subject=f"{settings.IKZ_PLATFORM_NAME}: {notification.text[:120]}",
                message=f"{notification.text}\n\n{link}".strip(),
                from_email=None,
                recipient_list=[user.email],
            )
            run.mailed += 1
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return run


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
