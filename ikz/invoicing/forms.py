"""Forms of the e-invoices: the cooperative's seller data, a member's billing data, a new invoice
for a share or an order, and a credit note."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.forms import DateInput, KernFormMixin, VersionField
from ikz.invoicing.models import BillingAddress, SellerProfile

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise  # the stubs' type of gettext_lazy's result


class _Versioned(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault("version", self.instance.version)

    def validate_unique(self) -> None:
        """The row's key is set by the service."""


class SellerProfileForm(_Versioned):
    class Meta:
        model = SellerProfile
        fields = [
            "vat_id",
            "tax_number",
            "register",
            "iban",
            "bic",
            "bank_name",
            "contact_name",
            "phone",
            "email",
            "payment_days",
        ]
        error_messages = {
            "iban": {"required": _("Bitte die IBAN des Kontos der Genossenschaft angeben.")},
            "contact_name": {"required": _("Bitte die Ansprechperson für Rechnungen angeben.")},
            "phone": {"required": _("Bitte die Telefonnummer für Rückfragen zu Rechnungen angeben.")},
            "email": {
                "required": _("Bitte die E-Mail-Adresse für Rückfragen zu Rechnungen angeben."),
                "invalid": _("Bitte eine gültige E-Mail-Adresse angeben."),
            },
        }


class BillingForm(_Versioned):
    class Meta:
        model = BillingAddress
        fields = [
            "needs_leitweg",
            "leitweg_id",
            "recipient",
            "department",
            "street",
            "postal_code",
            "city",
            "email",
        ]
        error_messages = {"email": {"invalid": _("Bitte eine gültige E-Mail-Adresse angeben.")}}


def _today() -> Any:
    return timezone.localdate()


def _day(label: str | _StrPromise, required: str | _StrPromise) -> forms.DateField:
    """A date of the invoice (today unless changed), with the German messages of the form."""
    return forms.DateField(
        label=label,
        widget=DateInput,
        initial=_today,
        error_messages={"required": required, "invalid": _("Bitte ein Datum angeben.")},
    )


class ShareInvoiceForm(KernFormMixin, forms.Form):
    member: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Mitglied"),
        queryset=None,
        error_messages={
            "required": _("Bitte das Mitglied wählen."),
            "invalid_choice": _("Bitte ein Mitglied der Liste wählen."),
        },
    )
    issued_on = _day(_("Rechnungsdatum"), _("Bitte das Rechnungsdatum angeben."))

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.fields["member"].label_from_instance = lambda m: f"{m.number} {m.legal_name}"  # type: ignore[attr-defined]


class OrderInvoiceForm(KernFormMixin, forms.Form):
    order: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Auftrag"),
        queryset=None,
        error_messages={
            "required": _("Bitte den Auftrag wählen."),
            "invalid_choice": _("Bitte einen Auftrag der Liste wählen."),
        },
    )
    issued_on = _day(_("Rechnungsdatum"), _("Bitte das Rechnungsdatum angeben."))
    delivered_on = _day(_("Leistungsdatum"), _("Bitte das Leistungsdatum angeben."))
    reason = forms.CharField(
        label=_("Befreiungsgrund"),
        required=False,
        max_length=300,
        help_text=_(
            "Nur bei steuerfreien oder nicht steuerbaren Leistungen; leer: der Standardtext "
            "(§ 4 Nr. 29 UStG bzw. nicht steuerbar)."
        ),
    )

    def __init__(self, *args: Any, orders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = orders  # type: ignore[attr-defined]
        self.fields["order"].label_from_instance = (  # type: ignore[attr-defined]
            lambda o: f"{o.number}: {o.offer.title} ({o.member.legal_name})"
        )


class CreditNoteForm(KernFormMixin, forms.Form):
    issued_on = _day(_("Datum der Gutschrift"), _("Bitte das Datum der Gutschrift angeben."))
    reason = forms.CharField(
        label=_("Grund der Stornierung"),
        max_length=300,
        error_messages={"required": _("Bitte den Grund der Stornierung angeben.")},
    )
