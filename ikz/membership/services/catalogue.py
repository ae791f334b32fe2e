"""The cooperative's service catalogue: take a service in, change it, retire it (decision 118).

A service is never deleted: requests and orders refer to it. Retiring it takes it out of what
members can request (``is_active`` false); it stays on the requests that name it and can be made
orderable again."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.services import create_object, update_versioned
from ikz.membership.models import Cooperative, Service, ServiceCategory

SERVICE_FIELDS = ("category", "name", "description", "position", "source")


def _service_errors(
    cooperative: Cooperative, values: Mapping[str, Any], own_pk: int | None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = str(values.get("name") or "").strip()
    if not name:
        errors["name"] = _("Bitte die Leistung benennen.")
    elif Service.objects.filter(cooperative=cooperative, name__iexact=name).exclude(pk=own_pk or 0).exists():
        errors["name"] = _("Eine Leistung „%(n)s“ steht schon im Katalog.") % {"n": name}
    if values.get("category") not in ServiceCategory.values:
        errors["category"] = _("Bitte die Art der Leistung wählen.")
    return errors


@transaction.atomic
def save_service(
    cooperative: Cooperative,
    values: Mapping[str, Any],
    *,
    actor: User | None,
    service: Service | None = None,
    expected_version: int | None = None,
) -> Service:
    """Take a service into the catalogue (``service`` None) or change one; a stale
    ``expected_version`` raises ``ConflictError`` and nothing is written."""
    data = {name: values[name] for name in SERVICE_FIELDS if name in values}
    data["name"] = str(data.get("name") or "").strip()
    data["position"] = data.get("position") or 0
    errors = _service_errors(cooperative, data, service.pk if service else None)
    if errors:
        raise ValidationError(errors)
    if service is None:
        return create_object(
            Service(cooperative=cooperative, **data),
            actor=actor,
            message=_("in den Leistungskatalog aufgenommen"),
        )
    assert expected_version is not None
    return update_versioned(Service, service.pk, data, expected_version=expected_version, actor=actor)


@transaction.atomic
def set_service_orderable(
    service: Service, orderable: bool, *, expected_version: int, actor: User | None
) -> Service:
    """Retire a service (members can no longer request it) or make it orderable again."""
    return update_versioned(
        Service,
        service.pk,
        {"is_active": orderable},
        expected_version=expected_version,
        actor=actor,
        message=_("wieder bestellbar")
        if orderable
        else _("aus dem Katalog genommen (nicht mehr bestellbar)"),
    )
