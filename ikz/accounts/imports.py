"""Import kind "Personen mit Rollen" for a region: one row per person and role (Nachname, Vorname,
E-Mail, Funktion, Rolle, Region/AGS), in the columns of the persons list's export. A new address
is invited (an account without password and a one-time link by e-mail), an existing account gets
the missing roles — both through ``ikz.accounts.services``. Names of existing accounts are not
changed; roles not in the file are not taken."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ikz.accounts import access, queries, rules, services
from ikz.accounts.models import Role, RoleAssignment, User
from ikz.imports.registry import ImportKind, Link, Row, Scope, register
from ikz.imports.rules import CHANGE, CREATE, UNCHANGED, Entry, Problem
from ikz.lib.exports import Table
from ikz.lib.tables_in import Column

LAST, FIRST, EMAIL, FUNCTION, ROLE, TARGET = queries.EXPORT_COLUMNS
LIMITS = {LAST: 150, FIRST: 150, FUNCTION: 200}


@dataclass(frozen=True)
class RegionScope:
    """The region of the import and where the importing office may grant roles."""

    region: Any
    grants: rules.Scope


@dataclass
class Context:
    region: Any
    grants: rules.Scope
    members: dict[str, Any]  # AGS → municipality of the region
    accounts: dict[str, list[int]]  # e-mail (lower case) → account ids
    roles: dict[int, set[tuple[str, int | None, int | None]]]  # account → its roles


def role_of(text: str) -> str | None:
    """The role of a cell: its German name as the export writes it, or its code."""
    wanted = text.strip().casefold()
    for value, label in Role.choices:
        if wanted in (value, str(label).casefold()):
            return str(value)
    return None


def fingerprint(roles: set[tuple[str, int | None, int | None]]) -> str:
    return "|".join(sorted(f"{r}:{g or ''}:{m or ''}" for r, g, m in roles)) or "-"


def _target(row: Row, role: str, context: Context) -> tuple[int | None, int | None, list[Problem]]:
    text = row.get(TARGET)
    if role in rules.MUNICIPAL_ROLES:
        unit = context.members.get(text)
        if unit is None:
            message = _("„%(v)s“ ist keine Mitgliedskommune der Region %(region)s (AGS erwartet).")
            return None, None, [Problem(row.number, TARGET, message % {"v": text, "region": context.region})]
        return None, unit.pk, []
    if not text:
        return None, None, []
    if text != context.region.slug:
        message = _("„%(v)s“ ist nicht diese Region; erwartet wird ihr Kürzel „%(slug)s“ oder leer.")
        return None, None, [Problem(row.number, TARGET, message % {"v": text, "slug": context.region.slug})]
    return context.region.pk, None, []


def _texts(row: Row, new: bool) -> list[Problem]:
    problems = []
    try:
        validate_email(row.get(EMAIL))
    except ValidationError:
        problems.append(
            Problem(row.number, EMAIL, _("„%(v)s“ ist keine E-Mail-Adresse.") % {"v": row.get(EMAIL)})
        )
    for column, limit in LIMITS.items():
        if len(row.get(column)) > limit:
            problems.append(Problem(row.number, column, _("Höchstens %(n)s Zeichen.") % {"n": limit}))
    if new:
        problems += [
            Problem(row.number, column, _("Für eine neue Person bitte ausfüllen."))
            for column in (LAST, FIRST)
            if not row.get(column)
        ]
    return problems


def check_row(row: Row, context: Context) -> tuple[Entry | None, list[Problem]]:
    """The plan entry of one row, or its problems (no writes)."""
    email = row.get(EMAIL).lower()
    found = context.accounts.get(email, [])
    if len(found) > 1:
        return None, [Problem(row.number, EMAIL, _("Zu dieser Adresse gibt es mehrere Konten."))]
    problems = _texts(row, new=not found)
    role = role_of(row.get(ROLE)) if row.get(ROLE) else None
    if row.get(ROLE) and role is None:
        names = ", ".join(str(label) for _value, label in Role.choices)
        problems.append(
            Problem(row.number, ROLE, _("Unbekannte Rolle; möglich: %(names)s.") % {"names": names})
        )
    if role is None:
        if not row.get(ROLE) and not found:
            problems.append(Problem(row.number, ROLE, _("Für eine neue Person bitte eine Rolle angeben.")))
        if problems:
            return None, problems
        ref = f"accounts.user:{found[0]}"
        seen = fingerprint(context.roles.get(found[0], set()))
        return Entry(
            row.number, UNCHANGED, _("%(email)s: ohne Rolle") % {"email": email}, email, ref, seen
        ), []
    region_id, municipality_id, wrong = _target(row, role, context)
    problems += wrong
    if not wrong:
        refusal = rules.target_errors(role, region_id, municipality_id) or context.grants.refusal(
            role, region_id, municipality_id
        )
        problems += [Problem(row.number, TARGET, text) for text in refusal.values()]
    if problems:
        return None, problems
    key = (role, region_id, municipality_id)
    label = _("%(email)s: %(role)s %(target)s") % {
        "email": email,
        "role": row.get(ROLE),
        "target": row.get(TARGET),
    }
    data = {"email": email, "role": role, "region": region_id, "municipality": municipality_id}
    data |= {"first_name": row.get(FIRST), "last_name": row.get(LAST), "function": row.get(FUNCTION)}
    entry_key = f"{email}/{role}/{region_id or ''}/{municipality_id or ''}"
    if not found:
        return Entry(
            row.number, CREATE, _("neu eingeladen – ") + label, entry_key, f"new:{email}", "", data
        ), []
    held = context.roles.get(found[0], set())
    action = UNCHANGED if key in held else CHANGE
    summary = label if action == UNCHANGED else _("Rolle ergänzt – ") + label
    return Entry(
        row.number, action, summary, entry_key, f"accounts.user:{found[0]}", fingerprint(held), data
    ), []


class PersonsWithRoles(ImportKind):
    slug = "personen"
    label = _lazy("Personen mit Rollen")
    description = _lazy(
        "Eine Zeile je Person und Rolle. Neue E-Mail-Adressen werden eingeladen (E-Mail mit einem "
        "Link, 7 Tage gültig); vorhandene Konten erhalten fehlende Rollen. Namen vorhandener Konten "
        "werden nicht geändert, Rollen, die nicht in der Datei stehen, nicht entzogen."
    )
    columns = (
        Column(LAST, help=_lazy("Pflicht für neue Personen")),
        Column(FIRST, help=_lazy("Pflicht für neue Personen")),
        Column(EMAIL, help=_lazy("erkennt vorhandene Konten (Groß-/Kleinschreibung egal)")),
        Column(FUNCTION, required=False, help=_lazy("z. B. Hauptamtsleitung; nur bei neuen Personen")),
        Column(
            ROLE,
            help=_lazy(
                "Geschäftsstelle, Lenkungsgruppe, Projektleitung, Kommune (Ansprechpartner/in) oder Mitglied"
            ),
        ),
        Column(
            TARGET,
            required=False,
            help=_lazy(
                "Kommunale Rollen: AGS einer Mitgliedskommune der Region; sonst das Kürzel der Region "
                "(leer: plattformweit, nur durch die plattformweite Geschäftsstelle)"
            ),
        ),
    )
    exports = True

    def scope(self, user: User, pk: int, *, write: bool) -> Scope:
        region = access.get_import_region_for(user, pk)
        return Scope(
            RegionScope(region, access.scope_of(user)),
            region.pk,
            _("Personen mit Rollen: %(region)s") % {"region": region.name},
            reverse("accounts:people_list"),
        )

    def prepare(self, scope: Scope) -> Context:
        region, grants = scope.obj.region, scope.obj.grants
        members = access.municipality_model().objects.filter(region_memberships__region=region)
        accounts: dict[str, list[int]] = defaultdict(list)
        for pk, email in User.objects.exclude(email="").values_list("pk", "email"):
            accounts[email.lower()].append(pk)
        roles: dict[int, set[tuple[str, int | None, int | None]]] = defaultdict(set)
        for user, role, region_id, municipality_id in RoleAssignment.objects.values_list(
            "user_id", "role", "region_id", "municipality_id"
        ):
            roles[user].add((role, region_id, municipality_id))
        return Context(region, grants, {m.key: m for m in members if m.key}, dict(accounts), dict(roles))

    def check_row(self, row: Row, context: Any) -> tuple[Entry | None, list[Problem]]:
        return check_row(row, context)

    def current(self, scope: Scope, refs: Sequence[str]) -> dict[str, str]:
        context = self.prepare(scope)
        result = {}
        for ref in refs:
            kind, _sep, value = ref.partition(":")
            if kind == "new":  # still no account with this address?
                result[ref] = "" if value not in context.accounts else "vorhanden"
            elif value.isdigit():
                result[ref] = fingerprint(context.roles.get(int(value), set()))
        return result

    def apply(self, scope: Scope, entries: Sequence[Entry], *, actor: User) -> list[Link]:
        region = scope.obj.region
        units = access.municipality_model().objects.in_bulk(
            [e.data["municipality"] for e in entries if e.data["municipality"]]
        )
        people: dict[str, User] = {}
        for entry in entries:
            data = entry.data
            target = {
                "region": region if data["region"] else None,
                "municipality": units.get(data["municipality"]),
            }
            person = people.get(data["email"]) or User.objects.filter(email__iexact=data["email"]).first()
            if person is None:
                values = {k: data[k] for k in ("email", "first_name", "last_name", "function", "role")}
                people[data["email"]] = services.invite_person(values | target, actor=actor).person
            else:
                people[data["email"]] = person
                services.grant_role(person, data["role"], actor=actor, **target)
        return [Link(_("Personen und Zugänge"), reverse("accounts:people_list"))]

    def example(self) -> list[list[str]]:
        return [
            [
                "Muster",
                "Erika",
                "erika.muster@raunheim.example",
                "Hauptamt",
                "Kommune (Ansprechpartner/in)",
                "06433010",
            ]
        ]

    def export(self, scope: Scope) -> Table:
        region = scope.obj.region
        grants = rules.Scope(
            regions=frozenset({region.pk}),
            municipalities=frozenset(
                access.municipality_model()
                .objects.filter(region_memberships__region=region)
                .values_list("pk", flat=True)
            ),
        )
        people = User.objects.filter(
            pk__in=RoleAssignment.objects.filter(
                role__in=list(rules.MUNICIPAL_ROLES), municipality__in=grants.municipalities
            ).values("user_id")
        ) | User.objects.filter(pk__in=RoleAssignment.objects.filter(region=region).values("user_id"))
        return queries.people_table(people.distinct(), _("Personen mit Rollen"), grants, subtitle=region.name)


register(PersonsWithRoles())
