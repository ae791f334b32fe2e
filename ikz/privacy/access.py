"""Who handles data-protection requests: the office (Geschäftsstelle) only."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.accounts.models import User
from ikz.municipalities.models import ContactPerson
from ikz.privacy.queries import Person, person_for_contact, person_for_user

KINDS = {"konto", "kontakt"}


def require_office(user: Any) -> None:
    if not roles_of(user).is_office:
        raise PermissionDenied(_("Datenschutzanfragen bearbeitet die Geschäftsstelle."))


def person_or_404(user: Any, kind: str, pk: int) -> Person:
    require_office(user)
    if kind == "konto":
        return person_for_user(get_object_or_404(User, pk=pk))
    if kind == "kontakt":
        return person_for_contact(get_object_or_404(ContactPerson, pk=pk))
    raise Http404
