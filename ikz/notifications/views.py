"""The inbox, the person's choices, the calendar address and the feed itself."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ikz.notifications import queries, rules, services
from ikz.notifications.models import Kind
from ikz.web import AppRequest


def _user(request: AppRequest) -> Any:
    return request.user


@login_required
def inbox(request: AppRequest) -> HttpResponse:
    page = Paginator(queries.inbox(request.user), 30).get_page(request.GET.get("seite"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "notifications": page.object_list, "query_without_page": ""},
    )


@require_POST
@login_required
def mark_read(request: AppRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    services.mark_read(request.user, ids)
    return redirect("notifications:inbox")


class PreferenceForm(forms.Form):
    def __init__(self, *args: Any, current: dict[str, tuple[bool, bool]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            in_app, email = current.get(kind.value, (True, True))
            self.fields[f"{kind.value}__app"] = forms.BooleanField(
                label=gettext_lazy("im Posteingang"), required=False, initial=in_app
            )
            self.fields[f"{kind.value}__mail"] = forms.BooleanField(
                label=gettext_lazy("per E-Mail"), required=False, initial=email
            )
            for name in (f"{kind.value}__app", f"{kind.value}__mail"):
                self.fields[name].widget.attrs["class"] = "kern-form-check__checkbox"

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(kind.label, self[f"{kind.value}__app"], self[f"{kind.value}__mail"]) for kind in Kind]

    def choices(self) -> dict[str, tuple[bool, bool]]:
        return {
            k.value: (self.cleaned_data[f"{k.value}__app"], self.cleaned_data[f"{k.value}__mail"])
            for k in Kind
        }


@login_required
def preferences(request: AppRequest) -> HttpResponse:
    current = {kind: (a, e) for (_u, kind), (a, e) in queries.preferences([request.user.pk]).items()}
    form = PreferenceForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(request.user, form.choices(), actor=request.user)
        messages.success(request, _("Ihre Einstellungen wurden gespeichert."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preference_form.html", {"form": form})


@login_required
def calendar(request: AppRequest) -> HttpResponse:
    """The calendar address: shown once right after it was (re)created; only its hash is kept."""
    url = None
    if request.method == "POST":
        token = services.renew_calendar_token(request.user, actor=request.user)
        url = request.build_absolute_uri(reverse("calendar_feed", args=[token]))
        messages.success(
            request, _("Die neue Kalender-Adresse gilt ab sofort; eine frühere gilt nicht mehr.")
        )
    return render(
        request,
        "notifications/calendar.html",
        {"url": url, "has_feed": queries.has_calendar_feed(request.user)},
    )


def calendar_feed(request: AppRequest, token: str) -> HttpResponse:
    """The person's dates as iCalendar; no login (calendar programs cannot log in), the secret
    address is the key. An unknown or renewed token: 404."""
    user = queries.user_for_token(token)
    if user is None:
        raise Http404
    body = rules.calendar(
        f"{settings.IKZ_PLATFORM_NAME} – {user.get_full_name() or user.get_username()}",
        queries.calendar_dates(user),
        stamp=timezone.now(),
        base_url=settings.IKZ_BASE_URL,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ikz-termine.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
