"""The operator's legal pages: public for everybody (also without login), written by the
platform-wide office on the edit pages; and ``/.well-known/security.txt``."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from ikz.audit.views import history_page
from ikz.legal import access, queries, rules, services
from ikz.legal.forms import PageForm, StatementForm
from ikz.legal.models import PageKind
from ikz.web import AppRequest, edit_page, pick

# URL names of each page: the public page, its edit page, its history
NAMES = {
    PageKind.IMPRINT: ("legal:imprint", "legal:imprint_edit", "legal:imprint_history"),
    PageKind.PRIVACY: ("legal:privacy_policy", "legal:privacy_policy_edit", "legal:privacy_policy_history"),
}
PLACEHOLDER = {
    PageKind.IMPRINT: gettext_lazy("Die Betreiberin hat das Impressum noch nicht hinterlegt."),
    PageKind.PRIVACY: gettext_lazy("Die Betreiberin hat die Datenschutzerklärung noch nicht hinterlegt."),
}
NO_STATEMENT = gettext_lazy("Die Betreiberin hat die Erklärung zur Barrierefreiheit noch nicht hinterlegt.")


def _urls(kind: str) -> dict[str, str]:
    public, edit, history = NAMES[PageKind(kind)]
    return {"public_url": reverse(public), "edit_url": reverse(edit), "history_url": reverse(history)}


def imprint(request: HttpRequest) -> HttpResponse:
    return _public(request, PageKind.IMPRINT)


def privacy_policy(request: HttpRequest) -> HttpResponse:
    return _public(request, PageKind.PRIVACY)


def _public(request: HttpRequest, kind: str) -> HttpResponse:
    return render(
        request,
        "legal/page.html",
        {
            "title": PageKind(kind).label,
            "page": queries.page(kind),
            "placeholder": PLACEHOLDER[PageKind(kind)],
            "can_edit": access.can_edit(request.user),
            **_urls(kind),
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    statement = queries.statement()
    return render(
        request,
        "legal/accessibility.html",
        {
            "statement": statement,
            "placeholder": NO_STATEMENT,
            "enforcement": statement
            and rules.enforcement_body(statement.enforcement_land, statement.enforcement_other),
            "phone_uri": statement and rules.tel_uri(statement.contact_phone),
            "base_url": settings.IKZ_BASE_URL,
            "can_edit": access.can_edit(request.user),
        },
    )


# where each row of the overview leads: the public page, its edit page, its history
ROW_NAMES = {
    **{kind.value: names for kind, names in NAMES.items()},
    queries.STATEMENT: ("accessibility", "legal:accessibility_edit", "legal:accessibility_history"),
}


@require_safe
@login_required
def overview(request: AppRequest) -> HttpResponse:
    """The three pages with their state; ``?fehlt=1`` only those not written, ``?pruefen=1`` the
    statement whose yearly review is due (the start page's tasks link here)."""
    access.check_edit(request.user)
    only = next((key for key in (queries.MISSING, queries.DUE) if request.GET.get(key) == "1"), "")
    rows = [
        (row, *(reverse(name) for name in ROW_NAMES[row.key]))
        for row in queries.overview(timezone.localdate(), only)
    ]
    return render(request, "legal/overview.html", {"rows": rows, "only": only})


@login_required
def page_edit(request: AppRequest, kind: str) -> HttpResponse:
    access.check_edit(request.user)
    page = queries.page(kind)
    urls = _urls(kind)
    return edit_page(
        request,
        PageForm(request.POST or None, instance=page),
        lambda data: services.save_page(
            kind, pick(data, services.PAGE_FIELDS), actor=request.user, expected_version=data.get("version")
        ),
        success=_("„%(t)s“ ist gespeichert und öffentlich zu sehen.") % {"t": PageKind(kind).label},
        template="legal/page_form.html",
        context={"title": PageKind(kind).label, "page": page, **urls},
        done=lambda _saved: urls["public_url"],
        fresh=lambda current: PageForm(instance=current),
    )


@login_required
def accessibility_edit(request: AppRequest) -> HttpResponse:
    access.check_edit(request.user)
    statement = queries.statement()
    return edit_page(
        request,
        StatementForm(request.POST or None, instance=statement),
        lambda data: services.save_statement(
            pick(data, services.STATEMENT_FIELDS), actor=request.user, expected_version=data.get("version")
        ),
        success=_("Die Erklärung zur Barrierefreiheit ist gespeichert und öffentlich zu sehen."),
        template="legal/page_form.html",
        context={
            "title": _("Erklärung zur Barrierefreiheit"),
            "page": statement,
            "public_url": reverse("accessibility"),
            "history_url": reverse("legal:accessibility_history"),
        },
        done=lambda _saved: reverse("accessibility"),
        fresh=lambda current: StatementForm(instance=current),
    )


@require_safe
@login_required
def page_history(request: AppRequest, kind: str) -> HttpResponse:
    access.check_edit(request.user)
    page = access.get_written(queries.page(kind))
    return history_page(request, page, back_url=_urls(kind)["edit_url"], title=str(page))


@require_safe
@login_required
def accessibility_history(request: AppRequest) -> HttpResponse:
    access.check_edit(request.user)
    statement = access.get_written(queries.statement())
    return history_page(
        request, statement, back_url=reverse("legal:accessibility_edit"), title=str(statement)
    )


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: whom to tell about a vulnerability; ``Expires`` one year from today (decision 182)."""
    text = rules.security_txt(
        contact=rules.security_contact(settings.IKZ_SECURITY_CONTACT, settings.DEFAULT_FROM_EMAIL),
        base_url=settings.IKZ_BASE_URL,
        now=timezone.now(),
    )
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
