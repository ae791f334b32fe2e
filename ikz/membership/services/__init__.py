"""State changes of the cooperative's membership part. Each takes ``actor=``, checks everything
before writing, locks and version-checks the rows it changes and writes the audit trail.

One module per section (onboarding, register, commissions, templates). The reads the services
use live in :mod:`ikz.membership.queries`; they are re-exported here for the callers that have
always found them as ``services.deadline_of`` and the like."""

from ikz.membership.queries import (
    ITEM_MODELS,
    TERRITORIAL_LEVELS,
    Progress,
    active_member,
    current_cooperative,
    deadline_of,
    eligibility_of,
    facts_of,
    member_of,
    progress_of,
    proposed_authority,
    rule_of,
    totals_of,
    turnover_report,
    wording,
)
from ikz.membership.services.catalogue import SERVICE_FIELDS, save_service, set_service_orderable
from ikz.membership.services.commissions import (
    LineInput,
    decide_offer,
    inhouse_refusal,
    request_service,
    save_offer,
    send_offer,
)
from ikz.membership.services.existing import add_shares, enter_existing_member
from ikz.membership.services.intent import (
    LETTER_FIELDS,
    record_letter,
    set_growth_goal,
    start_from_letter,
    withdraw_letter,
)
from ikz.membership.services.onboarding import (
    DATE_ORDER,
    ITEM_FIELDS,
    STEP_FIELDS,
    advance,
    check_dates,
    complete_membership,
    correct_step_date,
    save_item,
    start_onboarding,
    update_onboarding,
    withdraw_onboarding,
)
from ikz.membership.services.register import allocate_number, enter_member, record_exit_notice, record_payment
from ikz.membership.services.templates import (
    generate_document,
    remove_docx_template,
    save_docx_template,
    save_template,
)

__all__ = [
    "DATE_ORDER",
    "ITEM_FIELDS",
    "ITEM_MODELS",
    "LETTER_FIELDS",
    "SERVICE_FIELDS",
    "STEP_FIELDS",
    "TERRITORIAL_LEVELS",
    "LineInput",
    "Progress",
    "active_member",
    "add_shares",
    "advance",
    "allocate_number",
    "check_dates",
    "complete_membership",
    "correct_step_date",
    "current_cooperative",
    "deadline_of",
    "decide_offer",
    "eligibility_of",
    "enter_existing_member",
    "enter_member",
    "facts_of",
    "generate_document",
    "inhouse_refusal",
    "member_of",
    "progress_of",
    "proposed_authority",
    "record_exit_notice",
    "record_letter",
    "record_payment",
    "remove_docx_template",
    "request_service",
    "rule_of",
    "save_docx_template",
    "save_item",
    "save_offer",
    "save_service",
    "save_template",
    "send_offer",
    "set_growth_goal",
    "set_service_orderable",
    "start_from_letter",
    "start_onboarding",
    "totals_of",
    "turnover_report",
    "update_onboarding",
    "withdraw_letter",
    "withdraw_onboarding",
    "wording",
]
