"""Forms of two-factor authentication (the login and password forms are in views.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.forms import KernFormMixin


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
