"""E-mail backends for tests: one that refuses one address (as a mail server does with an unknown
mailbox), one that fails the test if anything is sent at all (no SMTP inside a request)."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

REFUSED = "unbekannt@example.org"


class RefusingBackend(LocmemBackend):
    """Like locmem (``mail.outbox``), but the server refuses every message to :data:`REFUSED`."""

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        for message in messages:
            if REFUSED in message.recipients():
                raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"5.1.1 Mailbox unbekannt")})
        return super().send_messages(messages)


class NoSendingBackend(BaseEmailBackend):
    """Any attempt to send fails the test: the request must only queue."""

    def send_messages(self, messages: Sequence[Any]) -> int:
        raise AssertionError(f"Im Request gesendet: {[m.subject for m in messages]}")
