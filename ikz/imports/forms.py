from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ikz.forms import KernFormMixin, VersionField


class UploadForm(KernFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Datei"),
        help_text=_(
            "Excel-Arbeitsmappe (.xlsx) oder CSV (Trennzeichen Semikolon, UTF-8 oder Windows-1252); "
            "die erste Zeile mit den Spaltennamen der Vorlage ist die Kopfzeile."
        ),
    )

    def clean_file(self) -> tuple[str, bytes]:
        upload: Any = self.cleaned_data["file"]
        limit = settings.IKZ_UPLOAD_MAX_MB * 1024 * 1024
        data = upload.read(limit + 1)
        if len(data) > limit:
            raise ValidationError(
                _("Die Datei ist größer als %(mb)s MB.") % {"mb": settings.IKZ_UPLOAD_MAX_MB}
            )
        return str(upload.name or "")[:255], data


class ApplyForm(KernFormMixin, forms.Form):
    version = VersionField()
