from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import CooperationField
from ikz.documents.access import documents_for
from ikz.forms import DateInput, KernFormMixin, LongSelect, LongSelectMultiple, VersionField
from ikz.municipalities.models import Municipality
from ikz.network import access
from ikz.network.models import Need, Solution


def _fields(form: forms.ModelForm, user: Any) -> None:
    field: forms.ModelChoiceField = form.fields["field"]  # type: ignore[assignment]
    field.queryset = CooperationField.objects.select_related("task_area")
    owner: forms.ModelChoiceField = form.fields["owner"]  # type: ignore[assignment]
    owner.widget = LongSelect(attrs=owner.widget.attrs)  # every municipality for the office
    owner.queryset = access.owner_choices(user).only(*Municipality.CHOICE_FIELDS)


class SolutionForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Solution
        fields = ["title", "description", "field", "since", "owner", "contact", "users", "material", "source"]
        widgets = {"since": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _fields(self, user)
        users: forms.ModelMultipleChoiceField = self.fields["users"]  # type: ignore[assignment]
        # Every municipality of the regions and every visible document: 10,950 and 20,000 options
        # with the national set; rendered as plain strings (14 s through the templates).
        users.widget = LongSelectMultiple(attrs=users.widget.attrs)
        users.queryset = (
            Municipality.objects.filter(region_memberships__isnull=False)
            .distinct()
            .order_by("name")
            .only(*Municipality.CHOICE_FIELDS)
        )
        material: forms.ModelMultipleChoiceField = self.fields["material"]  # type: ignore[assignment]
        material.widget = LongSelectMultiple(attrs=material.widget.attrs)
        material.queryset = documents_for(user).order_by("title").only("id", "title")


class NeedForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Need
        fields = ["title", "description", "field", "owner", "source"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _fields(self, user)


class ConfirmForm(forms.Form):
    version = VersionField()


class InterestForm(KernFormMixin, forms.Form):
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    note = forms.CharField(label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality: forms.ModelChoiceField = self.fields["municipality"]  # type: ignore[assignment]
        municipality.queryset = access.owner_choices(user)
