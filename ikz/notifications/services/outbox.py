"""The outbox: every e-mail of the platform is queued here and sent exactly once by the queue
(decision 159). ``queue_mail`` writes a :class:`~ikz.notifications.models.Mail` and one job
``notifications.deliver`` in the caller's transaction; :func:`deliver` (the job) locks the mail,
hands it to the mail server and marks it sent. Nothing here is called inside a request's SMTP
round trip: a request only writes rows."""

from __future__ import annotations

import hashlib
import smtplib
from collections.abc import Sequence
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.jobs.registry import InputGone
from ikz.jobs.services import enqueue
from ikz.notifications.models import Mail, Notification

DELIVER = "notifications.deliver"


class MailNotSent(ValidationError):
    """The mail server refused or could not be reached: a passing fault, tried again with backoff.
    A ValidationError so that the job's reason is the German sentence alone."""


def mail_label(to: Sequence[str], subject: str) -> str:
    first = to[0] if to else "–"
    more = f" (+{len(to) - 1})" if len(to) > 1 else ""
    return _("E-Mail an %(to)s%(more)s: %(subject)s") % {"to": first, "more": more, "subject": subject}


def greeting(name: str = "") -> str:
    """The first line of a mail to one person: with their name where it is known."""
    name = " ".join(name.split())
    return _("Guten Tag %(name)s,") % {"name": name} if name else _("Guten Tag,")


def address_key(prefix: str, address: str) -> str:
    """The outbox key of the mail for one address (one mail per recipient, decision 196): the
    address as written in lower case, or its hash when the key would be too long."""
    address = address.strip().lower()
    key = f"{prefix}:{address}"
    return key if len(key) <= 200 else f"{prefix}:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


@transaction.atomic
def put_in_outbox(
    *,
    key: str,
    to: Sequence[str],
    subject: str,
    body: str,
    actor: User | None = None,
    region_id: int | None = None,
    user: User | None = None,
    reply_to: str = "",
    sensitive: bool = False,
) -> tuple[Mail, bool]:
    """Queue one e-mail under ``key``; returns the mail and whether it is new. The same key returns
    the mail queued before (a timer started twice, a form sent twice): never a second one."""
    key = key[:200]
    existing = Mail.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():  # a parallel caller with the same key: the unique key decides
            mail = Mail.objects.create(
                key=key,
                recipients=list(to),
                subject=" ".join(subject.split())[:300],
                body=body,
                reply_to=reply_to,
                user=user,
                sensitive=sensitive,
                region_id=region_id,
                created_by=actor,
            )
    except IntegrityError:
        return Mail.objects.get(key=key), False
    enqueue(
        DELIVER,
        {"mail": mail.pk},
        label=mail_label(mail.recipients, mail.subject),
        actor=actor,
        region_id=region_id,
        key=f"mail:{mail.pk}",
    )
    return mail, True


def queue_mail(
    *,
    key: str,
    to: Sequence[str],
    subject: str,
    body: str,
    actor: User | None = None,
    region_id: int | None = None,
    user: User | None = None,
    reply_to: str = "",
    sensitive: bool = False,
) -> Mail:
    """Queue one e-mail (see :func:`put_in_outbox`); call it inside the service's transaction."""
    mail, _new = put_in_outbox(
        key=key,
        to=to,
        subject=subject,
        body=body,
        actor=actor,
        region_id=region_id,
        user=user,
        reply_to=reply_to,
        sensitive=sensitive,
    )
    return mail


def message_id(key: str) -> str:
    """The same Message-ID for every attempt of one mail, on every worker: a receiving system that
    drops duplicates drops a second delivery (a worker killed after the server's "250 OK")."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "ikz.invalid"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


def _refusal(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        detail = "; ".join(
            f"{address}: {code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
            for address, (code, text) in exc.recipients.items()
        )
        return _("Der Mailserver hat die Nachricht abgelehnt: %(detail)s") % {"detail": detail}
    if isinstance(exc, smtplib.SMTPResponseException):
        text = (
            exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        )
        return _("Der Mailserver hat die Nachricht abgelehnt: %(detail)s") % {
            "detail": f"{exc.smtp_code} {text}"
        }
    if isinstance(exc, smtplib.SMTPException):
        return _("Der Mailserver hat die Nachricht abgelehnt: %(detail)s") % {"detail": exc}
    return _("Der Mailserver ist nicht erreichbar: %(detail)s") % {"detail": exc}


def forget_mails_to(addresses: Sequence[str], user: User | None) -> int:
    """Art. 17: the outbox forgets every mail to the person (by account or by address), sent or
    not (a queued one ends with "nicht mehr vorhanden"). Mails the person queued for others stay:
    they belong to their recipients. Returns the number deleted."""
    wanted = {a.strip().lower() for a in addresses if a and a.strip()}
    condition = Q(user=user) if user is not None else Q(pk__in=[])
    for address in wanted:
        condition |= Q(recipients_text__icontains=f'"{address}"')
    rows = Mail.objects.annotate(recipients_text=Cast("recipients", TextField())).filter(condition)
    ids = [
        m.pk
        for m in rows.only("pk", "recipients", "user_id")
        if (user is not None and m.user_id == user.pk) or wanted & {r.lower() for r in m.recipients}
    ]
    return Mail.objects.filter(pk__in=ids).delete()[0]


def _check_recipient(mail: Mail) -> None:
    person = mail.user
    if person is not None and not person.is_active:
        raise InputGone(
            _(
                "Das Konto der Empfängerin oder des Empfängers wurde inzwischen deaktiviert oder "
                "anonymisiert; die E-Mail „%(subject)s“ wird nicht versendet."
            )
            % {"subject": mail.subject}
        )
    if not mail.recipients:
        raise InputGone(_("Die E-Mail „%(subject)s“ hat keine Empfänger.") % {"subject": mail.subject})


def _message(mail: Mail) -> EmailMessage:
    return EmailMessage(
        subject=mail.subject,
        body=mail.body,
        to=list(mail.recipients),
        reply_to=[mail.reply_to] if mail.reply_to else None,
        headers={"Message-ID": message_id(mail.key)},
    )


def deliver(mail_id: int) -> str:
    """Send one mail exactly once (the job ``notifications.deliver``). The row stays locked from the
    check to the commit: a second worker waits and then finds it sent."""
    with transaction.atomic():
        mail = Mail.objects.select_for_update(of=("self",)).select_related("user").filter(pk=mail_id).first()
        if mail is None:
            raise InputGone(_("Die E-Mail ist nicht mehr vorhanden (die Person wurde gelöscht)."))
        if mail.sent_at is not None:
            return _("bereits versendet")
        _check_recipient(mail)
        try:
            _message(mail).send()
        except (OSError, smtplib.SMTPException) as exc:
            raise MailNotSent(_refusal(exc)) from exc
        mail.sent_at = timezone.now()
        if mail.sensitive:
            mail.body = ""  # the secret link has reached the mail server; it is not kept here
        mail.save(update_fields=["sent_at", "body"])
        Notification.objects.filter(mail=mail).update(emailed_at=mail.sent_at)
    return _("Versendet an %(to)s") % {"to": ", ".join(mail.recipients)}
