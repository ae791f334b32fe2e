"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from ikz.audit.views import history_page
from ikz.forms import submit
from ikz.lib.exports import FORMATS, Table, download, requested_format
from ikz.membership import access, documents, queries, rules, services
from ikz.membership.forms import (
    ITEM_FORMS,
    CompleteForm,
    ExitForm,
    LineFormSet,
    OfferForm,
    OnboardingCreateForm,
    PaymentForm,
    RequestForm,
    TemplateForm,
    VersionForm,
    step_form,
)
from ikz.membership.models import (
    Cooperative,
    DocumentKind,
    DocumentTemplate,
    Member,
    Offer,
    OfferStatus,
    Onboarding,
    OnboardingStatus,
    Order,
    Service,
    ServiceCategory,
    ServiceRequest,
    Step,
)
from ikz.municipalities.models import Municipality

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _user(request: HttpRequest) -> Any:
    return request.user


def _cooperative() -> Cooperative:
    try:
        return services.current_cooperative()
    except Cooperative.DoesNotExist as exc:
        raise Http404(_("Es ist keine Genossenschaft angelegt.")) from exc


def _today() -> dt.date:
    return timezone.localdate()


def _form_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[], Any],
    *,
    success: str,
    template: str,
    context: dict[str, Any],
    done: Callable[[Any], str] | None = None,
    fresh: Callable[[Any], Any] | None = None,
    valid: bool = True,
) -> HttpResponse:
    """GET: the form. POST: the service via ``submit``; saved → redirect (to ``done(saved)`` or the
    saved object), refused → the form with the German messages, stale → 409 with both versions."""
    status = 200
    if request.method == "POST" and form.is_valid() and valid:
        result = submit(request, form, _at_fields(form, save), success=success, fresh=fresh)
        if result.saved is not None:
            return redirect(done(result.saved) if done else result.saved)
        form, status = result.form, result.status
        context = context | {"conflict": result.conflict}
    return render(request, template, context | {"form": form}, status=status)


def _at_fields(form: Any, save: Callable[[], Any]) -> Callable[[], Any]:
    """The service's messages per field appear at that field (the rest above the form)."""

    def run() -> Any:
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


def _post_action(
    request: HttpRequest, save: Callable[[int], Any], *, success: str, back: str
) -> HttpResponse:
    """A button with the object's version: the service's refusal becomes a message on ``back``."""
    form = VersionForm(request.POST)
    if form.is_valid():
        result = submit(request, form, lambda: save(form.cleaned_data["version"]), success=success)
        for error in result.form.non_field_errors():
            messages.error(request, error)
    else:
        messages.error(request, _("Die Fassung des Formulars ist ungültig. Bitte laden Sie die Seite neu."))
    return redirect(back)


# --- pipeline and onboarding ---------------------------------------------------------------------


@login_required
def pipeline(request: HttpRequest) -> HttpResponse:
    access.require_office(request.user)
    cooperative = _cooperative()
    today = _today()
    rows = queries.pipeline(cooperative, today)
    return render(
        request,
        "membership/pipeline.html",
        {
            "cooperative": cooperative,
            "rows": [(r, queries.deadline_summary(r.progress.deadline, today)) for r in rows],
            "steps": Step.choices,
        },
    )


@login_required
def onboarding_create(request: HttpRequest) -> HttpResponse:
    access.require_office(request.user)
    cooperative = _cooperative()
    form = OnboardingCreateForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: services.start_onboarding(
            cooperative, form.cleaned_data["municipality"], form.cleaned_data, actor=_user(request)
        ),
        success=_("Der Interessent wurde aufgenommen."),
        template="membership/onboarding_form.html",
        context={"cooperative": cooperative},
    )


@login_required
def onboarding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk)
    progress = services.progress_of(onboarding)
    today = _today()
    steps = [
        {
            "number": number,
            "title": rules.step_title(number),
            "tasks": progress.tasks(number),
            "current": number == onboarding.step,
            "done": number < onboarding.step or onboarding.status == OnboardingStatus.MEMBER,
        }
        for number in (1, 2, 3, 4)
    ]
    office = access.is_office(request.user)
    return render(
        request,
        "membership/onboarding_detail.html",
        {
            "onboarding": onboarding,
            "progress": progress,
            "steps": steps,
            "blockers": progress.blockers(onboarding.step, today) if onboarding.status == "active" else [],
            "deadline": progress.deadline,
            "deadline_text": progress.deadline_text(),
            "days_left": queries.deadline_summary(progress.deadline, today),
            "rule": progress.rule,
            "authority": services.proposed_authority(onboarding.municipality) if office else None,
            "sessions": onboarding.sessions.all(),
            "checkins": onboarding.checkins.all(),
            "questions": onboarding.questions.all(),
            "documents": onboarding.documents.defer("docx", "pdf"),
            "document_kinds": DocumentKind.choices,
            "member": services.member_of(onboarding),
            "is_office": office,
            "advance_form": VersionForm(initial={"version": onboarding.version}),
            "status_label": rules.status_label(progress.rule.status) if progress.rule else "",
            "anchor_label": rules.anchor_label(progress.rule.anchor) if progress.rule else "",
        },
    )


@login_required
def onboarding_step_edit(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    if step not in services.STEP_FIELDS:
        raise Http404
    form_class = step_form(step)
    form = form_class(request.POST or None, instance=onboarding, initial={"version": onboarding.version})
    context: dict[str, Any] = {"onboarding": onboarding, "step": step, "title": rules.step_title(step)}
    if step == 3:
        context["authority"] = services.proposed_authority(onboarding.municipality)
    return _form_page(
        request,
        form,
        lambda: services.update_onboarding(
            onboarding,
            {name: form.cleaned_data[name] for name in services.STEP_FIELDS[step]},
            expected_version=form.cleaned_data["version"],
            actor=_user(request),
        ),
        success=_("Gespeichert."),
        template="membership/onboarding_step_form.html",
        context=context,
        fresh=lambda current: form_class(instance=current, initial={"version": current.version}),
    )


ITEM_TITLES = {
    "sitzung": _lazy("Gremiensitzung"),
    "check-in": _lazy("Check-in-Meeting"),
    "frage": _lazy("Offene Frage"),
}


@login_required
def onboarding_item_edit(
    request: HttpRequest, pk: int, kind: str, item_pk: int | None = None
) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    if kind not in ITEM_FORMS:
        raise Http404
    item = None
    if item_pk is not None:
        item = services.ITEM_MODELS[kind].objects.filter(onboarding=onboarding, pk=item_pk).first()
        if item is None:
            raise Http404
    form = ITEM_FORMS[kind](request.POST or None, instance=item, initial={"version": onboarding.version})
    return _form_page(
        request,
        form,
        lambda: services.save_item(
            onboarding,
            kind,
            item,
            {name: form.cleaned_data[name] for name in services.ITEM_FIELDS[kind]},
            expected_version=form.cleaned_data["version"],
            actor=_user(request),
        ),
        success=_("Gespeichert."),
        template="membership/onboarding_item_form.html",
        context={"onboarding": onboarding, "title": ITEM_TITLES[kind], "item": item},
        done=lambda _saved: onboarding.get_absolute_url(),
    )


@login_required
@require_POST
def onboarding_advance(request: HttpRequest, pk: int) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    return _post_action(
        request,
        lambda version: services.advance(onboarding, expected_version=version, actor=_user(request)),
        success=_("Weiter zum nächsten Schritt."),
        back=onboarding.get_absolute_url(),
    )


@login_required
@require_POST
def onboarding_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    return _post_action(
        request,
        lambda version: services.withdraw_onboarding(
            onboarding, expected_version=version, actor=_user(request)
        ),
        success=_("Der Beitritt wurde zurückgezogen; er erscheint nicht mehr in der Übersicht."),
        back=onboarding.get_absolute_url(),
    )


@login_required
def onboarding_complete(request: HttpRequest, pk: int) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    form = CompleteForm(
        request.POST or None,
        initial={
            "version": onboarding.version,
            "executed_on": _today(),
            "number": _next_number(onboarding.cooperative),
        },
    )
    return _form_page(
        request,
        form,
        lambda: services.complete_membership(
            onboarding,
            executed_on=form.cleaned_data["executed_on"],
            number=form.cleaned_data["number"],
            expected_version=form.cleaned_data["version"],
            actor=_user(request),
        ),
        success=_("Die Mitgliedschaft ist vollzogen und in der Mitgliederliste eingetragen."),
        template="membership/onboarding_complete.html",
        context={"onboarding": onboarding, "deadline_text": services.progress_of(onboarding).deadline_text()},
    )


def _next_number(cooperative: Cooperative) -> str:
    numbers = [
        int(n)
        for n in Member.objects.filter(cooperative=cooperative).values_list("number", flat=True)
        if n.isdigit()
    ]
    return f"{(max(numbers) if numbers else 0) + 1:03d}"


@login_required
def onboarding_history(request: HttpRequest, pk: int) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    return history_page(request, onboarding, back_url=onboarding.get_absolute_url(), title=str(onboarding))


# --- documents -----------------------------------------------------------------------------------


@login_required
@require_POST
def document_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    if kind not in DocumentKind.values:
        raise Http404
    try:
        services.generate_document(onboarding, kind, actor=_user(request))
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Das Dokument wurde erstellt und beim Beitritt abgelegt."))
    return redirect(onboarding.get_absolute_url() + "#dokumente")


@login_required
def document_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    document = access.get_document_for(request.user, pk)
    if fmt not in ("docx", "pdf"):
        raise Http404
    content = bytes(document.docx if fmt == "docx" else document.pdf)
    response = HttpResponse(content, content_type=DOCX if fmt == "docx" else FORMATS["pdf"])
    name = slugify(f"{document.kind}-{document.onboarding.municipality}")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    access.require_office(request.user)
    cooperative = _cooperative()
    stored = {t.kind: t for t in DocumentTemplate.objects.filter(cooperative=cooperative)}
    return render(
        request,
        "membership/template_list.html",
        {"kinds": [(kind, label, stored.get(kind)) for kind, label in DocumentKind.choices]},
    )


@login_required
def template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    access.require_office(request.user)
    if kind not in DocumentKind.values:
        raise Http404
    cooperative = _cooperative()
    title, body, version = services.wording(cooperative, kind)
    form = TemplateForm(
        request.POST or None, initial={"title": title, "body": body, "version": version or None}
    )
    return _form_page(
        request,
        form,
        lambda: services.save_template(
            cooperative,
            kind,
            form.cleaned_data,
            expected_version=form.cleaned_data.get("version"),
            actor=_user(request),
        ),
        success=_("Die Vorlage wurde gespeichert."),
        template="membership/template_form.html",
        context={"label": DocumentKind(kind).label, "placeholders": documents.PLACEHOLDERS},
        done=lambda _saved: reverse("membership:template_list"),
    )


# --- member register -----------------------------------------------------------------------------

REGISTER_COLUMNS = [
    "Mitgliedsnummer",
    "Name / Firma",
    "Anschrift",
    "Amtlicher Schlüssel",
    "Geschäftsanteile",
    "davon weitere Geschäftsanteile",
    "Eintritt wirksam am",
    "Änderungen der Anteile (wirksam am)",
    "Kündigung eingegangen am",
    "Austritt wirksam am",
    "Grund des Ausscheidens",
    "Aufbewahrung bis",
    "Eingezahlt (€)",
    "Quelle",
]


MEMBERS_PER_PAGE = 100


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    access.require_office(request.user)
    cooperative = _cooperative()
    register = Member.objects.filter(cooperative=cooperative)
    members = register.annotate(paid=Sum("payments__amount")).order_by("number")
    fmt = requested_format(request)
    if fmt:  # the export is the whole register; the page shows it in pages
        rows = list(members.prefetch_related("share_events"))
        return download(_register_table(cooperative, rows), fmt, filename="mitgliederliste")
    today = _today()
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("seite"))
    return render(
        request,
        "membership/member_list.html",
        {
            "cooperative": cooperative,
            "members": page,
            "page": page,
            "active": register.not_left_by(today).count(),
            "formats": list(FORMATS),
        },
    )


def _register_table(cooperative: Cooperative, members: list[Member]) -> Table:
    rows: list[list[Any]] = []
    for m in members:
        changes = "; ".join(f"{e.effective_on:%d.%m.%Y}: {e.delta:+d}" for e in m.share_events.all())
        rows.append(
            [
                m.number,
                m.legal_name,
                m.address,
                m.official_key,
                m.shares,
                m.additional_shares,
                m.admitted_on,
                changes,
                m.exit_notice_on,
                m.exit_on,
                m.exit_reason,
                m.retention_until,
                m.paid or Decimal("0.00"),  # type: ignore[attr-defined]
                m.source,
            ]
        )
    return Table(
        title=_("Mitgliederliste (§ 30 GenG)"),
        subtitle=f"{cooperative.name}, {cooperative.city} – Stand {_today():%d.%m.%Y}",
        columns=[_(c) for c in REGISTER_COLUMNS],
        rows=rows,
        notes=[
            _(
                "Geschäftsanteil je %(amount)s. Unterlagen werden drei Jahre ab Ende des Kalenderjahres des "
                "Ausscheidens aufbewahrt (§ 30 Abs. 3 GenG)."
            )
            % {"amount": rules.euro(cooperative.share_amount)}
        ],
    )


@login_required
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.get_member_for(request.user, pk)
    office = access.is_office(request.user)
    return render(
        request,
        "membership/member_detail.html",
        {
            "member": member,
            "payments": member.payments.all(),
            "share_events": member.share_events.all(),
            "is_office": office,
            "payment_form": PaymentForm(
                initial={"amount": member.cooperative.share_amount, "paid_on": _today()}
            ),
            "exit_form": ExitForm(initial={"version": member.version, "notice_on": _today()}),
            "exit_rule": _("%(m)d Monate zum Ende des Geschäftsjahres (%(d)02d.%(mo)02d.)")
            % {
                "m": member.cooperative.notice_months,
                "d": member.cooperative.year_end_day,
                "mo": member.cooperative.year_end_month,
            },
        },
    )


@login_required
def member_exit(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.get_member_for(request.user, pk, write=True)
    form = ExitForm(request.POST or None, initial={"version": member.version, "notice_on": _today()})
    return _form_page(
        request,
        form,
        lambda: services.record_exit_notice(
            member,
            notice_on=form.cleaned_data["notice_on"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            actor=_user(request),
        ),
        success=_("Die Kündigung ist eingetragen; der Austritt wird zum berechneten Datum wirksam."),
        template="membership/member_exit.html",
        context={"member": member},
    )


@login_required
def payment_create(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.get_member_for(request.user, pk, write=True)
    form = PaymentForm(
        request.POST or None, initial={"amount": member.cooperative.share_amount, "paid_on": _today()}
    )
    return _form_page(
        request,
        form,
        lambda: services.record_payment(member, form.cleaned_data, actor=_user(request)),
        success=_("Die Einzahlung wurde erfasst."),
        template="membership/payment_form.html",
        context={"member": member},
        done=lambda _saved: member.get_absolute_url(),
    )


@login_required
def member_history(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.get_member_for(request.user, pk, write=True)
    return history_page(request, member, back_url=member.get_absolute_url(), title=str(member))


# --- catalogue and commissions -------------------------------------------------------------------


@login_required
def service_list(request: HttpRequest) -> HttpResponse:
    access.require_member_area(request.user)
    cooperative = _cooperative()
    services_by_category = [
        (
            label,
            [s for s in Service.objects.filter(cooperative=cooperative, is_active=True) if s.category == key],
        )
        for key, label in ServiceCategory.choices
    ]
    own = access.own_ids(request.user)
    return render(
        request,
        "membership/service_list.html",
        {
            "cooperative": cooperative,
            "categories": services_by_category,
            "own_members": Member.objects.filter(cooperative=cooperative, municipality_id__in=own),
            "own_onboardings": Onboarding.objects.filter(cooperative=cooperative, municipality_id__in=own)
            .select_related("municipality")
            .filter(status=OnboardingStatus.ACTIVE),
        },
    )


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    access.require_member_area(request.user)
    requests = (
        access.requests_for(request.user)
        .select_related("member", "service")
        .prefetch_related(Prefetch("offer", queryset=Offer.objects.select_related("order")))
    )
    return render(
        request,
        "membership/request_list.html",
        {"requests": list(requests), "is_office": access.is_office(request.user)},
    )


@login_required
def request_create(request: HttpRequest) -> HttpResponse:
    access.require_member_area(request.user)
    cooperative = _cooperative()
    own = sorted(access.own_ids(request.user))
    catalogue = Service.objects.filter(cooperative=cooperative, is_active=True)
    members = None
    if access.is_office(request.user) and not own:
        members = Member.objects.filter(cooperative=cooperative, exit_on__isnull=True)
    form = RequestForm(request.POST or None, services=catalogue, members=members, initial=request.GET or None)

    def save() -> ServiceRequest:
        data = form.cleaned_data
        unit = data["member"].municipality if "member" in data else Municipality.objects.get(pk=own[0])
        return services.request_service(cooperative, unit, data, actor=_user(request))

    return _form_page(
        request,
        form,
        save,
        success=_("Ihre Anfrage ist eingegangen; die Genossenschaft erstellt ein Angebot."),
        template="membership/request_form.html",
        context={},
    )


def _lines_initial(offer: Offer | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if offer is not None:
        rows = [
            {"text": x.text, "quantity": x.quantity, "unit": x.unit, "unit_price": x.unit_price}
            for x in offer.lines.all()
        ]
    return rows + [{}] * max(3 - len(rows), 1)


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service_request = access.get_request_for(request.user, pk)
    offer = Offer.objects.filter(request=service_request).prefetch_related("lines").first()
    order = Order.objects.filter(offer=offer).first() if offer else None
    return render(
        request,
        "membership/request_detail.html",
        {
            "req": service_request,
            "offer": offer,
            "lines": [(x, rules.line_total(x.quantity, x.unit_price)) for x in offer.lines.all()]
            if offer
            else [],
            "totals": services.totals_of(offer) if offer else None,
            "order": order,
            "is_office": access.is_office(request.user),
            "can_decide": access.can_decide(request.user, service_request)
            and offer is not None
            and offer.status == OfferStatus.SENT,
            "version_form": VersionForm(initial={"version": service_request.version}),
        },
    )


@login_required
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service_request = access.get_request_for(request.user, pk, write=True)
    offer = Offer.objects.filter(request=service_request).first()
    if offer is not None and offer.status != OfferStatus.DRAFT:
        messages.error(request, _("Das Angebot ist schon versandt und kann nicht mehr geändert werden."))
        return redirect(service_request)
    initial = {
        "version": service_request.version,
        "title": offer.title if offer else service_request.service.name,
        "vat_treatment": offer.vat_treatment if offer else "standard",
        "valid_until": offer.valid_until if offer else _today() + dt.timedelta(days=30),
        "note": offer.note if offer else "",
    }
    form = OfferForm(request.POST or None, initial=initial)
    lines = LineFormSet(request.POST or None, initial=_lines_initial(offer), prefix="pos")
    return _form_page(
        request,
        form,
        lambda: services.save_offer(
            service_request,
            form.cleaned_data,
            [
                services.LineInput(d["text"], d["quantity"], d["unit"], d["unit_price"])
                for d in lines.cleaned_data
                if d.get("text")
            ],
            expected_version=form.cleaned_data["version"],
            actor=_user(request),
        ),
        success=_("Das Angebot wurde gespeichert."),
        template="membership/offer_form.html",
        context={"req": service_request, "lines": lines},
        done=lambda _saved: service_request.get_absolute_url(),
        valid=lines.is_valid() if request.method == "POST" else True,
    )


@login_required
@require_POST
def offer_send(request: HttpRequest, pk: int) -> HttpResponse:
    service_request = access.get_request_for(request.user, pk, write=True)
    return _post_action(
        request,
        lambda version: services.send_offer(service_request, expected_version=version, actor=_user(request)),
        success=_("Das Angebot wurde an das Mitglied versandt."),
        back=service_request.get_absolute_url(),
    )


@login_required
@require_POST
def offer_decide(request: HttpRequest, pk: int) -> HttpResponse:
    service_request = access.get_request_for(request.user, pk)
    if not access.can_decide(request.user, service_request):
        raise PermissionDenied
    accept = request.POST.get("decision") == "accept"
    return _post_action(
        request,
        lambda version: services.decide_offer(
            service_request, accept=accept, expected_version=version, actor=_user(request)
        ),
        success=_("Angebot angenommen – der Auftrag ist erteilt.") if accept else _("Angebot abgelehnt."),
        back=service_request.get_absolute_url(),
    )


@login_required
def turnover_report(request: HttpRequest) -> HttpResponse:
    access.require_office(request.user)
    cooperative = _cooperative()
    rows = services.turnover_report(cooperative)
    fmt = requested_format(request)
    labels = {
        "ok": _("erfüllt"),
        "warning": _("Warnung: unter 85 %"),
        "failed": _("nicht erfüllt"),
        "none": "–",
    }
    if fmt:
        table = Table(
            title=_("Umsatz mit Mitgliedern (80-%-Kriterium, § 108 GWB)"),
            subtitle=cooperative.name,
            columns=[
                _("Jahr"),
                _("Mitglieder (€)"),
                _("Dritte (€)"),
                _("Anteil Mitglieder (%)"),
                _("Dreijahresmittel (%)"),
                _("Kriterium"),
            ],
            rows=[[r.year, r.members, r.others, r.share, r.average3, labels[r.status]] for r in rows],
            notes=[
                _(
                    "Maßgeblich ist der durchschnittliche Gesamtumsatz der letzten drei Jahre "
                    "(§ 108 Abs. 7 GWB)."
                )
            ],
        )
        return download(table, fmt, filename="inhouse-umsatzanteil")
    return render(
        request,
        "membership/turnover_report.html",
        {"rows": [(r, labels[r.status]) for r in rows], "formats": list(FORMATS), "cooperative": cooperative},
    )
