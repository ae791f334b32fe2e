from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Cooperation, CooperationField
from ikz.documents import access
from ikz.documents.models import Document, Visibility
from ikz.documents.services import Upload, check_file, max_bytes
from ikz.forms import DateInput, KernFormMixin, LongSelect, VersionField
from ikz.municipalities.models import Municipality, Region, RegionMember

FILE_HELP = _("PDF, DOCX, XLSX, PPTX oder Text; die Art wird am Inhalt erkannt, nicht am Namen.")


class DocumentForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Document
        fields = [
            "title",
            "doc_type",
            "date",
            "description",
            "fields",
            "region",
            "cooperation",
            "owner",
            "visibility",
            "source",
        ]
        widgets = {"date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields_field: forms.ModelMultipleChoiceField = self.fields["fields"]  # type: ignore[assignment]
        fields_field.queryset = CooperationField.objects.select_related("task_area")
        fields_field.widget.attrs["size"] = 8
        region_field: forms.ModelChoiceField = self.fields["region"]  # type: ignore[assignment]
        region_field.queryset = Region.objects.order_by("name")
        coop_field: forms.ModelChoiceField = self.fields["cooperation"]  # type: ignore[assignment]
        owner_field: forms.ModelChoiceField = self.fields["owner"]  # type: ignore[assignment]
        from ikz.accounts.access import roles_of

        roles = roles_of(user)
        # Cooperations (and, for an office, owners) of the user's own regions only: with the
        # national data set "all" meant 50,000 options, a 3.5 MB page built in 40 s. A platform-wide
        # office has no region of its own and keeps the whole list.
        own = set(roles.office_regions | roles.steering_regions)
        if roles.contact_municipalities:
            own |= set(
                RegionMember.objects.filter(municipality_id__in=roles.contact_municipalities).values_list(
                    "region_id", flat=True
                )
            )
        mine = Q(region_id__in=own) | Q(pk=self.instance.cooperation_id) if own else Q()
        coop_field.queryset = (
            Cooperation.objects.filter(mine).order_by("region__name", "title").only("id", "title")
        )
        for name in ("region", "cooperation", "owner"):
            old = self.fields[name].widget
            self.fields[name].widget = LongSelect(attrs=old.attrs, choices=old.choices)
        if roles.is_office:
            owners = Municipality.objects.filter(region_memberships__isnull=False)
            if own and not roles.office_global:
                owners = owners.filter(
                    Q(region_memberships__region_id__in=own) | Q(pk=self.instance.owner_id)
                )
            owner_field.queryset = owners.distinct().only(*Municipality.CHOICE_FIELDS)
        else:
            owner_field.queryset = Municipality.objects.filter(pk__in=roles.contact_municipalities)
            owner_field.required = True
            # a contact files documents under the regions of its own municipalities only
            own_regions = Region.objects.filter(members__municipality_id__in=roles.contact_municipalities)
            region_field.queryset = region_field.queryset.filter(pk__in=own_regions.values("pk"))
            coop_field.queryset = coop_field.queryset.filter(region_id__in=own_regions.values("pk"))
        if not access.can_publish(user):
            vis: forms.ChoiceField = self.fields["visibility"]  # type: ignore[assignment]
            vis.choices = [(v.value, v.label) for v in (Visibility.INTERNAL, Visibility.REGION)]


def checked_upload(file: Any) -> Upload:
    """The file as an :class:`Upload`, checked here so the message appears at the field (the
    service checks again before storing). Reads at most one byte more than allowed."""
    upload = Upload(filename=file.name, data=file.read(max_bytes() + 1))
    try:
        check_file(upload)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict["file"]) from exc
    return upload


class UploadForm(DocumentForm):
    file = forms.FileField(label=_("Datei"), help_text=FILE_HELP)

    def clean_file(self) -> Upload:
        return checked_upload(self.cleaned_data["file"])


class VersionForm(KernFormMixin, forms.Form):
    version = VersionField()
    file = forms.FileField(label=_("Neue Fassung"), help_text=FILE_HELP)

    def clean_file(self) -> Upload:
        return checked_upload(self.cleaned_data["file"])


class FilterForm(KernFormMixin, forms.Form):
    doc_type = forms.ChoiceField(label=_("Art"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from ikz.documents.models import DocType

        self.fields["doc_type"].choices = [("", _("alle")), *DocType.choices]  # type: ignore[attr-defined]
