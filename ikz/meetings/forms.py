"""Forms of the meeting pages (KERN classes through ``KernFormMixin``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.forms import DateInput, KernFormMixin, VersionField
from ikz.meetings.models import AttendanceStatus, Membership, OrganizationKind, Result
from ikz.municipalities.models import Municipality
from ikz.resolutions.models import Body, Outcome, Subject


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class OrganizationForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Kurzname"), max_length=50, required=False)
    kind = forms.ChoiceField(label=_("Art"), choices=OrganizationKind.choices)
    start_date = forms.DateField(label=_("besteht seit"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("besteht bis"), required=False, widget=DateInput())


class MemberForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Name der Person"), max_length=200)
    municipality = forms.ModelChoiceField(
        label=_("vertritt"), queryset=Municipality.objects.none(), required=False
    )
    role = forms.CharField(
        label=_("Rolle"), max_length=100, required=False, help_text=_("z. B. Vorsitz, Mitglied")
    )
    voting_right = forms.BooleanField(label=_("stimmberechtigt"), required=False, initial=True)
    start_date = forms.DateField(label=_("Mitglied seit"), required=False, widget=DateInput())

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]


class EndMembershipForm(KernFormMixin, forms.Form):
    version = VersionField()
    end_date = forms.DateField(label=_("Mitglied bis"), widget=DateInput())


class MeetingForm(KernFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Bezeichnung"), max_length=200, required=False, help_text=_("z. B. 12. Sitzung")
    )
    day = forms.DateField(label=_("Datum"), widget=DateInput())
    start_time = forms.TimeField(label=_("Beginn (Uhrzeit)"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ende (Uhrzeit)"), required=False, widget=TimeInput())
    location = forms.CharField(label=_("Ort"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        zone = timezone.get_current_timezone()
        if day is not None and start is not None:
            data["start"] = dt.datetime.combine(day, start, tzinfo=zone)
            data["end"] = dt.datetime.combine(day, end, tzinfo=zone) if end is not None else None
        return data


class AgendaForm(KernFormMixin, forms.Form):
    proposals = forms.MultipleChoiceField(
        label=_("Was auf eine Entscheidung wartet"),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        required=False,
    )
    name = forms.CharField(label=_("Weiterer Tagesordnungspunkt"), max_length=300, required=False)
    public = forms.BooleanField(label=_("öffentlich"), required=False, initial=True)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = choices  # type: ignore[attr-defined]


class AttendanceForm(KernFormMixin, forms.Form):
    version = VersionField()

    def __init__(self, *args: Any, members: list[tuple[Membership, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for membership, status in members:
            self.fields[f"person_{membership.person_id}"] = forms.ChoiceField(
                label=membership.person.name,
                choices=AttendanceStatus.choices,
                initial=status or AttendanceStatus.PRESENT,
            )
        self.style_fields()

    def statuses(self) -> dict[int, str]:
        return {
            int(name.removeprefix("person_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("person_")
        }


class MinutesForm(KernFormMixin, forms.Form):
    version = VersionField()
    minutes = forms.CharField(
        label=_("Niederschrift"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )


class ApproveForm(KernFormMixin, forms.Form):
    version = VersionField()
    approved_on = forms.DateField(label=_("Niederschrift genehmigt am"), widget=DateInput())


class ResultForm(KernFormMixin, forms.Form):
    version = VersionField()
    result = forms.ChoiceField(label=_("Ergebnis"), choices=[("", "—"), *Result.choices])
    resolution_text = forms.CharField(
        label=_("Beschlusstext"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )
    responsible = forms.CharField(label=_("wer handelt"), max_length=200, required=False)
    due_on = forms.DateField(label=_("zu erledigen bis"), required=False, widget=DateInput())


class PaperForm(KernFormMixin, forms.Form):
    reference = forms.CharField(label=_("Drucksachen-Nr."), max_length=50)
    name = forms.CharField(label=_("Titel"), max_length=300)
    paper_type = forms.CharField(label=_("Art"), max_length=100, initial="Beschlussvorlage")
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    subject = forms.ChoiceField(label=_("Gegenstand in den Gremien"), choices=Subject.choices)
    text = forms.CharField(
        label=_("Beschlussvorschlag"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )


class CouncilsForm(KernFormMixin, forms.Form):
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Räte der Mitgliedskommunen"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = municipalities  # type: ignore[attr-defined]


class PutOnAgendaForm(KernFormMixin, forms.Form):
    meeting = forms.ChoiceField(label=_("Sitzung"), choices=())

    def __init__(self, *args: Any, meetings: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [(m.pk, str(m)) for m in meetings]  # type: ignore[attr-defined]


class CouncilResultForm(KernFormMixin, forms.Form):
    version = VersionField()
    body = forms.ChoiceField(label=_("Gremium"), choices=Body.choices)
    date = forms.DateField(label=_("Sitzungsdatum"), required=False, widget=DateInput())
    outcome = forms.ChoiceField(label=_("Ergebnis"), choices=Outcome.choices)
    note = forms.CharField(
        label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class DoneForm(KernFormMixin, forms.Form):
    version = VersionField()
    done_on = forms.DateField(label=_("erledigt am"), widget=DateInput())
