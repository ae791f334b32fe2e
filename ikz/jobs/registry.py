"""The kinds of background job. Each app registers its own in ``ikz/<app>/jobs.py``::

    @register("notifications.deliver", label=_("E-Mail versenden"))
    def deliver(job: Job) -> str: ...

A handler gets the :class:`~ikz.jobs.models.Job` (its ``payload`` holds ids, never objects) and
returns a short German result ("3 E-Mails versendet") or a :class:`Done` with a link. It raises
:class:`InputGone` when what it should work on no longer exists (a deleted document, an anonymised
person): the job ends at once with that reason, no retry. Any other exception is a fault that may
pass (a mail server that refuses for a while): tried again with backoff, up to ``max_attempts``,
then listed for the office as failed, with the reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404

if TYPE_CHECKING:
    from ikz.jobs.models import Job


class InputGone(Exception):
    """What the job should work on is gone: the job fails at once with this German reason."""


@dataclass(frozen=True)
class Done:
    text: str
    link: str = ""


Handler = Callable[["Job"], "str | Done | None"]


@dataclass(frozen=True)
class JobKind:
    slug: str
    label: str
    run: Handler
    max_attempts: int = 5


KINDS: dict[str, JobKind] = {}


def register(slug: str, *, label: str, max_attempts: int = 5) -> Callable[[Handler], Handler]:
    def wrap(handler: Handler) -> Handler:
        KINDS[slug] = JobKind(slug=slug, label=str(label), run=handler, max_attempts=max_attempts)
        return handler

    return wrap


def get(slug: str) -> JobKind:
    try:
        return KINDS[slug]
    except KeyError:
        raise Http404(slug) from None
