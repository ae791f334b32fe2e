from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _

from ikz.transfer import access, services
from ikz.transfer.forms import TransferForm
from ikz.web import AppRequest, Cleaned, edit_page


@login_required
def transfer_create(request: AppRequest) -> HttpResponse:
    """The office of a region takes over the set-up of another region (``?ziel=<slug>`` preselects
    its own region)."""
    access.check_transfer(request.user)
    targets = access.targets_for(request.user)
    preselected = targets.filter(slug=request.GET.get("ziel", "")).first()
    form = TransferForm(
        request.POST or None, targets=targets, initial={"target": preselected} if preselected else None
    )

    def save(data: Cleaned) -> services.TransferResult:
        return services.transfer_setup(data["source"], target=data["target"], actor=request.user)

    return edit_page(
        request,
        form,
        save,
        template="transfer/transfer_form.html",
        success=_("Die Einrichtung wurde übernommen."),
        context={"result": None},
        result_as="result",
    )
