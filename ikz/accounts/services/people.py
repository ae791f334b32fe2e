"""People and access: invite a person by e-mail, give and take roles, deactivate and reactivate a
person, reset the second factor — each audited on the person, each refused outside the acting
office's scope (``access.scope_of``) with a German message at the field.

``actor=None`` is the system (the demo loader, an import run by an operator): no scope applies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts import access, outbox, rules
from ikz.accounts.models import Invitation, Role, RoleAssignment, User
from ikz.accounts.services.login import remove_totp
from ikz.audit.models import Action
from ikz.audit.security import security_event
from ikz.audit.services import record

PERSON_FIELDS = ("first_name", "last_name", "function")


@dataclass(frozen=True)
class Invited:
    """What an invitation did: a new account with a link by e-mail, or a role added to an existing
    account (``existed``; then no mail and no link)."""

    person: User
    assignment: RoleAssignment
    invitation: Invitation | None
    existed: bool


def _scope(actor: User | None) -> rules.Scope:
    return access.scope_of(actor) if actor is not None else rules.Scope(everything=True)


def _check_target(actor: User | None, role: str, region: Any, municipality: Any) -> None:
    region_id = region.pk if region is not None else None
    municipality_id = municipality.pk if municipality is not None else None
    errors = rules.target_errors(role, region_id, municipality_id) or _scope(actor).refusal(
        role, region_id, municipality_id
    )
    if errors:
        raise ValidationError(errors)


def _add_role(
    person: User, role: str, region: Any, municipality: Any, *, actor: User | None
) -> RoleAssignment:
    if RoleAssignment.objects.filter(
        user=person, role=role, region=region, municipality=municipality
    ).exists():
        raise ValidationError(
            {"role": _("%(person)s hat diese Rolle bereits.") % {"person": person.get_full_name() or person}}
        )
    assignment = RoleAssignment.objects.create(
        user=person, role=role, region=region, municipality=municipality
    )
    record(
        person,
        Action.UPDATE,
        actor=actor,
        changes={"Rolle": [None, assignment.label]},
        message=_("Rolle vergeben"),
    )
    security_event(
        "role.granted",
        actor=actor,
        subject=person,
        role=role,
        region_id=assignment.region_id,
        municipality_id=assignment.municipality_id,
    )
    return assignment


@transaction.atomic
def grant_role(
    person: User, role: str, *, region: Any = None, municipality: Any = None, actor: User | None
) -> RoleAssignment:
    """Give ``person`` a role for a region or a municipality (refused outside the actor's scope)."""
    _check_target(actor, role, region, municipality)
    User.objects.select_for_update().filter(pk=person.pk).first()
    return _add_role(person, role, region, municipality, actor=actor)


@transaction.atomic
def take_role(assignment: RoleAssignment, *, actor: User | None) -> None:
    """Take one role from a person (refused outside the actor's scope; the own last office role
    cannot be taken, so that an office never locks itself out)."""
    if not _scope(actor).allows(assignment.role, assignment.region_id, assignment.municipality_id):
        raise ValidationError(_("Diese Rolle liegt außerhalb Ihrer Region; Sie können sie nicht entziehen."))
    person = assignment.user
    if actor is not None and person.pk == actor.pk and assignment.role == Role.OFFICE:
        raise ValidationError(
            _("Ihre eigene Rolle als Geschäftsstelle kann Ihnen nur eine andere Geschäftsstelle entziehen.")
        )
    label = assignment.label
    deleted, _rows = RoleAssignment.objects.filter(pk=assignment.pk).delete()
    if not deleted:
        raise ValidationError(_("Diese Rolle war bereits entzogen."))
    record(person, Action.UPDATE, actor=actor, changes={"Rolle": [label, None]}, message=_("Rolle entzogen"))
    security_event(
        "role.revoked",
        actor=actor,
        subject=person,
        role=assignment.role,
        region_id=assignment.region_id,
        municipality_id=assignment.municipality_id,
    )


def _existing_account(email: str) -> User | None:
    found = list(User.objects.filter(email__iexact=email)[:2])
    if len(found) > 1:
        raise ValidationError(
            {
                "email": _(
                    "Zu dieser Adresse gibt es mehrere Konten. Bitte vergeben Sie die Rolle auf der Seite "
                    "der richtigen Person."
                )
            }
        )
    return found[0] if found else None


@transaction.atomic
def invite_person(values: dict[str, Any], *, actor: User | None, base_url: str = "") -> Invited:
    """Invite a person by e-mail with a first role. ``values``: ``email``, ``first_name``,
    ``last_name``, ``function``, ``role``, ``region``, ``municipality`` (objects or None).

    A new address gets an account without a password and a one-time link by e-mail (valid 7
    days) to set one; an address that already has an account gets the role added (no mail)."""
    email = str(values["email"]).strip()
    role, region, municipality = values["role"], values.get("region"), values.get("municipality")
    _check_target(actor, role, region, municipality)
    person = _existing_account(email)
    if person is not None:
        return Invited(person, _add_role(person, role, region, municipality, actor=actor), None, True)
    username = rules.username_from_email(
        email, lambda name: User.objects.filter(username__iexact=name).exists()
    )
    person = User(username=username, email=email, **{name: values.get(name) or "" for name in PERSON_FIELDS})
    person.is_demo = bool(values.get("is_demo"))  # the demo's invented persons (set by the loader)
    person.set_unusable_password()
    person.full_clean(exclude=["password"])
    person.save()
    record(
        person,
        Action.CREATE,
        actor=actor,
        changes={"username": [None, username], "email": [None, email]}
        | {name: [None, getattr(person, name)] for name in PERSON_FIELDS if getattr(person, name)},
        message=_("Per E-Mail eingeladen"),
    )
    assignment = _add_role(person, role, region, municipality, actor=actor)
    invitation = _new_invitation(person, actor=actor, base_url=base_url)
    return Invited(person, assignment, invitation, False)


def _new_invitation(person: User, *, actor: User | None, base_url: str) -> Invitation:
    """Replace the open links of ``person`` by a new one and queue its mail (sent by the queue; a
    mail server that refuses shows in the failed jobs, the invitation stands — decision 162)."""
    now = timezone.now()
    Invitation.objects.filter(user=person, used_at__isnull=True, replaced_at__isnull=True).update(
        replaced_at=now
    )
    token = rules.new_invitation_token()
    invitation = Invitation.objects.create(
        user=person,
        email=person.email,
        token_hash=rules.hash_token(token),
        created_at=now,
        expires_at=rules.invitation_expiry(now),
        invited_by=actor,
    )
    record(
        invitation,
        Action.CREATE,
        actor=actor,
        changes={"email": [None, person.email], "expires_at": [None, invitation.expires_at.isoformat()]},
        message=_("Einladungslink gesendet"),
    )
    send_invitation_mail(invitation, token, base_url=base_url, actor=actor)
    return invitation


def send_invitation_mail(
    invitation: Invitation, token: str, *, base_url: str = "", actor: User | None = None
) -> None:
    """The one place that mails an invitation link: queued in the outbox (key
    ``invitation:<pk>``), sent once by the queue; the text with the link is not kept once sent."""
    base = settings.IKZ_BASE_URL or base_url.rstrip("/")
    person = invitation.user
    roles = list(person.role_assignments.select_related("region", "municipality"))
    context = {
        "person": person,
        "inviter": invitation.invited_by,
        "platform": settings.IKZ_PLATFORM_NAME,
        "link": base + reverse("accounts:invitation_accept", args=[token]),
        "login": base + reverse("accounts:login"),
        "valid_until": timezone.localtime(invitation.expires_at),
        "sso": settings.IKZ_OIDC_ENABLED,
        "roles": [a.label for a in roles],
    }
    outbox.queue_mail(
        key=f"invitation:{invitation.pk}",
        to=[invitation.email],
        subject=_("%(platform)s: Einladung") % {"platform": settings.IKZ_PLATFORM_NAME},
        body=render_to_string("accounts/invitation_email.txt", context),
        actor=actor,
        region_id=next((a.region_id for a in roles if a.region_id), None),
        user=person,
        sensitive=True,
    )


@transaction.atomic
def resend_invitation(person: User, *, actor: User | None, base_url: str = "") -> Invitation:
    """A new link for a person who has not yet set a password (the old links stop working)."""
    if person.has_usable_password():
        raise ValidationError(
            _("Die Person hat ihr Passwort bereits gesetzt; sie kann „Passwort vergessen?“ nutzen.")
        )
    if not person.is_active:
        raise ValidationError(_("Die Person ist deaktiviert. Bitte aktivieren Sie sie zuerst wieder."))
    if not person.email:
        raise ValidationError(_("Für die Person ist keine E-Mail-Adresse hinterlegt."))
    return _new_invitation(person, actor=actor, base_url=base_url)


def _locked_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=rules.hash_token(token))
        .first()
    )


def _state(invitation: Invitation, now: dt.datetime) -> str:
    return rules.invitation_state(
        now, expires_at=invitation.expires_at, used_at=invitation.used_at, replaced_at=invitation.replaced_at
    )


@transaction.atomic
def accept_invitation(token: str, password: str) -> User:
    """The invited person sets the password with the link; the link is spent."""
    now = timezone.now()
    invitation = _locked_invitation(token)
    if invitation is None or _state(invitation, now) != "open" or not invitation.user.is_active:
        raise ValidationError(_("Dieser Link gilt nicht mehr. Bitte fordern Sie einen neuen an."))
    person = invitation.user
    password_validation.validate_password(password, person)
    # Compare-and-set: of two requests racing with the same link only one spends it.
    if not Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(used_at=now):
        raise ValidationError(_("Dieser Link wurde bereits benutzt."))
    person.set_password(password)
    person.save(update_fields=["password"])
    record(person, Action.UPDATE, actor=person, message=_("Einladung angenommen, Passwort gesetzt"))
    return person


@transaction.atomic
def renew_invitation(token: str, *, base_url: str = "") -> Invitation:
    """An expired or replaced link asks for a new one: it is sent at once to the invited address
    (only there), at most every five minutes; a used link or a deactivated person gets none."""
    now = timezone.now()
    invitation = _locked_invitation(token)
    if invitation is None:
        raise ValidationError(_("Dieser Link ist ungültig. Bitte wenden Sie sich an die Geschäftsstelle."))
    person = invitation.user
    if _state(invitation, now) == "used" or person.has_usable_password():
        raise ValidationError(
            _(
                "Ihr Passwort ist bereits gesetzt. Bitte melden Sie sich an oder nutzen Sie "
                "„Passwort vergessen?“."
            )
        )
    if not person.is_active:
        raise ValidationError(_("Ihr Zugang ist deaktiviert. Bitte wenden Sie sich an die Geschäftsstelle."))
    latest = Invitation.objects.filter(user=person).order_by("-created_at").first()
    if latest is not None and now - latest.created_at < rules.RENEW_PAUSE:
        raise ValidationError(
            _("Ein neuer Link wurde gerade erst gesendet. Bitte sehen Sie in Ihrem Postfach nach.")
        )
    return _new_invitation(person, actor=None, base_url=base_url)


def consume_sso_invitations(person: User) -> int:
    """The first single sign-on login of an invited address spends its open links."""
    now = timezone.now()
    spent = Invitation.objects.filter(
        user=person, used_at__isnull=True, replaced_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if spent:
        record(person, Action.UPDATE, actor=person, message=_("Einladung per Single Sign-on angenommen"))
    return spent


def _end_sessions(person: User) -> int:
    """Delete every stored session of ``person`` (database sessions; with any engine the login
    ends anyway, because Django's backend refuses an inactive account on the next request)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(person.pk):
            session.delete()
            ended += 1
    return ended


def _locked(person: User) -> User:
    """The person's row as saved now, locked until the end of the transaction."""
    return User.objects.select_for_update().get(pk=person.pk)


def _check_manages(actor: User | None, person: User) -> None:
    if actor is not None and not access.manages(actor, person, RoleAssignment.objects.filter(user=person)):
        raise ValidationError(
            _(
                "Diese Person hat auch Rollen außerhalb Ihrer Region (oder es ist Ihr eigenes Konto); "
                "das kann nur die plattformweite Geschäftsstelle."
            )
        )


@transaction.atomic
def deactivate_person(person: User, *, actor: User | None) -> dict[str, int]:
    """Lock the person out at once: inactive, every session ended, every API key revoked, open
    invitation links replaced. Returns what was ended."""
    _check_manages(actor, person)
    if not _locked(person).is_active:
        raise ValidationError(_("Die Person ist bereits deaktiviert."))
    now = timezone.now()
    User.objects.filter(pk=person.pk).update(is_active=False)
    person.is_active = False
    tokens = person.api_tokens.filter(revoked_at__isnull=True)
    revoked = [str(token) for token in tokens]
    tokens.update(revoked_at=now)
    Invitation.objects.filter(user=person, used_at__isnull=True, replaced_at__isnull=True).update(
        replaced_at=now
    )
    sessions = _end_sessions(person)
    changes: dict[str, list[Any]] = {"is_active": [True, False]}
    if revoked:
        changes["API-Schlüssel"] = [", ".join(revoked), None]
    record(
        person,
        Action.UPDATE,
        actor=actor,
        changes=changes,
        message=_("Deaktiviert: %(sessions)s Sitzung(en) beendet, %(tokens)s API-Schlüssel widerrufen")
        % {"sessions": sessions, "tokens": len(revoked)},
    )
    security_event(
        "account.deactivated",
        actor=actor,
        subject=person,
        sessions_ended=sessions,
        apikeys_revoked=len(revoked),
    )
    return {"sessions": sessions, "tokens": len(revoked)}


@transaction.atomic
def reactivate_person(person: User, *, actor: User | None) -> None:
    """Let a deactivated person log in again (revoked API keys stay revoked)."""
    _check_manages(actor, person)
    if _locked(person).is_active:
        raise ValidationError(_("Die Person ist bereits aktiv."))
    User.objects.filter(pk=person.pk).update(is_active=True)
    person.is_active = True
    record(person, Action.UPDATE, actor=actor, changes={"is_active": [False, True]}, message=_("Reaktiviert"))
    security_event("account.reactivated", actor=actor, subject=person)


def reset_two_factor(person: User, *, actor: User | None) -> None:
    """The office switches the second factor off for a person who lost the phone and the codes
    (after checking who is asking); the person sets it up again at the next login."""
    _check_manages(actor, person)
    if not remove_totp(person, actor=actor, reason=_("zurückgesetzt durch die Geschäftsstelle")):
        raise ValidationError(_("Die Person hat keine Zwei-Faktor-Anmeldung eingerichtet."))
