"""Thin views of the meeting pages: access → form → service (``ikz.web``) → template."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.meetings import access, documents, forms, queries, services
from ikz.meetings.models import MeetingState, Organization
from ikz.municipalities.models import Municipality
from ikz.web import AppRequest, edit_page, pick, post_action


@login_required
def index(request: AppRequest) -> HttpResponse:
    return render(request, "meetings/index.html", {"regions": access.regions_for(request.user)})


@login_required
def region_detail(request: AppRequest, slug: str) -> HttpResponse:
    region = access.get_region_for(request.user, slug)
    page = queries.region_meetings(region, timezone.now())
    return render(
        request,
        "meetings/region_detail.html",
        {"region": region, "page": page, "can_manage": access.can_manage(request.user, region.pk)},
    )


@login_required
def organization_create(request: AppRequest, slug: str) -> HttpResponse:
    region = access.get_region_for(request.user, slug, write=True)
    form = forms.OrganizationForm(request.POST or None)
    return edit_page(
        request,
        form,
        lambda data: services.create_organization(region, data, actor=request.user),
        template="meetings/form.html",
        success=_("Gremium angelegt."),
        context={
            "title": _("Neues Gremium"),
            "back": reverse("meetings:region_detail", args=[region.slug]),
            "submit": _("Gremium anlegen"),
        },
    )


@login_required
def organization_detail(request: AppRequest, pk: int) -> HttpResponse:
    organization = access.get_organization_for(request.user, pk)
    return render(
        request,
        "meetings/organization_detail.html",
        {
            "organization": organization,
            "members": queries.members_of(organization),
            "meetings": organization.meetings.all(),
            "can_manage": access.can_manage(request.user, organization.region_id),
        },
    )


def _member_municipalities(organization: Organization) -> Any:
    return Municipality.objects.filter(region_memberships__region_id=organization.region_id).order_by("name")


@login_required
def member_add(request: AppRequest, pk: int) -> HttpResponse:
    organization = access.get_organization_for(request.user, pk, write=True)
    form = forms.MemberForm(request.POST or None, municipalities=_member_municipalities(organization))
    return edit_page(
        request,
        form,
        lambda data: services.add_member(organization, data, actor=request.user),
        template="meetings/form.html",
        success=_("Mitglied aufgenommen."),
        done=lambda _m: organization.get_absolute_url(),
        context={
            "title": _("Mitglied aufnehmen: %(o)s") % {"o": organization.name},
            "back": organization.get_absolute_url(),
            "submit": _("Mitglied aufnehmen"),
        },
    )


@login_required
def member_end(request: AppRequest, pk: int, membership: int) -> HttpResponse:
    organization = access.get_organization_for(request.user, pk, write=True)
    found = access.get_membership_for(request.user, organization, membership)
    form = forms.EndMembershipForm(request.POST or None, initial={"version": found.version})
    return edit_page(
        request,
        form,
        lambda data: services.end_membership(
            found, data["end_date"], expected_version=data["version"], actor=request.user
        ),
        template="meetings/form.html",
        success=_("Mitgliedschaft beendet."),
        done=lambda _m: organization.get_absolute_url(),
        context={
            "title": _("Mitgliedschaft beenden: %(p)s") % {"p": found.person.name},
            "back": organization.get_absolute_url(),
            "submit": _("Mitgliedschaft beenden"),
        },
    )


@login_required
def meeting_create(request: AppRequest, pk: int) -> HttpResponse:
    organization = access.get_organization_for(request.user, pk, write=True)
    form = forms.MeetingForm(request.POST or None)
    return edit_page(
        request,
        form,
        lambda data: services.create_meeting(organization, data, actor=request.user),
        template="meetings/form.html",
        success=_("Sitzung angelegt. Stellen Sie nun die Tagesordnung zusammen."),
        context={
            "title": _("Neue Sitzung: %(o)s") % {"o": organization.name},
            "back": organization.get_absolute_url(),
            "submit": _("Sitzung anlegen"),
        },
    )


@login_required
def meeting_detail(request: AppRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, pk)
    region_id = meeting.organization.region_id
    internal = access.sees_internal(request.user, region_id)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "page": queries.meeting_page(meeting, internal=internal),
            "can_manage": access.can_manage(request.user, region_id),
            "states": MeetingState,
        },
    )


@login_required
def agenda_add(request: AppRequest, pk: int) -> HttpResponse:
    """Add items: what waits for a decision (ticked) and a free item."""
    meeting = access.get_meeting_for(request.user, pk, write=True)
    proposals = queries.agenda_proposals(meeting, timezone.localdate())
    by_key = {p.key: p for p in proposals}
    form = forms.AgendaForm(request.POST or None, choices=[(p.key, p.name) for p in proposals])

    def save(data: dict[str, Any]) -> Any:
        items: list[dict[str, Any]] = [
            {"name": p.name, "project": p.project, "milestone": p.milestone, "topic": p.topic}
            for p in (by_key[key] for key in data["proposals"])
        ]
        if data["name"].strip():
            items.append({"name": data["name"], "public": data["public"]})
        return services.add_agenda_items(meeting, items, actor=request.user)

    return edit_page(
        request,
        form,
        save,
        template="meetings/form.html",
        success=_("Tagesordnung ergänzt."),
        done=lambda _items: meeting.get_absolute_url(),
        context={
            "title": _("Tagesordnung ergänzen: %(m)s") % {"m": meeting},
            "back": meeting.get_absolute_url(),
            "submit": _("Aufnehmen"),
            "intro": _(
                "Angeboten wird, was auf eine Entscheidung wartet: Projekte zur Priorisierung, vorliegende "
                "Prüfergebnisse und Meilensteine, die in acht Wochen fällig oder überfällig sind."
            ),
        },
    )


@require_POST
@login_required
def meeting_invite(request: AppRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, pk, write=True)
    return post_action(
        request,
        lambda version: services.invite(meeting, expected_version=version, actor=request.user),
        success=_("Einladung versandt: die Mitglieder finden sie im Postfach und im Kalender."),
        back=meeting,
    )


@login_required
def meeting_ics(request: AppRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, pk)
    response = HttpResponse(documents.invitation_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sitzung-{meeting.pk}.ics"'
    return response


@login_required
def attendance(request: AppRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, pk, write=True)
    page = queries.meeting_page(meeting, internal=True)
    form = forms.AttendanceForm(
        request.POST or None, members=page.members, initial={"version": meeting.version}
    )
    return edit_page(
        request,
        form,
        lambda data: services.record_attendance(
            meeting, form.statuses(), expected_version=data["version"], actor=request.user
        ),
        template="meetings/form.html",
        success=_("Anwesenheit gespeichert."),
        context={
            "title": _("Anwesenheit: %(m)s") % {"m": meeting},
            "back": meeting.get_absolute_url(),
            "submit": _("Anwesenheit speichern"),
        },
    )


@login_required
def minutes(request: AppRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, pk, write=True)
    form = forms.MinutesForm(
        request.POST or None, initial={"version": meeting.version, "minutes": meeting.minutes}
    )
    return edit_page(
        request,
        form,
        lambda data: services.hold_meeting(
            meeting, data["minutes"], expected_version=data["version"], actor=request.user
        ),
        template="meetings/form.html",
        success=_("Niederschrift gespeichert; die Sitzung ist als durchgeführt erfasst."),
        context={
            "title": _("Niederschrift: %(m)s") % {"m": meeting},
            "back": meeting.get_absolute_url(),
            "submit": _("Niederschrift speichern"),
            "intro": _("Entwurf bis zur Genehmigung: nur Geschäftsstelle und Lenkungsgruppe sehen ihn."),
        },
    )


@login_required
def approve(request: AppRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, pk, write=True)
    form = forms.ApproveForm(request.POST or None, initial={"version": meeting.version})
    return edit_page(
        request,
        form,
        lambda data: services.approve_minutes(
            meeting, data["approved_on"], expected_version=data["version"], actor=request.user
        ),
        template="meetings/form.html",
        success=_("Niederschrift genehmigt und veröffentlicht."),
        context={
            "title": _("Niederschrift genehmigen: %(m)s") % {"m": meeting},
            "back": meeting.get_absolute_url(),
            "submit": _("Niederschrift genehmigen"),
            "intro": _(
                "Nach der Genehmigung ist die Niederschrift für alle Beteiligten und in OParl sichtbar."
            ),
        },
    )


@login_required
def item_result(request: AppRequest, pk: int) -> HttpResponse:
    item = access.get_item_for(request.user, pk, write=True)
    form = forms.ResultForm(
        request.POST or None,
        initial={"version": item.version} | {k: getattr(item, k) for k in services.RESULT_FIELDS},
    )
    return edit_page(
        request,
        form,
        lambda data: services.record_result(
            item, pick(data, services.RESULT_FIELDS), expected_version=data["version"], actor=request.user
        ),
        template="meetings/form.html",
        success=_("Ergebnis gespeichert."),
        done=lambda saved: item.meeting.get_absolute_url() + f"#top-{item.pk}",
        context={
            "title": _("Ergebnis: TOP %(n)s %(name)s") % {"n": item.number, "name": item.name},
            "back": item.meeting.get_absolute_url(),
            "submit": _("Ergebnis speichern"),
            "intro": _(
                "Ein Beschluss der Lenkungsgruppe zu einem Projekt erscheint im Beschlussbuch des Projekts."
            )
            if item.project
            else "",
        },
    )
