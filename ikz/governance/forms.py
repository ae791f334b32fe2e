from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ikz.forms import DateInput, KernFormMixin, VersionField
from ikz.governance.models import (
    AgendaItem,
    Assembly,
    Attendance,
    Choice,
    GovernanceSettings,
    OrganSeat,
)
from ikz.membership.models import Member


class SettingsForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = GovernanceSettings
        fields = ["notice_days", "minority_percent"]


class SeatForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = OrganSeat
        fields = ["organ", "person", "function", "member", "started_on", "ended_on", "source"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}

    def __init__(self, *args: Any, members: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.fields["person"].help_text = _("Die zur Vertretung befugte Person des Mitglieds.")


class SeatEndForm(KernFormMixin, forms.Form):
    version = VersionField()
    ended_on = forms.DateField(label=_("Amtszeit endet am"), widget=DateInput())


class AssemblyForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Assembly
        fields = [
            "kind",
            "form",
            "date",
            "time",
            "place",
            "convened_by",
            "demand_received_on",
            "demanding_members",
            "invited_on",
            "business_year",
            "accounts_available_on",
            "universal",
            "note",
        ]
        widgets = {
            "date": DateInput(),
            "demand_received_on": DateInput(),
            "invited_on": DateInput(),
            "accounts_available_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "invited_on": _("Der Tag, an dem die Einladung hinausgeht; die Frist wird daran geprüft."),
            "business_year": _("Nur bei der ordentlichen Versammlung: das Jahr, dessen Abschluss vorliegt."),
            "demand_received_on": _("Nur bei Einberufung durch eine Minderheit (§ 45 GenG)."),
            "time": _("z. B. 14:00"),
        }

    def clean_time(self) -> str:
        value: str = self.cleaned_data.get("time") or ""
        if value and not (
            len(value) == 5
            and value[2] == ":"
            and value[:2].isdigit()
            and value[3:].isdigit()
            and int(value[:2]) < 24
            and int(value[3:]) < 60
        ):
            raise forms.ValidationError(_("Bitte die Uhrzeit als SS:MM angeben, z. B. 14:00."))
        return value


class ItemForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "resolution_kind", "motion", "announced_on"]
        widgets = {"announced_on": DateInput(), "motion": forms.Textarea(attrs={"rows": 3})}


class AttendanceForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["member", "mode", "person", "text_form"]

    def __init__(self, *args: Any, members: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.fields["person"].help_text = _(
            "Gesetzliche Vertretung (z. B. Landrat, Bürgermeisterin) oder bevollmächtigte Person."
        )

    def _post_clean(self) -> None:  # the service checks; no model validation of a half-built row
        pass


class VoteForm(KernFormMixin, forms.Form):
    """One choice per member taking part who has not voted on this item yet."""

    def __init__(self, *args: Any, voters: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("– keine Stimme eingetragen –")), *Choice.choices]
        for member_id, label in voters:
            self.fields[f"m{member_id}"] = forms.ChoiceField(label=label, choices=choices, required=False)
        # a posted vote of anybody else reaches the service, which refuses it with the reason
        known = {f"m{member_id}" for member_id, _label in voters}
        for name in self.data if self.is_bound else ():
            if name not in known and name[:1] == "m" and name[1:].isdigit() and len(name) < 12:
                self.fields[name] = forms.ChoiceField(
                    label=_("Stelle Nr. %(n)s") % {"n": name[1:]}, choices=choices, required=False
                )

    def votes(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items() if value}


class CloseForm(KernFormMixin, forms.Form):
    version = VersionField()
    chair = forms.CharField(label=_("Versammlungsleitung"), max_length=200)
    minute_taker = forms.CharField(label=_("Protokollführung"), max_length=200, required=False)


class SignForm(KernFormMixin, forms.Form):
    version = VersionField()
    board_signatory = forms.ModelChoiceField(
        label=_("unterzeichnendes Vorstandsmitglied"), queryset=OrganSeat.objects.none()
    )
    minutes_signed_on = forms.DateField(label=_("unterzeichnet am"), widget=DateInput())

    def __init__(self, *args: Any, seats: QuerySet[OrganSeat], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board_signatory"].queryset = seats  # type: ignore[attr-defined]
