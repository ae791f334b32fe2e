"""Filing the annual report (Zwischenbericht) in the document library."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.municipalities.models import Region


def report_title(region: Region, year: int) -> str:
    return _("Zwischenbericht %(year)s: %(region)s") % {"year": year, "region": region.name}


@transaction.atomic
def store_report(region: Region, year: int, *, actor: User) -> Any:
    """Put the annual report of ``year`` as PDF into the library, visible to the region; a report
    of the same year filed before gets a new version (the old ones stay). Returns the version."""
    from ikz.documents.models import DocType, Document, Visibility
    from ikz.documents.services import store_generated_document
    from ikz.reports.documents import report_pdf
    from ikz.reports.queries import annual_report

    title = report_title(region, year)
    existing = Document.objects.filter(region=region, doc_type=DocType.REPORT, title=title).first()
    return store_generated_document(
        title=title,
        doc_type=DocType.REPORT,
        filename=f"zwischenbericht-{region.slug}-{year}.pdf",
        content=report_pdf(annual_report(actor, region, year)),
        actor=actor,
        visibility=Visibility.REGION,
        region_id=region.pk,
        description=_("Aus dem Zwischenbericht der Region erzeugt."),
        document=existing,
    )
