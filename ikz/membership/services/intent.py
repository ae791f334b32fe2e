"""Letters of intent (Absichtserklärung): the stage before step 1 of the onboarding. A letter is
recorded for a body that may join and is neither a member nor already on its way; starting the
onboarding from it links the two (decision 224)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import create_object, record, update_versioned
from ikz.membership.models import Cooperative, LetterOfIntent, Onboarding
from ikz.membership.queries import active_member, eligibility_of
from ikz.membership.services.onboarding import start_onboarding

LETTER_FIELDS = ("signed_on", "signatory", "note", "is_illustrative")


@transaction.atomic
def record_letter(
    cooperative: Cooperative, values: Mapping[str, Any], *, actor: User | None
) -> LetterOfIntent:
    municipality = values.get("municipality")
    if municipality is None:
        raise ValidationError({"municipality": _("Bitte die Kommune oder Organisation wählen.")})
    eligibility = eligibility_of(municipality)
    if not eligibility.eligible:
        raise ValidationError({"municipality": eligibility.reason})
    signed_on = values.get("signed_on")
    if signed_on is None or signed_on > timezone.localdate():
        raise ValidationError(
            {"signed_on": _("Die Absichtserklärung kann nicht in der Zukunft unterzeichnet sein.")}
        )
    if active_member(municipality.pk, signed_on, cooperative):
        raise ValidationError({"municipality": _("%(m)s ist bereits Mitglied.") % {"m": municipality}})
    if LetterOfIntent.objects.filter(
        cooperative=cooperative, municipality=municipality, withdrawn_on__isnull=True
    ).exists():
        raise ValidationError(
            {"municipality": _("Für %(m)s liegt bereits eine Absichtserklärung vor.") % {"m": municipality}}
        )
    letter = LetterOfIntent(
        cooperative=cooperative,
        municipality=municipality,
        **{k: values.get(k) or ("" if k in ("signatory", "note") else values.get(k)) for k in LETTER_FIELDS},
    )
    letter.is_illustrative = bool(values.get("is_illustrative"))
    return create_object(letter, actor=actor)


@transaction.atomic
def start_from_letter(letter: LetterOfIntent, *, actor: User | None) -> Onboarding:
    """Step 1 of the onboarding for the body that signed ``letter``."""
    letter = LetterOfIntent.objects.select_for_update().get(pk=letter.pk)
    if letter.onboarding_id is not None:
        raise ValidationError(_("Der Beitritt zu dieser Absichtserklärung läuft bereits."))
    if letter.withdrawn_on is not None:
        raise ValidationError(_("Die Absichtserklärung ist zurückgezogen."))
    onboarding = start_onboarding(
        letter.cooperative,
        letter.municipality,
        {"contact_name": letter.signatory, "is_illustrative": letter.is_illustrative},
        actor=actor,
    )
    update_versioned(
        LetterOfIntent, letter.pk, {"onboarding": onboarding}, expected_version=letter.version, actor=actor
    )
    record(onboarding, Action.UPDATE, actor=actor, message=_("aus der Absichtserklärung begonnen"))
    return onboarding


@transaction.atomic
def withdraw_letter(
    letter: LetterOfIntent, *, actor: User | None, today: dt.date | None = None
) -> LetterOfIntent:
    """The body withdrew its letter of intent (before its onboarding began)."""
    if letter.onboarding_id is not None:
        raise ValidationError(
            _(
                "Der Beitritt läuft bereits; zurückgezogen wird dann der Beitritt, "
                "nicht die Absichtserklärung."
            )
        )
    if letter.withdrawn_on is not None:
        raise ValidationError(_("Die Absichtserklärung ist bereits zurückgezogen."))
    return update_versioned(
        LetterOfIntent,
        letter.pk,
        {"withdrawn_on": today or timezone.localdate()},
        expected_version=letter.version,
        actor=actor,
        message=_("zurückgezogen"),
    )


@transaction.atomic
def set_growth_goal(
    cooperative: Cooperative, values: Mapping[str, Any], *, expected_version: int, actor: User | None
) -> Cooperative:
    """The number of members the cooperative aims at, and by which day (seed 000: 50 by 2025)."""
    goal, by = values.get("growth_goal"), values.get("growth_goal_by")
    if by is not None and goal is None:
        raise ValidationError(
            {"growth_goal": _("Bitte die Zahl der Mitglieder angeben, die bis dahin erreicht sein soll.")}
        )
    return update_versioned(
        Cooperative,
        cooperative.pk,
        {"growth_goal": goal, "growth_goal_by": by},
        expected_version=expected_version,
        actor=actor,
        message=_("Wachstumsziel"),
    )
