"""Read side of the pipeline page: every candidate with step, next due date and blockers, in a
constant number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ikz.membership import rules, services
from ikz.membership.models import (
    CheckIn,
    CommitteeSession,
    Cooperative,
    Member,
    Onboarding,
    OnboardingStatus,
    OpenQuestion,
    Payment,
    SessionOutcome,
)


@dataclass
class PipelineRow:
    onboarding: Onboarding
    progress: services.Progress
    next_date: dt.date | None
    next_label: str
    blockers: list[str]

    @property
    def days_left(self) -> int | None:
        d = self.progress.deadline
        return d.days_left(dt.date.today()) if d and self.onboarding.step >= 3 else None


def pipeline(cooperative: Cooperative, today: dt.date, *, include_done: bool = False) -> list[PipelineRow]:
    onboardings = list(
        Onboarding.objects.filter(cooperative=cooperative)
        .filter(
            Q(status=OnboardingStatus.ACTIVE) | Q(status=OnboardingStatus.MEMBER)
            if include_done
            else Q(status=OnboardingStatus.ACTIVE)
        )
        .select_related("municipality__parent", "municipality__kreis", "municipality__current_population")
        .order_by("-step", "municipality__short_name")
    )
    ids = [o.pk for o in onboardings]
    sessions: dict[int, list[CommitteeSession]] = defaultdict(list)
    for session in CommitteeSession.objects.filter(onboarding_id__in=ids):
        sessions[session.onboarding_id].append(session)
    checkins = dict(
        CheckIn.objects.filter(onboarding_id__in=ids)
        .values("onboarding_id")
        .annotate(n=Count("pk"))
        .values_list("onboarding_id", "n")
    )
    questions = dict(
        OpenQuestion.objects.filter(onboarding_id__in=ids, answered_on__isnull=True)
        .values("onboarding_id")
        .annotate(n=Count("pk"))
        .values_list("onboarding_id", "n")
    )
    members = {m.onboarding_id: m for m in Member.objects.filter(onboarding_id__in=ids)}
    paid = dict(
        Payment.objects.filter(member__onboarding_id__in=ids)
        .values("member__onboarding_id")
        .annotate(last=Max("paid_on"))
        .values_list("member__onboarding_id", "last")
    )
    rows = []
    for o in onboardings:
        facts = services.facts_of(
            o,
            sessions[o.pk],
            checkins.get(o.pk, 0),
            questions.get(o.pk, 0),
            members.get(o.pk),
            paid.get(o.pk),
        )
        progress = services.Progress(
            facts, services.deadline_of(o, sessions[o.pk]), services.rule_of(o.municipality, today)
        )
        next_date, label = _next_due(o, sessions[o.pk], progress, today)
        rows.append(PipelineRow(o, progress, next_date, label, progress.blockers(o.step, today)))
    return rows


def _next_due(
    o: Onboarding, sessions: list[CommitteeSession], progress: services.Progress, today: dt.date
) -> tuple[dt.date | None, str]:
    if o.step == 1 and o.kickoff_on and o.kickoff_on >= today:
        return o.kickoff_on, _("Auftaktmeeting")
    d = progress.deadline
    counts_before_decision = progress.rule is not None and progress.rule.anchor in (
        rules.Anchor.BEFORE_COUNCIL_DECISION,
        rules.Anchor.BEFORE_DECISION,
    )
    warn = o.step <= 2 and o.notice_sent_on is None and counts_before_decision
    if warn and d is not None and d.latest_notice and d.latest_notice >= today:
        return d.latest_notice, _("spätester Tag der Anzeige (vor dem Beschluss)")
    if o.step == 2:
        upcoming = [s for s in sessions if s.outcome == SessionOutcome.PLANNED and s.date >= today]
        if upcoming:
            first = min(upcoming, key=lambda s: s.date)
            return first.date, _("Sitzung %(body)s") % {"body": first.body}
    if o.step >= 3 and d is not None:
        if d.without_delay:
            return None, _("Anzeige unverzüglich")
        if o.notice_sent_on is None and d.latest_notice:
            return d.latest_notice, _("spätester Tag der Anzeige")
        if d.earliest_execution and o.executed_on is None:
            return d.earliest_execution, _("frühester Vollzug")
    return None, ""


def deadline_summary(deadline: rules.Deadline | None, today: dt.date) -> str:
    if deadline is None:
        return ""
    days = deadline.days_left(today)
    if days is None:
        return ""
    return (
        _("heute möglich") if days == 0 else ngettext("noch %(n)d Tag", "noch %(n)d Tage", days) % {"n": days}
    )
