"""Thin views: access → form → service → redirect or render, one module per section (onboarding,
documents, register, commissions); every view is re-exported here (``views.pipeline``)."""

from ikz.membership.exports import REGISTER_COLUMNS
from ikz.membership.views.catalogue import (
    member_enter,
    service_create,
    service_edit,
    service_history,
    service_retire,
    share_create,
)
from ikz.membership.views.commissions import (
    offer_decide,
    offer_edit,
    offer_send,
    request_create,
    request_detail,
    request_list,
    service_list,
    turnover_report,
)
from ikz.membership.views.documents import document_create, document_download, template_edit, template_list
from ikz.membership.views.intent import intent_create, intent_list, intent_start
from ikz.membership.views.onboarding import (
    onboarding_advance,
    onboarding_complete,
    onboarding_create,
    onboarding_detail,
    onboarding_history,
    onboarding_item_edit,
    onboarding_step_correct,
    onboarding_step_edit,
    onboarding_withdraw,
    pipeline,
)
from ikz.membership.views.register import (
    member_detail,
    member_exit,
    member_history,
    member_list,
    payment_create,
)

__all__ = [
    "REGISTER_COLUMNS",
    "document_create",
    "document_download",
    "intent_create",
    "intent_list",
    "intent_start",
    "member_detail",
    "member_enter",
    "member_exit",
    "member_history",
    "member_list",
    "offer_decide",
    "offer_edit",
    "offer_send",
    "onboarding_advance",
    "onboarding_complete",
    "onboarding_create",
    "onboarding_detail",
    "onboarding_history",
    "onboarding_item_edit",
    "onboarding_step_correct",
    "onboarding_step_edit",
    "onboarding_withdraw",
    "payment_create",
    "pipeline",
    "request_create",
    "request_detail",
    "request_list",
    "service_create",
    "service_edit",
    "service_history",
    "service_list",
    "service_retire",
    "share_create",
    "template_edit",
    "template_list",
    "turnover_report",
]
