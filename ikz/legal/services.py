"""Writing the legal pages: the first save creates the page, every later one needs the version the
form showed (a stale save is refused with ``ConflictError``, as everywhere). Each save is recorded
in the audit trail with the changed fields: who changed the Impressum, what and when."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.services import ConflictError, create_object, update_versioned
from ikz.legal import rules
from ikz.legal.models import AccessibilityStatement, LegalPage, PageKind

M = TypeVar("M", bound=models.Model)

PAGE_FIELDS = ("body",)
STATEMENT_FIELDS = (
    "conformity",
    "limitations",
    "statement_date",
    "reviewed_on",
    "contact_email",
    "contact_phone",
    "enforcement_land",
    "enforcement_other",
    "body",
)


def _write(
    model: type[M],
    lookup: dict[str, str],
    values: dict[str, Any],
    *,
    actor: User | None,
    expected_version: int | None,
) -> M:
    """Create the row of ``lookup`` (no version expected) or change it (with the version the form
    showed). A form without a version for a row somebody else created meanwhile is stale too."""
    current = model._default_manager.select_for_update().filter(**lookup).first()
    if current is None:
        try:
            with transaction.atomic():
                return create_object(model(**lookup, **values), actor=actor, message=_("erstmals hinterlegt"))
        except IntegrityError:  # written by somebody else in the same moment
            current = model._default_manager.get(**lookup)
    if expected_version is None:
        raise ConflictError(current, values, expected_version=None)
    return update_versioned(model, current.pk, values, expected_version=expected_version, actor=actor)


@transaction.atomic
def save_page(
    kind: str, values: Mapping[str, Any], *, actor: User | None, expected_version: int | None = None
) -> LegalPage:
    """Write the Impressum or the Datenschutzerklärung (``kind``: a ``PageKind``)."""
    if kind not in PageKind.values:
        raise ValueError(kind)
    data = {name: values.get(name) for name in PAGE_FIELDS}
    errors = rules.page_errors(data)
    if errors:
        raise ValidationError(errors)
    return _write(LegalPage, {"kind": kind}, data, actor=actor, expected_version=expected_version)


@transaction.atomic
def save_statement(
    values: Mapping[str, Any], *, actor: User | None, expected_version: int | None = None
) -> AccessibilityStatement:
    """Write the accessibility statement; refused with German messages per field when it lacks
    what § 7 BITV 2.0 asks (limitations when not fully conformant, a contact, the dates)."""
    data = {name: values.get(name) for name in STATEMENT_FIELDS}
    for name in STATEMENT_FIELDS:
        if data[name] is None and name not in {"statement_date", "reviewed_on", "conformity"}:
            data[name] = ""
    errors = rules.statement_errors(data, timezone.localdate())
    if errors:
        raise ValidationError(errors)
    return _write(
        AccessibilityStatement,
        {"key": AccessibilityStatement.KEY},
        data,
        actor=actor,
        expected_version=expected_version,
    )
