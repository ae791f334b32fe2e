"""Who writes the operator's legal pages: the platform-wide office (it speaks for the operator;
an office of one region does not). Everybody, logged in or not, reads them."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of

T = TypeVar("T")


def can_edit(user: Any) -> bool:
    return roles_of(user).office_global


def check_edit(user: Any) -> None:
    if not can_edit(user):
        raise PermissionDenied(
            _(
                "Impressum, Datenschutzerklärung und Erklärung zur Barrierefreiheit pflegt die "
                "Geschäftsstelle der Plattform."
            )
        )


def get_written(obj: T | None) -> T:
    """A page that has been written (its history); 404 before the first save."""
    if obj is None:
        raise Http404
    return obj
