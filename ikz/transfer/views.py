from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _

from ikz.transfer import access, services
from ikz.transfer.forms import TransferForm
from ikz.web import AppRequest, Cleaned, edit_page


@login_required
def transfer_create(request: AppRequest) -> HttpResponse:
    """Platform-wide office only: a new region is created."""
    if not access.can_transfer(request.user):
        raise PermissionDenied

    def save(data: Cleaned) -> services.TransferResult:
        return services.transfer_setup(
            data["source"], name=data["name"], slug=data["slug"], actor=request.user
        )

    return edit_page(
        request,
        TransferForm(request.POST or None),
        save,
        template="transfer/transfer_form.html",
        success=_("Die neue Region ist eingerichtet."),
        context={"result": None},
        result_as="result",
    )
