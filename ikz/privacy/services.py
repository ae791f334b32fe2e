"""Answering data-protection requests: the Art. 15 export and the Art. 17 erasure.

Both find a person's rows generically by walking the model graph: every foreign key or one-to-one
field to the person's account or contact-person rows, and every text field that contains the
person's e-mail address, phone number or name. Audit entries are added for the rows found, for
the person's own actions and where their data occurs in a change set.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action, AuditEntry
from ikz.audit.rules import json_value
from ikz.audit.services import record
from ikz.municipalities.models import ContactPerson
from ikz.privacy import rules
from ikz.privacy.models import DataRequest, Kind

# Framework tables and derived data that are not walked (the search index is rebuilt from the
# rows, sessions are handled separately, audit entries are collected on their own).
SKIPPED = frozenset(
    {
        "contenttypes.contenttype",
        "auth.permission",
        "sessions.session",
        "audit.auditentry",
        "search.searchentry",
        "privacy.datarequest",
        "accounts.loginfailure",
    }
)
SECRET_FIELDS = frozenset({"password", "token_hash", "secret", "code_hash"})
TEXT_FIELDS = (models.CharField, models.TextField)


class ErasureRefused(Exception):
    """The erasure was not confirmed; nothing was written."""


@dataclass
class Person:
    """The data subject: an account and/or contact-person rows."""

    user: User | None = None
    contacts: list[ContactPerson] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.user is not None:
            return str(self.user)
        return self.contacts[0].name if self.contacts else "?"

    def needles(self) -> list[rules.Needle]:
        identifiers: list[str] = []
        names: list[str] = []
        if self.user is not None:
            identifiers += [self.user.email, self.user.phone]
            names.append(self.user.get_full_name())
        for contact in self.contacts:
            identifiers += [contact.email, contact.phone]
            names.append(contact.name)
        return rules.usable_needles(identifiers, names)


def person_for_user(user: User) -> Person:
    """The account with every contact-person row linked to it or carrying its e-mail address."""
    condition = Q(user=user)
    if user.email:
        condition |= Q(email__iexact=user.email)
    return Person(user=user, contacts=list(ContactPerson.objects.filter(condition).order_by("pk")))


def person_for_contact(contact: ContactPerson) -> Person:
    if contact.user_id is not None:
        return person_for_user(contact.user)  # type: ignore[arg-type]
    return Person(contacts=[contact])


def find_people(query: str) -> tuple[list[User], list[ContactPerson]]:
    """Accounts and contact persons whose name, user name or e-mail contains ``query``."""
    query = query.strip()
    if len(query) < 2:
        return [], []
    users = User.objects.filter(
        Q(first_name__icontains=query)
        | Q(last_name__icontains=query)
        | Q(username__icontains=query)
        | Q(email__icontains=query)
    ).order_by("last_name", "first_name")[:50]
    contacts = (
        ContactPerson.objects.filter(Q(name__icontains=query) | Q(email__icontains=query))
        .select_related("municipality")
        .order_by("name")[:50]
    )
    return list(users), list(contacts)


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _condition(model: type[models.Model], person: Person, needles: list[rules.Needle]) -> Q | None:
    contact_ids = [c.pk for c in person.contacts]
    condition = Q()
    found = False
    for f in model._meta.concrete_fields:
        if isinstance(f, models.ForeignKey | models.OneToOneField):
            target = f.related_model
            if target is User and person.user is not None:
                condition |= Q(**{f.attname: person.user.pk})
                found = True
            elif target is ContactPerson and contact_ids:
                condition |= Q(**{f"{f.attname}__in": contact_ids})
                found = True
        elif isinstance(f, TEXT_FIELDS) and f.name not in SECRET_FIELDS and not f.choices:
            for needle in needles:
                condition |= Q(**{f"{f.name}__icontains": needle.text})
                found = True
    if model is User and person.user is not None:
        condition |= Q(pk=person.user.pk)
        found = True
    if model is ContactPerson and contact_ids:
        condition |= Q(pk__in=contact_ids)
        found = True
    return condition if found else None


def referencing_rows(person: Person) -> list[models.Model]:
    """Every row of every walked model that references the person (one query per model)."""
    needles = person.needles()
    rows: list[models.Model] = []
    for model in apps.get_models():
        if _label(model) in SKIPPED or model._meta.proxy:
            continue
        condition = _condition(model, person, needles)
        if condition is not None:
            candidates = model._default_manager.filter(condition).order_by("pk")
            rows += [row for row in candidates if _references(row, person, needles)]
    return rows


def _references(row: models.Model, person: Person, needles: list[rules.Needle]) -> bool:
    """The database finds candidates case-insensitively; here the needle rules decide (a surname
    counts only as a word of its own)."""
    contact_ids = {c.pk for c in person.contacts}
    user_id = person.user.pk if person.user is not None else None
    if (isinstance(row, User) and row.pk == user_id) or (
        isinstance(row, ContactPerson) and row.pk in contact_ids
    ):
        return True
    for f in row._meta.concrete_fields:
        if isinstance(f, models.ForeignKey | models.OneToOneField):
            value = getattr(row, f.attname)
            if f.related_model is User and user_id is not None and value == user_id:
                return True
            if f.related_model is ContactPerson and value in contact_ids:
                return True
        elif (
            isinstance(f, TEXT_FIELDS)
            and f.name not in SECRET_FIELDS
            and not f.choices
            and rules.contains_any(getattr(row, f.attname) or "", needles)
        ):
            return True
    return False


def audit_entries(person: Person, rows: Iterable[models.Model]) -> list[AuditEntry]:
    """The person's own actions, the history of their rows, and entries mentioning their data."""
    from django.contrib.contenttypes.models import ContentType

    condition = Q(pk__in=[])
    if person.user is not None:
        condition |= Q(actor=person.user)
    by_type: dict[int, list[str]] = {}
    for row in rows:
        by_type.setdefault(ContentType.objects.get_for_model(row).pk, []).append(str(row.pk))
    for type_id, ids in by_type.items():
        condition |= Q(content_type_id=type_id, object_id__in=ids)
    needles = person.needles()
    mentions = Q(pk__in=[])
    for needle in needles:
        mentions |= Q(object_repr__icontains=needle.text) | Q(actor_label__icontains=needle.text)
        mentions |= Q(changes__icontains=needle.text) | Q(message__icontains=needle.text)
    entries = AuditEntry.objects.filter(condition | mentions).select_related("content_type")
    own = set(AuditEntry.objects.filter(condition).values_list("pk", flat=True))
    return [
        entry
        for entry in entries.order_by("at", "pk")
        if entry.pk in own
        or rules.contains_any(
            " ".join(
                [
                    entry.object_repr,
                    entry.actor_label,
                    entry.message,
                    json.dumps(entry.changes, ensure_ascii=False),
                ]
            ),
            needles,
        )
    ]


def serialise(row: models.Model) -> dict[str, Any]:
    values = {
        f.name: json_value(getattr(row, f.attname))
        for f in row._meta.concrete_fields
        if f.name not in SECRET_FIELDS
    }
    return {
        "tabelle": _label(type(row)),
        "bezeichnung": str(row._meta.verbose_name),
        "id": row.pk,
        "felder": values,
    }


def _serialise_audit(entry: AuditEntry) -> dict[str, Any]:
    return {
        "zeitpunkt": entry.at.isoformat(),
        "durch": entry.actor_label,
        "aktion": entry.action,
        "tabelle": entry.content_type.model if entry.content_type_id else "",
        "objekt_id": entry.object_id,
        "objekt": entry.object_repr,
        "aenderungen": entry.changes,
        "anlass": entry.message,
    }


def collect(person: Person) -> dict[str, Any]:
    """What is stored about the person, as a JSON-ready document (no password hashes or tokens)."""
    rows = referencing_rows(person)
    return {
        "art": "Auskunft nach Art. 15 DSGVO",
        "erstellt_am": timezone.now().isoformat(),
        "person": person.label,
        "datensaetze": [serialise(row) for row in rows],
        "verlauf": [_serialise_audit(entry) for entry in audit_entries(person, rows)],
        "hinweise": [
            _("Passwörter und Zugangsschlüssel werden nur als Prüfwert gespeichert und nicht ausgegeben."),
        ],
    }


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


@transaction.atomic
def erase_person(
    person: Person, *, actor: User, confirmed: bool, requested_on: Any = None
) -> tuple[DataRequest, list[Kept]]:
    """Art. 17: anonymise the account and contact persons, remove their data from free text, delete
    their own settings and access keys; keep the member register fields (§ 30 GenG). All or nothing."""
    from ikz.search import index
    from ikz.search.models import SearchEntry
    from ikz.search.registry import SOURCES

    if not confirmed:
        raise ErasureRefused(_("Bitte bestätigen Sie die Löschung ausdrücklich."))
    needles = person.needles()
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
    kept: list[Kept] = []
    retention = rules.retained()
    touched: list[models.Model] = []
    deleted = 0
    for row in rows:
        label = _label(type(row))
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
        user.username = f"geloescht-{request.pk}"
        user.email = ""
        user.phone = ""
        user.function = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        _revoke_sessions(user)
    for entry in entries:
        if _label(entry.content_type.model_class() or AuditEntry) in retention:
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
    # Search index: re-describe every changed row and every entry that still mentions the person.
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
    return request, kept
