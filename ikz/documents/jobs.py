"""Background jobs of the document library: the full text of a large upload (decision 165)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ikz.documents import services
from ikz.documents.models import DocumentVersion
from ikz.jobs.models import Job
from ikz.jobs.registry import Done, InputGone, register
from ikz.lib.storage import StorageUnavailable


@register("documents.extract_text", label=_("Volltext erstellen"), max_attempts=5)
def extract_text_job(job: Job) -> Done:
    """Read the stored file, extract its text and refresh the search entry. A store that is down is
    a passing fault (tried again with backoff); a deleted version or a lost file ends the job."""
    version = DocumentVersion.objects.select_related("document").filter(pk=job.payload.get("version")).first()
    if version is None:
        raise InputGone(
            _("Die Fassung wurde inzwischen gelöscht; es gibt keinen Volltext mehr zu erstellen.")
        )
    try:
        length = services.extract_version_text(version)
    except StorageUnavailable as exc:
        if isinstance(exc.__cause__, FileNotFoundError):
            raise InputGone(
                _("Die Datei „%(file)s“ fehlt im Dateispeicher; der Volltext kann nicht erstellt werden.")
                % {"file": version.filename}
            ) from exc
        raise
    text = (
        _("Volltext von „%(file)s“ erstellt (%(count)s Zeichen)")
        if length
        else _("In „%(file)s“ wurde kein lesbarer Text gefunden")
    ) % {"file": version.filename, "count": length}
    return Done(text, version.document.get_absolute_url())
