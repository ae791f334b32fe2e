"""People and access ("Personen und Zugänge"): the office's list of persons, a person's page with
roles, invitation, deactivation and second factor, who has access to a municipality, and the
invited person's link to set a password."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.accounts import access, queries, services
from ikz.accounts.forms import InvitationPasswordForm, InviteForm, PeopleFilterForm, RoleForm
from ikz.accounts.models import User
from ikz.audit.views import history_page
from ikz.lib.exports import download, requested_format
from ikz.web import AppRequest, edit_page, post_button


def _role_form_options(request: AppRequest) -> dict[str, Any]:
    user = request.user
    return {
        "regions": access.grantable_regions(user),
        "municipalities": access.grantable_municipalities(user),
        "platform": access.can_grant_platform_roles(user),
    }


def _base_url(request: AppRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _detail(person: User | int) -> str:
    return reverse("accounts:person_detail", args=[person if isinstance(person, int) else person.pk])


@login_required
def people_list(request: AppRequest) -> HttpResponse:
    """Persons with roles in the office's region (platform-wide: everyone); ?format=xlsx|csv
    downloads the filtered list in the columns of the import "Personen mit Rollen"."""
    people = access.people_for(request.user)
    form = PeopleFilterForm(request.GET or None)
    filtered = queries.filter_people(people, form.cleaned_data if form.is_valid() else None)
    fmt = requested_format(request)
    if fmt is not None:
        stamp = timezone.localdate().isoformat()
        table = queries.people_table(filtered, _("Personen mit Rollen"), access.scope_of(request.user))
        return download(table, fmt, f"personen-{stamp}")
    page = Paginator(queries.people_page(filtered), queries.PAGE_SIZE).get_page(request.GET.get("seite"))
    params = request.GET.copy()
    params.pop("seite", None)
    return render(
        request,
        "accounts/people_list.html",
        {
            "form": form,
            "page": page,
            "rows": queries.person_rows(page.object_list),
            "query_without_page": params.urlencode(),
            "import_regions": access.import_regions(request.user),
        },
    )


@login_required
def person_detail(request: AppRequest, pk: int) -> HttpResponse:
    person = access.get_person_for(request.user, pk)
    detail = queries.person_detail(person, lambda assignment: access.can_take(request.user, assignment))
    return render(
        request,
        "accounts/person_detail.html",
        {
            "detail": detail,
            "person": detail.person,
            "can_manage": access.manages(request.user, person, [row.assignment for row in detail.roles]),
        },
    )


@login_required
def person_history(request: AppRequest, pk: int) -> HttpResponse:
    person = access.get_person_for(request.user, pk)
    return history_page(
        request, person, back_url=_detail(person), title=_("Verlauf: %(person)s") % {"person": person}
    )


@login_required
def person_invite(request: AppRequest) -> HttpResponse:
    access.people_for(request.user)  # 403 unless an office
    form = InviteForm(request.POST or None, **_role_form_options(request))

    def save(data: dict[str, Any]) -> services.Invited:
        invited = services.invite_person(data, actor=request.user, base_url=_base_url(request))
        if invited.existed:
            messages.info(
                request,
                _(
                    "Zu %(email)s gibt es bereits ein Konto (%(person)s): die Rolle wurde diesem Konto "
                    "hinzugefügt, eine Einladung ist nicht nötig."
                )
                % {"email": data["email"], "person": invited.person},
            )
        else:
            messages.info(
                request,
                _("Die Einladung an %(email)s wird versendet; der Link gilt 7 Tage und nur einmal.")
                % {"email": data["email"]},
            )
        return invited

    return edit_page(
        request,
        form,
        save,
        template="accounts/person_form.html",
        success=_("Die Rolle ist vergeben."),
        done=lambda invited: _detail(invited.person),
        context={"title": _("Person einladen"), "back": reverse("accounts:people_list")},
    )


@login_required
def person_role_add(request: AppRequest, pk: int) -> HttpResponse:
    person = access.get_person_for(request.user, pk)
    form = RoleForm(request.POST or None, **_role_form_options(request))
    return edit_page(
        request,
        form,
        lambda data: services.grant_role(
            person, data["role"], region=data["region"], municipality=data["municipality"], actor=request.user
        ),
        template="accounts/person_form.html",
        success=_("Die Rolle ist vergeben."),
        done=lambda _assignment: _detail(person),
        context={
            "title": _("Rolle vergeben: %(person)s") % {"person": person},
            "back": _detail(person),
            "person": person,
        },
    )


@login_required
@require_POST
def person_role_remove(request: AppRequest, pk: int, assignment: int) -> HttpResponse:
    person = access.get_person_for(request.user, pk)
    role = access.get_assignment_for(request.user, person, assignment)

    def back(_result: Any) -> str:
        if access.people_for(request.user).filter(pk=person.pk).exists():
            return _detail(person)
        return reverse("accounts:people_list")  # the last role in the office's region is gone

    return post_button(
        request,
        lambda: services.take_role(role, actor=request.user),
        success=_("Die Rolle „%(role)s“ ist entzogen.") % {"role": role.label},
        back=back,
        refused=_detail(person),
    )


@login_required
@require_POST
def person_deactivate(request: AppRequest, pk: int) -> HttpResponse:
    person = access.get_person_for(request.user, pk, write=True)
    return post_button(
        request,
        lambda: services.deactivate_person(person, actor=request.user),
        success=lambda ended: (
            _(
                "%(person)s ist deaktiviert: %(sessions)s Sitzung(en) beendet, "
                "%(tokens)s API-Schlüssel widerrufen."
            )
            % {"person": person, **ended}
        ),
        back=_detail(person),
    )


@login_required
@require_POST
def person_reactivate(request: AppRequest, pk: int) -> HttpResponse:
    person = access.get_person_for(request.user, pk, write=True)
    return post_button(
        request,
        lambda: services.reactivate_person(person, actor=request.user),
        success=_("%(person)s kann sich wieder anmelden.") % {"person": person},
        back=_detail(person),
    )


@login_required
@require_POST
def person_two_factor_reset(request: AppRequest, pk: int) -> HttpResponse:
    person = access.get_person_for(request.user, pk, write=True)
    return post_button(
        request,
        lambda: services.reset_two_factor(person, actor=request.user),
        success=_(
            "Die Zwei-Faktor-Anmeldung von %(person)s ist zurückgesetzt; die Person richtet sie bei der "
            "nächsten Anmeldung neu ein."
        )
        % {"person": person},
        back=_detail(person),
    )


@login_required
@require_POST
def person_invitation_resend(request: AppRequest, pk: int) -> HttpResponse:
    person = access.get_person_for(request.user, pk, write=True)
    return post_button(
        request,
        lambda: services.resend_invitation(person, actor=request.user, base_url=_base_url(request)),
        success=_("Ein neuer Einladungslink an %(email)s wird versendet; ältere Links gelten nicht mehr.")
        % {"email": person.email},
        back=_detail(person),
    )


@login_required
def municipality_access(request: AppRequest, pk: int) -> HttpResponse:
    """Who has access to what of one municipality."""
    municipality = access.get_municipality_access_for(request.user, pk)
    return render(
        request,
        "accounts/municipality_access.html",
        {
            "m": municipality,
            "rows": queries.municipality_access(municipality),
            "link_people": access.can_manage_people(request.user),
        },
    )


def invitation_accept(request: AppRequest, token: str) -> HttpResponse:
    """The link of the invitation mail: set a password (open link), or the reason why not and the
    way to a new link (expired or replaced) or to the login (used)."""
    invitation, state = queries.invitation_by_token(token)
    if invitation is None or state != "open":
        return render(
            request,
            "accounts/invitation_accept.html",
            {"state": state, "token": token if invitation is not None else ""},
            status=200 if invitation is not None else 404,
        )
    form = InvitationPasswordForm(invitation.user, request.POST or None)
    return edit_page(
        request,
        form,
        lambda data: services.accept_invitation(token, data["new_password1"]),
        template="accounts/invitation_accept.html",
        success=_("Ihr Passwort ist gesetzt. Bitte melden Sie sich jetzt mit Ihrem Benutzernamen an."),
        done=lambda _person: reverse("accounts:login"),
        context={"state": state, "person": invitation.user, "token": token},
        invalid_status=400,
    )


@require_POST
def invitation_renew(request: AppRequest, token: str) -> HttpResponse:
    """An expired or replaced link asks for a new one (sent to the invited address only)."""
    return post_button(
        request,
        lambda: services.renew_invitation(token, base_url=_base_url(request)),
        success=_(
            "Ein neuer Link wird an Ihre E-Mail-Adresse versendet. Er gilt 7 Tage; ältere Links "
            "gelten nicht mehr."
        ),
        back=reverse("accounts:invitation_accept", args=[token]),
    )
