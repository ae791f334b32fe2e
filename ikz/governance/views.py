"""The cooperative's organs and general assemblies: overview, settings, seats, convening, agenda,
invitations, attendance, votes, closing, signing and the minutes as DOCX/PDF."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ikz.audit.views import history_page
from ikz.governance import access, documents, queries, services
from ikz.governance.forms import (
    AssemblyForm,
    AttendanceForm,
    CloseForm,
    ItemForm,
    SeatEndForm,
    SeatForm,
    SettingsForm,
    SignForm,
    VoteForm,
)
from ikz.governance.models import Assembly, AssemblyState
from ikz.lib.exports import FORMATS, attachment
from ikz.membership.queries import growth_of
from ikz.web import AppRequest, edit_page, pick, post_action, post_button

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _form_page(title: str, back: str, **extra: Any) -> dict[str, Any]:
    return {"title": title, "back_url": back, **extra}


@require_safe
@login_required
def overview(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    today = timezone.localdate()
    return render(
        request,
        "governance/overview.html",
        {
            "cooperative": cooperative,
            "view": queries.overview(cooperative, today, only_open=request.GET.get("offen") == "1"),
            "only_open": request.GET.get("offen") == "1",
            "growth": growth_of(cooperative, today),
            "today": today,
        },
    )


@login_required
def settings_edit(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    current = queries.settings_of(cooperative)
    return edit_page(
        request,
        SettingsForm(request.POST or None, instance=current),
        lambda data: services.save_settings(
            cooperative, data, actor=request.user, expected_version=data.get("version")
        ),
        success=_("Die Einstellungen sind gespeichert."),
        template="governance/form.html",
        context=_form_page(_("Einladungsfrist und Minderheit"), reverse("governance:overview")),
        done=lambda _saved: reverse("governance:overview"),
        fresh=lambda saved: SettingsForm(instance=saved),
    )


@login_required
def seat_create(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    members = queries.register_on(cooperative, timezone.localdate())
    return edit_page(
        request,
        SeatForm(request.POST or None, members=members),
        lambda data: services.add_seat(cooperative, data, actor=request.user),
        success=_("Das Organmitglied ist eingetragen."),
        template="governance/form.html",
        context=_form_page(_("Organmitglied eintragen"), reverse("governance:overview")),
        done=lambda _saved: reverse("governance:overview"),
    )


@login_required
def seat_end(request: AppRequest, pk: int) -> HttpResponse:
    seat = access.get_seat_for(request.user, pk)
    return edit_page(
        request,
        SeatEndForm(request.POST or None, initial={"version": seat.version}),
        lambda data: services.end_seat(
            seat, data["ended_on"], expected_version=data["version"], actor=request.user
        ),
        success=_("Das Ende der Amtszeit ist eingetragen."),
        template="governance/form.html",
        context=_form_page(_("Amtszeit beenden: %(s)s") % {"s": seat}, reverse("governance:overview")),
        done=lambda _saved: reverse("governance:overview"),
    )


@login_required
def assembly_create(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    today = timezone.localdate()
    return edit_page(
        request,
        AssemblyForm(request.POST or None, initial={"invited_on": today}),
        lambda data: services.convene(cooperative, data, actor=request.user),
        success=_("Die Generalversammlung ist einberufen."),
        template="governance/form.html",
        context=_form_page(
            _("Generalversammlung einberufen"),
            reverse("governance:overview"),
            intro=_(
                "Die Einladung muss mindestens %(d)s volle Tage vor der Versammlung hinausgehen (§ 46 Abs. 1 "
                "GenG oder die längere Frist der Satzung). Eine zu kurze Frist wird mit dem frühesten "
                "zulässigen Tag abgelehnt, es sei denn, die Versammlung wird als Universalversammlung "
                "eingetragen."
            )
            % {"d": queries.settings_of(cooperative).notice_days},
        ),
    )


@require_safe
@login_required
def assembly_detail(request: AppRequest, pk: int) -> HttpResponse:
    assembly = access.get_assembly_for(request.user, pk)
    view = queries.assembly_view(assembly)
    open_ = assembly.state == AssemblyState.CONVENED
    return render(
        request,
        "governance/assembly_detail.html",
        {
            "assembly": assembly,
            "view": view,
            "open": open_,
            "close_form": CloseForm(initial={"version": assembly.version}) if open_ else None,
            "sign_form": (
                SignForm(
                    initial={"version": assembly.version, "minutes_signed_on": timezone.localdate()},
                    seats=queries.board_seats_on(assembly.cooperative, assembly.date),
                )
                if assembly.state == AssemblyState.HELD
                else None
            ),
        },
    )


@login_required
def item_create(request: AppRequest, pk: int) -> HttpResponse:
    assembly = access.get_assembly_for(request.user, pk)
    return edit_page(
        request,
        ItemForm(request.POST or None, initial={"announced_on": timezone.localdate()}),
        lambda data: services.add_item(assembly, data, actor=request.user),
        success=_("Der Tagesordnungspunkt ist eingetragen."),
        template="governance/form.html",
        context=_form_page(_("Tagesordnungspunkt: %(a)s") % {"a": assembly}, assembly.get_absolute_url()),
        done=lambda _saved: assembly.get_absolute_url(),
    )


@login_required
@require_POST
def invitations_send(request: AppRequest, pk: int) -> HttpResponse:
    assembly = access.get_assembly_for(request.user, pk)
    return post_button(
        request,
        lambda: services.send_invitations(assembly, actor=request.user),
        success=lambda made: _("%(n)s Einladungen sind im Postausgang.") % {"n": len(made)},
        back=assembly.get_absolute_url(),
    )


@login_required
def attendance_create(request: AppRequest, pk: int) -> HttpResponse:
    assembly = access.get_assembly_for(request.user, pk)
    return edit_page(
        request,
        AttendanceForm(
            request.POST or None, members=queries.register_on(assembly.cooperative, assembly.date)
        ),
        lambda data: services.record_attendance(assembly, data, actor=request.user),
        success=_("Die Teilnahme ist eingetragen."),
        template="governance/form.html",
        context=_form_page(
            _("Teilnahme eintragen: %(a)s") % {"a": assembly},
            assembly.get_absolute_url(),
            intro=_(
                "Zur Auswahl stehen die Mitglieder laut Mitgliederliste am Tag der Versammlung. Eine "
                "Vollmacht bedarf der Textform; eine bevollmächtigte Person vertritt höchstens zwei "
                "Mitglieder; die gesetzliche Vertretung eines Mitglieds zählt nicht als Vollmacht."
            ),
        ),
        done=lambda _saved: assembly.get_absolute_url(),
    )


@login_required
def votes_edit(request: AppRequest, pk: int, item_pk: int) -> HttpResponse:
    assembly = access.get_assembly_for(request.user, pk)
    item = access.get_item_for(request.user, assembly, item_pk)
    voted = set(item.votes.values_list("member_id", flat=True))
    voters = [
        (a.member_id, f"{a.member.legal_name} ({a.person})")
        for a in assembly.attendances.select_related("member")
        if a.member_id not in voted
    ]
    form = VoteForm(request.POST or None, voters=voters)
    return edit_page(
        request,
        form,
        lambda _data: services.record_votes(item, form.votes(), actor=request.user),
        success=_("Die Stimmen sind eingetragen."),
        template="governance/form.html",
        context=_form_page(
            _("Abstimmung: %(i)s") % {"i": item},
            assembly.get_absolute_url(),
            intro=_("Jedes teilnehmende Mitglied hat eine Stimme (§ 43 Abs. 3 GenG). Beschlussart: %(k)s.")
            % {"k": item.get_resolution_kind_display()},
        ),
        done=lambda _saved: assembly.get_absolute_url(),
    )


@login_required
@require_POST
def assembly_close(request: AppRequest, pk: int) -> HttpResponse:
    assembly = access.get_assembly_for(request.user, pk)
    form = CloseForm(request.POST)
    return post_action(
        request,
        lambda version: services.close_assembly(
            assembly,
            pick(form.cleaned_data, ("chair", "minute_taker")),
            expected_version=version,
            actor=request.user,
        ),
        success=_("Die Versammlung ist als abgehalten eingetragen; die Niederschrift kann erstellt werden."),
        back=assembly.get_absolute_url(),
        form=form,
    )


@login_required
@require_POST
def minutes_sign(request: AppRequest, pk: int) -> HttpResponse:
    assembly = access.get_assembly_for(request.user, pk)
    form = SignForm(request.POST, seats=queries.board_seats_on(assembly.cooperative, assembly.date))
    return post_action(
        request,
        lambda version: services.sign_minutes(
            assembly,
            pick(form.cleaned_data, ("board_signatory", "minutes_signed_on")),
            expected_version=version,
            actor=request.user,
        ),
        success=_("Die Niederschrift ist als unterzeichnet eingetragen."),
        back=assembly.get_absolute_url(),
        form=form,
    )


@require_safe
@login_required
def minutes_download(request: AppRequest, pk: int, fmt: str) -> HttpResponse:
    assembly: Assembly = access.get_assembly_for(request.user, pk)
    if fmt not in ("docx", "pdf") or assembly.state == AssemblyState.CONVENED:
        raise Http404(_("Die Niederschrift entsteht, wenn die Versammlung abgehalten ist."))
    content = documents.minutes_docx(assembly) if fmt == "docx" else documents.minutes_pdf(assembly)
    response = HttpResponse(content, content_type=DOCX if fmt == "docx" else FORMATS["pdf"])
    response["Content-Disposition"] = attachment(
        _("Niederschrift Generalversammlung %(d)s") % {"d": assembly.date}, fmt
    )
    return response


@require_safe
@login_required
def assembly_history(request: AppRequest, pk: int) -> HttpResponse:
    assembly = access.get_assembly_for(request.user, pk)
    return history_page(request, assembly, back_url=assembly.get_absolute_url(), title=str(assembly))
