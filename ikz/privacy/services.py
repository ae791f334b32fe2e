"""Answering data-protection requests: the Art. 15 export and the Art. 17 erasure.

Both find a person's rows generically by walking the model graph: every foreign key or one-to-one
field to the person's account or contact-person rows, and every text field that contains the
person's e-mail address, phone number or name. Audit entries are added for the rows found, for
the person's own actions and where their data occurs in a change set.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action, AuditEntry
from ikz.audit.security import security_event
from ikz.audit.services import record
from ikz.municipalities.models import ContactPerson
from ikz.notifications.services import forget_mails_to
from ikz.privacy import rules
from ikz.privacy.models import DataRequest, Kind
from ikz.privacy.queries import (
    SECRET_FIELDS,
    TEXT_FIELDS,
    Person,
    audit_entries,
    collect,
    label_of,
    referencing_rows,
)


class ErasureRefused(Exception):
    """The erasure was not confirmed; nothing was written."""


@transaction.atomic
def export_person_data(person: Person, *, actor: User, requested_on: Any = None) -> tuple[DataRequest, str]:
    """The Art. 15 export as one JSON text; the request is recorded (row and audit entry)."""
    document = collect(person)
    request = DataRequest.objects.create(
        kind=Kind.ACCESS,
        user=person.user,
        subject_label=person.label[:200],
        requested_on=requested_on or timezone.localdate(),
        handled_by=actor,
        handled_at=timezone.now(),
        outcome=_("Auskunft mit %(rows)s Datensätzen und %(entries)s Verlaufseinträgen erteilt.")
        % {"rows": len(document["datensaetze"]), "entries": len(document["verlauf"])},
    )
    request.contacts.set(person.contacts)
    record(request, Action.CREATE, actor=actor, message=request.outcome)
    return request, json.dumps(document, ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class Kept:
    table: str
    object_label: str
    fields: list[str]
    reason: str


def _scrub_json(value: Any, needles: list[rules.Needle], replacement: str) -> Any:
    text = json.dumps(value, ensure_ascii=False)
    if not rules.contains_any(text, needles):
        return value
    return json.loads(
        json.dumps(
            _walk_scrub(value, needles, replacement),
            ensure_ascii=False,
        )
    )


def _walk_scrub(value: Any, needles: list[rules.Needle], replacement: str) -> Any:
    if isinstance(value, str):
        return rules.scrub(value, needles, replacement)
    if isinstance(value, list):
        return [_walk_scrub(v, needles, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _walk_scrub(v, needles, replacement) for k, v in value.items()}
    return value


def _revoke_sessions(user: User) -> None:
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


def _scrub_rows(
    rows: list[models.Model], person: Person, needles: list[rules.Needle], replacement: str
) -> tuple[list[models.Model], list[Kept], int]:
    """Every row naming the person: the person's own settings and keys deleted, the free text
    scrubbed, retained fields kept (and reported). Returns (touched rows, kept, number deleted)."""
    kept: list[Kept] = []
    retention = rules.retained()
    touched: list[models.Model] = []
    deleted = 0
    for row in rows:
        label = label_of(type(row))
        if row == person.user or (isinstance(row, ContactPerson) and row in person.contacts):
            continue
        if rules.is_deleted_on_erasure(label):
            type(row)._default_manager.filter(pk=row.pk).delete()
            deleted += 1
            continue
        changes: dict[str, str] = {}
        kept_fields: list[str] = []
        for f in row._meta.concrete_fields:
            if not isinstance(f, TEXT_FIELDS) or f.name in SECRET_FIELDS or f.choices:
                continue
            value = getattr(row, f.attname) or ""
            if not rules.contains_any(value, needles):
                continue
            if rules.is_retained(label, f.name):
                kept_fields.append(str(f.verbose_name))
                continue
            new = rules.scrub(value, needles, "" if f.name == "email" else replacement)
            changes[f.attname] = new[: f.max_length] if f.max_length else new
        if changes:
            if any(f.name == "version" for f in row._meta.concrete_fields):
                changes["version"] = models.F("version") + 1  # type: ignore[assignment]
            type(row)._default_manager.filter(pk=row.pk).update(**changes)
            touched.append(row)
        if kept_fields:
            rule = retention[label]
            kept.append(Kept(str(row._meta.verbose_name), str(row), kept_fields, rule.reason))
    return touched, kept, deleted


def _anonymise_person(person: Person, replacement: str, request_pk: int) -> list[models.Model]:
    """The contact persons and the account themselves (the account can no longer log in)."""
    touched: list[models.Model] = []
    # Member register entries of the person's municipality role are kept in full; say so.
    for contact in person.contacts:
        ContactPerson.objects.filter(pk=contact.pk).update(
            name=replacement, email="", phone="", function="", version=models.F("version") + 1
        )
        touched.append(contact)
    if person.user is not None:
        user = User.objects.select_for_update().get(pk=person.user.pk)
        user.first_name = replacement
        user.last_name = ""
        user.username = f"geloescht-{request_pk}"
        user.email = ""
        user.phone = ""
        user.function = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        _revoke_sessions(user)
    return touched


def _scrub_history(
    entries: list[AuditEntry], person: Person, needles: list[rules.Needle], replacement: str
) -> None:
    retention = rules.retained()
    for entry in entries:
        if label_of(entry.content_type.model_class() or AuditEntry) in retention:
            continue
        updates: dict[str, Any] = {}
        if person.user is not None and entry.actor_id == person.user.pk:
            updates["actor_label"] = replacement
        elif rules.contains_any(entry.actor_label, needles):
            updates["actor_label"] = rules.scrub(entry.actor_label, needles, replacement)[:200]
        if rules.contains_any(entry.object_repr, needles):
            updates["object_repr"] = rules.scrub(entry.object_repr, needles, replacement)[:300]
        if rules.contains_any(entry.message, needles):
            updates["message"] = rules.scrub(entry.message, needles, replacement)[:500]
        scrubbed = _scrub_json(entry.changes, needles, replacement)
        if scrubbed != entry.changes:
            updates["changes"] = scrubbed
        if updates:
            AuditEntry.objects.filter(pk=entry.pk).update(**updates)


def _refresh_search(touched: list[models.Model], needles: list[rules.Needle]) -> None:
    """Search index: re-describe every changed row and every entry that still mentions the person."""
    from ikz.search import index
    from ikz.search.models import SearchEntry
    from ikz.search.registry import SOURCES

    for row in touched:
        fresh = type(row)._default_manager.filter(pk=row.pk).first()
        if fresh is not None:
            index.refresh(fresh)
    hits = Q(pk__in=[])
    for needle in needles:
        hits |= Q(title__icontains=needle.text) | Q(body__icontains=needle.text)
        hits |= Q(tokens__icontains=needle.text)
    for hit in SearchEntry.objects.filter(hits):
        source = SOURCES.get(hit.source)
        obj = source.model._default_manager.filter(pk=hit.object_id).first() if source else None
        if obj is None:
            hit.delete()
        else:
            index.refresh(obj)


@transaction.atomic
def erase_person(
    person: Person, *, actor: User, confirmed: bool, requested_on: Any = None
) -> tuple[DataRequest, list[Kept]]:
    """Art. 17: anonymise the account and contact persons, remove their data from free text, delete
    their own settings and access keys; keep the member register fields (§ 30 GenG). All or nothing."""
    if not confirmed:
        raise ErasureRefused(_("Bitte bestätigen Sie die Löschung ausdrücklich."))
    needles = person.needles()
    addresses = [person.user.email] if person.user is not None else []
    forgotten = forget_mails_to(addresses + [c.email for c in person.contacts], person.user)
    rows = referencing_rows(person)
    entries = audit_entries(person, rows)
    request = DataRequest.objects.create(
        kind=Kind.ERASURE,
        user=person.user,
        subject_label="…",
        requested_on=requested_on or timezone.localdate(),
        handled_by=actor,
        handled_at=timezone.now(),
    )
    request.contacts.set(person.contacts)
    replacement = rules.anonymous_name(request.pk)
    touched, kept, deleted = _scrub_rows(rows, person, needles, replacement)
    deleted += forgotten
    touched += _anonymise_person(person, replacement, request.pk)
    _scrub_history(entries, person, needles, replacement)
    _refresh_search(touched, needles)
    earlier = Q(user=person.user) if person.user is not None else Q(pk__in=[])
    earlier |= Q(contacts__in=[c.pk for c in person.contacts])
    DataRequest.objects.filter(earlier).exclude(pk=request.pk).update(subject_label=replacement)
    request.subject_label = replacement
    request.outcome = _(
        "Person anonymisiert als „%(name)s“; %(changed)s Datensätze bereinigt, %(deleted)s eigene "
        "Einstellungen und Zugänge gelöscht, %(kept)s Einträge aus Aufbewahrungsgründen behalten."
    ) % {"name": replacement, "changed": len(touched), "deleted": deleted, "kept": len(kept)}
    request.kept_data = [
        {"tabelle": k.table, "objekt": k.object_label, "felder": k.fields, "grund": k.reason} for k in kept
    ]
    request.save()
    record(request, Action.CREATE, actor=actor, message=request.outcome)
    security_event(
        "privacy.erased", actor=actor, subject=request, changed=len(touched), deleted=deleted, kept=len(kept)
    )
    return request, kept
