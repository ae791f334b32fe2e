from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Cooperation, CooperationField
from ikz.documents import access
from ikz.documents.models import Document, Visibility
from ikz.documents.services import Upload, check_file, max_bytes
from ikz.forms import DateInput, KernFormMixin, VersionField
from ikz.municipalities.models import Municipality, Region

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
        coop_field.queryset = Cooperation.objects.select_related("region").order_by("region__name", "title")
        owner_field: forms.ModelChoiceField = self.fields["owner"]  # type: ignore[assignment]
        from ikz.accounts.access import roles_of

        roles = roles_of(user)
        if roles.is_office:
            owner_field.queryset = Municipality.objects.filter(region_memberships__isnull=False).distinct()
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
