"""The annual report: a page with what it holds and the downloads; the PDF; the DOCX covers.

Who: the office and the steering group of the region, and the contacts of its members (each
downloads the cover draft for their own municipality only). Everybody else: 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.accounts.access import roles_of
from ikz.municipalities.access import get_region_for
from ikz.municipalities.models import Region, RegionMember
from ikz.projects import access as project_access
from ikz.reports import documents, services
from ikz.reports.queries import annual_report
from ikz.resolutions import rules as resolution_rules
from ikz.resolutions.models import Body

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _region(request: HttpRequest, slug: str, year: int) -> Region:
    region = get_region_for(request.user, slug)
    roles = roles_of(request.user)
    if not (roles.sees_region_fully(region.pk) or project_access.contact_sees_region(request.user, region)):
        raise Http404
    if not 1990 <= year <= 2100:
        raise Http404
    return region


def _body_of(kind: str) -> str:
    bodies = resolution_rules.bodies_for(kind)
    return bodies[0] if bodies else Body.OTHER


@login_required
def report_detail(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """What the report holds and the covers; ``?dokument=pdf`` downloads the report."""
    region = _region(request, slug, year)
    report = annual_report(request.user, region, year)
    document = request.GET.get("dokument")
    if document is not None:
        if document != "pdf":
            raise Http404
        response = HttpResponse(documents.report_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="zwischenbericht-{region.slug}-{year}.pdf"'
        return response
    roles = roles_of(request.user)
    members = list(
        RegionMember.objects.filter(region=region).select_related("municipality").order_by("position")
    )
    if not roles.sees_region_fully(region.pk):
        members = [m for m in members if m.municipality_id in roles.contact_municipalities]
    return render(
        request,
        "reports/report_detail.html",
        {
            "region": region,
            "year": year,
            "report": report,
            "members": members,
            "can_store": roles.is_office_of(region.pk),
        },
    )


@require_POST
@login_required
def report_store(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The region's office puts the report as PDF into the document library."""
    region = _region(request, slug, year)
    if not roles_of(request.user).is_office_of(region.pk):
        raise PermissionDenied
    try:
        version = services.store_report(region, year, actor=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(
            request,
            _("Der Zwischenbericht liegt als Version %(n)s in der Dokumentbibliothek.")
            % {"n": version.number},
        )
    return redirect("reports:report_detail", slug=region.slug, year=year)


@login_required
def cover_draft(request: HttpRequest, slug: str, year: int, municipality_pk: int) -> HttpResponse:
    """The cover draft (Vorlage) of one member for its council; ``?dokument=docx`` downloads it."""
    region = _region(request, slug, year)
    member = get_object_or_404(
        RegionMember.objects.select_related("municipality"), region=region, municipality_id=municipality_pk
    )
    roles = roles_of(request.user)
    if not (roles.sees_region_fully(region.pk) or municipality_pk in roles.contact_municipalities):
        raise PermissionDenied
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
    content = documents.cover_docx(annual_report(request.user, region, year), municipality, body)
    response = HttpResponse(content, content_type=DOCX)
    name = slugify(f"vorlage-zwischenbericht-{year}-{municipality.short_name}")
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response
