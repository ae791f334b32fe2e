"""The annual report: a page with what it holds and the downloads; the PDF; the DOCX covers.

Who: the office and the steering group of the region, and the contacts of its members (each
downloads the cover draft for their own municipality only). Everybody else: 404."""

from __future__ import annotations

from dataclasses import replace

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.lib.exports import attachment
from ikz.lib.stand import PARAM as STAND_PARAM
from ikz.lib.stand import year_end_stand
from ikz.reports import access, documents, services
from ikz.reports.queries import annual_report
from ikz.resolutions import rules as resolution_rules
from ikz.resolutions.models import Body
from ikz.web import AppRequest, StandChoice, post_button, stand_of

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _body_of(kind: str) -> str:
    bodies = resolution_rules.bodies_for(kind)
    return bodies[0] if bodies else Body.OTHER


def _stand(request: AppRequest, year: int) -> StandChoice:
    """``?stand=`` when the office sets a day; else 31.12. of the year (today within it)."""
    choice = stand_of(request)
    if request.GET.get(STAND_PARAM) and not choice.error:
        return choice
    stand = year_end_stand(year, timezone.localdate())
    return replace(choice, stand=stand, value="" if stand.is_today else stand.day.isoformat())


@login_required
def report_detail(request: AppRequest, slug: str, year: int) -> HttpResponse:
    """What the report holds and the covers, as of its Stand; ``?dokument=pdf`` downloads it."""
    region = access.get_report_region_for(request.user, slug, year)
    stand = _stand(request, year)
    report = annual_report(request.user, region, year, stand.stand)
    document = request.GET.get("dokument")
    if document is not None:
        if document != "pdf":
            raise Http404
        response = HttpResponse(documents.report_pdf(report), content_type="application/pdf")
        name = f"Zwischenbericht {region.name} {year}{stand.stand.suffix}"
        response["Content-Disposition"] = attachment(name, "pdf")
        return response
    return render(
        request,
        "reports/report_detail.html",
        {
            "region": region,
            "year": year,
            "report": report,
            "stand": stand,
            "members": access.cover_members_for(request.user, region),
            "can_store": access.can_store_report(request.user, region),
        },
    )


@require_POST
@login_required
def report_store(request: AppRequest, slug: str, year: int) -> HttpResponse:
    """The region's office puts the report as PDF into the document library."""
    region = access.get_report_region_for(request.user, slug, year)
    if not access.can_store_report(request.user, region):
        raise PermissionDenied(_("Den Bericht legt die Geschäftsstelle der Region ab."))
    return post_button(
        request,
        lambda: services.store_report(region, year, actor=request.user),
        success=lambda version: (
            _("Der Zwischenbericht liegt als Version %(n)s in der Dokumentbibliothek.")
            % {"n": version.number}
        ),
        back=reverse("reports:report_detail", kwargs={"slug": region.slug, "year": year}),
    )


@login_required
def cover_draft(request: AppRequest, slug: str, year: int, municipality_pk: int) -> HttpResponse:
    """The cover draft (Vorlage) of one member for its council; ``?dokument=docx`` downloads it."""
    region = access.get_report_region_for(request.user, slug, year)
    member = access.get_cover_member_for(request.user, region, municipality_pk)
    municipality = member.municipality
    body = _body_of(municipality.kind)
    document = request.GET.get("dokument")
    if document is None:
        return render(
            request,
            "reports/cover_draft.html",
            {"region": region, "year": year, "municipality": municipality, "body": Body(body).label},
        )
    if document != "docx":
        raise Http404
    report = annual_report(request.user, region, year, _stand(request, year).stand)
    content = documents.cover_docx(report, municipality, body)
    response = HttpResponse(content, content_type=DOCX)
    name = f"Vorlage Zwischenbericht {year} {municipality.short_name}{report.stand.suffix}"
    response["Content-Disposition"] = attachment(name, "docx")
    return response
