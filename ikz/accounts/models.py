"""People and their roles. A role is always bound to what it covers: a region or a municipality."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. ``is_demo`` marks invented demo persons."""

    function = models.CharField(_("Funktion"), max_length=200, blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    is_demo = models.BooleanField(_("Demo-Person (erfunden)"), default=False)
    # First login through single sign-on; with IKZ_PASSWORD_LOGIN=sso-accounts-off such an account
    # no longer logs in with a password (decision 187).
    sso_linked_at = models.DateTimeField(_("Erste Anmeldung über Single Sign-on"), null=True, blank=True)

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    OFFICE = "office", _("Geschäftsstelle")
    STEERING = "steering", _("Lenkungsgruppe")
    CONTACT = "contact", _("Kommune (Ansprechpartner/in)")
    PROJECT_LEAD = "project_lead", _("Projektleitung")
    MEMBER = "member", _("Mitglied")


class RoleAssignment(models.Model):
    """One role of one person, bound to a region (office, steering) or a municipality (contact, member).

    An office role without a region is the platform-wide office (e.g. the cooperative's team).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        "municipalities.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Rollenzuordnung")
        verbose_name_plural = _("Rollenzuordnungen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "region", "municipality"], name="accounts_role_unique"
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["contact", "member"]) | Q(municipality__isnull=False),
                name="accounts_role_contact_needs_municipality",
            ),
        ]

    def __str__(self) -> str:
        target = self.municipality or self.region or _("plattformweit")
        return f"{self.user}: {self.get_role_display()} ({target})"

    @property
    def label(self) -> str:
        """ "Kommune (Ansprechpartner/in): Raunheim, Stadt" — the role and what it covers."""
        target = self.municipality or self.region
        if target is None:
            return f"{self.get_role_display()} ({_('plattformweit')})"
        return f"{self.get_role_display()}: {target}"


class LoginFailure(models.Model):
    """One failed login: by account name (as typed, lower-cased) and by address. Counted to throttle
    guessing (settings ``IKZ_LOGIN_*``); a successful login removes the account's failures."""

    username = models.CharField(_("Benutzername"), max_length=150)
    address = models.GenericIPAddressField(_("Adresse"), null=True, blank=True)
    at = models.DateTimeField(_("Zeitpunkt"), db_index=True)

    class Meta:
        verbose_name = _("Fehlgeschlagene Anmeldung")
        verbose_name_plural = _("Fehlgeschlagene Anmeldungen")
        indexes = [
            models.Index(fields=["username", "at"], name="accounts_failure_user_at"),
            models.Index(fields=["address", "at"], name="accounts_failure_addr_at"),
        ]

    def __str__(self) -> str:
        return f"{self.username} ({self.address}) {self.at:%d.%m.%Y %H:%M}"


class TotpDevice(models.Model):
    """The authenticator app of one person (two-factor authentication, RFC 6238).

    The secret must be readable to compute the expected code, so it cannot be hashed; it is stored
    encrypted with a key derived from the Django secret key (``rules.seal_secret``), never shown
    again after set-up, and left out of the back office, the audit trail and data exports.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = models.TextField(_("Geheimnis (verschlüsselt)"), editable=False)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bestätigt"), null=True, blank=True)
    last_used_step = models.BigIntegerField(
        _("zuletzt benutzter Zeitschritt"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("Authenticator-App")
        verbose_name_plural = _("Authenticator-Apps")

    def __str__(self) -> str:
        return str(_("Authenticator-App von %(user)s") % {"user": self.user})


class RecoveryCode(models.Model):
    """A one-time code for when the phone is not at hand; only its SHA-256 hash is stored."""

    device = models.ForeignKey(TotpDevice, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64, editable=False)
    used_at = models.DateTimeField(_("benutzt"), null=True, blank=True)

    class Meta:
        verbose_name = _("Wiederherstellungscode")
        verbose_name_plural = _("Wiederherstellungscodes")
        constraints = [
            models.UniqueConstraint(fields=["device", "code_hash"], name="accounts_recovery_unique")
        ]

    def __str__(self) -> str:
        return str(_("Wiederherstellungscode von %(user)s") % {"user": self.device.user})


class Invitation(models.Model):
    """A one-time link to set the password of an account the office created (valid 7 days).

    Only the SHA-256 of the link's secret is stored; the secret exists in the e-mail alone. The link
    is spent by setting a password or by the first single sign-on login of the invited address;
    a newer invitation for the same account replaces every open one."""

    user = models.ForeignKey(
        User, verbose_name=_("Person"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("E-Mail"))
    token_hash = models.CharField(_("SHA-256 des Links"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("gesendet am"))
    expires_at = models.DateTimeField(_("gültig bis"))
    used_at = models.DateTimeField(_("benutzt am"), null=True, blank=True)
    replaced_at = models.DateTimeField(_("ersetzt am"), null=True, blank=True)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("eingeladen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return str(_("Einladung an %(email)s") % {"email": self.email})
