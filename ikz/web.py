"""What every view uses: the typed request and the two shapes of a writing page.

An edit page and a POST action run the same steps everywhere — access (done by the view through
its app's ``access.py`` before it calls these), form, service, and then one of three endings:
saved (message and redirect), refused (the German messages at their fields, nothing written) or
stale (status 409, the refused write noted in the history, both versions side by side). The views
only say *which* form, *which* service and *where to* go afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from ikz.forms import KernFormMixin, VersionField, submit
from ikz.lib.stand import PARAM, Stand, parse_stand

if TYPE_CHECKING:
    from ikz.accounts.access import Roles
    from ikz.accounts.models import User

T = TypeVar("T")
STALE_FORM = _lazy("Die Fassung des Formulars ist ungültig. Bitte laden Sie die Seite neu.")
Cleaned = dict[str, Any]


class AppRequest(HttpRequest):
    """A request as the views see it (for typing only; the object is Django's request).

    ``roles`` (what the person may do, one query) and ``regions`` (the ids of the regions the
    person works in: as office, steering group or as contact of a member municipality) are set
    lazily by :class:`ikz.accounts.middleware.RequestRolesMiddleware`; nothing is queried until a
    view or template reads them."""

    user: User
    roles: Roles
    regions: frozenset[int]


class VersionForm(KernFormMixin, forms.Form):
    """A button that changes an object: carries the version the page showed."""

    version = VersionField()


def pick(data: Mapping[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """The values of ``names`` from a form's cleaned data (what a service takes as ``values``)."""
    return {name: data[name] for name in names}


def at_fields(form: Any, save: Callable[[], T]) -> Callable[[], T]:
    """Run ``save`` so that a service's messages per field appear at that field of ``form`` (those
    for fields the form does not have, and messages without a field, above the form)."""

    def run() -> T:
        try:
            return save()
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                raise
            for field, texts in exc.message_dict.items():
                for text in texts:
                    form.add_error(field if field in form.fields else None, text)
            raise ValidationError([]) from exc

    return run


def edit_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[Cleaned], Any],
    *,
    template: str,
    success: str,
    context: Mapping[str, Any] | None = None,
    done: Callable[[Any], Any] | None = None,
    fresh: Callable[[Any], Any] | None = None,
    valid: bool = True,
    invalid_status: int = 200,
    result_as: str | None = None,
    fresh_context: Callable[[], Mapping[str, Any]] | None = None,
) -> HttpResponse:
    """GET: the form. POST: ``save(form.cleaned_data)`` — the service call.

    Saved: the success message and a redirect to ``done(saved)`` (a URL, URL name or model) or to
    the saved object itself. Refused by the service (``ValidationError``): the form again with the
    messages at their fields, nothing written. Stale (``ConflictError``): status 409, the refused
    write recorded, both versions shown, and with ``fresh(current)`` a form filled with what is
    saved now. ``valid=False`` lets a view add its own check (e.g. a formset) before the service
    runs; an invalid POST answers ``invalid_status``. With ``result_as`` a saved POST is not
    redirected: the page shows the form again with the saved result under that name. With
    ``fresh_context()`` a stale POST also replaces those entries of the context (e.g. a formset
    filled with what is saved now, or a comparison of its own under ``conflict``)."""
    page: dict[str, Any] = dict(context or {})
    status = 200
    if request.method == "POST":
        status = invalid_status
        if form.is_valid() and valid:
            result = submit(
                request,
                form,
                at_fields(form, lambda: save(form.cleaned_data)),
                success=success,
                fresh=fresh,
            )
            if result.saved is not None and result_as is None:
                return redirect(done(result.saved) if done else result.saved)
            if result.saved is not None and result_as is not None:
                page[result_as] = result.saved
                status = 200
            else:
                status = result.status if result.conflict is not None else invalid_status
            form = result.form
            page["conflict"] = result.conflict
            if result.conflict is not None and fresh_context is not None:
                page.update(fresh_context())
    page["form"] = form
    return render(request, template, page, status=status)


def post_action(
    request: HttpRequest,
    save: Callable[[int], Any],
    *,
    success: str,
    back: Any,
    form: Any = None,
    unreadable: str | None = None,
) -> HttpResponse:
    """A button with the object's version (``VersionForm``, or ``form`` with more fields): the
    service ``save(version)`` runs; its refusal or a stale version becomes a message on the page
    ``back`` (a URL, URL name or model) and nothing is written. ``unreadable``: the one message
    for a form that cannot be read (instead of one per field)."""
    form = form if form is not None else VersionForm(request.POST)
    if form.is_valid():
        result = submit(request, form, lambda: save(form.cleaned_data["version"]), success=success)
        for error in result.form.non_field_errors():
            messages.error(request, error)
        for name, errors in result.form.errors.items():
            if name != "__all__":
                for error in errors:
                    messages.error(request, error)
    elif unreadable is not None:
        messages.error(request, unreadable)
    else:
        for name, errors in form.errors.items():
            if name == "version":
                messages.error(request, STALE_FORM)
            else:
                for error in errors:
                    messages.error(request, error)
    return redirect(back)


def post_button(
    request: HttpRequest,
    save: Callable[[], T],
    *,
    success: str | Callable[[T], str],
    back: Any,
    refused: Any = None,
) -> HttpResponse:
    """A button that changes something without a version of its own (file a document, take over a
    proposal, reopen an answer sheet): the service ``save()`` runs; its refusal becomes messages
    and a redirect to ``refused`` (default: ``back``), nothing written. Saved: ``success`` (a text,
    or made from the result, e.g. the number of the stored version) and a redirect to ``back`` (a
    URL, URL name or model, or made from the result)."""
    try:
        saved = save()
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
        target = refused if refused is not None else back
        return redirect(target(None) if callable(target) else target)
    messages.success(request, success(saved) if callable(success) else success)
    return redirect(back(saved) if callable(back) else back)


@dataclass(frozen=True)
class StandChoice:
    """The Stand of a page view as the template include ``includes/stand.html`` shows it: the day,
    the refusal of an unreadable or future ``?stand=`` (then the page shows today), the value of the
    date field and the other query parameters to keep."""

    stand: Stand
    error: str = ""
    value: str = ""
    keep: tuple[tuple[str, str], ...] = ()

    @property
    def today_query(self) -> str:
        return urlencode(self.keep)


def stand_of(request: HttpRequest, *, today: dt.date | None = None) -> StandChoice:
    """The reference date of this page view from ``?stand=YYYY-MM-DD`` (or TT.MM.JJJJ); today when
    absent. An unreadable or future date shows today and the German reason at the field."""
    today = today or timezone.localdate()
    raw = request.GET.get(PARAM, "")
    keep = tuple(
        (key, value)
        for key in request.GET
        if key not in (PARAM, "seite")
        for value in request.GET.getlist(key)
    )
    try:
        stand = parse_stand(raw, today)
    except ValueError as exc:
        return StandChoice(Stand(today, today), error=str(exc), value=raw[:40], keep=keep)
    return StandChoice(stand, value="" if stand.is_today else stand.day.isoformat(), keep=keep)
