from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.forms import submit
from ikz.transfer import services
from ikz.transfer.forms import TransferForm


@login_required
def transfer_create(request: HttpRequest) -> HttpResponse:
    """Platform-wide office only: a new region is created."""
    if not roles_of(request.user).office_global:
        raise PermissionDenied
    form = TransferForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        submission = submit(
            request,
            form,
            lambda: services.transfer_setup(
                form.cleaned_data["source"],
                name=form.cleaned_data["name"],
                slug=form.cleaned_data["slug"],
                actor=request.user,  # type: ignore[arg-type]
            ),
            success=_("Die neue Region ist eingerichtet."),
        )
        result, form = submission.saved, submission.form
    return render(request, "transfer/transfer_form.html", {"form": form, "result": result})
