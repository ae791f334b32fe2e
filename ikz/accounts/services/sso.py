"""Single sign-on: what a login through the identity provider changes on the account."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import record


def mark_sso_linked(person: User) -> bool:
    """Note the first login through single sign-on (``sso_linked_at``, audited). From then on
    ``IKZ_PASSWORD_LOGIN=sso-accounts-off`` closes the password login of this account. Returns
    whether the account was linked just now."""
    with transaction.atomic():
        linked = User.objects.filter(pk=person.pk, sso_linked_at__isnull=True).update(
            sso_linked_at=timezone.now()
        )
        if linked:
            person.refresh_from_db(fields=["sso_linked_at"])
            record(
                person,
                Action.UPDATE,
                actor=person,
                message=_("Erste Anmeldung über Single Sign-on: Konto mit dem Anmeldedienst verknüpft"),
            )
    return bool(linked)
