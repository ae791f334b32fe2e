"""Pure rules of the survey: which questionnaire a member gets, what an answer must say, deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ikz.lib.stand import Bound, effective_date_errors

EXISTS, PLANNED, CONSIDERED = "exists", "planned", "considered"
# what a member's answer sheet was on a day (the Rücklauf as of a Stand)
SUBMITTED, DRAFT, NOT_STARTED = "submitted", "draft", "none"


@dataclass(frozen=True)
class AnswerInput:
    """An answer as typed in, before anything is saved."""

    field_id: int
    kind: str
    title: str
    partner_ids: frozenset[int] = field(default_factory=frozenset)
    external_partners: str = ""
    since_year: int | None = None
    legal_form: str = ""
    lead_id: int | None = None
    planned_by: dt.date | None = None
    reason: str = ""
    cooperation_id: int | None = None


def answer_errors(
    answer: AnswerInput, *, own_id: int, member_ids: set[int], field_ids: set[int], today: dt.date
) -> dict[str, str]:
    """Field name → German message, for every problem of one answer."""
    errors: dict[str, str] = {}
    if answer.field_id not in field_ids:
        errors["field"] = _("Dieses Kooperationsfeld gehört nicht zu Ihrem Fragebogen.")
    if not answer.title.strip():
        errors["title"] = _("Bitte die Kooperation kurz bezeichnen.")
    outside = answer.partner_ids - member_ids
    if outside:
        errors["partners"] = _(
            "Partner außerhalb der Region bitte unter „andere oder externe Partner“ eintragen."
        )
    if own_id in answer.partner_ids:
        errors["partners"] = _("Die eigene Kommune ist ohnehin beteiligt und wird nicht als Partner gewählt.")
    if answer.lead_id is not None and answer.lead_id not in answer.partner_ids | {own_id}:
        errors["lead"] = _("Federführend kann nur die eigene Kommune oder ein gewählter Partner sein.")
    if answer.kind == PLANNED:
        if answer.planned_by is None:
            errors["planned_by"] = _(
                "Bitte angeben, bis wann die Kooperation voraussichtlich zustande kommt."
            )
        elif answer.planned_by < today:
            errors["planned_by"] = _(
                "Das Datum liegt in der Vergangenheit; eine geplante Kooperation liegt in der Zukunft."
            )
    if answer.kind == CONSIDERED:
        if not answer.reason.strip():
            errors["reason"] = _("Bitte angeben, warum die Kooperation nicht zustande gekommen ist.")
        if answer.lead_id is not None:
            errors["lead"] = _("Eine nicht zustande gekommene Kooperation hat keine Federführung.")
    if answer.since_year is not None and answer.since_year > today.year:
        errors["since_year"] = _("Das Jahr „seit“ liegt in der Zukunft.")
    return errors


def late(deadline: dt.date, today: dt.date, allow_late: bool) -> bool:
    """True when an answer may no longer be submitted."""
    return today > deadline and not allow_late


def variant_for(level: str, variants: Sequence[tuple[int, str]]) -> int | None:
    """The variant of a member's level; else the one for all levels (blank); else none."""
    for variant_id, variant_level in variants:
        if variant_level == level:
            return variant_id
    for variant_id, variant_level in variants:
        if not variant_level:
            return variant_id
    return None


def summary(answers: Sequence[tuple[str, str, str]]) -> str:
    """ "Field: title (status)" lines — what a conflict page compares."""
    return "; ".join(f"{field}: {title} ({kind})" for field, title, kind in answers) or "–"


def submission_date_errors(
    day: dt.date | None,
    *,
    today: dt.date,
    opened_on: dt.date,
    deadline: dt.date,
    allow_late: bool,
) -> dict[str, list[str]]:
    """Why ``day`` cannot be the day a sheet was submitted ("abgegeben am", decision 100): not
    after today, not before the campaign opened, and — unless late answers are allowed — not
    after the Rücklauffrist (seed 003: the 2013 Rücklauf closed on 29.5.2013)."""
    return effective_date_errors(
        day,
        today=today,
        field="submitted_on",
        label=_("Abgegeben am"),
        not_before=[Bound(opened_on, _("dem Beginn der Bestandsaufnahme"))],
        not_after=[] if allow_late else [Bound(deadline, _("der Rücklauffrist"))],
    )


def sheet_state_on(
    submitted: bool, submitted_on: dt.date | None, started_on: dt.date | None, day: dt.date
) -> str:
    """What a member's sheet was on ``day``: submitted (by then), a draft (begun by then) or not
    started. A sheet counts as submitted from its effective date ``submitted_on`` on; one that is
    was begun (typed in) after ``day`` and submitted after it was not there yet."""
    if submitted and submitted_on is not None and submitted_on <= day:
        return SUBMITTED
    if started_on is not None and started_on <= day:
        return DRAFT
    return NOT_STARTED
