"""Pure rules of the cooperative: who may join, the supervision deadlines of the states, the
competent authority in Hessen, the exit date (§ 65 GenG), the onboarding's task lists, offer sums,
the in-house share (§ 108 GWB) and the placeholders of the document templates.

No ORM, no request. Sources: ``../shared/docs/domain-reference.md`` §§ 1, 2, 5 and seed 000.
One module per section; every public name is re-exported here (``rules.exit_date``)."""

from __future__ import annotations

from ikz.membership.rules.authority import (
    MINISTRY as MINISTRY,
)
from ikz.membership.rules.authority import (
    MINISTRY_CITIES as MINISTRY_CITIES,
)
from ikz.membership.rules.authority import (
    REGIERUNGSBEZIRKE as REGIERUNGSBEZIRKE,
)
from ikz.membership.rules.authority import (
    Authority as Authority,
)
from ikz.membership.rules.authority import (
    hessen_authority as hessen_authority,
)
from ikz.membership.rules.calendar import (
    add_lead as add_lead,
)
from ikz.membership.rules.calendar import (
    add_months as add_months,
)
from ikz.membership.rules.calendar import (
    format_day as format_day,
)
from ikz.membership.rules.calendar import (
    previous_working_day as previous_working_day,
)
from ikz.membership.rules.calendar import (
    subtract_lead as subtract_lead,
)
from ikz.membership.rules.eligibility import (
    Eligibility as Eligibility,
)
from ikz.membership.rules.eligibility import (
    check_eligibility as check_eligibility,
)
from ikz.membership.rules.leaving import (
    GENG_MAX_NOTICE_MONTHS as GENG_MAX_NOTICE_MONTHS,
)
from ikz.membership.rules.leaving import (
    GENG_MIN_NOTICE_MONTHS as GENG_MIN_NOTICE_MONTHS,
)
from ikz.membership.rules.leaving import (
    business_year_end as business_year_end,
)
from ikz.membership.rules.leaving import (
    exit_date as exit_date,
)
from ikz.membership.rules.leaving import (
    latest_exit_notice as latest_exit_notice,
)
from ikz.membership.rules.leaving import (
    retention_until as retention_until,
)
from ikz.membership.rules.offers import (
    CENT as CENT,
)
from ikz.membership.rules.offers import (
    INHOUSE_THRESHOLD as INHOUSE_THRESHOLD,
)
from ikz.membership.rules.offers import (
    VAT_RATES as VAT_RATES,
)
from ikz.membership.rules.offers import (
    WARNING_THRESHOLD as WARNING_THRESHOLD,
)
from ikz.membership.rules.offers import (
    OfferTotals as OfferTotals,
)
from ikz.membership.rules.offers import (
    TurnoverRow as TurnoverRow,
)
from ikz.membership.rules.offers import (
    euro as euro,
)
from ikz.membership.rules.offers import (
    inhouse_report as inhouse_report,
)
from ikz.membership.rules.offers import (
    line_total as line_total,
)
from ikz.membership.rules.offers import (
    offer_totals as offer_totals,
)
from ikz.membership.rules.steps import (
    OnboardingFacts as OnboardingFacts,
)
from ikz.membership.rules.steps import (
    Task as Task,
)
from ikz.membership.rules.steps import (
    blockers as blockers,
)
from ikz.membership.rules.steps import (
    next_member_number as next_member_number,
)
from ikz.membership.rules.steps import (
    step_title as step_title,
)
from ikz.membership.rules.steps import (
    tasks as tasks,
)
from ikz.membership.rules.supervision import (
    SUPERVISION_RULES as SUPERVISION_RULES,
)
from ikz.membership.rules.supervision import (
    Anchor as Anchor,
)
from ikz.membership.rules.supervision import (
    Deadline as Deadline,
)
from ikz.membership.rules.supervision import (
    SupervisionRule as SupervisionRule,
)
from ikz.membership.rules.supervision import (
    anchor_label as anchor_label,
)
from ikz.membership.rules.supervision import (
    rule_for as rule_for,
)
from ikz.membership.rules.supervision import (
    status_label as status_label,
)
from ikz.membership.rules.supervision import (
    supervision_deadline as supervision_deadline,
)
from ikz.membership.rules.templates import (
    TemplateFault as TemplateFault,
)
from ikz.membership.rules.templates import (
    fill as fill,
)
