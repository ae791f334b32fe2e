"""What the general assemblies give the other apps: for the cooperative's team, the last day the
invitation can go out (a reminder before it, and a calendar date) and the assembly itself in the
calendar; on the start page, the assemblies still to invite, hold or minute. Registered in
``GovernanceConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz import tasks
from ikz.accounts.access import roles_of
from ikz.governance import rules
from ikz.governance.models import Assembly, AssemblyState, GovernanceSettings, Invitation
from ikz.notifications.models import Kind
from ikz.notifications.registry import CalendarDate, DateSource, Item
from ikz.notifications.registry import register as register_dates
from ikz.notifications.sources import office_users

OPEN = "offen"  # ?offen=1 on the overview: the assemblies not yet minuted


def open_assemblies() -> list[tuple[Assembly, bool, dt.date]]:
    """(assembly, invitations sent?, last day to send them) of every assembly not yet minuted (two
    queries)."""
    notice = {s.cooperative_id: s.notice_days for s in GovernanceSettings.objects.all()}
    rows = (
        Assembly.objects.exclude(state=AssemblyState.MINUTED)
        .annotate(invited=Exists(Invitation.objects.filter(assembly=OuterRef("pk"))))
        .order_by("date", "pk")
    )
    return [
        (
            a,
            bool(a.invited),
            rules.latest_before(a.date, max(notice.get(a.cooperative_id, 14), rules.LEGAL_NOTICE_DAYS)),
        )
        for a in rows
    ]


def invitation_due(today: dt.date) -> list[Item]:
    end = today + dt.timedelta(days=settings.IKZ_NOTIFY_DAYS_BEFORE)
    rows = [(a, last) for a, invited, last in open_assemblies() if not invited and today <= last <= end]
    office = office_users([None])[None] if rows else set()
    return [
        Item(
            user_id=user_id,
            kind=Kind.OTHER,
            text=_("%(a)s: Einladung spätestens am %(d)s versenden (§ 46 GenG)")
            % {"a": a, "d": rules.fmt(last)},
            link=a.get_absolute_url(),
            key=f"governance-invite:{a.pk}:{last:%Y%m%d}",
            due_date=last,
        )
        for a, last in rows
        for user_id in sorted(office)
    ]


def assembly_dates(user: Any) -> list[CalendarDate]:
    if not roles_of(user).office_global:
        return []
    found = []
    for a, invited, last in open_assemblies():
        found.append(
            CalendarDate(uid=f"assembly-{a.pk}", date=a.date, summary=str(a), link=a.get_absolute_url())
        )
        if not invited:
            found.append(
                CalendarDate(
                    uid=f"assembly-invite-{a.pk}",
                    date=last,
                    summary=_("Letzter Tag der Einladung: %(a)s") % {"a": a},
                    link=a.get_absolute_url(),
                )
            )
    return found


def _next_step(assembly: Assembly, invited: bool, last: dt.date) -> str:
    if assembly.state == AssemblyState.HELD:
        return _("Niederschrift unterzeichnen lassen")
    if not invited:
        return _("Einladung spätestens am %(d)s versenden") % {"d": rules.fmt(last)}
    return _("Teilnahme und Abstimmungen eintragen, dann abschließen")


def cooperative_tasks(user: Any, today: dt.date) -> list[tasks.Task]:
    rows = open_assemblies()
    return [
        tasks.Task(
            label=_("Generalversammlungen in Vorbereitung oder ohne unterzeichnete Niederschrift"),
            count=len(rows),
            url=reverse("governance:overview") + f"?{OPEN}=1",
            items=tuple(
                tasks.Item(
                    text=f"{a}: {_next_step(a, invited, last)}",
                    url=a.get_absolute_url(),
                    date=None if invited else last,
                    overdue=not invited and last < today,
                )
                for a, invited, last in rows
            ),
        )
    ]


def register() -> None:
    register_dates(DateSource("governance", invitation_due, assembly_dates, order=65))
    tasks.register(tasks.TaskSource("governance-cooperative", tasks.COOPERATIVE, cooperative_tasks, order=15))
