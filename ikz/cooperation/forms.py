from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import (
    Cooperation,
    CooperationField,
    LegalForm,
    Operation,
    ParticipantStatus,
    TaskArea,
)
from ikz.cooperation.queries import host_label
from ikz.cooperation.services import OPERATION_FIELDS, operation_problems
from ikz.forms import DateInput, KernFormMixin, VersionField
from ikz.municipalities.models import Municipality, Region


class TaskAreaForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = TaskArea
        fields = ["name", "position", "description"]


class CooperationFieldForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = CooperationField
        fields = ["name", "position", "description", "source"]


class CooperationForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Cooperation
        fields = [
            "field",
            "title",
            "description",
            "symbol",
            "legal_form",
            "since_year",
            "started_on",
            "recorded_on",
            "ended_on",
            "end_reason",
            "external_partners",
            "source",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "external_partners": forms.Textarea(attrs={"rows": 2}),
            "end_reason": forms.Textarea(attrs={"rows": 2}),
            "started_on": DateInput(),
            "recorded_on": DateInput(),
            "ended_on": DateInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["symbol"].required = False
        self.fields["symbol"].help_text = _(
            "Leer lassen: das nächste freie Zeichen des Feldes wird vergeben."
        )
        self.fields["field"].queryset = CooperationField.objects.select_related("task_area").order_by(  # type: ignore[attr-defined]
            "task_area__position", "position", "name"
        )
        self.fields["field"].label_from_instance = lambda f: f"{f.task_area.name} – {f.name}"  # type: ignore[attr-defined]


class ParticipantForm(KernFormMixin, forms.Form):
    """One member of the region: takes part or not, and how."""

    municipality_id = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Stand"), required=False, choices=[("", _("nicht beteiligt")), *ParticipantStatus.choices]
    )
    planned_by = forms.DateField(label=_("voraussichtlich bis"), required=False, widget=DateInput())
    reason = forms.CharField(label=_("Grund, falls nicht zustande gekommen"), required=False)
    is_lead = forms.BooleanField(label=_("federführend"), required=False)
    joined_on = forms.DateField(label=_("beteiligt seit"), required=False, widget=DateInput())
    left_on = forms.DateField(label=_("beteiligt bis"), required=False, widget=DateInput())


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=0)


class OperationForm(KernFormMixin, forms.ModelForm):
    """The operating details; the same checks as the service, shown at the fields."""

    version = VersionField(required=False)
    legal_form = forms.ChoiceField(
        label=_("Rechtsform"), choices=[("", "–"), *LegalForm.choices], required=False
    )

    class Meta:
        model = Operation
        fields = list(OPERATION_FIELDS)
        widgets = {
            "start": DateInput(),
            "ended_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        # a checkbox has no room for a hint below its label
        labels = {"auto_renewal": _("verlängert sich automatisch, wenn nicht rechtzeitig gekündigt wird")}
        help_texts = {"auto_renewal": ""}

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cooperation = cooperation
        self.fields["host"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            participations_in_cooperations__cooperation=cooperation,
            participations_in_cooperations__status=ParticipantStatus.EXISTS,
        ).order_by("key")
        self.fields["staff_positions"].localize = True
        self.fields["staff_positions"].widget.is_localized = True
        self.fields["staff_positions"].widget.input_type = "text"
        self.fields["staff_positions"].widget.attrs["inputmode"] = "decimal"
        if not self.is_bound:
            self.initial.setdefault("legal_form", cooperation.legal_form)
        self.fields["host"].label_from_instance = host_label  # type: ignore[attr-defined]

    GROUPS = (
        (_("Rechtsform und Sitz"), ("legal_form", "host", "external_host")),
        (
            _("Laufzeit, Verlängerung und Kündigung"),
            (
                "start",
                "initial_months",
                "auto_renewal",
                "renewal_months",
                "notice_months",
                "notice_to",
                "ended_on",
            ),
        ),
        (
            _("Personal, Beirat und Berichtswesen"),
            (
                "staff_positions",
                "advisory_board",
                "advisory_board_note",
                "reporting_duty",
                "reporting_note",
                "report_due_day",
                "report_due_month",
            ),
        ),
        (_("Hinweise"), ("note",)),
    )

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields in the fieldsets of the page."""
        return [(str(legend), [self[name] for name in names]) for legend, names in self.GROUPS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, messages in operation_problems(self.cooperation, cleaned).items():
            for message in messages:
                if name in self.fields and name not in self.errors:
                    self.add_error(name, message)
                elif name not in self.fields:
                    self.add_error(None, message)
        return cleaned


class PeriodForm(KernFormMixin, forms.Form):
    label = forms.CharField(label=_("Bezeichnung"), required=False, max_length=200)
    starts_on = forms.DateField(label=_("von"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("bis"), required=False, widget=DateInput())
    lead_months = forms.IntegerField(
        label=_("Vorlauf (Monate)"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("so viele Monate vor dem Ende die nächste Ausschreibung vorbereiten, z. B. 9"),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        filled = [bool(cleaned.get(n)) for n in ("label", "starts_on", "ends_on")]
        if any(filled) and not all(filled):
            self.add_error(None, _("Bitte für jeden Zeitraum Bezeichnung, Beginn und Ende angeben."))
        elif all(filled) and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", _("Das Ende liegt vor dem Beginn."))
        return cleaned


PeriodFormSet = forms.formset_factory(PeriodForm, extra=2)


class MeetingForm(KernFormMixin, forms.Form):
    """A meeting of the advisory board (Beirat), held or planned."""

    date = forms.DateField(label=_("Beiratssitzung am"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Hinweis"), required=False, max_length=300)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("note") and not cleaned.get("date"):
            self.add_error("date", _("Bitte das Datum der Sitzung angeben."))
        return cleaned


MeetingFormSet = forms.formset_factory(MeetingForm, extra=1)


class ParticipationForm(KernFormMixin, forms.Form):
    """A municipality joins, leaves or gives notice, with the date."""

    JOIN, LEAVE, NOTICE = "join", "leave", "notice"
    kind = forms.ChoiceField(
        label=_("Was ist geschehen?"),
        choices=[
            (JOIN, _("Beitritt")),
            (NOTICE, _("Kündigung eingegangen (Ausscheiden zum Ende der Laufzeit)")),
            (LEAVE, _("Ausscheiden zu einem Datum")),
        ],
    )
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    date = forms.DateField(
        label=_("Datum"),
        widget=DateInput(),
        help_text=_("Beitritt: erster Tag; Kündigung: Tag des Eingangs; Ausscheiden: letzter Tag"),
    )
    note = forms.CharField(label=_("Hinweis"), required=False, max_length=300)

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            region_memberships__region=region
        ).order_by("region_memberships__position")


class CorrectionForm(KernFormMixin, forms.Form):
    """Correct one effective date of a cooperation or of a participant, with a reason (decision 92)."""

    version = VersionField()
    what = forms.ChoiceField(label=_("Welches Datum?"))
    effective_on = forms.DateField(label=_("Richtiges Datum"), widget=DateInput())
    reason = forms.CharField(
        label=_("Begründung"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("z. B. „laut Vertrag begann die Kooperation am 1.7.2017“"),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["what"].choices = choices  # type: ignore[attr-defined]
