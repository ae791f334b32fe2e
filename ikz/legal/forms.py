"""The forms of the legal pages: the text of the Impressum or the Datenschutzerklärung (plain text,
paragraphs by blank lines, no HTML), and the fields of the accessibility statement."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.forms import DateInput, KernFormMixin, VersionField
from ikz.legal.models import AccessibilityStatement, LegalPage
from ikz.legal.rules import LAND_CHOICES

MAX_TEXT = 50_000  # characters of one text: an Impressum has about 2,000, a privacy policy 20,000
NO_LAND = _("keine Auswahl: die Schlichtungsstelle des Bundes")
PLAIN_TEXT = _(
    "Nur Text: Absätze durch Leerzeilen trennen. HTML wird nicht ausgeführt, sondern so angezeigt, "
    "wie es geschrieben ist."
)


class _Versioned(KernFormMixin, forms.ModelForm):
    """A form with the version of the page it shows; empty while the page is not written (then a
    page written by somebody else meanwhile makes the save stale, not a second page)."""

    version = VersionField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault("version", self.instance.version)

    def validate_unique(self) -> None:
        """The page's key is set by the service."""


class PageForm(_Versioned):
    body = forms.CharField(
        label=_("Text"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=PLAIN_TEXT,
        error_messages={"required": _("Bitte den Text der Seite angeben.")},
    )

    class Meta:
        model = LegalPage
        fields = ["body"]


class StatementForm(_Versioned):
    limitations = forms.CharField(
        label=_("Nicht barrierefreie Inhalte"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Welche Inhalte nicht barrierefrei sind, warum, und welche Alternativen es gibt. Pflicht bei "
            "teilweiser oder fehlender Vereinbarkeit."
        ),
    )
    enforcement_other = forms.CharField(
        label=_("andere Schlichtungs- oder Durchsetzungsstelle"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Nur wenn die Stelle Ihres Landes nicht in der Liste steht oder anders heißt: Name, "
            "Anschrift und Webadresse. Ersetzt die Auswahl darüber."
        ),
    )
    body = forms.CharField(
        label=_("Weitere Angaben"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Zum Beispiel, wie die Erklärung erstellt wurde (Selbstbewertung oder Prüfung durch Dritte). "
        )
        + str(PLAIN_TEXT),
    )

    class Meta:
        model = AccessibilityStatement
        fields = [
            "conformity",
            "limitations",
            "statement_date",
            "reviewed_on",
            "contact_email",
            "contact_phone",
            "enforcement_land",
            "enforcement_other",
            "body",
        ]
        widgets = {
            "statement_date": DateInput(),
            "reviewed_on": DateInput(),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "conformity": _("Gemessen an der BITV 2.0 (WCAG 2.1, Stufe AA)."),
            "reviewed_on": _("Die Erklärung ist mindestens einmal im Jahr zu überprüfen."),
            "contact_email": _(
                "E-Mail-Adresse oder Telefonnummer (oder beides) für Meldungen von Barrieren."
            ),
            "enforcement_land": _(
                "Die Stelle, an die sich Menschen wenden, wenn ihre Meldung ohne zufriedenstellende "
                "Antwort bleibt. Bitte Namen und Adresse vor dem Veröffentlichen prüfen. Leer: die "
                "Schlichtungsstelle nach § 16 BGG des Bundes."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["enforcement_land"]).choices = [("", NO_LAND), *LAND_CHOICES]
