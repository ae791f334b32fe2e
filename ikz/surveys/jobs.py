"""The jobs of surveys: the office's reminders to the municipalities that have not submitted."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.jobs.models import Job
from ikz.jobs.registry import Done, InputGone, register
from ikz.municipalities.models import Municipality
from ikz.surveys import reminders
from ikz.surveys.models import Campaign


@register(reminders.REMIND, label=_("Erinnerungen versenden"))
def send_reminders_job(job: Job) -> Done:
    """Result: the number of e-mails queued (one per address) and the municipalities not reached,
    e.g. "3 Erinnerungen an 2 Kommunen vorgemerkt; nicht erreicht: Kelsterbach (keine Adresse)"."""
    campaign = Campaign.objects.select_related("region").filter(pk=job.payload.get("campaign")).first()
    if campaign is None:
        raise InputGone(_("Die Bestandsaufnahme wurde inzwischen gelöscht."))
    ids = [int(i) for i in job.payload.get("municipalities", [])]
    municipalities = list(Municipality.objects.filter(pk__in=ids).order_by("name", "pk"))
    run = reminders.send_reminders(campaign, municipalities, actor=job.created_by, run=f"job:{job.pk}")
    return Done(run.summary(), reverse("surveys:tracking", args=[campaign.pk]))
