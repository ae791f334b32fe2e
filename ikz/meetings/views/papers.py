"""Views of papers (draft resolutions through the councils) and of the open actions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.meetings import access, forms, queries, services
from ikz.municipalities.models import Municipality
from ikz.web import AppRequest, edit_page, pick, post_action


@login_required
def paper_create(request: AppRequest, slug: str) -> HttpResponse:
    region = access.get_region_for(request.user, slug, write=True)
    form = forms.PaperForm(request.POST or None)
    return edit_page(
        request,
        form,
        lambda data: services.create_paper(region, data, actor=request.user),
        template="meetings/form.html",
        success=_("Vorlage angelegt."),
        context={
            "title": _("Neue Vorlage"),
            "back": reverse("meetings:region_detail", args=[region.slug]),
            "submit": _("Vorlage anlegen"),
        },
    )


@login_required
def paper_detail(request: AppRequest, pk: int) -> HttpResponse:
    paper = access.get_paper_for(request.user, pk)
    page = queries.paper_page(paper)
    return render(
        request,
        "meetings/paper_detail.html",
        {
            "paper": paper,
            "page": page,
            "can_manage": access.can_manage(request.user, paper.region_id),
            "recordable": {
                row.consultation.pk
                for row in page.councils
                if access.can_record_council(request.user, row.consultation, paper.region_id)
            },
        },
    )


@login_required
def paper_councils(request: AppRequest, pk: int) -> HttpResponse:
    paper = access.get_paper_for(request.user, pk, write=True)
    members = Municipality.objects.filter(region_memberships__region_id=paper.region_id).order_by("name")
    form = forms.CouncilsForm(request.POST or None, municipalities=members)
    return edit_page(
        request,
        form,
        lambda data: services.add_councils(paper, [m.pk for m in data["municipalities"]], actor=request.user),
        template="meetings/form.html",
        success=_("Die Vorlage geht an die gewählten Räte."),
        done=lambda _rows: paper.get_absolute_url(),
        context={
            "title": _("Räte beteiligen: %(p)s") % {"p": paper},
            "back": paper.get_absolute_url(),
            "submit": _("Räte beteiligen"),
        },
    )


@login_required
def paper_agenda(request: AppRequest, pk: int) -> HttpResponse:
    paper = access.get_paper_for(request.user, pk, write=True)
    meetings = queries.paper_page(paper).open_meetings
    form = forms.PutOnAgendaForm(request.POST or None, meetings=meetings)
    by_pk = {str(m.pk): m for m in meetings}
    return edit_page(
        request,
        form,
        lambda data: services.add_agenda_item(
            by_pk[data["meeting"]],
            {
                "name": f"{paper.reference}: {paper.name}",
                "public": True,
                "project": paper.project,
                "topic": "paper",
            },
            actor=request.user,
            paper=paper,
        ),
        template="meetings/form.html",
        success=_("Die Vorlage steht auf der Tagesordnung."),
        done=lambda _item: paper.get_absolute_url(),
        context={
            "title": _("Auf die Tagesordnung: %(p)s") % {"p": paper},
            "back": paper.get_absolute_url(),
            "submit": _("Auf die Tagesordnung setzen"),
        },
    )


@login_required
def council_result(request: AppRequest, pk: int, consultation: int) -> HttpResponse:
    paper = access.get_paper_for(request.user, pk)
    found = access.get_council_consultation_for(request.user, paper, consultation)
    resolution = found.resolution
    initial: dict[str, Any] = {"version": found.version}
    if resolution is not None:
        initial |= {
            "body": resolution.body,
            "date": resolution.date,
            "outcome": resolution.outcome,
            "note": resolution.note,
        }
    form = forms.CouncilResultForm(request.POST or None, initial=initial)
    return edit_page(
        request,
        form,
        lambda data: services.record_council_result(
            found, pick(data, services.COUNCIL_FIELDS), expected_version=data["version"], actor=request.user
        ),
        template="meetings/form.html",
        success=_("Ergebnis des Rates gespeichert."),
        done=lambda _c: paper.get_absolute_url(),
        context={
            "title": _("Ergebnis des Rates: %(m)s") % {"m": found.municipality},
            "back": paper.get_absolute_url(),
            "submit": _("Ergebnis speichern"),
            "intro": _("Das Ergebnis wird als Beschluss der Kommune geführt (Übersicht der Beschlüsse)."),
        },
    )


@login_required
def actions(request: AppRequest, slug: str) -> HttpResponse:
    region = access.get_region_for(request.user, slug)
    rows = queries.open_actions(region, timezone.localdate())
    overdue_only = request.GET.get(queries.OVERDUE) == "1"
    return render(
        request,
        "meetings/actions.html",
        {
            "region": region,
            "rows": [a for a in rows if a.state.overdue or not overdue_only],
            "overdue_only": overdue_only,
            "can_manage": access.can_manage(request.user, region.pk),
            "today": timezone.localdate(),
        },
    )


@require_POST
@login_required
def action_done(request: AppRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    region = access.get_region_for(request.user, slug)
    action = access.get_action_for(request.user, region, kind, pk)
    form = forms.DoneForm(request.POST)
    return post_action(
        request,
        lambda version: services.complete_action(
            action, form.cleaned_data["done_on"], expected_version=version, actor=request.user
        ),
        success=_("Als erledigt vermerkt."),
        back=reverse("meetings:actions", args=[region.slug]),
        form=form,
    )
