"""Pure rules of the cooperative: who may join, the supervision deadlines of the states, the
competent authority in Hessen, the exit date (§ 65 GenG), the onboarding's task lists, offer sums,
the in-house share (§ 108 GWB) and the placeholders of the document templates.

No ORM, no request. Sources: ``../shared/docs/domain-reference.md`` §§ 1, 2, 5 and seed 000.
One module per section; every public name is re-exported here (``rules.exit_date``)."""

from ikz.membership.rules.authority import (
    MINISTRY,
    MINISTRY_CITIES,
    REGIERUNGSBEZIRKE,
    Authority,
    hessen_authority,
)
from ikz.membership.rules.calendar import (
    add_lead,
    add_months,
    format_day,
    previous_working_day,
    subtract_lead,
)
from ikz.membership.rules.eligibility import Eligibility, check_eligibility
from ikz.membership.rules.leaving import (
    GENG_MAX_NOTICE_MONTHS,
    GENG_MIN_NOTICE_MONTHS,
    business_year_end,
    exit_date,
    latest_exit_notice,
    retention_until,
)
from ikz.membership.rules.offers import (
    CENT,
    INHOUSE_THRESHOLD,
    VAT_RATES,
    WARNING_THRESHOLD,
    OfferTotals,
    TurnoverRow,
    inhouse_report,
    line_total,
    offer_totals,
)
from ikz.membership.rules.steps import (
    COMPLETED_FIELDS,
    OnboardingFacts,
    Task,
    blockers,
    completion_errors,
    next_member_number,
    step_correction_errors,
    step_title,
    tasks,
)
from ikz.membership.rules.supervision import (
    SUPERVISION_RULES,
    Anchor,
    Deadline,
    SupervisionRule,
    anchor_label,
    rule_for,
    status_label,
    supervision_deadline,
)
from ikz.membership.rules.templates import TemplateFault, body_cases, fill, member_name, named_cases

__all__ = [
    "CENT",
    "COMPLETED_FIELDS",
    "GENG_MAX_NOTICE_MONTHS",
    "GENG_MIN_NOTICE_MONTHS",
    "INHOUSE_THRESHOLD",
    "MINISTRY",
    "MINISTRY_CITIES",
    "REGIERUNGSBEZIRKE",
    "SUPERVISION_RULES",
    "VAT_RATES",
    "WARNING_THRESHOLD",
    "Anchor",
    "Authority",
    "Deadline",
    "Eligibility",
    "OfferTotals",
    "OnboardingFacts",
    "SupervisionRule",
    "Task",
    "TemplateFault",
    "TurnoverRow",
    "add_lead",
    "add_months",
    "anchor_label",
    "blockers",
    "body_cases",
    "business_year_end",
    "check_eligibility",
    "completion_errors",
    "exit_date",
    "fill",
    "format_day",
    "hessen_authority",
    "inhouse_report",
    "latest_exit_notice",
    "line_total",
    "member_name",
    "named_cases",
    "next_member_number",
    "offer_totals",
    "previous_working_day",
    "retention_until",
    "rule_for",
    "status_label",
    "step_correction_errors",
    "step_title",
    "subtract_lead",
    "supervision_deadline",
    "tasks",
]
