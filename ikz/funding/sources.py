"""Dates and reminders of the Fördermitteldatenbank (notifications registry): each deadline of a
call 30, 7 and 1 days ahead to every office, steering group and contact person, each open
obligation of a grant notice 30, 7 and 1 days ahead to the office of its region and the contacts
of its lead; the same dates in the calendar. New and changed calls are told at once by the
service (``services.save_call``). Registered in ``FundingConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import Role, RoleAssignment
from ikz.funding import access, queries, rules
from ikz.funding.models import Deadline, Obligation
from ikz.notifications.models import Kind
from ikz.notifications.registry import CalendarDate, DateSource, Item
from ikz.notifications.registry import register as register_dates
from ikz.notifications.sources import municipality_users, office_users
from ikz.related import RelatedLink
from ikz.related import register as register_related
from ikz.tasks import OFFICE, Task, TaskSource
from ikz.tasks import register as register_task


def _window(today: dt.date) -> list[dt.date]:
    return [today + dt.timedelta(days=n) for n in rules.REMINDER_DAYS]


def deadline_items(today: dt.date) -> Iterable[Item]:
    deadlines = list(Deadline.objects.filter(date__in=_window(today)).select_related("call__programme"))
    if not deadlines:
        return
    audience = sorted(
        set(
            RoleAssignment.objects.filter(
                role__in=[Role.OFFICE, Role.STEERING, Role.CONTACT], user__is_active=True
            ).values_list("user_id", flat=True)
        )
    )
    for deadline in deadlines:
        days = rules.reminder_due(deadline.date, today)
        text = _("Frist in %(n)s Tagen (%(d)s): %(l)s – %(c)s, %(p)s") % {
            "n": days,
            "d": f"{deadline.date:%d.%m.%Y}",
            "l": deadline.label,
            "c": deadline.call.title,
            "p": deadline.call.programme.name,
        }
        for user_id in audience:
            yield Item(
                user_id,
                Kind.FUNDING_DEADLINE,
                text,
                deadline.call.get_absolute_url(),
                f"funding-deadline-{deadline.pk}-{days}",
                deadline.date,
            )


def obligation_items(today: dt.date) -> Iterable[Item]:
    obligations = list(
        Obligation.objects.filter(due_on__in=_window(today), done_on__isnull=True).select_related(
            "application"
        )
    )
    if not obligations:
        return
    offices = office_users({o.application.region_id for o in obligations})
    contacts = municipality_users({o.application.lead_id for o in obligations}, roles=(Role.CONTACT,))
    for obligation in obligations:
        days = rules.reminder_due(obligation.due_on, today)
        text = _("%(t)s fällig in %(n)s Tagen (%(d)s): %(a)s") % {
            "t": obligation.title,
            "n": days,
            "d": f"{obligation.due_on:%d.%m.%Y}",
            "a": obligation.application.title,
        }
        users = offices.get(obligation.application.region_id, set()) | contacts.get(
            obligation.application.lead_id, set()
        )
        for user_id in sorted(users):
            yield Item(
                user_id,
                Kind.FUNDING_OBLIGATION,
                text,
                obligation.get_absolute_url(),
                f"funding-obligation-{obligation.pk}-{days}",
                obligation.due_on,
            )


def due(today: dt.date) -> Iterable[Item]:
    yield from deadline_items(today)
    yield from obligation_items(today)


def dates(user: Any) -> list[CalendarDate]:
    """The deadlines of every call still ahead and the open obligations of the person's applications."""
    if not access.reads_programmes(user):
        return []
    result = [
        CalendarDate(
            uid=f"funding-deadline-{d.pk}",
            date=d.date,
            summary=_("Förderfrist: %(l)s – %(c)s") % {"l": d.label, "c": d.call.title},
            link=d.call.get_absolute_url(),
        )
        for d in Deadline.objects.filter(
            date__gte=timezone.localdate() - dt.timedelta(days=30)
        ).select_related("call")
    ]
    result += [
        CalendarDate(
            uid=f"funding-obligation-{o.pk}",
            date=o.due_on,
            summary=_("Förderpflicht: %(t)s – %(a)s") % {"t": o.title, "a": o.application.title},
            link=o.get_absolute_url(),
        )
        for o in Obligation.objects.filter(
            done_on__isnull=True, application__in=access.applications_for(user)
        ).select_related("application")
    ]
    return result


def project_links(user: Any, project: Any) -> list[RelatedLink]:
    """On a project's page: its applications with their programme, and the matching programmes."""
    links = [
        RelatedLink(
            _("Förderung: %(p)s") % {"p": a.programme.name},
            a.get_absolute_url(),
            f"{a.title}, {a.get_status_display()}",
        )
        for a in access.applications_for(user).filter(project=project).select_related("programme")
    ]
    if access.reads_programmes(user):
        links.append(
            RelatedLink(
                _("Passende Förderprogramme"), reverse("funding:matches", args=["projekt", project.pk])
            )
        )
    return links


def office_tasks(user: Any, today: dt.date) -> list[Task]:
    """The office's start page: obligations of grant notices due within 30 days or overdue."""
    due_ones = queries.due_obligations(access.applications_for(user), today)
    count = due_ones.count()
    if not count:
        return []
    overdue = due_ones.filter(due_on__lt=today).count()
    return [
        Task(
            label=_("Pflichten aus Förderbescheiden fällig"),
            count=count,
            url=reverse("funding:application_list") + "?faellig=1",
            note=_("davon %(n)s überfällig") % {"n": overdue} if overdue else _("in den nächsten 30 Tagen"),
            urgent=bool(overdue),
        )
    ]


def register() -> None:
    register_dates(DateSource("funding", due, dates, order=60))
    register_task(TaskSource("funding-office", OFFICE, office_tasks, order=60))
    register_related("projects.project", project_links)
