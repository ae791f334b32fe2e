"""How accounts hand their e-mails (invitation links, password reset links) to the outbox.

The outbox lives in ``ikz.notifications``, which builds on accounts (it imports the user model), so
accounts must not import it back (the architecture test forbids import cycles between apps). The
notifications app plugs its ``queue_mail`` in here when the apps are ready (decision 161)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from ikz.accounts.models import User


class QueueMail(Protocol):
    def __call__(
        self,
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
    ) -> object: ...


_OUTBOX: list[QueueMail] = []


def plug_in(queue_mail: QueueMail) -> None:
    _OUTBOX[:] = [queue_mail]


def queue_mail(
    *,
    key: str,
    to: Sequence[str],
    subject: str,
    body: str,
    actor: User | None = None,
    region_id: int | None = None,
    user: User | None = None,
    sensitive: bool = False,
) -> None:
    """Queue one e-mail in the platform's outbox (sent once by the queue, never in the request)."""
    if not _OUTBOX:
        raise ImproperlyConfigured("ikz.notifications (the outbox) is not installed.")
    _OUTBOX[0](
        key=key,
        to=to,
        subject=subject,
        body=body,
        actor=actor,
        region_id=region_id,
        user=user,
        sensitive=sensitive,
    )
