"""Pure rules of the survey: which questionnaire a member gets, what an answer must say, deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

EXISTS, PLANNED, CONSIDERED = "exists", "planned", "considered"


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
