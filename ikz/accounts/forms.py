"""Forms of two-factor authentication (the login and password forms are in views.py) and of
people and access (filters, invitation, roles, the invited person's password)."""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from ikz.accounts import outbox
from ikz.accounts.models import Role
from ikz.forms import KernFormMixin, LongSelect


def _code_field(
    label: Any, help_text: Any, *, required: bool = True, digits_only: bool = False
) -> forms.CharField:
    attrs = {"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
    if digits_only:
        attrs["inputmode"] = "numeric"  # the number pad on phones; recovery codes need letters
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=40,
        required=required,
        strip=True,
        widget=forms.TextInput(attrs=attrs),
    )


class SecondFactorForm(KernFormMixin, forms.Form):
    code = _code_field(
        _("Code"),
        _(
            "Der 6-stellige Code aus Ihrer Authenticator-App. Ohne Telefon: einer Ihrer "
            "Wiederherstellungscodes (xxxx-xxxx-xxxx-xxxx)."
        ),
    )


class ConfirmSetupForm(KernFormMixin, forms.Form):
    code = _code_field(
        _("Code aus der App"), _("Der 6-stellige Code, den die App jetzt anzeigt."), digits_only=True
    )


class ConfirmIdentityForm(KernFormMixin, forms.Form):
    """Proof that the person at the keyboard owns the account: a valid code or the password."""

    code = _code_field(
        _("Aktueller Code oder Wiederherstellungscode"),
        _("Aus Ihrer Authenticator-App. Alternativ genügt Ihr Passwort."),
        required=False,
    )
    password = forms.CharField(
        label=_("Passwort"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


# --- People and access ----------------------------------------------------------------------------


class MunicipalityChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.key})" if obj.key else str(obj.name)


class PeopleFilterForm(KernFormMixin, forms.Form):
    q = forms.CharField(label=_("Name oder E-Mail"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Rolle"), required=False, choices=[("", _("alle")), *Role.choices])
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("alle")),
            ("active", _("aktiv")),
            ("invited", _("eingeladen, Passwort noch nicht gesetzt")),
            ("deactivated", _("deaktiviert")),
        ],
    )


class RoleForm(KernFormMixin, forms.Form):
    """A role and what it covers: a region (office, steering group, project lead) or a
    municipality (contact person, member). The choices are where the office may grant roles."""

    role = forms.ChoiceField(label=_("Rolle"), choices=[("", "—"), *Role.choices])
    region: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Region"),
        queryset=None,
        required=False,
        help_text=_("Für Geschäftsstelle, Lenkungsgruppe und Projektleitung."),
        error_messages={
            "invalid_choice": _(
                "Für diese Region dürfen Sie keine Rollen vergeben: es ist nicht Ihre Region (oder es "
                "gibt sie nicht)."
            )
        },
    )
    municipality = MunicipalityChoice(
        label=_("Kommune"),
        queryset=None,
        required=False,
        widget=LongSelect,
        help_text=_("Für Ansprechperson einer Kommune und Mitglied."),
        error_messages={
            "invalid_choice": _(
                "Für diese Kommune dürfen Sie keine Rollen vergeben: sie gehört nicht zu Ihrer Region "
                "(oder es gibt sie nicht)."
            )
        },
    )

    def __init__(self, *args: Any, regions: Any, municipalities: Any, platform: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["region"].queryset = regions  # type: ignore[attr-defined]
        fields["municipality"].queryset = municipalities.only("id", "name", "key")  # type: ignore[attr-defined]
        if platform:
            fields["region"].help_text = _(
                "Für Geschäftsstelle, Lenkungsgruppe und Projektleitung; Geschäftsstelle ohne Region: "
                "plattformweit (z. B. das Team der Genossenschaft)."
            )


class InviteForm(RoleForm):
    email = forms.EmailField(label=_("E-Mail"), max_length=254)
    first_name = forms.CharField(label=_("Vorname"), max_length=150)
    last_name = forms.CharField(label=_("Nachname"), max_length=150)
    function = forms.CharField(label=_("Funktion"), max_length=200, required=False)

    field_order = ["email", "first_name", "last_name", "function", "role", "region", "municipality"]


class KernPasswordChangeForm(KernFormMixin, PasswordChangeForm):
    pass


class KernPasswordResetForm(KernFormMixin, PasswordResetForm):
    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Queue the reset link in the outbox instead of sending it inside the request (one mail
        per link: the key is a hash of user and token, so the token itself is not stored in it)."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        digest = hashlib.sha256(f"{context['uid']}:{context['token']}".encode()).hexdigest()[:40]
        outbox.queue_mail(
            key=f"password-reset:{digest}",
            to=[to_email],
            subject=subject,
            body=render_to_string(email_template_name, context),
            user=context["user"],
            sensitive=True,
        )


class KernSetPasswordForm(KernFormMixin, SetPasswordForm):
    pass


class InvitationPasswordForm(KernSetPasswordForm):
    """The invited person's new password (Django's password validators apply)."""
