"""Reads of data-protection requests: who the person is, which rows name them, their history and
the Art. 15 document (ikz/privacy/services.py writes the requests and the erasure).

Rows are found generically by walking the model graph: every foreign key or one-to-one field to
the person's account or contact-person rows, and every text field that contains the person's
e-mail address, phone number or name. Audit entries are added for the rows found, for the
person's own actions and where their data occurs in a change set.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import AuditEntry
from ikz.audit.rules import json_value
from ikz.municipalities.models import ContactPerson
from ikz.privacy import rules
from ikz.privacy.models import DataRequest

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


def label_of(model: type[models.Model]) -> str:
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
        if label_of(model) in SKIPPED or model._meta.proxy:
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
        "tabelle": label_of(type(row)),
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


def recent_requests(limit: int = 50) -> list[DataRequest]:
    return list(DataRequest.objects.select_related("handled_by")[:limit])
