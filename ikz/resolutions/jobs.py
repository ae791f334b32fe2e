"""Council drafts for every member of a region (decision 168): the overview's button queues this
job; it stores one DOCX per member in the document library. A member that left the region (or
was deleted) since is skipped and counted; the region gone ends the job with that reason."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.documents.models import DocType
from ikz.jobs.models import Job
from ikz.jobs.registry import Done, InputGone, register
from ikz.municipalities.models import Region, RegionMember
from ikz.resolutions import services


@register(services.COUNCIL_DRAFTS, label=_("Gremienvorlagen für alle Kommunen erzeugen"))
def council_drafts(job: Job) -> Done:
    region = Region.objects.filter(pk=job.payload.get("region")).first()
    if region is None:
        raise InputGone(_("Die Region gibt es nicht mehr; es wurden keine Gremienvorlagen erzeugt."))
    session_date = dt.date.fromisoformat(str(job.payload["session_date"]))
    wanted = [int(pk) for pk in job.payload.get("municipalities", [])]
    members = {
        m.municipality_id: m.municipality
        for m in RegionMember.objects.filter(region=region, municipality_id__in=wanted).select_related(
            "municipality"
        )
    }
    for pk in wanted:
        if pk in members and pk not in job.payload.get("done", []):
            services.store_council_draft(job, region, members[pk], session_date)
    done = set(job.payload.get("done", []))
    text = _("%(n)s Gremienvorlagen in der Dokumentenbibliothek") % {"n": len(done)}
    skipped = len([pk for pk in wanted if pk not in members and pk not in done])
    if skipped:
        text += "; " + _("%(n)s übersprungen (nicht mehr Mitglied der Region)") % {"n": skipped}
    return Done(text, link=f"{reverse('documents:document_list')}?doc_type={DocType.MODEL_DRAFT}")
